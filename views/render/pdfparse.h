// Reading the PDF files QPdfWriter writes, for pdfoutline.cpp (internal to views/render): a
// value model that keeps numbers, keywords, names and strings as their original bytes, so that
// what is copied is copied exactly, and the file's objects by number through its classic
// cross-reference tables and trailer. Cross-reference streams and encryption are refused with
// an error, never read half-understood.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <vector>

namespace atlas::pdf {

// A parsed PDF object: just enough structure to follow references and rewrite dictionaries.
// Numbers, keywords, names and strings keep their original bytes, so what is copied is copied
// exactly.
struct PdfValue
{
    enum class Type : std::uint8_t { Null, Token, Name, String, Array, Dict, Ref };
    Type type = Type::Null;
    QByteArray raw;              // Token, Name (with its '/'), String (with its delimiters)
    std::vector<PdfValue> items; // Array elements, Dict values
    QList<QByteArray> keys;      // Dict keys (without the '/'), one per item
    int num = 0, gen = 0;        // Ref

    const PdfValue *get(QByteArrayView key) const
    {
        for (qsizetype i = 0; i < keys.size(); ++i)
            if (keys[i] == key)
                return &items[std::size_t(i)];
        return nullptr;
    }
    void remove(QByteArrayView key)
    {
        for (qsizetype i = keys.size() - 1; i >= 0; --i)
            if (keys[i] == key) {
                keys.removeAt(i);
                items.erase(items.begin() + i);
            }
    }
    void set(const QByteArray &key, PdfValue v)
    {
        remove(key);
        keys.append(key);
        items.push_back(std::move(v));
    }
    std::optional<qint64> integer() const
    {
        bool ok = false;
        const qint64 n = raw.toLongLong(&ok);
        return type == Type::Token && ok ? std::optional(n) : std::nullopt;
    }
    std::optional<double> real() const
    {
        bool ok = false;
        const double n = raw.toDouble(&ok);
        return type == Type::Token && ok ? std::optional(n) : std::nullopt;
    }
};

inline PdfValue token(const QByteArray &raw) { return {PdfValue::Type::Token, raw, {}, {}}; }
inline PdfValue name(const QByteArray &raw) { return {PdfValue::Type::Name, '/' + raw, {}, {}}; }
inline PdfValue hexString(const QByteArray &bytes)
{
    return {PdfValue::Type::String, '<' + bytes.toHex().toUpper() + '>', {}, {}};
}
inline PdfValue ref(int num, int gen = 0) { return {PdfValue::Type::Ref, {}, {}, {}, num, gen}; }
inline PdfValue array(std::vector<PdfValue> items) { return {PdfValue::Type::Array, {}, std::move(items), {}}; }
inline PdfValue dict() { return {PdfValue::Type::Dict, {}, {}, {}}; }

struct PdfObject
{
    PdfValue value;
    std::optional<QByteArray> stream; // the raw (still encoded) stream data
};

// The file's objects by number, through its cross-reference tables (the newest first). It reads
// from `data` as it is asked for objects, so `data` must outlive it.
class PdfFile
{
public:
    static std::expected<PdfFile, QString> open(const QByteArray &data);

    const PdfValue &trailer() const { return m_trailer; }
    qsizetype startXref() const { return m_startXref; }
    std::expected<PdfObject, QString> object(int num, bool allowStream = true) const;

private:
    explicit PdfFile(const QByteArray &data) : m_data(data) {}
    std::expected<qsizetype, QString> readXrefSection(qsizetype offset);

    const QByteArray &m_data;
    std::map<int, qsizetype> m_offsets;
    PdfValue m_trailer;
    qsizetype m_startXref = 0;
};

} // namespace atlas::pdf
