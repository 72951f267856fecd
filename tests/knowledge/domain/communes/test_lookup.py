"""Finding a commune however it is typed, and what the card then says about old and new units."""

from __future__ import annotations

import random

import pytest

from knowledge.application.render.communes import render_card_html, render_lookup, render_lookup_text
from tests.auxil.communes_db import backends, clear_recognitions, registry_service


@pytest.fixture(scope="module", params=backends())
def service(request):
    service = registry_service(request.param)
    clear_recognitions(service)
    return service


def _labels(result):
    refs = [result.card.commune] if result.found else list(result.candidates or result.closest)
    return [r.label for r in refs]


@pytest.mark.parametrize("query", ["cao xa", "CAO XÁ", "Cao Xá", "xã Cao Xá", "Xa cao xa", "caoxa", "  cao   xá "])
def test_diacritics_case_spacing_and_prefix_do_not_matter(service, query):
    result = service.find(query)
    assert result.ambiguous and result.exact
    assert _labels(result) == ["Xã Cao Xá – Tân Yên, Bắc Giang (cũ)", "Xã Cao Xá – Lâm Thao, Phú Thọ (cũ)"]


@pytest.mark.parametrize("query", [
    "Cao Xá, Bắc Giang", "cao xa bac giang", "Cao Xá Tân Yên", "Cao Xá, Tân Yên, Bắc Giang", "Cao Xá, Bắc Ninh",
    "cao xa, tinh bac giang", "Cao Xá (Bắc Giang)",
])
def test_province_or_district_narrows_old_or_new_names(service, query):
    result = service.find(query)
    assert result.found, _labels(result)
    assert result.card.commune.label == "Xã Cao Xá – Tân Yên, Bắc Giang (cũ)"


@pytest.mark.parametrize("query", [
    "TT. Tân Hiệp, Kiên Giang", "thị trấn Tân Hiệp Kiên Giang", "P. Trúc Bạch", "phuong truc bach",
])
def test_unit_type_prefixes_and_abbreviations(service, query):
    assert service.find(query).found


def test_old_name_leads_to_the_new_commune(service):
    card = service.find("Cao Xá, Bắc Giang").card
    assert not card.commune.is_current
    assert [u.commune.name for u in card.now_part_of] == ["Xã Tân Yên"]
    text = render_card_html(card)
    assert "Xã Cao Xá (cũ) nay thuộc <b>xã Tân Yên, tỉnh Bắc Ninh</b>" in text


def test_new_commune_shows_what_it_absorbed(service):
    card = service.find("Tân Yên, Bắc Ninh").card
    assert card.commune.is_current and card.commune.province.short_name == "Bắc Ninh"
    absorbed = {u.commune.name for u in card.absorbed}
    assert {"Xã Cao Xá", "Thị trấn Cao Thượng", "Xã Việt Lập", "Xã Ngọc Lý"} == absorbed
    assert "được hợp nhất từ" in render_card_html(card)


def test_same_name_old_and_new_collapse_to_the_new_unit(service):
    result = service.find("Ngọc Thiện")
    assert result.found and result.card.commune.is_current
    assert "Xã Ngọc Thiện" in {u.commune.name for u in result.card.absorbed}


def test_ambiguous_names_list_candidates_with_place(service):
    result = service.find("Tân Hiệp")
    assert result.ambiguous and len(result.candidates) > 5
    assert result.candidates[0].is_current  # current units first
    assert all(" – " in c.label for c in result.candidates)
    narrowed = service.find("Tân Hiệp, Kiên Giang")
    assert narrowed.found and narrowed.card.commune.label == "Xã Tân Hiệp – An Giang"
    assert service.find("Tân Hiệp Kiên Giang").card == narrowed.card
    assert service.find("Tân Hiệp, An Giang").found


@pytest.mark.parametrize("query, expected", [
    ("ngoc thein", "Xã Ngọc Thiện – Bắc Ninh"),
    ("Ngoc Thien Bac Nimh", "Xã Ngọc Thiện – Bắc Ninh"),
    ("xa cao xaa, bac giang", "Xã Cao Xá – Tân Yên, Bắc Giang (cũ)"),
    ("Tân Hiep, Kien Gian", "Xã Tân Hiệp – An Giang"),
])
def test_typos_are_tolerated(service, query, expected):
    result = service.find(query)
    assert result.found, _labels(result)
    assert result.card.commune.label == expected
    assert render_lookup(result).startswith("<i>Kết quả gần đúng") or result.exact


@pytest.mark.parametrize("query", ["x'; DROP TABLE communes--", "%_", "%", "_", "' OR 1=1 --", "\\", "<b>xã</b>",
                                   "", "   ", "🙂", "x" * 500])
def test_sql_and_html_metacharacters_are_just_text(service, query):
    result = service.find(query)
    assert result.not_found or result.ambiguous or result.found
    text = render_lookup(result)
    assert len(text) <= 4096
    if result.not_found:
        assert text.startswith("Không tìm thấy")
    assert "<b>xã</b>" not in text.replace("<b>xã", "")  # user text is escaped
    assert service.find("Cao Xá, Bắc Giang").found  # tables intact


def test_not_found_offers_closest_names(service):
    result = service.find("Cao Xanhh Tân Yênnn")
    assert result.not_found
    text = render_lookup_text(result)
    assert text.startswith("Không tìm thấy")
    assert result.closest and "Tên gần nhất" in text


def test_unknown_province_part_is_reported_not_fatal(service):
    result = service.find("Cao Xá, Narnia")
    assert result.ambiguous
    assert any("Narnia" in w for w in result.warnings)


def test_random_units_are_found_with_their_province(service):
    index = service.index
    ids = sorted(index.communes)
    for commune_id in random.Random(7).sample(ids, 200):
        c = index.communes[commune_id]
        result = service.find(f"{c.short_name}, {c.province.short_name}")
        found = [result.card.commune] if result.found else list(result.candidates)
        accepted = {c.id} | {lk.new_id for lk in index.successors.get(c.id, ())}
        assert accepted & {f.id for f in found}, (c.label, _labels(result))


def test_card_without_data_says_so_honestly(service):
    clear_recognitions(service)
    card = service.find("Cao Xá, Bắc Giang").card
    assert not card.has_data and card.highest is None
    text = render_card_html(card)
    assert "Chưa có dữ liệu công nhận nông thôn mới nào được nạp" in text
    assert "chưa nạp danh sách" in text
