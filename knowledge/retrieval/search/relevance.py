"""The "nothing relevant" decision.

Fusion always ranks something first, so relevance is judged on the top
passage (with its title), calibrated on knowledge/eval/{dev,calibration}.jsonl
(fact questions with and without diacritics, and off-topic questions):

- the dense model's cosine: on-topic questions typed with diacritics score
  high; off-topic ones stay below, whatever their words;
- IDF-weighted coverage: the share of the question's content words (question
  words removed, rare words weighing more) that the passage contains. With
  diacritics these are pyvi words as typed: folding makes "Tết Nguyên Đán"
  look like "tết nguyện dân", and syllables make "giảm cân" look like
  "giảm nghèo ... cân đối"; both are found everywhere.
- an adjacent pair of the question's content syllables found in the passage
  ("giảm cân" is not "giảm nghèo"), required with the coverage evidence.
- Without diacritics the dense model barely understands the question, so
  coverage and a pair decide alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.retrieval.index.lexical import bm25_idf  # noqa: F401 - re-exported: the gate weighs words by it
from knowledge.text.normalize import fold, normalize
from knowledge.text.stopwords import QUESTION_WORDS

_SYLLABLE = re.compile(r"[^\W_]+(?:[,./%-][^\W_]+)*%?")

MIN_COSINE_ALONE = 0.86
MIN_COSINE_WITH_WORDS = 0.80
MIN_COVERAGE = 0.5
MIN_BARE_COVERAGE = 0.55
MIN_BARE_COVERAGE_ONE_PAIR = 0.7


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    coverage: float
    cosine: float
    pairs: int = 0


@dataclass(frozen=True)
class Evidence:
    """What a passage offers to compare a question with (cached per passage)."""

    words: frozenset[str]
    folded: frozenset[str]
    folded_pairs: frozenset[str]

    @classmethod
    def of(cls, text: str, words: Iterable[str]) -> Evidence:
        folded = [fold(s) for s in syllables(text)]
        return cls(frozenset(words), frozenset(folded), frozenset(_pairs(folded)))


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(normalize(text).lower())


def _pairs(tokens: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def content(tokens: Iterable[str]) -> list[str]:
    """Tokens that carry meaning: not only question words, not one letter, not a bigram."""
    out = []
    for t in dict.fromkeys(tokens):
        parts = fold(t).split("_")
        if "+" not in t and len(t) > 1 and not all(p in QUESTION_WORDS for p in parts):
            out.append(t)
    return out


def weighted_coverage(words: list[str], present: frozenset[str], idf: Callable[[str], float]) -> float:
    total = sum(idf(t) for t in words)
    if total <= 0:
        return 0.0
    return sum(idf(t) for t in words if t in present) / total


def judge(
    question_words: list[str] | None,
    question: str,
    evidence: Evidence,
    top_cosine: float,
    best_cosine: float,
    idf_words: Callable[[str], float] = lambda t: 1.0,
    idf_folded: Callable[[str], float] = lambda t: 1.0,
) -> Relevance:
    """`question_words` are the question's pyvi words when typed with diacritics, else None."""
    cosine = max(top_cosine, 0.0)
    folded = [fold(s) for s in syllables(question)]
    pairs = [f"{a} {b}" for a, b in zip(folded, folded[1:], strict=False) if _meaningful(a) and _meaningful(b)]
    found = sum(1 for p in dict.fromkeys(pairs) if p in evidence.folded_pairs)
    if question_words is not None:
        coverage = weighted_coverage(content(question_words), evidence.words, idf_words)
        relevant = best_cosine >= MIN_COSINE_ALONE or (
            coverage >= MIN_COVERAGE and cosine >= MIN_COSINE_WITH_WORDS and found >= 1
        )
    else:
        coverage = weighted_coverage(content(folded), evidence.folded, idf_folded)
        # More pairs found, less coverage needed: one pair alone proves little.
        relevant = (coverage >= MIN_BARE_COVERAGE and found >= 2) or (
            coverage >= MIN_BARE_COVERAGE_ONE_PAIR and found >= 1
        )
    return Relevance(relevant, round(coverage, 4), round(cosine, 4), found)


def _meaningful(folded_syllable: str) -> bool:
    return len(folded_syllable) > 1 and folded_syllable not in QUESTION_WORDS


