"""Extracting planned figures (chỉ tiêu) from passage text, by Vietnamese patterns.

How it reads a sentence: find every figure ("29 xã", "94/151 xã",
"62,2%", "54 triệu đồng/người/năm"), then read the clause around each one.
The words after the figure usually say what it counts ("... xã đạt chuẩn
NTM nâng cao"), the words before say how ("thêm", "nâng tổng số", "ít
nhất", "tỷ lệ hộ nghèo ... giảm còn"), and a list header ("Đối với xã
NTM nâng cao: Năm 2021: 12 xã; Năm 2022: ...") covers the items after it.
Year and province are resolved in `context` (clause, sentence, passage,
document).

A figure becomes a target only when it is tied to an NTM level or to a
known social indicator: precision matters more than recall, since every row
is shown to officials as a quoted fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.domain.targets import lexicon as L
from knowledge.domain.targets.context import Context, make_context, resolve_province, resolve_year
from knowledge.domain.targets.model import Kind, Target
from knowledge.text.folding import Folded
from knowledge.text.numbers import parse_number
from knowledge.text.sentences import sentence_spans

_SP = r"[^\S\n]"
_BEFORE = r"(?<![\w/.,\-])"
_COUNT = re.compile(
    rf"{_BEFORE}(?P<num>{L.NUM})(?:/(?P<den>{L.NUM}))?(?![\w/%\-]){_SP}+(?P<unit>{L.UNIT_RE})\b"
)
_PERCENT = re.compile(rf"{_BEFORE}(?P<num>{L.NUM}){_SP}?%")
_MONEY = re.compile(
    rf"{_BEFORE}(?P<num>{L.NUM}){_SP}*(?P<measure>(?:trieu|ty|nghin|ngan)\b"
    rf"(?:{_SP}*(?:dong|vnd)\b(?:{_SP}*/{_SP}*(?:nguoi|ho|nam|thang|khau)\b)*"
    rf"|(?:{_SP}*/{_SP}*(?:nguoi|ho|nam|thang|khau)\b)+))"
)
# A share stated right after a count: "94/151 xã đạt (62,2%)", "10 xã (dự kiến đạt 64,6%)",
# "35/151 xã đạt (23,2)", "120 xã, chiếm 60%".
_ATTACH = re.compile(
    rf"{_SP}*(?:dat{_SP}*)?(?:\({_SP}*|,{_SP}*(?=chiem|dat|bang|tuong duong))"
    rf"(?:(?:du kien|uoc dat|uoc|chiem|dat|bang|tuong duong|khoang|ty le){_SP}+)*"
    rf"(?P<num>{L.NUM})(?P<pct>{_SP}?%)?"
)
_PAREN = re.compile(r"\([^()\n]*\)")
_BREAKS = set(";:()[]\n“”\",")
_TAIL_STOP = re.compile(r"\.\s|\s(?:va|dong thoi|nang tong|tong so|trong do)\b|\bnang tong\b")
_UNIT_AFTER = re.compile(rf"^{_SP}*(?:so{_SP}+)?(?P<unit>{L.UNIT_RE})\b")
_UNIT_OF_RATE = re.compile(rf"\bty le{_SP}+(?:so{_SP}+)?(?P<unit>{L.UNIT_RE})\b")
_BARE_GRADE = re.compile(r"\b(?:dat chuan|xa|huyen|thon|ap|ban|lang)\s+(kieu mau|nang cao)\b")
_RATE_VERB = re.compile(r"\s+(?:dat|giam|tang|la|con|o muc|duy tri|tu|tren|duoi|it nhat|toi thieu)\b.*$")
_DISTRICT = re.compile(r"\b(?i:huyện|thị xã|quận)\s+((?:[^\W\d_]+\s?){1,4})")
# "năm 2025 tỉnh ...", "Số 31", "Phường 2", "lần thứ 11 huyện": numbers that name, not count.
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:nam|thang|ngay|khoan|dieu|muc|phuong|quan|quoc lo|lan thu)|(?<!tong )\bso)\s*$"
)
_LIST_SEPARATOR = re.compile(r"[\s,;]*(?:va|cung nhu)?[\s,;]*")
_SHARE_LEAD = re.compile(r"[\s,]*(?:dat|chiem|bang|tuong duong)?(?:\s+ty le)?\s*")


@dataclass
class _Figure:
    form: str  # "count" | "percent" | "money"
    start: int  # folded offsets within the sentence
    end: int
    num: str
    den: str | None = None
    unit: str | None = None
    measure: str | None = None
    att_start: int | None = None
    att_end: int | None = None
    att_num: str | None = None
    kind: Kind | None = None
    list_kind: Kind | None = None  # what the next item of an enumeration inherits
    tail_end: int = 0

    @property
    def end_all(self) -> int:
        return self.att_end if self.att_end is not None else self.end


def extract_targets(
    text: str,
    *,
    doc_id: str,
    passage_id: str | None = None,
    doc_provinces: Sequence[str] = (),
    doc_year: int | None = None,
    doc_title: str | None = None,
    doc_text: str | None = None,
    passage_start: int | None = None,
) -> list[Target]:
    """Targets stated in `text` (a passage, paragraph or whole document).

    Offsets are relative to `text`. `doc_title`/`doc_text` (the whole
    document) are optional context: they give the province and year to
    passages that do not repeat them.
    """
    ctx = make_context(text, doc_provinces, doc_year, doc_title, doc_text, passage_start)
    targets: list[Target] = []
    for s_start, s_end in sentence_spans(text):
        found = _sentence_targets(text, s_start, s_end, ctx, doc_id, passage_id, doc_title)
        targets.extend(found)
        if found and found[-1].year is not None:
            ctx.carried_year = found[-1].year
    return targets


# ---------------------------------------------------------------- one sentence


def _sentence_targets(text, s_start, s_end, ctx: Context, doc_id, passage_id, doc_title) -> list[Target]:
    sentence = text[s_start:s_end]
    folded = Folded(sentence)
    work = _mask(folded.text)
    figures = _find_figures(work)
    if not figures:
        return []
    work = _blank_parentheticals(work, figures)
    out = []
    prev: _Figure | None = None
    for i, fig in enumerate(figures):
        nxt = figures[i + 1].start if i + 1 < len(figures) else len(work)
        head_start = _head_start(work, prev.tail_end if prev else 0, fig.start)
        head = work[head_start:fig.start]
        tail = _tail(work, fig.end_all, nxt)
        fig.tail_end = fig.end_all + len(tail)
        target = _classify(fig, prev, head, tail, work, head_start)
        if target is None:
            fig.tail_end = fig.end_all
            if fig.form == "percent" and prev is not None and prev.form == "count" and out \
                    and out[-1].percent_quote is None and prev.kind is not None and _SHARE_LEAD.fullmatch(head):
                out[-1] = _with_share(out[-1], text, s_start, folded, fig)  # "85 xã ..., đạt 78,7%"
            prev = fig
            continue
        prev = fig
        kind, unit, level, indicator = target
        year, period = resolve_year(fig.start, fig.end_all, head, tail, work, text, s_start, ctx)
        province = resolve_province(sentence, folded.span(fig.start, fig.end)[0], text, s_start, ctx)
        out.append(_build(
            text, s_start, sentence, folded, fig, head_start, kind, unit, level, indicator, year, period,
            province, doc_id, passage_id, doc_title,
        ))
    return out


def _mask(folded: str) -> str:
    chars = list(folded)
    for pattern in L.PROTECTED_COMMAS:
        for m in pattern.finditer(folded):
            chars[m.start(1)] = " "
    return "".join(chars)


def _find_figures(work: str) -> list[_Figure]:
    figures = [
        _Figure("count", m.start(), m.end(), m.group("num"), den=m.group("den"),
                unit=L.UNIT_NAMES[m.group("unit")])
        for m in _COUNT.finditer(work)
        if not _NOT_A_COUNT_BEFORE.search(work[max(0, m.start() - 12):m.start()])
    ]
    for fig in figures:
        att = _ATTACH.match(work, fig.end)
        if att and (att.group("pct") or (fig.den and "," in att.group("num"))):
            fig.att_start = att.start("num")
            fig.att_end = att.end()
            fig.att_num = att.group("num")
    taken = [(f.start, f.end_all) for f in figures]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _MONEY.finditer(work):
        if free(m.start(), m.end()):
            figures.append(_Figure("money", m.start(), m.end(), m.group("num"), measure=m.group("measure")))
            taken.append((m.start(), m.end()))
    for m in _PERCENT.finditer(work):
        if free(m.start(), m.end()):
            figures.append(_Figure("percent", m.start(), m.end(), m.group("num")))
    figures.sort(key=lambda f: f.start)
    return figures


def _blank_parentheticals(work: str, figures: list[_Figure]) -> str:
    """Asides without a figure ("(theo chuẩn nghèo mới giai đoạn 2021-2025)") are noise for the clause."""
    starts = [f.start for f in figures] + [f.att_start for f in figures if f.att_start is not None]
    chars = list(work)
    for m in _PAREN.finditer(work):
        if not any(m.start() <= s < m.end() for s in starts):
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def _head_start(work: str, lower: int, fig_start: int) -> int:
    for i in range(fig_start - 1, lower - 1, -1):
        if work[i] in _BREAKS:
            return i + 1
    return lower


def _tail(work: str, start: int, upper: int) -> str:
    tail = work[start:upper]
    for i, ch in enumerate(tail):
        if ch in _BREAKS:
            tail = tail[:i]
            break
    stop = _TAIL_STOP.search(tail)
    return tail[:stop.start()] if stop else tail


# ---------------------------------------------------------------- meaning


def _classify(fig: _Figure, prev: _Figure | None, head: str, tail: str, work: str, head_start: int):
    """(kind, unit, level, indicator) or None when the figure is not a target."""
    if fig.form != "count":
        own = _marker_kind(head)
        inherited = prev.list_kind if prev is not None and _LIST_SEPARATOR.fullmatch(head) else None
        fig.list_kind = own or inherited
    if fig.form == "count":
        level = _first_level(tail) or _last_level(head) or _header_level(work, head_start, fig.start)
        if level is None:
            return None
        fig.kind, marked = _count_kind(fig, prev, head, work)
        fig.list_kind = fig.kind if marked else None
        return fig.kind, fig.unit, level, None
    if fig.form == "money":
        indicator = _indicator(head, lexicon_only=True)
        return (Kind.VALUE, None, None, indicator) if indicator else None
    lexicon = _indicator(head, lexicon_only=True)
    if lexicon:
        return Kind.VALUE, None, None, lexicon
    level = _first_level(tail) or _last_level(head)
    if level:
        m = _UNIT_AFTER.match(tail) or _UNIT_OF_RATE.search(head)
        return Kind.SHARE, L.UNIT_NAMES[m.group("unit")] if m else None, level, None
    generic = _indicator(head, lexicon_only=False)
    return (Kind.VALUE, None, None, generic) if generic else None


def _marker_kind(head: str) -> Kind | None:
    """The kind a clause's own words give its figure: "thêm", "nâng tổng số", "(phấn đấu) có"."""
    if L.TOTAL_MARKER.search(head):
        return Kind.TOTAL
    if L.ADDITIONAL_MARKER.search(head[-30:]):
        return Kind.ADDITIONAL
    if L.HAS_MARKER.search(L.QUALIFIER.sub("", head)):
        return Kind.TOTAL
    return None


def _count_kind(fig: _Figure, prev: _Figure | None, head: str, work: str) -> tuple[Kind, bool]:
    own = _marker_kind(head)
    if own is Kind.ADDITIONAL:
        return own, True
    if fig.den or (own is Kind.TOTAL and L.TOTAL_MARKER.search(head)):
        return Kind.TOTAL, True
    if L.YEAR_LABEL.search(work[:fig.start]):
        return Kind.ADDITIONAL, True
    if _LIST_SEPARATOR.fullmatch(head) and prev is not None and prev.list_kind is not None:
        return prev.list_kind, True
    if own is not None:
        return own, True
    return Kind.COUNT, False


def _levels(text: str):
    for m in L.LEVEL_ANCHOR.finditer(text):
        if not L.NOT_A_LEVEL_BEFORE.search(text[:m.start()]):
            yield m.start(), m.end(), L.level_of(m)
    for m in _BARE_GRADE.finditer(text):
        yield m.start(1), m.end(1), L.KIEU_MAU if m.group(1) == "kieu mau" else L.NANG_CAO


def _first_level(text: str) -> str | None:
    found = sorted(_levels(text))
    return found[0][2] if found else None


def _last_level(text: str) -> str | None:
    found = sorted(_levels(text), key=lambda x: x[1])
    return found[-1][2] if found else None


def _header_level(work: str, head_start: int, fig_start: int) -> str | None:
    """A level named in a list header before a colon: "Đối với xã NTM nâng cao: Năm 2021: 12 xã"."""
    found = sorted(_levels(work[:head_start]), key=lambda x: x[1])
    if found and ":" in work[found[-1][1]:fig_start]:
        return found[-1][2]
    return None


def _indicator(head: str, *, lexicon_only: bool) -> str | None:
    for pattern, name in L.INDICATOR_RES:
        if pattern.search(head):
            return name
    if lexicon_only:
        return None
    m = L.RATE_PHRASE.search(head)
    if not m:
        return None
    phrase = _RATE_VERB.sub("", head[m.start():]).strip(" ,")
    phrase = re.sub(r"\s+", " ", phrase)
    return phrase if len(phrase) > len("ty le ") else None


# ---------------------------------------------------------------- the record


def _build(text, s_start, sentence, folded, fig, head_start, kind, unit, level, indicator, year, period,
           province, doc_id, passage_id, doc_title) -> Target:
    a, b = folded.span(fig.start, fig.end)
    quote = sentence[a:b]
    value = parse_number(fig.num)
    measure = None
    if fig.form == "percent":
        measure = "%"
    elif fig.form == "money":
        m_a, _ = folded.span(fig.end - len(fig.measure), fig.end)
        measure = sentence[m_a:b]
    percent = percent_quote = p_start = p_end = None
    if fig.att_num is not None:
        pa, pb = folded.span(fig.att_start, fig.att_end)
        percent_quote = sentence[pa:pb].rstrip(" )\xa0")
        pb = pa + len(percent_quote)
        percent = float(parse_number(fig.att_num))
        p_start, p_end = s_start + pa, s_start + pb
    elif fig.form == "percent":
        percent = float(value)
    head_text = folded.original(head_start, fig.start)
    qualifier = L.QUALIFIER.search(folded.text[head_start:fig.start])
    if qualifier:
        q_a, q_b = folded.span(head_start + qualifier.start(), head_start + qualifier.end())
        qualifier_text = sentence[q_a:q_b].strip()
    else:
        qualifier_text = None
    if indicator and indicator.startswith("ty le"):
        indicator = _original_phrase(head_text, indicator)
    district_name = _district(head_text)
    return Target(
        doc_id=doc_id, passage_id=passage_id, doc_title=doc_title, province=province, district=district_name,
        unit=unit, level=level, indicator=indicator, year=year, period=period, kind=kind, quote=quote,
        value=value, denominator=int(parse_number(fig.den)) if fig.den else None, percent=percent,
        percent_quote=percent_quote, measure=measure, qualifier=qualifier_text, sentence=sentence,
        sentence_start=s_start, start=s_start + a, end=s_start + b, percent_start=p_start, percent_end=p_end,
    )


def _with_share(target: Target, text: str, s_start: int, folded: Folded, fig: _Figure) -> Target:
    a, b = folded.span(fig.start, fig.end)
    return target.model_copy(update={
        "percent": float(parse_number(fig.num)), "percent_quote": text[s_start + a:s_start + b],
        "percent_start": s_start + a, "percent_end": s_start + b,
    })


def _district(head_text: str) -> str | None:
    """'huyện Tân Yên' when the clause names a district (capitalised words after the keyword)."""
    m = _DISTRICT.search(head_text)
    if not m:
        return None
    words = []
    for word in m.group(1).split():
        if not word[:1].isupper():
            break
        words.append(word)
    if not words:
        return None
    keyword = head_text[m.start():m.start(1)].strip().lower()
    return f"{keyword} {' '.join(words)}"


def _original_phrase(head_text: str, folded_phrase: str) -> str:
    """The generic 'tỷ lệ ...' indicator in the source's own spelling."""
    f = Folded(head_text)
    at = f.text.find(folded_phrase[:12])
    if at < 0:
        return folded_phrase
    words = len(folded_phrase.split())
    phrase = f.original(at, len(f.text))
    out = " ".join(phrase.split()[:words])
    return out[:1].upper() + out[1:]
