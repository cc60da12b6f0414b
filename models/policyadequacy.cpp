// Adequacy of a destination for data of an origin, under the origin's transfer regime in force
// on a date (policy.md, "Adequacy"): the verdict and the reason the evidence quotes.
#include "policyfacts.h"

namespace atlas {

namespace {

// " (SPDI Rules 2011 Rule 7, in force until 2027-05-12)": which law a dated verdict rests on.
QString periodOf(const Jurisdiction &j)
{
    if (!j.validity.bounded())
        return {};
    return QStringLiteral(" (") + (j.transferLaw.isEmpty() ? j.law : j.transferLaw) + QStringLiteral(", in force ")
        + j.validity.describe() + u')';
}

AdequacyVerdict allowlistVerdict(const Catalog &catalog, const Jurisdiction &j, const QString &origin,
                                 const QString &destination, CertificationSet certifications, const QDate &asOf)
{
    auto verdict = [](Tri adequate, QString reason, const Provenance &p) {
        if (!p.verified)
            reason += QStringLiteral(" [catalog fact not verified]");
        return AdequacyVerdict{adequate, reason};
    };
    for (const AdequacyEntry &a : j.adequacy) {
        if (catalog.jurisdictionOf(a.to) != destination)
            continue;
        if (!a.validity.covers(asOf))
            return verdict(0, destination + QStringLiteral(" is on ") + origin + QStringLiteral("'s adequacy list only ")
                                  + a.validity.describe() + QStringLiteral(", not on ") + asOf.toString(Qt::ISODate), a.provenance);
        if (a.condition && !certifications.contains(*a.condition))
            return verdict(0, destination + QStringLiteral(" is adequate for ") + origin + QStringLiteral(" only for recipients certified ")
                                  + enumQName(*a.condition) + QStringLiteral("; the destination is not"), a.provenance);
        QString reason = destination + QStringLiteral(" is on ") + origin + QStringLiteral("'s adequacy list");
        if (a.condition)
            reason += QStringLiteral(" (recipient certified ") + enumQName(*a.condition) + u')';
        if (!a.partial.isEmpty())
            reason += QStringLiteral(" (partial adequacy: ") + a.partial + QStringLiteral("; counted for commercial recipients)");
        return verdict(1, reason, a.provenance);
    }
    return verdict(0, destination + QStringLiteral(" is not on ") + origin + QStringLiteral("'s adequacy list") + periodOf(j), j.provenance);
}

} // namespace

AdequacyVerdict destinationAdequacy(const Catalog &catalog, const QString &origin,
                                    const QString &destination, CertificationSet certifications,
                                    const QDate &asOf)
{
    if (destination.isEmpty())
        return {-1, QStringLiteral("destination jurisdiction unknown")};
    if (destination == origin)
        return {1, QStringLiteral("same jurisdiction (") + origin + u')'};
    // Revision 2: a regime the catalog does not know is unknown, not "not adequate": claiming a
    // breach of an uncatalogued law overclaims; RES-016 asks for a review instead.
    if (origin.isEmpty())
        return {-1, QStringLiteral("origin jurisdiction unknown")};
    const Jurisdiction *j = catalog.jurisdictionAt(origin, asOf);
    if (!j && catalog.jurisdiction(origin))
        return {-1, QStringLiteral("no transfer regime of ") + origin + QStringLiteral(" catalogued for ") + asOf.toString(Qt::ISODate)};
    if (!j || j->regime == TransferRegime::NotCatalogued)
        return {-1, QStringLiteral("transfer regime of ") + origin + QStringLiteral(" not catalogued")};
    // A conclusion resting on a fact the catalog marks unverified says so (the reader decides).
    auto verdict = [&](Tri adequate, QString reason) {
        reason += periodOf(*j);
        if (!j->provenance.verified)
            reason += QStringLiteral(" [catalog fact not verified]");
        return AdequacyVerdict{adequate, reason};
    };
    switch (j->regime) {
    case TransferRegime::Open:
        return verdict(1, origin + QStringLiteral(" has an open transfer regime"));
    case TransferRegime::Approval:
        return verdict(0, origin + QStringLiteral(" requires approval for outbound transfers (never adequate without a basis)"));
    case TransferRegime::BasisRequired:
        return verdict(0, origin + QStringLiteral(" allows transfers out only on a recorded basis (consent, or a contract binding the recipient to the same protection): no destination is adequate by itself"));
    case TransferRegime::NegativeList:
        for (const QString &r : j->restricted)
            if (catalog.jurisdictionOf(r) == destination)
                return verdict(0, destination + QStringLiteral(" is on ") + origin + QStringLiteral("'s restricted list"));
        return verdict(1, destination + QStringLiteral(" is not on ") + origin + QStringLiteral("'s restricted list"));
    case TransferRegime::Allowlist:
        return allowlistVerdict(catalog, *j, origin, destination, certifications, asOf);
    case TransferRegime::NotCatalogued:
        break;
    }
    return {-1, QStringLiteral("transfer regime not catalogued")};
}

} // namespace atlas
