"""The write: one transaction that adds, replaces or keeps each (unit, level) and sets planned targets.

Nothing is written (no import batch either) when the file changes nothing
or on a dry run. An optional column absent from the file keeps what is
stored; present but empty means "none". The criteria group is replaced as a
whole. Each listed unit ends with exactly the planned targets the file gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, bindparam, delete, insert, select, update

from knowledge.domain.communes import criteria_met
from knowledge.domain.communes.importer.cells import CRITERIA_COLUMNS
from knowledge.domain.communes.importer.result import PlanCounts
from knowledge.domain.communes.importer.rows import ImportRow
from knowledge.domain.communes.tabular import Table
from knowledge.domain.db.communes import ImportBatch, PlannedTarget, Recognition

OPTIONAL_FIELDS = ("decision", "decision_date", "note")
_COLUMN_OF_FIELD = {"decision": "decision_number", "decision_date": "decision_date", "note": "note"}
RECOGNITIONS = Recognition.__table__
IMPORTS = ImportBatch.__table__
PLANS = PlannedTarget.__table__


@dataclass(frozen=True)
class Written:
    added: int
    replaced: int
    unchanged: int
    plans: PlanCounts | None  # None: the file has no plan columns
    import_id: int | None  # None: nothing written


def write_rows(engine: Engine, rows: list[ImportRow], table: Table, file_name: str, digest: str, row_count: int,
               dry_run: bool) -> Written:
    present = {_COLUMN_OF_FIELD[f] for f in OPTIONAL_FIELDS if table.has(f)}
    with_plans = table.has("planned_level") or table.has("planned_year")
    with engine.begin() as conn:
        ids = sorted({r.commune.id for r in rows})
        existing = {(rec.commune_id, rec.level): rec for rec in _fetch(conn, RECOGNITIONS, ids)}
        added, replaced, unchanged = [], [], 0
        for r in rows:
            if r.level is None:
                continue
            old = existing.get((r.commune.id, r.level.value))
            values = {"year": r.year}
            for column in _COLUMN_OF_FIELD.values():
                if column in present or r.values[column] is not None:
                    values[column] = r.values[column]
                elif old is not None:
                    values[column] = getattr(old, column)
                else:
                    values[column] = None
            values.update(_criteria_values(r, old, table))
            if old is None:
                added.append({"commune_id": r.commune.id, "level": r.level.value, **values})
            elif any(getattr(old, k) != v for k, v in values.items()):
                replaced.append({"rid": old.id, **values})
            else:
                unchanged += 1
        plan_changes = _plan_changes(conn, rows, ids) if with_plans else None
        counts = {"added": len(added), "replaced": len(replaced), "unchanged": unchanged}
        plans = plan_changes.counts if plan_changes else None
        if dry_run or not (added or replaced or (plan_changes and plan_changes.changed)):
            conn.rollback()
            return Written(**counts, plans=plans, import_id=None)
        import_id = conn.execute(insert(IMPORTS).values(
            file_name=file_name[:255], sha256=digest, imported_at=datetime.now(UTC), row_count=row_count,
            **counts)).inserted_primary_key[0]
        if added:
            for item in added:
                item["import_id"] = import_id
            conn.execute(insert(RECOGNITIONS), added)
        if replaced:
            for item in replaced:
                item["import_id"] = import_id
            columns = ["year", *_COLUMN_OF_FIELD.values(), *CRITERIA_COLUMNS, "import_id"]
            conn.execute(update(RECOGNITIONS).where(RECOGNITIONS.c.id == bindparam("rid"))
                         .values({c: bindparam("v_" + c) for c in columns}),
                         [{"rid": item["rid"], **{"v_" + c: item[c] for c in columns}} for item in replaced])
        if plan_changes:
            plan_changes.apply(conn, import_id)
    return Written(**counts, plans=plans, import_id=import_id)


def _fetch(conn, table, ids: list[int]) -> list:
    found = []
    for start in range(0, len(ids), 900):
        found += conn.execute(select(table).where(table.c.commune_id.in_(ids[start:start + 900]))).all()
    return found


def _criteria_values(r: ImportRow, old, table: Table) -> dict:
    """The criteria group of a row: replaced as a whole, kept when the file has neither column."""
    if not (table.has("criteria") or table.has("criteria_list") or table.criterion_columns):
        return {c: getattr(old, c) if old is not None else None for c in CRITERIA_COLUMNS}
    new = {c: r.values[c] for c in CRITERIA_COLUMNS}
    # A count-only list keeps a stored per-criterion list that it agrees with.
    listed = table.has("criteria_list") or table.criterion_columns
    if (not listed and old is not None and old.criteria_list and new["criteria_list"] is None
            and new["criteria_met"] == old.criteria_met
            and new["criteria_set"] == (old.criteria_set or criteria_met.set_for(old.year, old.decision_date).id)):
        new["criteria_list"] = old.criteria_list
    return new


@dataclass
class _PlanChanges:
    add: list[dict]
    change: list[dict]
    remove: list[int]
    unchanged: int

    @property
    def counts(self) -> PlanCounts:
        return PlanCounts(len(self.add), self.unchanged, len(self.change), len(self.remove))

    @property
    def changed(self) -> bool:
        return bool(self.add or self.change or self.remove)

    def apply(self, conn, import_id: int) -> None:
        if self.remove:
            for start in range(0, len(self.remove), 900):
                conn.execute(delete(PLANS).where(PLANS.c.id.in_(self.remove[start:start + 900])))
        if self.add:
            conn.execute(insert(PLANS), [{**item, "import_id": import_id} for item in self.add])
        if self.change:
            conn.execute(update(PLANS).where(PLANS.c.id == bindparam("pid"))
                         .values(year=bindparam("v_year"), import_id=bindparam("v_import")),
                         [{"pid": item["pid"], "v_year": item["year"], "v_import": import_id}
                          for item in self.change])


def _plan_changes(conn, rows: list[ImportRow], ids: list[int]) -> _PlanChanges:
    """Every unit in the file ends with exactly the plans the file gives it (none when its cells are empty)."""
    wanted = {(r.commune.id, r.plan.level.value): r.plan.year for r in rows if r.plan is not None}
    stored = {(p.commune_id, p.level): p for p in _fetch(conn, PLANS, ids)}
    changes = _PlanChanges([], [], [], 0)
    for (commune_id, level), year in sorted(wanted.items()):
        old = stored.get((commune_id, level))
        if old is None:
            changes.add.append({"commune_id": commune_id, "level": level, "year": year})
        elif old.year != year:
            changes.change.append({"pid": old.id, "year": year})
        else:
            changes.unchanged += 1
    changes.remove = sorted(p.id for k, p in stored.items() if k not in wanted)
    return changes
