"""The lead of an answer: the clause among the top hits that answers the question, with its figure.

From the targets table when it knows the figure for sure (its passage then
becomes citation [1]); else the best-scoring clause of the top hits. Only a
clause that answers may lead (`coverage`: the question's focus, a figure of
the asked kind, the asked place, year and level); when none does there is
no lead and the reply says what the documents do not state. A sentence too
long to show whole is cut around the answering clause, with its list's
header; a sentence inside a section ("Đối với lĩnh vực ...:") is read, and
shown when there is room, under the section's header (`clauses`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from knowledge.application.answer.asks import answering_figure, figure_fits, levels_named
from knowledge.application.answer.clauses import Window, cut_lead, section_headers, section_of, windows
from knowledge.application.answer.coverage import Asked, asked, years_in
from knowledge.application.answer.figures import DOC_NUMBER, Figure, pick_figure, question_years
from knowledge.application.answer.model import Lead
from knowledge.application.answer.sentences import Matcher
from knowledge.text.normalize import fold
from knowledge.text.sentences import Span, sentence_spans

LEAD_CHARS = 320


@dataclass(frozen=True)
class LeadChoice:
    hit: int  # index of the hit the lead comes from
    span: Span  # the sentence in that hit's text
    figure: Figure | None  # positions in the hit's text
    lead: Lead


@dataclass(frozen=True)
class _Candidate:
    score: float
    hit: int
    span: Span  # the sentence in the hit's text
    window: Window  # the answering clause, offsets in the sentence
    section: str = ""  # the header of the paragraph's section, when the sentence does not open it


def hinted_lead(hint_of: Callable[[str], Any], passage: Callable[[str], Any], query: str, hits: list,
                page_size: int, need: Asked | None = None,
                matcher: Matcher | None = None) -> tuple[list, LeadChoice | None]:
    """Lead from the targets table: its passage becomes [1] if search ranked it lower or not at all.

    The hint leads only when its figure is of the asked kind and its clause answers, naming the asked level
    itself (the table matches the province, year and level, not always the kind: "11 xã" for "tỷ lệ ... là
    bao nhiêu?"); else no choice, and the caller falls back to `best_lead` over search's order (with the
    hint's passage last when search did not find it).
    """
    hint = hint_of(query)
    if hint is None:
        return hits, None
    index = next((i for i, h in enumerate(hits) if h.passage_id == hint.passage_id), None)
    if index is None:
        found = passage(hint.passage_id) if hint.passage_id else None
        if found is None:
            return hits, None
        hinted = [found, *hits[: page_size - 1]]
    else:
        hinted = [hits[index], *hits[:index], *hits[index + 1:]]
    start = hinted[0].text.find(hint.sentence)
    if start < 0:
        return hits, None
    need = need or asked(query)
    matcher = matcher or Matcher(query)
    span = Span(start, start + len(hint.sentence))
    at = hint.figure[0]  # in the sentence
    if need.figure is not None and not figure_fits(hint.sentence, at, need.figure, query):
        # not the kind of figure asked, but its passage is about the place, year and level: a candidate
        return (hits if index is not None else [*hits[: page_size - 1], hinted[0]]), None
    sentence = span.of(hinted[0].text)
    holding = (c for c in _candidates(query, matcher, hinted[:1], need, only=span)
               if c.window.clause.start <= at < c.window.clause.end
               and need.levels <= levels_named(c.window.text(sentence)))  # the level in the clause itself
    best = max(holding, key=lambda c: c.score, default=None)
    if best is None:
        return hits, None
    figure = Figure("target", sentence[hint.figure[0]:hint.figure[1]], hint.figure[0], hint.figure[1])
    return hinted, _choice(hinted, best, query, need, matcher, hint=figure)


def best_lead(query: str, matcher: Matcher, hits: list, need: Asked | None = None) -> LeadChoice | None:
    """The best clause that answers, among the top hits (earlier hits slightly preferred); None if none does."""
    need = need or asked(query)
    best = max(_candidates(query, matcher, hits, need), key=lambda c: c.score, default=None)
    return _choice(hits, best, query, need, matcher) if best else None


def _candidates(query: str, matcher: Matcher, hits: list, need: Asked, only: Span | None = None
                ) -> Iterator[_Candidate]:
    anchors = [fold(n) for n in DOC_NUMBER.findall(query)] + question_years(query)
    for i, hit in enumerate(hits):
        if not need.about(hit):
            continue
        title = getattr(hit, "title", "") or ""
        context = years_in(f"{title}\n{hit.text}")
        sections = section_headers(hit.text)
        for span in [only] if only else sentence_spans(hit.text):
            sentence = span.of(hit.text)
            section = section_of(hit.text, sections, span)
            for window in windows(sentence):
                text = window.text(sentence)
                read = f"{section} {text}" if section else text  # answers under its section's header
                if not need.answers(read, window.clause.of(sentence), sentence, context, title):
                    continue
                score = matcher.score(text) * (1.0 - 0.12 * i) + need.focus_score(text)
                score += 2.0 * len(need.levels & levels_named(text))  # named here, not only in the title
                if anchors and any(a in fold(text) for a in anchors):
                    score += 1.0
                yield _Candidate(score, i, span, window, section)


def _choice(hits: list, best: _Candidate, query: str, need: Asked, matcher: Matcher,
            hint: Figure | None = None) -> LeadChoice:
    """The lead for the chosen clause: its figure bold, the sentence cut around it."""
    span, window = best.span, best.window
    sentence = span.of(hits[best.hit].text)
    clause = window.clause.of(sentence)
    offset = window.clause.start
    hinted = hint is not None and offset <= hint.start < window.clause.end
    at = anchor(clause, query, matcher)
    if need.figure is not None:
        figure = answering_figure(clause, need.figure, query, anchor=hint.start - offset if hinted else None)
    elif hinted:
        figure = Figure(hint.kind, hint.text, hint.start - offset, hint.end - offset)
    else:
        figure = pick_figure(clause, query, anchor=at) if at is not None else None
    if figure is not None:
        figure = Figure(figure.kind, figure.text, figure.start + offset, figure.end + offset)  # in the sentence
    center = figure.start if figure else offset + (at if at is not None else _densest(clause, matcher))
    lead_text, shift = cut_lead(sentence, window, center, LEAD_CHARS)
    if best.section and not lead_text.startswith("…") and len(best.section) + 3 + len(lead_text) <= LEAD_CHARS:
        lead_text = f"{best.section} … {lead_text}"  # what the sentence is about, when there is room
        shift = shift - len(best.section) - 3 if shift is not None else None
    span_in_lead = None
    if figure is not None and shift is not None:
        a, b = figure.start - shift, figure.end - shift
        if 0 <= a and b <= len(lead_text) and lead_text[a:b] == figure.text.replace("\n", " "):
            span_in_lead = (a, b)
    absolute = Figure(figure.kind, figure.text, span.start + figure.start, span.start + figure.end) \
        if figure else None
    return LeadChoice(best.hit, span, absolute, Lead(lead_text, span_in_lead, citation=best.hit + 1))


def anchor(sentence: str, query: str, matcher: Matcher) -> int | None:
    """Where in a long sentence the question points: a document number the question names
    ("6425/UBND-VHXH"), else the year occurrence with the best context."""
    folded_sentence = fold(sentence)
    for number in DOC_NUMBER.findall(query):
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
