#include "storage/csvwriter.h"

namespace longshot::storage {

QString CsvWriter::quote(const QString &cell) {
    const bool needs =
        cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\r') || cell.contains(u'\n');
    if (!needs)
        return cell;
    QString escaped = cell;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

QString CsvWriter::neutralise(const QString &cell) {
    if (cell.isEmpty())
        return cell;
    const QChar c = cell.front();
    if (c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r')
        return u'\'' + cell;
    return cell;
}

void CsvWriter::writeHeader(const QStringList &names) {
    for (const QString &n : names)
        addRaw(n);
    endRow();
}

void CsvWriter::addText(const QString &cell) {
    addRaw(neutralise(cell));
}

void CsvWriter::addNumber(const QString &cell) {
    addRaw(cell);
}

void CsvWriter::addRaw(const QString &cell) {
    if (!m_first)
        m_line += u',';
    m_first = false;
    m_line += quote(cell);
}

void CsvWriter::endRow() {
    m_line += QStringLiteral("\r\n");
    const QByteArray bytes = m_line.toUtf8();
    if (m_device->write(bytes) != bytes.size())
        m_ok = false;
    m_line.clear();
    m_first = true;
}

} // namespace longshot::storage
