"""Which indexed documents a question names ("theo Quyết định 318 ...", "luật hôn nhân gia đình").

Search then keeps to their passages (`SearchEngine.search(doc_ids=...)`);
a named document that is not indexed is searched as usual, and when that
finds nothing the reply says the document is not among the indexed ones
rather than only "not found".
"""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.domain.legal_documents import DocumentRef, find_references, refers_to


def named_documents(refs: Iterable[DocumentRef], documents: Iterable) -> tuple[frozenset[str], tuple[DocumentRef, ...]]:
    """(ids of the indexed `documents` the references name, the references that name none of them).

    Of several laws a name fits, those it names most fully ("luật tố tụng hành chính")."""
    documents = list(documents)
    ids: set[str] = set()
    unknown = []
    for ref in refs:
        scores = {d.doc_id: refers_to(ref, number=getattr(d, "number", None), doc_type=getattr(d, "doc_type", None),
                                      title=d.title) for d in documents}
        best = max(scores.values(), default=0)
        found = {doc_id for doc_id, score in scores.items() if best and score == best}
        ids |= found
        if not found:
            unknown.append(ref)
    return frozenset(ids), tuple(unknown)


def references_in(query: str, understood=None) -> tuple[DocumentRef, ...]:
    """The documents a question names: from its parsed `Query` when the caller has one, else its text."""
    return understood.documents if understood is not None else find_references(query)
