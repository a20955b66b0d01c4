#include "views/quickopen.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {

QuickOpen::QuickOpen(QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this)) {
    setObjectName(u"quickOpen"_s);
    setMinimumWidth(520);
    m_search->setObjectName(u"quickOpenSearch"_s);
    m_search->setPlaceholderText(tr("Jump to a trader or market seen in the feed…"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(u"quickOpenList"_s);
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, &QuickOpen::refresh);
    connect(m_search, &QLineEdit::returnPressed, this, &QuickOpen::chooseCurrent);
    connect(m_list, &QListWidget::itemActivated, this, [this] { chooseCurrent(); });
}

QuickOpen::~QuickOpen() = default;

void QuickOpen::addEntry(const Entry &entry) {
    if (entry.id.isEmpty())
        return;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].kind == entry.kind && m_entries[i].id == entry.id) {
            m_entries.removeAt(i);
            break;
        }
    }
    m_entries.prepend(entry);
    if (m_entries.size() > kMaxEntries)
        m_entries.removeLast();
}

QList<QuickOpen::Entry> QuickOpen::matches(const QString &text) const {
    QList<Entry> out;
    const QString needle = text.trimmed();
    for (const Entry &e : m_entries) {
        if (needle.isEmpty() || e.label.contains(needle, Qt::CaseInsensitive) ||
            e.id.contains(needle, Qt::CaseInsensitive)) {
            out << e;
            if (out.size() >= kMaxShown)
                break;
        }
    }
    return out;
}

void QuickOpen::popup() {
    m_search->clear();
    refresh();
    if (QWidget *host = parentWidget()) {
        const QRect area = host->window()->geometry();
        resize(qMin(640, area.width() - 40), 360);
        move(area.center().x() - width() / 2, area.top() + 80);
    }
    show();
    raise();
    activateWindow();
    m_search->setFocus();
}

void QuickOpen::refresh() {
    m_list->clear();
    for (const Entry &e : matches(m_search->text())) {
        const QString kind = e.kind == Kind::Trader ? tr("Trader") : tr("Market");
        const QString label = e.label.isEmpty() || e.label == e.id ? e.id : e.label + u"  ·  "_s + e.id;
        auto *item = new QListWidgetItem(kind + u"  "_s + label, m_list);
        item->setData(Qt::UserRole, int(e.kind));
        item->setData(Qt::UserRole + 1, e.id);
        item->setToolTip(e.id);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void QuickOpen::chooseCurrent() {
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString id = item->data(Qt::UserRole + 1).toString();
    const auto kind = Kind(item->data(Qt::UserRole).toInt());
    hide();
    if (kind == Kind::Trader)
        Q_EMIT traderChosen(id);
    else
        Q_EMIT marketChosen(id);
}

bool QuickOpen::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = m_list->currentRow() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_list->count())
                m_list->setCurrentRow(row);
            return true;
        }
        if (key == Qt::Key_Escape) {
            hide();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace longshot::views
