#include "views/exportdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::views {

ExportDialog::ExportDialog(const QString &title, const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_status(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_button(new QPushButton(tr("Cancel"), this)) {
    setObjectName(u"exportDialog"_s);
    setWindowTitle(title);
    setMinimumWidth(440);
    auto *target = new QLabel(QDir::toNativeSeparators(path), this);
    target->setTextFormat(Qt::PlainText);
    target->setWordWrap(true);
    target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(u"exportStatus"_s);
    m_status->setText(tr("Preparing…"));
    m_bar->setRange(0, 0);
    m_button->setObjectName(u"exportButton"_s);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_button, QDialogButtonBox::RejectRole);
    connect(m_button, &QPushButton::clicked, this, &ExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(target);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setProgress(qint64 rows, qint64 total) {
    if (m_finished)
        return;
    if (total > 0) {
        // QProgressBar is int-ranged; per mille is fine-grained enough for a bar.
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::clamp<qint64>(rows * 1000 / total, 0, 1000)));
        m_status->setText(tr("%L1 of %L2 rows written").arg(rows).arg(total));
    } else {
        m_bar->setRange(0, 0);
        m_status->setText(tr("%L1 rows written").arg(rows));
    }
}

void ExportDialog::setSucceeded(qint64 rows) {
    m_bar->setRange(0, 1);
    m_bar->setValue(1);
    end(tr("Done: %L1 rows exported.").arg(rows));
}

void ExportDialog::setCancelled() {
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    end(tr("Cancelled; no file was written."));
}

void ExportDialog::setFailed(const QString &error) {
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    end(tr("Export failed: %1").arg(error));
}

QString ExportDialog::statusText() const {
    return m_status->text();
}

void ExportDialog::end(const QString &text) {
    m_finished = true;
    m_status->setText(text);
    m_button->setText(tr("Close"));
}

void ExportDialog::reject() {
    if (m_finished) {
        QDialog::reject();
        return;
    }
    m_button->setEnabled(false);
    m_status->setText(tr("Cancelling…"));
    Q_EMIT cancelRequested();
}

} // namespace longshot::views
