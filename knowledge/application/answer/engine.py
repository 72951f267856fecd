"""Question -> Answer: the one answer engine behind Telegram, the console chat and the CLI.

Why here and not in the bot: every interface must give the same answer, and
the tests check answers without Telegram. Calls are CPU-bound (search, model):
interfaces run `ask` / `page` in a worker thread, never on an event loop.

`ask`: clean -> understand (one `Query`) -> follow-up slots -> proposals from
the answerers (structured ones the runtime gives, targets, passages) -> the
most confident (`router`). Passage answers are built in `passages`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from knowledge.application.answer.followup import FollowUps
from knowledge.application.answer.lead import anchor
from knowledge.application.answer.model import Answer
from knowledge.application.answer.numeric import TargetsAnswerer
from knowledge.application.answer.passages import PassageAnswerer, Passages
from knowledge.application.answer.proposal import Answerer
from knowledge.application.answer.references import named_documents, references_in
from knowledge.application.answer.router import route
from knowledge.application.render import messages as M
from knowledge.application.understanding.linking import may_name_unit
from knowledge.application.understanding.parse import understand
from knowledge.application.understanding.query import Query
from knowledge.text.dates import format_date
from knowledge.text.normalize import fold, normalize
from knowledge.text.numbers import format_number

MAX_QUESTION = 1000
_WS = re.compile(r"\s+")
_GREETING = re.compile(r"^(xin chao|chao|hello|hi|alo|a lo|chao ban|chao bot)\W*$")
_THANKS = re.compile(r"^(cam on|thanks|thank you|tks|ok|oke|okay)\W*( ban| nhe| nhieu)*\W*$")


class SearchBackend(Protocol):
    """What the engine needs from `knowledge.retrieval.search.SearchEngine` (a fake implements it in tests)."""

    def search(self, query: str, k: int = 5, offset: int = 0, doc_ids: Collection[str] = ()) -> list[Any]: ...
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
                 special: Sequence[Answerer] = (), lead_hint: Callable[[Query], Any] | None = None,
                 registry: Callable[[bool], Any] | None = None):
        self.search = search
        self.passages = Passages(search, page_size)
        # A sure figure for numeric questions (knowledge.application.answer.numeric.targets_hint): a LeadHint or None.
        self.lead_hint = lead_hint
        self.followups = followups or FollowUps()
        # Structured answerers asked before targets and passages (commune registry, criteria sets).
        self.special = list(special)
        # registry(wait) -> the commune registry's index (RegistryIndex) the parser links districts and
        # communes against, or None (`wait` False: do not wait for it to load).
        self.registry = registry
        self._coverage: _Coverage | None = None
        self._lock = threading.Lock()

    @property
    def page_size(self) -> int:
        return self.passages.page_size

    @page_size.setter
    def page_size(self, value: int) -> None:
        self.passages.page_size = value

    # ------------------------------------------------------------ entry points

    def understand(self, text: str) -> Query:
        """The typed query of `text`, places linked against the registry when there is one."""
        index = self.registry(may_name_unit(text)) if self.registry is not None else None
        return understand(text, index)

    def answerers(self) -> list[Answerer]:
        """Who proposes, in order: structured answerers, targets, passages."""
        out: list[Answerer] = list(self.special)
        if self.lead_hint is not None:
            out.append(TargetsAnswerer(self.lead_hint, self.passages))
        out.append(PassageAnswerer(self.passages))
        return out

    def ask(self, text: str | None, chat: Hashable | None = None) -> Answer:
        """Answer what a person typed in `chat` (follow-ups inherit the chat's previous question's slots)."""
        question = clean_question(text)
        problem = self._check(question)
        if problem is not None:
            return problem
        query = self.followups.resolve(chat, self.understand(question), self.understand)
        proposal = route(self.answerers(), query)
        answer = proposal.answer if proposal is not None else self._not_found(query.text)
        answer.question, answer.query, answer.rewritten = question, query.text, query.text != question
        self.followups.remember(chat, query)
        return answer

    def page(self, query: str, page: int) -> Answer:
        """Page `page` (0-based) of the results for an already-resolved `query` ("more results")."""
        return self._answer(clean_question(query), page=max(0, page))

    def passage(self, passage_id: str):
        return self.search.passage(passage_id)

    def whole(self, hit):
        """What "xem toàn văn" shows: the whole article `hit` belongs to, or `hit` itself when its
        document has no articles (or the search backend cannot put one together)."""
        article = getattr(self.search, "article", None)
        return (article(hit.passage_id) if article is not None else None) or hit

    def hit_at(self, query: str, rank: int):
        """The `rank`-th (1-based) result for `query`: resolves a citation button after a restart."""
        query = clean_question(query)
        hits = self.search.search(query, k=1, offset=max(0, rank - 1), **self.passages.scope(query))
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

    def _answer(self, query: str, page: int) -> Answer:
        answer = self.passages.answer(query, page)
        if answer is not None:
            return answer
        if page > 0:
            return Answer("not_found", query, query=query, page=page, message=M.NO_MORE)
        return self._not_found(query)

    def _not_found(self, query: str) -> Answer:
        covered = self.coverage()
        refs = references_in(query)
        _, unknown = named_documents(refs, self.search.documents()) if refs else ((), ())
        message = M.NOT_INDEXED.format(names=", ".join(r.describe() for r in unknown)) if unknown else \
            M.NOT_FOUND_HEAD
        return Answer("not_found", query, query=query, covered=covered, message=message)

    # Where a sentence's figure is, for a question naming a year or a document number (see lead.anchor).
    _anchor = staticmethod(anchor)

