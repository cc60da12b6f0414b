#include "texttable.h"

namespace atlas {

QString TextTable::render() const
{
    QList<qsizetype> widths;
    for (const QString &h : m_header)
        widths.append(h.size());
    for (const QStringList &row : m_rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    auto line = [&](const QStringList &cells) -> QString {
        QString out;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            out += i + 1 < widths.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        while (out.endsWith(u' '))
            out.chop(1);
        return out + u'\n';
    };
    QString out = line(m_header);
    QStringList rule;
    for (qsizetype w : widths)
        rule.append(QString(w, u'-'));
    out += line(rule);
    for (const QStringList &row : m_rows)
        out += line(row);
    return out;
}

} // namespace atlas
