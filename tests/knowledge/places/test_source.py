"""knowledge.places.source: the package's files read in place, provinces and districts alone in milliseconds."""

from __future__ import annotations

from knowledge.places.source import read_districts, read_provinces, read_source


def test_light_readers_match_the_full_source():
    provinces = read_provinces()
    assert provinces == read_source().provinces
    assert sum(p.is_current for p in provinces) == 34 and sum(not p.is_current for p in provinces) == 63
    assert len(read_districts()) == 696
