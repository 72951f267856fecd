"""Short follow-ups ("còn năm 2024 thì sao?", "tỉnh Long An thì sao?") completed from the previous question.

Why: officials ask a question, then vary one thing (the year, the province)
in a few words. Within a few minutes in the same chat such a message is
rewritten into a full question by swapping that thing into the previous one.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Hashable

from cachetools import TTLCache

from knowledge import places
from knowledge.text.normalize import fold
from knowledge.text.stopwords import FOLLOWUP_FILLER
from knowledge.text.tokens import folded_words

_NAMED_PLACE = re.compile(r"(?<!\w)(tinh|thanh pho)\s+(\w+(?:\s\w+){0,2}?)(?=\s+(?:thi|the|ra|nhu|co)\b|\s*\?|$)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ENDING = re.compile(r"\s*(?:thi|the)?\s*(?:sao|the nao|ra sao|nhu the nao|nhu nao)\s*(?:a|ha|nhi|vay)?\s*\??\s*$")
_OPENING = re.compile(r"^\s*(?:vay\s+|the\s+|con\s+|va\s+)+")


def _is_followup(folded: str) -> bool:
    words = re.findall(r"\w+", folded)
    if not words or len(words) > 10:
        return False
    if _OPENING.match(folded):  # "còn ...", "thế còn ...", "vậy ..."
        return True
    core = _ENDING.sub("", folded)
    place = _place(core)
    if place:
        core = core[:place[0]] + " " + core[place[1]:]
    rest = [w for w in re.findall(r"\w+", core) if w not in FOLLOWUP_FILLER and not _YEAR.fullmatch(w)]
    if _ENDING.search(folded):  # "... thì sao?": only a few new words
        return len(rest) <= 3
    # "năm 2023?" / "Long An?": a lone year or place
    return len(words) <= 4 and (bool(_YEAR.search(folded)) or place is not None) and not rest


def _place(folded: str) -> tuple[int, int, str] | None:
    found = places.find_in_query(folded)
    if found:
        return found[0].start, found[0].end, folded[found[0].start:found[0].end]
    m = _NAMED_PLACE.search(folded)
    if m:
        return m.start(), m.end(), m.group(0)
    return None


def rewrite(followup: str, previous: str) -> str | None:
    """The full question `followup` stands for, given the `previous` one; None when it is not a follow-up."""
    folded = fold(followup).strip()
    if not _is_followup(folded):
        return None
    new_years = _YEAR.findall(folded)
    new_place = _place(folded)
    question = previous
    if new_years:
        if _YEAR.search(question):
            question = _YEAR.sub(new_years[0], question)
        else:
            question = f"{question.rstrip(' ?')} năm {new_years[0]}"
    if new_place:
        # take the place as typed (with its diacritics when it has them)
        typed = followup.strip()[new_place[0]:new_place[1]]
        old = _place(fold(question))
        if old:
            question = question[:old[0]] + typed + question[old[1]:]
        else:
            question = f"{question.rstrip(' ?')} {typed}"
    # anything else the follow-up says ("còn xã kiểu mẫu thì sao?") is appended
    core = _ENDING.sub("", _OPENING.sub("", folded))
    if new_place:
        core = core.replace(new_place[2], " ")
    extra = [w for w in re.findall(r"\w+", core) if w not in FOLLOWUP_FILLER and not _YEAR.fullmatch(w)]
    known = set(folded_words(question))
    if extra and not set(extra) <= known:
        words = followup.split()
        original = [w for w in words if fold(w).strip("?,.!") in set(extra) - known]
        question = f"{question.rstrip(' ?')} {' '.join(original)}".strip()
    if question == previous and not (new_years or new_place):
        return previous
    return question


class FollowUps:
    """The last question per chat, for `ttl` seconds; thread-safe and bounded."""

    def __init__(self, ttl: float = 300.0, max_chats: int = 10_000, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.max_chats = max_chats
        self.clock = clock
        self._last: TTLCache[Hashable, str] = TTLCache(maxsize=max_chats, ttl=ttl, timer=clock)
        self._lock = threading.Lock()

    def resolve(self, chat: Hashable | None, question: str) -> tuple[str, bool]:
        """(question to search, rewritten?) for `question` asked in `chat`."""
        if chat is None:
            return question, False
        with self._lock:
            previous = self._last.get(chat)
        if previous is None:
            return question, False
        full = rewrite(question, previous)
        return (full, True) if full else (question, False)

    def remember(self, chat: Hashable | None, query: str) -> None:
        if chat is None:
            return
        with self._lock:
            self._last[chat] = query

    def forget(self, chat: Hashable | None) -> None:
        with self._lock:
            self._last.pop(chat, None)
