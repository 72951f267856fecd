"""Where and when a figure is: its province and year, from the sentence outward.

Why apart from the figure patterns: a passage often does not repeat the
province or the year ("Phấn đấu có thêm 16 xã ..."), so they are looked for
in widening circles: the clause, the sentence, the passage's previous target
sentence (same plan), the text before the passage, the document's metadata,
and last what the whole document talks about most.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from knowledge import places
from knowledge.domain.targets import lexicon as L
from knowledge.domain.targets.query import province_display
from knowledge.text.folding import Folded


@dataclass
class Context:
    """What the text around a passage says about province and year."""

    doc_provinces: Sequence[str]
    doc_year: int | None
    before: str  # title + document text before the passage
    doc_wide_year: int | None
    doc_wide_province: str | None
    has_document: bool = False  # title or document text given, not just the passage
    carried_year: int | None = None  # year of the passage's latest target so far


def make_context(text: str, doc_provinces: Sequence[str], doc_year: int | None, doc_title: str | None,
                 doc_text: str | None, passage_start: int | None) -> Context:
    before = doc_title + "\n" if doc_title else ""
    if doc_text:
        if passage_start is None:
            found = doc_text.find(text[:200])
            passage_start = found if found >= 0 else None
        if passage_start is not None:
            before += doc_text[:passage_start]
    whole = (doc_title or "") + "\n" + (doc_text or text)
    wide_year, wide_province = _doc_wide(whole)
    provinces = [province_display(p) for p in doc_provinces if p and p.strip()]
    return Context(provinces, doc_year, before, wide_year, wide_province, has_document=bool(doc_title or doc_text))


@lru_cache(maxsize=64)
def _doc_wide(whole: str) -> tuple[int | None, str | None]:
    folded = Folded(whole).text
    years = [int(y) for y in years_in(folded)]
    years += [int(m.group(2)) for m in L.PERIOD.finditer(folded) if period_counts(folded, m)]
    year = Counter(years).most_common(1)[0][0] if years else None
    provinces = places.most_mentioned(whole)
    return year, provinces[0].display if provinces else None


def years_in(folded: str) -> list[str]:
    """'năm 2025' mentions, not the 'năm' of a date ('ngày 21 tháng 7 năm 2024')."""
    return [m.group(1) for m in L.YEAR.finditer(folded) if not L.DATE_BEFORE.search(folded[:m.start()][-14:])]


def period_counts(folded: str, m: re.Match) -> bool:
    """A period names a target horizon unless it qualifies a criteria set, a poverty line, a term..."""
    return not L.PERIOD_NOT_TARGET.search(folded[max(0, m.start() - 60):m.start()])


def resolve_year(fig_start: int, fig_end: int, head: str, tail: str, work: str, text: str, s_start: int,
                 ctx: Context) -> tuple[int | None, str | None]:
    """(year, period) of the figure at [fig_start, fig_end) of the folded sentence `work`."""
    period = None
    periods = [m for m in L.PERIOD.finditer(work) if period_counts(work, m)]
    if periods:
        p = min(periods, key=lambda m: abs(m.start() - fig_start))
        period = f"{p.group(1)}-{p.group(2)}"
    label = L.YEAR_LABEL.search(work[:fig_start])
    if label:
        return int(label.group(1)), period
    for found, pick in ((years_in(head), -1), (years_in(tail), 0), (years_in(work[:fig_start]), -1),
                        (years_in(work[fig_end:]), 0)):
        if found:
            return int(found[pick]), period
    if period:
        return int(period[-4:]), period
    if ctx.carried_year is not None:
        return ctx.carried_year, period
    context_year = majority_year(ctx.before + "\n" + text[:s_start])
    if ctx.has_document and context_year:
        return context_year, period
    if ctx.doc_year:
        return ctx.doc_year, period
    return context_year or ctx.doc_wide_year, period


def majority_year(text: str) -> int | None:
    """The year the text talks about most (ties: the latest mentioned)."""
    years = years_in(Folded(text).text)
    if not years:
        return None
    counts = Counter(years)
    top = max(counts.values())
    return int(next(y for y in reversed(years) if counts[y] == top))


def resolve_province(sentence: str, fig_start: int, text: str, s_start: int, ctx: Context) -> str | None:
    """Province of the figure starting at `fig_start` in `sentence` (original offsets)."""
    mentions = places.find_mentions(sentence)
    before = [m for m in mentions if m.start < fig_start]
    if before:
        return before[-1].province.display
    if mentions:
        return mentions[0].province.display
    earlier = places.find_mentions(ctx.before + "\n" + text[:s_start])
    if earlier:
        return earlier[-1].province.display
    if ctx.doc_provinces:
        return ctx.doc_provinces[0]
    return ctx.doc_wide_province
