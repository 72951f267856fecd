"""The "nothing relevant" decision.

Fusion always ranks something first, so relevance is judged on the top
passage (with its title), calibrated on knowledge/eval/{dev,calibration}.jsonl
(fact questions with and without diacritics, and off-topic questions):

- the dense model's cosine: on-topic questions typed with diacritics score
  high; off-topic ones stay below, whatever their words;
- IDF-weighted coverage: the share of the question's content syllables
  (question words removed, rare syllables weighing more) that the passage
  contains. With diacritics, syllables are compared as typed: folding makes
  "Tết Nguyên Đán" look like "tết nguyện dân" and finds it everywhere.
- Without diacritics the dense model barely understands the question and
  folded syllables are ambiguous, so coverage must come with at least one
  adjacent pair of the question's syllables found in the passage too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.text.normalize import fold, normalize

# Folded question and function words: evidence of nothing.
QUESTION_WORDS = frozenset(
    """
    bao nhieu the nao nhu gi nao sao khong chua ai dau khi may co la duoc cua va cac nhung
    mot cho voi de o tai thi ma hay hoac ve theo tu den trong tren duoi ra vao nay do kia
    lam muon can phai nen se da dang vay a u ha nhe nhi ban toi minh em anh chi oi
    """.split()
)
_SYLLABLE = re.compile(r"[^\W_]+(?:[,./%-][^\W_]+)*%?")

MIN_COSINE_ALONE = 0.86
MIN_COSINE_WITH_WORDS = 0.80
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    coverage: float
    cosine: float
    pairs: int = 0


@dataclass(frozen=True)
class Evidence:
    """What a passage offers to compare a question with (cached per passage)."""

    syllables: frozenset[str]
    folded: frozenset[str]
    folded_pairs: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Evidence:
        syl = syllables(text)
        folded = [fold(s) for s in syl]
        return cls(frozenset(syl), frozenset(folded), frozenset(_pairs(folded)))


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(normalize(text).lower())


def _pairs(tokens: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def content(tokens: Iterable[str]) -> list[str]:
    return [t for t in dict.fromkeys(tokens) if fold(t) not in QUESTION_WORDS and len(t) > 1]


def weighted_coverage(words: list[str], present: frozenset[str], idf: Callable[[str], float]) -> float:
    total = sum(idf(fold(t)) for t in words)
    if total <= 0:
        return 0.0
    return sum(idf(fold(t)) for t in words if t in present) / total


def judge(
    question: str,
    accented: bool,
    evidence: Evidence,
    top_cosine: float,
    best_cosine: float,
    idf: Callable[[str], float] = lambda t: 1.0,
) -> Relevance:
    syl = syllables(question)
    cosine = max(top_cosine, 0.0)
    if accented:
        coverage = weighted_coverage(content(syl), evidence.syllables, idf)
        pairs_found = 1
    else:
        folded = [fold(s) for s in syl]
        coverage = weighted_coverage(content(folded), evidence.folded, idf)
        pairs = [f"{a} {b}" for a, b in zip(folded, folded[1:], strict=False)
                 if not (a in QUESTION_WORDS and b in QUESTION_WORDS)]
        pairs_found = sum(1 for p in dict.fromkeys(pairs) if p in evidence.folded_pairs)
    relevant = best_cosine >= MIN_COSINE_ALONE or (
        coverage >= MIN_COVERAGE and cosine >= MIN_COSINE_WITH_WORDS and pairs_found > 0
    )
    return Relevance(relevant, round(coverage, 4), round(cosine, 4), pairs_found)


def bm25_idf(doc_freq: int, docs: int) -> float:
    return math.log(1 + (docs - doc_freq + 0.5) / (doc_freq + 0.5))
