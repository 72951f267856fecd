"""A document's passages with their place in its structure, ready for the index.

Why here and not in the splitter: splitting knows sentences, the structure
knows articles; a passage record needs both (its slice, the article it
keeps to, its citation "Điều 31 khoản 2" and its heading chain), and the
models read the heading chain before the text so a clause deep in a long
article still carries the article's subject.
"""

from __future__ import annotations

from indexer.readers import SourceDocument
from indexer.split import split_document
from knowledge.retrieval.index.lexical import lexical_text
from knowledge.retrieval.index.passages import Passage, interned
from knowledge.text.tokens import word_tokens

__all__ = ["document_passages", "heading"]


def document_passages(doc: SourceDocument) -> list[Passage]:
    """Split `doc` within its articles or sections; ids `<doc_id>#0001`, ... in text order."""
    structure, chunks = split_document(doc.text)
    passages = []
    for i, c in enumerate(chunks):
        place = structure.place(c.start, c.end)
        context = _unsaid(place.context, c.text)
        words = interned(word_tokens(lexical_text(heading(doc.title, context), c.text), bigrams=True))
        passages.append(Passage(f"{doc.doc_id}#{i + 1:04d}", doc.doc_id, c.text, c.start, c.end, words,
                                place.cite, context, place.article))
    return passages


def _unsaid(context: str | None, text: str) -> str | None:
    """The heading chain without its last heading when the passage opens with it ("Điều 8. ...",
    maybe after the chapter's title)."""
    if not context:
        return None
    *outer, last = context.split(" > ")
    if last.rstrip("…") in text[:len(last) + 200]:
        return " > ".join(outer) or None
    return context


def heading(title: str, context: str | None) -> str:
    """What the models read before a passage: the document's title, then its heading chain
    unless the title already says it (an ALQAC article's title names its article)."""
    if not context or context in title:
        return title
    return f"{title}. {context}" if title else context
