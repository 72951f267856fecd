"""Every way of writing each province, by where it may be read.

A running text only counts forms that are names there (not "Hồ Chí Minh"
alone, the person); a question also accepts the short names and "HCM"; the
last words of a commune query also the two-letter shorthands. Each tier
includes the one before. A form names the current province when there is one
by that name, else the old one; a former name ("Thừa Thiên Huế") names the
old unit.
"""

from __future__ import annotations

import functools
from typing import Literal

from knowledge.places import aliases
from knowledge.places.registry import Province, old_provinces, province, unit_for

Tier = Literal["text", "query", "shorthand"]


def _text_forms(p: Province) -> list[str]:
    written = [p.name]
    if p.is_city:
        written += [prefix + p.short for prefix in aliases.CITY_PREFIXES]
        if p.key not in aliases.PERSON_NAMES:
            written.append(p.short)
    return written + list(aliases.SPELLINGS.get(p.key, ()))


@functools.cache
def forms(tier: Tier = "text") -> tuple[tuple[str, Province], ...]:
    """(written form, province) pairs of a tier, each form once, in the package's province order."""
    out: dict[str, Province] = {}
    for p in (unit_for(old.key) for old in old_provinces()):
        written = _text_forms(p)
        if tier != "text":
            written += [p.official, p.short, *aliases.QUERY_ONLY.get(p.key, ())]
        if tier == "shorthand":
            written += aliases.SHORTHANDS.get(p.key, ())
        for form in written:
            out.setdefault(form, p)
    for key, names in aliases.FORMER_NAMES.items():
        for form in names:
            out.setdefault(form, province(key, current=False))
    return tuple(out.items())
