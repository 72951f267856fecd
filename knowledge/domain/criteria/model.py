"""National criteria sets (bộ tiêu chí) as versioned data.

Why data files: the sets change by period (2021-2025 under Quyết định
318/QĐ-TTg, 2026-2030 under Quyết định 51/2025/QĐ-TTg), and a question, a
commune card or a recognition year must be answered against the right one.
Each JSON file in `data/` is one set; only what is known for certain is
recorded (no invented indicator details); the criteria texts themselves come
in as documents when admins add them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Criterion:
    number: int
    name: str
    set_id: str


@dataclass(frozen=True)
class CommuneGroup:
    number: int
    description: str


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    period: str
    start_year: int
    end_year: int
    title: str
    decision: str
    decision_keys: tuple[str, ...]
    signed: dt.date | None
    in_force_from: dt.date | None
    indicator_count: int | None
    groups: tuple[CommuneGroup, ...]
    notes: tuple[str, ...]
    criteria: tuple[Criterion, ...]

    def criterion(self, number: int) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    @property
    def effective_from(self) -> dt.date:
        """When the set applies; without a recorded date, the start of its period."""
        return self.in_force_from or dt.date(self.start_year, 1, 1)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _load(path: Path) -> CriteriaSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    set_id = data["id"]
    return CriteriaSet(
        id=set_id,
        period=data["period"],
        start_year=int(data["start_year"]),
        end_year=int(data["end_year"]),
        title=data["title"],
        decision=data["decision"],
        decision_keys=tuple(k.casefold() for k in data.get("decision_keys", ())),
        signed=_date(data.get("signed")),
        in_force_from=_date(data.get("in_force_from")),
        indicator_count=data.get("indicator_count"),
        groups=tuple(CommuneGroup(int(g["number"]), g["description"]) for g in data.get("groups", ())),
        notes=tuple(data.get("notes", ())),
        criteria=tuple(Criterion(int(c["number"]), c["name"], set_id) for c in data["criteria"]),
    )


@lru_cache(maxsize=1)
def all_sets() -> tuple[CriteriaSet, ...]:
    """Every set in `data/`, oldest first."""
    sets = [_load(p) for p in sorted(DATA_DIR.glob("*.json"))]
    return tuple(sorted(sets, key=lambda s: s.effective_from))
