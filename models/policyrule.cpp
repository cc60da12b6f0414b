#include "policyrule.h"

namespace atlas {

std::span<const VocabularyEntry<RuleExpr::Op>> conditionOperators()
{
    using Op = RuleExpr::Op;
    static constexpr VocabularyEntry<Op> table[] = {
        {Op::In, "in", "the value is one of the list (or, for a set, shares one with it)"},
        {Op::NotIn, "not_in", "the value is none of the list"},
        {Op::Gt, "gt", "greater than a number"},
        {Op::Gte, "gte", "greater than or equal to a number"},
        {Op::Lt, "lt", "less than a number"},
        {Op::Lte, "lte", "less than or equal to a number"},
        {Op::Exists, "exists", "true: the value is known; false: it is absent or unknown"},
        {Op::ContainsAny, "contains_any", "a set holds at least one of the list"},
        {Op::ContainsAll, "contains_all", "a set holds every item of the list"},
    };
    return table;
}

} // namespace atlas
