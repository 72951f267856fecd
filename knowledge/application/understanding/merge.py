"""Follow-ups: a short question inherits the slots of the previous turn it does not name.

"còn năm 2024 thì sao?", "tỉnh Long An thì sao?", "còn số 6?", "còn nhóm 3?"
name one slot: it replaces that slot in the previous question, where it was
typed. "còn tỷ lệ hộ nghèo?", "thế còn nước sạch?" name a new topic: it is
asked with the previous place, year, level and kind of figure. Either way the
result is a whole question (what is searched and shown as "Hiểu là: ..."),
parsed again so that every answerer reads slots and text that agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from knowledge.application.understanding.query import Form, PlaceMention, Query, Unit
from knowledge.application.understanding.words import Word, split_words

_OPENING = (("the", "con"), ("vay", "con"), ("con",), ("va",), ("vay",), ("the",), ("thi",))
_ENDING = re.compile(r"(?:\s+(?:thi|the))?\s*(?:sao|the nao|ra sao|nhu the nao|nhu nao)\s*(?:a|ha|nhi|vay)?\s*$")
_ANAPHORA = re.compile(r"\b(?:nam|tinh|xa|huyen|luc|giai doan|thoi diem)\s+(?:do|ay|nay)\b|\bo do\b")
_MAX_WORDS = 10
# What a figure question asks, said again when a new topic is asked the same way.
_FORM_CUE = {Form.HOW_MANY: "bao nhiêu", Form.WHEN: "khi nào", Form.WHAT_IS: "là gì", Form.WHICH: "nào",
             Form.YES_NO: "chưa"}
# The kind of figure asked ("phấn đấu thêm", "dự kiến", "tổng số"), carried to a new topic.
_FRAME = (("phan", "dau"), ("du", "kien"), ("them",), ("tong", "so"), ("tong",), ("ke", "hoach"), ("chi", "tieu"))
_UNIT_WORDS = {"xa", "phuong", "huyen", "thon", "ap", "ban", "ho", "tinh"}
_CRITERION_WORDS = {"tieu", "chi", "nhom", "so", "bo"}


def is_followup(query: Query) -> bool:
    """A few words that vary the previous question rather than ask a new one."""
    words = [w for w in split_words(query.text) if w.is_word]
    if not words or len(words) > _MAX_WORDS:
        return False
    folded = " ".join(w.folded for w in words)
    if _opening(words) or _ANAPHORA.search(folded):
        return True
    if _ENDING.search(folded):
        # "BHYT thì sao", "tỉnh Long An thì sao?"; not "thời tiết Đà Nẵng hôm nay thế nào": a new place and topic
        topic = _topic(query)
        return len(_core(query, without_slots=True).split()) <= 2 and not (topic and query.places)
    # "năm 2023?", "Long An?", "số 6?": a lone slot
    has_slot = bool(query.years or query.places or query.level or query.criterion)
    return len(words) <= 4 and has_slot and not query.focus


def merge(followup: Query, previous: Query, parse: Callable[[str], Query]) -> Query:
    """The whole question `followup` stands for after `previous`, parsed by `parse`, its inherited slots marked."""
    ref = followup.criterion
    if ref and (ref.number or ref.group) and previous.criterion is None:
        return followup  # "tiêu chí 5?" after a question about targets: a question of its own
    topic = bool(_topic(followup)) or (followup.unit is not None and previous.unit is not None
                                     and followup.unit is not previous.unit)
    text = _new_topic(followup, previous) if topic else _swap(followup, previous)
    merged = parse(text)
    inherited = [name for name, have in (("places", followup.places), ("years", followup.years),
                                         ("level", followup.level), ("form", followup.form is not Form.OTHER))
                 if not have and getattr(merged, name)]
    slots: dict = {}
    if merged.form is Form.OTHER and previous.form is not Form.OTHER:
        slots["form"] = previous.form
    if previous.criterion and previous.criterion.set_id and merged.criterion and not merged.criterion.set_id:
        slots["criterion"] = replace(merged.criterion, set_id=previous.criterion.set_id)
    if not topic and not merged.focus and previous.focus:
        inherited.append("focus")
    merged = merged.with_slots(**slots) if slots else merged
    return replace(merged, inherited=tuple(dict.fromkeys((*inherited, *merged.inherited))))


def carry_context(query: Query, previous: Query) -> Query:
    """A new question that names a criterion but no set stays in the set the conversation is about:
    "Bộ tiêu chí 2021-2025 có mấy tiêu chí?" then "tiêu chí số 4 là gì?"."""
    ref, before = query.criterion, previous.criterion
    if ref is None or ref.set_id or before is None or not before.set_id or query.years or query.period:
        return query
    if ref.number is None and ref.group is None and ref.name is None:
        return query
    return query.with_slots(criterion=replace(ref, set_id=before.set_id))


# ------------------------------------------------------------------ one slot swapped


def _swap(followup: Query, previous: Query) -> str:
    """The previous question with each slot the follow-up names put where it was typed (or added)."""
    edits: list[tuple[int, int, str]] = []
    added: list[str] = []
    new_text = followup.text

    def put(slot: str, value: str) -> None:
        at = previous.span(slot)
        if at:
            edits.append((*at, value))
        else:
            added.append(value)

    if followup.places:
        places = _place_group(followup.places)
        value = new_text[places[0]:places[1]]
        old = _replaced_places(followup.places, previous.places)
        if old:
            edits.append((old[0], old[1], value))
        else:
            added.append(value)
    year = followup.span("year")
    if year:
        at = previous.span("year")
        edits.append((*at, new_text[year[0]:year[1]])) if at else added.append(f"năm {new_text[year[0]:year[1]]}")
    period = followup.span("period")
    if period:
        put("period", new_text[period[0]:period[1]])
    level = followup.span("level")
    if level and followup.level != previous.level:
        put("level", new_text[level[0]:level[1]])
    for slot in ("criterion", "group"):
        at = followup.span(slot)
        if at:
            put(slot, new_text[at[0]:at[1]])
    text = previous.text
    for start, end, value in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + value + text[end:]
    if added:
        text = f"{text.rstrip(' ?.!')} {' '.join(added)}"
        if previous.text.rstrip().endswith("?"):
            text += "?"
    return text


def _place_group(places: tuple[PlaceMention, ...]) -> tuple[int, int]:
    return places[0].start, places[-1].end


def _replaced_places(new: tuple[PlaceMention, ...], old: tuple[PlaceMention, ...]) -> tuple[int, int] | None:
    """The span of the previous places the new ones stand in for: the same kind first, else all of them."""
    if not old:
        return None
    kinds = {p.kind for p in new}
    same = [p for p in old if p.kind in kinds] or list(old)
    if Unit.COMMUNE in kinds or any(p.kind is Unit.COMMUNE for p in same):
        same = list(old)  # a commune and its district and province go together
    end = same[-1].end if _adjacent(same) else same[0].end
    return same[0].start, end


def _adjacent(places: list[PlaceMention]) -> bool:
    return all(b.start - a.end <= 12 for a, b in zip(places, places[1:], strict=False))


# ------------------------------------------------------------------ a new topic


def _new_topic(followup: Query, previous: Query) -> str:
    """'còn thu nhập bình quân?' after 'Bắc Giang 2024 tỷ lệ hộ nghèo giảm còn bao nhiêu?':
    'Bắc Giang năm 2024 thu nhập bình quân bao nhiêu?'."""
    core = _core(followup)
    parts: list[str] = []
    if not followup.places and previous.places:
        group = _place_group(previous.places)
        parts.append(previous.text[group[0]:group[1]])
    if not followup.years and previous.years:
        parts.append(f"năm {previous.years[0]}")
    elif not followup.period and previous.period:
        parts.append(f"giai đoạn {previous.period[0]}-{previous.period[1]}")
    core_words = split_words(core)
    if not any(_frame_at(core_words, i) for i in range(len(core_words))):
        parts += _frame_words(previous)
    cue = _FORM_CUE.get(previous.form) if followup.form is Form.OTHER else None
    if not followup.level and previous.level and (level := previous.span("level")):
        core = f"{core} {previous.text[level[0]:level[1]]}"
    if cue and followup.unit is not None and core_words and core_words[0].folded in _UNIT_WORDS:
        parts += [cue, core]
    elif cue:
        parts += [core, cue]
    else:
        parts.append(core)
    return " ".join(p for p in parts if p).strip() + "?"


def _topic(query: Query) -> tuple[str, ...]:
    """The focus words that name a topic ("tiêu chí" of "còn tiêu chí số 6?" names none)."""
    if query.criterion is None:
        return query.focus
    return tuple(w for w in query.focus if w not in _CRITERION_WORDS)


def _core(query: Query, without_slots: bool = False) -> str:
    """What the follow-up itself says: without 'còn', 'thế còn', 'thì sao', 'năm đó', '?' (`without_slots`:
    and without the places, years and levels it names)."""
    words = [w for w in split_words(query.text) if w.is_word]
    if without_slots:
        taken = [(p.start, p.end) for p in query.places] + [(a, b) for _, a, b in query.spans]
        words = [w for w in words if not any(a <= w.start < b for a, b in taken)]
    keep = [True] * len(words)
    for i in range(len(_opening(words))):
        keep[i] = False
    folded = " ".join(w.folded for w in words)
    for m in [*_ANAPHORA.finditer(folded), *_ENDING.finditer(folded)]:
        first = len(folded[:m.start()].split())
        for i in range(first, first + len(m.group(0).split())):
            keep[i] = False
    return " ".join(w.text for w, k in zip(words, keep, strict=True) if k)


def _opening(words: list[Word]) -> list[Word]:
    for phrase in _OPENING:
        if tuple(w.folded for w in words[:len(phrase)]) == phrase and len(words) > len(phrase):
            return words[:len(phrase)]
    return []


def _frame_at(words: list[Word], i: int) -> tuple[str, ...] | None:
    return next((p for p in _FRAME if tuple(w.folded for w in words[i:i + len(p)]) == p), None)


def _frame_words(query: Query) -> list[str]:
    """'phấn đấu', 'dự kiến', 'thêm' as typed in the previous question."""
    words = split_words(query.text)
    out = []
    i = 0
    while i < len(words):
        phrase = _frame_at(words, i)
        if phrase:
            out.append(" ".join(w.text for w in words[i:i + len(phrase)]))
            i += len(phrase)
        else:
            i += 1
    return list(dict.fromkeys(out))
