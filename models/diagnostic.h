// Positions in input files and the diagnostics (errors, warnings) that point at them.
// Every message about an input names file:line:column, 1-based; line 0 means "the whole file".
#pragma once

#include <QList>
#include <QString>

#include <cstdint>

namespace atlas {

// Where an entity or value came from. `file` indexes the owning inventory's file table,
// which keeps this small enough to attach to every one of 10^6 entities.
struct SourceRef
{
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    bool isValid() const { return line > 0; }
    friend bool operator==(const SourceRef &, const SourceRef &) = default;
};

// How a file is named to a person: its path, but the sample compiled into the binary
// (":/samples/northwind-ai.yaml") as "bundled sample northwind-ai.yaml" — a resource path is
// not something a user can open.
QString displayFileName(const QString &file);

enum class Severity : std::uint8_t { Error, Warning };

struct Diagnostic
{
    Severity severity = Severity::Error;
    QString file;
    std::uint32_t line = 0;   // 0 = no position inside the file
    std::uint32_t column = 0;
    QString message;

    // "file:line:column: error: message" — the one format every surface prints.
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

// Orders by file (first appearance), then line and column, so that "all errors at once"
// come out in reading order.
void sortDiagnostics(Diagnostics &diagnostics);
bool hasErrors(const Diagnostics &diagnostics);

// An error crossing a layer boundary: the first (or only) problem, with its position.
struct Error
{
    QString file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    QString message;

    QString toString() const;
};

} // namespace atlas
