"""A whole article (or plan section) put back together from the passages that tile it.

Why from passages: the index keeps no document text, but a document's
passages cover every character of it in order, overlapping by a sentence;
joined on their offsets they give the article exactly as written (a gap,
only white space, becomes a line break). "Xem toàn văn" shows this, so an
official reads the whole rule, not the window that matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.retrieval.index.passages import Passage

__all__ = ["article_cite", "article_text"]

_INSIDE = re.compile(r"\s+(khoản|điểm)\s.*$|,\s.*$")


def article_text(passages: Sequence[Passage], row: int) -> str | None:
    """The text of the article that passage `row` belongs to, or None when it has no article."""
    p = passages[row]
    if not p.article:
        return None
    start, end = p.article
    first = row
    while first > 0 and passages[first - 1].doc_id == p.doc_id and passages[first - 1].start >= start:
        first -= 1
    last = row
    while last + 1 < len(passages) and passages[last + 1].doc_id == p.doc_id and passages[last + 1].end <= end:
        last += 1
    text, reached = passages[first].text, passages[first].end
    for q in passages[first + 1:last + 1]:
        if q.end <= reached:
            continue
        text += q.text[reached - q.start:] if q.start < reached else "\n" + q.text
        reached = q.end
    return text


def article_cite(cite: str | None) -> str | None:
    """"Điều 31 khoản 2" -> "Điều 31"; "Phụ lục I, tiêu chí 2" -> "Phụ lục I"."""
    return _INSIDE.sub("", cite) if cite else None
