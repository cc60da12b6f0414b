#include "entitylabel.h"

namespace atlas {

QString entityLabel(const EntityValue &value)
{
    const QString kind = entityKindName(kindOf(value));
    return std::visit([&](const auto &entity) -> QString {
        if constexpr (requires { entity.id; })
            return kind + u' ' + entity.id;
        else
            return kind + u' ' + entity.rule + QStringLiteral(" on ") + entity.subject;
    }, value);
}

} // namespace atlas
