#include "views/storagepanel.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {

namespace {

QString timeText(qint64 ms) {
    if (ms <= 0)
        return u"—"_s;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::LocalTime).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

} // namespace

StoragePanel::StoragePanel(QWidget *parent)
    : QWidget(parent)
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_analyze(new QPushButton(tr("Analyze"), this))
    , m_vacuum(new QPushButton(tr("Vacuum"), this))
    , m_retention(new QCheckBox(tr("Keep only the last"), this))
    , m_keepDays(new QSpinBox(this))
    , m_applyRetention(new QPushButton(tr("Delete older trades"), this))
    , m_progress(new QProgressBar(this))
    , m_message(new QLabel(this)) {
    // Two columns: where the data lives on the left, how much of it there is on the right, so the
    // panel reads at a glance in a wide bottom dock.
    auto *where = new QFormLayout;
    auto *what = new QFormLayout;
    for (QFormLayout *form : {where, what}) {
        form->setLabelAlignment(Qt::AlignRight);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    }
    // Each figure says where it comes from: a trader deciding what to keep reads these.
    addRow(where, u"database"_s, tr("Database"),
           tr("The database this window reads and the live feed writes; File → Open Database… reviews "
              "another"));
    addRow(where, u"engine"_s, tr("Engine"), tr("SQLite (one local file) or a PostgreSQL server"));
    addRow(where, u"size"_s, tr("Size"),
           tr("Space on disk: the SQLite file and its write-ahead log, or the whole PostgreSQL database"));
    addRow(where, u"schema"_s, tr("Schema"),
           tr("Version of the stored layout; newer versions migrate on open"));
    addRow(where, u"gaps"_s, tr("Open gaps"),
           tr("Stretches when the live feed was down whose missed trades the backfill has not fetched yet"));
    addRow(what, u"trades"_s, tr("Trades"),
           tr("Fills stored, all venues, at or above the collector's minimum size"));
    addRow(what, u"markets"_s, tr("Markets"), tr("Markets with stored details (title, outcomes, end date)"));
    addRow(what, u"traders"_s, tr("Traders"), tr("Wallets with a stored profile (synced history or a name)"));
    addRow(what, u"oldest"_s, tr("Oldest trade"),
           tr("Exchange time of the oldest stored trade, in local time"));
    addRow(what, u"newest"_s, tr("Newest trade"),
           tr("Exchange time of the newest stored trade, in local time"));
    auto *form = new QHBoxLayout;
    form->addLayout(where, 3);
    form->addSpacing(24);
    form->addLayout(what, 2);

    m_analyze->setToolTip(tr("Refresh the query planner's statistics (ANALYZE)"));
    m_vacuum->setToolTip(tr("Rewrite the file to reclaim free pages (VACUUM); can take minutes on a large "
                            "database and pauses storing meanwhile"));
    m_keepDays->setRange(1, 3650);
    m_keepDays->setValue(365);
    m_keepDays->setSuffix(tr(" days"));
    m_keepDays->setEnabled(false);
    m_applyRetention->setEnabled(false);
    m_applyRetention->setToolTip(tr("Deletes stored trades older than the chosen number of days"));
    connect(m_retention, &QCheckBox::toggled, this, [this](bool on) {
        m_keepDays->setEnabled(on);
        m_applyRetention->setEnabled(on);
    });
    m_progress->setVisible(false);
    m_progress->setRange(0, 100);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_analyze);
    buttons->addWidget(m_vacuum);
    buttons->addStretch();
    auto *retention = new QHBoxLayout;
    retention->addWidget(m_retention);
    retention->addWidget(m_keepDays);
    retention->addWidget(m_applyRetention);
    retention->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addLayout(retention);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addStretch();

    connect(m_refresh, &QPushButton::clicked, this, &StoragePanel::refreshRequested);
    connect(m_analyze, &QPushButton::clicked, this, [this] { Q_EMIT maintenanceRequested(true, false, 0); });
    connect(m_vacuum, &QPushButton::clicked, this, [this] { Q_EMIT maintenanceRequested(false, true, 0); });
    connect(m_applyRetention, &QPushButton::clicked, this,
            [this] { Q_EMIT maintenanceRequested(true, false, m_keepDays->value()); });
    setUnavailable(tr("No database open yet"));
}

StoragePanel::~StoragePanel() = default;

QLabel *StoragePanel::addRow(QFormLayout *form, const QString &name, const QString &label,
                             const QString &tip) {
    auto *value = new QLabel(u"—"_s, this);
    value->setObjectName(name);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setToolTip(tip);
    form->addRow(label, value);
    if (auto *caption = qobject_cast<QLabel *>(form->labelForField(value)))
        caption->setToolTip(tip);
    return value;
}

QString StoragePanel::valueText(const QString &field) const {
    const auto *label = findChild<QLabel *>(field);
    return label ? label->text() : QString();
}

QString StoragePanel::formatBytes(qint64 bytes) {
    if (bytes < 0)
        return u"unknown"_s;
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

void StoragePanel::setInfo(const StorageInfo &info) {
    const QLocale locale;
    const auto set = [this](const QString &name, const QString &text) {
        if (auto *label = findChild<QLabel *>(name))
            label->setText(text);
    };
    set(u"database"_s, info.database);
    set(u"engine"_s, info.engine);
    set(u"size"_s, formatBytes(info.sizeBytes));
    set(u"schema"_s, info.schemaVersion > 0 ? u"v%1"_s.arg(info.schemaVersion) : tr("empty database"));
    set(u"trades"_s, locale.toString(info.trades));
    set(u"markets"_s, locale.toString(info.markets));
    set(u"traders"_s, locale.toString(info.traders));
    set(u"oldest"_s, timeText(info.oldestTradeMs));
    set(u"newest"_s, timeText(info.newestTradeMs));
    set(u"gaps"_s, info.openGaps == 0 ? tr("none") : tr("%L1 waiting for backfill").arg(info.openGaps));
    for (QPushButton *b : {m_refresh, m_analyze, m_vacuum})
        b->setEnabled(true);
    if (m_showingUnavailable) // the reason no longer holds; a maintenance result stays
        m_message->clear();
    m_showingUnavailable = false;
}

void StoragePanel::setUnavailable(const QString &reason) {
    m_message->setText(reason);
    m_showingUnavailable = true;
    for (QPushButton *b : {m_analyze, m_vacuum})
        b->setEnabled(false);
}

void StoragePanel::setBusy(bool busy) {
    for (QPushButton *b : {m_refresh, m_analyze, m_vacuum, m_applyRetention})
        b->setEnabled(!busy && (b != m_applyRetention || m_retention->isChecked()));
    m_progress->setVisible(busy);
}

void StoragePanel::setMaintenanceProgress(const QString &step, int percent) {
    setBusy(true);
    if (percent < 0) {
        m_progress->setRange(0, 0); // busy indicator
    } else {
        m_progress->setRange(0, 100);
        m_progress->setValue(percent);
    }
    m_message->setText(step);
    m_showingUnavailable = false;
}

void StoragePanel::setMaintenanceFinished(bool ok, const QString &message) {
    setBusy(false);
    m_message->setText(ok ? tr("Maintenance finished: %1").arg(message)
                          : tr("Maintenance failed: %1").arg(message));
    m_showingUnavailable = false;
    Q_EMIT refreshRequested();
}

} // namespace longshot::views
