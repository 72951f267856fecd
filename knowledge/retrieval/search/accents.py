"""Diacritics for a question typed without them, as the documents write its syllables.

A folded syllable is ambiguous ("xa": xã, xa, xà), a run of them much less
so: each syllable takes the accented form the word index holds most often,
and pairs the documents write together ("kiểu mẫu", "đạt chuẩn") decide
between forms (a Viterbi pass over each run of syllables).
"""

from __future__ import annotations

import math

from knowledge.retrieval.search.vocabulary import Vocabulary
from knowledge.text.normalize import fold
from knowledge.text.segment import syllabify

MAX_FORMS = 6
SEEN_PAIR = 3.0  # a pair the documents write outweighs a 20-to-1 frequency difference

# How questions write their question and function words; documents rarely ask
# "bao nhiêu", so their counts would say "bảo nhiều". Used where no pair decides.
# Left out where both readings are common in questions: may (mấy, máy), nay (này,
# nay), do (đó, do).
QUESTION_FORMS = {
    "bao": "bao", "nhieu": "nhiêu", "the": "thế", "nao": "nào", "nhu": "như", "gi": "gì", "khi": "khi",
    "sao": "sao", "ai": "ai", "khong": "không", "chua": "chưa", "dau": "đâu", "co": "có", "la": "là",
    "duoc": "được", "cua": "của", "va": "và", "cac": "các", "nhung": "những", "mot": "một",
    "voi": "với", "cho": "cho", "de": "để", "o": "ở", "tai": "tại", "thi": "thì", "ma": "mà",
    "hay": "hay", "hoac": "hoặc", "ve": "về", "theo": "theo", "tu": "từ", "den": "đến",
    "trong": "trong", "tren": "trên", "duoi": "dưới", "ra": "ra", "vao": "vào", "lam": "làm",
    "muon": "muốn", "can": "cần", "phai": "phải", "nen": "nên", "se": "sẽ", "da": "đã",
    "dang": "đang", "vay": "vậy",
}


def candidate_forms(folded: str, vocabulary: Vocabulary) -> dict[str, int]:
    """Accented forms of a folded syllable with their weights: the documents', and a question word's own."""
    counts = dict(vocabulary.accented_forms(folded))
    usual = QUESTION_FORMS.get(folded)
    if usual:  # ahead of the most frequent form: documents state, questions ask
        counts[usual] = max(counts.values(), default=0) + 1
    return counts


def restore(query: str, vocabulary: Vocabulary) -> str:
    """`query` (normalize()d, without diacritics) with the documents' accents on its syllables."""
    tokens = syllabify(query)
    out: list[str] = []
    at = 0
    run: list = []

    def flush() -> None:
        nonlocal at
        if not run:
            return
        for tok, form in zip(run, _best_path([fold(t.text) for t in run], vocabulary), strict=True):
            if form is not None:
                out.append(query[at:tok.start])
                out.append(form[:1].upper() + form[1:] if tok.text[:1].isupper() else form)
                at = tok.end
        run.clear()

    for tok in tokens:
        if tok.kind == "word" and tok.text.isalpha() and tok.text.isascii():
            run.append(tok)
        else:
            flush()
    flush()
    out.append(query[at:])
    return "".join(out)


def _best_path(folded: list[str], vocabulary: Vocabulary) -> list[str | None]:
    """Viterbi over each syllable's accented forms; None keeps the syllable as typed."""
    lattice: list[list[tuple[str | None, float]]] = []
    for f in folded:
        forms = sorted(candidate_forms(f, vocabulary).items(), key=lambda kv: -kv[1])[:MAX_FORMS]
        total = sum(n for _, n in forms)
        lattice.append([(form, math.log(n / total)) for form, n in forms] or [(None, 0.0)])
    best: list[tuple[float, list[str | None]]] = [(score, [form]) for form, score in lattice[0]]
    for column in lattice[1:]:
        step = []
        for form, emit in column:
            def through(prev: tuple[float, list[str | None]], form=form) -> float:
                before = prev[1][-1]
                pair = vocabulary.accented_pair_count(before, form) if before and form else 0
                return prev[0] + (SEEN_PAIR + 0.5 * math.log1p(pair) if pair else 0.0)
            prev = max(best, key=through)
            step.append((through(prev) + emit, [*prev[1], form]))
        best = step
    return max(best, key=lambda b: b[0])[1]
