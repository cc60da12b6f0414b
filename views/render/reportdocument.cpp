// The report's words: each section of the model turned into headings, paragraphs, tables and
// charts, in the order of reportSections(), numbered among those included. Tables longer than
// reportTableCap are cut here with the count and the file that holds them all.
#include "reportdocument.h"

#include "findingroots.h"
#include "overviewmatrix.h"
#include "scenariometrics.h"

#include <QLocale>

#include <algorithm>

namespace atlas {

namespace {

using Rows = std::vector<QStringList>;

QString joined(const QStringList &l, const QString &none = QStringLiteral("—"))
{
    return l.isEmpty() ? none : l.join(QStringLiteral(", "));
}

QString gb(double v)
{
    return formatAmount(v) + QStringLiteral(" GB/day");
}

QString triText(int v, const QString &yes = QStringLiteral("yes"), const QString &no = QStringLiteral("no"),
                const QString &unknown = QStringLiteral("not recorded"))
{
    return v < 0 ? unknown : v ? yes : no;
}

QString bytesText(qint64 b)
{
    return QLocale::c().toString(b) + QStringLiteral(" bytes");
}

ReportBlock paragraph(const QString &text)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Paragraph;
    b.text = text;
    return b;
}

ReportBlock note(const QString &text)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Note;
    b.text = text;
    return b;
}

ReportBlock bullets(const QStringList &items)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Bullets;
    b.items = items;
    return b;
}

// A table capped at reportTableCap rows, naming where the rest is.
ReportBlock table(QStringList header, Rows rows, QList<CellStyle> styles = {}, QList<int> widths = {},
                  const QString &fullIn = {})
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table.header = std::move(header);
    b.table.total = qsizetype(rows.size());
    if (rows.size() > std::size_t(reportTableCap)) {
        rows.resize(std::size_t(reportTableCap));
        b.table.overflow = QStringLiteral("Showing the first %1 of %2 rows. The full list is in %3.")
                               .arg(reportTableCap)
                               .arg(b.table.total)
                               .arg(fullIn.isEmpty() ? QStringLiteral("report.json") : fullIn + QStringLiteral(" and report.json"));
    }
    b.table.rows = std::move(rows);
    b.table.styles = std::move(styles);
    b.table.widths = std::move(widths);
    return b;
}

ReportBlock keyValues(const std::vector<std::pair<QString, QString>> &pairs)
{
    Rows rows;
    for (const auto &[k, v] : pairs)
        rows.push_back({k, v});
    ReportBlock b = table({QStringLiteral("Field"), QStringLiteral("Value")}, std::move(rows), {}, {1, 3});
    b.table.keyValue = true;
    return b;
}

struct Writer
{
    const Report &r;
    ReportDocSection *s = nullptr;

    void add(ReportBlock b) { s->blocks.push_back(std::move(b)); }
    void heading(const QString &anchor, const QString &title)
    {
        ReportBlock b;
        b.kind = ReportBlock::Kind::Heading;
        b.text = title;
        b.anchor = s->id + u'-' + anchor;
        s->subsections.push_back({b.anchor, title});
        add(std::move(b));
    }

    QString severityList(const std::array<int, 5> &counts) const
    {
        QStringList parts;
        for (RuleSeverity sev : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low, RuleSeverity::Info})
            if (counts[std::size_t(sev)])
                parts << QStringLiteral("%1 %2").arg(counts[std::size_t(sev)]).arg(ruleSeverityName(sev));
        return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
    }

    void title()
    {
        const ReportSummary &m = r.summary;
        add(paragraph(QStringLiteral("This report sets out where the personal and restricted data of %1's AI systems is held and processed, "
                                     "which jurisdictions' laws govern it, every transfer between jurisdictions and the findings of the policy "
                                     "checks, as the inventory stood on %2.")
                          .arg(r.organisation.isEmpty() ? QStringLiteral("the organisation") : r.organisation, r.asOf.toString(Qt::ISODate))));
        QStringList inputs;
        for (const ReportInputFile &f : r.provenance.inputs)
            inputs << f.name;
        add(keyValues({{QStringLiteral("Organisation"), r.organisation.isEmpty() ? QStringLiteral("not recorded") : r.organisation},
                       {QStringLiteral("State as of"), r.asOf.toString(Qt::ISODate)},
                       {QStringLiteral("Jurisdictions in scope"), joined(m.jurisdictions)},
                       {QStringLiteral("Inventory"), QStringLiteral("%1 workloads, %2 datasets, %3 flows, %4 access entries, %5 waivers")
                                                         .arg(m.workloads).arg(m.datasets).arg(m.flows).arg(m.accesses).arg(m.waivers)},
                       {QStringLiteral("Inputs"), joined(inputs)},
                       {QStringLiteral("Sections"), QString::number(std::popcount(r.sections)) + QStringLiteral(" of ") + QString::number(reportSections().size())}}));
        add(note(r.disclaimer));
    }

    void provenance()
    {
        const ReportProvenance &p = r.provenance;
        add(paragraph(QStringLiteral("Every input is identified by its SHA-256: recompute it (sha256sum FILE) to check that this report describes that file.")));
        Rows inputs;
        for (const ReportInputFile &f : p.inputs)
            inputs.push_back({f.name, f.format, bytesText(f.bytes), f.sha256});
        add(table({QStringLiteral("Input"), QStringLiteral("Format"), QStringLiteral("Size"), QStringLiteral("SHA-256")}, std::move(inputs),
                  {CellStyle::Plain, CellStyle::Plain, CellStyle::Plain, CellStyle::Code}, {3, 2, 2, 6}));
        Rows packs;
        for (const ReportPack &pk : p.packs)
            packs.push_back({pk.name, QString::number(pk.rules), pk.sha256.isEmpty() ? QStringLiteral("not available") : pk.sha256});
        add(table({QStringLiteral("Policy pack"), QStringLiteral("Rules"), QStringLiteral("SHA-256")}, std::move(packs),
                  {CellStyle::Plain, CellStyle::Plain, CellStyle::Code}, {3, 1, 6}));
        add(keyValues({{QStringLiteral("Catalog"), p.catalog},
                       {QStringLiteral("Catalog SHA-256"), p.catalogSha256},
                       {QStringLiteral("Catalog facts as of"), QStringLiteral("%1 to %2").arg(p.catalogOldest.toString(Qt::ISODate), p.catalogNewest.toString(Qt::ISODate))},
                       {QStringLiteral("Unverified catalog facts"), QString::number(p.catalogUnverified)},
                       {QStringLiteral("Rules disabled"), joined(p.disabled, QStringLiteral("none"))},
                       {QStringLiteral("Tool"), QStringLiteral("Residency Atlas ") + p.toolVersion},
                       {QStringLiteral("Parameters"), joined(p.parameters, QStringLiteral("defaults"))}}));
        if (!p.outputFiles.isEmpty()) {
            heading(QStringLiteral("files"), QStringLiteral("Files of this report"));
            add(paragraph(QStringLiteral("This report was written as a set of files; manifest.sha256 holds the SHA-256 of each (check with sha256sum -c manifest.sha256).")));
            add(bullets(p.outputFiles));
        }
    }

    void coverage()
    {
        const QList<Coverage::Gap> gaps = r.coverage.gapList();
        if (gaps.isEmpty())
            add(paragraph(QStringLiteral("Every workload's residency resolved, every data store declares what it holds and every origin has a catalogued transfer regime: the checks saw the whole inventory as declared.")));
        else
            add(note(QStringLiteral("The checks are incomplete: %1 gap(s) below. What could not be checked is not a pass.").arg(gaps.size())));
        for (const Coverage::Gap &g : gaps) {
            QStringList subjects = g.subjects;
            const qsizetype n = subjects.size();
            if (n > 20) {
                subjects = subjects.mid(0, 20);
                subjects << QStringLiteral("… and %1 more (report.json)").arg(n - 20);
            }
            add(paragraph(g.text + (subjects.isEmpty() ? QString() : QStringLiteral(": ") + subjects.join(QStringLiteral(", ")))));
        }
        heading(QStringLiteral("limitations"), QStringLiteral("Limitations"));
        add(bullets(r.limitations));
    }

    ReportChart severityChart() const
    {
        ReportChart c;
        c.title = QStringLiteral("Open findings by severity");
        for (RuleSeverity sev : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low, RuleSeverity::Info})
            c.bars.push_back({ruleSeverityName(sev), double(r.summary.findings.open[std::size_t(sev)]), severityColour(sev), {}});
        return c;
    }

    // The jurisdiction overview and its matrix: where the flows and access entries go between
    // jurisdictions (by the workloads' residency), with their open findings and volume.
    void overview()
    {
        const JurisdictionOverview &o = r.overview;
        heading(QStringLiteral("overview"), QStringLiteral("Jurisdictions and the pairs between them"));
        if (o.edgeCells().empty()) {
            add(paragraph(QStringLiteral("No flow or access entry goes from one jurisdiction to another: %1 and %2 stay inside their "
                                         "jurisdiction, so there is no overview to draw and no matrix to give.")
                              .arg(o.flows == 1 ? QStringLiteral("1 flow") : QStringLiteral("%1 flows").arg(o.flows),
                                   o.access == 1 ? QStringLiteral("1 access entry") : QStringLiteral("%1 access entries").arg(o.access))));
            return;
        }
        ReportBlock figure;
        figure.kind = ReportBlock::Kind::Overview;
        add(std::move(figure));
        // The key under the table, so that the heading goes to the page the table starts on.
        heading(QStringLiteral("matrix"), QStringLiteral("Jurisdiction matrix"));
        auto [header, rows] = matrixWords(o);
        QList<int> widths(header.size(), 3);
        widths.front() = 2; // the ids; the cells wrap less
        add(table(std::move(header), std::move(rows), {CellStyle::Code}, std::move(widths)));
        add(paragraph(QStringLiteral("Rows: where the data is (a flow's source workload, the workload accessed); columns: where it goes (a flow's "
                                     "destination, the accessor). The diagonal is what stays inside one jurisdiction; a dash: nothing goes there.")));
    }

    void summary()
    {
        const ReportSummary &m = r.summary;
        add(paragraph(QStringLiteral("%1 open findings on %2 subjects (%3); %4 waived. %5 transfers of personal data leave their origin "
                                     "jurisdiction (%6), %7 of them without adequacy; %8 of them carry restricted data (%9).")
                          .arg(m.findings.openTotal())
                          .arg(m.subjects)
                          .arg(severityList(m.findings.open))
                          .arg(m.findings.total() - m.findings.openTotal())
                          .arg(m.transfers)
                          .arg(gb(m.transferGbPerDay))
                          .arg(m.transfersWithoutAdequacy)
                          .arg(m.restrictedPersonalTransfers)
                          .arg(gb(m.restrictedPersonalGbPerDay))));
        if (r.coverage.gapList().size())
            add(note(QStringLiteral("The checks are incomplete (see Coverage and limitations): the numbers cover what the inventory declares.")));
        ReportBlock sev;
        sev.kind = ReportBlock::Kind::Chart;
        sev.chart = severityChart();
        add(std::move(sev));
        overview();
        if (r.scenarios) {
            heading(QStringLiteral("scenarios"), QStringLiteral("Before and after the scenarios"));
            QStringList lines;
            for (qsizetype i = 0; i < r.scenarios->names.size(); ++i)
                lines << r.scenarios->names[i] + QStringLiteral(": ") + r.scenarios->tradeoffs.value(i);
            add(bullets(lines));
        }
    }

    void map()
    {
        ReportBlock m;
        m.kind = ReportBlock::Kind::Map;
        add(std::move(m));
        add(paragraph(QStringLiteral("The origin × destination matrix of the jurisdictions, with each pair's flows, access entries, open "
                                     "findings and volume, is in the executive summary%1.")
                          .arg(hasSection(r.sections, ReportSection::Summary) ? QStringLiteral(" (Jurisdiction matrix)")
                                                                              : QStringLiteral(", which this report leaves out (--sections summary)"))));
    }

    void processing()
    {
        add(paragraph(QStringLiteral("One row per dataset, location, purpose and the transfer that brings the data there (GDPR Art. 30(1)). "
                                     "record-of-processing.csv holds every row in the ICO template's 30 columns, with the third countries, the "
                                     "safeguard and the location filled from the inventory; what the inventory cannot know (controller contacts, "
                                     "lawful basis, DPIA) is left for the record's owner.")));
        Rows rows;
        for (const ProcessingRecord &p : r.processing)
            rows.push_back({p.dataset, p.location, p.purpose, joined(p.thirdCountries), p.safeguard.isEmpty() ? QStringLiteral("—") : p.safeguard,
                            p.retention, p.lawfulBasis});
        add(table({QStringLiteral("Dataset"), QStringLiteral("Location"), QStringLiteral("Purpose"), QStringLiteral("Third countries"),
                   QStringLiteral("Safeguard"), QStringLiteral("Retention"), QStringLiteral("Lawful basis")},
                  std::move(rows), {CellStyle::Code}, {3, 4, 2, 2, 3, 2, 2}, QStringLiteral("record-of-processing.csv")));
    }

    void registers()
    {
        add(paragraph(QStringLiteral("Where each workload runs, who operates it, and which foreign law reaches that operator from outside the workload's jurisdiction.")));
        Rows rows;
        for (const WorkloadRegisterRow &w : r.workloads)
            rows.push_back({w.workload, w.kind, w.location,
                            (w.operatorName.isEmpty() ? w.operatorId : w.operatorName) + (w.operatorHq.isEmpty() ? QString() : QStringLiteral(" (HQ ") + w.operatorHq + u')')
                                + (w.sovereign ? QStringLiteral(", sovereign") : QString()),
                            joined(w.foreignLaws, QStringLiteral("none")), joined(w.holds), joined(w.keysFor), QString::number(w.openFindings)});
        add(table({QStringLiteral("Workload"), QStringLiteral("Kind"), QStringLiteral("Location"), QStringLiteral("Operator"),
                   QStringLiteral("Foreign law reaching it"), QStringLiteral("Holds"), QStringLiteral("Keys"), QStringLiteral("Findings")},
                  std::move(rows), {CellStyle::Code}, {3, 2, 3, 3, 2, 3, 3, 1}));
    }

    void transfers()
    {
        int derogations = 0;
        for (const ReportTransfer &t : r.transfers)
            derogations += transferToolInfo(t.tool).derogation;
        add(paragraph(QStringLiteral("Every transfer of personal data in a personal form (raw, pseudonymised, features) out of its origin jurisdiction, computed "
                                     "from the flows and from remote access: %1 transfers, %2 without adequacy, %3 resting on a derogation (flagged). "
                                     "Data that crosses only in an anonymised, aggregated or synthetic form is not listed.")
                          .arg(r.transfers.size()).arg(r.summary.transfersWithoutAdequacy).arg(derogations)));
        Rows rows;
        for (const ReportTransfer &t : r.transfers) {
            const TransferToolInfo &tool = transferToolInfo(t.tool);
            const QString route = t.via == SubjectKind::Access ? QStringLiteral("%1 in %2 reads %3").arg(t.destinationOperator, t.from, t.to)
                                                               : t.from + QStringLiteral(" → ") + t.to;
            rows.push_back({t.dataset, route,
                            (t.origin.isEmpty() ? QStringLiteral("?") : t.origin) + QStringLiteral(" → ") + (t.destination.isEmpty() ? QStringLiteral("?") : t.destination),
                            t.form,
                            t.tool == TransferTool::Adequacy && t.adequate != 1
                                ? QStringLiteral("adequacy claimed — does not hold")
                                : QString::fromUtf8(tool.name) + (tool.derogation ? QStringLiteral(" — DEROGATION") : QString()),
                            triText(t.adequate, QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("unknown")), QString::number(t.findings.size())});
        }
        add(table({QStringLiteral("Dataset"), QStringLiteral("From → to"), QStringLiteral("Jurisdictions"), QStringLiteral("Form"),
                   QStringLiteral("Tool"), QStringLiteral("Adequate"), QStringLiteral("Findings")},
                  std::move(rows), {CellStyle::Code}, {3, 5, 2, 2, 3, 1, 1}, QStringLiteral("transfer-register.csv")));
    }

    void assessments()
    {
        add(paragraph(QStringLiteral("A transfer impact assessment for each of the %1 transfers that no adequacy covers and no derogation carries, in the steps of "
                                     "EDPB Recommendations 01/2020: the transfer, its tool, the destination's law as the catalog knows it, the supplementary "
                                     "measures the inventory shows, the inherent and residual risk (method in docs/report.md) and what remains for counsel.")
                          .arg(r.assessments.size())));
        constexpr std::size_t cap = 40;
        for (std::size_t i = 0; i < r.assessments.size() && i < cap; ++i) {
            const ReportAssessment &a = r.assessments[i];
            const ReportTransfer *t = r.transfer(a.transfer);
            heading(QStringLiteral("tia-%1").arg(i + 1),
                    QStringLiteral("TIA %1: %2 → %3 (%4 %5)")
                        .arg(i + 1)
                        .arg(t ? t->dataset : a.transfer, t && !t->destination.isEmpty() ? t->destination : QStringLiteral("unknown"),
                             t ? subjectKindName(t->via) : QString(), t ? t->subject : QString()));
            add(keyValues({{QStringLiteral("1. Transfer"), a.description},
                           {QStringLiteral("2. Tool"), a.tool},
                           {QStringLiteral("3. Destination law"), a.destinationLaw.join(u' ')}}));
            Rows measures;
            for (const SupplementaryMeasure &m : a.measures)
                measures.push_back({m.measure, triText(m.present), m.effective && m.present == 1 ? QStringLiteral("yes") : QStringLiteral("no"), m.evidence});
            add(table({QStringLiteral("4. Supplementary measure"), QStringLiteral("Recorded"), QStringLiteral("Lowers the risk"), QStringLiteral("Evidence")},
                      std::move(measures), {}, {3, 1, 1, 5}));
            add(table({QStringLiteral("Inherent risk"), QStringLiteral("Why"), QStringLiteral("Residual risk"), QStringLiteral("Why")},
                      {{riskLevelName(a.inherent), a.inherentReason, riskLevelName(a.residual), a.residualReason}},
                      {CellStyle::Risk, CellStyle::Plain, CellStyle::Risk, CellStyle::Plain}, {1, 3, 1, 3}));
            add(bullets(a.forCounsel));
        }
        if (r.assessments.size() > cap)
            add(note(QStringLiteral("Showing the first %1 of %2 assessments. All of them are in report.json (\"assessments\").").arg(cap).arg(r.assessments.size())));
    }

    void findings()
    {
        // Several findings on one root are one problem (revision 2b): the count says how many.
        add(paragraph(findingsOnSubjects(qsizetype(r.findings.size()), countRoots(r.findings))
                      + QStringLiteral(": %1 open, %2 waived. Each names the inventory line it stems from, the law it cites and what to do.")
                            .arg(r.summary.findings.openTotal())
                            .arg(r.summary.findings.total() - r.summary.findings.openTotal())));
        Rows rows;
        for (std::size_t i = 0; i < r.findings.size(); ++i) {
            const Finding &f = r.findings[i];
            QString status = findingStatusName(f.status);
            if (f.waiverExpires.isValid())
                status += QStringLiteral(" (until %1: %2)").arg(f.waiverExpires.toString(Qt::ISODate), f.waiverReason);
            // The subject with the inventory line it stems from under it.
            rows.push_back({ruleSeverityName(f.severity), f.rule,
                            subjectKindName(f.subjectKind) + u' ' + f.subjectId + (f.dataset.isEmpty() ? QString() : QStringLiteral(" / ") + f.dataset)
                                + u'\n' + r.findingSources.value(qsizetype(i)).section(u'/', -1),
                            f.message + (f.references.isEmpty() ? QString() : QStringLiteral(" [") + f.references.join(QStringLiteral("; ")) + u']'),
                            f.actions.value(0), status});
        }
        add(table({QStringLiteral("Severity"), QStringLiteral("Rule"), QStringLiteral("Subject and source"), QStringLiteral("Finding and law"),
                   QStringLiteral("First action"), QStringLiteral("Status")},
                  std::move(rows), {CellStyle::Severity, CellStyle::Plain, CellStyle::Code, CellStyle::Plain, CellStyle::Plain, CellStyle::Muted},
                  {2, 2, 5, 9, 6, 2}, QStringLiteral("findings.csv")));
    }

    void waivers()
    {
        if (r.waivers.empty()) {
            add(paragraph(QStringLiteral("The inventory records no waivers.")));
            return;
        }
        Rows rows;
        QStringList orphans;
        for (const ReportWaiver &w : r.waivers) {
            rows.push_back({w.rule, w.subject, w.reason, w.approvedBy, w.expires.toString(Qt::ISODate),
                            w.daysRemaining < 0 ? QStringLiteral("expired %1 days ago").arg(-w.daysRemaining) : QString::number(w.daysRemaining),
                            QString::number(w.matched), w.status});
            if (w.matched == 0)
                orphans << w.rule + u' ' + w.subject;
        }
        add(table({QStringLiteral("Rule"), QStringLiteral("Subject"), QStringLiteral("Reason"), QStringLiteral("Approved by"), QStringLiteral("Expires"),
                   QStringLiteral("Days left"), QStringLiteral("Findings"), QStringLiteral("Status")},
                  std::move(rows), {CellStyle::Plain, CellStyle::Code}, {2, 4, 5, 3, 2, 2, 1, 2}));
        if (!orphans.isEmpty())
            add(note(QStringLiteral("%1 waiver(s) match no finding (a renamed subject, or a problem fixed): %2. Remove them or correct their subject.")
                         .arg(orphans.size()).arg(orphans.join(QStringLiteral("; ")))));
    }

    void lineage()
    {
        add(paragraph(QStringLiteral("Where each restricted dataset goes, from where it is collected through training and inference to logging (workload and jurisdiction).")));
        Rows rows;
        for (const ReportLineage &l : r.lineage) {
            QStringList row{l.dataset, l.origin.isEmpty() ? QStringLiteral("unknown") : l.origin};
            for (const QString &stage : {QStringLiteral("collection"), QStringLiteral("storage and other processing"), QStringLiteral("training"),
                                         QStringLiteral("inference"), QStringLiteral("logging")}) {
                const auto it = std::find_if(l.stages.begin(), l.stages.end(), [&](const LineageStage &ls) { return ls.stage == stage; });
                row << (it == l.stages.end() ? QStringLiteral("—") : it->workloads.join(QStringLiteral(", ")));
            }
            row << l.jurisdictions.join(QStringLiteral(", "));
            rows.push_back(row);
        }
        add(table({QStringLiteral("Dataset"), QStringLiteral("Origin"), QStringLiteral("Collection"), QStringLiteral("Storage, other"),
                   QStringLiteral("Training"), QStringLiteral("Inference"), QStringLiteral("Logging"), QStringLiteral("Reaches")},
                  std::move(rows), {CellStyle::Code}, {3, 1, 3, 3, 3, 3, 3, 2}));
    }

    void retention()
    {
        heading(QStringLiteral("retention"), QStringLiteral("Retention"));
        Rows rows;
        for (const RetentionRow &t : r.retention)
            rows.push_back({t.dataset, t.classification, t.telemetry ? QStringLiteral("AI telemetry") : QString(),
                            t.retentionDays ? QStringLiteral("%1 days").arg(*t.retentionDays) : QStringLiteral("not recorded"),
                            joined(t.heldIn), joined(t.findings, QStringLiteral("none"))});
        add(table({QStringLiteral("Dataset"), QStringLiteral("Class"), QStringLiteral("Telemetry"), QStringLiteral("Retention"),
                   QStringLiteral("Held in"), QStringLiteral("Findings")},
                  std::move(rows), {CellStyle::Code}, {3, 2, 2, 2, 4, 4}));
        heading(QStringLiteral("keys"), QStringLiteral("Key custody"));
        Rows keys;
        for (const KeyCustodyRow &k : r.keys)
            keys.push_back({k.dataset, k.classification, k.custody, k.keyLocation.isEmpty() ? QStringLiteral("not recorded") : k.keyLocation,
                            k.keyJurisdiction.isEmpty() ? QStringLiteral("—") : k.keyJurisdiction, k.origin.isEmpty() ? QStringLiteral("—") : k.origin,
                            triText(k.outsideOrigin, QStringLiteral("outside the origin"), QStringLiteral("in the origin"))});
        add(table({QStringLiteral("Dataset"), QStringLiteral("Class"), QStringLiteral("Custody"), QStringLiteral("Key location"),
                   QStringLiteral("Keys in"), QStringLiteral("Origin"), QStringLiteral("Keys vs origin")},
                  std::move(keys), {CellStyle::Code}, {3, 2, 2, 3, 1, 1, 2}));
    }

    void scenarios()
    {
        if (!r.scenarios) {
            add(paragraph(QStringLiteral("No scenario was included. `report --scenario A` (or B, C, D, all) adds the simulated patterns' comparison here.")));
            return;
        }
        const ReportScenarios &sc = *r.scenarios;
        add(paragraph(QStringLiteral("Each scenario is the inventory with a sovereignty pattern applied to the scope, checked again with the same packs, catalog and date.")));
        QStringList header{QStringLiteral("Metric")};
        header << sc.names;
        Rows rows;
        for (const ReportScenarioRow &row : sc.rows)
            rows.push_back(QStringList{row.metric} + row.values);
        add(table(header, std::move(rows)));
        heading(QStringLiteral("tradeoffs"), QStringLiteral("Trade-offs"));
        QStringList lines;
        for (qsizetype i = 0; i < sc.names.size(); ++i)
            lines << sc.names[i] + QStringLiteral(": ") + sc.tradeoffs.value(i) + QStringLiteral(" Scope: ") + sc.scopes.value(i) + u'.';
        add(bullets(lines));
    }

    void actions()
    {
        add(paragraph(QStringLiteral("The remediation actions of the open findings, ranked by how many findings each addresses.")));
        Rows rows;
        int n = 0;
        for (const ReportAction &a : r.actions)
            rows.push_back({QString::number(++n), a.action, QString::number(a.findings), a.worst ? ruleSeverityName(*a.worst) : QString(), a.rules.join(QStringLiteral(", "))});
        add(table({QStringLiteral("#"), QStringLiteral("Action"), QStringLiteral("Findings"), QStringLiteral("Worst"), QStringLiteral("Rules")},
                  std::move(rows), {CellStyle::Plain, CellStyle::Plain, CellStyle::Plain, CellStyle::Severity}, {1, 12, 2, 2, 3}));
    }

    void changes()
    {
        if (!r.changes) {
            add(paragraph(QStringLiteral("No previous report was given. `report --baseline previous.json` lists the findings opened, closed and changed since it.")));
            return;
        }
        const ReportChanges &c = *r.changes;
        add(paragraph(QStringLiteral("Compared with %1 (as of %2, SHA-256 %3): %4 opened, %5 closed, %6 changed.")
                          .arg(c.previous, c.previousAsOf.isValid() ? c.previousAsOf.toString(Qt::ISODate) : QStringLiteral("date not recorded"), c.previousSha256)
                          .arg(c.opened).arg(c.closed).arg(c.changed)));
        Rows rows;
        for (const ReportFindingChange &ch : c.changes)
            rows.push_back({ch.change, ruleSeverityName(ch.severity), ch.key, ch.title});
        if (!rows.empty())
            add(table({QStringLiteral("Change"), QStringLiteral("Severity"), QStringLiteral("Finding"), QStringLiteral("Title")}, std::move(rows),
                      {CellStyle::Plain, CellStyle::Severity, CellStyle::Code}, {3, 2, 6, 6}));
    }

    void signOff()
    {
        add(paragraph(QStringLiteral("By signing, the reviewers confirm that they have read this report, that the inputs identified in Provenance are the "
                                     "inventory of record as of %1, and the treatment of each open finding.").arg(r.asOf.toString(Qt::ISODate))));
        const QString blank = QStringLiteral("\u00a0");
        add(table({QStringLiteral("Role"), QStringLiteral("Name"), QStringLiteral("Date"), QStringLiteral("Signature")},
                  {{QStringLiteral("Prepared by (risk and compliance)"), blank, blank, blank},
                   {QStringLiteral("Reviewed by (data protection officer)"), blank, blank, blank},
                   {QStringLiteral("Approved by (accountable executive)"), blank, blank, blank}},
                  {}, {4, 4, 2, 4}));
    }

    void appendices()
    {
        heading(QStringLiteral("rules"), QStringLiteral("A. Rules checked"));
        Rows rules;
        for (const ReportRule &rule : r.rules)
            rules.push_back({rule.id, rule.title, rule.severity, rule.subject, rule.disabled ? QStringLiteral("disabled") : QStringLiteral("checked"),
                             rule.pack, joined(rule.patterns)});
        add(table({QStringLiteral("Rule"), QStringLiteral("Title"), QStringLiteral("Severity"), QStringLiteral("Subject"), QStringLiteral("Status"),
                   QStringLiteral("Pack"), QStringLiteral("Patterns that address it")},
                  std::move(rules), {CellStyle::Plain, CellStyle::Plain, CellStyle::Severity}, {2, 6, 2, 2, 2, 2, 4}));
        heading(QStringLiteral("law"), QStringLiteral("B. Law and adequacy"));
        add(paragraph(QStringLiteral("The catalog's facts for the jurisdictions this report involves, each with its source and as-of date.")));
        Rows laws;
        for (const ReportLaw &l : r.laws)
            laws.push_back({l.jurisdiction + (l.name.isEmpty() ? QString() : QStringLiteral(" — ") + l.name), l.law, l.transferLaw, l.regime,
                            joined(l.adequate), l.source, l.asOf.toString(Qt::ISODate), l.verified ? QStringLiteral("yes") : QStringLiteral("UNVERIFIED")});
        add(table({QStringLiteral("Jurisdiction"), QStringLiteral("Law"), QStringLiteral("Transfers"), QStringLiteral("Regime"), QStringLiteral("Adequate destinations"),
                   QStringLiteral("Source"), QStringLiteral("As of"), QStringLiteral("Verified")},
                  std::move(laws), {}, {3, 3, 2, 2, 4, 5, 2, 2}));
        heading(QStringLiteral("glossary"), QStringLiteral("C. Glossary"));
        add(keyValues(r.glossary));
    }
};

} // namespace

ReportDocument buildReportDocument(const Report &report, std::shared_ptr<const MapScene> map, std::shared_ptr<const OverviewScene> overview)
{
    ReportDocument doc;
    doc.title = report.title;
    doc.organisation = report.organisation;
    doc.asOf = report.asOf.toString(Qt::ISODate);
    doc.coverLines << (report.organisation.isEmpty() ? QStringLiteral("Organisation not recorded") : report.organisation)
                   << QStringLiteral("State as of %1").arg(doc.asOf)
                   << QStringLiteral("Jurisdictions: %1").arg(joined(report.summary.jurisdictions));
    for (const ReportInputFile &f : report.provenance.inputs)
        doc.coverLines << QStringLiteral("Input %1, SHA-256 %2").arg(f.name, f.sha256);
    doc.coverLines << QStringLiteral("Residency Atlas %1").arg(report.provenance.toolVersion);
    doc.header = QStringLiteral("Residency Atlas · %1 · as of %2").arg(report.organisation.isEmpty() ? report.title : report.organisation, doc.asOf);
    doc.footer = report.title + QStringLiteral(" · not legal advice");
    if (hasSection(report.sections, ReportSection::Map)) {
        doc.map = std::move(map);
        doc.mapCaption = QStringLiteral("Workloads grouped by jurisdiction; only flows that cross a border are drawn, coloured by data class, red where a finding is open.");
    }
    if (hasSection(report.sections, ReportSection::Summary) && overview && !overview->edgeCells.empty()) {
        doc.overview = std::move(overview);
        // The caption explains the figure: the heading goes to the page the figure goes to.
        doc.overviewCaption = QStringLiteral("Each box is a jurisdiction with the workloads and accessors the inventory places there, its bar the classes "
                                             "of the datasets they hold; each arrow leads to a jurisdiction that flows or access entries reach (dashed: "
                                             "access only), its width by GB/day, its colour by the worst open finding on them. The matrix below gives "
                                             "every pair in words.");
    }

    Writer w{report};
    using Step = void (Writer::*)();
    static constexpr std::array<std::pair<ReportSection, Step>, 18> steps{{
        {ReportSection::Title, &Writer::title}, {ReportSection::Provenance, &Writer::provenance},
        {ReportSection::Coverage, &Writer::coverage}, {ReportSection::Summary, &Writer::summary},
        {ReportSection::Map, &Writer::map}, {ReportSection::Processing, &Writer::processing},
        {ReportSection::Register, &Writer::registers}, {ReportSection::Transfers, &Writer::transfers},
        {ReportSection::Assessments, &Writer::assessments}, {ReportSection::Findings, &Writer::findings},
        {ReportSection::Waivers, &Writer::waivers}, {ReportSection::Lineage, &Writer::lineage},
        {ReportSection::Retention, &Writer::retention}, {ReportSection::Scenarios, &Writer::scenarios},
        {ReportSection::Actions, &Writer::actions}, {ReportSection::Changes, &Writer::changes},
        {ReportSection::SignOff, &Writer::signOff}, {ReportSection::Appendices, &Writer::appendices},
    }};
    int number = 0;
    for (const auto &[section, step] : steps) {
        if (!hasSection(report.sections, section))
            continue;
        doc.sections.push_back({reportSectionId(section), QStringLiteral("%1. %2").arg(++number).arg(reportSectionTitle(section)), {}, {}});
        w.s = &doc.sections.back();
        (w.*step)();
    }
    return doc;
}

} // namespace atlas
