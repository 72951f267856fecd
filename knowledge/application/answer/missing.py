"""What the documents do not state, in the person's own words, for the line above related passages.

Why: a question the documents do not answer ("TPHCM năm 2025 xây bao nhiêu
trường học?") gets the closest passages as related, never as the answer;
the line above them names what was asked, so the person sees that the bot
understood and that the gap is in the documents: "Các tài liệu chưa nêu số
trường học TPHCM xây năm 2025". A count becomes "số ..." (a share "tỷ lệ
..."), with the place as typed and the year last; any other question is
quoted as an indirect one ("... được ký ngày nào").
"""

from __future__ import annotations

import re

from knowledge import places
from knowledge.application.answer.asks import counted
from knowledge.text.folding import Folded

_YEAR_PHRASE = re.compile(r"(?<![\w/-])(?:(?:den|het|cuoi|dau|giua|trong|vao)\s+)?(?:nam\s+)?(?:19|20)\d{2}"
                          r"(?![\w/-])(?!\s*[-–]\s*\d)")
_TRAILING = re.compile(r"(?:\s+(?:vay|a|nhi|nhe|the|ha|day))+$")  # "... bao nhiêu thôn vậy?"
_END_MARKS = " ?!.…:;,"


def missing_phrase(question: str) -> str:
    """"số trường học TPHCM xây năm 2025" for "TPHCM năm 2025 xây bao nhiêu trường học?"."""
    text = _without_particles(question.strip().rstrip(_END_MARKS))
    cue = counted(text)
    if cue is None:
        return _lowered(text)
    start, end, noun = cue
    after = text[end:].strip()
    if noun == "phan":  # "bao nhiêu phần trăm xã ..." -> "tỷ lệ xã ..."
        head, after = "tỷ lệ", re.sub(r"^\S+\s+\S+\s*", "", after)
    else:
        head = "số"
    before = text[:start]
    folded = Folded(before)
    years = [folded.span(m.start(), m.end()) for m in _YEAR_PHRASE.finditer(folded.text)]
    when = " ".join(_as_year(before[a:b]) for a, b in years)
    for a, b in reversed(years):
        before = before[:a] + " " + before[b:]
    before = re.sub(r"\s+(?:là|la)$", "", " ".join(before.split()))  # "... là bao nhiêu thôn"
    parts = [head, after, _lowered(before), when]
    return " ".join(p for p in parts if p)


def _without_particles(text: str) -> str:
    folded = Folded(text)
    m = _TRAILING.search(folded.text)
    return text[:folded.span(m.start(), m.end())[0]].rstrip(_END_MARKS) if m else text


def _as_year(typed: str) -> str:
    """"2024" -> "năm 2024"; "cuối năm 2025" stays as typed (in lower case)."""
    typed = " ".join(typed.split())
    return typed[0].lower() + typed[1:] if re.search(r"[^\d\s]", typed) else f"năm {typed}"


def _lowered(text: str) -> str:
    """The first letter in lower case, unless it starts a place name or an abbreviation ("TPHCM", "NTM")."""
    first = text.split(" ", 1)[0] if text else ""
    if not first or first[:2].isupper() or not first[0].isupper():
        return text
    if any(m.start == 0 for m in places.find_in_query(text)):
        return text
    return text[0].lower() + text[1:]
