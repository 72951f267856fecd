"""Synthetic Vietnamese passages for benchmarks, drawn from the corpus vocabulary.

A word-bigram chain trained on the bundled articles produces text with the
corpus's real word and syllable distribution (so BM25 posting lists and
pyvi's work are realistic), sprinkled with the figures, years and province
names officials ask about. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterator

from indexer.readers import SourceDocument, read_path
from knowledge import places
from knowledge.settings import BUNDLED_CORPUS

_WORD = re.compile(r"\w+(?:[/,.%-]\w+)*%?|[.,;:]", re.UNICODE)


def _chain(texts: list[str]) -> dict[str, list[str]]:
    chain: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        words = _WORD.findall(text)
        for a, b in zip(words, words[1:], strict=False):
            chain[a].append(b)
    return chain


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        texts.extend(d.text for d in read_path(path))
    return texts


def synthetic_documents(
    count: int, seed: int = 13, min_chars: int = 450, max_chars: int = 850
) -> Iterator[SourceDocument]:
    """`count` one-passage documents of realistic length (one passage each)."""
    rng = random.Random(seed)
    provinces = [p.name for p in places.old_provinces()]  # the 63 pre-2025 names, as metadata writes them
    chain = _chain(corpus_texts())
    starts = [w for w in chain if w[:1].isupper()]
    for n in range(count):
        province = rng.choice(provinces)
        year = rng.randint(2021, 2030)
        target = rng.randint(min_chars, max_chars)
        out: list[str] = []
        word = rng.choice(starts)
        length = 0
        while length < target:
            out.append(word)
            length += len(word) + 1
            nxt = chain.get(word)
            word = rng.choice(nxt) if nxt else rng.choice(starts)
            if rng.random() < 0.01:
                out.append(f"{province} {rng.randint(1, 150)} xã đạt {rng.randint(10, 99)},{rng.randint(1, 9)}%")
        text = " ".join(out)
        text = re.sub(r" ([.,;:])", r"\1", text).strip(" ,;:") + "."
        yield SourceDocument(
            doc_id=f"syn-{n:06d}",
            title=f"Kế hoạch xây dựng nông thôn mới {province} năm {year}",
            text=text[0].upper() + text[1:],
            source="synthetic",
            date=f"{year}-01-01",
            provinces=[province],
            kind="synthetic",
            url=None,
            path=None,
        )


def synthetic_questions(docs: list[SourceDocument], count: int, seed: int = 7) -> list[str]:
    """Questions as an official might type them: 5 to 10 consecutive words of a random passage."""
    rng = random.Random(seed)
    questions = []
    for doc in rng.sample(docs, min(count, len(docs))):
        words = doc.text.split()
        start = rng.randrange(max(1, len(words) - 10))
        questions.append(" ".join(words[start : start + rng.randint(5, 10)]))
    return questions
