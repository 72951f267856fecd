"""Every reader holds a file to `settings.limits`: refused with the limit named, never read past it."""

from __future__ import annotations

import json

import pytest

from indexer.readers import DocumentError, read_bytes, read_path
from knowledge.settings import LimitsSettings
from tests.auxil.hostile import MB, PARAGRAPH, docx_of_paragraphs, pdf_with_pages, unpacked_size, write, zip_bomb_docx

SENTENCE = "Xã An Phú đạt chuẩn nông thôn mới nâng cao năm 2024 với thu nhập 82 triệu đồng một người.\n\n"


def test_a_docx_zip_bomb_is_refused_from_its_directory(tmp_path):
    bomb = zip_bomb_docx(300 * MB)
    assert len(bomb) < MB and unpacked_size(bomb) >= 300 * MB
    with pytest.raises(DocumentError, match=r"giải nén ra 300(,0)? MB, vượt giới hạn 100 MB \(NTM_MAX_UNPACKED_MB\)"):
        read_path(write(tmp_path, "bom.docx", bomb))


def test_a_docx_that_squeezes_too_well_is_refused_even_under_the_size_limit():
    bomb = zip_bomb_docx(20 * MB)
    with pytest.raises(DocumentError, match="NTM_MAX_COMPRESSION_RATIO"):
        read_bytes(bomb, "bom.docx")


def test_docx_text_just_under_and_just_over_the_character_limit():
    data = docx_of_paragraphs(50)
    [doc] = read_bytes(data, "kh.docx", limits=LimitsSettings(max_document_chars=50 * len(PARAGRAPH) + 49 * 2))
    assert doc.text.count("xã An Phú") == 50
    with pytest.raises(DocumentError, match="NTM_MAX_DOCUMENT_CHARS"):
        read_bytes(data, "kh.docx", limits=LimitsSettings(max_document_chars=50 * len(PARAGRAPH) + 49 * 2 - 1))


def test_text_file_of_exactly_the_limit_is_read_and_one_more_character_is_not():
    text = SENTENCE * 10
    limits = LimitsSettings(max_document_chars=len(text))
    assert read_bytes(text.encode(), "a.txt", limits=limits)
    with pytest.raises(DocumentError, match=r"quá giới hạn .* ký tự \(NTM_MAX_DOCUMENT_CHARS\)"):
        read_bytes((text + "x").encode(), "a.txt", limits=limits)


@pytest.mark.parametrize("name", ["a.md", "a.html"])
def test_markdown_and_html_are_held_to_the_same_limit(name):
    body = SENTENCE * 40
    data = f"<html><body><p>{body}</p></body></html>" if name.endswith(".html") else body
    with pytest.raises(DocumentError, match="NTM_MAX_DOCUMENT_CHARS"):
        read_bytes(data.encode(), name, limits=LimitsSettings(max_document_chars=1000))


def test_a_jsonl_record_over_the_limit_names_its_line():
    rows = [{"id": "ngan", "title": "Tin ngắn", "text": SENTENCE},
            {"id": "dai", "title": "Tin dài", "text": SENTENCE * 40}]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    with pytest.raises(DocumentError, match="Dòng 2 của tệp JSONL: .*NTM_MAX_DOCUMENT_CHARS") as refused:
        read_bytes(data, "tin.jsonl", limits=LimitsSettings(max_document_chars=1000))
    assert refused.value.line == 2


def test_pdf_pages_just_under_and_just_over_the_page_limit():
    data = pdf_with_pages(3)
    assert read_bytes(data, "kh.pdf", limits=LimitsSettings(max_pdf_pages=3))
    with pytest.raises(DocumentError, match=r"có 3 trang, vượt giới hạn 2 trang \(NTM_MAX_PDF_PAGES\)"):
        read_bytes(data, "kh.pdf", limits=LimitsSettings(max_pdf_pages=2))


def test_a_pdf_of_thousands_of_pages_is_refused_before_a_page_is_read():
    with pytest.raises(DocumentError, match=r"có 2\.000 trang, vượt giới hạn 500 trang"):
        read_bytes(pdf_with_pages(2000, blank=True), "hostile.pdf")


def test_pdf_text_is_counted_page_by_page():
    with pytest.raises(DocumentError, match="NTM_MAX_DOCUMENT_CHARS"):
        read_bytes(pdf_with_pages(3), "kh.pdf", limits=LimitsSettings(max_document_chars=200))
