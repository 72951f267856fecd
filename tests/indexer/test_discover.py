"""Which files under a folder the indexer reads."""

from __future__ import annotations

from indexer.discover import discover_files


def test_word_files_old_and_new_and_pdfs_are_found_hidden_ones_are_not(tmp_path):
    for name in ("a.doc", "b.docx", "c.pdf", "d.xlsx", ".originals/e.doc", "anh.png"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x")
    assert [p.name for p in discover_files([tmp_path])] == ["a.doc", "b.docx", "c.pdf"]
