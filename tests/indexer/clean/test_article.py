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
