"""A question's folded words, as the structured answerers match their keywords on them.

Why its own step: keywords ("tieu chi", "bao nhieu xa", "nhom xa") are
written folded and single-spaced, so punctuation goes, Telex leftovers are
decoded ("nhieeu", "chis": `knowledge.text.telex`), and a letter still typed
twice ("nàoo") is read once: no folded Vietnamese word has a doubled letter.
Fuller spelling correction against the index vocabulary is the question
parser's; this only keeps the keyword patterns from breaking.
"""

from __future__ import annotations

import re

from knowledge.application.understanding.query import Query
from knowledge.text.normalize import fold
from knowledge.text.telex import decode
from knowledge.text.tokens import folded_words

_DOUBLED = re.compile(r"([a-z])\1+")


def _word(word: str) -> str:
    decoded = decode(word)
    return _DOUBLED.sub(r"\1", fold(decoded) if decoded else word)


def plain_words(text: str) -> str:
    """'Nhóm xã 1 gồm những xã nàoo?' -> 'nhom xa 1 gom nhung xa nao'; 'bao nhieeu tieu chis' -> '... tieu chi'."""
    return " ".join(_word(w) for w in folded_words(text))


def query_words(query: Query) -> str:
    """`plain_words` of the question (its folded form when the Query has one)."""
    return plain_words(query.folded or fold(query.text))
