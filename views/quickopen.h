#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QLineEdit;
class QListWidget;

namespace longshot::views {

// Ctrl+K: type part of a trader's name or wallet, or of a market's title or id, and jump to it.
// Entries are the traders and markets seen in the feed this session, newest first.
class QuickOpen final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickOpen)
public:
    enum class Kind : quint8 { Trader = 1, Market };
    struct Entry {
        Kind kind = Kind::Trader;
        QString id;    // wallet address or market id
        QString label; // trader name or market title
    };
    static constexpr int kMaxEntries = 5'000;
    static constexpr int kMaxShown = 50;

    explicit QuickOpen(QWidget *parent = nullptr);
    ~QuickOpen() override;

    // Moves an entry seen again to the front; the oldest go beyond kMaxEntries.
    void addEntry(const Entry &entry);
    int entryCount() const { return int(m_entries.size()); }
    // Case-insensitive substring of the label or the id, newest first, at most kMaxShown.
    QList<Entry> matches(const QString &text) const;

    // Clears the search and shows the box over the parent window.
    void popup();
    QLineEdit *searchField() const { return m_search; }
    QListWidget *list() const { return m_list; }
    // Picks the highlighted row, as Enter does.
    void chooseCurrent();

Q_SIGNALS:
    void traderChosen(const QString &wallet);
    void marketChosen(const QString &marketId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();

    QLineEdit *m_search;
    QListWidget *m_list;
    QList<Entry> m_entries; // newest first
};

} // namespace longshot::views
