"""What a question asks about the national criteria sets, read from its `Query`.

The answer is in the sets' data only when the question is about the sets
themselves: criteria words and something asked about them (a number, a name,
a commune group, how many, which decision, when, which set for a year), with
no place named, no count of communes, no plan's sentence and no set we do not
hold (huyện, nâng cao, kiểu mẫu, thôn). Keywords are matched on the
question's folded words (`words.query_words`), so questions typed without
diacritics read the same; the `Query`'s criterion slot (number, name, set,
group; kept across follow-ups) is used when present, and a Query without it
is read from its text, places included.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from knowledge.application.answer.words import query_words
from knowledge.application.understanding.query import CriterionRef, Query
from knowledge.domain.criteria import (
    CriteriaSet,
    CriterionMatch,
    UnknownPeriod,
    all_sets,
    criteria_for,
    current_set,
    find_criterion,
    set_named_in,
)
from knowledge.places import match as province_in
from knowledge.text.normalize import fold

_NAME_CUTOFF = 88

# On query_words (folded words, single spaces).
_CRITERIA = re.compile(r"\btieu ?chi\b|\btc (?:so |thu )?\d{1,2}\b")
_SET = re.compile(r"\bbo (?:tieu ?chi|tc)\b")
_OLD_SET = re.compile(r"\bbo (?:tieu ?chi |tc )?(?:quoc gia )?(?:cu|truoc)\b|\bgiai doan truoc\b")
_SIZE = re.compile(r"\b(\d{1,2}) tieu ?chi\b")
_NUMBER = re.compile(r"\b(?:tieu ?chi|tc) (?:so |thu )?(\d{1,2})\b")
_GROUP = re.compile(r"\bnhom (?:xa )?(?:so |thu )?([1-9])\b")
_GROUP_WORDS = re.compile(r"\bnhom xa\b")
_GROUPS = re.compile(r"\bnhom xa\b|\b(?:cac|nhung|may|bao nhieu) nhom\b|\bnhom (?:nao|gi|may)\b")
_HOW_MANY = r"(?:bao nhieu|may|tong cong|tong so|so luong)"
_COUNT = re.compile(rf"\b{_HOW_MANY} (?:cac )?tieu ?chi\b")
_INDICATORS = re.compile(rf"\b{_HOW_MANY} (?:cac )?chi ?tieu\b|\bchi ?tieu (?:thanh phan )?(?:la )?{_HOW_MANY}\b")
_INDICATOR_WORD = re.compile(r"\bchi ?tieu\b")
_WHEN = r"(?:khi nao|ngay nao|bao gio|luc nao|nam nao|thang nao|thoi gian nao|ngay bao nhieu|hom nao)"
_SIGNED = re.compile(rf"\b(?:ky|ban hanh)(?: vao| tu)? {_WHEN}|\bngay (?:ky|ban hanh)\b|\bky ngay\b|\bduoc ky\b")
_IN_FORCE = re.compile(rf"\bhieu luc\b|\b(?:bat dau )?ap dung (?:tu |ke tu )?{_WHEN}|\bbat dau ap dung\b")
_DECISION = re.compile(r"\b(?:quyet dinh|qd|van ban) (?:so )?(?:nao|gi|may|bao nhieu)\b|\bso hieu\b"
                       r"|\b(?:ai|co quan nao) ban hanh\b"
                       r"|\bban hanh (?:theo|tai|kem theo|boi) (?:quyet dinh |qd )?nao\b"
                       r"|\bcan cu (?:vao )?(?:quyet dinh |van ban )?nao\b")
_WHICH_SET = re.compile(r"\bbo (?:tieu ?chi |tc )?(?:giai doan )?(?:nao|gi)\b|\bgiai doan nao\b"
                        r"|\bbo (?:tieu ?chi )?(?:hien hanh|hien nay|dang ap dung)\b")
_LIST = re.compile(r"\b(?:gom|co|la) (?:nhung|cac) (?:tieu chi )?(?:nao|gi)\b|\b(?:cac|nhung) tieu chi (?:nao|gi|cua)\b"
                   r"|\bdanh sach\b|\bliet ke\b|\bke ten\b|\bgom nhung gi\b|\bgom nhung tieu chi\b")
_ASKS_NUMBER = re.compile(r"\b(?:so|thu) (?:may|bao nhieu|nao)\b|\btieu chi nao\b")
_ASKS_WHAT = re.compile(r"\bla gi\b|\bgom (?:nhung )?(?:gi|noi dung)\b|\bnoi dung\b"
                        r"|\bquy dinh (?:gi|nhu the nao|the nao)\b|\byeu cau (?:gi|nhung gi)\b"
                        r"|\bcan dat (?:gi|nhung gi)\b|\bthuoc bo\b")
# The words naming a criterion, after "tiêu chí" (not "tiêu chí số", "tiêu chí quốc gia", "tiêu chí mới", ...)
_NAME_AT = re.compile(r"\btieu ?chi (?:ve )?(?:linh vuc )?"
                      r"(?!so\b|thu\b|quoc\b|nao\b|gi\b|nay\b|do\b|moi\b(?! truong)|cu\b|giai\b|xa\b|nong\b|ntm\b|\d)"
                      r"((?:[a-z]+ ?){1,9})")
# ... or before it: "giao thông thuộc tiêu chí số mấy"
_NAME_BEFORE = re.compile(r"((?:[a-z]+ ){1,8})(?:la |thuoc |nam trong |o )(?:tieu ?chi|tc) (?:so |thu )?"
                          r"(?:nao|may|bao nhieu|gi)\b")
_BOUNDARY = frozenset("la thuoc trong cua co gom theo quy yeu can duoc thi nam bo giai so thu nhu ve o hoi cho voi "
                      "tai nao gi may ma".split())
# What makes a sentence about something else: a count of units, a unit reaching criteria, a plan, another set.
_UNITS_COUNTED = re.compile(r"\b(?:bao nhieu|may|so|tong so|ty le|ti le|phan tram)(?: cac)? "
                            r"(?:xa|huyen|thon|ap|ho|tinh|don vi|phuong)\b")
_REACHED = re.compile(r"\b(?:dat|dat duoc|hoan thanh|thieu|con thieu)(?: duoc| chuan| du)?"
                      r" (?:bao nhieu |may |\d+ |\d+ \d+ )?(?:tieu chi|tc)\b")
_PLAN = re.compile(r"\b(?:ke hoach|phan dau|muc tieu|du kien|de ra|nghi quyet|bao cao|chi dao)\b")
_OTHER_SET = re.compile(r"\b(?:huyen|nang cao|kieu mau|hien dai|cap tinh)\b|(?<!nong )\bthon\b|\bap\b(?! dung)")
# On the folded text, punctuation kept: a Prime Minister's decision on a set, not a province's "318/QĐ-UBND".
_DECISION_REF = re.compile(r"\b(?:quyet dinh|qd)(?: so)? (?:318|51)\b(?!\s*/\s*(?:qd\s*-\s*)?ubnd)"
                           r"|\b318\s*/\s*qd\s*-\s*ttg\b|\b51\s*/\s*2025\b")
_YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d{2})(?![\d/-])")


class Ask(StrEnum):
    """What the question wants to know about the sets."""

    CRITERION = "criterion"  # criterion N
    NO_SUCH = "no_such"  # a criterion number no set has
    NAMED = "named"  # the criterion with this name (its number)
    GROUP = "group"  # commune group N
    GROUPS = "groups"
    COUNT = "count"  # how many criteria (and indicators)
    INDICATORS = "indicators"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    DECISION = "decision"
    WHICH_SET = "which_set"  # the set for a year (or today)
    LIST = "list"


@dataclass(frozen=True)
class CriteriaQuestion:
    """What is asked, about which set, and how strongly the question says it is about the sets."""

    ask: Ask
    criteria_set: CriteriaSet
    strong: bool  # the question names the set, a decision, a criterion number or a commune group
    match: CriterionMatch | None = None
    group: int | None = None
    number: int | None = None
    year: int | None = None
    indicators: bool = False  # the indicator count was asked too


@dataclass(frozen=True)
class _Said:
    """What the question's words show, before deciding what it asks."""

    query: Query
    words: str  # query_words
    folded: str  # fold(text), punctuation kept
    today: dt.date
    named: CriteriaSet | None  # the set it names, if any
    criteria: bool  # "tiêu chí" typed
    carried: bool  # the criterion slot came from the turn before
    strong_set: bool  # the set named, "bộ tiêu chí" typed, or a decision on a set cited

    @property
    def ref(self) -> CriterionRef | None:
        return self.query.criterion

    @property
    def chosen(self) -> CriteriaSet:
        return self.named or current_set(self.today)


def read_criteria_question(query: Query, today: dt.date) -> CriteriaQuestion | None:
    """What `query` asks about the sets, or None when it is not about them (or names a period no set covers)."""
    words, folded = query_words(query), query.folded or fold(query.text)
    criteria, decision = bool(_CRITERIA.search(words)), bool(_DECISION_REF.search(folded))
    groups = bool(_GROUP.search(words) or _GROUPS.search(words))
    if not (criteria or decision or groups or query.criterion) or _about_something_else(query, words, folded):
        return None
    try:
        named = _named_set(query, words, today)
    except UnknownPeriod:  # a period or year no set covers: the documents may know it
        return None
    carried = query.criterion is not None and "criterion" in query.inherited
    strong_set = named is not None or bool(_SET.search(words)) or decision
    said = _Said(query, words, folded, today, named, criteria, carried, strong_set)
    return _criterion(said) or _group(said, groups) or _named(said) or _about_the_set(said)


def _criterion(said: _Said) -> CriteriaQuestion | None:
    """Criterion N ("tiêu chí số 5", the slot's number), in the named set or the one in force."""
    number = (said.ref.number if said.ref else None) or _int(_NUMBER.search(said.words))
    if number is None:
        return None
    found = find_criterion(str(number), said.named.id if said.named else None, today=said.today)
    if found is None:
        return CriteriaQuestion(Ask.NO_SUCH, said.chosen, False, number=number)
    return CriteriaQuestion(Ask.CRITERION, found.criteria_set, said.criteria or said.carried, match=found)


def _group(said: _Said, groups: bool) -> CriteriaQuestion | None:
    """Commune group N ("nhóm xã 1"), or all of them, of the set that has groups."""
    group = (said.ref.group if said.ref else None) or _int(_GROUP.search(said.words))
    if not groups and group is None:
        return None
    has_words = bool(_GROUP_WORDS.search(said.words))
    if not (said.criteria or said.ref or said.strong_set or has_words):
        return None  # "nhóm 3" alone may be anything
    chosen = said.named or next((s for s in reversed(all_sets()) if s.groups), None)
    if chosen is None or not chosen.groups:
        return None
    if not any(g.number == group for g in chosen.groups):
        group = None
    strong = group is not None and (has_words or said.strong_set or said.criteria or said.carried)
    return CriteriaQuestion(Ask.GROUP if group else Ask.GROUPS, chosen, strong, group=group)


def _named(said: _Said) -> CriteriaQuestion | None:
    """A criterion by its name (the slot's, or the words around "tiêu chí"), when its number or what it is is asked."""
    asks_number = bool(_ASKS_NUMBER.search(said.words))
    if not (asks_number or _ASKS_WHAT.search(said.words)):
        return None  # a criterion named in passing ("hoàn thiện tiêu chí môi trường"): the documents
    found = _by_name(said.ref.name if said.ref else None, said.words, said.named, said.today)
    if found is None:
        return None
    return CriteriaQuestion(Ask.NAMED if asks_number else Ask.CRITERION, found.criteria_set, False, match=found)


def _about_the_set(said: _Said) -> CriteriaQuestion | None:
    """How many criteria or indicators, the decision, its dates, the set for a year, or the whole list."""
    words, chosen, strong = said.words, said.chosen, said.strong_set
    indicators = bool(_INDICATORS.search(words))
    if _COUNT.search(words):
        indicators = indicators or bool(_INDICATOR_WORD.search(words))
        return CriteriaQuestion(Ask.COUNT, chosen, strong, indicators=indicators)
    for ask, pattern in ((Ask.INDICATORS, _INDICATORS), (Ask.SIGNED, _SIGNED), (Ask.IN_FORCE, _IN_FORCE),
                         (Ask.DECISION, _DECISION)):
        if pattern.search(words):
            return CriteriaQuestion(ask, chosen, strong)
    if _WHICH_SET.search(words):
        query = said.query
        year = query.years[0] if query.years else _int(_YEAR.search(said.folded))
        if year is not None:
            return CriteriaQuestion(Ask.WHICH_SET, criteria_for(year=year), True, year=year)
        if said.named is None:
            return CriteriaQuestion(Ask.WHICH_SET, chosen, bool(_SET.search(words)))
    about_set = said.ref is not None and said.ref.about_set
    if _LIST.search(words) or about_set or (strong and _ASKS_WHAT.search(words)):
        return CriteriaQuestion(Ask.LIST, chosen, False)
    return None


def _about_something_else(query: Query, words: str, folded: str) -> bool:
    """A place named, a count of units, a unit reaching criteria, a plan, or a set we do not hold."""
    if query.places or (query.criterion is None and province_in(query.text) is not None):
        return True
    if _UNITS_COUNTED.search(words) or _REACHED.search(words) or _PLAN.search(words):
        return True
    return bool(_OTHER_SET.search(words)) or "ubnd" in folded


def _named_set(query: Query, words: str, today: dt.date) -> CriteriaSet | None:
    """The set the question names (the criterion slot, "bộ cũ", a decision, a period, a year, its size)."""
    if query.criterion and query.criterion.set_id:
        return criteria_for(query.criterion.set_id)
    if _OLD_SET.search(words):
        earlier = [s for s in all_sets() if s.effective_from < current_set(today).effective_from]
        return earlier[-1] if earlier else None
    named = set_named_in(query.text)
    size = _int(_SIZE.search(words))
    if named is None and size is not None:  # "bộ 19 tiêu chí": the set with that many
        named = next((s for s in all_sets() if len(s.criteria) == size), None)
    return named


def _by_name(name: str | None, words: str, named: CriteriaSet | None, today: dt.date) -> CriterionMatch | None:
    """The criterion the words around "tiêu chí" name: in the named set, else the current one, else another."""
    if name:
        return find_criterion(name, named.id if named else None, today=today, cutoff=_NAME_CUTOFF)
    # A reading ends (or starts) at a function word, never inside a phrase ("giao" of "giao thông").
    readings = []
    at = _NAME_AT.search(words)
    if at is not None:  # "tiêu chí giao thông là ...": the first words after it
        after = at.group(1).split()
        readings += [after[:n] for n in range(len(after), 0, -1) if n == len(after) or after[n] in _BOUNDARY]
    before = _NAME_BEFORE.search(words)
    if before is not None:  # "giao thông thuộc tiêu chí số mấy": the last words before it
        ahead = before.group(1).split()
        readings += [ahead[-n:] for n in range(len(ahead), 0, -1)
                     if n == len(ahead) or ahead[-n - 1] in _BOUNDARY]
    current = current_set(today)
    sets = [named] if named else [current, *(s for s in reversed(all_sets()) if s.id != current.id)]
    for s in sets:
        scored = [(find_criterion(" ".join(r), s.id, today=today, cutoff=_NAME_CUTOFF), len(r))
                  for r in readings]
        # One syllable ("quan" of "quan trọng") must be a whole name ("Điện"), not a word inside one.
        best = max((m for m, n in scored if m is not None and (n > 1 or m.score == 100)),
                   key=lambda m: m.score, default=None)
        if best is not None:
            other = named is None and s.id != current.id
            return CriterionMatch(best.criterion, best.criteria_set, best.score, other_set=other)
    return None


def _int(m: re.Match | None) -> int | None:
    return int(m.group(1)) if m else None
