"""Where the tests find the repository, their data files and the bundled corpus.

Computed once here from this file's place, so a test module can move between
folders without its paths changing.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
DOCUMENTS = FIXTURES / "documents"
COMMUNE_FILES = FIXTURES / "communes"
CORPUS = REPO / "knowledge" / "corpus"
EVAL = REPO / "knowledge" / "eval"


def corpus_text(doc_id: str) -> str:
    """The text of one bundled article, by its file name without `.txt`."""
    return (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
