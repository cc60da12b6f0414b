#include "jsonwriter.h"

#include <QJsonDocument>

namespace atlas {

QJsonObject sourceJson(const Inventory &inventory, const SourceRef &ref)
{
    return QJsonObject{{QStringLiteral("file"), displayFileName(inventory.fileOf(ref))},
                       {QStringLiteral("line"), qint64(ref.line)},
                       {QStringLiteral("column"), qint64(ref.column)}};
}

QJsonObject diagnosticJson(const Diagnostic &d)
{
    return QJsonObject{
        {QStringLiteral("severity"),
         d.severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
        {QStringLiteral("file"), d.file},
        {QStringLiteral("line"), qint64(d.line)},
        {QStringLiteral("column"), qint64(d.column)},
        {QStringLiteral("message"), d.message}};
}

QJsonArray diagnosticsJson(const Diagnostics &diagnostics)
{
    QJsonArray out;
    for (const Diagnostic &d : diagnostics)
        out.append(diagnosticJson(d));
    return out;
}

QByteArray toJsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace atlas
