"""Search over the built index: hybrid dense + lexical retrieval with a relevance threshold."""

from knowledge.retrieval.search.engine import DocumentInfo, Hit, IndexNotFound, SearchEngine

__all__ = ["DocumentInfo", "Hit", "IndexNotFound", "SearchEngine"]
