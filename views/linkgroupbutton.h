#pragma once

#include "models/linkgroups.h"

#include <QToolButton>

class QActionGroup;

namespace longshot::views {

// The small colour square in a dock's title bar: which link group the dock follows. A click
// opens the list of colours; "Not linked" detaches the dock.
class LinkGroupButton final : public QToolButton {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkGroupButton)
public:
    explicit LinkGroupButton(QWidget *parent = nullptr);
    ~LinkGroupButton() override;

    LinkGroup group() const { return m_group; }
    // Shows `group`; does not emit groupChosen.
    void setGroup(longshot::LinkGroup group);

    // The swatch for a group at any device pixel ratio (menus reuse it).
    static QIcon swatch(LinkGroup group, const QColor &outline);

Q_SIGNALS:
    // The user picked a colour.
    void groupChosen(longshot::LinkGroup group);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QActionGroup *m_actions;
    LinkGroup m_group = LinkGroup::None;
};

} // namespace longshot::views
