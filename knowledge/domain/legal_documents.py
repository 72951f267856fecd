"""Legal document types, issuers, and references to a document ("Quyết định 318", "nghị định 98").

Why one module for the indexer and the questions: a document's metadata is
read from its header ("QUYẾT ĐỊNH", "Số: 318/QĐ-TTg") and a question names
it the way officials speak ("theo QĐ 318", "luat hon nhan gia dinh"); both
must agree on what a type is called, how its code is written inside numbers
and how two spellings of a number compare, or a reference would never find
the document it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.text.folding import Folded
from knowledge.text.normalize import fold
from knowledge.text.segment import DOC_NUMBER, canonical

__all__ = [
    "DOC_TYPES", "MINISTRIES", "DocType", "DocumentRef", "find_references", "issuer_of_number", "number_key",
    "refers_to", "type_named", "type_of_code", "type_of_number",
]


@dataclass(frozen=True, slots=True)
class DocType:
    name: str  # as cited: "Quyết định"
    words: str  # folded: "quyet dinh"
    codes: tuple[str, ...] = ()  # folded codes inside numbers and typed as abbreviations: "qd" (318/QĐ-TTg)


# Longer names first: "bo luat" before "luat", "thong tu lien tich" before "thong tu".
DOC_TYPES: tuple[DocType, ...] = tuple(sorted((
    DocType("Hiến pháp", "hien phap"),
    DocType("Bộ luật", "bo luat", ("bl",)),
    DocType("Luật", "luat"),
    DocType("Pháp lệnh", "phap lenh", ("pl",)),
    DocType("Nghị quyết liên tịch", "nghi quyet lien tich", ("nqlt",)),
    DocType("Nghị quyết", "nghi quyet", ("nq",)),
    DocType("Nghị định", "nghi dinh", ("nd",)),
    DocType("Quyết định", "quyet dinh", ("qd",)),
    DocType("Thông tư liên tịch", "thong tu lien tich", ("ttlt",)),
    DocType("Thông tư", "thong tu", ("tt",)),
    DocType("Chỉ thị", "chi thi", ("ct",)),
    DocType("Kế hoạch", "ke hoach", ("kh",)),
    DocType("Công văn", "cong van", ("cv",)),
    DocType("Thông báo", "thong bao", ("tb",)),
    DocType("Báo cáo", "bao cao", ("bc",)),
    DocType("Hướng dẫn", "huong dan", ("hd",)),
    DocType("Tờ trình", "to trinh", ("ttr",)),
    DocType("Đề án", "de an", ("da",)),
    DocType("Chương trình", "chuong trinh", ("ctr",)),
    DocType("Quy chế", "quy che", ("qc",)),
    DocType("Quy định", "quy dinh"),
), key=lambda t: -len(t.words)))
_BY_WORDS = {t.words: t for t in DOC_TYPES}
_BY_CODE = {code: t for t in DOC_TYPES for code in t.codes}

# The issuer a number's last code names ("318/QĐ-TTg": the Prime Minister), for documents
# whose header did not survive (a title only, a pasted text). Codes of local bodies (UBND) say
# no province, so they are not here.
_ISSUER_CODES = {
    "ttg": "Thủ tướng Chính phủ", "cp": "Chính phủ", "qh": "Quốc hội", "ubtvqh": "Ủy ban Thường vụ Quốc hội",
    "bnnptnt": "Bộ Nông nghiệp và Phát triển nông thôn", "bnnmt": "Bộ Nông nghiệp và Môi trường",
    "btc": "Bộ Tài chính", "bxd": "Bộ Xây dựng", "bkhdt": "Bộ Kế hoạch và Đầu tư", "byt": "Bộ Y tế",
    "bgtvt": "Bộ Giao thông vận tải", "bgddt": "Bộ Giáo dục và Đào tạo", "btnmt": "Bộ Tài nguyên và Môi trường",
    "bnv": "Bộ Nội vụ", "btp": "Bộ Tư pháp", "bct": "Bộ Công Thương", "bca": "Bộ Công an",
    "bldtbxh": "Bộ Lao động - Thương binh và Xã hội", "bvhttdl": "Bộ Văn hóa, Thể thao và Du lịch",
    "btttt": "Bộ Thông tin và Truyền thông", "bkhcn": "Bộ Khoa học và Công nghệ", "tw": "Ban Chấp hành Trung ương",
}


#: The ministries' names as written after "Bộ" or "Sở" (folded -> cited), from the table above.
MINISTRIES = {fold(name[3:]): name[3:] for name in _ISSUER_CODES.values() if name.startswith("Bộ ")}


def number_key(number: str) -> str:
    """One spelling of a number for comparing: "318/QĐ – TTg" and "318/qd-ttg" -> "318/qd-ttg"."""
    return fold(canonical(number)).replace(" ", "")


def _codes(number: str) -> list[str]:
    return re.findall(r"[a-z]+", number_key(number))


def type_of_code(code: str) -> DocType | None:
    """The type a folded code stands for ("qd": Quyết định), else None."""
    return _BY_CODE.get(code)


def type_of_number(number: str) -> DocType | None:
    """The type a number's code states ("318/QĐ-TTg": Quyết định); None for "52/2014/QH13" (Luật or
    Nghị quyết) and "6425/UBND-VHXH" (a Công văn has no code)."""
    codes = _codes(number)
    return _BY_CODE.get(codes[0]) if codes else None


def issuer_of_number(number: str) -> str | None:
    """The central body a number's last code names ("122/2018/NĐ-CP": Chính phủ), else None."""
    codes = _codes(number)
    if not codes or (len(codes) == 1 and codes[0] not in ("qh", "tw")):
        return None  # "318/TTg" alone is not a form numbers take
    return _ISSUER_CODES.get(codes[-1])


def type_named(folded: str) -> DocType | None:
    """The type a folded heading or title starts with ("quyet dinh ...", "luat hon nhan ..."), else None."""
    for t in DOC_TYPES:
        if folded == t.words or folded.startswith(t.words + " "):
            return t
    return None


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A document a question names: by type and number ("Quyết định 318", "51/2025/QĐ-TTg"),
    or a law by its name ("luật hôn nhân gia đình": name ("hon", "nhan", "gia", "dinh"))."""

    doc_type: DocType | None
    number: str | None = None  # as typed: "318", "318/QĐ-TTg", "51/2025"
    name: tuple[str, ...] = ()  # folded words of a law's name
    typed: str = field(default="", compare=False)  # the name as typed: "luật hôn nhân gia đình"

    def describe(self) -> str:
        """How the reply names it: "Quyết định 318", "Luật hôn nhân gia đình", "văn bản 51/2025"."""
        if self.name:
            return self.typed[:1].upper() + self.typed[1:] if self.typed else f"Luật {' '.join(self.name)}"
        return f"{self.doc_type.name if self.doc_type else 'văn bản'} {self.number}"


_TYPE_WORDS = "|".join(
    [re.escape(t.words) for t in DOC_TYPES] + sorted({re.escape(c) for t in DOC_TYPES for c in t.codes}, key=len,
                                                     reverse=True))
_TYPED_NUMBER = re.compile(
    rf"\b(?P<type>{_TYPE_WORDS})\s*(?:so\s*)?:?\s*(?P<number>\d{{1,5}}(?:/\d{{4}})?(?:/[a-z][a-z0-9-]*)?)(?![\w/])")
_BARE_NUMBER = re.compile(r"(?<![\w/.,])(\d{2,5})/((?:19|20)\d{2})(?![\d/])")  # "51/2025" (no month is 51)
# A code or a law named by its words ("luat dat dai", "bo luat dan su"); the name stops at a word no
# law's name has ("dieu", "quy dinh", question words).
# "pháp luật", "luật sư" are not a law.
_LAW_NAME = re.compile(r"\b(?P<type>bo luat|(?<!phap )luat(?! su\b)|phap lenh)\s+"
                       r"(?!ve\b)(?P<name>[a-z]+(?:\s+[a-z]+){0,5})")
_NOT_NAME = set(
    "dieu khoan diem chuong muc phan co la thi nao gi nay kia theo cua cho khi neu duoc phai nhu sao tai den "
    "can khong chua hay va nam nhung ma hoac".split())
_NOT_NAME_PAIRS = {("quy", "dinh"), ("ban", "hanh"), ("sua", "doi"), ("bo", "sung"), ("bao", "nhieu"),
                   ("hien", "hanh"), ("ap", "dung"), ("yeu", "cau"), ("noi", "gi"), ("hieu", "luc"),
                   ("doi", "voi")}


def _law_name(words: list[str]) -> list[str]:
    """The words of a law's name at the start of `words` ("va" kept inside, never last)."""
    name: list[str] = []
    for i, word in enumerate(words):
        if (word in _NOT_NAME and word != "va") or tuple(words[i:i + 2]) in _NOT_NAME_PAIRS:
            break
        name.append(word)
    while name and name[-1] == "va":
        name.pop()
    return name


def find_references(text: str) -> tuple[DocumentRef, ...]:
    """The documents `text` (a question) names, in order; () when it names none."""
    source = Folded(text)
    folded = source.text
    found: list[tuple[int, DocumentRef]] = []
    taken: list[tuple[int, int]] = []
    for m in DOC_NUMBER.finditer(text):  # whole numbers as written: 318/QĐ-TTg, 52/2014/QH13
        number = canonical(m.group())
        found.append((m.start(), DocumentRef(type_of_number(number), number)))
        taken.append((m.start(), m.end()))
    for m in _TYPED_NUMBER.finditer(folded):
        t = _BY_WORDS.get(m.group("type")) or _BY_CODE.get(m.group("type"))
        number = m.group("number")
        a, b = source.span(*m.span("number"))
        if t is None or t.words in ("luat", "bo luat") and re.fullmatch(r"(?:19|20)\d{2}", number):
            continue  # "luật đất đai 2013": a year, not a number
        clash = next((i for i, (start, end) in enumerate(taken) if start < b and a < end), None)
        if clash is not None:  # "QĐ 318/QĐ-TTg": the number was found whole; add its type
            at, ref = found[clash]
            found[clash] = (at, DocumentRef(ref.doc_type or t, ref.number))
            continue
        found.append((source.span(*m.span())[0], DocumentRef(t, text[a:b])))
        taken.append((a, b))
    for m in _BARE_NUMBER.finditer(folded):
        a, b = source.span(*m.span())
        if not any(start <= a < end for start, end in taken):
            found.append((a, DocumentRef(None, m.group())))
            taken.append((a, b))
    for m in _LAW_NAME.finditer(folded):
        if any(start <= source.span(*m.span("name"))[0] < end for start, end in taken):
            continue
        name = _law_name(m.group("name").split())
        if len(name) >= 2:  # one word ("luật định", "luật thuế") names no law surely enough
            a = source.span(*m.span())[0]
            b = source.span(m.start("name"), m.start("name") + len(" ".join(name)))[1]
            found.append((a, DocumentRef(_BY_WORDS[m.group("type")], None, tuple(name), text[a:b])))
    found.sort(key=lambda x: x[0])
    return tuple(dict.fromkeys(ref for _, ref in found))


def refers_to(ref: DocumentRef, *, number: str | None, doc_type: str | None, title: str) -> int:
    """How well `ref` names the document with this number, type and title: 0 not at all.

    "318" names "318/QĐ-TTg" when the types agree; "51/2025" names "51/2025/QĐ-TTg";
    a law's name names a law whose title holds its first words ("và" may be left out, and
    a question runs on after the name: "luật hôn nhân và gia đình chung sống ..."): the
    score is how many, at least two (or all of a shorter name), so the caller can keep the
    law named most fully ("tố tụng hành chính" over "tố tụng dân sự").
    """
    folded_title = fold(title)
    kind = type_named(fold(doc_type)) if doc_type else type_named(folded_title)
    if ref.doc_type is not None and kind is not None and ref.doc_type.words != kind.words:
        return False
    if ref.name:
        if kind is None or kind.words not in ("luat", "bo luat", "phap lenh", "hien phap"):
            return 0
        words = set(re.findall(r"[a-z0-9]+", folded_title))
        wanted = [w for w in ref.name if w != "va"]
        held = next((i for i, w in enumerate(wanted) if w not in words), len(wanted))
        return held if held >= min(2, len(wanted)) else 0
    if not ref.number:
        return 0
    numbers = [number] if number else [m.group() for m in DOC_NUMBER.finditer(title)]
    want = number_key(ref.number)
    for have in map(number_key, numbers):
        if have == want or have.startswith(want + "/") or (ref.doc_type and have.split("/")[0] == want):
            return 1
    return 0
