#pragma once

#include <QIODevice>
#include <QString>
#include <QStringList>

namespace longshot::storage {

// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF.
// Text cells from the exchanges (trader names, market titles) are neutralised against
// spreadsheet formula injection: a cell starting with = + - @ TAB or CR gets a leading
// apostrophe. Numeric cells are written through writeNumberCell and are never altered,
// so "-12.5" stays a number.
class CsvWriter final {
public:
    explicit CsvWriter(QIODevice *device)
        : m_device(device) {}

    void writeHeader(const QStringList &names);
    void addText(const QString &cell);
    void addNumber(const QString &cell); // exact decimal text or ISO time: written as-is (quoted if needed)
    void endRow();
    bool ok() const { return m_ok; }

    static QString quote(const QString &cell);
    static QString neutralise(const QString &cell);

private:
    void addRaw(const QString &cell);
    QIODevice *m_device;
    QString m_line;
    bool m_first = true;
    bool m_ok = true;
};

} // namespace longshot::storage
