"""indexer.metadata and knowledge.places: what each article is, when, by whom, about where."""

from __future__ import annotations

import pytest

from indexer.metadata import (
    Metadata,
    derive_title,
    document_date,
    extract_metadata,
    find_date,
    find_headline,
    find_source,
    rank_provinces,
    site_name,
    tidy_title,
)
from knowledge.places import count_mentions, lookup, old_provinces
from tests.auxil.paths import CORPUS, DOCUMENTS


def _meta(stem: str) -> Metadata:
    return extract_metadata((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))


# Per bundled corpus file -----------------------------------------------------------


def test_bac_giang_metadata():
    meta = _meta("bac-giang-ntm-2024")
    assert meta.title == "Bắc Giang triển khai Chương trình mục tiêu Quốc gia xây dựng nông thôn mới năm 2024"
    assert meta.date == "2024-01-12"  # "Thứ sáu, 12/01/2024 13:08"
    assert meta.source == "Bacgiang.gov.vn"  # "Nguồn: Bacgiang.gov.vn"
    assert meta.url is None
    assert meta.provinces == ["Bắc Giang"]


def test_hai_duong_metadata():
    meta = _meta("hai-duong-ntm-2025")
    # no headline in the file: rebuilt from the URL slug with the body's diacritics
    assert meta.title == "Hải Dương thực hiện mục tiêu quốc gia xây dựng NTM năm 2025"
    assert meta.headline is None
    assert meta.date is None  # nothing in dateline position; "năm 2025" is not a date
    assert meta.source == "Kinh tế & Đô thị (kinhtedothi.vn)"
    assert meta.url == "https://kinhtedothi.vn/hai-duong-thuc-hien-muc-tieu-quoc-gia-xay-dung-ntm-nam-2025.html"
    assert meta.provinces == ["Hải Dương"]


def test_long_an_metadata():
    meta = _meta("long-an-xa-van-hoa-ntm-nang-cao")
    # the page lost the opening quotes; they are restored from the quoted phrases in the body
    assert meta.title == (
        "Giải pháp thực hiện chỉ tiêu Nghị quyết tỉnh Đảng bộ lần thứ XI về “xã đạt tiêu chí văn hóa, "
        "nông thôn mới” và “xã nông thôn mới nâng cao”"
    )
    assert meta.date == "2021-05-11"  # "Thứ 3, Ngày 11/05/2021, 11:00", not the body's 22/10/2020
    assert meta.source == "Trang thông tin điện tử Nông thôn mới tỉnh Long An"  # the footer
    assert meta.url is None
    # "Đồng Tháp Mười" is a region, "phong cách Hồ Chí Minh" the person
    assert meta.provinces == ["Long An"]


def test_tphcm_thi_dua_metadata():
    meta = _meta("tphcm-thi-dua-xay-dung-ntm-2021-2025")
    assert meta.title == "Phấn đấu có ít nhất 50% số xã đạt chuẩn nông thôn mới kiểu mẫu"
    assert meta.date is None  # "giai đoạn 2021-2025" is not a date
    assert meta.source == "Thanhuytphcm.vn"  # "(Thanhuytphcm.vn) – UBND TPHCM ..."
    assert meta.provinces == ["Thành phố Hồ Chí Minh"]


def test_tphcm_xa_kieu_mau_metadata():
    meta = _meta("tphcm-xa-ntm-kieu-mau-2025")
    assert meta.title == "TPHCM phấn đấu cuối năm 2025, có ít nhất 50% số xã đạt chuẩn nông thôn mới kiểu mẫu"
    assert meta.date == "2024-07-21"  # "Chủ Nhật, ngày 21 tháng 7 năm 2024"
    assert meta.source == "Thanhuytphcm.vn"
    assert meta.provinces == ["Thành phố Hồ Chí Minh"]


# Dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tiêu đề bài viết về nông thôn mới\n\nThứ sáu, 12/01/2024 13:08\n\nNội dung.", "2024-01-12"),
        ("Chủ Nhật, ngày 21 tháng 7 năm 2024\n\nTiêu đề bài viết", "2024-07-21"),
        ("Thứ 3, Ngày 11/05/2021, 11:00\nTiêu đề bài viết về xã", "2021-05-11"),
        ("Tiêu đề bài viết về xã nông thôn mới\n11/05/2021 | Nguyễn Thị Anh Nhung\n\nNội dung.", "2021-05-11"),
        ("Tiêu đề bài viết\n20/12/2024 08:30 (GMT+7)", "2024-12-20"),
        ("UBND TỈNH LONG AN\nSố: 1416/KH-UBND\nLong An, ngày 11 tháng 5 năm 2021\nKẾ HOẠCH", "2021-05-11"),
        ("Bài viết dài.\n\n" + "Nội dung bài viết rất dài. " * 20 + "\n\nNgày đăng: 03/02/2024", "2024-02-03"),
    ],
)
def test_dateline_forms(raw, expected):
    assert find_date(raw) == expected


def test_dates_inside_sentences_are_not_publication_dates():
    raw = ("Giải pháp thực hiện chỉ tiêu xã nông thôn mới\n\n"
           "Để thực hiện các chỉ tiêu, ngày 11/5/2021, UBND tỉnh đã ban hành Kế hoạch số 1416/KH-UBND.\n\n"
           "Tiếp tục triển khai công văn số 6425/UBND-VHXH ngày 22/10/2020 của UBND tỉnh.")
    assert find_date(raw) is None
    assert extract_metadata(raw).date is None


def test_impossible_or_implausible_dates_give_none():
    assert document_date("31/02/2024") is None
    assert document_date("12/13/2024") is None
    assert document_date("01/01/1800") is None
    assert find_date("Thứ hai, 31/02/2024 10:00\n\nNội dung") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-12T13:08:00+07:00", "2024-01-12"),
        ("12/01/2024", "2024-01-12"),
        ("1-2-2023", "2023-02-01"),
        ("05.03.2022", "2022-03-05"),
        ("ngày 21 tháng 7 năm 2024", "2024-07-21"),
        ("12 Tháng Một, 2024", "2024-01-12"),
        ("Tháng Bảy 21, 2024", "2024-07-21"),
        ("không có ngày", None),
    ],
)
def test_document_date(text, expected):
    assert document_date(text) == expected


# Titles ----------------------------------------------------------------------------


def test_headline_skips_menus_and_datelines_and_refuses_a_body_paragraph():
    raw = "Skip to main content\nTin tức\nThứ hai, 05/02/2024 09:00\nXã An Phú về đích nông thôn mới nâng cao\n"
    assert find_headline(raw) == "Xã An Phú về đích nông thôn mới nâng cao"
    body_first = "Năm 2025 " + "tỉnh tiếp tục phấn đấu nâng cao chất lượng các tiêu chí " * 5
    assert find_headline(body_first) is None


def test_tidy_title():
    assert tidy_title("Phấn đấu có ít nhất 50% số xã đạt chuẩn.") == "Phấn đấu có ít nhất 50% số xã đạt chuẩn"
    assert tidy_title("“Tam nông” trong thời kỳ mới") == "“Tam nông” trong thời kỳ mới"
    assert tidy_title("Về xã nông thôn mới” năm 2024") == "Về xã nông thôn mới năm 2024"


def test_derived_title_from_slug_and_from_lead():
    body = "Năm 2025, tỉnh Hải Dương thực hiện mục tiêu quốc gia xây dựng nông thôn mới với 29 xã nâng cao."
    url = "https://example.vn/hai-duong-thuc-hien-muc-tieu-quoc-gia-xay-dung-nong-thon-moi-post123456.html"
    assert derive_title(body, url) == "Hải Dương thực hiện mục tiêu quốc gia xây dựng nông thôn mới"
    # a slug word missing from the body: fall back to the lead
    assert derive_title(body, "https://example.vn/bai-viet-khac-hoan-toan-khong-lien-quan.html") == (
        "Năm 2025, tỉnh Hải Dương thực hiện mục tiêu quốc gia xây dựng nông thôn mới với 29 xã nâng cao"
    )
    lead = "Thông tin từ Sở Nông nghiệp, năm 2025 tỉnh phấn đấu có thêm 29 xã đạt chuẩn, nâng tổng số lên 94 xã."
    assert derive_title(lead) == "Năm 2025 tỉnh phấn đấu có thêm 29 xã đạt chuẩn"


# Sources ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nội dung bài viết dài về nông thôn mới.\nNguồn: Bacgiang.gov.vn", ("Bacgiang.gov.vn", None)),
        ("Nội dung bài viết dài về nông thôn mới.\nNguồn: https://kinhtedothi.vn/a-b-c.html",
         ("Kinh tế & Đô thị (kinhtedothi.vn)", "https://kinhtedothi.vn/a-b-c.html")),
        ("Nội dung.\nNguồn: Báo Bắc Giang (https://baobacgiang.vn/bai-1.html)",
         ("Báo Bắc Giang", "https://baobacgiang.vn/bai-1.html")),
        ("Nội dung.\nNguồn: https://www.example.vn/tin/1", ("Example.vn", "https://www.example.vn/tin/1")),
        ("(Thanhuytphcm.vn) – UBND TPHCM vừa ban hành kế hoạch.", ("Thanhuytphcm.vn", None)),
        ("TTO - Sáng nay, UBND TP tổ chức hội nghị tổng kết.", ("TTO", None)),
        ("Xã đạt chuẩn nông thôn mới nâng cao trong năm nay.\n\n(Theo TTXVN)", ("TTXVN", None)),
        ("Nội dung bài viết.\nCơ quan chủ quản: Sở NN\nCổng thông tin điện tử tỉnh Nam Định\nĐịa chỉ: 1 Lê Lợi",
         ("Cổng thông tin điện tử tỉnh Nam Định", None)),
        ("Nội dung bài viết về xã nông thôn mới.\n© 2024 Báo Nam Định. Ghi rõ nguồn khi phát hành lại.",
         ("Báo Nam Định", None)),
        ("Nội dung bài viết về xã nông thôn mới.\nBản quyền thuộc về Báo Nam Định", ("Báo Nam Định", None)),
        # a figure's source inside the body is not the article's publisher
        ("Tỷ lệ hộ nghèo giảm còn 1,8% trong năm 2024.\nNguồn: Tổng cục Thống kê\n"
         "Các xã tiếp tục duy trì và nâng cao chất lượng các tiêu chí đã đạt.", (None, None)),
        ("Nội dung bài viết không nêu nguồn.", (None, None)),
    ],
)
def test_source_forms(raw, expected):
    assert find_source(raw) == expected


def test_explicit_attribution_beats_site_hint_and_hint_beats_footer():
    assert find_source("Bài.\nNguồn: Baochinhphu.vn", site_hint="Báo Hà Tĩnh")[0] == (
        "Báo Điện tử Chính phủ (baochinhphu.vn)"
    )
    assert find_source("Bài viết.\nTrang thông tin điện tử tỉnh X", site_hint="Báo Hà Tĩnh")[0] == "Báo Hà Tĩnh"


def test_site_name():
    assert site_name("https://kinhtedothi.vn/x.html") == "Kinh tế & Đô thị (kinhtedothi.vn)"
    assert site_name("www.nongthonmoi.gov.vn") == "Văn phòng Điều phối nông thôn mới Trung ương (nongthonmoi.gov.vn)"
    assert site_name("Bacgiang.gov.vn") == "Bacgiang.gov.vn"


# Provinces -------------------------------------------------------------------------


def test_province_list_covers_old_and_new_units():
    names = [p.name for p in old_provinces()]
    assert len(names) == 63
    for name in ["Hải Dương", "Long An", "Bắc Giang", "Thành phố Hồ Chí Minh", "Thành phố Huế", "Đắk Lắk"]:
        assert name in names


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("TPHCM", "Thành phố Hồ Chí Minh"), ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"), ("Sài Gòn", "Thành phố Hồ Chí Minh"),
        ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"), ("tỉnh Hải Dương", "Hải Dương"), ("hai duong", "Hải Dương"),
        ("Tỉnh Long An", "Long An"), ("Thừa Thiên Huế", "Thành phố Huế"), ("Hà Nội", "Thành phố Hà Nội"),
        ("Đăk Lăk", "Đắk Lắk"), ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("Khánh Hoà", "Khánh Hòa"),
        ("Atlantis", None),
    ],
)
def test_canonical_province(written, canonical):
    found = lookup(written)
    assert (found.name if found else None) == canonical


def test_province_after_the_2025_merger():
    assert lookup("Hải Dương").since_2025.name == "Thành phố Hải Phòng"
    assert lookup("Long An").since_2025.name == "Tây Ninh"
    assert lookup("Bắc Giang").since_2025.name == "Bắc Ninh"
    assert lookup("TPHCM").since_2025.name == "Thành phố Hồ Chí Minh"
    assert lookup("Atlantis") is None


def test_mentions_respect_word_boundaries_and_false_friends():
    counts = count_mentions(
        "UBND TPHCM, TP.HCM và TP. Hồ Chí Minh; Thanhuytphcm.vn; phong cách Hồ Chí Minh; các huyện Đồng Tháp "
        "Mười; Thái Bình Dương; hòa bình; HẢI DƯƠNG"
    )
    assert counts == {"Thành phố Hồ Chí Minh": 3, "Hải Dương": 1}


def test_provinces_ranked_by_relevance():
    body = ("Tỉnh Nghệ An có thêm 20 xã đạt chuẩn. Nghệ An học tập kinh nghiệm của Hà Tĩnh. "
            "Nghệ An đặt mục tiêu năm 2025.")
    assert rank_provinces(body, title="Nghệ An về đích nông thôn mới") == ["Nghệ An"]
    assert rank_provinces("Hà Tĩnh và Quảng Bình cùng đạt chuẩn.", title=None) == ["Hà Tĩnh", "Quảng Bình"]
    assert rank_provinces("Quảng Bình đạt chuẩn; Quảng Bình, Hà Tĩnh.", title="Hà Tĩnh") == [
        "Hà Tĩnh", "Quảng Bình"]
    assert rank_provinces("Không nêu địa phương nào.") == []


def test_hints_win_over_guesses():
    raw = "Tiêu đề trong văn bản về nông thôn mới\n\nThứ hai, 05/02/2024 09:00\n\nHà Tĩnh có 20 xã đạt chuẩn."
    meta = extract_metadata(raw, hints=Metadata(title="Tiêu đề từ thẻ meta", date="2024-03-01",
                                                 url="https://a.vn/b", provinces=["Nghệ An"]))
    assert (meta.title, meta.date, meta.url, meta.provinces) == (
        "Tiêu đề từ thẻ meta", "2024-03-01", "https://a.vn/b", ["Nghệ An"])


def test_state_document_title_date_and_issuer_province():
    meta = extract_metadata((DOCUMENTS / "ke-hoach-nam-dinh.txt").read_text(encoding="utf-8"))
    assert meta.title == "Kế hoạch 85/KH-UBND: Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024"
    assert meta.headline == "Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024"
    assert meta.date == "2024-06-20"
    assert meta.provinces == ["Nam Định"]  # only the header names it
