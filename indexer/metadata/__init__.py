"""Title, publication date, publisher, URL and provinces of one article.

`extract_metadata` asks each finder (`title`, `state_document`, `dates`,
`source` with `sites`, `provinces`; a regulation's number, type, issuer and dates
from `state_document`) and lets the hints a format states
(HTML meta tags, a DOCX title, JSONL fields) win over what is guessed.
"""

from indexer.metadata.dates import document_date, find_date
from indexer.metadata.extract import Metadata, extract_metadata
from indexer.metadata.provinces import provinces_from_field, rank_provinces
from indexer.metadata.sites import KNOWN_SITES, site_name
from indexer.metadata.source import Source, find_source
from indexer.metadata.state_document import LegalMetadata, legal_metadata
from indexer.metadata.title import derive_title, find_headline, tidy_title

__all__ = [
    "KNOWN_SITES", "LegalMetadata", "Metadata", "Source", "derive_title", "document_date", "extract_metadata",
    "find_date", "find_headline", "find_source", "legal_metadata", "provinces_from_field", "rank_provinces",
    "site_name", "tidy_title",
]
