#pragma once

#include <QByteArray>
#include <QDockWidget>
#include <QObject>

class QMainWindow;

namespace longshot::app {

// Dock layout persistence for one QMainWindow, in OBS's manner: the default is captured
// right after it is built, a saved layout is restored with the same version, and a restore
// that fails (wrong version, corrupt bytes) falls back to the default instead of leaving a
// half-applied layout. Also "Lock panels": no moving, floating or closing.
class LayoutManager final : public QObject {
    Q_OBJECT
public:
    // Bump when the set of panels or their default places change: older saved layouts are
    // then ignored (restoreState refuses another version) rather than misplacing new panels.
    static constexpr int kLayoutVersion = 1;

    explicit LayoutManager(QMainWindow *window);
    Q_DISABLE_COPY_MOVE(LayoutManager)

    // Call once every panel is in its default place and before restore().
    void captureDefault();
    bool hasDefault() const { return !m_default.isEmpty(); }
    QByteArray defaultState() const { return m_default; }

    // True when `saved` was applied; false when it was empty or refused, and the default
    // layout was applied instead.
    bool restore(const QByteArray &saved);
    QByteArray save() const;
    void resetToDefault();

    bool isLocked() const { return m_locked; }
    void setLocked(bool locked);
    // Brings a dock added after setLocked() in line with the current lock.
    void adopt(QDockWidget *dock);

    static constexpr QDockWidget::DockWidgetFeatures kUnlockedFeatures{
        QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable};

Q_SIGNALS:
    void lockedChanged(bool locked);
    // After a restore or reset put panels back: sizes may need adjusting by the owner.
    void layoutApplied(bool isDefault);

private:
    void applyLock(QDockWidget *dock) const;

    QMainWindow *m_window;
    QByteArray m_default;
    bool m_locked = false;
};

} // namespace longshot::app
