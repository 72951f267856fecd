"""State documents (plans, decisions, reports): their header and the title officials cite them by.

A state document opens with the national motto, the issuer, its number and
the place and date of signing; its provinces are in that header as much as
in the body, and its title is "Kế hoạch 85/KH-UBND: <subject>".
"""

from __future__ import annotations

import re

from indexer.clean import DOC_NUMBER_RE, fold_line, is_content, paragraphs
from indexer.metadata.title import tidy_title

_MOTTO_RE = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\W+tu do\W+hanh phuc")
_DOC_TYPES = {
    "ke hoach", "quyet dinh", "thong bao", "bao cao", "nghi quyet", "chi thi", "huong dan", "to trinh",
    "de an", "cong van", "chuong trinh", "thong tu", "nghi dinh", "ke hoach lien tich", "quy che", "quy dinh",
}


def state_document_header(raw: str) -> str | None:
    """The header of a state document (issuer, number, place and date) as
    one string, or None when the text is not one (no national motto on top)."""
    head = [p.text for p in paragraphs(raw)[:15]]
    if not any(_MOTTO_RE.fullmatch(fold_line(text).strip(" .")) for text in head):
        return None
    lines = []
    for text in head:
        if len(text.split()) >= 25 and is_content(text):
            break
        lines.append(text)
    return "\n".join(lines)


def state_document_title(raw: str, headline: str) -> str:
    """'KẾ HOẠCH' + 'Số: 85/KH-UBND' + the subject line ->
    'Kế hoạch 85/KH-UBND: Thực hiện ...' (how officials cite documents)."""
    doc_type, number = None, None
    for para in paragraphs(raw)[:15]:
        text = para.text
        key = fold_line(text).strip(" .:")
        if number is None and key.startswith("so"):
            found = DOC_NUMBER_RE.search(text)
            number = found.group() if found else None
        if key in _DOC_TYPES:
            doc_type = text.strip(" .:").capitalize()
        if tidy_title(text) == headline:
            break
    if not doc_type:
        return headline
    return f"{doc_type} {number}: {headline}" if number else f"{doc_type}: {headline}"
