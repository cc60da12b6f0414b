#include "findingroots.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace atlas {

qsizetype countOpenRoots(std::span<const Finding> findings)
{
    QSet<QString> roots;
    for (const Finding &f : findings)
        if (f.countsAsOpen())
            roots.insert(findingRoot(f));
    return roots.size();
}

QString rootLabel(const QString &root)
{
    const qsizetype colon = root.indexOf(u':');
    if (colon < 0)
        return root;
    QString id = root.mid(colon + 1);
    // A holding is WORKLOAD/DATASET; a dataset id has no slash, an imported workload's may.
    if (const qsizetype slash = id.lastIndexOf(u'/'); slash > 0 && root.startsWith(u"holding:"))
        id.replace(slash, 1, QStringLiteral(" / "));
    return root.left(colon) + u' ' + id;
}

QString findingsOnSubjects(qsizetype findings, qsizetype subjects)
{
    QString text = QString::number(findings) + (findings == 1 ? QStringLiteral(" finding") : QStringLiteral(" findings"));
    if (findings > 0)
        text += QStringLiteral(" on ") + QString::number(subjects) + (subjects == 1 ? QStringLiteral(" subject") : QStringLiteral(" subjects"));
    return text;
}

std::vector<RootGroup> groupByRoot(std::span<const Finding> findings)
{
    std::vector<RootGroup> groups;
    QHash<QString, std::size_t> byRoot;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding &f = findings[i];
        QString root = findingRoot(f);
        auto it = byRoot.constFind(root);
        if (it == byRoot.constEnd()) {
            it = byRoot.insert(root, groups.size());
            groups.push_back(RootGroup{std::move(root), {}, f.severity});
        }
        RootGroup &g = groups[*it];
        g.members.push_back(std::uint32_t(i));
        g.worst = std::max(g.worst, f.severity);
    }
    return groups;
}

} // namespace atlas
