"""Vietnamese text handling: normalisation, accent folding, word segmentation, sentences."""

from knowledge.text.normalize import fold, normalize
from knowledge.text.segment import segment
from knowledge.text.sentences import paragraph_spans, sentence_spans, split_sentences
from knowledge.text.tokens import folded_tokens, word_tokens

__all__ = [
    "fold",
    "folded_tokens",
    "normalize",
    "paragraph_spans",
    "segment",
    "sentence_spans",
    "split_sentences",
    "word_tokens",
]
