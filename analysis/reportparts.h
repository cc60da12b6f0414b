// The steps of buildReport (reportbuilder.h), one file per group: transfers and their
// assessments (reporttransfers.cpp); record of processing, registers, lineage, retention and keys
// (reportregisters.cpp); the previous report and the changes since it (reportprevious.cpp).
// Internal to the analysis library.
#pragma once

#include "analysis.h"
#include "report.h"

namespace atlas::reportparts {

// Context shared by the steps: the snapshot and lookups built once.
struct Context
{
    const AnalysisSnapshot &snapshot;
    const Inventory &inventory;
    const Catalog &catalog;
    const PolicyFacts &facts;
    QHash<QString, std::vector<int>> findingsBySubject; // subject id → finding indexes

    explicit Context(const AnalysisSnapshot &s);
    const WorkloadResidency &residency(std::uint32_t workload) const { return facts.residency[workload]; }
    QString symbol(Symbol s) const { return facts.symbols.name(s); }
    QString jurisdictionName(const QString &id) const;   // "EU — European Union"; "unknown" when empty
    // The catalog's entry for `id` in force on the report's date (the law the findings applied).
    const Jurisdiction *lawAt(const QString &id) const;
    QString countryName(const QString &code) const;      // "Germany"; the code when not catalogued
    QString locationText(std::uint32_t workload) const;  // "aws:eu-central-1 (DE, EU)"
    // Laws that reach the workload's operator from outside the workload's own jurisdiction.
    QStringList foreignLaws(std::uint32_t workload) const;
    QString sourceText(const SourceRef &ref) const;      // "file:line:column"
};

// Personal data for the record of processing and the transfer register: restricted or sensitive
// data, or any class with a category about people.
bool isPersonal(const Dataset &d);
QStringList categoryNames(const Dataset &d);

void addTransfers(const Context &c, Report &r);   // transfers, assessments, summary pairs and counts
void addProcessing(const Context &c, Report &r);  // needs the transfers
void addRegisters(const Context &c, Report &r);   // workloads, keys, retention, lineage

} // namespace atlas::reportparts
