"""The focus of a question: its content words once places, years, levels, figure cues and function words are out.

One definition for the whole engine: the parser's `Query.focus`, and what a
lead must hold to be shown as the answer (`answer.coverage`). "TPHCM năm
2025 xây bao nhiêu trường học?" is about "xây trường học"; "Hải Phòng (Hải
Dương cũ) năm 2025 phấn đấu thêm bao nhiêu xã NTM nâng cao?" has no focus of
its own (its place, year, level and unit say it all).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge import places
from knowledge.application.understanding.words import DOC_NUMBER
from knowledge.text.normalize import fold
from knowledge.text.stopwords import FOCUSLESS

# Phrases that are not the focus: levels, figure and question cues, plan words, quantifiers, sources.
_NOT_FOCUS = re.compile(
    r"\b(?:nong thon moi|ntm|nang cao|kieu mau|dat chuan|bao nhieu|so luong|ty le|ti le|phan tram|ngay nao"
    r"|khi nao|bao gio|luc nao|thoi diem nao|thoi gian nao|nam nao|thang nao|so hieu|ky hieu|so may|muc nao"
    r"|muc do nao|cap do nao|la gi|nhu the nao|the nao|phan dau|du kien|toi thieu|it nhat|toi da|tat ca"
    r"|hien nay|tong cong|tong so|thanh pho|thi tran|thi xa|chi tieu|muc tieu"
    r"|theo (?:ke hoach|quyet dinh|nghi quyet|van ban)|du dinh|du tinh|mong muon|ky vong|huong toi|dat ra|de ra"
    r"|yeu cau|bo sung|tang them|giao chi tieu|giao nhiem vu|tinh ca)\b"
)
_YEAR_PHRASE = re.compile(r"\b(?:(?:den|het|cuoi|dau|giua|trong|vao|tu|toi|nam|giai doan)\s+)*(?:19|20)\d{2}\b")
# Abbreviations the documents and the questions use either way, folded.
_ABBREVIATIONS = {"bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi", "htx": "hop tac xa", "mttq": "mat tran to quoc",
                  "tdtt": "the duc the thao", "antt": "an ninh trat tu", "cntt": "cong nghe thong tin",
                  "ubnd": "uy ban nhan dan"}
_ABBREVIATED = re.compile(rf"\b(?:{'|'.join(_ABBREVIATIONS)})\b")
# Words every sentence of these documents has (units, rural, reach), and quantifiers.
_GENERIC = frozenset("xa phuong huyen tinh tp thon ap so nam thang ngay nong moi dat chuan len them tong da khoang "
                     "hon tren nua tai cu hien phan".split())


def spell_out(folded: str) -> str:
    """Abbreviations spelt out in folded text ("bhyt" -> "bao hiem y te"), so either way of writing matches."""
    return _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], folded)


def question_focus(question: str, places_at: Iterable[tuple[int, int]] = ()) -> tuple[str, ...]:
    """Folded content words of `question`: without places (the provinces it names, and the spans
    `places_at` of other places the caller linked), years, levels, figure cues and function words."""
    chars = list(question)
    spans = [(m.start, m.end) for m in places.find_in_query(question)] + list(places_at)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    q = spell_out(fold("".join(chars)))
    q = _YEAR_PHRASE.sub(" ", _NOT_FOCUS.sub(" ", DOC_NUMBER.sub(" ", q)))  # numbers referred to: `refs`
    return tuple(w for w in re.findall(r"\w+", q)
                 if w not in FOCUSLESS and w not in _GENERIC and not w.isdigit())
