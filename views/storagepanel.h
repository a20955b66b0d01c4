#pragma once

#include <QString>
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace longshot::views {

// What the panel shows; the app fills it from storage::StorageStats (views do not see storage).
struct StorageInfo {
    QString database; // path or postgresql://user@host/db, never a password
    QString engine;   // "SQLite" / "PostgreSQL"
    int schemaVersion = 0;
    qint64 sizeBytes = -1;
    qint64 trades = 0;
    qint64 markets = 0;
    qint64 traders = 0;
    qint64 openGaps = 0;
    qint64 oldestTradeMs = 0;
    qint64 newestTradeMs = 0;
};

// The Storage dock: where the trades live and how much is there, and ANALYZE / VACUUM /
// retention on demand. Maintenance runs on the query worker; this panel shows its progress.
class StoragePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoragePanel)
public:
    explicit StoragePanel(QWidget *parent = nullptr);
    ~StoragePanel() override;

    static QString formatBytes(qint64 bytes);
    QString valueText(const QString &field) const; // for tests: "trades", "size", ...

public Q_SLOTS:
    void setInfo(const longshot::views::StorageInfo &info);
    void setUnavailable(const QString &reason);
    // percent < 0: busy without a measure (VACUUM).
    void setMaintenanceProgress(const QString &step, int percent);
    void setMaintenanceFinished(bool ok, const QString &message);

Q_SIGNALS:
    void refreshRequested();
    // keepDays 0: no retention.
    void maintenanceRequested(bool analyze, bool vacuum, int keepDays);

private:
    QLabel *addRow(QFormLayout *form, const QString &name, const QString &label, const QString &tip);
    void setBusy(bool busy);

    QPushButton *m_refresh;
    QPushButton *m_analyze;
    QPushButton *m_vacuum;
    QCheckBox *m_retention;
    QSpinBox *m_keepDays;
    QPushButton *m_applyRetention;
    QProgressBar *m_progress;
    QLabel *m_message;
    bool m_showingUnavailable = false; // m_message holds setUnavailable's reason
};

} // namespace longshot::views

Q_DECLARE_METATYPE(longshot::views::StorageInfo)
