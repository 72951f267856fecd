"""The lead of an answer: the one sentence among the top hits that answers the question, with its figure.

From the targets table when it knows the figure for sure (its passage then
becomes citation [1]); else the best-scoring sentence, where a question
asking "how many / when" favours sentences with a fitting figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from knowledge.application.answer.excerpts import trim_with_offset
from knowledge.application.answer.figures import Figure, pick_figure, question_years, rank_figure
from knowledge.application.answer.model import Lead
from knowledge.application.answer.sentences import Matcher
from knowledge.text.normalize import fold
from knowledge.text.sentences import Span, sentence_spans

LEAD_CHARS = 320
_DOC_NUMBER = re.compile(r"\d+/[0-9A-Za-zĐđ][0-9A-Za-zĐđ/-]*")
_FIGURE_Q = re.compile(r"\b(bao nhieu|may|ty le|ti le|ngay nao|khi nao|bao gio|so luong|phan tram)\b")


@dataclass(frozen=True)
class LeadChoice:
    hit: int  # index of the hit the lead comes from
    span: Span  # the sentence in that hit's text
    figure: Figure | None  # positions in the hit's text
    lead: Lead


def hinted_lead(hint_of: Callable[[str], Any], passage: Callable[[str], Any], query: str, hits: list,
                page_size: int) -> tuple[list, LeadChoice | None]:
    """Lead from the targets table: its passage becomes [1] if search ranked it lower or not at all."""
    hint = hint_of(query)
    if hint is None:
        return hits, None
    index = next((i for i, h in enumerate(hits) if h.passage_id == hint.passage_id), None)
    if index is None:
        found = passage(hint.passage_id) if hint.passage_id else None
        if found is None:
            return hits, None
        hits = [found, *hits[: page_size - 1]]
    elif index > 0:
        hits = [hits[index], *hits[:index], *hits[index + 1:]]
    text = hits[0].text
    start = text.find(hint.sentence)
    if start < 0:
        return hits, None
    span = Span(start, start + len(hint.sentence))
    figure = Figure("target", hint.sentence[hint.figure[0]:hint.figure[1]], start + hint.figure[0],
                    start + hint.figure[1])
    lead_text, shift = trim_with_offset(hint.sentence, hint.figure[0], LEAD_CHARS)
    lead_text = lead_text.replace("\n", " ")
    a, b = hint.figure[0] - shift, hint.figure[1] - shift
    lead_span = (a, b) if 0 <= a and b <= len(lead_text) else None
    return hits, LeadChoice(0, span, figure, Lead(lead_text, lead_span, citation=1))


def best_lead(query: str, matcher: Matcher, hits: list) -> LeadChoice | None:
    """Best sentence among the top hits (earlier hits slightly preferred)."""
    wants_figure = bool(_FIGURE_Q.search(fold(query)))
    best_score, best_hit, best_span = None, 0, None
    for i, hit in enumerate(hits):
        for span in sentence_spans(hit.text):
            sentence = span.of(hit.text)
            score = matcher.score(sentence) * (1.0 - 0.12 * i)
            if wants_figure:
                at = anchor(sentence, query, matcher)
                score += 0.8 * rank_figure(sentence, query, at)[1]
                if at is not None:
                    score += 1.0
            if best_score is None or score > best_score:
                best_score, best_hit, best_span = score, i, span
    if best_span is None:
        return None
    i, span = best_hit, best_span
    sentence = span.of(hits[i].text)
    at = anchor(sentence, query, matcher)
    figure = pick_figure(sentence, query, anchor=at) if wants_figure or at is not None else None
    if figure is None:
        figure = pick_figure(sentence, query) if wants_figure else None
    center = figure.start if figure else (at if at is not None else _densest(sentence, matcher))
    lead_text, shift = trim_with_offset(sentence, center, LEAD_CHARS)
    lead_text = lead_text.replace("\n", " ")
    span_in_lead = None
    if figure is not None and 0 <= figure.start - shift and figure.end - shift <= len(lead_text):
        span_in_lead = (figure.start - shift, figure.end - shift)
    absolute = Figure(figure.kind, figure.text, span.start + figure.start, span.start + figure.end) \
        if figure else None
    return LeadChoice(i, span, absolute, Lead(lead_text, span_in_lead, citation=i + 1))


def anchor(sentence: str, query: str, matcher: Matcher) -> int | None:
    """Where in a long sentence the question points: a document number the question names
    ("6425/UBND-VHXH"), else the year occurrence with the best context."""
    folded_sentence = fold(sentence)
    for number in _DOC_NUMBER.findall(query):
        at = folded_sentence.find(fold(number))
        if at >= 0:
            return at + len(number)
    years = question_years(query)
    if not years:
        return None
    best_score, best_end = None, None
    for year in years:
        previous = 0
        for m in re.finditer(rf"(?<!\d){year}(?!\d)", sentence):
            # what the sentence says since the previous mention of this year: the clause header
            context = re.sub(r"\d+", " ", sentence[max(previous, m.start() - 160): m.start()])
            score = matcher.score(context) - 0.001 * m.start()
            if best_score is None or score > best_score:
                best_score, best_end = score, m.end()
            previous = m.end()
    return best_end


def _densest(sentence: str, matcher: Matcher) -> int:
    positions = matcher.positions(sentence)
    if not positions:
        return 0
    return max(positions, key=lambda p: sum(1 for q in positions if abs(q - p) < LEAD_CHARS // 2))
