"""What the answer engine returns: plain data, rendered later for Telegram or a terminal.

Why separate: the bot, `ntm chat` and tests all need the same answer; only the
presentation differs (HTML, terminal text, JSON).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["answer", "not_found", "invalid", "too_long", "special", "preparing"]


@dataclass(frozen=True)
class Lead:
    """The most relevant sentence (trimmed) and the key figure inside it (for bold)."""

    text: str
    figure: tuple[int, int] | None = None  # span in `text` of the key figure ("29 xã", "64,6%", "22/10/2020")
    citation: int = 1  # the [n] it comes from

    @property
    def figure_text(self) -> str | None:
        return self.text[self.figure[0]:self.figure[1]] if self.figure else None


@dataclass(frozen=True)
class Citation:
    number: int  # [n], counted across pages (page 2 starts at [4])
    passage_id: str
    doc_id: str
    title: str
    source: str | None
    date: str | None  # ISO date
    url: str | None
    excerpt: str  # trimmed around the match, whole words, "…" where cut
    figure: tuple[int, int] | None = None  # span of the key figure in `excerpt`, when the lead comes from it
    cite: str | None = None  # where in the document: "Điều 31 khoản 2", "Phụ lục I, tiêu chí 2"
    name: str | None = None  # the document as a lawyer names it: "Quyết định 318/QĐ-TTg" (else the title)


@dataclass
class Answer:
    kind: Kind
    question: str  # what the person typed (normalised)
    query: str = ""  # what was searched: the question, or its follow-up rewrite
    rewritten: bool = False  # True when `query` was completed from the previous question
    lead: Lead | None = None
    citations: list[Citation] = field(default_factory=list)
    page: int = 0
    has_more: bool = False
    # The Vietnamese text to show (HTML) for every kind but "answer"; for an answer without a lead,
    # what the documents do not state (its citations are then related passages, not the answer).
    message: str = ""
    covered: list[str] = field(default_factory=list)  # for not_found: what the bot knows about

    @property
    def answered(self) -> bool:
        return self.kind in ("answer", "special")

    @property
    def doc_ids(self) -> list[str]:
        return list(dict.fromkeys(c.doc_id for c in self.citations))
