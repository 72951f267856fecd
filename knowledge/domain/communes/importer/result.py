"""What an import reports: counts, and every bad row's number and reason when the file is rejected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.message}" if self.row is not None else self.message


class PlanCounts(NamedTuple):
    """Planned targets an import added, left as they were, moved to another year and removed."""

    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    removed: int = 0


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    sha256: str
    rows: int = 0
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicates: int = 0  # identical rows repeated inside the file
    errors: tuple[RowError, ...] = ()
    import_id: int | None = None  # None when nothing was written
    seconds: float = 0.0
    plans: PlanCounts | None = None  # None: the file has no plan columns

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        plans = self.plans or PlanCounts()
        return bool(self.added or self.replaced or plans.added or plans.replaced or plans.removed)
