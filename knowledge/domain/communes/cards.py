"""Status card data: what is known about one unit's NTM recognitions, and its old/new links.

Recognitions were granted to the units of their time, so a current commune's
card carries the histories of the old communes it absorbed, and an old
commune's card says which current commune it is now part of. The card never
fills gaps: no imported row means "no data loaded", not "not recognised".
Planned targets are shown as plans, apart from the recognitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select

from knowledge.domain.communes import criteria_met
from knowledge.domain.communes.index import CommuneRef, RegistryIndex
from knowledge.domain.communes.levels import Level
from knowledge.domain.db.communes import ImportBatch, PlannedTarget, Recognition

RECOGNITIONS = Recognition.__table__
IMPORTS = ImportBatch.__table__
PLANS = PlannedTarget.__table__


@dataclass(frozen=True)
class RecognitionInfo:
    commune_id: int
    level: Level
    year: int
    decision_number: str | None
    decision_date: date | None
    criteria_met: int | None
    note: str | None
    criteria_list: tuple[int, ...] | None = None  # numbers met, when the list was imported
    criteria_set_id: str | None = None  # None for rows imported before sets were recorded

    @property
    def criteria_set(self) -> criteria_met.SetRef:
        """The set the criteria were counted against (recorded, else derived like the importer does)."""
        return (criteria_met.set_by_id(self.criteria_set_id)
                or criteria_met.set_for(self.year, self.decision_date))

    @property
    def criteria_missing(self) -> tuple[int, ...] | None:
        """Numbers not met; None when only the count is known."""
        if self.criteria_list is None:
            return None
        return tuple(n for n in range(1, self.criteria_set.size + 1) if n not in self.criteria_list)


@dataclass(frozen=True)
class PlanInfo:
    level: Level
    year: int


@dataclass(frozen=True)
class ImportInfo:
    file_name: str
    imported_at: datetime  # UTC


@dataclass(frozen=True)
class RelatedUnit:
    """An old unit a current one absorbed, or the current unit an old one became."""

    commune: CommuneRef
    is_whole: bool  # False: only part of the old unit went there (split communes)
    is_default: bool
    recognitions: tuple[RecognitionInfo, ...]

    @property
    def highest(self) -> RecognitionInfo | None:
        return highest(self.recognitions)


@dataclass(frozen=True)
class CommuneCard:
    commune: CommuneRef
    recognitions: tuple[RecognitionInfo, ...]  # the unit's own, oldest first
    now_part_of: tuple[RelatedUnit, ...]  # old unit -> the current unit(s)
    absorbed: tuple[RelatedUnit, ...]  # current unit -> the old units it was formed from
    latest_import: ImportInfo | None  # of the whole registry: "data as of"
    plans: tuple[PlanInfo, ...] = ()  # the unit's planned targets, by year

    @property
    def highest(self) -> RecognitionInfo | None:
        return highest(self.recognitions)

    @property
    def has_data(self) -> bool:
        """Any recognition for this unit or the units it is linked to."""
        return bool(self.recognitions) or any(u.recognitions for u in (*self.absorbed, *self.now_part_of))


def highest(recognitions) -> RecognitionInfo | None:
    return max(recognitions, key=lambda r: (r.level.rank, r.year), default=None)


def latest_import(engine: Engine) -> ImportInfo | None:
    with engine.connect() as conn:
        row = conn.execute(select(IMPORTS.c.file_name, IMPORTS.c.imported_at)
                           .order_by(IMPORTS.c.imported_at.desc(), IMPORTS.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    at = row.imported_at if row.imported_at.tzinfo else row.imported_at.replace(tzinfo=UTC)
    return ImportInfo(row.file_name, at)


def recognitions_for(engine: Engine, commune_ids: list[int]) -> dict[int, list[RecognitionInfo]]:
    found: dict[int, list[RecognitionInfo]] = {i: [] for i in commune_ids}
    if not commune_ids:
        return found
    with engine.connect() as conn:
        for start in range(0, len(commune_ids), 900):
            chunk = commune_ids[start:start + 900]
            for r in conn.execute(select(RECOGNITIONS).where(RECOGNITIONS.c.commune_id.in_(chunk))):
                found[r.commune_id].append(RecognitionInfo(
                    r.commune_id, Level(r.level), r.year, r.decision_number, r.decision_date, r.criteria_met, r.note,
                    criteria_met.decode(r.criteria_list), r.criteria_set))
    for items in found.values():
        items.sort(key=lambda r: (r.year, r.level.rank))
    return found


def plans_for(engine: Engine, commune_id: int) -> tuple[PlanInfo, ...]:
    with engine.connect() as conn:
        rows = conn.execute(select(PLANS.c.level, PLANS.c.year).where(PLANS.c.commune_id == commune_id)).all()
    return tuple(sorted((PlanInfo(Level(r.level), r.year) for r in rows), key=lambda p: (p.year, p.level.rank)))


def build_card(engine: Engine, index: RegistryIndex, commune_id: int) -> CommuneCard:
    commune = index.communes[commune_id]
    successors = index.successors_of(commune_id)
    predecessors = index.predecessors_of(commune_id)
    ids = [commune_id, *(c.id for c, _ in successors), *(c.id for c, _ in predecessors)]
    recs = recognitions_for(engine, ids)

    def related(pairs) -> tuple[RelatedUnit, ...]:
        return tuple(RelatedUnit(c, link.is_whole, link.is_default, tuple(recs[c.id])) for c, link in pairs)

    now_part_of = sorted(successors, key=lambda p: (not p[1].is_default, p[0].code))
    return CommuneCard(commune, tuple(recs[commune_id]), related(now_part_of), related(predecessors),
                       latest_import(engine), plans_for(engine, commune_id))
