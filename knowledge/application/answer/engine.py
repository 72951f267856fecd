"""Question -> Answer: the one answer engine behind Telegram, the console chat and the CLI.

Why here and not in the bot: every interface must give the same answer, and
the tests check answers without Telegram. Calls are CPU-bound (search, model):
interfaces run `ask` / `page` in a worker thread, never on an event loop.
The lead sentence is chosen in `lead`, the citations' excerpts cut in `excerpts`.
When no clause answers (`coverage`), there is no lead: the passages are shown
as related, under a line saying what the documents do not state (`missing`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, Protocol

from knowledge.application.answer.coverage import asked, followup_asked
from knowledge.application.answer.excerpts import Excerpt, best_excerpt, excerpt_around, sentence_keys
from knowledge.application.answer.followup import FollowUps
from knowledge.application.answer.lead import anchor, best_lead, hinted_lead
from knowledge.application.answer.missing import missing_phrase
from knowledge.application.answer.model import Answer, Citation
from knowledge.application.answer.sentences import Matcher
from knowledge.application.render import messages as M
from knowledge.text.dates import format_date
from knowledge.text.normalize import fold, normalize
from knowledge.text.numbers import format_number

MAX_QUESTION = 1000
_WS = re.compile(r"\s+")
_GREETING = re.compile(r"^(xin chao|chao|hello|hi|alo|a lo|chao ban|chao bot)\W*$")
_THANKS = re.compile(r"^(cam on|thanks|thank you|tks|ok|oke|okay)\W*( ban| nhe| nhieu)*\W*$")


class SearchBackend(Protocol):
    """What the engine needs from `knowledge.retrieval.search.SearchEngine` (a fake implements it in tests)."""

    def search(self, query: str, k: int = 5, offset: int = 0) -> list[Any]: ...
    def passage(self, passage_id: str) -> Any | None: ...
    def documents(self) -> list[Any]: ...


def clean_question(text: str | None) -> str:
    """NFC, no control characters, single spaces."""
    return _WS.sub(" ", normalize(text or "")).strip()


@dataclass(frozen=True)
class _Coverage:
    key: int  # of the indexed documents' ids and titles
    lines: list[str]


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
        self._coverage: _Coverage | None = None
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
        answer = self._answer(query, page=0, followup=question if rewritten else None)
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
            if self._coverage and self._coverage.key == key:
                return self._coverage.lines
        lines = []
        for d in sorted(documents, key=lambda d: (d.date or ""), reverse=True):
            meta = ", ".join(x for x in (d.source, format_date(d.date)) if x)
            lines.append(f"{d.title} ({meta})" if meta else d.title)
        with self._lock:
            self._coverage = _Coverage(key, lines)
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

    def _answer(self, query: str, page: int, followup: str | None = None) -> Answer:
        """Search `query`; a follow-up's own words (`followup`, "còn thu nhập bình quân?") are its focus."""
        offset = page * self.page_size
        hits = self.search.search(query, k=self.page_size + 1, offset=offset)
        has_more = len(hits) > self.page_size
        hits = hits[: self.page_size]
        if not hits:
            if page > 0:
                return Answer("not_found", query, query=query, page=page, message=M.NO_MORE)
            return self._not_found(query)
        matcher = Matcher(query)
        own = followup_asked(query, followup) if followup else None
        need, lead_matcher = (own, Matcher(followup)) if own else (asked(query), matcher)
        choice = None
        if page == 0 and self.lead_hint is not None:
            hits, choice = hinted_lead(self.lead_hint, self.search.passage, query, hits, self.page_size, need,
                                       lead_matcher)
        if page == 0 and choice is None:
            choice = best_lead(query, lead_matcher, hits, need)
        # No clause answers: the passages are shown as related, under what the documents do not state.
        message = M.NOT_COVERED.format(what=escape(missing_phrase(query), quote=False)) \
            if page == 0 and choice is None else ""
        # Passages overlap (the indexer's windows): a later citation shows its best sentence
        # that an earlier excerpt did not already show.
        shown: set[str] = set()
        order = sorted(range(len(hits)), key=lambda i: 0 if choice and choice.hit == i else 1)
        excerpts: dict[int, Excerpt] = {}
        for i in order:
            if choice and choice.hit == i:
                excerpts[i] = excerpt_around(hits[i].text, choice.span, choice.figure)
            else:
                excerpts[i] = best_excerpt(hits[i].text, matcher, shown)
            shown.update(sentence_keys(excerpts[i].text))
        citations = [Citation(offset + i + 1, hit.passage_id, hit.doc_id, hit.title, hit.source, hit.date, hit.url,
                              excerpts[i].text, excerpts[i].figure) for i, hit in enumerate(hits)]
        return Answer("answer", query, query=query, lead=choice.lead if choice else None, citations=citations,
                      page=page, has_more=has_more, message=message)

    def _not_found(self, query: str) -> Answer:
        covered = self.coverage()
        return Answer("not_found", query, query=query, covered=covered, message=M.NOT_FOUND_HEAD)

    # Where a sentence's figure is, for a question naming a year or a document number (see lead.anchor).
    _anchor = staticmethod(anchor)

