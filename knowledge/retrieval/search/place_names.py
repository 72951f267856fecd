"""Place names spelling correction must leave alone.

A commune the documents never mention ("Võ Nhai", "Thần Xá") is not a typo
for a word they do mention: its syllables would otherwise be "corrected"
away before the commune answerer or search sees them. Names of one syllable
are left out: as single syllables they are ordinary words.
"""

from __future__ import annotations

from functools import cache

from knowledge.places.names import DISTRICT_PREFIXES, split_prefix, tokens
from knowledge.places.source import read_source


@cache
def place_names() -> frozenset[tuple[str, ...]]:
    """Folded syllables of every name of two syllables or more: provinces, districts, communes, old and new."""
    source = read_source()
    names: set[tuple[str, ...]] = set()
    for commune in source.communes:
        names.add(tuple(tokens(commune.short_name)))
        if commune.district_name:
            names.add(tuple(split_prefix(tokens(commune.district_name), DISTRICT_PREFIXES)[1]))
    names.update(tuple(tokens(p.short_name)) for p in source.provinces)
    return frozenset(n for n in names if len(n) > 1 and all(t.isalpha() for t in n))
