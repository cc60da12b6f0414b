// Reading an input file safely: the checks every importer needs before parsing (a directory,
// a missing file, a file over the size limit — refused before it is read —, an empty file, a
// binary file, invalid UTF-8, UTF-16), and the mapping from byte offsets to 1-based
// line:column (columns count characters) that parsers reporting offsets need.
#pragma once

#include "diagnostic.h"

#include <QString>

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace atlas {

class MappedFile;

struct InputLimits
{
    // Refused before reading. Default 1 GiB; `--max-input-size` or ATLAS_MAX_INPUT_MB change it.
    std::int64_t maxFileBytes = std::int64_t(1) << 30;
    static InputLimits fromEnvironment();
};

class TextInput
{
public:
    // Reads and checks `path`. The buffer keeps simdjson's padding after the text.
    static std::expected<TextInput, Error> read(const QString &path, const InputLimits &limits);
    // The raw bytes of `path` with the same existence, directory and size checks.
    static std::expected<std::string, Error> readBytes(const QString &path, const InputLimits &limits);
    // Wraps in-memory text (tests, embedded resources) with the same checks.
    static std::expected<TextInput, Error> fromBytes(const QString &name, std::string bytes,
                                                     const InputLimits &limits = {});

    // Maps `path` into memory instead of reading it (large plain exports): the same checks,
    // done in slices, and release() lets a reader hand back what it has consumed, so the
    // resident memory of a 1 GB export stays near the part being read. Fails over to read()
    // where mapping is not possible (pipes, no room for the parser's padding). With
    // CheckMode::Later the NUL and UTF-8 checks are left to check(), so that they can run on
    // another core while the text is read.
    enum class CheckMode { Now, Later };
    static std::expected<TextInput, Error> map(const QString &path, const InputLimits &limits,
                                               CheckMode mode = CheckMode::Now);
    // Whether the checks have run (every input but a map(…, CheckMode::Later) one).
    bool checked() const { return m_checked; }
    // The checks a mapped input skipped, slice by slice: the error read() would have refused the
    // file with, or nothing. Reads the text only; safe while another thread reads it too.
    std::optional<Error> check(const InputLimits &limits) const;

    const QString &name() const { return m_name; }
    std::string_view text() const { return {base() + m_bomSize, m_size}; }
    // Bytes readable from text().data() on, padding included (simdjson reads up to 64 ahead).
    std::size_t paddedSize() const { return m_capacity - m_bomSize; }
    std::size_t bomSize() const { return m_bomSize; }
    bool isMapped() const { return m_mapping != nullptr; }
    // A mapped file that another program truncated or rewrote while it was read: the error to
    // refuse it with (what was read from it is not the file). Read files are checked as they
    // are read (read() refuses them with the same error). Safe while other threads read.
    std::optional<Error> changedWhileRead() const;
    // Tells the input that text() before `offset` will not be read again soon (a mapped file
    // drops those pages; they come back from the file if they are read after all).
    void release(std::size_t offset) const;

private:
    const char *base() const;

    QString m_name;
    std::string m_buffer;      // text, then padding (when read, not mapped)
    std::shared_ptr<const MappedFile> m_mapping;
    std::size_t m_capacity = 0;
    std::size_t m_bomSize = 0; // a UTF-8 BOM is skipped, not removed
    std::size_t m_size = 0;
    bool m_checked = true;
};

// Converts byte offsets (into TextInput::text()) to line:column. Cheap when offsets only grow,
// as they do while streaming through a document.
class PositionMap
{
public:
    explicit PositionMap(std::string_view text) : m_text(text) {}
    struct Position { std::uint32_t line; std::uint32_t column; };
    Position at(std::size_t offset);
    // Remembers the cursor (an item's start): a later request behind the cursor but not before
    // the mark counts from here instead of from the top of the file.
    void mark() { m_mark = {m_offset, m_line, m_column}; }

private:
    struct Cursor
    {
        std::size_t offset = 0;
        std::uint32_t line = 1;
        std::uint32_t column = 1;
    };
    std::string_view m_text;
    std::size_t m_offset = 0;
    std::uint32_t m_line = 1;
    std::uint32_t m_column = 1; // column of m_offset
    Cursor m_mark;
};

// The first position of invalid UTF-8 in `text`, or npos.
std::size_t findInvalidUtf8(std::string_view text);

} // namespace atlas
