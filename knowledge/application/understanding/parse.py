"""Question text -> `Query`: every slot found once, by linking known things, for all answerers.

    query = understand("Xã Cao Xá huyện Tân Yên đạt NTM kiểu mẫu chưa?", registry)

Places are linked against the registries (`linking`); years, periods, document
numbers and the documents named ("theo Quyết định 318": `legal_documents`), the
NTM level, the counted unit, criterion references and the form of the question
are read from the folded words; what is left (content words
once places, years, levels and function words are out) is the focus (`focus`). Fast:
a few dictionary lookups per word; the phrase matcher over the registry is
built once per index.
"""

from __future__ import annotations

import re

from knowledge.application.understanding.focus import question_focus
from knowledge.application.understanding.linking import link_places
from knowledge.application.understanding.query import CriterionRef, Form, Query, Unit
from knowledge.application.understanding.words import DOC_NUMBER, Word, split_words
from knowledge.domain.communes.index import RegistryIndex
from knowledge.domain.communes.levels import parse_level
from knowledge.domain.criteria.lookup import UnknownPeriod, set_named_in
from knowledge.domain.legal_documents import find_references
from knowledge.text.folding import Folded
from knowledge.text.normalize import normalize

_WS = re.compile(r"\s+")
_BARE_DECISION = re.compile(r"(?<![\w/])(\d{2,5})/((?:19|20)\d{2})(?![\d/])")  # "51/2025" (no month is 51)
_PERIOD = re.compile(r"(?<![\d/])((?:19|20)\d{2})\s*(?:-|–|—|den|toi)\s*((?:19|20)\d{2})(?![\d/])")
_YEAR = re.compile(r"(?<![\d.,])(?:(\d{1,2})/)?((?:19|20)\d{2})(?![\d])")
# An NTM level as written; "Chương trình ... nông thôn mới" names the programme, not a level.
_LEVEL = re.compile(
    r"(?P<vh>(?:tieu chi\s+)?van hoa\W{0,3}(?:va\s+)?)?\b(?:ntm|nong thon moi)\b"
    r"(?:\s+(?P<grade>nang cao|kieu mau|thong minh|nc|km)\b)?"
    r"|\b(?:ntmnc|ntmkm)\b"
    r"|\b(?:nang cao|kieu mau)\b(?!\s+(?:chat luong|hieu qua|nang luc|doi song|thu nhap|nhan thuc|vai tro|trinh do))"
)
_NOT_A_LEVEL_BEFORE = re.compile(r"(?:xay dung|chuong trinh|mtqg|muc tieu quoc gia|nhiem vu)\s*$")
_CRITERION_NUMBER = re.compile(r"\b(?:tieu chi|tc)\s*(?:so|thu)?\s*(\d{1,2})\b")
_SHORT_NUMBER = re.compile(r"^\W*(?:(?:the|vay)\s+)?(?:con|va)?\s*(?:so|tieu chi|tc)\s*(\d{1,2})\b")
_GROUP = re.compile(r"\bnhom(?:\s+xa)?\s*(?:so\s*)?([1-3])\b")
_CRITERIA = re.compile(r"\b(?:tieu chi|bo tieu chi|nhom xa)\b|\b(?:318|51/2025)\b")
_CRITERION_NAME = re.compile(
    r"(?<!bo )\btieu chi\s+(?:ve\s+)?"
    r"(?!(?:so|thu|nao|gi|nay|do|xa|ntm|nong|quoc|la|cua|gom|co|duoc|de|ve|theo|giai)\b|\d)"
    r"([a-z]+(?:\s+[a-z]+){0,4}?)"
    r"(?=\s+(?:la|gom|co|duoc|thi|cua|giai|theo|trong|o|nam|bao|may|nhu|phai|can|dat|ra|the|gi)\b|\s*[^\w\s]|\s*$)"
)
_ABOUT_SET = re.compile(
    r"\bbo tieu chi\b.*\b(?:bao nhieu|may|gom|quyet dinh|ky|hieu luc|ban hanh|ap dung|nao|nhung)\b"
    r"|\b(?:quyet dinh|qd)\s*(?:so\s*)?(?:318|51)\b|\bap dung bo tieu chi\b"
)
# Forms, tried in this order (the first that fits wins): "năm nào" asks when, "xã nào" which.
_FORMS = (
    (Form.WHEN, re.compile(r"\b(?:khi nao|bao gio|(?:tu |vao )?nam nao|ngay nao|thang nao|thoi gian nao|"
                           r"thoi diem nao|luc nao|nam bao nhieu|hieu luc tu|ky ngay)\b")),
    (Form.HOW_MANY, re.compile(r"\b(?:bao nhieu|may|so luong|ty le|ti le|phan tram)\b|%")),
    (Form.YES_NO, re.compile(r"\b(?:chua|hay khong|phai khong|duoc khong|dung khong|co phai)\W*$|"
                             r"\bco\b.*\bkhong\W*$")),
    (Form.WHAT_IS, re.compile(r"\b(?:la gi|nghia la|la nhu the nao|la the nao|la (?:tieu chi|xa|nhom) gi|gi)\W*$|"
                              r"\bla gi\b")),
    (Form.WHICH, re.compile(r"\b(?:nao|nhung gi|gom nhung|bao gom|danh sach|liet ke|muc nao)\b")),
)
_FIGURE_LEVEL = re.compile(r"\bmuc nao\b")
# A unit word, and whether it is sure without an accent ("ho" may be hỗ, hồ; "ban" ban hành).
_UNITS: dict[tuple[str, ...], tuple[Unit, str | None]] = {
    ("xa",): (Unit.COMMUNE, None), ("phuong",): (Unit.COMMUNE, None), ("thi", "tran"): (Unit.COMMUNE, None),
    ("huyen",): (Unit.DISTRICT, None), ("thi", "xa"): (Unit.DISTRICT, None), ("quan",): (Unit.DISTRICT, "quận"),
    ("thon",): (Unit.VILLAGE, None), ("ap",): (Unit.VILLAGE, "ấp"), ("ban",): (Unit.VILLAGE, "bản"),
    ("lang",): (Unit.VILLAGE, "làng"), ("xom",): (Unit.VILLAGE, None), ("ho",): (Unit.HOUSEHOLD, "hộ"),
    ("tinh",): (Unit.PROVINCE, None),
}
_COUNTING = ("bao nhieu", "may", "so", "ty le", "ti le", "tong so", "so luong")  # "bao nhiêu xã": the unit asked
_AFTER_HOUSEHOLD = {"ngheo", "can", "gia", "dan", "dong"}


def clean(text: str | None) -> str:
    return _WS.sub(" ", normalize(text or "")).strip()


def understand(text: str, registry: RegistryIndex | None = None) -> Query:
    """The typed query of `text`; `registry` (the commune registry's index) links districts and communes."""
    text = clean(text)
    words = split_words(text)
    folded = Folded(text)
    ftext = folded.text
    places = tuple(link_places(text, words, registry))
    spans: list[tuple[str, int, int]] = []

    def span(m: re.Match, group: int = 0) -> tuple[int, int]:
        return folded.span(m.start(group), m.end(group))

    doc_numbers = []
    for m in DOC_NUMBER.finditer(text):
        doc_numbers.append(m.group())
        spans.append(("doc", m.start(), m.end()))
    for m in _BARE_DECISION.finditer(ftext):
        if int(m.group(1)) > 12 and not _inside(span(m), spans):
            a, b = span(m)
            doc_numbers.append(text[a:b])
            spans.append(("doc", a, b))

    period = None
    m = _PERIOD.search(ftext)
    if m:
        period = (int(m.group(1)), int(m.group(2)))
        spans.append(("period", *span(m)))
    years = []
    for m in _YEAR.finditer(ftext):
        at = span(m, 2)
        if _inside(at, spans) or (m.group(1) and int(m.group(1)) > 12):
            continue
        years.append(int(m.group(2)))
        spans.append(("year", *at))

    level = None
    for m in _LEVEL.finditer(ftext):
        if _NOT_A_LEVEL_BEFORE.search(ftext[:m.start()]):
            continue
        value = None if m.group("vh") else parse_level(m.group(0))
        if value is not None and level is None:
            level = value.value
            spans[:] = [("level_other", a, b) if name == "level" else (name, a, b) for name, a, b in spans]
            spans.append(("level", *span(m)))  # the level asked; a "văn hóa, NTM" before it is another kind
        elif level is None and not any(s[0] == "level" for s in spans):
            spans.append(("level", *span(m)))  # "(tiêu chí) văn hóa nông thôn mới", "NTM thông minh"
        else:
            spans.append(("level_other", *span(m)))

    criterion = _criterion(text, ftext, words, folded, spans)
    form = Form.OTHER
    for kind, pattern in _FORMS:
        m = pattern.search(ftext)
        if m:
            form = kind
            spans.append(("form", *span(m)))
            break
    if form is Form.WHICH and level is None and not any(p.commune_ids for p in places) and \
            _FIGURE_LEVEL.search(ftext):
        form = Form.HOW_MANY  # "hộ nghèo phải kéo xuống mức nào?": a figure; "đạt NTM mức nào?" asks a level
    unit = _unit(words, places)
    focus = question_focus(text, [(p.start, p.end) for p in places])
    return Query(text, ftext, places, tuple(dict.fromkeys(years)), period, level, unit, criterion,
                 tuple(dict.fromkeys(doc_numbers)), find_references(text), form, focus, spans=tuple(spans))


def _inside(at: tuple[int, int], spans) -> bool:
    return any(a <= at[0] and at[1] <= b for _, a, b in spans)


def _criterion(text: str, ftext: str, words: list[Word], folded: Folded, spans: list) -> CriterionRef | None:
    number = group = name = set_id = None
    m = _CRITERION_NUMBER.search(ftext)
    if m is None and sum(w.is_word for w in words) <= 5:
        m = _SHORT_NUMBER.search(ftext)  # "còn số 6?": a follow-up about another criterion
    if m:
        number = int(m.group(1))
        spans.append(("criterion", *folded.span(m.start(1), m.end(1))))
    g = _GROUP.search(ftext)
    if g:
        group = int(g.group(1))
        spans.append(("group", *folded.span(g.start(1), g.end(1))))
    if not (m or g or _CRITERIA.search(ftext)):
        return None
    n = _CRITERION_NAME.search(ftext)
    if n and not number:
        at = folded.span(n.start(1), n.end(1))
        if not any(name_.startswith("level") and a <= at[0] < b for name_, a, b in spans):
            name = text[at[0]:at[1]]
            spans.append(("criterion_name", *at))
    try:
        found = set_named_in(ftext)
    except UnknownPeriod:
        found = None
    set_id = found.id if found else None
    about = bool(_ABOUT_SET.search(ftext)) and number is None and group is None and name is None
    return CriterionRef(number, name, set_id, group, about)


def _unit(words: list[Word], places) -> Unit | None:
    """The unit counted ("bao nhiêu xã"), else the first unit word that is not part of a place."""
    def inside(w: Word) -> bool:
        return any(p.start <= w.start < p.end for p in places)

    first = None
    for i, w in enumerate(words):
        if inside(w):
            continue
        phrase = next((p for p in sorted(_UNITS, key=len, reverse=True)
                       if tuple(x.folded for x in words[i:i + len(p)]) == p), None)
        if phrase is None:
            continue
        if phrase == ("xa",) and (i + 1 < len(words) and words[i + 1].folded == "hoi" or
                                  i > 0 and words[i - 1].folded == "thi"):
            continue  # xã hội; thị xã is read as its own phrase
        unit, accented = _UNITS[phrase]
        before = " ".join(x.folded for x in words[max(0, i - 2):i])
        counted = any(before.endswith(c) for c in _COUNTING) or (i > 0 and words[i - 1].folded.isdigit())
        if accented is not None and w.accented and w.text.casefold() != accented:
            continue  # "áp dụng", "ban hành" typed with their accents
        if accented is not None and not w.accented and not counted and not (
                unit is Unit.HOUSEHOLD and i + 1 < len(words) and words[i + 1].folded in _AFTER_HOUSEHOLD):
            continue  # unaccented "ho", "ban", "ap", "quan": too many other words
        if unit is Unit.PROVINCE and not counted:
            continue
        if counted:
            return unit
        first = first or unit
    return first
