"""A question's folded words, as the structured answerers match their keywords on them.

Why its own step: keywords ("tieu chi", "bao nhieu xa", "nhom xa") are
written folded and single-spaced, so punctuation goes, and a letter typed
twice on a phone ("nàoo", "nhieeu", "xaa") is read once: no folded
Vietnamese word has a doubled letter. Fuller spelling correction against
the index vocabulary happens before a `Query` is built; this only keeps the
keyword patterns from breaking on what is left.
"""

from __future__ import annotations

import re

from knowledge.application.understanding.query import Query
from knowledge.text.normalize import fold
from knowledge.text.tokens import folded_words

_DOUBLED = re.compile(r"([a-z])\1+")


def plain_words(text: str) -> str:
    """'Nhóm xã 1 gồm những xã nàoo?' -> 'nhom xa 1 gom nhung xa nao'."""
    return _DOUBLED.sub(r"\1", " ".join(folded_words(text)))


def query_words(query: Query) -> str:
    """`plain_words` of the question (its folded form when the Query has one)."""
    return plain_words(query.folded or fold(query.text))
