"""The published index on disk: layout, dense and BM25 indexes, read by search and written by the indexer."""
