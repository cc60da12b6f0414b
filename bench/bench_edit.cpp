// Edit to updated findings (issue 14): opens FILE in a Document, then changes one flow's form
// back and forth N times through the undo-command path the GUI uses, and reports per edit the
// time to apply it (copy, validate, link) and to re-analyse it (facts, rules), with no debounce.
// Usage: atlas-bench-edit FILE [--repeat N]   (JSON on stdout)
#include "benchsupport.h"

#include "catalogimporter.h"
#include "changeentity.h"
#include "document.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

using namespace atlas;
using namespace atlas::bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: atlas-bench-edit FILE [--repeat N]\n");
        return 2;
    }
    int repeat = 10;
    if (args.size() >= 4 && args[2] == u"--repeat")
        repeat = std::max(1, args[3].toInt());
    auto catalog = embeddedCatalog();
    if (!catalog)
        return 3;
    Document doc(**catalog);
    doc.setDebounceInterval(0);
    AnalysisRequest request;
    request.inputs = {args[1]};
    doc.open(request);
    doc.waitForAnalysis();
    if (!doc.snapshot()) {
        std::fprintf(stderr, "atlas-bench-edit: %s does not load\n", qPrintable(args[1]));
        return 2;
    }
    const std::size_t flows = doc.inventory()->flows.size();
    if (flows == 0)
        return 2;
    std::vector<double> applyMs, analyseMs, factsMs, evaluateMs, totalMs;
    std::size_t findings = 0;
    for (int r = 0; r < repeat; ++r) {
        Flow edited = doc.inventory()->flows[flows / 2];
        edited.form = edited.form == FlowForm::Raw ? FlowForm::Aggregated : FlowForm::Raw;
        QElapsedTimer clock;
        clock.start();
        if (!doc.apply(std::make_unique<ChangeEntityCommand>(&doc, edited.id, edited)))
            return 3;
        const double applied = double(clock.nsecsElapsed()) / 1e6;
        doc.waitForAnalysis();
        const double total = double(clock.nsecsElapsed()) / 1e6;
        applyMs.push_back(applied);
        analyseMs.push_back(total - applied);
        factsMs.push_back(doc.snapshot()->timings.factsMs);
        evaluateMs.push_back(doc.snapshot()->timings.evaluateMs);
        totalMs.push_back(total);
        findings = doc.snapshot()->findings.size();
    }
    std::printf("{\"file\": %s, \"flows\": %zu, \"workloads\": %zu, \"findings\": %zu, \"edits\": %d, "
                "\"apply_ms\": %.1f, \"reanalyse_ms\": %.1f, \"facts_ms\": %.1f, \"evaluate_ms\": %.1f, "
                "\"edit_to_findings_ms\": %.1f, \"edit_to_findings_samples\": %s, \"peak_rss_mib\": %.1f}\n",
                jsonString(QFileInfo(args[1]).fileName()).c_str(), flows, doc.inventory()->workloads.size(), findings, repeat,
                median(applyMs), median(analyseMs), median(factsMs), median(evaluateMs), median(totalMs),
                jsonArray(totalMs).c_str(), double(maxRssKiB()) / 1024.0);
    return 0;
}
