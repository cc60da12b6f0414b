// Writing for pdfoutline.h: the objects serialised and appended with their cross-reference
// section, the reproducible rewrite and the outline/links update. Reading the file Qt wrote is
// pdfparse.h's.
#include "pdfoutline.h"
#include "pdfparse.h"

#include <QCryptographicHash>

#include <algorithm>

#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <optional>

namespace atlas {

using pdf::array;
using pdf::dict;
using pdf::hexString;
using pdf::name;
using pdf::PdfFile;
using pdf::PdfObject;
using pdf::PdfValue;
using pdf::ref;
using pdf::token;

namespace {

// ---- writing ------------------------------------------------------------------------------

QByteArray serialise(const PdfValue &v)
{
    switch (v.type) {
    case PdfValue::Type::Null: return "null";
    case PdfValue::Type::Token:
    case PdfValue::Type::Name:
    case PdfValue::Type::String: return v.raw;
    case PdfValue::Type::Ref: return QByteArray::number(v.num) + ' ' + QByteArray::number(v.gen) + " R";
    case PdfValue::Type::Array: {
        QByteArray out = "[";
        for (std::size_t i = 0; i < v.items.size(); ++i)
            out += (i ? " " : "") + serialise(v.items[i]);
        return out + ']';
    }
    case PdfValue::Type::Dict: {
        QByteArray out = "<<";
        for (qsizetype i = 0; i < v.keys.size(); ++i)
            out += "\n/" + v.keys[i] + ' ' + serialise(v.items[std::size_t(i)]);
        return out + "\n>>";
    }
    }
    return "null";
}

QByteArray number(double v) { return QByteArray::number(v, 'f', 2); }

// Appends objects to a file and ends it with their cross-reference section and trailer.
class PdfAppender
{
public:
    explicit PdfAppender(QByteArray out) : m_out(std::move(out))
    {
        if (!m_out.endsWith('\n'))
            m_out += '\n';
    }
    void write(int num, int gen, const PdfObject &object)
    {
        m_offsets[num] = {m_out.size(), gen};
        m_out += QByteArray::number(num) + ' ' + QByteArray::number(gen) + " obj\n" + serialise(object.value);
        if (object.stream)
            m_out += "\nstream\n" + *object.stream + "\nendstream";
        m_out += "\nendobj\n";
    }
    const QByteArray &bytes() const { return m_out; }
    // `withFree`: a complete table (object 0 free), not an update of some objects.
    QByteArray finish(const PdfValue &trailer, bool withFree)
    {
        const qsizetype xref = m_out.size();
        m_out += "xref\n";
        if (withFree)
            m_offsets[0] = {-1, 65535};
        for (auto it = m_offsets.begin(); it != m_offsets.end();) {
            auto end = it;
            int count = 0;
            while (end != m_offsets.end() && end->first == it->first + count)
                ++end, ++count;
            m_out += QByteArray::number(it->first) + ' ' + QByteArray::number(count) + '\n';
            for (; it != end; ++it) {
                const bool free = it->second.first < 0;
                m_out += QByteArray::number(free ? 0 : it->second.first).rightJustified(10, '0') + ' '
                         + QByteArray::number(it->second.second).rightJustified(5, '0') + (free ? " f \n" : " n \n");
            }
        }
        m_out += "trailer\n" + serialise(trailer) + "\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
        return m_out;
    }

private:
    QByteArray m_out;
    std::map<int, std::pair<qsizetype, int>> m_offsets; // number → (offset, generation)
};

// ---- reproducible rewrite -----------------------------------------------------------------

void forEachRef(PdfValue &v, const std::function<void(PdfValue &)> &f)
{
    if (v.type == PdfValue::Type::Ref)
        f(v);
    for (PdfValue &item : v.items)
        forEachRef(item, f);
}

// The bytes a literal string stands for, as its writer put them: escapes undone, but an
// unescaped end-of-line byte kept as it is (Qt writes UTF-16 bytes unescaped, 0x0D included).
QByteArray literalBytes(const QByteArray &raw)
{
    QByteArray out;
    for (qsizetype i = 1; i + 1 < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\\' || i + 2 >= raw.size()) {
            out += c;
            continue;
        }
        c = raw[++i];
        if (c >= '0' && c <= '7') {
            int code = 0;
            for (int n = 0; n < 3 && i + 1 < raw.size() && raw[i] >= '0' && raw[i] <= '7'; ++n, ++i)
                code = code * 8 + (raw[i] - '0');
            --i;
            out += char(code & 0xff);
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')
                ++i; // a line continuation
        } else {
            const char *escapes = "n\nr\rt\tb\bf\f";
            const char *e = std::strchr(escapes, c);
            out += (e && (e - escapes) % 2 == 0) ? e[1] : c;
        }
    }
    return out;
}

// The tag of a subset font's name ("QRAAAA+DejaVuSans") follows the object number Qt gave
// its descriptor, which follows the QHash order: derive it from the canonical number instead.
void retagSubsetFont(PdfValue &dictionary, int num)
{
    for (qsizetype i = 0; i < dictionary.keys.size(); ++i) {
        PdfValue &v = dictionary.items[std::size_t(i)];
        if ((dictionary.keys[i] != "FontName" && dictionary.keys[i] != "BaseFont") || v.type != PdfValue::Type::Name
            || v.raw.size() < 8 || v.raw[7] != '+')
            continue;
        bool tagged = true;
        for (int k = 1; k < 7; ++k)
            tagged = tagged && v.raw[k] >= 'A' && v.raw[k] <= 'Z';
        for (int k = 1, n = num; tagged && k < 7; ++k, n /= 26)
            v.raw[k] = char('A' + n % 26);
    }
}

void normaliseInfo(PdfValue &info, const QDate &creationDate)
{
    info.remove("CreationDate");
    info.remove("ModDate");
    for (PdfValue &v : info.items)
        if (v.type == PdfValue::Type::String && v.raw.startsWith('('))
            v = hexString(literalBytes(v.raw));
    if (creationDate.isValid())
        info.set("CreationDate", {PdfValue::Type::String,
                                  "(D:" + creationDate.toString(u"yyyyMMdd").toLatin1() + "000000Z)", {}, {}});
}

} // namespace

std::expected<QByteArray, QString> reproduciblePdf(const QByteArray &pdf, const QDate &creationDate)
{
    auto file = PdfFile::open(pdf);
    if (!file)
        return std::unexpected(file.error());
    // Number the objects breadth-first from the trailer, in the order their references appear.
    PdfValue trailer = dict();
    for (const char *key : {"Root", "Info"})
        if (const PdfValue *v = file->trailer().get(key); v && v->type == PdfValue::Type::Ref)
            trailer.set(key, *v);
    if (!trailer.get("Root"))
        return std::unexpected(QStringLiteral("the PDF's trailer has no /Root"));
    std::map<int, int> renumbered;
    std::deque<PdfObject> objects; // a deque: walking one object appends others, keeping it in place
    QString error;
    const auto discover = [&](PdfValue &r) {
        auto [it, added] = renumbered.try_emplace(r.num, int(renumbered.size()) + 1);
        if (added) {
            auto object = file->object(r.num);
            if (!object && error.isEmpty())
                error = object.error();
            objects.push_back(object ? std::move(*object) : PdfObject{});
        }
        r.num = it->second;
        r.gen = 0;
    };
    forEachRef(trailer, discover);
    for (std::size_t next = 0; next < objects.size() && error.isEmpty(); ++next)
        forEachRef(objects[next].value, discover);
    if (!error.isEmpty())
        return std::unexpected(error);
    const int infoNum = trailer.get("Info") ? trailer.get("Info")->num : 0;
    QByteArray header = pdf.left(pdf.indexOf('\n') + 1).trimmed();
    PdfAppender out(header + "\n%\xE2\xE3\xCF\xD3\n");
    for (std::size_t i = 0; i < objects.size(); ++i) {
        const int num = int(i) + 1;
        if (num == infoNum && objects[i].value.type == PdfValue::Type::Dict)
            normaliseInfo(objects[i].value, creationDate);
        if (objects[i].value.type == PdfValue::Type::Dict)
            retagSubsetFont(objects[i].value, num);
        out.write(num, 0, objects[i]);
    }
    trailer.keys.prepend("Size");
    trailer.items.insert(trailer.items.begin(), token(QByteArray::number(objects.size() + 1)));
    return out.finish(trailer, true);
}

namespace {

// ---- outline and links --------------------------------------------------------------------

struct PageInfo
{
    PdfValue ref;
    PdfObject object;
    double left = 0, top = 842; // of its /MediaBox, to turn distances from the top into PDF y
};

std::optional<double> mediaTop(const PdfValue *box, double *left)
{
    if (!box || box->type != PdfValue::Type::Array || box->items.size() != 4)
        return std::nullopt;
    const auto x = box->items[0].real(), y1 = box->items[1].real(), y2 = box->items[3].real();
    if (!x || !y1 || !y2)
        return std::nullopt;
    *left = *x;
    return std::max(*y1, *y2);
}

// The leaves of the page tree in document order, each with its (possibly inherited) media box.
std::expected<std::vector<PageInfo>, QString> collectPages(const PdfFile &file, const PdfValue &root)
{
    std::vector<PageInfo> pages;
    struct Pending { PdfValue ref; double left, top; int depth; };
    std::vector<Pending> stack{{root, 0, 842, 0}};
    std::size_t visited = 0;
    while (!stack.empty()) {
        Pending node = stack.back();
        stack.pop_back();
        if (node.ref.type != PdfValue::Type::Ref || node.depth > 32 || ++visited > 1'000'000)
            return std::unexpected(QStringLiteral("the PDF's page tree is malformed"));
        auto object = file.object(node.ref.num);
        if (!object)
            return std::unexpected(object.error());
        if (const auto top = mediaTop(object->value.get("MediaBox"), &node.left))
            node.top = *top;
        const PdfValue *type = object->value.get("Type");
        if (type && type->raw == "/Page") {
            pages.push_back({node.ref, std::move(*object), node.left, node.top});
            continue;
        }
        const PdfValue *kids = object->value.get("Kids");
        if (!kids || kids->type != PdfValue::Type::Array)
            return std::unexpected(QStringLiteral("the PDF's page tree is malformed"));
        for (auto kid = kids->items.rbegin(); kid != kids->items.rend(); ++kid)
            stack.push_back({*kid, node.left, node.top, node.depth + 1});
    }
    return pages;
}

PdfValue destination(const PageInfo &page, double top)
{
    return array({page.ref, name("XYZ"), token(number(page.left)), token(number(page.top - top)), PdfValue{}});
}

// PDF text strings as UTF-16BE with a byte order mark, in hex: no escaping to get wrong.
PdfValue textString(const QString &text)
{
    QByteArray bytes("\xFE\xFF");
    for (const QChar c : text)
        bytes += char(c.unicode() >> 8), bytes += char(c.unicode() & 0xff);
    return hexString(bytes);
}

// The /Outlines tree: level-1 entries under the root, deeper ones under the last level-1
// entry; sections start closed so the panel reads as a table of contents.
void writeOutline(PdfAppender &out, int rootNum, int firstItemNum, const std::vector<PdfOutlineItem> &items,
                  const std::vector<PageInfo> &pages)
{
    const std::size_t n = items.size();
    std::vector<int> parent(n, -1);
    std::vector<std::vector<std::size_t>> children(n + 1); // [n]: the root's
    for (std::size_t i = 0, section = n; i < n; ++i) {
        if (items[i].level <= 1 || section == n)
            section = i, children[n].push_back(i);
        else
            parent[i] = int(section), children[section].push_back(i);
    }
    const auto num = [&](std::size_t i) { return i == n ? rootNum : firstItemNum + int(i); };
    const auto link = [&](PdfValue &d, std::size_t self) {
        const std::vector<std::size_t> &kids = children[self];
        if (kids.empty())
            return;
        d.set("First", ref(num(kids.front())));
        d.set("Last", ref(num(kids.back())));
        d.set("Count", token(QByteArray::number(self == n ? qsizetype(kids.size()) : -qsizetype(kids.size()))));
    };
    PdfObject root{dict(), std::nullopt};
    root.value.set("Type", name("Outlines"));
    link(root.value, n);
    out.write(rootNum, 0, root);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t up = parent[i] < 0 ? n : std::size_t(parent[i]);
        const std::vector<std::size_t> &siblings = children[up];
        const auto at = std::size_t(std::find(siblings.begin(), siblings.end(), i) - siblings.begin());
        PdfObject item{dict(), std::nullopt};
        item.value.set("Title", textString(items[i].title));
        item.value.set("Parent", ref(num(up)));
        if (at > 0)
            item.value.set("Prev", ref(num(siblings[at - 1])));
        if (at + 1 < siblings.size())
            item.value.set("Next", ref(num(siblings[at + 1])));
        link(item.value, i);
        item.value.set("Dest", destination(pages[std::size_t(items[i].page)], items[i].top));
        out.write(num(i), 0, item);
    }
}

// A page's /Annots with `added` after what it had (inline or in an array object).
PdfValue annotations(const PdfFile &file, const PageInfo &page, const std::vector<int> &added)
{
    PdfValue list = array({});
    if (const PdfValue *existing = page.object.value.get("Annots")) {
        if (existing->type == PdfValue::Type::Array) {
            list = *existing;
        } else if (existing->type == PdfValue::Type::Ref) {
            if (auto object = file.object(existing->num); object && object->value.type == PdfValue::Type::Array)
                list = object->value;
        }
    }
    for (int num : added)
        list.items.push_back(ref(num));
    return list;
}

} // namespace

std::expected<QByteArray, QString> addPdfOutline(const QByteArray &pdf, const std::vector<PdfOutlineItem> &outline,
                                                 const std::vector<PdfLink> &links)
{
    auto file = PdfFile::open(pdf);
    if (!file)
        return std::unexpected(file.error());
    const PdfValue *root = file->trailer().get("Root");
    const PdfValue *size = file->trailer().get("Size");
    if (!root || root->type != PdfValue::Type::Ref || !size || !size->integer())
        return std::unexpected(QStringLiteral("the PDF's trailer has no /Root or /Size"));
    auto catalog = file->object(root->num);
    if (!catalog || catalog->value.type != PdfValue::Type::Dict || !catalog->value.get("Pages"))
        return std::unexpected(catalog ? QStringLiteral("the PDF's catalog has no /Pages") : catalog.error());
    auto pages = collectPages(*file, *catalog->value.get("Pages"));
    if (!pages)
        return std::unexpected(pages.error());
    const auto badPage = [&](int page) { return page < 0 || std::size_t(page) >= pages->size(); };
    for (const PdfOutlineItem &item : outline)
        if (badPage(item.page))
            return std::unexpected(
                QStringLiteral("bookmark \u201c%1\u201d points past the last page").arg(item.title));
    for (const PdfLink &l : links)
        if (badPage(l.page) || badPage(l.targetPage))
            return std::unexpected(QStringLiteral("a link points past the last page"));

    PdfAppender out(pdf);
    int next = int(*size->integer());
    if (!outline.empty()) {
        const int outlineRoot = next;
        writeOutline(out, outlineRoot, next + 1, outline, *pages);
        next += 1 + int(outline.size());
        catalog->value.set("Outlines", ref(outlineRoot));
        catalog->value.set("PageMode", name("UseOutlines"));
    }
    out.write(root->num, root->gen, *catalog);
    std::map<int, std::vector<int>> annotsByPage;
    for (const PdfLink &l : links) {
        const PageInfo &page = (*pages)[std::size_t(l.page)];
        PdfObject annot{dict(), std::nullopt};
        annot.value.set("Type", name("Annot"));
        annot.value.set("Subtype", name("Link"));
        annot.value.set("Rect", array({token(number(page.left + l.rect.left())),
                                       token(number(page.top - l.rect.bottom())),
                                       token(number(page.left + l.rect.right())),
                                       token(number(page.top - l.rect.top()))}));
        annot.value.set("Border", array({token("0"), token("0"), token("0")}));
        annot.value.set("Dest", destination((*pages)[std::size_t(l.targetPage)], l.targetTop));
        out.write(next, 0, annot);
        annotsByPage[l.page].push_back(next++);
    }
    for (const auto &[index, added] : annotsByPage) {
        PageInfo &page = (*pages)[std::size_t(index)];
        page.object.value.set("Annots", annotations(*file, page, added));
        out.write(page.ref.num, page.ref.gen, page.object);
    }

    // The trailer: the old one's entries, this section's size and /Prev, and an /ID from the
    // content (its first half stays what it was, as the standard asks of an update).
    PdfValue trailer = file->trailer();
    for (const char *key : {"Size", "Prev", "ID", "XRefStm"})
        trailer.remove(key);
    trailer.set("Size", token(QByteArray::number(next)));
    trailer.set("Prev", token(QByteArray::number(file->startXref())));
    const QByteArray original = QCryptographicHash::hash(pdf, QCryptographicHash::Md5);
    const QByteArray updated = QCryptographicHash::hash(out.bytes(), QCryptographicHash::Md5);
    const PdfValue *oldId = file->trailer().get("ID");
    const bool keepFirst = oldId && oldId->type == PdfValue::Type::Array && oldId->items.size() == 2;
    trailer.set("ID", array({keepFirst ? oldId->items[0] : hexString(original), hexString(updated)}));
    return out.finish(trailer, false);
}

} // namespace atlas
