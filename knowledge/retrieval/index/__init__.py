"""The published index on disk: one format (layout, manifest, passages file, dense and BM25 indexes),
written by the indexer and read by search."""
