"""Filtering targets by province and year, and folding repeated statements into one row.

The same figure is often stated several times: a headline and the body,
two overlapping passages, two articles about the same plan. Officials want
one row per fact with every source cited, so grouping happens here, after
extraction, where all passages are visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from knowledge import places
from knowledge.domain.targets import lexicon as L
from knowledge.domain.targets.model import Kind, Target
from knowledge.text.normalize import fold

_LEVEL_ORDER = {level: i for i, level in enumerate(L.LEVELS)}
_KIND_ORDER = {Kind.ADDITIONAL: 0, Kind.TOTAL: 1, Kind.COUNT: 2, Kind.SHARE: 3, Kind.VALUE: 4}
_UNIT_ORDER = {u: i for i, u in enumerate(("tỉnh", "huyện", "thị xã", "thành phố", "xã", "thôn", "ấp", "bản", "hộ"))}


@dataclass(frozen=True)
class TargetRow:
    """One fact and every passage that states it (`target` is the most complete statement)."""

    target: Target
    sources: tuple[Target, ...]


def query_targets(targets: Iterable[Target], province: str | None = None, year: int | None = None) -> list[Target]:
    """Targets of a province (any spelling: 'hai duong', 'TP.HCM') and/or a year, in display order.

    A province formed by the 2025 merger also matches the old provinces now
    inside it ("Hải Phòng" shows Hải Dương's targets, under their own name).
    An unknown province name matches nothing.
    """
    wanted = None
    if province:
        found = places.resolve(province)
        if found is None:
            return []
        wanted = found.display
    out = []
    for t in targets:
        if wanted is not None and not province_matches(t.province, wanted):
            continue
        if year is not None and t.year != year:
            continue
        out.append(t)
    return sorted(out, key=sort_key)


_YEAR = re.compile(r"(?:19|20)\d{2}")


def parse_place_year(text: str) -> tuple[str | None, int | None]:
    """'Hải Dương 2025' -> ('Hải Dương', 2025); the year may come first or last, either may be missing.

    Raises ValueError (Vietnamese message) for a number that is not a year, e.g. '20255'.
    """
    words = text.replace(",", " ").split()
    year = None
    for i in (len(words) - 1, 0):
        if 0 <= i < len(words) and _YEAR.fullmatch(words[i]):
            year = int(words.pop(i))
            break
    bad = [w for w in words if any(ch.isdigit() for ch in w)]
    if bad:
        raise ValueError(f"“{bad[0]}” không phải là năm (ví dụ 2025)")
    return " ".join(words) or None, year


def province_display(name: str) -> str:
    """How target tables write a province written any way ("Thành phố Hồ Chí Minh" -> "TP. Hồ Chí Minh");
    a name that is no province stays as written."""
    found = places.match(name)
    return found.display if found else name.strip()


def province_matches(target_province: str | None, wanted: str) -> bool:
    """Same province (any spelling), or an old province merged into `wanted` in 2025."""
    if target_province is None:
        return False
    want = fold(province_display(wanted))
    have = places.match(target_province)
    if have is None:
        return fold(target_province.strip()) == want
    return fold(have.display) == want or (have.merged_into is not None and fold(have.merged_into.display) == want)


def sort_key(t: Target):
    return (
        fold(t.province or "~"),
        t.year or 9999,
        0 if t.indicator is None else 1,
        _UNIT_ORDER.get(t.unit or "", 99),
        _LEVEL_ORDER.get(t.level or "", 99),
        _KIND_ORDER[t.kind],
        t.indicator or "",
        t.start,
    )


def _fact_key(t: Target, *, with_year: bool = True) -> tuple:
    return (
        fold(t.province or ""), t.unit, t.level, t.indicator, t.kind, t.value, t.denominator,
        t.percent, t.year if with_year else None,
    )


def group_targets(targets: Sequence[Target]) -> list[TargetRow]:
    """One row per fact, in display order; a statement without a year joins the dated one."""
    groups: dict[tuple, list[Target]] = {}
    for t in sorted(targets, key=sort_key):
        groups.setdefault(_fact_key(t), []).append(t)
    dated = {_fact_key(g[0], with_year=False): key for key, g in groups.items() if g[0].year is not None}
    for key in [k for k, g in groups.items() if g[0].year is None]:
        home = dated.get(_fact_key(groups[key][0], with_year=False))
        if home is not None:
            groups[home].extend(groups.pop(key))
    rows = []
    for members in groups.values():
        best = max(members, key=lambda t: (t.percent_quote is not None, t.period is not None, t.year is not None))
        rows.append(TargetRow(best, tuple(members)))
    return sorted(rows, key=lambda r: sort_key(r.target))


def provinces_with_targets(targets: Iterable[Target]) -> list[tuple[str, list[int]]]:
    """(province, years) for every province that has targets, alphabetically."""
    years: dict[str, set[int]] = {}
    for t in targets:
        if t.province:
            years.setdefault(t.province, set())
            if t.year:
                years[t.province].add(t.year)
    return [(p, sorted(years[p])) for p in sorted(years, key=fold)]
