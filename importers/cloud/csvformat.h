// Spreadsheet inventories: CSV with a header row (RFC 4180 quoting, embedded line breaks,
// CRLF or LF, UTF-8 with or without BOM; `,`, `;` or tab as delimiter, detected from the header).
// Columns (docs/import.md): id, name, kind, type, location (a location reference) or provider +
// region, classification, dataset, categories, origin, operator, operator_hq, external, tags
// (k=v; k=v), replicates_to (row ids). Other columns are kept as tags, and the report says so.
#pragma once

#include "exportformat.h"

namespace atlas {

class CsvFormat final : public ExportFormat
{
public:
    QString name() const override { return QStringLiteral("csv"); }
    QString title() const override;
    int sniff(std::string_view head) const override;
    std::optional<Error> read(const TextInput &input, const ReadContextInfo &context,
                              ResourceSink &sink) const override;
};

// One CSV record: its cells and where each starts.
struct CsvRecord
{
    std::vector<std::string> cells;
    std::vector<SourceRef> positions;
    SourceRef start;
};

// Splits `text` into records; an unterminated quote is an error at its opening quote.
class CsvParser
{
public:
    CsvParser(std::string_view text, char delimiter, std::uint32_t fileIndex, QString fileName)
        : m_text(text), m_delimiter(delimiter), m_file(fileIndex), m_name(std::move(fileName))
    {
    }
    // False at the end; an error when the record is malformed.
    std::expected<bool, Error> next(CsvRecord &record);
    static char detectDelimiter(std::string_view headerLine);

private:
    std::string_view m_text;
    char m_delimiter;
    std::uint32_t m_file;
    QString m_name;
    std::size_t m_pos = 0;
    std::uint32_t m_line = 1;
    std::uint32_t m_column = 1;
};

} // namespace atlas
