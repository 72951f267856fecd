"""Minimal `Query` objects for the answerer tests: the text, its folded form and the slots a test names.

The answerers read a Query; these tests do not depend on the question parser
(knowledge.application.understanding), so they build only what they need.
"""

from __future__ import annotations

from knowledge.application.understanding.query import Query
from knowledge.text.normalize import fold, normalize


def query_of(text: str, **slots) -> Query:
    """A Query for `text` (NFC, single spaces) with the given slots (`criterion=`, `places=`, ...)."""
    text = " ".join(normalize(text).split())
    return Query(text, fold(text), **slots)
