"""State documents (plans, decisions, reports): their header and the title officials cite them by.

A state document opens with the national motto, the issuer, its number and
the place and date of signing; its provinces are in that header as much as
in the body, and its title is "Kế hoạch 85/KH-UBND: <subject>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from indexer.clean import DOC_NUMBER_RE, fold_line, is_content, paragraphs
from indexer.metadata.dates import document_date
from indexer.metadata.title import tidy_title
from knowledge.domain.legal_documents import MINISTRIES, issuer_of_number, type_named, type_of_code, type_of_number
from knowledge.text.segment import DOC_NUMBER, canonical

# The national motto (folded), which opens every state document's header.
MOTTO_RE = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\W+tu do\W+hanh phuc")
_DOC_TYPES = {
    "ke hoach", "quyet dinh", "thong bao", "bao cao", "nghi quyet", "chi thi", "huong dan", "to trinh",
    "de an", "cong van", "chuong trinh", "thong tu", "nghi dinh", "ke hoach lien tich", "quy che", "quy dinh",
}


def state_document_header(raw: str) -> str | None:
    """The header of a state document (issuer, number, place and date) as
    one string, or None when the text is not one (no national motto on top)."""
    head = [p.text for p in paragraphs(raw)[:15]]
    if not any(MOTTO_RE.fullmatch(fold_line(text).strip(" .")) for text in head):
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


# ------------------------------------------------------------------ legal metadata


@dataclass(frozen=True)
class LegalMetadata:
    """What officials cite a regulation or plan by; every field None when the text does not state it."""

    number: str | None = None  # "318/QĐ-TTg", "52/2014/QH13"
    doc_type: str | None = None  # "Quyết định", "Luật", "Công văn"
    issuer: str | None = None  # "Thủ tướng Chính phủ", "UBND tỉnh Bắc Giang"
    signed: str | None = None  # ISO date of signing (a law: the day it was passed)
    effective: str | None = None  # ISO date it takes effect, when the text states one

    @property
    def empty(self) -> bool:
        return not any((self.number, self.doc_type, self.issuer, self.signed, self.effective))


_HEAD_LINES = 30
_HEAD_CHARS = 6000  # the header is in the first lines; a long regulation is not split whole for it
_RULE_RE = re.compile(r"[-_=*.…–—]{3,}")
_NUMBER_LINE_RE = re.compile(r"^(?:(?:bo )?luat |nghi quyet |phap lenh )?so\s*:?\s*\d")
_PLACE_DATE_RE = re.compile(r"^[^\W\d][\w .()-]{1,40}, ngay\b")
_SUBJECT_RE = re.compile(r"^(?:v/v|ve viec)\b")
_UNIT_RE = re.compile(r"^(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa|xa|phuong|thi tran)\b")
_SIGNED_LAW_RE = re.compile(r"\bthong qua ngay\b")
# "Quyết định này có hiệu lực ...": its own date, not that of a decision it cites.
_EFFECTIVE_RE = re.compile(r"\bnay co hieu luc(?: thi hanh)?(?: ke)? tu ngay\b\s*(?P<sign>ky\b)?")
_ISSUERS = {
    "thu tuong chinh phu": "Thủ tướng Chính phủ", "chinh phu": "Chính phủ", "quoc hoi": "Quốc hội",
    "uy ban thuong vu quoc hoi": "Ủy ban Thường vụ Quốc hội", "van phong chinh phu": "Văn phòng Chính phủ",
    "ban chap hanh trung uong": "Ban Chấp hành Trung ương", "bo chinh tri": "Bộ Chính trị",
}
_LOCAL_RE = re.compile(
    r"^(?P<body>uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\s+(?P<unit>tinh|thanh pho|tp\.?|huyen|quan|thi xa|xa|"
    r"phuong|thi tran)\s+(?P<name>.+)$")
_UNITS = {"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố", "tp.": "thành phố", "huyen": "huyện",
          "quan": "quận", "thi xa": "thị xã", "xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}


def legal_metadata(raw: str, title: str | None = None, file_name: str | None = None) -> LegalMetadata:
    """Number, type, issuer, signing and in-force dates from a state document's header (the national
    motto on top), else from a title that opens with its type and number ("Quyết định 318/QĐ-TTg ..."),
    else from a file name that is a number ("318-QD-TTg", "Nghi-dinh-98_2023_ND-CP"); a news article
    gets nothing (the decrees it mentions are not what it is)."""
    head = _head_cells(raw)
    if head is not None:
        found = _from_header(head)
    elif title and (found := _from_title(title)) is not None:
        pass
    elif file_name and (found := _from_file_name(file_name)) is not None:
        pass
    else:
        return LegalMetadata()
    number, doc_type, issuer, signed = found
    if signed is None and doc_type in ("Luật", "Bộ luật", "Nghị quyết", "Hiến pháp"):
        key, m = _find(raw, ("thông qua", "thong qua"), _SIGNED_LAW_RE)
        signed = document_date(key[m.end():m.end() + 40]) if m else None
    effective = None
    key, m = _find(raw, ("hiệu lực", "hieu luc"), _EFFECTIVE_RE)
    if m:
        effective = signed if m.group("sign") else document_date(key[m.end():m.end() + 40])
    return LegalMetadata(number, doc_type, issuer or (issuer_of_number(number) if number else None), signed,
                         effective)


def _find(raw: str, clues: tuple[str, ...], pattern: re.Pattern) -> tuple[str, re.Match | None]:
    """The first match of `pattern` in a folded paragraph of `raw`, only paragraphs holding a clue being
    folded (a long regulation is not folded whole for one sentence near its end)."""
    for para in paragraphs(raw):
        lower = para.text.lower()
        if any(clue in lower for clue in clues):
            key = fold_line(para.text)
            m = pattern.search(key)
            if m:
                return key, m
    return "", None


def _head_cells(raw: str) -> list[str] | None:
    """The header's cells (a DOCX table row "A | B" is two), mottos and rules cut out; None without a motto."""
    cells: list[str] = []
    motto = False
    lines = islice((line for line in raw[:_HEAD_CHARS].split("\n") if line.strip()), _HEAD_LINES)
    for line in lines:
        if len(line.split()) >= 25 and is_content(line):
            break
        for cell in re.split(r"\s+\|\s+|\t", line):
            cell = " ".join(cell.split())
            key = fold_line(cell)
            spans = [m.span() for m in MOTTO_RE.finditer(key)]
            if len(key) != len(cell):  # a letter that folds to two: the spans do not index the cell
                motto = motto or bool(spans)
                spans = []
            motto = motto or any(_is_motto(cell, a, b) for a, b in spans)
            parts, at = [], 0
            for a, b in spans:
                parts.append(cell[at:a])
                at = b
            parts.append(cell[at:])
            for part in parts:
                part = _RULE_RE.sub(" ", part).strip(" -–—.:;|")
                if part:
                    cells.append(" ".join(part.split()))
    return cells if motto else None


def _is_motto(cell: str, start: int, end: int) -> bool:
    """The motto as a header line, not the country named in a sentence: a line of a PDF's body
    ("... lãnh thổ nước Cộng hòa xã hội chủ nghĩa Việt Nam; việc đăng ký,") made a law's text a header.
    A header writes it in capitals, or on a line of its own."""
    found = cell[start:end]
    if fold_line(found).startswith("doc lap"):  # "Độc lập - Tự do - Hạnh phúc" is only ever the motto
        return True
    return found.isupper() or not (cell[:start].strip() or cell[end:].strip(" .,;"))


def _from_header(cells: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    number = doc_type = signed = None
    issuer_lines: list[str] = []
    subject = False
    for cell in cells:
        key = fold_line(cell)
        if number is None and _NUMBER_LINE_RE.match(key):
            found = DOC_NUMBER.search(re.sub(r"\s*([/-])\s*", r"\1", cell))
            number = canonical(found.group()) if found else None
            if doc_type is None and key.startswith(("luat", "bo luat")):
                doc_type = "Bộ luật" if key.startswith("bo luat") else "Luật"
            continue
        if signed is None and _PLACE_DATE_RE.match(key):
            signed = document_date(cell)
            continue
        if _SUBJECT_RE.match(key):
            subject = True
            continue
        named = type_named(key)
        if named is not None and cell.isupper() and (key == named.words or named.words in _LAW_WORDS):
            doc_type = doc_type or named.name
            continue
        if number is None and doc_type is None and cell.isupper() and not any(c.isdigit() for c in cell):
            issuer_lines.append(cell)
    if doc_type is None and number:
        known = type_of_number(number)
        doc_type = known.name if known else ("Công văn" if subject else None)
    return number, doc_type, _issuer(issuer_lines), signed


_LAW_WORDS = ("luat", "bo luat", "phap lenh", "hien phap")


def _issuer(lines: list[str]) -> str | None:
    """The issuing body of the header's upper-case lines: the last one, joined with what continues it
    ("ỦY BAN NHÂN DÂN" + "TỈNH LONG AN"; "BỘ NÔNG NGHIỆP VÀ" + "PHÁT TRIỂN NÔNG THÔN")."""
    if not lines:
        return None
    names = [lines[0]]
    for line in lines[1:]:
        if _UNIT_RE.match(fold_line(line)) or fold_line(names[-1]).endswith((" va", ",", "-")):
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
    return _issuer_name(names[-1])


def _issuer_name(upper: str) -> str:
    """How a body is written in running text: "UBND TỈNH BẮC GIANG" -> "UBND tỉnh Bắc Giang"."""
    key = fold_line(upper)
    if key in _ISSUERS:
        return _ISSUERS[key]
    m = _LOCAL_RE.match(key)
    if m and len(key) == len(upper):
        body = "UBND" if m.group("body") in ("uy ban nhan dan", "ubnd") else "HĐND"
        return f"{body} {_UNITS[m.group('unit')]} {upper[m.start('name'):].title()}"
    m = re.match(r"(bo|so) (.+)$", key)
    if m and m.group(2) in MINISTRIES:
        return f"{'Bộ' if m.group(1) == 'bo' else 'Sở'} {MINISTRIES[m.group(2)]}"
    # Acronyms (PTNT, NN&PTNT: no vowel) stay as written; the rest in sentence case.
    words = [w if not re.search(r"[aeiouy]", fold_line(w)) else w.lower() for w in upper.split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _from_title(title: str) -> tuple[str | None, str | None, str | None, str | None] | None:
    """ "Quyết định 318/QĐ-TTg: ...", "Luật Hôn nhân và gia đình" -> (number, type, None, None); None when
    the title does not open with a type."""
    named = type_named(fold_line(title))
    if named is None:
        return None
    rest = title[len(named.words):]
    found = DOC_NUMBER.match(re.sub(r"^\s*(?:số|Số)?\s*:?\s*", "", rest))
    if found is None and named.words not in _LAW_WORDS:
        return None  # "Kế hoạch phát triển ...": a subject, not a cited document
    return (canonical(found.group()) if found else None), named.name, None, None


_FILE_NUMBER_RE = re.compile(
    r"^(?:(?P<type>[a-z]+(?:[\s_-]+[a-z]+)?)[\s_-]+(?:so[\s_-]+)?)?(?P<n>\d{1,5})[\s_-]+"
    r"(?:(?P<y>(?:19|20)\d{2})[\s_-]+)?(?P<code>[a-z]{2,4})[\s_-]+(?P<issuer>[a-z]{2,10}\d{0,2})(?:$|[\s_.-])")


def _from_file_name(stem: str) -> tuple[str | None, str | None, str | None, str | None] | None:
    """ "318-QD-TTg", "qd_318_QĐ-TTg", "Nghi-dinh-98-2023-ND-CP" -> ("98/2023/NĐ-CP", "Nghị định", None, None):
    files cannot hold "/", so officials write the number with "-" or "_"; the code must be a type's."""
    key = fold_line(stem)
    m = _FILE_NUMBER_RE.match(key)
    doc_type = type_of_code(m.group("code")) if m else None
    if doc_type is None or len(key) != len(stem):
        return None
    named = m.group("type")
    if named and (type_named(re.sub(r"[\s_-]+", " ", named)) or type_of_code(named)) not in (doc_type, None):
        return None  # "nghi-dinh-318-QD-TTg": the words and the code disagree
    code = "".join(w[0] for w in doc_type.name.split()).upper()  # Quyết định -> QĐ
    year = f"{m.group('y')}/" if m.group("y") else ""
    issuer = stem[m.start("issuer"):m.end("issuer")]
    return f"{m.group('n')}/{year}{code}-{issuer}", doc_type.name, None, None
