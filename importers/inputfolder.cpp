#include "inputfolder.h"

#include "inventoryimporter.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <zlib.h>

namespace atlas {

namespace {

constexpr qint64 kHead = 64 * 1024;

// Up to kHead bytes of a gzip stream's start; a truncated stream is fine here (only a head).
std::string gunzipHead(const QByteArray &compressed)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK)
        return {};
    std::string out(std::size_t(kHead), '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    z.avail_in = uInt(compressed.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = inflate(&z, Z_SYNC_FLUSH);
    out.resize(rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR ? out.size() - z.avail_out : 0);
    inflateEnd(&z);
    return out;
}

// UTF-16 with a byte-order mark: the ASCII structure of its head is all detection needs.
std::string narrowUtf16(const std::string &bytes)
{
    const bool le = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE;
    const bool be = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF;
    if (!le && !be)
        return bytes;
    std::string out;
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
        const char c = le ? bytes[i] : bytes[i + 1];
        const char hi = le ? bytes[i + 1] : bytes[i];
        out += hi == 0 ? c : '?';
    }
    return out;
}

} // namespace

QString sniffFileFormat(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray raw = file.read(kHead);
    std::string head = raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1F && static_cast<unsigned char>(raw[1]) == 0x8B
        ? gunzipHead(raw)
        : std::string(raw.constData(), std::size_t(raw.size()));
    head = narrowUtf16(head);
    if (head.find('\0') != std::string::npos)
        return {}; // binary
    const auto format = detectInputFormat(path, head);
    if (!format || *format == u"empty")
        return {};
    // The inventory reader is the fallback for any text: in a folder, only files that say so.
    if (*format == u"inventory") {
        const QString lower = path.toLower();
        const bool named = lower.endsWith(u".yaml") || lower.endsWith(u".yml") || lower.endsWith(u".json");
        if (!named || head.find("atlas") == std::string::npos)
            return {};
    }
    return *format;
}

FolderScan scanInputFolder(const QString &folder)
{
    FolderScan scan;
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString &f : files) {
        if (QFileInfo(f).size() == 0)
            scan.skipped << f + QStringLiteral(": empty file");
        else if (sniffFileFormat(f).isEmpty())
            scan.skipped << f + QStringLiteral(": not a cloud export or inventory Residency Atlas reads");
        else
            scan.inputs << f;
    }
    return scan;
}

} // namespace atlas
