// The report's three CSV tables — findings, the record of processing (the ICO controller
// template's columns) and the transfer register — for spreadsheets and GRC tools. Never capped.
// RFC 4180 (comma, CRLF, quotes where needed), UTF-8 with a byte-order mark because Excel reads
// a CSV without one in the machine's legacy code page, and every cell that a spreadsheet would
// take for a formula neutralised with a leading apostrophe (OWASP "CSV injection"): an
// inventory's names and reasons are free text, and a report is opened by people who trust it.
#include "reportformat.h"

#include "analysis.h"
#include "findingroots.h"

#include <QIODevice>
#include <QLocale>

namespace atlas {

using namespace Qt::StringLiterals;

namespace {

// Rows are written a block at a time, so a million-finding table never sits in memory twice.
class CsvWriter
{
public:
    CsvWriter(QIODevice &device, const ReportRenderInput &in) : m_device(device), m_in(in)
    {
        m_ok = m_device.write("\xEF\xBB\xBF", 3) == 3;
    }

    void row(const QStringList &cells)
    {
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                m_text += u',';
            appendCell(cells[i]);
        }
        m_text += u"\r\n"_s;
        if (m_text.size() >= BlockSize)
            flush();
    }

    // Between rows: reports progress and honours cancellation.
    bool next(int done, int total)
    {
        if (m_in.cancel && m_in.cancel->load()) {
            m_cancelled = true;
            return false;
        }
        if (m_in.progress && (done % 1024 == 0 || done == total))
            m_in.progress(done, total);
        return m_ok;
    }

    std::expected<void, QString> finish()
    {
        if (m_cancelled)
            return std::unexpected(u"cancelled"_s);
        flush();
        if (!m_ok)
            return std::unexpected(u"cannot write the CSV table: "_s + m_device.errorString());
        return {};
    }

private:
    // A cell a spreadsheet would evaluate (=, +, -, @, or a tab or CR before one) gets a leading
    // apostrophe: Excel and LibreOffice then show the text as it is. "-2" is text too: no cell of
    // these tables is a negative number, so a leading minus can only come from the input.
    void appendCell(const QString &cell)
    {
        const bool formula = !cell.isEmpty()
            && (cell[0] == u'=' || cell[0] == u'+' || cell[0] == u'-' || cell[0] == u'@' || cell[0] == u'\t' || cell[0] == u'\r');
        const bool needsQuotes = cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\r') || cell.contains(u'\n');
        if (needsQuotes)
            m_text += u'"';
        if (formula)
            m_text += u'\'';
        for (QChar c : cell) {
            if (c == u'"')
                m_text += u'"';
            m_text += c;
        }
        if (needsQuotes)
            m_text += u'"';
    }

    void flush()
    {
        if (m_text.isEmpty())
            return;
        const QByteArray bytes = m_text.toUtf8(); // whole rows: never half a surrogate pair
        m_ok = m_ok && m_device.write(bytes) == bytes.size();
        m_text.clear();
    }

    static constexpr qsizetype BlockSize = qsizetype(1) << 18;
    QIODevice &m_device;
    const ReportRenderInput &m_in;
    QString m_text;
    bool m_ok = true;
    bool m_cancelled = false;
};

// Sentences (actions, references) may hold semicolons; ids and names do not.
const QString sentenceSeparator = u" | "_s;
const QString listSeparator = u"; "_s;

QString tri(int value)
{
    return value < 0 ? QString() : value > 0 ? u"true"_s : u"false"_s;
}

QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// ---- findings ----------------------------------------------------------------------------

QString findingSource(const ReportRenderInput &in, std::size_t i)
{
    if (qsizetype(i) < in.report.findingSources.size())
        return in.report.findingSources[qsizetype(i)];
    const Finding &f = in.report.findings[i];
    if (!in.snapshot.inventory || !f.source.isValid())
        return {};
    return displayFileName(in.snapshot.inventory->fileOf(f.source)) + u':' + QString::number(f.source.line) + u':'
        + QString::number(f.source.column);
}

QStringList findingRow(const ReportRenderInput &in, std::size_t i)
{
    const Finding &f = in.report.findings[i];
    QStringList patterns;
    for (const QString &p : f.patterns)
        patterns << patternLabel(p);
    return {findingKey(f).toString(),
            f.rule,
            ruleSeverityName(f.severity),
            findingStatusName(f.status),
            f.title,
            subjectKindName(f.subjectKind),
            f.subjectId,
            f.dataset,
            findingRoot(f),
            f.message,
            findingSource(in, i),
            f.waiverExpires.isValid() ? f.waiverExpires.toString(Qt::ISODate) : QString(),
            f.waiverReason,
            f.actions.join(sentenceSeparator),
            patterns.join(sentenceSeparator),
            f.references.join(sentenceSeparator)};
}

class FindingsCsvFormat final : public ReportFormat
{
public:
    QString id() const override { return u"findings-csv"_s; }
    QString name() const override { return u"Findings (CSV)"_s; }
    QString extension() const override { return u"csv"_s; }
    QString fileName() const override { return u"findings.csv"_s; }
    std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const override
    {
        CsvWriter csv(device, in);
        csv.row({u"key"_s, u"rule"_s, u"severity"_s, u"status"_s, u"title"_s, u"subject_kind"_s, u"subject_id"_s,
                 u"dataset"_s, u"root"_s, u"message"_s, u"source"_s, u"waiver_expires"_s, u"waiver_reason"_s, u"actions"_s,
                 u"patterns"_s, u"references"_s});
        const int total = int(in.report.findings.size());
        for (std::size_t i = 0; i < in.report.findings.size() && csv.next(int(i), total); ++i)
            csv.row(findingRow(in, i));
        csv.next(total, total);
        return csv.finish();
    }
};

// ---- record of processing ------------------------------------------------------------------

// The ICO's controller template (sheet "Template", row 9, columns A–AD), word for word and in
// order, so the file pastes into the template a DPO already keeps; then our ids, which the
// template has no place for, to trace each row back to the inventory.
const QStringList &processingHeader()
{
    static const QStringList header{
        u"Business function"_s,
        u"Purpose of processing"_s,
        u"Name and contact details of joint controller"_s,
        u"Categories of individuals"_s,
        u"Categories of personal data"_s,
        u"Categories of recipients"_s,
        u"Link to contract with processor"_s,
        u"Names of third countries or international organisations that personal data are transferred to"_s,
        u"Safeguards for exceptional transfers of personal data to third countries or international organisations"_s,
        u"Retention schedule"_s,
        u"General description of technical and organisational security measures"_s,
        u"Article 6 lawful basis"_s,
        u"Article 9 condition for special category data"_s,
        u"Legitimate interests"_s,
        u"Link to record of LIA"_s,
        u"Rights available to individuals"_s,
        u"Existence of automated decision-making, including profiling"_s,
        u"Source of the personal data"_s,
        u"Link to record of consent"_s,
        u"Location of personal data"_s,
        u"DPIA required?"_s,
        u"DPIA progress"_s,
        u"Link to DPIA"_s,
        u"Has a personal data breach occurred?"_s,
        u"Link to breach record"_s,
        u"DPA 2018 Schedule 1 condition"_s,
        u"GDPR Art. 6 lawful basis for processing"_s,
        u"Link to retention and erasure policy"_s,
        u"Retained and erased in accordance with the policy?"_s,
        u"Reasons for not adhering"_s,
        u"Dataset id"_s,
        u"Workload id"_s,
        u"Transfer id"_s,
    };
    return header;
}

// What the inventory knows goes in its column; what it cannot know (contracts, DPIAs,
// breaches, individuals' rights) stays empty for the DPO rather than being guessed.
QStringList processingRow(const ProcessingRecord &r)
{
    QStringList row(30);
    row[0] = r.workloadKind;
    row[1] = r.purpose;
    row[4] = r.categories;
    row[5] = r.recipients;
    row[7] = r.thirdCountries.join(listSeparator);
    row[8] = r.safeguard;
    row[9] = r.retention;
    row[10] = r.security;
    row[11] = r.lawfulBasis;
    row[12] = r.specialCategory;
    row[17] = r.source;
    row[19] = r.location;
    row << r.dataset << r.workload << r.transfer;
    return row;
}

class ProcessingCsvFormat final : public ReportFormat
{
public:
    QString id() const override { return u"processing-csv"_s; }
    QString name() const override { return u"Record of processing (CSV, ICO template columns)"_s; }
    QString extension() const override { return u"csv"_s; }
    QString fileName() const override { return u"record-of-processing.csv"_s; }
    std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const override
    {
        CsvWriter csv(device, in);
        csv.row(processingHeader());
        const int total = int(in.report.processing.size());
        for (std::size_t i = 0; i < in.report.processing.size() && csv.next(int(i), total); ++i)
            csv.row(processingRow(in.report.processing[i]));
        csv.next(total, total);
        return csv.finish();
    }
};

// ---- transfer register --------------------------------------------------------------------

QStringList transferRow(const ReportTransfer &t)
{
    return {t.id,
            subjectKindName(t.via),
            t.subject,
            t.dataset,
            enumQName(t.classification),
            t.categories.join(listSeparator),
            t.form,
            t.purpose,
            t.from,
            t.to,
            t.origin,
            t.originLaw,
            t.fromJurisdiction,
            t.destination,
            t.destinationCountry,
            t.destinationOperator,
            t.foreignLaws.join(listSeparator),
            QString::fromLatin1(transferToolInfo(t.tool).id),
            tri(t.adequate),
            t.adequacyReason,
            tri(t.encrypted),
            t.keyCustody,
            t.keyLocation,
            t.protections.join(listSeparator),
            t.gbPerDay ? number(*t.gbPerDay) : QString(),
            t.assessmentNeeded ? u"true"_s : u"false"_s,
            t.findings.join(listSeparator),
            t.sourceText};
}

class TransfersCsvFormat final : public ReportFormat
{
public:
    QString id() const override { return u"transfers-csv"_s; }
    QString name() const override { return u"Transfer register (CSV)"_s; }
    QString extension() const override { return u"csv"_s; }
    QString fileName() const override { return u"transfer-register.csv"_s; }
    std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const override
    {
        CsvWriter csv(device, in);
        csv.row({u"id"_s, u"via"_s, u"subject"_s, u"dataset"_s, u"classification"_s, u"categories"_s, u"form"_s,
                 u"purpose"_s, u"from"_s, u"to"_s, u"origin"_s, u"origin_law"_s, u"from_jurisdiction"_s,
                 u"destination"_s, u"destination_country"_s, u"destination_operator"_s, u"foreign_laws"_s, u"tool"_s,
                 u"adequate"_s, u"adequacy_reason"_s, u"encrypted"_s, u"key_custody"_s,
                 u"key_location"_s, u"protections"_s, u"gb_per_day"_s, u"assessment_needed"_s, u"findings"_s,
                 u"source"_s});
        const int total = int(in.report.transfers.size());
        for (std::size_t i = 0; i < in.report.transfers.size() && csv.next(int(i), total); ++i)
            csv.row(transferRow(in.report.transfers[i]));
        csv.next(total, total);
        return csv.finish();
    }
};

} // namespace

std::unique_ptr<ReportFormat> makeFindingsCsvFormat() { return std::make_unique<FindingsCsvFormat>(); }
std::unique_ptr<ReportFormat> makeProcessingCsvFormat() { return std::make_unique<ProcessingCsvFormat>(); }
std::unique_ptr<ReportFormat> makeTransfersCsvFormat() { return std::make_unique<TransfersCsvFormat>(); }

} // namespace atlas
