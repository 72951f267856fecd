"""The syllable grammar: typos are no syllables, real syllables are; tones go where Vietnamese puts them."""

from __future__ import annotations

import pytest

from knowledge.text.syllable import ACUTE, DOT, GRAVE, HOOK, is_syllable, is_well_formed, parts, with_tone


@pytest.mark.parametrize("word", ["nhieu", "nghieng", "quoc", "gi", "gia", "khuya", "xoong", "thuong", "nguoi",
                                  "nong", "thon", "ngheo", "uyen", "oanh"])
def test_real_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["nhieeu", "xaa", "lopp", "nag", "giag", "thoon", "ntm", "ubnd", "chuann", "moii"])
def test_typos_and_acronyms_are_no_syllables(word):
    assert not is_syllable(word)


def test_parts_split_initial_cluster_final_and_tone():
    p = parts("người")
    assert (p.initial, p.cluster, p.final, p.tone) == ("ng", "ươi", "", GRAVE)
    assert parts("gieng").initial == "gi" and parts("gi").initial == "g"


@pytest.mark.parametrize(("word", "ok"), [("người", True), ("đạt", True), ("hòa", True), ("ngừoi", False),
                                          ("nhâp", False), ("vưc", False), ("xâ", False), ("mẩu", True)])
def test_well_formed_checks_cluster_final_and_tone(word, ok):
    assert is_well_formed(word) is ok


@pytest.mark.parametrize(
    ("letters", "tone", "written"),
    [("hoa", GRAVE, "hòa"), ("thuy", HOOK, "thủy"), ("ngươi", GRAVE, "người"), ("chuân", HOOK, "chuẩn"),
     ("ngoai", GRAVE, "ngoài"), ("gia", ACUTE, "giá"), ("qua", ACUTE, "quá"), ("đat", DOT, "đạt"),
     ("hoan", GRAVE, "hoàn"), ("quyêt", ACUTE, "quyết")],
)
def test_tone_placement(letters, tone, written):
    assert with_tone(letters, tone) == written
