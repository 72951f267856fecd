"""Does a sentence answer the question, or only share its place and year?

Why: a lead is read as the answer. "TPHCM năm 2025 xây bao nhiêu trường
học?" used to lead with a sentence about the city's plan for 2025, because
the city and the year matched; the documents say nothing of schools. A
clause (read with its list's header) answers only when it holds
- the question's focus (its content words once places, years, levels and
  function words are out): 60% of it by weight, or 40% with two of its
  words side by side, so "trường" answers "trường học" but "xây" does not;
- the numbers it refers to ("tiêu chí số 19", "Quyết định 318/QĐ-TTg");
- for a figure question, a figure of the asked kind (figures.FigureAsk: a
  count of schools, a percentage, a date);
- the NTM level named (nâng cao, kiểu mẫu) where the clause, else its
  document's title, names a level; the year named where the clause, else
  its sentence, else its passage names years (a period counts when no
  year is named; a passage naming none does not answer for a year);
- and comes from a passage about the province asked, old or new name (a
  passage naming no province is national and may answer anywhere).
Otherwise the reply says the documents do not state it (see `missing`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from knowledge import places
from knowledge.application.answer.asks import GENERIC_FIGURE, FigureAsk, answering_figure, figure_ask, levels_named
from knowledge.application.answer.clauses import windows
from knowledge.application.answer.figures import DOC_NUMBER, question_years
from knowledge.application.answer.sentences import weight
from knowledge.text.normalize import fold
from knowledge.text.stopwords import FOCUSLESS
from knowledge.text.tokens import folded_words

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
# Share of the focus (by weight) a sentence must hold; less when two focus words stand side by side in it.
FOCUS_SHARE = 0.6
PAIRED_SHARE = 0.4
# A level the question names ("lên kiểu mẫu"), not the verb of "nâng cao chất lượng".
_ASKED_LEVEL = re.compile(r"\b(nang cao|kieu mau)\b(?!\s+(?:chat|hieu|nhan|nang|trinh|doi|thu))")
# A number the question refers to: "tiêu chí số 19", "Quyết định 318/QĐ-TTg".
_REF = re.compile(r"\bso\s+(\d+)\b(?![/.,]\d)|(?<![\w/])(\d+)(?:/\d{4})?/[a-z]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class Asked:
    """What a question asks, as far as a lead must show it."""

    question: str  # as searched (the numbers typed in it are not answers)
    focus: tuple[str, ...]  # folded content words
    figure: FigureAsk | None  # None: not a figure question
    years: frozenset[int]
    provinces: frozenset[str]  # registry keys of the provinces named, with their old and new units
    levels: frozenset[str]  # folded NTM levels named ("nang cao", "kieu mau")
    refs: tuple[str, ...] = ()  # numbers referred to ("19" of "tiêu chí số 19", "318" of 318/QĐ-TTg)

    def answers(self, window: str, clause: str, sentence: str, context: YearsNamed, title: str = "") -> bool:
        """Does `clause` (read with its list header: `window`) of `sentence` answer? `context`: the years its
        passage and title name; `title`: its document's (for the level of a document about one level)."""
        if not self.of_level(window, title):
            return False
        if self.refs and not set(self.refs) <= set(_words(window)):
            return False
        if self.figure is not None and answering_figure(clause, self.figure, self.question) is None:
            return False
        return self.holds_focus(window) and self.in_time(clause, sentence, context)

    def of_level(self, window: str, title: str) -> bool:
        """The asked level, where the nearest text that names a level (the clause, else the title) names one."""
        if not self.levels:
            return True
        for text in (window, title):
            named = levels_named(text)
            if named:
                return self.levels <= named
        return True

    def holds_focus(self, text: str) -> bool:
        if not self.focus:
            return True
        words = _words(text)
        present = set(words)
        focus = set(self.focus)
        share = sum(weight(w) for w in focus if w in present) / sum(weight(w) for w in focus)
        if share >= FOCUS_SHARE:
            return True
        return share >= PAIRED_SHARE and bool(_pairs(self.focus) & set(zip(words, words[1:], strict=False)))

    def focus_score(self, text: str) -> float:
        """Focus words present, counted once each, plus their adjacent pairs: ranks the candidates."""
        words = _words(text)
        present = set(words)
        pairs = _pairs(self.focus) & set(zip(words, words[1:], strict=False))
        return sum(weight(w) for w in dict.fromkeys(self.focus) if w in present) + 0.6 * len(pairs)

    def in_time(self, clause: str, sentence: str, context: YearsNamed) -> bool:
        """The asked year, where the nearest text that names one names it: the clause, else the sentence (a
        year, else a period covering it), else the passage and title (a year, else a period). A plan for 2024
        naming "giai đoạn 2021-2025" in passing does not answer for 2023. A question that asks for no figure
        only needs the year near: its sentence or passage names it."""
        if not self.years:
            return True
        if self.figure is None:
            near = (years_in(sentence), context)
            return any((n.years | n.periods) & self.years for n in near)
        for n in (years_in(clause), years_in(sentence)):
            if n.years or n.periods:
                return bool((n.years or n.periods) & self.years)
        return bool((context.years or context.periods) & self.years)

    def about(self, hit) -> bool:
        """Is the passage about a province the question names (or about none in particular)?"""
        if not self.provinces:
            return True
        named = _hit_provinces(hit)
        return not named or bool(named & self.provinces)


def asked(question: str, focus: Sequence[str] | None = None, wants_figure: bool | None = None) -> Asked:
    """What `question` asks. `focus` and `wants_figure` come from the parsed question when the caller has it
    (Query.focus, Query.wants_figure); by default they are read from the text."""
    figure = figure_ask(question)
    if wants_figure is False:
        figure = None
    elif wants_figure and figure is None:
        figure = GENERIC_FIGURE
    q = fold(question)
    return Asked(
        question=question,
        focus=tuple(focus) if focus is not None else question_focus(question),
        figure=figure,
        years=frozenset(int(y) for y in question_years(question)),
        provinces=frozenset(_province_keys(places.find_in_query(question))),
        levels=frozenset(_ASKED_LEVEL.findall(q)),
        refs=tuple(dict.fromkeys(a or b for a, b in _REF.findall(q))),
    )


def followup_asked(query: str, followup: str) -> Asked | None:
    """What a follow-up ("còn thu nhập bình quân?") asks, when its own words name it: its focus, level and
    kind of figure, with the place and year of `query` (the completed question). None when it names
    nothing of its own ("còn năm 2025 thì sao?"): the completed question stands."""
    own = asked(followup)
    if not (own.focus or own.levels):
        return None
    need = asked(query)
    figure = own.figure or (GENERIC_FIGURE if need.figure else None)
    return replace(need, focus=own.focus, figure=figure, levels=own.levels or need.levels)


def lead_answers(question: str, sentence: str, focus: Sequence[str] | None = None,
                 wants_figure: bool | None = None) -> bool:
    """Does any clause of `sentence` answer `question` (the sentence being all the context there is)?"""
    need = asked(question, focus, wants_figure)
    context = years_in(sentence)
    return any(need.answers(w.text(sentence), w.clause.of(sentence), sentence, context)
               for w in windows(sentence))


def question_focus(question: str) -> tuple[str, ...]:
    """Folded content words of `question`: without places, years, levels, figure cues and function words."""
    chars = list(question)
    for m in places.find_in_query(question):
        chars[m.start:m.end] = " " * (m.end - m.start)
    q = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], fold("".join(chars)))
    q = _YEAR_PHRASE.sub(" ", _NOT_FOCUS.sub(" ", DOC_NUMBER.sub(" ", q)))  # numbers referred to: `refs`
    return tuple(w for w in re.findall(r"\w+", q)
                 if w not in FOCUSLESS and w not in _GENERIC and not w.isdigit())


@dataclass(frozen=True)
class YearsNamed:
    years: frozenset[int]  # named one by one: "năm 2024", "11/5/2021"
    periods: frozenset[int]  # the years of the periods named: "giai đoạn 2021 - 2025"


def years_in(text: str) -> YearsNamed:
    """The years `text` names, one by one and by period (not those of document numbers: 51/2025/QĐ-TTg)."""
    text = DOC_NUMBER.sub(" ", text)
    periods: set[int] = set()
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 10:
            periods.update(range(a, b + 1))
    single = _RANGE.sub(" ", text)
    return YearsNamed(frozenset(int(y) for y in _YEAR.findall(single)), frozenset(periods))


def _words(text: str) -> list[str]:
    """Folded words, abbreviations spelt out ("BHYT" and "bảo hiểm y tế" match)."""
    return folded_words(_ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], fold(text)))


def _pairs(focus: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(zip(focus, focus[1:], strict=False))


def _province_keys(matches) -> set[str]:
    keys: set[str] = set()
    for m in matches:
        p = m.province
        keys.update((p.key, p.since_2025.key))
        keys.update(q.key for q in p.predecessors)
    return keys


def _hit_provinces(hit) -> set[str]:
    """Keys of the provinces a passage is about: its document's, else those its title and text name."""
    keys = {p.key for p in map(places.lookup, getattr(hit, "provinces", None) or ()) if p is not None}
    if keys:
        return keys
    text = f"{getattr(hit, 'title', '')}\n{getattr(hit, 'text', '')}"
    return {m.province.key for m in places.find_mentions(text)}
