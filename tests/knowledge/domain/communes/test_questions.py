"""Plain status questions are recognised, and answered from the registry without inventing anything."""

from __future__ import annotations

import pytest

from knowledge.application.render.communes import render_answer_html
from knowledge.domain.communes import Level, recognise_commune_question
from tests.auxil.communes_db import backends, clear_recognitions, registry_service


@pytest.mark.parametrize("text, query, level, asks_year", [
    ("xã Ngọc Thiện đạt NTM nâng cao năm nào?", "xã Ngọc Thiện", Level.NANG_CAO, True),
    ("Xã Cao Xá đạt chuẩn NTM kiểu mẫu chưa?", "xã Cao Xá", Level.KIEU_MAU, False),
    ("cao xa dat ntm chua", "cao xa", Level.NTM, False),
    ("Cao Xá có đạt NTM kiểu mẫu không", "Cao Xá", Level.KIEU_MAU, False),
    ("Xã Nam Sơn đạt NTM năm nào", "xã Nam Sơn", Level.NTM, True),
    ("xa nam son dat ntm nam nao", "xã nam son", Level.NTM, True),
    ("Xã Tịnh Sơn đã đạt chuẩn nông thôn mới chưa?", "xã Tịnh Sơn", Level.NTM, False),
    ("xã Phúc Đạt đạt chuẩn NTM năm nào", "xã Phúc Đạt", Level.NTM, True),
    ("Cho hỏi xã Cổ Loa có đạt NTM kiểu mẫu không?", "xã Cổ Loa", Level.KIEU_MAU, False),
    ("Phường Đa Kao đạt chuẩn ntm chưa", "phường Đa Kao", Level.NTM, False),
    ("Thị trấn Năm Căn đạt NTM năm nào?", "thị trấn Năm Căn", Level.NTM, True),
    ("xã Tân Hiệp, tỉnh Kiên Giang đạt NTM chưa?", "xã Tân Hiệp, Kiên Giang", Level.NTM, False),
    ("xã Tân Hiệp (Kiên Giang) đạt NTM nâng cao chưa", "xã Tân Hiệp, Kiên Giang", Level.NANG_CAO, False),
    ("Xã Cao Xá huyện Tân Yên đạt ntm kiểu mẫu khi nào?", "xã Cao Xá, Tân Yên", Level.KIEU_MAU, True),
    ("Ngọc Thiện, Bắc Ninh đạt chuẩn NTM năm nào?", "Ngọc Thiện, Bắc Ninh", Level.NTM, True),
    ("Tình hình NTM của xã Cao Xá?", "xã Cao Xá", Level.NTM, False),
])
def test_status_questions_are_recognised(text, query, level, asks_year):
    question = recognise_commune_question(text)
    assert question is not None
    assert (question.query, question.level, question.asks_year) == (query, level, asks_year)


@pytest.mark.parametrize("text", [
    "Xã nào đạt NTM kiểu mẫu năm 2024?",
    "Bao nhiêu xã đạt chuẩn NTM nâng cao?",
    "Thủ tục công nhận xã đạt chuẩn NTM?",
    "Điều kiện để xã đạt chuẩn NTM nâng cao là gì",
    "Tiêu chí 17 đạt chuẩn NTM thế nào?",
    "thị xã Phú Thọ đạt chuẩn NTM chưa",
    "huyện Tân Yên đạt NTM chưa",
    "Xã mình đạt NTM chưa?",
    "xã Cao Xá",  # no NTM question
    "Chương trình nông thôn mới giai đoạn 2021-2025 có mấy tiêu chí?",
    "",
])
def test_other_questions_are_left_to_the_documents(text):
    assert recognise_commune_question(text) is None


@pytest.fixture(scope="module", params=backends())
def service(request):
    service = registry_service(request.param)
    clear_recognitions(service)
    yield service
    clear_recognitions(service)


def test_answer_from_the_registry(service):
    csv = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định\n"
           "Bắc Giang;Tân Yên;Cao Xá;NTM;2015;1/QĐ-UBND\nBắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023;9/QĐ-UBND\n")
    assert service.import_bytes(csv.encode(), "q.csv").ok
    answer = service.answer_question("Cao Xá, Bắc Giang đạt chuẩn NTM kiểu mẫu chưa?")
    assert answer is not None and answer.result.found
    html = render_answer_html(answer)
    assert html.startswith("<b>Theo dữ liệu đã nạp: xã Cao Xá (cũ) đạt chuẩn nông thôn mới kiểu mẫu năm 2023")
    # Asked about a level with no data: says what is known, no more.
    answer = service.answer_question("xã Ngọc Thiện đạt NTM nâng cao năm nào?")
    assert answer.result.found
    assert "Chưa có dữ liệu công nhận nông thôn mới nào được nạp cho xã Ngọc Thiện" in render_answer_html(answer)


def test_ambiguous_or_unknown_names(service):
    answer = service.answer_question("Xã Cao Xá đạt chuẩn NTM kiểu mẫu chưa?")
    assert answer.result.ambiguous and len(answer.result.candidates) == 2
    html = render_answer_html(answer)  # no buttons under a plain answer: the choices are listed
    assert "1. Xã Cao Xá – Tân Yên, Bắc Giang (cũ)" in html and "/xa Cao Xá, Bắc Giang" in html
    unknown = service.answer_question("xã Khôngcóthật đạt NTM chưa?")
    assert unknown.result.not_found and render_answer_html(unknown).startswith("Không tìm thấy")
    # A bare phrase that is not a unit name is not answered from the registry.
    assert service.answer_question("Nó đạt chuẩn NTM chưa?") is None
