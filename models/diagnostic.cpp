#include "diagnostic.h"

#include <QHash>

#include <algorithm>

namespace atlas {

QString displayFileName(const QString &file)
{
    if (file.startsWith(u":/samples/"))
        return QStringLiteral("bundled sample ") + file.mid(10);
    return file;
}

namespace {
QString position(const QString &file, std::uint32_t line, std::uint32_t column)
{
    QString out = displayFileName(file);
    if (line > 0) {
        out += u':' + QString::number(line);
        if (column > 0)
            out += u':' + QString::number(column);
    }
    return out;
}
} // namespace

QString Diagnostic::toString() const
{
    const QString level = severity == Severity::Error ? QStringLiteral("error")
                                                       : QStringLiteral("warning");
    return position(file, line, column) + QStringLiteral(": ") + level + QStringLiteral(": ")
        + message;
}

QString Error::toString() const
{
    return position(file, line, column) + QStringLiteral(": error: ") + message;
}

void sortDiagnostics(Diagnostics &diagnostics)
{
    // Files keep the order in which they first appear; inside a file, reading order.
    QHash<QString, int> fileOrder;
    for (const Diagnostic &d : std::as_const(diagnostics))
        fileOrder.insert(d.file, fileOrder.value(d.file, int(fileOrder.size())));
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic &a, const Diagnostic &b) {
                         const int fa = fileOrder.value(a.file), fb = fileOrder.value(b.file);
                         if (fa != fb)
                             return fa < fb;
                         if (a.line != b.line)
                             return a.line < b.line;
                         return a.column < b.column;
                     });
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

} // namespace atlas
