#include "app/alertscontroller.h"

#include "app/logging.h"
#include "app/mainwindow.h"
#include "models/alertsmodel.h"
#include "models/moneyformat.h"
#include "models/whalefeedmodel.h"
#include "views/alertsview.h"

#include <QApplication>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::app {

AlertsController::AlertsController(const QString &dir, MainWindow &window, WhaleFeedModel *feed,
                                   QObject *parent)
    : QObject(parent)
    , m_rulesPath(QDir(dir).filePath(u"alert-rules.json"_s))
    , m_alertsPath(QDir(dir).filePath(u"alerts.jsonl"_s))
    , m_window(window)
    , m_feed(feed)
    , m_model(new AlertsModel(this))
    , m_view(new views::AlertsView(m_model)) {
    qRegisterMetaType<longshot::FiredAlert>();
    m_engine.setRules(readRules(m_rulesPath).value_or(defaultRules()));
    m_model->setAlerts(readAlerts(m_alertsPath, kLoadAtStart));
    window.replacePanelContent(PanelName::Alerts, m_view);
    connect(m_view, &views::AlertsView::rulesRequested, this, &AlertsController::editRules);
    connect(m_view, &views::AlertsView::clearRequested, m_model, &AlertsModel::clear);
    if (m_feed) {
        connect(m_feed, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onFeedRows(first, last); });
    }
    updateSummary();
}

AlertsController::~AlertsController() = default;

QList<AlertRule> AlertsController::defaultRules() {
    AlertRule whales;
    whales.id = u"default-whales"_s;
    whales.name = tr("Whale ≥ $25k");
    whales.minUsd = Decimal::fromMicros(25'000 * Decimal::kOne);
    whales.actions = AlertAction::Pin | AlertAction::Highlight;
    whales.cooldownMs = 5 * 60'000;

    AlertRule longShots;
    longShots.id = u"default-longshots"_s;
    longShots.name = tr("Long-shot buy ≥ $5k");
    longShots.minUsd = Decimal::fromMicros(5'000 * Decimal::kOne);
    longShots.side = Side::Buy;
    longShots.maxPrice = Decimal::fromMicros(400'000);
    longShots.actions = AlertAction::Pin;
    longShots.cooldownMs = 10 * 60'000;

    AlertRule followed;
    followed.id = u"default-watchlist"_s;
    followed.name = tr("Followed wallet or market");
    followed.source = AlertSource::Watchlist;
    followed.actions = AlertAction::Pin | AlertAction::Tray | AlertAction::Highlight;
    followed.cooldownMs = 60'000;

    AlertRule insider;
    insider.id = u"default-insider"_s;
    insider.name = tr("Insider candidate");
    insider.minUsd = Decimal::fromMicros(2'000 * Decimal::kOne);
    insider.requiredFlags = InsiderFlag::FreshWallet | InsiderFlag::FewMarkets;
    insider.actions = AlertAction::Pin | AlertAction::Tray | AlertAction::Sound | AlertAction::Highlight;
    insider.cooldownMs = 30 * 60'000;
    return {whales, longShots, followed, insider};
}

std::optional<QList<AlertRule>> AlertsController::readRules(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject() || doc.object()[u"version"_s].toInt() != 1)
        return std::nullopt;
    QList<AlertRule> rules;
    for (const QJsonValue &v : doc.object()[u"rules"_s].toArray()) {
        const std::optional<AlertRule> rule = AlertRule::fromJson(v.toObject());
        if (!rule)
            return std::nullopt;
        rules << *rule;
    }
    return rules;
}

bool AlertsController::writeRules(const QString &path, const QList<AlertRule> &rules) {
    QJsonArray array;
    for (const AlertRule &r : rules)
        array.append(r.toJson());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"rules"_s, array}}).toJson());
    return file.commit();
}

QList<FiredAlert> AlertsController::readAlerts(const QString &path, int limit) {
    QList<FiredAlert> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (const std::optional<FiredAlert> a =
                doc.isObject() ? FiredAlert::fromJson(doc.object()) : std::nullopt)
            out << *a;
        if (out.size() > 2 * limit)
            out.remove(0, out.size() - limit);
    }
    if (out.size() > limit)
        out.remove(0, out.size() - limit);
    return out;
}

void AlertsController::setRules(const QList<AlertRule> &rules) {
    m_engine.setRules(rules);
    if (!writeRules(m_rulesPath, rules))
        qCWarning(lcApp).noquote() << "cannot write the alert rules to" << m_rulesPath;
    updateSummary();
}

AlertFacts AlertsController::localFacts(const Trade &trade) const {
    return m_facts ? m_facts(trade) : AlertFacts{};
}

// The smallest trade a rule that needs stored facts could fire on; none without such rules.
std::optional<Decimal> AlertsController::factsFloor() const {
    std::optional<Decimal> floor;
    for (const AlertRule &r : m_engine.rules()) {
        const bool needsStore = !r.categories.isEmpty() || r.minGrade || r.requiredFlags != InsiderFlags();
        if (r.enabled && needsStore && (!floor || r.minUsd < *floor))
            floor = r.minUsd;
    }
    return floor;
}

QList<FiredAlert> AlertsController::process(const TradeBatch &trades) {
    // A stalled lookup must not hold trades without bound: past this they are judged at once.
    constexpr qsizetype kMaxWaiting = 64;
    const std::optional<Decimal> floor =
        m_request && m_waiting.size() < kMaxWaiting ? factsFloor() : std::optional<Decimal>();
    TradeBatch later;
    QList<FiredAlert> all;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Trade &t : trades) {
        if (floor && t.notional().value_or(Decimal()) >= *floor)
            later << t;
        else
            all += m_engine.evaluate(t, localFacts(t), now);
    }
    if (!later.isEmpty()) {
        const quint64 id = ++m_nextRequest;
        m_waiting.insert(id, later);
        m_request(id, later);
    }
    deliver(all);
    return all;
}

void AlertsController::factsAnswered(quint64 id, const QList<AlertFacts> &facts) {
    const TradeBatch trades = m_waiting.take(id);
    QList<FiredAlert> all;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < trades.size(); ++i) {
        const Trade &t = trades.at(i);
        AlertFacts f = facts.value(i);
        const AlertFacts local = localFacts(t);
        f.walletFollowed = local.walletFollowed;
        f.marketFollowed = local.marketFollowed;
        all += m_engine.evaluate(t, f, now);
    }
    deliver(all);
}

void AlertsController::deliver(const QList<FiredAlert> &all) {
    if (all.isEmpty())
        return;
    store(all);
    QList<FiredAlert> pinned;
    for (const FiredAlert &a : std::as_const(all)) {
        if (a.actions.testFlag(AlertAction::Pin))
            pinned << a;
    }
    m_model->addAlerts(pinned);
    notify(all);
    Q_EMIT fired(all);
}

void AlertsController::onFeedRows(int first, int last) {
    TradeBatch trades;
    // Rows are newest first; the engine sees them in the order they happened.
    for (int r = qMin(last, m_feed->rowCount() - 1); r >= first; --r)
        trades << m_feed->tradeAt(r);
    process(trades);
}

void AlertsController::store(const QList<FiredAlert> &alerts) {
    QFile file(m_alertsPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        qCWarning(lcApp).noquote() << "cannot append alerts to" << m_alertsPath << file.errorString();
        return;
    }
    QByteArray bytes;
    for (const FiredAlert &a : alerts)
        bytes += QJsonDocument(a.toJson()).toJson(QJsonDocument::Compact) + '\n';
    file.write(bytes);
}

void AlertsController::notify(const QList<FiredAlert> &alerts) {
    bool sound = false;
    QStringList tray;
    for (const FiredAlert &a : alerts) {
        sound = sound || a.actions.testFlag(AlertAction::Sound);
        if (a.actions.testFlag(AlertAction::Tray)) {
            const std::optional<Decimal> notional = a.trade.notional();
            tray << u"%1: %2 %3 %4"_s.arg(a.ruleName, a.trade.traderLabel(),
                                          notional ? formatUsd(*notional, 0) : QString(),
                                          a.trade.marketTitle);
        }
    }
    if (sound)
        QApplication::beep();
    if (!tray.isEmpty() && QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_window.windowIcon(), this);
            m_tray->show();
        }
        m_tray->showMessage(tr("Longshot alert"), tray.join(u'\n'), QSystemTrayIcon::Information, 8000);
    }
}

void AlertsController::editRules() {
    // The rules as JSON: every field the engine knows, checked before anything is replaced.
    QDialog dialog(&m_window);
    dialog.setWindowTitle(tr("Alert Rules"));
    auto *help = new QLabel(
        tr("One object per rule. source: all, watchlist, wallets, market. Amounts and prices are "
           "exact decimal strings. requiredFlags: 1 fresh wallet, 2 few markets, 4 one-market "
           "concentration, 8 size against liquidity. actions: 1 tray, 2 sound, 4 highlight, 8 pin."),
        &dialog);
    help->setWordWrap(true);
    help->setTextFormat(Qt::PlainText);
    auto *edit = new QPlainTextEdit(&dialog);
    edit->setObjectName(u"alertRulesEditor"_s);
    QJsonArray array;
    for (const AlertRule &r : m_engine.rules())
        array.append(r.toJson());
    edit->setPlainText(QString::fromUtf8(QJsonDocument(array).toJson()));
    auto *error = new QLabel(&dialog);
    error->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Save | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, &dialog);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(help);
    layout->addWidget(edit, 1);
    layout->addWidget(error);
    layout->addWidget(buttons);
    dialog.resize(640, 560);
    QList<AlertRule> chosen;
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, &dialog, [edit] {
        QJsonArray defaults;
        for (const AlertRule &r : defaultRules())
            defaults.append(r.toJson());
        edit->setPlainText(QString::fromUtf8(QJsonDocument(defaults).toJson()));
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(edit->toPlainText().toUtf8(), &parseError);
        if (!doc.isArray()) {
            error->setText(tr("Not a JSON array: %1").arg(parseError.errorString()));
            return;
        }
        QList<AlertRule> rules;
        for (const QJsonValue &v : doc.array()) {
            const std::optional<AlertRule> rule = AlertRule::fromJson(v.toObject());
            if (!rule) {
                error->setText(tr("Rule %1 is incomplete or has a bad value.").arg(rules.size() + 1));
                return;
            }
            rules << *rule;
        }
        chosen = rules;
        dialog.accept();
    });
    if (dialog.exec() == QDialog::Accepted)
        setRules(chosen);
}

void AlertsController::updateSummary() {
    int on = 0;
    for (const AlertRule &r : m_engine.rules())
        on += r.enabled ? 1 : 0;
    m_view->setRuleSummary(tr("%n rule(s) on", nullptr, on));
}

} // namespace longshot::app
