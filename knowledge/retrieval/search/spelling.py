"""Questions typed fast, made searchable: typos corrected against the index, diacritics restored.

Officials type on phones: Telex keys left in ("nhieeu", "ddatj"), a letter
dropped or doubled ("nag cao", "lopp"), a wrong tone ("kiểu mẩu"), a near
word that is a word too ("nông thông" for "nông thôn"), often no diacritics
at all. Each breaks BM25's exact match and lowers the relevance gate's
coverage, so a question answered when typed carefully was refused. The
index's own vocabulary says what is right (`vocabulary.py`); in order:

1. a syllable the index never saw: its Telex reading if the index knows
   it, else, when it cannot be a Vietnamese syllable at all, the nearest
   known one (one edit, two from five letters and then only if a neighbour
   agrees; a transposition is one edit), preferring the one that forms known
   pairs with its neighbours;
2. two syllables the index never saw side by side: a one-edit change of
   either that makes a known pair without breaking the other pair. A known
   word changes only by a slip to a neighbouring key or a sound-alike, and
   only where its neighbour nearly always has the new one ("nong thong" ->
   "nong thon"; "quyết định" stays even if the documents only say "quyết tỉnh");
3. typed with diacritics: a syllable whose accented form the documents never
   use, or that its neighbour never goes with, takes the form that does
   ("kiểu mẩu" -> "kiểu mẫu", "ngừoi dân" -> "người dân", "phấn đâu" -> "phấn đấu");
4. typed without diacritics: they are restored (`accents.py`), so the dense
   model, the word index and the relevance gate read the question as they
   read it typed with accents. On ALQAC 2023 without diacritics MRR@10 went
   from 0.911 to 0.915; on knowledge/eval/typos.jsonl from 70 to 74 of 74
   (see README).

Never changed: numbers and document numbers (not syllables here), names
typed with inner capitals ("NTM", "iPhone"), one- and two-letter question
words, and the place names the registry knows (`place_names.py`).
Question words neither prove nor disprove a pair: "đạt bao nhiêu" is how
questions talk, not documents.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.retrieval.search.accents import candidate_forms, restore
from knowledge.retrieval.search.place_names import place_names
from knowledge.retrieval.search.vocabulary import Vocabulary
from knowledge.text.keyboard import edits
from knowledge.text.normalize import fold, has_diacritics
from knowledge.text.segment import syllabify
from knowledge.text.stopwords import QUESTION_WORDS
from knowledge.text.syllable import is_syllable, is_well_formed
from knowledge.text.telex import decode

MIN_FUZZY = 3  # shorter syllables are never guessed: too many neighbours
MAX_FUZZY = 8  # longer tokens are not mistyped syllables (English, glued words)
LONG = 5  # from this length two edits are allowed
STRONG_PAIR = 0.3  # share of the rarer syllable's passages where a pair must occur to fix an unknown one
PREDICTIVE = 0.5  # share of the neighbour's passages where it must have the candidate to replace a word
MIN_PAIR_FOR_KNOWN = 2  # passages a pair needs before a known word is changed to make it
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True)
class Correction:
    text: str  # the question to search with
    changes: tuple[tuple[str, str], ...] = ()  # (as typed, as corrected)
    restored: bool = False  # diacritics were added to a question typed without


@dataclass
class _Slot:
    """A syllable of the question and what correction made of it."""

    typed: str
    start: int
    end: int
    linked: bool  # stands right after the previous slot (no punctuation or number between)
    folded: str
    written: str | None = None  # the corrected form (lower case), None while unchanged
    fixed: bool = False  # a place name, an acronym: never changed

    @property
    def lower(self) -> str:
        return self.typed.lower()


class Speller:
    """Corrects questions for one index; built once per opened index, answers cached."""

    def __init__(self, vocabulary: Vocabulary,
                 places: Callable[[], Collection[tuple[str, ...]]] = place_names):
        self.vocabulary = vocabulary
        self._places = places
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def _correct(self, query: str) -> Correction:
        """`query` already normalize()d."""
        slots = _slots(query)
        accented = has_diacritics(query)
        unknown = [i for i, s in enumerate(slots) if not s.fixed and not self._known(s.folded)]
        if unknown or any(self._unseen(a, b) for a, b in zip(slots, slots[1:], strict=False)):
            self._mark_places(slots)
        for i in unknown:
            if not slots[i].fixed:
                self._fix_unknown(slots, i)
        for i in range(len(slots) - 1):
            if self._unseen(slots[i], slots[i + 1]):
                self._fix_pair(slots, i)
        if accented:
            for i in range(len(slots)):
                self._fix_accents(slots, i)
        text, changes = _rewrite(query, slots, accented)
        if accented:
            return Correction(text, changes)
        restored = restore(text, self.vocabulary)
        return Correction(restored, changes, restored != text)

    def _known(self, syllable: str) -> bool:
        """In the index, or a question word (documents rarely ask "bao nhiêu", questions do)."""
        return syllable in QUESTION_WORDS or self.vocabulary.count(syllable) > 0

    def _unseen(self, a: _Slot, b: _Slot) -> bool:
        return b.linked and not {a.folded, b.folded} <= QUESTION_WORDS and not self.vocabulary.pair_count(
            a.folded, b.folded)

    def _mark_places(self, slots: list[_Slot]) -> None:
        names = self._places()
        for start in range(len(slots)):
            for n in (4, 3, 2):
                run = slots[start:start + n]
                if len(run) == n and all(s.linked for s in run[1:]) and tuple(s.folded for s in run) in names:
                    for s in run:
                        s.fixed = True
                    break

    # -- 1: syllables the index never saw -----------------------------------
    @cached_property
    def _targets(self) -> list[str]:
        return sorted(set(self.vocabulary.syllables) | QUESTION_WORDS)

    def _fix_unknown(self, slots: list[_Slot], i: int) -> None:
        slot = slots[i]
        decoded = decode(slot.lower)
        if decoded and self._known(fold(decoded)):
            slot.folded, slot.written = fold(decoded), decoded
            return
        word = slot.folded
        if not (MIN_FUZZY <= len(word) <= MAX_FUZZY) or is_syllable(word) or not _VOWELS & set(word):
            return
        limit = 1 if len(word) < LONG else 2
        found = process.extract(word, self._targets, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not found:
            return
        left, right = _neighbours(slots, i)
        best, distance, _ = min(found, key=lambda m: (m[1], -self._support(left, m[0], right),
                                                      -self.vocabulary.count(m[0]), m[0]))
        if distance > 1 and not self._support(left, best, right):
            return  # two edits from a word proves nothing unless a neighbour agrees
        slot.folded = slot.written = best

    def _support(self, left: str | None, word: str, right: str | None) -> int:
        vocab = self.vocabulary
        return (vocab.pair_count(left, word) if left else 0) + (vocab.pair_count(word, right) if right else 0)

    # -- 2: pairs the index never saw ----------------------------------------
    def _fix_pair(self, slots: list[_Slot], i: int) -> None:
        """Change one side of the unseen pair i, i+1 into a syllable its other neighbour goes with."""
        best: tuple[int, float, int, str] | None = None
        for s in (i, i + 1):
            slot = slots[s]
            if slot.written is not None or not _guessable(slot) or self._vouched_by_question_word(slots, s):
                continue
            known = self._known(slot.folded)
            left, right = _neighbours(slots, s)
            for candidate in edits(slot.folded, near_keys_only=known):
                gain = self._pair_gain(slot.folded, candidate, left, right, known)
                if gain is not None and (best is None or gain > best[:2]):
                    best = (*gain, s, candidate)
        if best is not None:
            slot = slots[best[2]]
            slot.folded = slot.written = best[3]

    def _vouched_by_question_word(self, slots: list[_Slot], s: int) -> bool:
        """A question word the syllable is seen beside ("đối với", "không có") keeps it as typed."""
        pairs = []
        if s > 0 and slots[s].linked and slots[s - 1].folded in QUESTION_WORDS:
            pairs.append((slots[s - 1].folded, slots[s].folded))
        if s + 1 < len(slots) and slots[s + 1].linked and slots[s + 1].folded in QUESTION_WORDS:
            pairs.append((slots[s].folded, slots[s + 1].folded))
        return any(self.vocabulary.pair_count(a, b) for a, b in pairs)

    def _pair_gain(self, word: str, candidate: str, left: str | None, right: str | None,
                   known: bool) -> tuple[int, float] | None:
        """(pairs gained, how tightly) if `candidate` is worth putting in `word`'s place, else None."""
        vocab = self.vocabulary
        if not vocab.count(candidate):
            return None
        gained, lost = [], 0
        for neighbour, before, after in _sides(left, word, candidate, right):
            seen_before, seen_after = vocab.pair_count(*before) > 0, vocab.pair_count(*after) > 0
            if seen_after and not seen_before:
                gained.append((neighbour, after))
            lost += seen_before and not seen_after
        if len(gained) <= lost:
            return None
        if known:
            # A known word only where the neighbour nearly always has the candidate ("nông" ->
            # "thôn"); a question word only where each nearly always has the other ("kiểu mẫy" ->
            # "kiểu mẫu", not "hàng nào" -> "hàng năm").
            if max(vocab.pair_count(*pair) for _, pair in gained) < MIN_PAIR_FOR_KNOWN:
                return None
            shared = (lambda n: max(vocab.count(n), vocab.count(candidate))) if word in QUESTION_WORDS \
                else vocab.count
            strength = max(vocab.pair_count(*pair) / max(1, shared(n)) for n, pair in gained)
            threshold = PREDICTIVE
        else:  # an unknown syllable wherever the pair is a collocation
            strength = max(vocab.pair_count(*pair) / max(1, min(vocab.count(n), vocab.count(candidate)))
                           for n, pair in gained)
            threshold = STRONG_PAIR
        return (len(gained) - lost, strength) if strength >= threshold else None

    # -- 3: tone marks ----------------------------------------------------------
    def _fix_accents(self, slots: list[_Slot], i: int) -> None:
        slot = slots[i]
        forms = candidate_forms(slot.folded, self.vocabulary) if not slot.fixed else {}
        if not forms:
            return
        before = slots[i - 1] if i > 0 and slot.linked else None
        after = slots[i + 1] if i + 1 < len(slots) and slots[i + 1].linked else None
        left, right = _vouching(before), _vouching(after)
        typed = slot.written or slot.lower
        vocab = self.vocabulary

        def context(form: str, a: str | None = left, b: str | None = right) -> int:
            return sum(1 for x, y in ((a, form), (form, b)) if x and y and vocab.accented_pair_count(x, y))

        best = max(forms, key=lambda f: (context(f), f == typed, forms[f], f))
        if best == typed:
            return
        if slot.written is not None:  # corrected above: the form its neighbours go with
            slot.written = best
        elif typed not in forms:  # a tone the documents never write on it ("mẩu", "ngừoi")
            if context(best) or not is_well_formed(typed):
                slot.written = best
        elif not context(typed, _form(before), _form(after)) and self._predicts(left, best, right):
            slot.written = best  # a word, but not the one its neighbour goes with ("phấn đâu")

    def _predicts(self, left: str | None, word: str, right: str | None) -> bool:
        """Does a neighbour nearly always have the accented `word` beside it (as "phấn" has "đấu")?"""
        vocab = self.vocabulary

        def count(syllable: str) -> int:
            return vocab.accented_forms(fold(syllable)).get(syllable, 0)

        for neighbour, (a, b) in ((left, (left, word)), (right, (word, right))):
            if neighbour:
                n = vocab.accented_pair_count(a, b)
                if n >= MIN_PAIR_FOR_KNOWN and n / max(1, count(neighbour)) >= PREDICTIVE:
                    return True
        return False


def _slots(query: str) -> list[_Slot]:
    out: list[_Slot] = []
    linked = False
    shouting = query.isupper()
    for tok in syllabify(query):
        if tok.kind != "word" or not tok.text.isalpha():
            linked = False
            continue
        # "NTM", "UBND", "iPhone": names, not mistyped syllables
        name = not shouting and len(tok.text) > 1 and any(ch.isupper() for ch in tok.text[1:])
        out.append(_Slot(tok.text, tok.start, tok.end, linked, fold(tok.text), fixed=name))
        linked = True
    return out


def _guessable(slot: _Slot) -> bool:
    """May the syllable change for its neighbours' sake? Not names, not short question words ("la", "de")."""
    n = len(slot.folded)
    return not slot.fixed and (n >= MIN_FUZZY or (n == MIN_FUZZY - 1 and slot.folded not in QUESTION_WORDS))


def _neighbours(slots: list[_Slot], i: int) -> tuple[str | None, str | None]:
    """The folded syllables beside slot i that can vouch for it (question words cannot)."""
    left = slots[i - 1].folded if i > 0 and slots[i].linked else None
    right = slots[i + 1].folded if i + 1 < len(slots) and slots[i + 1].linked else None
    return (None if left in QUESTION_WORDS else left), (None if right in QUESTION_WORDS else right)


def _form(slot: _Slot | None) -> str | None:
    """The slot's current accented form (lower case)."""
    return None if slot is None else (slot.written or slot.lower)


def _vouching(slot: _Slot | None) -> str | None:
    """The accented form of a neighbour that may vouch for a change (question words may not)."""
    return None if slot is None or slot.folded in QUESTION_WORDS else _form(slot)


def _sides(left: str | None, word: str, candidate: str, right: str | None):
    """(neighbour, pair before, pair after) on each side that has a neighbour."""
    if left:
        yield left, (left, word), (left, candidate)
    if right:
        yield right, (word, right), (candidate, right)


def _rewrite(query: str, slots: list[_Slot], accented: bool) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The query with corrected slots written in (folded when typed without diacritics)."""
    parts: list[str] = []
    changes: list[tuple[str, str]] = []
    at = 0
    for slot in slots:
        form = (slot.written if accented else slot.folded) if slot.written is not None else None
        if form is None or form == slot.lower:
            continue
        if slot.typed[:1].isupper():
            form = form[:1].upper() + form[1:]
        parts += [query[at:slot.start], form]
        changes.append((slot.typed, form))
        at = slot.end
    return "".join([*parts, query[at:]]), tuple(changes)
