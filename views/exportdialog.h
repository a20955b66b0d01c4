#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace longshot::views {

// Progress of one export: rows written (a busy bar while the total is unknown), Cancel while
// it runs, then the outcome in words and Close. It only shows; the caller owns the job and
// connects cancelRequested to it.
class ExportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)
public:
    explicit ExportDialog(const QString &title, const QString &path, QWidget *parent = nullptr);
    ~ExportDialog() override;

    // total < 0: unknown.
    void setProgress(qint64 rows, qint64 total);
    void setSucceeded(qint64 rows);
    void setCancelled();
    void setFailed(const QString &error);

    bool isFinished() const { return m_finished; }
    QString statusText() const;
    QProgressBar *progressBar() const { return m_bar; }
    QPushButton *button() const { return m_button; }

Q_SIGNALS:
    void cancelRequested();

protected:
    void reject() override; // Esc and the window's close button cancel a running export

private:
    void end(const QString &text);

    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_button;
    bool m_finished = false;
};

} // namespace longshot::views
