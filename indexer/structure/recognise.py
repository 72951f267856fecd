"""Which grammar a document follows: articles (a law, decree, decision), numbered sections (a plan), or neither.

A single "Điều N." line makes it legal: decisions often have two or three
articles and an appendix. Numbered sections count only when there are at
least two (one "1." is a list, not a structure). Otherwise short
subheadings, if any, give context.
"""

from __future__ import annotations

from indexer.structure import legal, plans
from indexer.structure.locate import Structure
from knowledge.text.sentences import paragraph_spans

__all__ = ["recognise"]


def recognise(text: str) -> Structure:
    paragraphs = [(s, e) for s, e in paragraph_spans(text)]
    found = legal.markers(text, paragraphs)
    if any(m.kind == "dieu" for m in found):
        return Structure(text, found, grammar="legal")
    sections = plans.section_markers(text, paragraphs)
    if sum(m.kind != "phu_luc" for m in sections) >= 2 or any(m.kind == "phu_luc" for m in sections):
        return Structure(text, sections, grammar="plan")
    return Structure(text, plans.heading_markers(text, paragraphs), grammar="plain")
