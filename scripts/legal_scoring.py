"""Scoring one bot reply against a labelled article: does a citation name it, does a cited passage hold it.

Pure functions over the reply's HTML (what the fake Bot API received), so the measurement reads
exactly what an official would see. A citation block is `<b>[n] title</b>`, an optional
`<i>source · date</i>` line, then the excerpt (`knowledge/application/render/answer.py`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.text import fold

_HEADER = re.compile(r"^<b>\[(\d+)\] (.*?)</b>(?:\n<i>(.*?)</i>[^\n]*)?\n", re.S)
_TAG = re.compile(r"<[^>]+>")
MIN_PIECE = 25  # an excerpt piece shorter than this could be in any passage
HOLD_SHARE = 0.5  # share of a passage's word trigrams found in the article for it to hold the article


@dataclass(frozen=True)
class Cited:
    number: int
    header: str  # the "[n] ..." line and its source line, as plain text
    excerpt: str


def citations(reply_html: str) -> list[Cited]:
    """The reply's citation blocks, in order (none for a 'Không tìm thấy' reply)."""
    found = []
    for block in reply_html.split("\n\n"):
        match = _HEADER.match(block + "\n")
        if not match:
            continue
        number, title, meta = match.groups()
        header = _plain(title) + (f"\n{_plain(meta)}" if meta else "")
        found.append(Cited(int(number), header, _plain(block[match.end():])))
    return found


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def names_article(text: str, number: str) -> bool:
    """`text` names "Điều N" (not "Điều N0"), with or without diacritics."""
    return re.search(rf"\bdieu {re.escape(number)}(?![0-9])", fold(text)) is not None


def names_law(text: str, *names: str) -> bool:
    """`text` names the law by any of `names` (its name, the title the bot gave the uploaded file)."""
    return any(fold(name) in fold(text) for name in names if name)


def excerpt_pieces(excerpt: str) -> list[str]:
    """The excerpt's uncut runs ("…" marks a cut), long enough to locate its passage."""
    return [p.strip() for p in excerpt.split("…") if len(p.strip()) >= MIN_PIECE]


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", fold(text))
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def holds_article(passage: str, number: str, article_text: str) -> bool:
    """The passage carries the article: its heading "Điều N." or mostly the article's own words."""
    if re.search(rf"(?:^|\s)dieu {re.escape(number)}\.(?:\s|$)", fold(passage)):
        return True
    own = trigrams(passage)
    return bool(own) and len(own & trigrams(article_text)) >= HOLD_SHARE * len(own)


@dataclass(frozen=True)
class Score:
    cites: bool  # (a) a citation line names "Điều N" of the right law
    holds: bool  # (b) a cited passage of the right law holds the article
    answered: bool  # the reply cited anything at all


def score(reply_html: str, law: str, number: str, article_text: str,
          passage_of: Callable[[Cited], Iterable[tuple[str, str]]] = lambda c: (),
          aliases: Iterable[str] = ()) -> Score:
    """Score a reply for the article `number` of `law`.

    `passage_of(cited)` gives the (law, passage text) pairs the excerpt was cut from (looked up in the
    published index); without one the excerpt stands for its passage and the header must name the law,
    by its name or one of `aliases` (the uploaded document's title, which a citation line shows).
    """
    aliases = tuple(aliases)
    cites = holds = False
    found = citations(reply_html)
    for c in found:
        sources = list(passage_of(c))
        right = names_law(c.header, law, *aliases) or any(name == law for name, _ in sources)
        if not right:
            continue
        cites = cites or names_article(c.header, number)
        texts = [text for name, text in sources if name == law] or [c.excerpt]
        holds = holds or any(holds_article(t, number, article_text) for t in texts)
    return Score(cites, holds, bool(found))
