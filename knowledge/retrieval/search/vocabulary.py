"""What one index knows about spelling: its syllables, their pairs, their accented forms.

Read from the two BM25 indexes, not from a dictionary: a word the documents
use is right by definition, and officials search for what the documents say.
The folded index already holds every syllable and adjacent pair ("nong_thon")
with its passage count; the word index holds the pyvi words with diacritics
("nông_thôn", "đạt+chuẩn"), from which the accented forms of each folded
syllable are collected once, when first needed.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from knowledge.retrieval.index.lexical import LexicalIndex
from knowledge.text.normalize import fold


class Vocabulary:
    def __init__(self, folded: LexicalIndex, words: LexicalIndex):
        self._folded = folded
        self._words = words

    def count(self, syllable: str) -> int:
        """Passages holding the folded syllable (0 when the index never saw it)."""
        return self._folded.doc_freq(syllable)

    def pair_count(self, a: str, b: str) -> int:
        """Passages where the folded syllables a, b stand side by side."""
        return self._folded.doc_freq(f"{a}_{b}")

    def accented_pair_count(self, a: str, b: str) -> int:
        """Passages with the accented syllables a, b as one word ("kiểu_mẫu") or two ("đạt+chuẩn")."""
        return self._words.doc_freq(f"{a}_{b}") + self._words.doc_freq(f"{a}+{b}")

    @cached_property
    def syllables(self) -> list[str]:
        """Every folded syllable of letters only, the candidates for a mistyped one."""
        return [t for t, _ in self._folded.vocabulary() if t.isalpha() and t.isascii()]

    @cached_property
    def forms(self) -> dict[str, dict[str, int]]:
        """Folded syllable -> {accented syllable: passages}, from the words of the word index."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        folds: dict[str, str] = {}  # fold() is the slow part; a corpus has a few thousand syllables
        for word, n in self._words.vocabulary():
            if "+" in word:
                continue
            for syllable in word.split("_"):
                if syllable.isalpha():
                    key = folds.get(syllable)
                    if key is None:
                        key = folds[syllable] = fold(syllable)
                    bucket = out[key]
                    bucket[syllable] = bucket.get(syllable, 0) + n
        return dict(out)

    def accented_forms(self, folded: str) -> dict[str, int]:
        return self.forms.get(folded, {})
