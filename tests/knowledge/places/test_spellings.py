"""knowledge.places.spellings and aliases: the hand-kept spellings point at real provinces, tier by tier."""

from __future__ import annotations

from knowledge.places import aliases, forms, old_provinces


def test_every_alias_names_a_package_province():
    keys = {p.key for p in old_provinces()}
    for table in (aliases.SPELLINGS, aliases.FORMER_NAMES, aliases.QUERY_ONLY, aliases.SHORTHANDS, aliases.DISPLAY):
        assert set(table) <= keys
    assert aliases.PERSON_NAMES <= keys


def test_tiers_nest():
    text, query, shorthand = (dict(forms(t)) for t in ("text", "query", "shorthand"))
    assert text.items() <= query.items() <= shorthand.items()
    assert "Hồ Chí Minh" not in text and query["Hồ Chí Minh"].name == "Thành phố Hồ Chí Minh"
    assert "HCM" not in text and "HCM" in query
    assert "HN" not in query and shorthand["HN"].name == "Thành phố Hà Nội"


def test_every_province_has_its_own_names():
    text = dict(forms("text"))
    for p in old_provinces():
        assert text[p.name].key == p.key
