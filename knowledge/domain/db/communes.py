"""Tables of the commune registry: provinces, communes old and new, their links,
search aliases, NTM recognitions, planned targets and the import batches they came from.

Old (63 provinces, before 1 July 2025) and current (34 provinces) units live in
the same tables, told apart by `is_current`, because official codes were reused
across the reform (new Bắc Ninh has code 24, old Bắc Giang's). Recognitions were
granted to the units existing at the time, so they point at whichever unit the
imported list names; `commune_links` carries the old-to-new conversion.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, DateTime, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from knowledge.domain.db import base  # noqa: F401  (naming convention before any table)

# Stored level codes; knowledge.domain.communes.levels.Level mirrors them.
LEVEL_CODES = ("ntm", "ntm_nang_cao", "ntm_kieu_mau")


class Province(SQLModel, table=True):
    __tablename__ = "provinces"
    __table_args__ = (UniqueConstraint("is_current", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=8)
    name: str = Field(max_length=100)  # "Tỉnh Bắc Giang"
    short_name: str = Field(max_length=100)  # "Bắc Giang"
    is_current: bool
    # The current province an old one was merged into (None for current ones).
    successor_id: int | None = Field(default=None, foreign_key="provinces.id")


class Commune(SQLModel, table=True):
    __tablename__ = "communes"
    __table_args__ = (UniqueConstraint("is_current", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=8)
    name: str = Field(max_length=120)  # "Xã Cao Xá"
    short_name: str = Field(max_length=120)  # "Cao Xá"
    kind: str = Field(max_length=16)  # xã, phường, thị trấn, đặc khu, huyện (island districts)
    province_id: int = Field(foreign_key="provinces.id", index=True)
    district_code: str | None = Field(default=None, max_length=8)  # old units only
    district_name: str | None = Field(default=None, max_length=120)
    is_current: bool = Field(index=True)
    folded: str = Field(max_length=120, index=True)  # accent-folded short name, no spaces


class CommuneLink(SQLModel, table=True):
    """Old unit -> current unit(s). Most old communes went whole into one new
    commune; 471 were split, and `is_default` marks the one the converter picks."""

    __tablename__ = "commune_links"

    old_id: int = Field(foreign_key="communes.id", primary_key=True)
    new_id: int = Field(foreign_key="communes.id", primary_key=True, index=True)
    is_whole: bool
    is_default: bool


class CommuneAlias(SQLModel, table=True):
    """Folded search keys (no spaces): short and full names, and the package's aliases."""

    __tablename__ = "commune_aliases"
    __table_args__ = (UniqueConstraint("commune_id", "alias"),)

    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="communes.id", index=True)
    alias: str = Field(max_length=150, index=True)
    kind: str = Field(max_length=16)  # name, full, package


class ImportBatch(SQLModel, table=True):
    __tablename__ = "imports"

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(max_length=255)
    sha256: str = Field(max_length=64, index=True)
    imported_at: datetime = Field(sa_type=DateTime(timezone=True))
    row_count: int  # data rows in the file
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


class Recognition(SQLModel, table=True):
    """One level reached by one unit; a later import for the same unit and level replaces it."""

    __tablename__ = "recognitions"
    __table_args__ = (
        UniqueConstraint("commune_id", "level"),
        CheckConstraint("level IN ('ntm', 'ntm_nang_cao', 'ntm_kieu_mau')", name="level"),
        CheckConstraint("year >= 2010 AND year <= 2100", name="year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="communes.id", index=True)
    level: str = Field(sa_type=String(16))
    year: int
    decision_number: str | None = Field(default=None, max_length=120)
    decision_date: date | None = None
    criteria_met: int | None = None
    # Numbers of the criteria met, "1,2,3,5,...", and the set they were checked
    # against (knowledge.domain.communes.criteria_met): a count alone cannot say which are missing.
    criteria_list: str | None = Field(default=None, max_length=64)
    criteria_set: str | None = Field(default=None, max_length=16)
    note: str | None = Field(default=None, max_length=500)
    import_id: int = Field(foreign_key="imports.id", index=True)


class PlannedTarget(SQLModel, table=True):
    """A level a unit plans to reach by a year ("phấn đấu đạt NTM nâng cao năm 2026").

    Kept apart from recognitions so a plan is never read as a status; an import
    with plan columns sets each listed unit's plans to exactly what the file says.
    """

    __tablename__ = "planned_targets"
    __table_args__ = (
        UniqueConstraint("commune_id", "level"),
        CheckConstraint("level IN ('ntm', 'ntm_nang_cao', 'ntm_kieu_mau')", name="level"),
        CheckConstraint("year >= 2010 AND year <= 2100", name="year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="communes.id", index=True)
    level: str = Field(sa_type=String(16))
    year: int
    import_id: int = Field(foreign_key="imports.id", index=True)
