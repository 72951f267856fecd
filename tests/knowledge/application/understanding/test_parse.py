"""understand(): places linked by the registry's names (never by a sentence's shape), and every other slot."""

from __future__ import annotations

import time

import pytest

from knowledge.application.understanding.parse import understand
from knowledge.application.understanding.query import Form, Unit
from knowledge.domain.communes.levels import Level
from tests.auxil.communes_db import registry_service


@pytest.fixture(scope="module")
def registry():
    return registry_service("sqlite").index


def communes(query):
    return [(p.text, len(p.commune_ids)) for p in query.communes]


@pytest.mark.parametrize("text", [
    "Xã loại 1 phải đạt những điều kiện gì?",
    "các thôn thuộc xã biên giới được hỗ trợ gì?",
    "xã kiểu mẫu phải có ít nhất mô hình gì?",
    "Năm 2024 Bắc Giang phấn đấu bao nhiêu thôn ở xã đặc biệt khó khăn đạt thôn NTM?",
    "Số xã Bắc Giang cần lên NTM nâng cao trong năm 2024 là mấy?",
    "Kế hoạch thực hiện chỉ tiêu xã văn hóa NTM và xã NTM nâng cao của Long An là kế hoạch số mấy?",
    "Hải Dương 2025 thêm bao nhiêu xã kiểu mẫu?",
    "Xã nào đạt NTM kiểu mẫu năm 2024?",
    "thị xã Phú Thọ đạt chuẩn NTM chưa",
    "Cao Xá có đạt NTM kiểu mẫu không",  # a bare name without its place: not enough evidence
    "xã biên giới Tây Ninh được ưu tiên gì",  # Biên Giới is a commune of Tây Ninh, but not written as a name
])
def test_sentence_shapes_link_no_commune(registry, text):
    assert understand(text, registry).communes == ()


@pytest.mark.parametrize("text, name, province", [
    ("Xã Cao Xá huyện Tân Yên đạt NTM kiểu mẫu chưa?", "Xã Cao Xá", "Bắc Giang"),
    ("Cao Xá, Bắc Giang đạt chuẩn NTM kiểu mẫu chưa?", "Cao Xá", "Bắc Giang"),
    ("Vĩnh Sơn ở Vĩnh Linh, Quảng Trị đạt NTM mức nào rồi?", "Vĩnh Sơn", "Quảng Trị"),
    ("xa than xa vo nhai thai nguyen gio la xa gi", "xa than xa", "Thái Nguyên"),
    ("Xã Thanh An huyện Điện Biên được công nhận NTM nâng cao năm nào?", "Xã Thanh An", "Điện Biên"),
    ("Thị trấn Năm Căn đạt NTM năm nào?", "Thị trấn Năm Căn", "Cà Mau"),
    ("Cho hỏi xã Cổ Loa có đạt NTM kiểu mẫu không?", "xã Cổ Loa", None),
    ("Xã Biên Giới, Tây Ninh đạt NTM chưa", "Xã Biên Giới", "Tây Ninh"),
    ("xa bien gioi huyen chau thanh tay ninh dat ntm chua", "xa bien gioi", "Tây Ninh"),
])
def test_units_linked_by_name_and_place(registry, text, name, province):
    query = understand(text, registry)
    mention = query.communes[0]
    assert mention.text == name and len(mention.commune_ids) == 1
    if province:
        assert mention.province == province


def test_shared_names_are_narrowed_by_the_other_places_named(registry):
    alone = understand("xã Yên Đồng đạt NTM nâng cao năm nào?", registry).communes[0]
    assert len(alone.commune_ids) > 1
    query = understand("Ninh Bình (Nam Định cũ): xã Yên Đồng huyện Ý Yên đạt NTM nâng cao năm nào?", registry)
    assert [(p.kind, p.text) for p in query.places] == [
        (Unit.PROVINCE, "Ninh Bình (Nam Định cũ)"), (Unit.COMMUNE, "xã Yên Đồng"), (Unit.DISTRICT, "huyện Ý Yên")]
    assert len(query.communes[0].commune_ids) == 1


def test_a_district_typed_with_its_unit_word_is_not_its_province(registry):
    query = understand("huyện Điện Biên có bao nhiêu xã đạt NTM?", registry)
    assert [(p.kind, p.province) for p in query.places] == [(Unit.DISTRICT, "Điện Biên")]
    assert query.unit is Unit.COMMUNE and query.form is Form.HOW_MANY


@pytest.mark.parametrize("text, province, current, names", [
    ("Hải Phòng (Hải Dương cũ) năm 2025 phấn đấu thêm bao nhiêu xã NTM nâng cao?", "Hải Dương",
     "Thành phố Hải Phòng", {"Hải Dương", "Thành phố Hải Phòng"}),
    ("Tây Ninh (phần Long An cũ) năm 2023 dự kiến bao nhiêu xã NTM nâng cao?", "Long An", "Tây Ninh",
     {"Long An", "Tây Ninh"}),
    ("tỉnh Đồng Tháp năm 2024 có bao nhiêu xã NTM?", "Đồng Tháp", "Đồng Tháp", {"Đồng Tháp", "Tiền Giang"}),
    ("Long An năm 2022 dự kiến bao nhiêu xã NTM nâng cao?", "Long An", "Tây Ninh", {"Long An", "Tây Ninh"}),
])
def test_old_and_new_provinces_in_one_slot(text, province, current, names):
    query = understand(text)
    (place,) = query.places
    assert (place.province, place.current_province) == (province, current)
    assert set(query.province_names) == names


def test_slots_of_a_figure_question():
    query = understand("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?")
    assert query.years == (2025,) and query.provinces == ("Hải Dương",)
    assert query.level == Level.NANG_CAO and query.unit is Unit.COMMUNE and query.form is Form.HOW_MANY
    assert query.wants_figure and query.focus == ()
    assert understand("Hộ nghèo ở Bắc Giang năm 2024 phải kéo xuống mức nào?").form is Form.HOW_MANY
    assert understand("Bắc Giang 2024 tỷ lệ hộ nghèo giảm còn bao nhiêu?").unit is Unit.HOUSEHOLD
    assert understand("các thôn thuộc xã biên giới được hỗ trợ gì?").unit is Unit.VILLAGE


@pytest.mark.parametrize("text, level", [
    ("xã NTM kiểu mẫu", Level.KIEU_MAU), ("đạt chuẩn nông thôn mới", Level.NTM), ("ntmnc", Level.NANG_CAO),
    ("xã văn hóa NTM và xã NTM nâng cao", Level.NANG_CAO), ("nâng cao chất lượng đời sống", None),
    ("Chương trình xây dựng nông thôn mới", None),
])
def test_levels(text, level):
    assert understand(text).level == (level.value if level else None)


def test_years_periods_and_document_numbers():
    query = understand("Long An ban hành kế hoạch 1416/KH-UBND tháng 5/2021 cho giai đoạn 2021-2025")
    assert query.years == (2021,) and query.period == (2021, 2025) and query.doc_numbers == ("1416/KH-UBND",)
    assert understand("Quyết định 51/2025/QĐ-TTg").doc_numbers == ("51/2025/QĐ-TTg",)
    assert understand("Quyết định 51/2025 ký ngày nào").doc_numbers == ("51/2025",)


@pytest.mark.parametrize("text, number, set_id, group, about", [
    ("Tiêu chí số 19 giai đoạn 2021-2025 là tiêu chí gì?", 19, "2021-2025", None, False),
    ("tieu chi so 10 bo tieu chi 2021-2025 la gi", 10, "2021-2025", None, False),
    ("Nhóm xã 1 trong bộ tiêu chí 2026-2030 là gì?", None, "2026-2030", 1, False),
    ("Bộ tiêu chí xã NTM 2026-2030 ban hành theo quyết định nào?", None, "2026-2030", None, True),
    ("Quyết định 318/QĐ-TTg về bộ tiêu chí xã NTM được ký ngày nào?", None, "2021-2025", None, True),
    ("Năm 2027 xét công nhận xã NTM thì áp dụng bộ tiêu chí nào?", None, "2026-2030", None, True),
    ("còn số 6?", 6, None, None, False),
    ("còn nhóm 3?", None, None, 3, False),
])
def test_criterion_references(text, number, set_id, group, about):
    ref = understand(text).criterion
    assert (ref.number, ref.set_id, ref.group, ref.about_set) == (number, set_id, group, about)


def test_criterion_name_and_no_criterion():
    assert understand("tiêu chí giao thông gồm những chỉ tiêu nào").criterion.name == "giao thông"
    assert understand("Bắc Giang năm 2024 thêm bao nhiêu xã NTM?").criterion is None


@pytest.mark.parametrize("text, form", [
    ("Xã Cao Xá đạt NTM năm nào?", Form.WHEN), ("Xã Cao Xá đã đạt NTM kiểu mẫu chưa?", Form.YES_NO),
    ("Tiêu chí số 4 là gì?", Form.WHAT_IS), ("Năm 2027 áp dụng bộ tiêu chí nào?", Form.WHICH),
    ("Bộ tiêu chí có mấy tiêu chí?", Form.HOW_MANY), ("tình hình xây dựng NTM", Form.OTHER),
])
def test_forms(text, form):
    assert understand(text).form is form


def test_focus_leaves_out_places_years_levels_and_function_words():
    assert understand("Bắc Giang 2024 thu nhập bình quân đạt bao nhiêu?").focus == ("thu", "nhap", "binh", "quan")
    assert understand("Xã loại 1 phải đạt những điều kiện gì?").focus == ("loai", "dieu", "kien")


def test_fast_once_the_matcher_is_built(registry):
    understand("xã Cao Xá đạt NTM chưa?", registry)
    started = time.perf_counter()
    for _ in range(20):
        understand("Ninh Bình (Nam Định cũ): xã Yên Đồng huyện Ý Yên đạt NTM nâng cao năm nào?", registry)
    assert (time.perf_counter() - started) / 20 < 0.05  # a few ms; generous for a busy machine


def test_documents_named():
    query = understand("Theo Quyết định 318 thì tiêu chí giao thông thế nào?")
    assert [(r.doc_type.name, r.number) for r in query.documents] == [("Quyết định", "318")]
    named = understand("luat hon nhan gia dinh dieu 8").documents
    assert [r.name for r in named] == [("hon", "nhan", "gia", "dinh")]
    assert understand("xã Cao Xá đạt NTM chưa?").documents == ()
