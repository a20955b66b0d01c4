#pragma once

#include "models/domain/alertengine.h"

#include <QObject>
#include <QString>

#include <functional>

class QSystemTrayIcon;

namespace longshot {
class AlertsModel;
class WhaleFeedModel;
namespace views {
class AlertsView;
}
} // namespace longshot

namespace longshot::app {

class MainWindow;

// Rules from <dir>/alert-rules.json (the defaults when absent or unreadable), evaluated on every
// trade the tape receives; fired alerts appended to <dir>/alerts.jsonl and shown in the Alerts
// dock, which also lists the stored ones, so they can be reviewed offline.
class AlertsController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsController)
public:
    using FactsProvider = std::function<AlertFacts(const Trade &)>;
    static constexpr int kLoadAtStart = 2'000;

    // `feed` may be null (no live feed); `dir` is the data directory.
    AlertsController(const QString &dir, MainWindow &window, WhaleFeedModel *feed, QObject *parent = nullptr);
    ~AlertsController() override;

    static QList<AlertRule> defaultRules();
    // Reads a rules file; nullopt when it is missing or any rule in it is invalid.
    static std::optional<QList<AlertRule>> readRules(const QString &path);
    static bool writeRules(const QString &path, const QList<AlertRule> &rules);
    // The last `limit` alerts of a JSON-lines file, oldest first; bad lines are skipped.
    static QList<FiredAlert> readAlerts(const QString &path, int limit);

    void setFactsProvider(FactsProvider provider) { m_facts = std::move(provider); }
    // Facts from the stored history, looked up off the GUI thread (AlertFactsWorker): a trade
    // that a rule needing them (grade, category, insider flags) could fire on waits for its
    // answer, given to factsAnswered(); every other trade is judged at once.
    using FactsRequest = std::function<void(quint64 id, const TradeBatch &trades)>;
    void setFactsRequest(FactsRequest request) { m_request = std::move(request); }
    void factsAnswered(quint64 id, const QList<longshot::AlertFacts> &facts);
    int waitingForFacts() const { return int(m_waiting.size()); }
    void setRules(const QList<AlertRule> &rules); // also saves them
    const QList<AlertRule> &rules() const { return m_engine.rules(); }
    AlertsModel *model() const { return m_model; }
    views::AlertsView *view() const { return m_view; }

    // Runs the rules on trades (oldest first); returns what fired.
    QList<FiredAlert> process(const TradeBatch &trades);

Q_SIGNALS:
    void fired(const QList<longshot::FiredAlert> &alerts);

private:
    void onFeedRows(int first, int last);
    AlertFacts localFacts(const Trade &trade) const;
    std::optional<Decimal> factsFloor() const;
    void deliver(const QList<FiredAlert> &all);
    void store(const QList<FiredAlert> &alerts);
    void notify(const QList<FiredAlert> &alerts);
    void editRules();
    void updateSummary();

    QString m_rulesPath;
    QString m_alertsPath;
    MainWindow &m_window;
    WhaleFeedModel *m_feed;
    AlertEngine m_engine;
    AlertsModel *m_model;
    views::AlertsView *m_view;
    QSystemTrayIcon *m_tray = nullptr;
    FactsProvider m_facts;
    FactsRequest m_request;
    QHash<quint64, TradeBatch> m_waiting;
    quint64 m_nextRequest = 0;
};

} // namespace longshot::app
