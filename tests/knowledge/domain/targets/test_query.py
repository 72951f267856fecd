"""Finding targets by province and year, and showing them as a cited table."""

from __future__ import annotations

import html
import re

import pytest

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.render.targets import render_targets_html, render_targets_text, targets_reply
from knowledge.domain.targets import Target
from knowledge.domain.targets.query import group_targets, provinces_with_targets, query_targets


@pytest.fixture(scope="module")
def targets() -> list[Target]:
    return bundled_targets()


@pytest.mark.parametrize("name", ["Hải Dương", "hai duong", "HẢI DƯƠNG", "tỉnh Hải Dương"])
def test_province_any_spelling(targets, name):
    found = query_targets(targets, name, 2025)
    assert {t.quote for t in found} == {"29 xã", "94/151 xã", "16 xã", "35/151 xã"}


@pytest.mark.parametrize("name", ["TPHCM", "TP.HCM", "tp hcm", "Hồ Chí Minh", "thành phố hồ chí minh", "Sài Gòn"])
def test_ho_chi_minh_city_short_forms(targets, name):
    assert {t.quote for t in query_targets(targets, name)} == {"50%", "20%"}


def test_two_letter_abbreviations_are_not_provinces(targets):
    assert query_targets(targets, "HD") == []


def test_year_filter_and_merged_provinces(targets):
    assert [t.quote for t in query_targets(targets, "Long An", 2022)] == ["08 xã", "11 xã"]
    # Long An is part of Tây Ninh since 1 July 2025: asking for Tây Ninh shows it.
    assert {t.province for t in query_targets(targets, "Tây Ninh")} == {"Long An"}
    assert query_targets(targets, "Hà Nội") == []


def test_one_row_per_fact_with_every_source(targets):
    rows = group_targets(query_targets(targets, "TPHCM"))
    assert [(r.target.quote, len({s.doc_id for s in r.sources})) for r in rows] == [("20%", 1), ("50%", 2)]


def test_provinces_with_targets(targets):
    assert provinces_with_targets(targets) == [
        ("Bắc Giang", [2024]), ("Hải Dương", [2025]), ("Long An", [2021, 2022, 2023, 2024, 2025]),
        ("TP. Hồ Chí Minh", [2025]),
    ]


def _visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_html_table_cites_every_row(targets):
    reply = targets_reply(targets, "Hải Dương", 2025)
    lines = [line for line in reply.splitlines() if line.startswith("•")]
    assert len(lines) == 4 and all(line.endswith("[1]") for line in lines)
    assert "• Xã NTM nâng cao: tổng <b>94/151 xã</b> (đạt 62,2%) [1]" in lines
    assert "[1] Hải Dương thực hiện mục tiêu quốc gia xây dựng NTM năm 2025" in reply
    assert "📍 Hải Dương" in reply and "Năm 2025" in reply


def test_html_is_escaped_and_within_telegram_limit(targets):
    evil = targets[0].model_copy(update={"doc_title": "<script>&", "province": "Bắc Giang"})
    reply = render_targets_html([evil])
    assert "<script>" not in reply and "&lt;script&gt;&amp;" in reply
    many = [t.model_copy(update={"year": 1900 + i % 120, "value": i, "doc_id": f"d{i}"}) for i, t in
            enumerate(targets * 12)]
    reply = render_targets_html(many)
    assert len(reply) <= 4096 and "chỉ tiêu khác" in reply
    for n in set(re.findall(r"\[(\d+)\]", reply)):
        assert re.search(rf"^\[{n}\] ", reply, re.M), f"citation [{n}] has no source line"


def test_all_provinces_fit_in_one_message(targets):
    reply = targets_reply(targets)
    assert len(reply) <= 4096 and all(p in reply for p in ("Bắc Giang", "Hải Dương", "Long An", "TP. Hồ Chí Minh"))


def test_not_found_lists_known_provinces(targets):
    reply = targets_reply(targets, "Hà Nội", 2025)
    assert reply.startswith("Không tìm thấy")
    assert "Bắc Giang (2024)" in reply and "Long An (2021–2025)" in reply
    assert targets_reply(targets, "Atlantis").startswith("Không tìm thấy chỉ tiêu cho “Atlantis”")
    assert "nay thuộc Hải Phòng" in targets_reply(targets, "Hải Dương", 2030)
    assert targets_reply([], "Hải Dương").startswith("Không tìm thấy")


def test_console_text(targets):
    text = targets_reply(targets, "bac giang", html_mode=False)
    assert "<b>" not in text and text.startswith("Bắc Giang")
    assert "giảm còn 1,8%" in text and "54 triệu đồng/người/năm" in text
    assert render_targets_text([]) == ""


def test_emoji_replies_are_cut_by_utf16_length(targets):
    from knowledge.text.length import utf16_length

    emoji = [t.model_copy(update={"indicator": "🎉" * 40, "year": 1900 + i}) for i, t in enumerate(targets[:1] * 40)]
    whole = render_targets_html(emoji, max_chars=100_000)
    assert len(whole) < 4096 < utf16_length(whole)  # fits in code points, not in what Telegram counts
    reply = render_targets_html(emoji)
    assert utf16_length(reply) <= 4096 and "chỉ tiêu khác" in reply
