"""National NTM criteria sets (bộ tiêu chí) as versioned data, with lookup and replies.

`criteria_for()` gives the set in force today (2026-2030, Quyết định
51/2025/QĐ-TTg, from 15/02/2026); `criteria_for("2021-2025")`,
`criteria_for("318")` or `criteria_for(year=2023)` the 2021-2025 set
(Quyết định 318/QĐ-TTg). `find_criterion` finds one by number or name.
"""

from knowledge.domain.criteria.lookup import (
    CriterionMatch,
    UnknownPeriod,
    criteria_for,
    current_set,
    find_criterion,
    set_named_in,
)
from knowledge.domain.criteria.model import CommuneGroup, CriteriaSet, Criterion, all_sets

__all__ = [
    "CommuneGroup",
    "CriteriaSet",
    "Criterion",
    "CriterionMatch",
    "UnknownPeriod",
    "all_sets",
    "criteria_for",
    "current_set",
    "find_criterion",
    "set_named_in",
]
