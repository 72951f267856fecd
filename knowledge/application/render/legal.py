"""A document's legal metadata as one line: "Quyết định 318/QĐ-TTg · Thủ tướng Chính phủ · ký 08/03/2022".

One formatter for /nguon and the admin's upload report, so an official reads
a document's number, issuer and dates the same way wherever it is listed.
"""

from __future__ import annotations

from knowledge.text.dates import format_date
from knowledge.text.normalize import fold


def legal_line(doc) -> str | None:
    """Plain text (escape it for HTML) of what `doc` (a DocumentInfo or DocumentRecord) states,
    or None when it states none of it (a news article)."""
    number, doc_type = getattr(doc, "number", None), getattr(doc, "doc_type", None)
    issuer = getattr(doc, "issuer", None)
    signed, effective = getattr(doc, "signed", None), getattr(doc, "effective", None)
    name = " ".join(x for x in (doc_type, number) if x)
    parts = [name, issuer,
             f"ký {format_date(signed)}" if signed else None,
             f"hiệu lực {format_date(effective)}" if effective else None]
    shown = [p for p in parts if p]
    return " · ".join(shown) if shown else None


def document_name(doc) -> str | None:
    """How a citation names a regulation: "Quyết định 318/QĐ-TTg" when it has a number; a law by
    its name ("Luật Hôn nhân và gia đình"), as lawyers do; None for a document without a number."""
    number, doc_type = getattr(doc, "number", None), getattr(doc, "doc_type", None)
    title = getattr(doc, "title", "") or ""
    if doc_type and doc_type.endswith("uật") and fold(title).startswith(fold(doc_type)):
        return title
    if not number:
        return None
    return f"{doc_type} {number}" if doc_type else number
