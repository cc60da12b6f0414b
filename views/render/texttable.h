// Column-aligned plain-text tables for terminal output (widths in characters, not bytes).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace atlas {

class TextTable
{
public:
    explicit TextTable(QStringList header) : m_header(std::move(header)) {}
    void addRow(QStringList row) { m_rows.append(std::move(row)); }
    QString render() const;

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace atlas
