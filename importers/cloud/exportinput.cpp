#include "exportinput.h"

#include <QFile>
#include <QFileInfo>

#include <zlib.h>

#include <limits>

namespace atlas {

namespace {

bool isGzip(const std::string &bytes)
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F
        && static_cast<unsigned char>(bytes[1]) == 0x8B;
}

std::expected<std::string, Error> gunzip(const QString &name, const std::string &bytes, const InputLimits &limits)
{
    if (bytes.size() > std::size_t(std::numeric_limits<uInt>::max()))
        return std::unexpected(Error{name, 0, 0, QStringLiteral("gzip files over 4 GiB are not read; decompress it first")});
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) // 32: accept the gzip header
        return std::unexpected(Error{name, 0, 0, QStringLiteral("cannot start the gzip decoder")});
    std::string out;
    out.reserve(std::min<std::size_t>(bytes.size() * 8, std::size_t(limits.maxFileBytes)) + 64);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
    z.avail_in = uInt(bytes.size());
    char chunk[1 << 16];
    int rc = Z_OK;
    for (;;) {
        if (rc == Z_STREAM_END) {
            // `cat a.gz b.gz` is a valid gzip file of two members: read them all.
            if (z.avail_in == 0)
                break;
            if (z.avail_in < 2 || z.next_in[0] != 0x1F || z.next_in[1] != 0x8B) {
                const auto at = std::uint64_t(z.total_in);
                inflateEnd(&z);
                return std::unexpected(Error{name, 0, 0, QStringLiteral("corrupt gzip file: %1 bytes that are not gzip follow the compressed data (at byte %2)")
                                                             .arg(z.avail_in).arg(at)});
            }
            inflateReset(&z);
        }
        z.next_out = reinterpret_cast<Bytef *>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            const QString why = rc == Z_BUF_ERROR ? QStringLiteral("the file ends before the compressed data does (truncated download?)")
                                                  : QString::fromUtf8(z.msg ? z.msg : "corrupt data");
            const auto at = std::uint64_t(z.total_in);
            inflateEnd(&z);
            return std::unexpected(Error{name, 0, 0, QStringLiteral("corrupt gzip file at compressed byte %1: %2").arg(at).arg(why)});
        }
        out.append(chunk, sizeof chunk - z.avail_out);
        if (std::int64_t(out.size()) > limits.maxFileBytes) {
            inflateEnd(&z);
            return std::unexpected(Error{name, 0, 0, QStringLiteral("decompressed content is larger than the input limit (%1 MiB, see --max-input-size)")
                                                         .arg(limits.maxFileBytes / (1024 * 1024))});
        }
        if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
            inflateEnd(&z);
            return std::unexpected(Error{name, 0, 0, QStringLiteral("corrupt gzip file: the file ends before the compressed data does (truncated download?)")});
        }
    }
    inflateEnd(&z);
    return out;
}

std::expected<std::string, Error> fromUtf16(const QString &name, const std::string &bytes)
{
    const bool le = bytes[0] == '\xFF';
    if ((bytes.size() - 2) % 2 != 0)
        return std::unexpected(Error{name, 0, 0, QStringLiteral("UTF-16 file with an odd number of bytes (truncated?)")});
    std::u16string units((bytes.size() - 2) / 2, u'\0');
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto a = static_cast<unsigned char>(bytes[2 + 2 * i]);
        const auto b = static_cast<unsigned char>(bytes[3 + 2 * i]);
        units[i] = char16_t(le ? (a | (b << 8)) : ((a << 8) | b));
    }
    const QString text = QString::fromUtf16(units.data(), qsizetype(units.size()));
    return text.toStdString();
}

} // namespace

std::expected<TextInput, Error> decodeInput(const QString &name, std::string bytes, const InputLimits &limits)
{
    if (std::int64_t(bytes.size()) > limits.maxFileBytes)
        return TextInput::fromBytes(name, std::move(bytes), limits); // reports the limit
    if (isGzip(bytes)) {
        auto plain = gunzip(name, bytes, limits);
        if (!plain)
            return std::unexpected(plain.error());
        bytes = std::move(*plain);
    } else if (name.endsWith(u".gz", Qt::CaseInsensitive)) {
        return std::unexpected(Error{name, 1, 1, QStringLiteral("not a gzip file (no gzip header), although the name ends in .gz; "
                                                                "rename it if it is plain text")});
    }
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        auto utf8 = fromUtf16(name, bytes);
        if (!utf8)
            return std::unexpected(utf8.error());
        bytes = std::move(*utf8);
    }
    return TextInput::fromBytes(name, std::move(bytes), limits);
}

std::expected<TextInput, Error> readInputFile(const QString &path, const InputLimits &limits, TextInput::CheckMode mode)
{
    // Plain files from 1 MB are mapped, not copied (reading 8 MB into a buffer took a third of
    // its import); gzip and UTF-16 are decoded in memory.
    const QFileInfo info(path);
    if (info.isFile() && info.size() >= std::int64_t(1) << 20 && info.size() <= limits.maxFileBytes
        && !path.endsWith(u".gz", Qt::CaseInsensitive)) {
        QFile file(path);
        char head[2] = {0, 0};
        if (file.open(QIODevice::ReadOnly) && file.read(head, 2) == 2) {
            const auto a = static_cast<unsigned char>(head[0]), b = static_cast<unsigned char>(head[1]);
            const bool encoded = (a == 0x1F && b == 0x8B) || (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF);
            if (!encoded)
                return TextInput::map(path, limits, mode);
        }
    }
    auto bytes = TextInput::readBytes(path, limits);
    if (!bytes)
        return std::unexpected(bytes.error());
    return decodeInput(path, std::move(*bytes), limits);
}

} // namespace atlas
