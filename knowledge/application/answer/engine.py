"""Question -> Answer: the one answer engine behind Telegram, the console chat and the CLI.

Why here and not in the bot: every interface must give the same answer, and
the tests check answers without Telegram. Calls are CPU-bound (search, model):
interfaces run `ask` / `page` in a worker thread, never on an event loop.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Protocol

from knowledge.application.answer.figures import Figure, pick_figure, question_years, rank_figure
from knowledge.application.answer.followup import FollowUps
from knowledge.application.answer.model import Answer, Citation, Lead
from knowledge.application.answer.sentences import Matcher, trim
from knowledge.application.render import messages as M
from knowledge.text.dates import format_date
from knowledge.text.normalize import fold, normalize
from knowledge.text.numbers import format_number
from knowledge.text.sentences import Span, sentence_spans

MAX_QUESTION = 1000
LEAD_CHARS = 320
EXCERPT_CHARS = 650
_WS = re.compile(r"\s+")
_DOC_NUMBER = re.compile(r"\d+/[0-9A-Za-zĐđ][0-9A-Za-zĐđ/-]*")
_GREETING = re.compile(r"^(xin chao|chao|hello|hi|alo|a lo|chao ban|chao bot)\W*$")
_THANKS = re.compile(r"^(cam on|thanks|thank you|tks|ok|oke|okay)\W*( ban| nhe| nhieu)*\W*$")
_FIGURE_Q = re.compile(r"\b(bao nhieu|may|ty le|ti le|ngay nao|khi nao|bao gio|so luong|phan tram)\b")


class SearchBackend(Protocol):
    """What the engine needs from `knowledge.retrieval.search.SearchEngine` (a fake implements it in tests)."""

    def search(self, query: str, k: int = 5, offset: int = 0) -> list[Any]: ...
    def passage(self, passage_id: str) -> Any | None: ...
    def documents(self) -> list[Any]: ...


def clean_question(text: str | None) -> str:
    """NFC, no control characters, single spaces."""
    return _WS.sub(" ", normalize(text or "")).strip()


class AnswerEngine:
    def __init__(self, search: SearchBackend, *, page_size: int = 3, followups: FollowUps | None = None,
                 special: Sequence[Callable[[str], Answer | None]] = (),
                 lead_hint: Callable[[str], Any] | None = None):
        self.search = search
        # A sure figure for numeric questions (knowledge.application.answer.numeric.targets_hint): a LeadHint or None.
        self.lead_hint = lead_hint
        self.page_size = page_size
        self.followups = followups or FollowUps()
        # Specialised answerers tried before search (commune cards, numeric targets):
        # each returns an Answer or None.
        self.special = list(special)
        self._coverage: tuple[int, list[str]] | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------ entry points

    def ask(self, text: str | None, chat: Hashable | None = None) -> Answer:
        """Answer what a person typed in `chat` (follow-ups resolved against the chat's last question)."""
        question = clean_question(text)
        problem = self._check(question)
        if problem is not None:
            return problem
        query, rewritten = self.followups.resolve(chat, question)
        for special in self.special:
            answer = special(query)
            if answer is not None:
                answer.question, answer.query, answer.rewritten = question, query, rewritten
                self.followups.remember(chat, query)
                return answer
        answer = self._answer(query, page=0)
        answer.question, answer.rewritten = question, rewritten
        self.followups.remember(chat, query)
        return answer

    def page(self, query: str, page: int) -> Answer:
        """Page `page` (0-based) of the results for an already-resolved `query` ("more results")."""
        return self._answer(clean_question(query), page=max(0, page))

    def passage(self, passage_id: str):
        return self.search.passage(passage_id)

    def hit_at(self, query: str, rank: int):
        """The `rank`-th (1-based) result for `query`: resolves a citation button after a restart."""
        hits = self.search.search(clean_question(query), k=1, offset=max(0, rank - 1))
        return hits[0] if hits else None

    def coverage(self) -> list[str]:
        """One line per indexed document ("title (source, date)"), for "not found" and /nguon."""
        documents = self.search.documents()
        key = hash(tuple((d.doc_id, d.title) for d in documents))
        with self._lock:
            if self._coverage and self._coverage[0] == key:
                return self._coverage[1]
        lines = []
        for d in sorted(documents, key=lambda d: (d.date or ""), reverse=True):
            meta = ", ".join(x for x in (d.source, format_date(d.date)) if x)
            lines.append(f"{d.title} ({meta})" if meta else d.title)
        with self._lock:
            self._coverage = (key, lines)
        return lines

    # ------------------------------------------------------------ internals

    def _check(self, question: str) -> Answer | None:
        if len(question) > MAX_QUESTION:
            return Answer("too_long", question[:200], message=M.TOO_LONG.format(
                length=format_number(len(question)), limit=MAX_QUESTION))
        if not re.search(r"[^\W_]", question):  # no letter or digit: emoji, punctuation, blank
            return Answer("invalid", question, message=M.INVALID)
        folded = fold(question)
        if _GREETING.match(folded):
            return Answer("special", question, message=M.GREETING)
        if _THANKS.match(folded):
            return Answer("special", question, message=M.THANKS)
        return None

    def _answer(self, query: str, page: int) -> Answer:
        offset = page * self.page_size
        hits = self.search.search(query, k=self.page_size + 1, offset=offset)
        has_more = len(hits) > self.page_size
        hits = hits[: self.page_size]
        if not hits:
            if page > 0:
                return Answer("not_found", query, query=query, page=page, message=M.NO_MORE)
            return self._not_found(query)
        matcher = Matcher(query)
        lead_info = None
        if page == 0 and self.lead_hint is not None:
            hits, lead_info = self._hinted_lead(query, hits)
        if page == 0 and lead_info is None:
            lead_info = self._lead(query, matcher, hits)
        citations = []
        # Passages overlap (the indexer's windows): a later citation shows its best sentence
        # that an earlier excerpt did not already show.
        shown: set[str] = set()
        order = sorted(range(len(hits)), key=lambda i: 0 if lead_info and lead_info[0] == i else 1)
        excerpts: dict[int, tuple[str, tuple[int, int] | None]] = {}
        for i in order:
            hit = hits[i]
            if lead_info and lead_info[0] == i:
                excerpts[i] = self._excerpt_around(hit.text, lead_info[1], lead_info[2])
            else:
                excerpts[i] = (self._excerpt(hit.text, matcher, shown), None)
            shown.update(_sentence_keys(excerpts[i][0]))
        for i, hit in enumerate(hits):
            number = offset + i + 1
            excerpt, figure = excerpts[i]
            citations.append(Citation(number, hit.passage_id, hit.doc_id, hit.title, hit.source, hit.date,
                                      hit.url, excerpt, figure))
        lead = lead_info[3] if lead_info else None
        return Answer("answer", query, query=query, lead=lead, citations=citations, page=page,
                      has_more=has_more)

    def _hinted_lead(self, query: str, hits: list) -> tuple[list, tuple | None]:
        """Lead from the targets table: its passage becomes [1] if search ranked it lower or not at all."""
        hint = self.lead_hint(query)
        if hint is None:
            return hits, None
        index = next((i for i, h in enumerate(hits) if h.passage_id == hint.passage_id), None)
        if index is None:
            passage = self.search.passage(hint.passage_id) if hint.passage_id else None
            if passage is None:
                return hits, None
            hits = [passage, *hits[: self.page_size - 1]]
        elif index > 0:
            hits = [hits[index], *hits[:index], *hits[index + 1:]]
        text = hits[0].text
        start = text.find(hint.sentence)
        if start < 0:
            return hits, None
        span = Span(start, start + len(hint.sentence))
        figure = Figure("target", hint.sentence[hint.figure[0]:hint.figure[1]], start + hint.figure[0],
                        start + hint.figure[1])
        lead_text, shift = _trim_with_offset(hint.sentence, hint.figure[0], LEAD_CHARS)
        lead_text = lead_text.replace("\n", " ")
        a, b = hint.figure[0] - shift, hint.figure[1] - shift
        lead_span = (a, b) if 0 <= a and b <= len(lead_text) else None
        return hits, (0, span, figure, Lead(lead_text, lead_span, citation=1))

    def _not_found(self, query: str) -> Answer:
        covered = self.coverage()
        return Answer("not_found", query, query=query, covered=covered, message=M.NOT_FOUND_HEAD)

    def _lead(self, query: str, matcher: Matcher, hits: list) -> tuple[int, Span, Figure | None, Lead] | None:
        """Best sentence among the top hits: (hit index, sentence span, figure, Lead)."""
        wants_figure = bool(_FIGURE_Q.search(fold(query)))
        best: tuple[float, int, Span] | None = None
        for i, hit in enumerate(hits):
            for span in sentence_spans(hit.text):
                sentence = span.of(hit.text)
                score = matcher.score(sentence) * (1.0 - 0.12 * i)
                if wants_figure:
                    anchor = self._anchor(sentence, query, matcher)
                    score += 0.8 * rank_figure(sentence, query, anchor)[1]
                    if anchor is not None:
                        score += 1.0
                if best is None or score > best[0]:
                    best = (score, i, span)
        if best is None:
            return None
        _, i, span = best
        text = hits[i].text
        sentence = span.of(text)
        anchor = self._anchor(sentence, query, matcher)
        figure = pick_figure(sentence, query, anchor=anchor) if wants_figure or anchor is not None else None
        if figure is None:
            figure = pick_figure(sentence, query) if wants_figure else None
        center = figure.start if figure else (anchor if anchor is not None else _densest(sentence, matcher))
        lead_text, shift = _trim_with_offset(sentence, center, LEAD_CHARS)
        lead_text = lead_text.replace("\n", " ")
        span_in_lead = None
        if figure is not None and 0 <= figure.start - shift and figure.end - shift <= len(lead_text):
            span_in_lead = (figure.start - shift, figure.end - shift)
        absolute = Figure(figure.kind, figure.text, span.start + figure.start, span.start + figure.end) \
            if figure else None
        return i, span, absolute, Lead(lead_text, span_in_lead, citation=i + 1)

    @staticmethod
    def _anchor(sentence: str, query: str, matcher: Matcher) -> int | None:
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
        best: tuple[float, int] | None = None
        for year in years:
            previous = 0
            for m in re.finditer(rf"(?<!\d){year}(?!\d)", sentence):
                # what the sentence says since the previous mention of this year: the clause header
                context = re.sub(r"\d+", " ", sentence[max(previous, m.start() - 160): m.start()])
                score = matcher.score(context) - 0.001 * m.start()
                if best is None or score > best[0]:
                    best = (score, m.end())
                previous = m.end()
        return best[1] if best else None

    def _excerpt(self, text: str, matcher: Matcher, shown: set[str] = frozenset()) -> str:
        spans = sentence_spans(text)
        if not spans:
            return _squeeze(trim(text, 0, EXCERPT_CHARS))
        fresh = [s for s in spans if _key(s.of(text)) not in shown] or spans
        best = max(fresh, key=lambda s: matcher.score(s.of(text)))
        return self._excerpt_around(text, best, None)[0]

    @staticmethod
    def _excerpt_around(text: str, span: Span, figure: Figure | None) -> tuple[str, tuple[int, int] | None]:
        center = figure.start if figure else (span.start + span.end) // 2
        if span.end - span.start <= EXCERPT_CHARS:
            # start at the sentence (whole, in view) and show what follows it
            center = span.start + EXCERPT_CHARS // 2 if figure is None else min(center, span.start + EXCERPT_CHARS // 2)
        excerpt, shift = _trim_with_offset(text, center, EXCERPT_CHARS)
        if figure is not None and 0 <= figure.start - shift and figure.end - shift <= len(excerpt):
            a, b = figure.start - shift, figure.end - shift
            before, middle, after = _squeeze(excerpt[:a]), _squeeze(excerpt[a:b]), _squeeze(excerpt[b:])
            if excerpt[:a] and excerpt[a - 1].isspace():
                before += " "
            if after and excerpt[b].isspace():
                after = " " + after
            return before + middle + after, (len(before), len(before) + len(middle))
        return _squeeze(excerpt), None


def _squeeze(text: str) -> str:
    """One space between words (passages keep the documents' line breaks and double spaces)."""
    return _WS.sub(" ", text).strip()


def _key(sentence: str) -> str:
    return fold(_squeeze(sentence)).strip(" .…;:")


def _sentence_keys(excerpt: str) -> set[str]:
    return {_key(s.of(excerpt)) for s in sentence_spans(excerpt)}


def _densest(sentence: str, matcher: Matcher) -> int:
    positions = matcher.positions(sentence)
    if not positions:
        return 0
    best = max(positions, key=lambda p: sum(1 for q in positions if abs(q - p) < LEAD_CHARS // 2))
    return best


def _trim_with_offset(text: str, center: int, budget: int) -> tuple[str, int]:
    """`trim` plus the offset of the result's first original character (to move spans)."""
    stripped = text.strip()
    lead_ws = len(text) - len(text.lstrip())
    result = trim(stripped, center - lead_ws, budget)
    core = result.removeprefix("…").removesuffix("…")
    start = stripped.find(core) if core else 0
    prefix = 1 if result.startswith("…") else 0
    return result, lead_ws + start - prefix

