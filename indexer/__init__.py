"""Turns documents into a published search index (see indexer.build)."""
