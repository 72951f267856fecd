"""Legal metadata read from real-looking headers: number, type, issuer, signing and in-force dates."""

from __future__ import annotations

import io

import pytest

from indexer.build import content_hash
from indexer.clean import normalized
from indexer.metadata import LegalMetadata, legal_metadata
from indexer.readers import read_bytes, read_path
from knowledge.settings import BUNDLED_CORPUS
from tests.auxil.paths import DOCUMENTS

QD_TTG = """THỦ TƯỚNG CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 318/QĐ-TTg
Hà Nội, ngày 08 tháng 3 năm 2022

QUYẾT ĐỊNH
BAN HÀNH BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI VÀ BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI NÂNG CAO \
GIAI ĐOẠN 2021 - 2025

THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức \
Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.
"""
KH_UBND = """ỦY BAN NHÂN DÂN
TỈNH LONG AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1416 /KH-UBND
Long An, ngày 11 tháng 5 năm 2021
KẾ HOẠCH
Thực hiện Chương trình xây dựng xã văn hóa nông thôn mới giai đoạn 2021 - 2025
I. MỤC ĐÍCH, YÊU CẦU
Phấn đấu đến năm 2025 có 70% số xã đạt chuẩn xã văn hóa nông thôn mới, theo Quyết định số 318/QĐ-TTg \
(Quyết định số 318/QĐ-TTg có hiệu lực từ ngày 08 tháng 3 năm 2022).
"""
TT_BO = """BỘ NÔNG NGHIỆP VÀ
PHÁT TRIỂN NÔNG THÔN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2024/TT-BNNPTNT
Hà Nội, ngày 20 tháng 8 năm 2024
THÔNG TƯ
Hướng dẫn một số nội dung thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới
Thông tư này có hiệu lực thi hành kể từ ngày 05 tháng 10 năm 2024.
"""
LUAT_QH = """QUỐC HỘI
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Luật số: 52/2014/QH13
LUẬT
HÔN NHÂN VÀ GIA ĐÌNH
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật hôn nhân và gia đình.
Điều 8. Điều kiện kết hôn
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2015.
Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, kỳ họp thứ 7 thông qua ngày \
19 tháng 6 năm 2014.
"""
CONG_VAN = """UBND TỈNH BẮC GIANG
SỞ NÔNG NGHIỆP VÀ PTNT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2345/SNN-VPĐP
V/v hướng dẫn đánh giá tiêu chí nông thôn mới năm 2024
Bắc Giang, ngày 5 tháng 4 năm 2024
Kính gửi: UBND các huyện, thành phố.
"""
# A DOCX header table as the reader writes it: one line per row, cells joined by " | ".
QD_TABLE = """THỦ TƯỚNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------
Số: 51/2025/QĐ-TTg | Hà Nội, ngày 31 tháng 12 năm 2025
QUYẾT ĐỊNH
Ban hành Bộ tiêu chí quốc gia về xã nông thôn mới các cấp giai đoạn 2026 - 2030
Quyết định này có hiệu lực từ ngày 15 tháng 02 năm 2026 và thay thế các quyết định trước đây về bộ tiêu chí.
"""


@pytest.mark.parametrize(("text", "expected"), [
    (QD_TTG, LegalMetadata("318/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "2022-03-08", "2022-03-08")),
    (KH_UBND, LegalMetadata("1416/KH-UBND", "Kế hoạch", "UBND tỉnh Long An", "2021-05-11", None)),
    (TT_BO, LegalMetadata("12/2024/TT-BNNPTNT", "Thông tư", "Bộ Nông nghiệp và Phát triển nông thôn",
                          "2024-08-20", "2024-10-05")),
    (LUAT_QH, LegalMetadata("52/2014/QH13", "Luật", "Quốc hội", "2014-06-19", "2015-01-01")),
    (CONG_VAN, LegalMetadata("2345/SNN-VPĐP", "Công văn", "Sở nông nghiệp và PTNT", "2024-04-05", None)),
    (QD_TABLE, LegalMetadata("51/2025/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "2025-12-31", "2026-02-15")),
], ids=["qd-ttg", "kh-ubnd", "tt-bo", "luat-qh", "cong-van", "docx-table"])
def test_headers(text, expected):
    assert legal_metadata(normalized(text)) == expected


def test_a_title_that_opens_with_type_and_number():
    found = legal_metadata("Nội dung", "Quyết định 318/QĐ-TTg về bộ tiêu chí xã nông thôn mới")
    assert found == LegalMetadata("318/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ")
    assert legal_metadata("Nội dung", "Luật Hôn nhân và gia đình") == LegalMetadata(doc_type="Luật")
    assert legal_metadata("Nội dung", "Kế hoạch phát triển du lịch").empty  # a subject, not a citation
    assert legal_metadata("Nội dung", "Triển khai Quyết định 318/QĐ-TTg ở Bắc Giang").empty  # news about it


def test_news_articles_get_none():
    """The bundled corpus is news: the decrees its articles mention are not what they are."""
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        [doc] = read_path(path)
        assert not any(doc.legal), (path.name, doc.legal)


def test_the_fixture_documents():
    [plan] = read_path(DOCUMENTS / "ke-hoach-nam-dinh.txt")
    assert plan.legal == ("85/KH-UBND", "Kế hoạch", "UBND tỉnh Nam Định", "2024-06-20", None)
    [pdf] = read_path(DOCUMENTS / "ke-hoach-bac-ninh.pdf")  # a plan's text without its header
    assert not any(pdf.legal)


def _header_docx() -> bytes:
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "THỦ TƯỚNG CHÍNH PHỦ\n-------"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"
    table.cell(1, 0).text = "Số: 318/QĐ-TTg"
    table.cell(1, 1).text = "Hà Nội, ngày 8 tháng 3 năm 2022"
    document.add_paragraph("QUYẾT ĐỊNH")
    document.add_paragraph("Ban hành Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025")
    document.add_paragraph("Điều 1. Ban hành kèm theo Quyết định này Bộ tiêu chí quốc gia về xã nông thôn mới "
                           "giai đoạn 2021 - 2025 gồm 19 tiêu chí.")
    document.add_paragraph("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_upload_carries_its_metadata_into_the_document_and_its_hash():
    [doc] = read_bytes(_header_docx(), "qd-318.docx")
    assert (doc.number, doc.doc_type, doc.issuer, doc.signed, doc.effective) == (
        "318/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "2022-03-08", "2022-03-08")
    before = content_hash(doc)
    doc.effective = "2022-04-01"
    assert content_hash(doc) != before  # a corrected date is a changed document


def test_documents_without_legal_metadata_keep_their_old_hash():
    [doc] = read_path(BUNDLED_CORPUS / "hai-duong-ntm-2025.txt")
    import hashlib
    import json

    old = json.dumps([doc.doc_id, doc.title, doc.text, doc.source, doc.date, doc.url, doc.provinces, doc.kind],
                     ensure_ascii=False)
    assert content_hash(doc) == hashlib.sha256(old.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(("stem", "number", "doc_type"), [
    ("318-QD-TTg", "318/QĐ-TTg", "Quyết định"),
    ("qd_318_QĐ-TTg", "318/QĐ-TTg", "Quyết định"),
    ("Nghi-dinh-98-2023-ND-CP", "98/2023/NĐ-CP", "Nghị định"),
    ("1416-KH-UBND", "1416/KH-UBND", "Kế hoạch"),
])
def test_a_file_name_that_is_a_number(stem, number, doc_type):
    found = legal_metadata("Nội dung văn bản không có phần đầu.", None, stem)
    assert (found.number, found.doc_type) == (number, doc_type)


@pytest.mark.parametrize("stem", ["hai-duong-ntm-2025", "tphcm-thi-dua-xay-dung-ntm-2021-2025",
                                  "nghi-dinh-318-QD-TTg", "bao-cao-2024-tinh", "ke-hoach-nam-dinh"])
def test_file_names_that_are_not(stem):
    assert legal_metadata("Nội dung văn bản.", None, stem).empty


def test_an_uploaded_file_named_by_its_number():
    [doc] = read_bytes("Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 gồm 19 tiêu chí.\n\n"
                       "Quyết định này có hiệu lực thi hành kể từ ngày 08 tháng 3 năm 2022.".encode(),
                       "318-QD-TTg.txt")
    assert doc.legal == ("318/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", None, "2022-03-08")


def test_the_country_named_in_a_pdf_line_of_a_law_is_no_header():
    """A text PDF of a law breaks lines anywhere: "... nước Cộng hòa xã hội chủ nghĩa Việt Nam; việc ..."
    alone on a line was read as the national motto, and the law lost its type and signing date."""
    raw = ("Luật Cư trú\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về việc thực hiện quyền tự do cư trú của "
           "công dân Việt \nNam trên lãnh thổ nước Cộng hòa xã hội chủ nghĩa Việt Nam; việc đăng ký, \nquản lý cư "
           "trú.\nĐiều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2021.\nLuật này "
           "được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 10 thông qua ngày 13 tháng "
           "11 năm 2020.")
    assert legal_metadata(raw, "Luật Cư trú") == LegalMetadata(None, "Luật", None, "2020-11-13", "2021-07-01")
