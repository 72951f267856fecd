"""Recognise plain questions about one commune's NTM status.

"xã Ngọc Thiện đạt NTM nâng cao năm nào?", "Xã Cao Xá đạt chuẩn NTM kiểu mẫu
chưa?", "cao xa dat ntm chua": the answer is in the registry, not in the
documents, so the answer engine asks here first. Only the shape of the sentence
is checked (a unit name next to NTM words and a question); whether the name
exists is the registry's job (`CommuneService.answer_question`).

Words like "đạt", "năm", "có", "đã" end a name, but "Đạt", "Nam", "Cổ", "Đa"
also occur inside names; with accents typed the accented form decides, without
accents the next word does ("nam nao" is a question, "nam son" a name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.domain.communes.levels import Level
from knowledge.text.normalize import fold, normalize

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_TOPIC = re.compile(r"\b(ntm|ntmnc|ntmkm|nong thon moi|nang cao|kieu mau|dat chuan)\b")
_QUESTION = re.compile(r"\?|\b(chua|nam nao|khi nao|bao gio|hay khong|khong|ko|nao|the nao|ra sao|muc nao|"
                       r"muc gi|nam bao nhieu|tinh hinh|ket qua|trang thai)\b")
_ASKS_YEAR = re.compile(r"\b(nam nao|khi nao|bao gio|nam bao nhieu|tu nam nao|vao nam nao|thoi gian nao)\b")

# Unit-type words before a name (folded), with the kind they mean.
_PREFIXES = {("xa",): "xã", ("phuong",): "phường", ("thi", "tran"): "thị trấn", ("dac", "khu"): "đặc khu",
             ("tt",): "thị trấn"}
# Words that cannot start a name: "xã nào", "xã này", "xã mình"...
_NOT_A_NAME = {"nao", "nay", "minh", "toi", "em", "nha", "cac", "nhung", "gi", "chung", "ay", "muon", "can",
               "phai", "se", "khac", "kia", "doi", "hoac", "va", "duoc", "ntm", "thi"}
_ALWAYS = frozenset({"*"})
# Folded words that may end a name -> the words after them that make them a stop
# (_ALWAYS: always a stop; None: a stop unless it is the name's first word).
# "Xã Phúc Đạt đạt chuẩn", "Thị trấn Năm Căn", "Xã Cửa Việt", "Gia Bảo": all names.
_FOLLOW: dict[str, frozenset[str] | None] = {
    "ntm": _ALWAYS, "ntmnc": _ALWAYS, "ntmkm": _ALWAYS, "tp": _ALWAYS, "tx": _ALWAYS, "duoc": _ALWAYS,
    "thuoc": _ALWAYS, "vao": _ALWAYS,
    "dat": frozenset({"chuan", "ntm", "ntmnc", "ntmkm", "nong", "muc", "nang", "kieu", "duoc", "chua", "tieu",
                      "nhung", "bao", "may", "danh", "tc", "den", "toi"}),
    "da": frozenset({"dat", "duoc", "co", "len", "la", "chua", "cong", "nang", "xay", "hoan"}),
    "co": frozenset({"dat", "duoc", "phai", "la", "len", "ntm", "chua", "nam", "nhung", "bao"}),
    "nam": frozenset({"nao", "bao", "gi"}),
    "la": frozenset({"xa", "phuong", "ntm", "don", "mot"}),
    "len": frozenset({"chuan", "ntm", "nang", "kieu", "muc", "dat"}),
    "cong": frozenset({"nhan"}), "hay": frozenset({"chua", "khong"}), "khi": frozenset({"nao"}),
    "bao": frozenset({"gio", "nhieu"}), "nhu": frozenset({"the"}), "nong": frozenset({"thon"}),
    "hien": frozenset({"nay", "tai", "da", "dang"}), "muc": frozenset({"nao", "gi", "do", "dat", "ntm", "cao"}),
    "chua": _ALWAYS, "tinh": None, "huyen": None, "o": None, "cua": None, "voi": None,
}
# The accented spelling of each stop; a differently accented word is a name word (Cổ, Đa, Quán).
_CANON = {"dat": "đạt", "da": "đã", "co": "có", "nam": "năm", "tinh": "tỉnh", "la": "là", "len": "lên",
          "o": "ở", "cua": "của", "voi": "với", "nhu": "như", "cong": "công", "muc": "mức", "huyen": "huyện",
          "duoc": "được", "chua": "chưa", "thuoc": "thuộc", "hien": "hiện", "vao": "vào", "nong": "nông"}
_LEAD_INS = ("cho toi hoi", "cho em hoi", "cho minh hoi", "cho hoi", "xin hoi", "hoi", "anh oi", "chi oi",
             "bot oi", "ad oi", "ban oi", "vay", "the")
_PLACE_WORDS = {("huyen",): "district", ("quan",): "district", ("thi", "xa"): "district", ("tx",): "district",
                ("tinh",): "province", ("thanh", "pho"): "province", ("tp",): "province"}
_MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class CommuneQuestion:
    name: str  # as typed, without the unit word: "Ngọc Thiện"
    kind: str | None  # the unit word typed ("xã", "phường", ...), if any
    district: str | None
    province: str | None
    level: Level | None  # the level asked about ("kiểu mẫu" -> KIEU_MAU)
    asks_year: bool
    text: str

    @property
    def explicit(self) -> bool:
        """The unit word was typed: a stronger signal than a bare name."""
        return self.kind is not None

    @property
    def query(self) -> str:
        """The lookup query: 'xã Ngọc Thiện, Tân Yên, Bắc Giang'."""
        parts = [f"{self.kind} {self.name}" if self.kind else self.name]
        parts += [p for p in (self.district, self.province) if p]
        return ", ".join(parts)


def _tokens(text: str) -> list[tuple[str, str]]:
    """(folded, accented) tokens, punctuation kept as its own tokens."""
    out = []
    for tok in _TOKEN.findall(normalize(text).casefold()):
        folded = fold(tok)
        out.append((folded if folded.isascii() else tok, tok))
    return out


def _is_stop(tokens: list[tuple[str, str]], i: int, typed_accents: bool, first: bool) -> bool:
    folded, accented = tokens[i]
    if not folded[0].isalnum():
        return True
    if folded == "quan" and accented == "quận":  # unaccented "quan" is too common in names
        return not first
    if folded not in _FOLLOW:
        return False
    if typed_accents and accented != folded and accented != _CANON.get(folded, folded):
        return False
    follow = _FOLLOW[folded]
    if follow is _ALWAYS:
        return True
    if follow is None:
        return not first
    nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    if not nxt or not nxt[0].isalnum():
        return folded in ("dat", "co", "len")
    return nxt in follow or (folded == "nam" and nxt.isdigit())


def _read_name(tokens, start: int, typed_accents: bool) -> int:
    """Index just past the name starting at `start`."""
    end = start
    while end < len(tokens) and end - start < _MAX_NAME_WORDS:
        if _is_stop(tokens, end, typed_accents, first=end == start):
            break
        end += 1
    return end


def _place_after(tokens, pos: int, typed_accents: bool) -> tuple[str | None, str | None, int]:
    """District and province right after the name: ', huyện Tân Yên, tỉnh Bắc Giang',
    '(Bắc Giang)', ', Tân Yên, Bắc Giang'; returns them and the position after them."""
    labelled: dict[str, str] = {}
    bare: list[str] = []
    while pos < len(tokens):
        if tokens[pos][0] in (",", "-", "("):
            pos += 1
            continue
        kind = None
        for words, what in _PLACE_WORDS.items():
            if tuple(t[0] for t in tokens[pos:pos + len(words)]) == words:
                kind, pos = what, pos + len(words)
                break
        if kind is None and not (pos > 0 and tokens[pos - 1][0] in ("(", ",")):
            break
        end = _read_name(tokens, pos, typed_accents)
        if end == pos:
            break
        text = " ".join(t[1] for t in tokens[pos:end])
        if kind:
            labelled.setdefault(kind, text)
        else:
            bare.append(text)
        pos = end + (1 if end < len(tokens) and tokens[end][0] == ")" else 0)
    province = labelled.get("province") or (bare.pop() if bare else None)
    district = labelled.get("district") or (bare.pop() if bare else None)
    return district, province, pos


def _asked_level(folded: str) -> Level | None:
    if re.search(r"\b(kieu mau|ntmkm|ntm km)\b", folded):
        return Level.KIEU_MAU
    if re.search(r"\b(nang cao|ntmnc|ntm nc)\b", folded):
        return Level.NANG_CAO
    if re.search(r"\b(ntm|nong thon moi|dat chuan)\b", folded):
        return Level.NTM
    return None


def _original(tokens, start: int, end: int) -> str:
    return " ".join(t[1] for t in tokens[start:end])


def recognise_commune_question(text: str) -> CommuneQuestion | None:
    """The commune a status question is about, or None when the text is not one."""
    if not text or len(text) > 300:
        return None
    tokens = _tokens(text)
    folded_text = " ".join(t[0] for t in tokens)
    if not _TOPIC.search(folded_text):
        return None
    typed_accents = any(t[0] != t[1] for t in tokens)
    has_question = bool(_QUESTION.search(folded_text))

    start = kind = None
    failed: list[int] = []  # unit words not followed by a name ("xã nào", or "Cao xa" unaccented)
    for i in range(len(tokens)):
        for words, what in _PREFIXES.items():
            if tuple(t[0] for t in tokens[i:i + len(words)]) != words:
                continue
            if words == ("xa",) and i > 0 and tokens[i - 1][0] == "thi":  # "thị xã" is a district
                continue
            if typed_accents and words == ("xa",) and tokens[i][1] not in ("xã", "xa"):
                continue  # "Xá", "Xà": part of a name
            after = i + len(words)
            if (after < len(tokens) and tokens[after][0].isalnum() and tokens[after][0] not in _NOT_A_NAME
                    and not _is_stop(tokens, after, typed_accents, first=True)):
                start, kind = after, what
            else:
                failed.append(i)
            break
        if start is not None:
            break
    if start is None:
        if not has_question:
            return None
        start = 0
        for lead in _LEAD_INS:
            words = lead.split()
            if [t[0] for t in tokens[: len(words)]] == words:
                start = len(words)
                break
        while start < len(tokens) and not tokens[start][0].isalnum():
            start += 1
        if start >= len(tokens) or tokens[start][0] in _NOT_A_NAME | {"huyen", "tinh", "quan", "tp", "thanh"}:
            return None
    end = _read_name(tokens, start, typed_accents)
    if end == start:
        return None
    name_words = [t[0] for t in tokens[start:end]]
    district, province, after = _place_after(tokens, end, typed_accents)
    if kind is None:
        # A bare name must be followed by a status verb ("cao xa dat ntm chua"), and
        # a unit word seen elsewhere ("thủ tục công nhận xã đạt...") must be inside it.
        while after < len(tokens) and tokens[after][0] in (",", "-", ")"):
            after += 1
        nxt = tokens[after][0] if after < len(tokens) else ""
        if nxt not in ("dat", "da", "duoc", "co", "la", "len", "cong") or any(w.isdigit() for w in name_words):
            return None
        if any(not start < i < end for i in failed):
            return None
    return CommuneQuestion(
        name=_original(tokens, start, end) if not typed_accents else _cased(text, tokens, start, end),
        kind=kind, district=_title(district), province=_title(province),
        level=_asked_level(folded_text), asks_year=bool(_ASKS_YEAR.search(folded_text)), text=text)


def _cased(text: str, tokens, start: int, end: int) -> str:
    """The name with the user's own capitalisation, found back in the normalised text."""
    words = [t[1] for t in tokens[start:end]]
    pattern = r"\W+".join(re.escape(w) for w in words)
    m = re.search(pattern, normalize(text), flags=re.IGNORECASE)
    return m.group(0) if m else " ".join(words)


def _title(text: str | None) -> str | None:
    return text.title() if text and text == text.lower() else text
