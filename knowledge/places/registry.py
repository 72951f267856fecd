"""The provinces before and after 1 July 2025, and the districts before it, as records.

Built from `vietnamadminunits` (via `source`, which reads its files without
importing it), once per process on first use: 63 old provinces, 34 current
ones, each old one pointing at the current province it is part of. A name
that both lists carry ("Bắc Ninh") is two records, the old unit and the
current, larger one; `Province.key` (the package's key) is shared by them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from knowledge.places import aliases
from knowledge.places.source import read_districts, read_provinces


@dataclass(frozen=True, slots=True)
class Province:
    key: str  # the package's key, "tinhhaiduong"; an old unit and its current namesake share it
    code: str
    official: str  # "Tỉnh Hải Dương", "Thành phố Hồ Chí Minh"
    short: str  # "Hải Dương", "Hồ Chí Minh"
    is_current: bool  # one of the 34 since 1 July 2025, else one of the 63 before
    successor_key: str | None  # old units: the current province that contains it
    display: str  # the short name target tables show: "Hải Dương", "TP. Hồ Chí Minh", "Thừa Thiên Huế"

    @property
    def name(self) -> str:
        """The official name without "Tỉnh", as document metadata carries it: "Hải Dương",
        "Thành phố Hồ Chí Minh" (cities keep "Thành phố": "Hồ Chí Minh" alone is the person)."""
        return self.official.removeprefix("Tỉnh ")

    @property
    def is_city(self) -> bool:
        return self.official.startswith("Thành phố ")

    @property
    def since_2025(self) -> Province:
        """The current province that contains this one (itself when it is current): Long An -> Tây Ninh."""
        return _tables().current[self.successor_key] if self.successor_key else self

    @property
    def merged_into(self) -> Province | None:
        """The current province under another name that took this old one in: Hải Dương -> Hải Phòng."""
        after = self.since_2025
        return after if after.display != self.display else None

    @property
    def predecessors(self) -> tuple[Province, ...]:
        """The old provinces that form this current one (its namesake included), by code."""
        return _tables().predecessors.get(self.key, ()) if self.is_current else ()


@dataclass(frozen=True, slots=True)
class District:
    key: str
    code: str
    name: str  # "Huyện Tân Yên"
    short: str  # "Tân Yên"
    province: Province  # the old province


@dataclass(frozen=True)
class _Tables:
    current: dict[str, Province]
    old: dict[str, Province]
    predecessors: dict[str, tuple[Province, ...]]


def _display(key: str, short: str, is_current: bool) -> str:
    if not is_current and key in aliases.FORMER_NAMES:
        return aliases.FORMER_NAMES[key][0]
    return aliases.DISPLAY.get(key, short)


@functools.cache
def _tables() -> _Tables:
    current: dict[str, Province] = {}
    old: dict[str, Province] = {}
    for p in read_provinces():
        record = Province(p.key, p.code, p.name, p.short_name, p.is_current, p.successor_key,
                          _display(p.key, p.short_name, p.is_current))
        (current if p.is_current else old)[p.key] = record
    predecessors: dict[str, list[Province]] = {}
    for p in old.values():
        predecessors.setdefault(p.successor_key, []).append(p)
    return _Tables(current, old, {k: tuple(v) for k, v in predecessors.items()})


def new_provinces() -> tuple[Province, ...]:
    """The 34 provinces since 1 July 2025, by code."""
    return tuple(_tables().current.values())


def old_provinces() -> tuple[Province, ...]:
    """The 63 provinces before 1 July 2025, by code (every current name is among them)."""
    return tuple(_tables().old.values())


def province(key: str, *, current: bool) -> Province | None:
    """The unit with the package's key: province('tinhbacninh', current=False) is the old Bắc Ninh."""
    return (_tables().current if current else _tables().old).get(key)


def unit_for(key: str) -> Province:
    """The record a bare name stands for: the current unit when there is one, else the old one."""
    tables = _tables()
    return tables.current.get(key) or tables.old[key]


@functools.cache
def districts() -> tuple[District, ...]:
    """The 696 districts before 1 July 2025 (districts were abolished then), by province and code."""
    old = _tables().old
    return tuple(District(d.key, d.code, d.name, d.short_name, old[d.province_key]) for d in read_districts())
