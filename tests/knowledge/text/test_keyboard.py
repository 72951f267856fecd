"""One-edit variants: all of them, or only slips to a neighbouring key or a sound-alike."""

from __future__ import annotations

from knowledge.text.keyboard import NEAR_KEYS, edits


def test_every_kind_of_edit_is_produced_once():
    variants = list(edits("thon"))
    assert len(variants) == len(set(variants)) and "thon" not in variants
    assert {"thn", "thong", "tohn", "than"} <= set(variants)  # deletion, insertion, transposition, replacement


def test_near_keys_only_limits_replacements():
    variants = set(edits("may", near_keys_only=True))
    assert "mau" in variants  # y is next to u
    assert "mat" in variants  # t is next to y
    assert "mai" in variants  # i/y sound alike
    assert "mac" not in variants
    assert "dinh" not in set(edits("tinh", near_keys_only=True))
    assert {"tnh", "tinhh", "itnh"} <= set(edits("tinh", near_keys_only=True))  # other edits stay


def test_the_keyboard_map_is_symmetric():
    assert all(a in NEAR_KEYS[b] for a, near in NEAR_KEYS.items() for b in near)
    assert set(NEAR_KEYS["g"]) == set("fhtyvb")
