"""Counts of units by NTM level, for a province (old or current name) or the whole country.

Each unit counts once, at the highest level loaded for it; "đạt chuẩn NTM"
totals are cumulative (a kiểu mẫu commune is also a NTM commune), which is how
provincial reports present them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from knowledge.domain.communes.cards import ImportInfo, latest_import
from knowledge.domain.communes.index import ProvinceRef
from knowledge.domain.communes.levels import LEVELS_BY_RANK, Level
from knowledge.domain.communes.lookup import Matcher
from knowledge.domain.db.communes import Recognition
from knowledge.errors import UserError


class ProvinceNotFound(UserError, LookupError):
    def __init__(self, query: str, suggestions: tuple[str, ...] = ()):
        self.query = query
        self.suggestions = suggestions
        hint = f" Có phải: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Không tìm thấy tỉnh/thành phố “{query}”.{hint}")


@dataclass(frozen=True)
class Stats:
    provinces: tuple[ProvinceRef, ...]  # empty: whole country; current first
    merged_from: tuple[ProvinceRef, ...]  # old provinces that form the (current) province
    units_current: int  # current units in scope (34-province list)
    units_old: int  # old units in scope (63-province list)
    by_highest: dict[Level, int]  # units whose highest loaded level is this one
    latest_import: ImportInfo | None

    @property
    def scope_label(self) -> str:
        if not self.provinces:
            return "cả nước"
        current = [p for p in self.provinces if p.is_current]
        main = current[0] if current else self.provinces[0]
        return main.display + ("" if main.is_current else " (cũ)")

    @property
    def recognised(self) -> int:
        return sum(self.by_highest.values())

    def at_least(self, level: Level) -> int:
        return sum(n for lvl, n in self.by_highest.items() if lvl.rank >= level.rank)


def compute_stats(engine: Engine, matcher: Matcher, province: str | None = None) -> Stats:
    index = matcher.index
    if province and province.strip():
        ids = matcher.resolve_province(province)
        if ids is None:
            raise ProvinceNotFound(province.strip(), _suggest(matcher, province))
        scope = set(index.communes_in_province(ids))
        provinces = tuple(sorted((index.provinces[p] for p in ids), key=lambda p: not p.is_current))
        current_ids = {p.id for p in provinces if p.is_current}
        merged_from = tuple(sorted((p for p in index.provinces.values() if p.successor_id in current_ids),
                                   key=lambda p: p.short_name))
    else:
        scope = set(index.communes)
        provinces = merged_from = ()
    counts = {lvl: 0 for lvl in LEVELS_BY_RANK}
    for commune_id, level in _highest_levels(engine).items():
        if commune_id in scope:
            counts[level] += 1
    current = sum(1 for i in scope if index.communes[i].is_current)
    return Stats(provinces, merged_from, current, len(scope) - current, counts, latest_import(engine))


@dataclass(frozen=True)
class ProvinceCounts:
    """One current province's units by highest level (its old units counted where they went in 2025)."""

    province: ProvinceRef
    by_highest: dict[Level, int]

    @property
    def recognised(self) -> int:
        return sum(self.by_highest.values())

    def at_least(self, level: Level) -> int:
        return sum(n for lvl, n in self.by_highest.items() if lvl.rank >= level.rank)


def compute_by_province(engine: Engine, matcher: Matcher) -> list[ProvinceCounts]:
    """The 34 current provinces side by side, most recognised units first; the counts add up to the
    country's `compute_stats` totals because each unit is counted in exactly one province."""
    index = matcher.index
    counts = {p.id: {lvl: 0 for lvl in LEVELS_BY_RANK} for p in index.provinces.values() if p.is_current}
    for commune_id, level in _highest_levels(engine).items():
        province = _current_province(index, commune_id)
        if province is not None and province in counts:
            counts[province][level] += 1
    rows = [ProvinceCounts(index.provinces[p], c) for p, c in counts.items()]
    return sorted(rows, key=lambda r: (-r.recognised, -r.at_least(LEVELS_BY_RANK[-1]), r.province.short_name))


def _current_province(index, commune_id: int) -> int | None:
    commune = index.communes.get(commune_id)
    if commune is None:
        return None
    if commune.is_current:
        return commune.province.id
    links = index.successors.get(commune_id, ())
    link = next((lk for lk in links if lk.is_default), links[0] if links else None)
    if link is not None:
        return index.communes[link.new_id].province.id
    return commune.province.successor_id


def _highest_levels(engine: Engine) -> dict[int, Level]:
    """Each unit's highest loaded level."""
    table = Recognition.__table__
    best: dict[int, Level] = {}
    with engine.connect() as conn:
        for commune_id, level in conn.execute(select(table.c.commune_id, table.c.level)):
            level = Level(level)
            if commune_id not in best or level.rank > best[commune_id].rank:
                best[commune_id] = level
    return best


def _suggest(matcher: Matcher, text: str) -> tuple[str, ...]:
    from rapidfuzz import fuzz, process

    from knowledge.places.names import key

    names = sorted({p.short_name for p in matcher.index.provinces.values()})
    found = process.extract(key(text), [key(n) for n in names], scorer=fuzz.ratio, limit=3, score_cutoff=60)
    return tuple(names[pos] for _, _, pos in found)
