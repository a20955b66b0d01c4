#include "app/layoutmanager.h"

#include "app/logging.h"

#include <QAction>
#include <QMainWindow>

namespace longshot::app {

LayoutManager::LayoutManager(QMainWindow *window)
    : QObject(window)
    , m_window(window) {}

void LayoutManager::captureDefault() {
    m_default = m_window->saveState(kLayoutVersion);
}

bool LayoutManager::restore(const QByteArray &saved) {
    if (!saved.isEmpty() && m_window->restoreState(saved, kLayoutVersion)) {
        Q_EMIT layoutApplied(false);
        return true;
    }
    if (!saved.isEmpty())
        qCInfo(lcApp) << "saved panel layout is from another version or unreadable; using the default";
    resetToDefault();
    return false;
}

QByteArray LayoutManager::save() const {
    return m_window->saveState(kLayoutVersion);
}

void LayoutManager::resetToDefault() {
    if (m_default.isEmpty()) {
        qCWarning(lcApp) << "reset requested before the default layout was captured";
        return;
    }
    m_window->restoreState(m_default, kLayoutVersion);
    Q_EMIT layoutApplied(true);
}

void LayoutManager::setLocked(bool locked) {
    if (locked == m_locked)
        return;
    m_locked = locked;
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        applyLock(dock);
    Q_EMIT lockedChanged(m_locked);
}

void LayoutManager::adopt(QDockWidget *dock) {
    applyLock(dock);
}

void LayoutManager::applyLock(QDockWidget *dock) const {
    dock->setFeatures(m_locked ? QDockWidget::NoDockWidgetFeatures : kUnlockedFeatures);
    // QDockWidget disables its toggle action without the Closable feature; View > Panels must
    // still show and hide panels while they are locked in place (OBS does the same).
    dock->toggleViewAction()->setEnabled(true);
}

} // namespace longshot::app
