// The PDF format: the paged report (reportpaged.h) through QPdfWriter, then made reproducible
// and given its bookmarks and clickable contents (pdfoutline.h), which Qt 6.4 cannot write.
#include "pdfoutline.h"
#include "reportformat.h"
#include "reportpaged.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>

namespace atlas {

namespace {

class PdfReportFormat final : public ReportFormat
{
public:
    QString id() const override { return QStringLiteral("pdf"); }
    QString name() const override { return QStringLiteral("PDF document"); }
    QString extension() const override { return QStringLiteral("pdf"); }
    QString fileName() const override { return QStringLiteral("report.pdf"); }
    std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const override;
};

// Qt's PDF bytes and what the pages say about them (bookmarks, links).
std::expected<std::pair<QByteArray, PagedReport>, QString> render(const ReportRenderInput &in)
{
    const ReportDocument &doc = in.document;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setTitle(doc.title);
    pdf.setCreator(QStringLiteral("Residency Atlas"));
    pdf.setResolution(72); // one unit is one point, as the painters expect
    // A4 portrait, 18 mm margins (51 pt: whole points keep the body's origin exact).
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(51, 51, 51, 51),
                                  QPageLayout::Point));
    auto paged = paintReportPages(doc, pdf, in.progress, in.cancel);
    if (!paged)
        return std::unexpected(paged.error());
    return std::pair(bytes, std::move(*paged)); // the painter has ended: Qt has written the file
}

std::expected<void, QString> PdfReportFormat::write(const ReportRenderInput &in, QIODevice &device) const
{
    auto rendered = render(in);
    if (!rendered)
        return std::unexpected(rendered.error());
    const QDate asOf = QDate::fromString(in.document.asOf, Qt::ISODate);
    auto reproducible = reproduciblePdf(rendered->first, asOf);
    if (!reproducible)
        return std::unexpected(reproducible.error());
    const PagedReport &paged = rendered->second;
    auto pdf = addPdfOutline(*reproducible, paged.outline, paged.contentsLinks);
    if (!pdf)
        return std::unexpected(pdf.error());
    if (device.write(*pdf) != pdf->size())
        return std::unexpected(QStringLiteral("cannot write the PDF: ") + device.errorString());
    return {};
}

} // namespace

std::unique_ptr<ReportFormat> makePdfReportFormat()
{
    return std::make_unique<PdfReportFormat>();
}

} // namespace atlas
