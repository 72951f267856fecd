"""The province a field or a question names, however it is typed.

Officials type on phones: any case, with or without diacritics, "tp.hcm",
"tinh hai duong", now and then a typo. A field (a caption's "Tỉnh:", a JSONL
"province") must be a province as a whole and is compared by name key
(`names.key`: folded, no spaces or punctuation); a question may name one
anywhere, and is searched in its folded form.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.places.names import PROVINCE_PREFIXES, key, split_prefix, tokens
from knowledge.places.pattern import alternation
from knowledge.places.registry import Province
from knowledge.places.spellings import forms
from knowledge.text.folding import Folded
from knowledge.text.normalize import fold, normalize


@dataclass(frozen=True, slots=True)
class QueryMatch:
    start: int  # where the province starts in the query, a unit word ("tỉnh", "TP.") included
    end: int
    name_start: int  # where its name starts, after the unit word
    province: Province


@functools.cache
def _by_key() -> dict[str, Province]:
    out: dict[str, Province] = {}
    for form, p in forms("query"):
        out.setdefault(key(form), p)
    return out


@functools.cache
def _folded_forms() -> dict[str, Province]:
    """Folded form ("ba ria - vung tau", "ba ria vung tau", "tp.hcm") -> province."""
    out: dict[str, Province] = {}
    for form, p in forms("query"):
        folded = fold(normalize(form))
        for variant in (folded, " ".join(tokens(folded))):
            out.setdefault(variant, p)
    return out


@functools.cache
def _query_pattern() -> re.Pattern[str]:
    names = alternation(_folded_forms(), r"\s*")
    return re.compile(rf"(?<![\w.])(?P<unit>(?:tinh|thanh\s*pho|tp)[\s.]*)?(?P<name>{names})(?!\w)")


@functools.lru_cache(maxsize=4096)  # the same few names come back for every target row
def lookup(name: str) -> Province | None:
    """The province a whole field names ('TPHCM', 'tỉnh hai duong', 'Tỉnh Long An'); None if it names none."""
    words = tokens(name)
    for candidate in ("".join(words), "".join(split_prefix(words, PROVINCE_PREFIXES)[1])):
        if candidate in _by_key():
            return _by_key()[candidate]
    return None


def find_in_query(query: str) -> list[QueryMatch]:
    """Every province a question names, in order, with offsets into `query`."""
    folded = Folded(query)
    out = []
    for m in _query_pattern().finditer(folded.text):
        start, end = folded.span(m.start(), m.end())
        name_start = folded.span(m.start("name"), m.end("name"))[0]
        out.append(QueryMatch(start, end, name_start, _by_key()[key(m.group("name"))]))
    return out


@functools.lru_cache(maxsize=4096)
def match(query: str) -> Province | None:
    """The province a question names (the longest name when it names several), else None."""
    found = find_in_query(query)
    return max(found, key=lambda m: m.end - m.name_start).province if found else None


def resolve(name: str, *, cutoff: float = 85) -> Province | None:
    """Like `match`, and tolerant of a typo in a bare name ("hai duog")."""
    exact = match(name)
    if exact:
        return exact
    folded = re.sub(r"^(?:tinh|thanh pho|tp\.?)\s+", "", fold(name).strip())
    if len(folded) < 4:
        return None
    hit = process.extractOne(folded, list(_folded_forms()), scorer=fuzz.ratio, score_cutoff=cutoff)
    return _folded_forms()[hit[0]] if hit else None
