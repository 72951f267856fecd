"""Which paragraphs are the article: the cleaning pipeline on top of `paragraphs`.

Before the first content paragraph (the head) weak paragraphs go; after
the last one (the tail) everything goes, which removes bylines, "Nguồn: ..."
lines and footers; in between, weak paragraphs go only when they sit next
to other junk, so a real subheading like "Đánh giá" inside the article stays.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from indexer.clean.chrome import is_weak_line
from indexer.clean.fold import fold_line
from indexer.clean.lines import DOC_NUMBER_RE, LEAD_MARKER_RE, ends_sentence, is_content
from indexer.clean.paragraphs import paragraphs
from indexer.structure.legal import is_structural_heading


@dataclass(slots=True)
class _Para:
    """A paragraph being judged; `junk` is set as rules drop it."""

    text: str
    junk: bool = False  # dropped; kept so that neighbours know junk was here


def clean_text(text: str, *, title: str | None = None) -> str:
    """Article text only, NFC, paragraphs separated by a blank line.

    `title`, when known, removes the headline and captions that repeat it
    (the title is stored separately and shown with every passage), unless
    that would leave no content: a notice of one sentence, taken for its own
    headline, is still a document of one sentence.
    """
    return _clean(text, title)


@functools.lru_cache(maxsize=4)
def _clean(text: str, title: str | None) -> str:
    # cached: metadata extraction and the reader clean the same raw text
    paras = [_Para(p.text, p.junk) for p in paragraphs(text)]
    if title:
        repeats = [p for p in paras if not p.junk and repeats_title(p.text, title)]
        for para in repeats:
            para.junk = True
        if not any(not p.junk and is_content(p.text) for p in paras):
            for para in repeats:
                para.junk = False
    _drop_related_lists(paras)
    _drop_recipients_and_signature(paras)
    _drop_by_position(paras)
    kept = [p.text for p in paras if not p.junk]
    if kept:
        kept[0] = LEAD_MARKER_RE.sub("", kept[0], count=1)
    kept = [_tidy(p) for p in kept]
    return "\n\n".join(p for p in kept if p)


def _drop_by_position(paras: list[_Para]) -> None:
    live = [i for i, p in enumerate(paras) if not p.junk]
    content = [i for i in live if is_content(paras[i].text) and not is_weak_line(paras[i].text)]
    if not content:
        for i in live:
            if is_weak_line(paras[i].text):
                paras[i].junk = True
        return
    first, last = content[0], content[-1]
    headings = _structural(paras, live)
    for i in live:
        para = paras[i]
        if i > last:
            para.junk = True  # tail: bylines, sources, footers, widgets
        elif i in headings:
            continue
        elif i < first:
            short = len(para.text.split()) <= 4 and not DOC_NUMBER_RE.search(para.text)
            if is_weak_line(para.text) or (short and _near_junk(paras, i)):
                para.junk = True
        elif is_weak_line(para.text) and _near_junk(paras, i):
            para.junk = True


def _structural(paras: list[_Para], live: list[int]) -> set[int]:
    """"CHƯƠNG II" / "PHỤ LỤC I" and the all-caps name on the line after ("KẾT HÔN"): headings that
    place the articles, not a site's menu, wherever they stand before the last content."""
    kept: set[int] = set()
    for n, i in enumerate(live):
        if is_structural_heading(paras[i].text) and not is_content(paras[i].text):
            kept.add(i)
            if n + 1 < len(live) and not is_content(paras[live[n + 1]].text) \
                    and len(paras[live[n + 1]].text) <= 150 and not is_structural_heading(paras[live[n + 1]].text):
                kept.add(live[n + 1])
    return kept


def _drop_recipients_and_signature(paras: list[_Para]) -> None:
    """A state document ends with "Nơi nhận:" (the distribution list) and the
    signature block; both go, from that line on."""
    seen_content = False
    for k, para in enumerate(paras):
        if para.junk:
            continue
        if seen_content and re.fullmatch(r"noi nhan ?:?.{0,80}", fold_line(para.text)):
            for rest in paras[k:]:
                rest.junk = True
            return
        seen_content = seen_content or is_content(para.text)


def _near_junk(paras: list[_Para], i: int) -> bool:
    """Is a removed or weak paragraph directly before or after paragraph i?"""
    return any(
        0 <= j < len(paras) and (paras[j].junk or is_weak_line(paras[j].text)) for j in (i - 1, i + 1)
    )


_RELATED_RE = re.compile(
    r"(cac )?(tin|bai( viet)?) (lien quan|cung chuyen muc|khac|moi hon|cu hon)|xem them|doc them"
    r"|co the ban quan tam|co the ban chua doc"
)


def _drop_related_lists(paras: list[_Para]) -> None:
    """After a "Tin liên quan" heading, the linked headlines (no final stop) go too."""
    dropping = False
    for para in paras:
        if _RELATED_RE.fullmatch(fold_line(para.text).strip(" :>»")):
            para.junk = dropping = True
        elif dropping and not para.junk:
            if ends_sentence(para.text) or len(para.text.split()) > 30:
                dropping = False
            else:
                para.junk = True


def repeats_title(paragraph: str, title: str) -> bool:
    """The headline itself or a photo caption restating it."""
    a, b = _comparable(paragraph), _comparable(title)
    if not a or not b or len(a) > 1.4 * len(b) + 10:
        return False
    return a == b or fuzz.ratio(a, b) >= 88


def _comparable(text: str) -> str:
    key = fold_line(text)
    key = re.sub(r"\bntm\b", "nong thon moi", key)
    key = re.sub(r"\bmtqg\b", "muc tieu quoc gia", key)
    return re.sub(r"[^\w ]+", "", key).strip()


_PHOTO_CREDIT_RE = re.compile(r"\s*\((ảnh|Ảnh|ẢNH)\s*:[^()]{1,60}\)$")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"(\w) +([,;:!?).])(?=\s|$)")


def _tidy(paragraph: str) -> str:
    """Drop a trailing "(Ảnh: ...)" credit; no space before punctuation ("nâng cao , năm")."""
    if paragraph.endswith(")"):
        paragraph = _PHOTO_CREDIT_RE.sub("", paragraph)
    if " " in paragraph:
        paragraph = _SPACE_BEFORE_PUNCT_RE.sub(r"\1\2", paragraph)
    return paragraph.strip()
