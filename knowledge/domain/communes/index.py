"""The registry in memory: every name key of the ~13,000 units, built once per process.

Lookups must answer in milliseconds for a chat bot, and the administrative
list only changes with a package upgrade, so names, provinces, districts and
old/new links are read once into plain dicts; only recognitions (which imports
change) are read from SQL per card.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, select

from knowledge import places
from knowledge.domain.db.communes import Commune, CommuneAlias, CommuneLink, Province
from knowledge.places.names import DISTRICT_PREFIXES, accent_key, key, lower_type, province_lower, split_prefix
from knowledge.places.names import tokens as name_tokens


@dataclass(frozen=True, slots=True)
class ProvinceRef:
    id: int
    code: str
    name: str  # "Tỉnh Bắc Giang"
    short_name: str
    is_current: bool
    successor_id: int | None

    @property
    def display(self) -> str:
        """'tỉnh Bắc Giang' (old units get ' (cũ)' where the context needs it)."""
        return province_lower(self.name)


@dataclass(frozen=True, slots=True)
class CommuneRef:
    id: int
    code: str
    name: str  # "Xã Cao Xá"
    short_name: str
    kind: str
    is_current: bool
    province: ProvinceRef
    district_code: str | None
    district_name: str | None

    @property
    def display(self) -> str:
        """'xã Cao Xá', for use inside a sentence."""
        return lower_type(self.name, self.kind)

    @property
    def place(self) -> str:
        """Where it is: 'huyện Tân Yên, tỉnh Bắc Giang (cũ)' or 'tỉnh Bắc Ninh'."""
        parts = []
        if self.district_name:
            parts.append(district_lower(self.district_name))
        parts.append(self.province.display)
        return ", ".join(parts) + ("" if self.is_current else " (cũ)")

    @property
    def label(self) -> str:
        """One line for a choice button: 'Xã Cao Xá – Tân Yên, Bắc Giang (cũ)'."""
        where = [self.district_name, self.province.short_name]
        where = [_strip_district_type(w) for w in where if w]
        return f"{self.name} – {', '.join(where)}" + ("" if self.is_current else " (cũ)")


def district_lower(name: str) -> str:
    for kind in ("thành phố", "thị xã", "huyện", "quận"):
        if name[: len(kind)].casefold() == kind:
            return kind + name[len(kind):]
    return name


def _strip_district_type(name: str) -> str:
    for kind in ("Thành phố ", "Thị xã ", "Huyện ", "Quận "):
        if name.startswith(kind) and not name[len(kind):].isdigit():
            return name[len(kind):]
    return name


@dataclass(frozen=True, slots=True)
class Link:
    old_id: int
    new_id: int
    is_whole: bool
    is_default: bool


District = tuple[int, str]  # (old province id, district code)


class RegistryIndex:
    """Read-only maps over the registry; build with `RegistryIndex.load(engine)`."""

    def __init__(self, provinces: list[ProvinceRef], communes: list[CommuneRef], links: list[Link],
                 aliases: list[tuple[int, str, str]]):
        self.provinces = {p.id: p for p in provinces}
        self.communes = {c.id: c for c in communes}
        self.successors: dict[int, tuple[Link, ...]] = {}
        self.predecessors: dict[int, tuple[Link, ...]] = {}
        succ, pred = defaultdict(list), defaultdict(list)
        for link in links:
            succ[link.old_id].append(link)
            pred[link.new_id].append(link)
        self.successors = {k: tuple(v) for k, v in succ.items()}
        self.predecessors = {k: tuple(sorted(v, key=lambda lk: self.communes[lk.old_id].code))
                             for k, v in pred.items()}

        names, others = defaultdict(set), defaultdict(set)
        for commune_id, alias, kind in aliases:
            (names if kind in ("name", "full") else others)[alias].add(commune_id)
        self.name_keys = {k: frozenset(v) for k, v in names.items()}
        self.alias_keys = {k: frozenset(v) for k, v in others.items() if k not in names}
        self.accent_keys = {c.id: frozenset({accent_key(c.short_name), accent_key(c.name)})
                            for c in communes}
        short = defaultdict(set)
        self.short_keys = {c.id: key(c.short_name) for c in communes}
        for c in communes:
            short[self.short_keys[c.id]].add(c.id)
        # Display order of candidates: current units first, then by province, district, name.
        self.sort_keys = {c.id: (not c.is_current, key(c.province.short_name), key(c.district_name or ""),
                                 key(c.name), c.code) for c in communes}
        self.fuzzy_keys = list(short)
        self.fuzzy_ids = [frozenset(short[k]) for k in self.fuzzy_keys]

        self.province_keys = self._province_keys(provinces)
        # Typo targets: real names only (a nickname like "baria" is too short to guess from).
        names = defaultdict(set)
        for p in provinces:
            names[key(p.short_name)].add(p.id)
        self.province_names = {k: frozenset(v) for k, v in names.items()}
        self.district_keys = self._district_keys(communes)
        self.scope_provinces, self.scope_districts = self._scopes(communes)

    @classmethod
    def load(cls, engine: Engine) -> RegistryIndex:
        with engine.connect() as conn:
            provinces = [ProvinceRef(r.id, r.code, r.name, r.short_name, r.is_current, r.successor_id)
                         for r in conn.execute(select(Province.__table__))]
            by_id = {p.id: p for p in provinces}
            communes = [CommuneRef(r.id, r.code, r.name, r.short_name, r.kind, r.is_current,
                                   by_id[r.province_id], r.district_code, r.district_name)
                        for r in conn.execute(select(Commune.__table__).order_by(Commune.__table__.c.id))]
            links = [Link(r.old_id, r.new_id, r.is_whole, r.is_default)
                     for r in conn.execute(select(CommuneLink.__table__))]
            table = CommuneAlias.__table__
            aliases = [tuple(r) for r in conn.execute(select(table.c.commune_id, table.c.alias, table.c.kind))]
        return cls(provinces, communes, links, aliases)

    # -- construction helpers -------------------------------------------------

    @staticmethod
    def _province_keys(provinces: list[ProvinceRef]) -> dict[str, frozenset[int]]:
        keys = defaultdict(set)
        for p in provinces:
            short = key(p.short_name)
            for k in (short, key(p.name), "tinh" + short, "tp" + short, "thanhpho" + short):
                keys[k].add(p.id)
        # "TPHCM", "Sài Gòn", "BR-VT", "HN": every other way of writing a province.
        for form, place in places.forms("shorthand"):
            found = keys.get(key(place.short))
            if found:
                keys[key(form)] |= found
        return {k: frozenset(v) for k, v in keys.items()}

    @staticmethod
    def _district_keys(communes: list[CommuneRef]) -> dict[str, frozenset[District]]:
        keys = defaultdict(set)
        for c in communes:
            if c.is_current or not c.district_name or not c.district_code:
                continue
            district = (c.province.id, c.district_code)
            words = name_tokens(c.district_name)
            _, short = split_prefix(words, DISTRICT_PREFIXES)
            keys["".join(words)].add(district)
            keys["".join(short)].add(district)
        return {k: frozenset(v) for k, v in keys.items()}

    def _scopes(self, communes: list[CommuneRef]):
        provinces: dict[int, set[int]] = {}
        districts: dict[int, set[District]] = {}
        for c in communes:
            if not c.is_current:
                provinces[c.id] = {c.province.id}
                if c.province.successor_id:
                    provinces[c.id].add(c.province.successor_id)
                districts[c.id] = {(c.province.id, c.district_code)} if c.district_code else set()
        for c in communes:
            if c.is_current:
                provinces[c.id] = {c.province.id}
                districts[c.id] = set()
                for link in self.predecessors.get(c.id, ()):
                    old = self.communes[link.old_id]
                    provinces[c.id].add(old.province.id)
                    districts[c.id] |= districts[old.id]
        for c in communes:  # an old unit is also "in" the provinces of its successors
            for link in self.successors.get(c.id, ()):
                provinces[c.id].add(self.communes[link.new_id].province.id)
        return ({k: frozenset(v) for k, v in provinces.items()},
                {k: frozenset(v) for k, v in districts.items()})

    # -- queries ----------------------------------------------------------------

    def successors_of(self, commune_id: int) -> list[tuple[CommuneRef, Link]]:
        return [(self.communes[lk.new_id], lk) for lk in self.successors.get(commune_id, ())]

    def predecessors_of(self, commune_id: int) -> list[tuple[CommuneRef, Link]]:
        return [(self.communes[lk.old_id], lk) for lk in self.predecessors.get(commune_id, ())]

    def in_provinces(self, commune_id: int, province_ids: frozenset[int]) -> bool:
        return not province_ids.isdisjoint(self.scope_provinces[commune_id])

    def in_districts(self, commune_id: int, districts: frozenset[District]) -> bool:
        return not districts.isdisjoint(self.scope_districts[commune_id])

    def communes_in_province(self, province_ids: frozenset[int]) -> list[int]:
        """Units whose scope touches the given provinces (an old province: its old
        units and the current units that absorbed any of them)."""
        return [cid for cid, scope in self.scope_provinces.items() if not province_ids.isdisjoint(scope)]
