#include "csvformat.h"

#include "formatsupport.h"

#include <QSet>

#include <map>

namespace atlas {

using namespace exportsupport;

QString CsvFormat::title() const
{
    return QStringLiteral("CSV with a header row (id, name, kind, location, classification, …)");
}

namespace {

std::string normaliseHeader(std::string_view cell)
{
    std::string out;
    for (char c : cell) {
        if (c == ' ' || c == '-')
            c = '_';
        if (c == '"' || c == '\r')
            continue;
        out += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    }
    while (!out.empty() && out.front() == '_')
        out.erase(out.begin());
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out;
}

const std::vector<std::string_view> &knownColumns()
{
    static const std::vector<std::string_view> columns{"id", "name", "kind", "type", "location", "provider", "region",
                                                       "classification", "dataset", "categories", "origin", "operator",
                                                       "operator_hq", "external", "tags", "replicates_to"};
    return columns;
}

} // namespace

char CsvParser::detectDelimiter(std::string_view header)
{
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : header) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted)
            commas += c == ',', semicolons += c == ';', tabs += c == '\t';
    }
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return semicolons > commas ? ';' : ',';
}

std::expected<bool, Error> CsvParser::next(CsvRecord &record)
{
    record.cells.clear();
    record.positions.clear();
    // Blank lines between records are skipped.
    while (m_pos < m_text.size() && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
        if (m_text[m_pos] == '\n') {
            ++m_line;
            m_column = 1;
        }
        ++m_pos;
    }
    if (m_pos >= m_text.size())
        return false;
    record.start = {m_file, m_line, m_column};
    auto advance = [&](char c) {
        ++m_pos;
        if (c == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++m_column;
        }
    };
    for (;;) {
        std::string cell;
        record.positions.push_back({m_file, m_line, m_column});
        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
            const SourceRef open{m_file, m_line, m_column};
            advance('"');
            for (;;) {
                if (m_pos >= m_text.size())
                    return std::unexpected(Error{m_name, open.line, open.column,
                                                 QStringLiteral("this quoted field is not closed (a '\"' is missing before the end of the file)")});
                const char c = m_text[m_pos];
                if (c == '"') {
                    if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                        cell += '"';
                        advance('"');
                        advance('"');
                        continue;
                    }
                    advance('"');
                    break;
                }
                cell += c;
                advance(c);
            }
            if (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
                return std::unexpected(Error{m_name, m_line, m_column,
                                             QStringLiteral("text after a closing quote; a quote inside a quoted field is written twice (\"\")")});
        } else {
            while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && m_text[m_pos] != '\n') {
                if (m_text[m_pos] != '\r')
                    cell += m_text[m_pos];
                advance(m_text[m_pos]);
            }
        }
        record.cells.push_back(std::move(cell));
        if (m_pos < m_text.size() && m_text[m_pos] == '\r')
            advance('\r');
        if (m_pos >= m_text.size() || m_text[m_pos] == '\n') {
            if (m_pos < m_text.size())
                advance('\n');
            return true;
        }
        advance(m_delimiter);
    }
}

int CsvFormat::sniff(std::string_view head) const
{
    const std::size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || head[start] == '{' || head[start] == '[')
        return 0;
    const std::string_view line = head.substr(start, head.find('\n', start) - start);
    const char delimiter = CsvParser::detectDelimiter(line);
    CsvParser parser(line, delimiter, 0, {});
    CsvRecord header;
    if (!parser.next(header).value_or(false))
        return 0;
    bool named = false, located = false;
    for (const std::string &cell : header.cells) {
        const std::string h = normaliseHeader(cell);
        named |= h == "name" || h == "id";
        located |= h == "location" || h == "region";
    }
    return named && located ? 80 : 0;
}

namespace {

// Column positions looked up once, not per row and cell.
enum Column { Id, Name, Kind, Type, Location, Provider, Region, Classification_, Dataset, Categories, Origin, Operator,
              OperatorHq, External, Tags, ReplicatesTo, ColumnCount };
constexpr const char *kColumnNames[ColumnCount] = {"id", "name", "kind", "type", "location", "provider", "region",
                                                   "classification", "dataset", "categories", "origin", "operator",
                                                   "operator_hq", "external", "tags", "replicates_to"};
constexpr std::size_t npos = std::string::npos;

struct CsvColumns
{
    std::size_t index[ColumnCount];                         // npos: no such column
    std::vector<std::pair<std::size_t, std::string>> extra; // unknown columns → tags
};

// One row's cells by column, trimmed; a column the header lacks reads as empty.
struct RowCells
{
    const CsvRecord &row;
    const CsvColumns &columns;

    std::string cell(Column c) const
    {
        const std::size_t index = columns.index[c];
        if (index == npos || index >= row.cells.size())
            return {};
        const std::string &v = row.cells[index];
        const auto b = v.find_first_not_of(" \t");
        const auto e = v.find_last_not_of(" \t");
        return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
    }
    SourceRef at(Column c) const
    {
        const std::size_t index = columns.index[c];
        return index == npos || index >= row.positions.size() ? row.start : row.positions[index];
    }
};

std::optional<Error> requireColumns(const std::map<std::string, std::size_t> &column, const QString &file)
{
    const QString known = QStringLiteral("id, name, kind, type, location (or provider and region), classification, dataset, categories, origin, operator, operator_hq, external, tags, replicates_to");
    if (!column.contains("location") && !(column.contains("provider") && column.contains("region")))
        return Error{file, 1, 1, QStringLiteral("the header has no 'location' column (nor 'provider' and 'region'); columns are: ") + known};
    if (!column.contains("name") && !column.contains("id"))
        return Error{file, 1, 1, QStringLiteral("the header has no 'name' or 'id' column; columns are: ") + known};
    return std::nullopt;
}

std::expected<CsvColumns, Error> readHeader(const CsvRecord &header, const QString &file, ResourceSink &sink)
{
    CsvColumns columns;
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string h = normaliseHeader(header.cells[i]);
        if (h.empty())
            continue;
        const auto &known = knownColumns();
        if (std::find(known.begin(), known.end(), h) != known.end()) {
            if (column.contains(h))
                return std::unexpected(Error{file, header.positions[i].line, header.positions[i].column,
                                             QStringLiteral("column '%1' appears twice in the header").arg(QString::fromStdString(h))});
            column[h] = i;
        } else {
            columns.extra.emplace_back(i, header.cells[i]);
            sink.warning(header.positions[i], QStringLiteral("column '%1' is not a known column; its values are kept as tags")
                                                  .arg(QString::fromStdString(header.cells[i])));
        }
    }
    if (std::optional<Error> missing = requireColumns(column, file))
        return std::unexpected(std::move(*missing));
    for (int c = 0; c < ColumnCount; ++c) {
        const auto it = column.find(kColumnNames[c]);
        columns.index[c] = it == column.end() ? npos : it->second;
    }
    return columns;
}

void readLocation(const RowCells &row, CloudResource &r, CloudResource::Explicit &s, ResourceSink &sink)
{
    s.location = row.cell(Location);
    if (s.location.empty() && !row.cell(Provider).empty() && !row.cell(Region).empty())
        s.location = lower(row.cell(Provider)) + ':' + lower(row.cell(Region));
    r.location = s.location;
    r.locationField = "location";
    r.locationSource = row.at(row.columns.index[Location] != npos ? Location : Region);
    r.provider = s.location.find(':') == std::string::npos ? std::string() : s.location.substr(0, s.location.find(':'));
    if (s.location.empty()) {
        sink.warning(r.locationSource, QStringLiteral("no location on this row; set to unknown"));
        s.location = "unknown";
    }
}

void readExternal(const RowCells &row, CloudResource::Explicit &s, ResourceSink &sink)
{
    const std::string ext = lower(row.cell(External));
    if (ext.empty())
        return;
    if (ext == "true" || ext == "yes" || ext == "y" || ext == "1")
        s.external = true;
    else if (ext == "false" || ext == "no" || ext == "n" || ext == "0")
        s.external = false;
    else
        sink.warning(row.at(External), QStringLiteral("'external' must be yes/no or true/false, got '%1'; ignored")
                                           .arg(QString::fromStdString(ext)));
}

// "k=v; k=v" → its parts.
std::vector<std::string> splitTags(const std::string &all)
{
    std::vector<std::string> parts;
    std::size_t b = 0;
    while (b <= all.size() && !all.empty()) {
        const std::size_t e = all.find(';', b);
        parts.push_back(all.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos)
            break;
        b = e + 1;
    }
    return parts;
}

void trim(std::string &x)
{
    const auto b = x.find_first_not_of(" \t");
    const auto e = x.find_last_not_of(" \t");
    x = b == std::string::npos ? std::string() : x.substr(b, e - b + 1);
}

// The tags column, then the unknown columns' values as tags.
void readTags(const RowCells &row, CloudResource &r)
{
    for (const std::string &pair : splitTags(row.cell(Tags))) {
        const std::size_t eq = pair.find('=');
        std::string k = pair.substr(0, eq), v = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
        trim(k);
        trim(v);
        if (!k.empty())
            r.tags.emplace_back(k, v);
    }
    for (const auto &[index, name] : row.columns.extra)
        if (index < row.row.cells.size() && !row.row.cells[index].empty())
            r.tags.emplace_back(name, row.row.cells[index]);
}

void readReplicas(const RowCells &row, CloudResource &r)
{
    std::string targets = row.cell(ReplicatesTo);
    for (std::size_t b = 0; b < targets.size();) {
        std::size_t e = targets.find_first_of(";, \t\r\n", b);
        if (e == std::string::npos)
            e = targets.size();
        if (e > b)
            r.replicas.push_back(Replica{"csv:" + targets.substr(b, e - b), {}, {}, "replicates_to", false, row.at(ReplicatesTo)});
        b = e + 1;
    }
}

// `ids`: the ids of the rows before, so that a repeated one is an error.
std::optional<Error> readRow(const RowCells &row, const QString &file, QSet<QString> &ids, ResourceSink &sink,
                             CloudResource &r)
{
    r.format = "csv";
    r.source = row.row.start;
    r.type = row.cell(Type);
    CloudResource::Explicit s;
    s.id = row.cell(Id);
    r.name = row.cell(Name).empty() ? s.id : row.cell(Name);
    if (!s.id.empty()) {
        if (ids.contains(QString::fromStdString(s.id)))
            return Error{file, row.at(Id).line, row.at(Id).column,
                         QStringLiteral("id '%1' appears on two rows").arg(QString::fromStdString(s.id))};
        ids.insert(QString::fromStdString(s.id));
    }
    r.nativeId = "csv:" + (s.id.empty() ? r.name : s.id);
    s.kind = row.cell(Kind);
    readLocation(row, r, s, sink);
    s.classification = row.cell(Classification_);
    s.dataset = row.cell(Dataset);
    s.categories = row.cell(Categories);
    s.origin = row.cell(Origin);
    s.operatorId = row.cell(Operator);
    s.operatorHq = row.cell(OperatorHq);
    readExternal(row, s, sink);
    readTags(row, r);
    readReplicas(row, r);
    r.stated = std::move(s);
    return std::nullopt;
}

// Blank rows, also Excel's rows of delimiters only (";;;;"), are not resources.
bool isBlank(const CsvRecord &row)
{
    return std::all_of(row.cells.begin(), row.cells.end(),
                       [](const std::string &c) { return c.find_first_not_of(" \t\r\n") == std::string::npos; });
}

} // namespace

std::optional<Error> CsvFormat::read(const TextInput &input, const ReadContextInfo &context, ResourceSink &sink) const
{
    const std::string_view text = input.text();
    const std::string_view firstLine = text.substr(0, text.find('\n'));
    CsvParser parser(text, CsvParser::detectDelimiter(firstLine), context.fileIndex, input.name());
    CsvRecord header;
    auto got = parser.next(header);
    if (!got)
        return got.error();
    if (!*got)
        return Error{input.name(), 1, 1, QStringLiteral("the CSV file has no header row")};
    const auto columns = readHeader(header, input.name(), sink);
    if (!columns)
        return columns.error();
    QSet<QString> ids;
    CsvRecord row;
    for (;;) {
        if (context.cancelled())
            return Error{input.name(), 0, 0, QStringLiteral("cancelled")};
        auto more = parser.next(row);
        if (!more)
            return more.error();
        if (!*more)
            break;
        if (isBlank(row))
            continue;
        if (row.cells.size() > header.cells.size())
            return Error{input.name(), row.positions[header.cells.size()].line, row.positions[header.cells.size()].column,
                         QStringLiteral("this row has %1 cells, the header %2 (a delimiter inside a value needs quotes)")
                             .arg(row.cells.size())
                             .arg(header.cells.size())};
        CloudResource r;
        if (std::optional<Error> bad = readRow(RowCells{row, *columns}, input.name(), ids, sink, r))
            return bad;
        if (context.progress)
            context.progress->resources.fetch_add(1, std::memory_order_relaxed);
        sink.resource(std::move(r));
    }
    return std::nullopt;
}

} // namespace atlas
