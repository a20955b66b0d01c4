#pragma once

#include "models/domain/feedstatus.h"

#include <QMap>
#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QTimer;

namespace longshot::views {

// Compact status-bar strip: per feed a coloured dot and state, messages per second,
// rejected messages (reasons in the tooltip), dropped batches and the age of the last
// trade, then the storage line. Labels carry object names "<feed>.state", "<feed>.rate",
// "<feed>.rejected", "<feed>.dropped", "<feed>.age" and "storage".
class FeedStatusWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedStatusWidget)
public:
    explicit FeedStatusWidget(QWidget *parent = nullptr);
    ~FeedStatusWidget() override;

    // The clock that ages "last trade"; tests pin it.
    void setClock(std::function<qint64()> nowMs);
    QStringList feeds() const { return m_feeds.keys(); }

    // "0s", "59s", "4m 10s", "2h 05m", "3d": short enough for a status bar.
    static QString formatAge(qint64 ageMs);
    static QColor stateColor(FeedState state);

public Q_SLOTS:
    // Adds the feed on first sight, updates it after; keyed by FeedStatus::feed.
    void setStatus(const longshot::FeedStatus &status);
    void removeFeed(const QString &feed);
    void setStorageStatus(const QString &text);

private:
    struct FeedLabels {
        QWidget *box = nullptr;
        QLabel *dot = nullptr;
        QLabel *state = nullptr;
        QLabel *rate = nullptr;
        QLabel *rejected = nullptr;
        QLabel *dropped = nullptr;
        QLabel *age = nullptr;
        FeedStatus status;
    };

    FeedLabels makeFeed(const QString &feed);
    void refreshAges();
    void updateTimer();

    QHBoxLayout *m_layout;
    QLabel *m_storage;
    QTimer *m_ageTimer;
    QMap<QString, FeedLabels> m_feeds;
    std::function<qint64()> m_now;
};

} // namespace longshot::views
