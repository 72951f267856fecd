"""The "nothing relevant" decision.

Fusion always ranks something first, so relevance is judged on the top
passage with two signals that are calibrated on the dev questions plus a
set of off-topic questions (scripts/calibrate_threshold.py): the cosine of
the dense model and how much of the question's content vocabulary the
passage actually contains. Question words are not evidence of anything.
"""

from __future__ import annotations

from dataclasses import dataclass

# Folded question and function words that every passage or none would match.
QUESTION_WORDS = frozenset(
    """
    bao nhieu the nao nhu gi nao sao khong chua ai dau khi may co la duoc cua va cac nhung
    mot cho voi de o tai thi ma hay hoac ve theo tu den trong tren duoi ra vao nay do kia
    lam muon can phai nen se da dang vay a a? u ha nhe nhi ban toi minh em anh chi oi
    """.split()
)

# Calibrated thresholds (see module docstring).
MIN_COSINE_ALONE = 0.86
MIN_COSINE_WITH_WORDS = 0.80
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    coverage: float
    cosine: float


def content_tokens(folded_query: list[str]) -> set[str]:
    return {t for t in folded_query if t not in QUESTION_WORDS and len(t) > 1}


def judge(folded_query: list[str], passage_tokens: frozenset[str], top_cosine: float, best_cosine: float) -> Relevance:
    content = content_tokens(folded_query)
    coverage = len(content & passage_tokens) / len(content) if content else 0.0
    cosine = max(top_cosine, 0.0)
    relevant = best_cosine >= MIN_COSINE_ALONE or (coverage >= MIN_COVERAGE and cosine >= MIN_COSINE_WITH_WORDS)
    return Relevance(relevant, round(coverage, 4), round(cosine, 4))
