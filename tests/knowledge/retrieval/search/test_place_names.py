"""The place names spelling correction leaves alone, from the registry."""

from __future__ import annotations

from knowledge.retrieval.search.place_names import place_names


def test_names_of_two_syllables_or_more_old_and_new():
    names = place_names()
    assert {("vo", "nhai"), ("tan", "yen"), ("bac", "giang"), ("thanh", "ha"), ("than", "xa")} <= names
    assert ("ho", "chi", "minh") in names
    assert all(len(n) > 1 and all(t.isalpha() for t in n) for n in names)
