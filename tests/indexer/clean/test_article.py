"""Cleaning never eats a plain document: a notice of one sentence or two lines is a document."""

from __future__ import annotations

import io

import pytest

from indexer.clean import clean_text
from indexer.readers import read_bytes

NOTICE = ("Tỉnh … phấn đấu năm 2026 có thêm 37 xã đạt chuẩn nông thôn mới kiểu mẫu, nâng tổng số lên "
          "123/456 xã.")


def _docx(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["thong-bao.txt", "thong-bao.md"])
def test_a_one_sentence_document_is_kept_whole(name):
    [doc] = read_bytes(NOTICE.encode(), name)
    assert doc.text == NOTICE
    assert doc.title.startswith("Tỉnh … phấn đấu năm 2026")


def test_a_one_sentence_docx_is_kept_whole():
    [doc] = read_bytes(_docx(NOTICE), "thong-bao.docx")
    assert doc.text == NOTICE


def test_a_notice_of_two_lines_is_a_document():
    [doc] = read_bytes("Thông báo họp dân\nXã An Phú họp dân lúc 8 giờ ngày 5/3 tại nhà văn hóa.".encode(),
                       "hop.txt")
    assert "Xã An Phú họp dân lúc 8 giờ ngày 5/3 tại nhà văn hóa." in doc.text


def test_the_title_that_is_the_only_text_stays_but_is_removed_when_there_is_more():
    assert clean_text(NOTICE, title=NOTICE.rstrip(".")) == NOTICE
    article = f"{NOTICE}\n\nCác huyện rà soát từng tiêu chí, ưu tiên môi trường và cảnh quan nông thôn."
    assert clean_text(article, title=NOTICE.rstrip(".")) == (
        "Các huyện rà soát từng tiêu chí, ưu tiên môi trường và cảnh quan nông thôn.")


def test_chapter_and_appendix_headings_are_not_page_chrome():
    """They were dropped as all-caps widget lines: the articles lost the chapter they belong to."""
    law = ("QUỐC HỘI\n\nCHƯƠNG I\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\n"
           "Luật này quy định chế độ hôn nhân và gia đình; chuẩn mực pháp lý cho cách ứng xử.\n\n"
           "CHƯƠNG II\n\nKẾT HÔN\n\nĐiều 8. Điều kiện kết hôn\n\n"
           "Nam, nữ kết hôn với nhau phải tuân theo các điều kiện sau đây về tuổi và ý chí.\n\n"
           "PHỤ LỤC\n\nDANH MỤC TIÊU CHÍ\n\nTT: 1 | Tên tiêu chí: Quy hoạch | Chỉ tiêu: Đạt")
    kept = clean_text(law).split("\n\n")
    for line in ("CHƯƠNG I", "NHỮNG QUY ĐỊNH CHUNG", "CHƯƠNG II", "KẾT HÔN", "PHỤ LỤC", "DANH MỤC TIÊU CHÍ"):
        assert line in kept
    assert kept.index("CHƯƠNG II") == kept.index("KẾT HÔN") - 1 == kept.index("Điều 8. Điều kiện kết hôn") - 2


def test_menu_words_in_capitals_still_go():
    page = ("TRANG CHỦ\n\nTIN TỨC\n\nXã An Phú được công nhận đạt chuẩn nông thôn mới nâng cao năm 2024, "
            "với 19/19 tiêu chí.")
    assert clean_text(page) == "Xã An Phú được công nhận đạt chuẩn nông thôn mới nâng cao năm 2024, với 19/19 tiêu chí."
