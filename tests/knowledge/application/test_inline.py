"""Which inline queries are commune names, which are questions, which are still being typed."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from knowledge.application.inline import MAX_NAME_WORDS, commune_cards, is_short
from tests.auxil.communes_db import registry_service
from tests.auxil.paths import REPO


@pytest.fixture(scope="module")
def services():
    return SimpleNamespace(db_engine=registry_service("sqlite").engine)


@pytest.mark.parametrize(("query", "short"), [("", True), ("  ", True), ("xa", True), ("?!…", True),
                                              ("xã ", True), ("Cao", False), ("17?", False)])
def test_is_short(query, short):
    assert is_short(query) is short


def test_commune_names_give_cards_old_and_new(services):
    cards = commune_cards(services, "cao xa, tan yen, bac giang")
    assert [c.title for c in cards] == ["Xã Cao Xá – huyện Tân Yên, tỉnh Bắc Giang (cũ)"]
    namesakes = commune_cards(services, "Tân Hiệp")
    assert len(namesakes) == 10 and len({c.id for c in namesakes}) == 10


def test_questions_are_not_taken_for_commune_names(services):
    assert commune_cards(services, "Cao Xá đạt chuẩn năm nào") is None
    assert commune_cards(services, "tiêu chí giao thông") is None
    assert commune_cards(services, "Hải Dương") is None and commune_cards(services, "tỉnh bac ninh") is None
    assert commune_cards(services, "xã Hải Dương")  # a commune of that name, said so
    assert commune_cards(services, "a b c d e f g") is None  # longer than MAX_NAME_WORDS words
    asked = []
    for name in ("dev.jsonl", "typos.jsonl", "calibration.jsonl"):
        for line in (REPO / "knowledge" / "eval" / name).read_text("utf-8").splitlines():
            if line.strip():
                asked.append(json.loads(line)["q"])
    taken = [q for q in asked if len(q.split()) <= MAX_NAME_WORDS and commune_cards(services, q)]
    assert not taken, taken


def test_no_registry_means_no_commune_cards():
    assert commune_cards(SimpleNamespace(db_engine=None, settings=None), "Cao Xá") is None
