"""The passage answer: search, the lead sentence, and each citation's excerpt.

The answerer of last resort and the usual one: whatever the question, the
documents may say something. Its confidence comes from what it found: a lead
(a sentence that answers) is worth more than passages alone. The lead is
chosen in `lead`, the citations' excerpts cut in `excerpts`; the targets
answerer (`numeric`) builds the same answer around the figure it is sure of.
"""

from __future__ import annotations

from html import escape
from typing import Any

from knowledge.application.answer.coverage import asked
from knowledge.application.answer.excerpts import Excerpt, best_excerpt, excerpt_around, sentence_keys
from knowledge.application.answer.lead import best_lead, hinted_lead
from knowledge.application.answer.missing import missing_phrase
from knowledge.application.answer.model import Answer, Citation
from knowledge.application.answer.proposal import POSSIBLE, WEAK, Proposal
from knowledge.application.answer.references import named_documents, references_in
from knowledge.application.answer.sentences import Matcher
from knowledge.application.render import messages as M
from knowledge.application.render.legal import document_name
from knowledge.application.understanding.query import Query


class Passages:
    """Cited passages for a question, a page at a time."""

    def __init__(self, search, page_size: int = 3):
        self.search = search
        self.page_size = page_size

    def answer(self, query: str, page: int = 0, hint: Any | None = None,
               understood: Query | None = None) -> Answer | None:
        """Page `page` of the answer to `query`; None when search found nothing relevant.

        `hint` (a numeric.LeadHint) gives the lead; its passage becomes [1]. `understood`: the
        question's `Query`, when the caller has it (its focus and whether it wants a figure say
        what a lead must show). When no clause answers (`coverage`), there is no lead: the
        passages are shown as related, under what the documents do not state (`missing`).
        """
        offset = page * self.page_size
        hits = self.search.search(query, k=self.page_size + 1, offset=offset, **self.scope(query, understood))
        has_more = len(hits) > self.page_size
        hits = hits[: self.page_size]
        matcher = Matcher(query)
        need = asked(query) if understood is None else asked(query, understood.focus)
        choice = None
        if page == 0 and hint is not None:
            hits, choice = hinted_lead(lambda _: hint, self.search.passage, query, hits, self.page_size, need,
                                       matcher)
        if not hits:
            return None
        if page == 0 and choice is None:
            choice = best_lead(query, matcher, hits, need)
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
                              excerpts[i].text, excerpts[i].figure, getattr(hit, "cite", None), document_name(hit))
                     for i, hit in enumerate(hits)]
        return Answer("answer", query, query=query, lead=choice.lead if choice else None, citations=citations,
                      page=page, has_more=has_more, message=message)


    def scope(self, query: str, understood: Query | None = None) -> dict:
        """Search arguments keeping to the documents the question names ({} when it names none indexed)."""
        refs = references_in(query, understood)
        if not refs:
            return {}
        ids, _ = named_documents(refs, self.search.documents())
        return {"doc_ids": ids} if ids else {}


class PassageAnswerer:
    """Search and the best clause: POSSIBLE with a lead, WEAK with related passages only."""

    name = "passages"
    ceiling = POSSIBLE

    def __init__(self, passages: Passages):
        self.passages = passages

    def propose(self, query: Query) -> Proposal | None:
        answer = self.passages.answer(query.text, understood=query)
        if answer is None:
            return None
        if answer.lead is None:
            return Proposal(answer, WEAK, self.name, "đoạn liên quan, không có câu trả lời")
        return Proposal(answer, POSSIBLE, self.name, f"câu dẫn từ [{answer.lead.citation}]")
