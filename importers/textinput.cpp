#include "textinput.h"

#include "mappedfile.h"

#include <QFile>
#include <QFileInfo>

#include <simdjson.h>

#include <bit>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace atlas {

InputLimits InputLimits::fromEnvironment()
{
    InputLimits limits;
    bool ok = false;
    const qint64 mb = qEnvironmentVariable("ATLAS_MAX_INPUT_MB").toLongLong(&ok);
    if (ok && mb > 0)
        limits.maxFileBytes = mb * 1024 * 1024;
    return limits;
}

namespace {

Error fileError(const QString &name, const QString &message, std::uint32_t line = 0,
                std::uint32_t column = 0)
{
    return Error{name, line, column, message};
}

Error changedError(const QString &name)
{
    return fileError(name, QStringLiteral("the file changed while it was being read (another program truncated or "
                                          "rewrote it); read it again once it is complete"));
}

QString sizeText(std::int64_t bytes)
{
    if (bytes >= 1024 * 1024)
        return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
    return QString::number(bytes) + QStringLiteral(" bytes");
}

} // namespace

std::size_t findInvalidUtf8(std::string_view text)
{
    if (simdjson::validate_utf8(text.data(), text.size()))
        return std::string_view::npos;
    // Slow path, only on failure: find the offending byte for the message.
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const unsigned char c = s[i];
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

namespace {
// Bits set, without the POPCNT instruction a baseline x86-64 build lacks (std::popcount would
// call libgcc there).
inline int popcount64(std::uint64_t v)
{
    v = v - ((v >> 1) & 0x5555555555555555ull);
    v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
    v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return int((v * 0x0101010101010101ull) >> 56);
}
} // namespace

PositionMap::Position PositionMap::at(std::size_t offset)
{
    if (offset > m_text.size())
        offset = m_text.size();
    if (offset < m_offset) { // behind the cursor: from the mark (same item), else from the top
        const Cursor from = offset >= m_mark.offset ? m_mark : Cursor{};
        m_offset = from.offset;
        m_line = from.line;
        m_column = from.column;
    }
    const char *base = m_text.data();
    // Count forward from the cursor only, so that a whole document on one line (minified
    // JSON) stays linear: the column is carried along, never recounted from the line start.
    // Columns count characters, not bytes: every byte that is not a UTF-8 continuation byte
    // (0x80–0xBF, as signed chars -128…-65) starts one. 16 bytes at a time with SSE2.
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i limit = _mm_set1_epi8(-65);
    // 64 bytes a step (masks of newlines and character starts), the last one masked, as long as
    // 64 bytes can be read without passing the end of the text.
    while (m_offset < offset && m_text.size() - m_offset >= 64) {
        std::uint64_t lines = 0, starts = 0;
        for (int i = 0; i < 4; ++i) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(base + m_offset + 16 * i));
            lines |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline)))) << (16 * i);
            starts |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpgt_epi8(block, limit)))) << (16 * i);
        }
        const std::size_t count = std::min<std::size_t>(64, offset - m_offset);
        const std::uint64_t valid = count == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << count) - 1;
        lines &= valid;
        starts &= valid;
        if (lines) {
            const int last = 63 - std::countl_zero(lines);
            m_line += std::uint32_t(popcount64(lines));
            const std::uint64_t after = last == 63 ? 0 : ~((std::uint64_t(2) << last) - 1);
            m_column = 1 + std::uint32_t(popcount64(starts & after));
        } else {
            m_column += std::uint32_t(popcount64(starts));
        }
        m_offset += count;
    }
#endif
    for (; m_offset < offset; ++m_offset) {
        const char c = base[m_offset];
        if (c == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++m_column;
        }
    }
    return {m_line, m_column};
}

std::expected<TextInput, Error> TextInput::fromBytes(const QString &name, std::string bytes,
                                                     const InputLimits &limits)
{
    if (std::int64_t(bytes.size()) > limits.maxFileBytes)
        return std::unexpected(fileError(name, QStringLiteral("file is too large (")
                                             + sizeText(std::int64_t(bytes.size()))
                                             + QStringLiteral("; the limit is ")
                                             + sizeText(limits.maxFileBytes) + u')'));
    TextInput input;
    input.m_name = name;
    input.m_buffer = std::move(bytes);
    const std::string &b = input.m_buffer;
    if (b.size() >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF')))
        return std::unexpected(fileError(
            name, QStringLiteral("file is UTF-16 encoded; save it as UTF-8"), 1, 1));
    if (b.size() >= 3 && b.compare(0, 3, "\xEF\xBB\xBF") == 0)
        input.m_bomSize = 3;
    input.m_size = b.size() - input.m_bomSize;
    const std::string_view text(b.data() + input.m_bomSize, input.m_size);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return std::unexpected(fileError(name, QStringLiteral("file is empty")));
    PositionMap positions(text);
    if (const void *nul = std::memchr(text.data(), '\0', text.size())) {
        const auto pos = positions.at(std::size_t(static_cast<const char *>(nul) - text.data()));
        return std::unexpected(fileError(
            name, QStringLiteral("binary file (NUL byte); expected UTF-8 text"), pos.line,
            pos.column));
    }
    if (const std::size_t bad = findInvalidUtf8(text); bad != std::string_view::npos) {
        const auto pos = positions.at(bad);
        return std::unexpected(fileError(
            name, QStringLiteral("invalid UTF-8 (byte 0x")
                      + QString::number(static_cast<unsigned char>(text[bad]), 16).toUpper()
                      + QStringLiteral("); save the file as UTF-8"),
            pos.line, pos.column));
    }
    input.m_buffer.append(simdjson::SIMDJSON_PADDING, '\0');
    input.m_capacity = input.m_buffer.size();
    return input;
}

std::expected<TextInput, Error> TextInput::read(const QString &path, const InputLimits &limits)
{
    auto bytes = readBytes(path, limits);
    if (!bytes)
        return std::unexpected(bytes.error());
    return fromBytes(path, std::move(*bytes), limits);
}

std::expected<std::string, Error> TextInput::readBytes(const QString &path, const InputLimits &limits)
{
    const QFileInfo info(path);
    if (!info.exists())
        return std::unexpected(fileError(path, QStringLiteral("no such file")));
    if (info.isDir())
        return std::unexpected(fileError(path, QStringLiteral("is a directory, not a file")));
    if (info.size() > limits.maxFileBytes)
        return std::unexpected(fileError(path, QStringLiteral("file is too large (")
                                             + sizeText(info.size())
                                             + QStringLiteral("; the limit is ")
                                             + sizeText(limits.maxFileBytes)
                                             + QStringLiteral(", see --max-input-size)")));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            fileError(path, QStringLiteral("cannot read: ") + file.errorString()));
    std::string bytes;
    // A regular file must end as it began: same size and modification time after the read.
    const std::optional<FileStamp> before = info.isFile() ? fileStamp(file.handle()) : std::nullopt;
    // Sequential files (pipes, /dev/…) report size 0: read until the limit.
    const qint64 expected = info.size();
    bytes.reserve(std::size_t(expected) + simdjson::SIMDJSON_PADDING);
    char chunk[1 << 16];
    for (;;) {
        const qint64 n = file.read(chunk, sizeof chunk);
        if (n < 0)
            return std::unexpected(
                fileError(path, QStringLiteral("cannot read: ") + file.errorString()));
        if (n == 0)
            break;
        bytes.append(chunk, std::size_t(n));
        if (std::int64_t(bytes.size()) > limits.maxFileBytes)
            return bytes; // fromBytes reports it
    }
    if (before && (fileStamp(file.handle()) != before || std::int64_t(bytes.size()) != before->size))
        return std::unexpected(changedError(path));
    return bytes;
}

} // namespace atlas

namespace atlas {

const char *TextInput::base() const
{
    return m_mapping ? m_mapping->data() : m_buffer.data();
}

void TextInput::release(std::size_t offset) const
{
    if (m_mapping)
        m_mapping->release(m_bomSize + offset);
}

std::optional<Error> TextInput::changedWhileRead() const
{
    if (!m_mapping || !m_mapping->changed())
        return std::nullopt;
    return changedError(m_name);
}

std::expected<TextInput, Error> TextInput::map(const QString &path, const InputLimits &limits, CheckMode mode)
{
    const QByteArray local = QFile::encodeName(path);
    const int fd = ::open(local.constData(), O_RDONLY | O_CLOEXEC);
    struct stat st{};
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        if (fd >= 0)
            ::close(fd);
        return read(path, limits);
    }
    const auto size = std::size_t(st.st_size);
    const std::size_t page = std::size_t(sysconf(_SC_PAGESIZE));
    const std::size_t length = (size + page - 1) / page * page;
    // The parser reads up to SIMDJSON_PADDING bytes past the end: the rest of the last page is
    // zero-filled by the kernel, but only if there is enough of it.
    if (std::int64_t(size) > limits.maxFileBytes || length - size < simdjson::SIMDJSON_PADDING) {
        ::close(fd);
        return read(path, limits);
    }
    std::shared_ptr<const MappedFile> mapping =
        MappedFile::map(fd, length, FileStamp{std::int64_t(size), std::int64_t(st.st_mtim.tv_sec), std::int64_t(st.st_mtim.tv_nsec)});
    ::close(fd);
    if (!mapping)
        return read(path, limits);
    const char *data = mapping->data();
    if ((size >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF')))
        || (size >= 2 && static_cast<unsigned char>(data[0]) == 0x1F && static_cast<unsigned char>(data[1]) == 0x8B))
        return read(path, limits); // UTF-16 and gzip are decoded in memory

    TextInput input;
    input.m_name = path;
    input.m_mapping = mapping;
    input.m_capacity = length;
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        input.m_bomSize = 3;
    input.m_size = size - input.m_bomSize;
    const std::string_view text = input.text();
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return std::unexpected(fileError(path, QStringLiteral("file is empty")));
    if (mode == CheckMode::Later) {
        input.m_checked = false;
        return input;
    }
    if (auto failed = input.check(limits))
        return std::unexpected(*failed);
    return input;
}

std::optional<Error> TextInput::check(const InputLimits &limits) const
{
    // The checks of fromBytes, slice by slice, handing each slice back once checked.
    const std::string_view text = this->text();
    constexpr std::size_t slice = std::size_t(64) << 20;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = std::min(text.size(), at + slice);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end; // never split a character
        const std::string_view part = text.substr(at, end - at);
        if (std::memchr(part.data(), '\0', part.size()) || findInvalidUtf8(part) != std::string_view::npos) {
            // Rare: report it exactly, with the whole-file checks.
            auto bytes = readBytes(m_name, limits);
            if (!bytes)
                return bytes.error();
            auto whole = fromBytes(m_name, std::move(*bytes), limits);
            if (!whole)
                return whole.error();
            return std::nullopt;
        }
        release(end);
        at = end;
    }
    return std::nullopt;
}

} // namespace atlas
