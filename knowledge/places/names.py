"""Name keys for matching communes, districts and provinces however they are typed.

A key is the accent-folded name with every space and punctuation mark removed
("Xã Cao Xá" -> "xacaoxa"), so "cao xa", "CAO XÁ", "Cao-Xá" and "caoxa" meet;
the package's own aliases ("p1", "phuongphucxa") are in the same form.
`accent_key` keeps the diacritics, to prefer the exact spelling when the user
typed one.
"""

from __future__ import annotations

import re

from knowledge.text.normalize import fold, normalize

_WORD = re.compile(r"[a-z0-9]+")
_ANY_WORD = re.compile(r"[^\W_]+")

# Unit-type words typed before a commune name (folded tokens).
COMMUNE_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("thi", "tran"), ("dac", "khu"), ("xa",), ("phuong",), ("tt",), ("p",), ("x",), ("f",),
)
DISTRICT_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("thi", "xa"), ("thanh", "pho"), ("huyen",), ("quan",), ("tx",), ("tp",), ("h",), ("q",),
)
PROVINCE_PREFIXES: tuple[tuple[str, ...], ...] = (("thanh", "pho"), ("tinh",), ("tp",))

# The folded type word of each kind, for the soft filter "phường X" -> phường.
KIND_OF_PREFIX = {
    ("xa",): "xã", ("x",): "xã", ("phuong",): "phường", ("p",): "phường", ("f",): "phường",
    ("thi", "tran"): "thị trấn", ("tt",): "thị trấn", ("dac", "khu"): "đặc khu",
}


def tokens(text: str) -> list[str]:
    """Folded alphanumeric words: 'TT. Tân Hiệp' -> ['tt', 'tan', 'hiep']."""
    return _WORD.findall(fold(normalize(text)))


def word_pairs(text: str) -> list[tuple[str, str]]:
    """(folded, accented) words of `text`, aligned: [('cao', 'cao'), ('xa', 'xá')]."""
    pairs = []
    for word in _ANY_WORD.findall(normalize(text).casefold()):
        folded = "".join(_WORD.findall(fold(word)))
        if folded:
            pairs.append((folded, word))
    return pairs


def key(text: str) -> str:
    return "".join(tokens(text))


def accent_key(text: str) -> str:
    """Lower-case, diacritics kept, no spaces or punctuation: 'Cao Xá' -> 'caoxá'."""
    return "".join(ch for ch in normalize(text).casefold() if ch.isalnum())


def split_prefix(words: list[str], prefixes=COMMUNE_PREFIXES) -> tuple[tuple[str, ...] | None, list[str]]:
    """('thi','tran'), ['tan','hiep'] for ['thi','tran','tan','hiep']; never empties the name."""
    for prefix in prefixes:
        n = len(prefix)
        if len(words) > n and tuple(words[:n]) == prefix:
            return prefix, words[n:]
    return None, words


def lower_type(name: str, kind: str) -> str:
    """'Xã Tân Yên' -> 'xã Tân Yên', for use inside a sentence."""
    if name[: len(kind)].casefold() == kind.casefold():
        return kind + name[len(kind):]
    return name


def province_lower(name: str) -> str:
    """'Tỉnh Bắc Giang' -> 'tỉnh Bắc Giang', 'Thành phố Huế' -> 'thành phố Huế'."""
    for kind in ("thành phố", "tỉnh"):
        if name[: len(kind)].casefold() == kind:
            return kind + name[len(kind):]
    return name
