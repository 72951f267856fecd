"""Find units by whatever name an official types: accents optional, unit-type
prefixes ignored, typos tolerated, an optional district and province.

Order of evidence, strongest first: the exact name (folded) -> the package's
aliases (former names, "p1") -> a few typing errors (optimal string alignment
distance, scaled to the name's length). Province and district, after a comma or
simply at the end ("Tân Hiệp Kiên Giang"), narrow the result; old and current
province names both work. When an old unit and the current unit that absorbed
it carry the same name, the current one stands for both (its card lists the old
one with its recognitions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.domain.communes.index import District, RegistryIndex
from knowledge.places.names import (
    DISTRICT_PREFIXES,
    KIND_OF_PREFIX,
    PROVINCE_PREFIXES,
    split_prefix,
    word_pairs,
)
from knowledge.text.normalize import fold, normalize

Status = Literal["found", "ambiguous", "not_found"]
_PARTS = re.compile(r"[,;()\[\]]+")


@dataclass(frozen=True)
class Match:
    """What the name resolved to; ids are commune ids, best first."""

    query: str
    status: Status
    ids: tuple[int, ...] = ()
    closest: tuple[int, ...] = ()
    exact: bool = True
    province_ids: frozenset[int] | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class NameQuery:
    """One reading of a query: these name words, narrowed to this scope."""

    folded: list[str]
    accented: list[str]
    provinces: frozenset[int] | None = None
    districts: frozenset[District] | None = None
    kind: str | None = None
    keys: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        prefix, rest = split_prefix(self.folded)
        self.kind = KIND_OF_PREFIX.get(prefix) if prefix else None
        self.keys = ["".join(self.folded)]
        if prefix:
            self.keys.append("".join(rest))
        self.accent = ["".join(self.accented)]
        if prefix:
            self.accent.append("".join(self.accented[len(prefix):]))
        self.typed_accents = fold(self.accent[0]) != self.accent[0]

    @classmethod
    def from_text(cls, name: str, provinces: frozenset[int] | None = None,
                  districts: frozenset[District] | None = None) -> NameQuery:
        pairs = word_pairs(name)
        return cls([f for f, _ in pairs], [a for _, a in pairs], provinces, districts)

    @property
    def scoped(self) -> bool:
        return self.provinces is not None or self.districts is not None


def _max_typos(name_key: str) -> int:
    n = len(name_key)
    return 0 if n <= 3 else 1 if n <= 5 else 2 if n <= 10 else 3


class Matcher:
    def __init__(self, index: RegistryIndex):
        self.index = index

    # -- scope parsing -------------------------------------------------------------

    def resolve_province(self, text: str, fuzzy: bool = True) -> frozenset[int] | None:
        words = [f for f, _ in word_pairs(text)]
        if not words:
            return None
        keys = self.index.province_keys
        for candidate in ("".join(words), "".join(split_prefix(words, PROVINCE_PREFIXES)[1])):
            if candidate in keys:
                return keys[candidate]
        if not fuzzy:
            return None
        target = "".join(split_prefix(words, PROVINCE_PREFIXES)[1])
        limit = 0 if len(target) < 5 else 1 if len(target) < 10 else 2
        if not limit:
            return None
        names = self.index.province_names
        found = process.extract(target, list(names), scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not found:
            return None
        best = min(d for _, d, _ in found)
        closest = [k for k, d, _ in found if d == best]
        # Only when the typo points at one name (old and new namesakes count as one).
        return names[closest[0]] if len(closest) == 1 else None

    def resolve_district(self, words: list[str], provinces: frozenset[int] | None) -> frozenset[District] | None:
        keys = self.index.district_keys
        for candidate in ("".join(words), "".join(split_prefix(words, DISTRICT_PREFIXES)[1])):
            found = keys.get(candidate)
            if found and provinces is not None:
                found = frozenset(d for d in found if self._district_in(d, provinces))
            if found:
                return found
        return None

    def _district_in(self, district: District, provinces: frozenset[int]) -> bool:
        province = self.index.provinces[district[0]]
        return province.id in provinces or province.successor_id in provinces

    def _parse_rest(self, words: list[str]):
        """Trailing words as [district] [province]; None when they are neither."""
        for start in range(len(words)):
            provinces = self.index.province_keys.get("".join(words[start:]))
            if provinces is None:
                continue
            if start == 0:
                return provinces, None
            districts = self.resolve_district(words[:start], provinces)
            if districts:
                return provinces, districts
        districts = self.resolve_district(words, None)
        return (None, districts) if districts else None

    def _variants(self, query: str) -> tuple[list[NameQuery], list[str]]:
        warnings: list[str] = []
        parts = [p for p in _PARTS.split(normalize(query)) if word_pairs(p)]
        if not parts:
            return [], warnings
        pairs = word_pairs(parts[0])
        folded, accented = [p[0] for p in pairs], [p[1] for p in pairs]
        if len(parts) > 1:
            provinces = districts = None
            last = parts[-1]
            provinces = self.resolve_province(last)
            middle = parts[1:-1]
            if provinces is None:
                districts = self.resolve_district([f for f, _ in word_pairs(last)], None)
                if districts is None:
                    warnings.append(f"Không nhận ra tỉnh/huyện “{last.strip()}”; đã tìm trên cả nước.")
            if middle:
                words = [f for part in middle for f, _ in word_pairs(part)]
                districts = self.resolve_district(words, provinces)
                if districts is None:
                    warnings.append(f"Không nhận ra huyện “{', '.join(m.strip() for m in middle)}”.")
            return [NameQuery(folded, accented, provinces, districts)], warnings
        variants = [NameQuery(folded, accented)]
        for cut in range(len(folded) - 1, 0, -1):
            scope = self._parse_rest(folded[cut:])
            if scope is not None:
                variants.append(NameQuery(folded[:cut], accented[:cut], *scope))
        return variants, warnings

    # -- matching --------------------------------------------------------------------

    def in_scope(self, commune_id: int, variant: NameQuery) -> bool:
        if variant.provinces is not None and not self.index.in_provinces(commune_id, variant.provinces):
            return False
        if variant.districts is not None and not self.index.in_districts(commune_id, variant.districts):
            return False
        return True

    def refine(self, ids: set[int], variant: NameQuery, collapse: bool = True) -> list[int]:
        """Scope, then the typed unit type and accents when they single out some, then collapse."""
        ids = {i for i in ids if self.in_scope(i, variant)}
        if variant.kind:
            same_kind = {i for i in ids if self.index.communes[i].kind == variant.kind}
            ids = same_kind or ids
        if variant.typed_accents:
            typed = set(variant.accent)
            same_accents = {i for i in ids if not typed.isdisjoint(self.index.accent_keys[i])}
            ids = same_accents or ids
        return self._collapse(ids) if collapse else sorted(ids, key=self.sort_key)

    def _collapse(self, ids: set[int]) -> list[int]:
        communes = self.index.communes
        kept = set(ids)
        for i in ids:
            c = communes[i]
            if c.is_current:
                continue
            for link in self.index.successors.get(i, ()):
                if link.new_id in ids and self.index.short_keys[link.new_id] == self.index.short_keys[i]:
                    kept.discard(i)
        return sorted(kept, key=self.sort_key)

    def sort_key(self, commune_id: int):
        return self.index.sort_keys[commune_id]

    def exact(self, variant: NameQuery, collapse: bool = True) -> list[int]:
        """Units whose name (else whose alias) is exactly the query's, in scope."""
        for table in (self.index.name_keys, self.index.alias_keys):
            ids: set[int] = set()
            for k in variant.keys:
                ids |= table.get(k, frozenset())
            found = self.refine(ids, variant, collapse) if ids else []
            if found:
                return found
        return []

    def _fuzzy(self, variant: NameQuery) -> list[int]:
        best: dict[int, int] = {}
        for k in variant.keys:
            limit = _max_typos(k)
            if not limit:
                continue
            for _, distance, pos in process.extract(k, self.index.fuzzy_keys, scorer=OSA.distance,
                                                    score_cutoff=limit, limit=None):
                for i in self.index.fuzzy_ids[pos]:
                    if self.in_scope(i, variant) and distance < best.get(i, limit + 1):
                        best[i] = distance
        if not best:
            return []
        nearest = min(best.values())
        return self.refine({i for i, d in best.items() if d == nearest}, variant)

    def closest(self, variants: list[NameQuery], limit: int = 5) -> tuple[int, ...]:
        scores: dict[int, float] = {}
        for variant in variants:
            target = variant.keys[-1]
            for _, score, pos in process.extract(target, self.index.fuzzy_keys, scorer=fuzz.ratio,
                                                 limit=40, score_cutoff=40):
                for i in self.index.fuzzy_ids[pos]:
                    if self.in_scope(i, variant) and score > scores.get(i, 0):
                        scores[i] = score
        ranked = sorted(scores, key=lambda i: (-scores[i], self.sort_key(i)))
        return tuple(ranked[:limit])

    def _typo_province_variants(self, variants: list[NameQuery]) -> list[NameQuery]:
        """'Ngoc Thien Bac Nimh': the last words as a misspelt province (tried only when
        nothing else matched, as it costs a fuzzy search per cut)."""
        if len(variants) != 1 or variants[0].scoped:
            return []
        base = variants[0]
        extra = []
        for cut in range(len(base.folded) - 1, max(0, len(base.folded) - 5), -1):
            provinces = self.resolve_province(" ".join(base.folded[cut:]))
            if provinces is not None:
                extra.append(NameQuery(base.folded[:cut], base.accented[:cut], provinces))
        return extra

    def match(self, query: str) -> Match:
        variants, warnings = self._variants(query)
        if not variants:
            return Match(query, "not_found", warnings=tuple(warnings))
        for variant in variants:
            ids = self.exact(variant)
            if ids:
                return self._result(query, ids, True, variant, warnings)
        typo_variants = self._typo_province_variants(variants)
        for variant in typo_variants:
            ids = self.exact(variant)
            if ids:
                return self._result(query, ids, False, variant, warnings)
        variants += typo_variants
        for variant in sorted(variants, key=lambda v: not v.scoped):
            ids = self._fuzzy(variant)
            if ids:
                return self._result(query, ids, False, variant, warnings)
        return Match(query, "not_found", closest=self.closest(variants), warnings=tuple(warnings),
                     province_ids=variants[-1].provinces)

    @staticmethod
    def _result(query: str, ids: list[int], exact: bool, variant: NameQuery, warnings: list[str]) -> Match:
        status: Status = "found" if len(ids) == 1 else "ambiguous"
        return Match(query, status, tuple(ids), exact=exact, province_ids=variant.provinces,
                     warnings=tuple(warnings))
