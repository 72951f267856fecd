"""DOCX: tables in document order with paragraphs, each row carrying its headers, the caption before it."""

from __future__ import annotations

from indexer.readers import read_bytes
from tests.auxil.office import AFTER, BEFORE, CAPTION, CRITERIA_ROWS, criteria_docx


def test_a_criteria_table_becomes_rows_between_its_caption_and_the_next_article():
    [doc] = read_bytes(criteria_docx(), "qd.docx")
    assert doc.text.split("\n\n") == [BEFORE, CAPTION, *CRITERIA_ROWS, AFTER]


def test_an_unruled_table_reads_the_same():
    [doc] = read_bytes(criteria_docx(ruled=False), "qd.docx")
    assert doc.text.split("\n\n") == [BEFORE, CAPTION, *CRITERIA_ROWS, AFTER]
