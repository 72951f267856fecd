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
from dataclasses import dataclass

from knowledge import places
from knowledge.application.answer.asks import GENERIC_FIGURE, FigureAsk, answering_figure, figure_ask, levels_named
from knowledge.application.answer.clauses import windows
from knowledge.application.answer.figures import DOC_NUMBER, question_years
from knowledge.application.answer.sentences import weight
from knowledge.application.understanding.focus import question_focus, spell_out
from knowledge.text.normalize import fold
from knowledge.text.tokens import folded_words

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


def lead_answers(question: str, sentence: str, focus: Sequence[str] | None = None,
                 wants_figure: bool | None = None) -> bool:
    """Does any clause of `sentence` answer `question` (the sentence being all the context there is)?"""
    need = asked(question, focus, wants_figure)
    context = years_in(sentence)
    return any(need.answers(w.text(sentence), w.clause.of(sentence), sentence, context)
               for w in windows(sentence))


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
    return folded_words(spell_out(fold(text)))


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
