"""All metadata of one article at once: what each finder found, hints first.

Everything is read from the raw text (before cleaning), because the clues
are exactly what cleaning removes: the date stamp above the headline, the
"(Thanhuytphcm.vn) -" lead, the "Nguồn: ..." line, the site name in the
footer. Provinces are counted in the cleaned text so that a footer address
("Địa chỉ: ... Tỉnh Long An") does not outvote the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.clean import clean_text, normalized
from indexer.metadata.dates import find_date
from indexer.metadata.provinces import rank_provinces
from indexer.metadata.source import find_source
from indexer.metadata.state_document import LegalMetadata, legal_metadata, state_document_header, state_document_title
from indexer.metadata.title import derive_title, find_headline, tidy_title


@dataclass
class Metadata:
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    source: str | None = None
    url: str | None = None
    provinces: list[str] = field(default_factory=list)
    # The title as it appears in the text (headline or given title), which
    # cleaning removes along with captions repeating it. None when the title
    # was derived from the URL or the first sentence.
    headline: str | None = None
    legal: LegalMetadata = field(default_factory=LegalMetadata)  # number, type, issuer, dates of a regulation


def extract_metadata(raw_text: str, *, hints: Metadata | None = None, file_name: str | None = None) -> Metadata:
    """Metadata of one article; `hints` (from HTML meta tags, a DOCX title,
    JSONL fields) win over what is guessed from the text. `file_name` (a file's stem)
    may state a regulation's number ("318-QD-TTg")."""
    raw = normalized(raw_text)
    hints = hints or Metadata()
    title = tidy_title(hints.title, raw) if hints.title else find_headline(raw)
    headline = title
    issuer = state_document_header(raw)
    if title and not hints.title and issuer is not None:
        title = state_document_title(raw, title)
    date = hints.date or find_date(raw)
    source, found_url = find_source(raw, site_hint=hints.source)
    url = hints.url or found_url  # the address of this copy (canonical link) first
    body = clean_text(raw, title=headline)
    if not title:
        title = derive_title(body, url)
    found = hints.provinces or rank_provinces(body, title=title, source=source, issuer=issuer)
    legal = legal_metadata(raw, title, file_name)
    return Metadata(title=title, date=date, source=source, url=url, provinces=found, headline=headline, legal=legal)
