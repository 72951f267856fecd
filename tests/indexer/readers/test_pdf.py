"""Text PDFs: ruled tables as header-carrying rows in their place, headings kept at line start."""

from __future__ import annotations

import io

import pytest

from indexer.readers import read_bytes
from tests.auxil.office import AFTER, BEFORE, CAPTION, CRITERIA_ROWS, converted, criteria_docx

pytestmark = pytest.mark.slow  # LibreOffice makes the fixtures


def test_a_ruled_pdf_table_reads_like_the_docx_it_was_printed_from():
    [doc] = read_bytes(converted(criteria_docx(), "pdf"), "qd.pdf")
    assert doc.text.split("\n\n") == [BEFORE, CAPTION, *CRITERIA_ROWS, AFTER]


def test_headings_of_a_law_stay_at_line_start():
    import docx

    document = docx.Document()
    for text in ("Luật về xây dựng nông thôn mới", "Chương I", "QUY ĐỊNH CHUNG",
                 "Điều 1. Luật này quy định tiêu chí xã nông thôn mới và trách nhiệm của chính quyền các cấp.",
                 "Chương II", "QUY ĐỊNH CỤ THỂ", "Điều 5. Tiêu chí về thu nhập",
                 "1. Thu nhập bình quân đầu người của xã đạt chuẩn phải từ 52 triệu đồng trở lên.",
                 "Điều 6. Tiêu chí về hộ nghèo", "Tỷ lệ hộ nghèo đa chiều dưới 1%."):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    [doc] = read_bytes(converted(out.getvalue(), "pdf"), "luat.pdf")
    starts = [line.strip() for line in doc.text.splitlines()]
    assert "Chương II" in starts
    assert any(line.startswith("Điều 5. Tiêu chí về thu nhập") for line in starts)
    assert any(line.startswith("Điều 6.") for line in starts)
