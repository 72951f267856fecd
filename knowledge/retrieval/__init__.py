"""Retrieval layer: embedding models, the on-disk index format and hybrid search."""
