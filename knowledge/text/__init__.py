"""Vietnamese text primitives, one of each: normalisation and accent folding (`normalize`,
`folding`), word segmentation and index tokens (`segment`, `tokens`), sentences, stopwords,
dates, numbers, and length as Telegram counts it (`length`)."""

from knowledge.text.normalize import fold, normalize
from knowledge.text.segment import segment
from knowledge.text.sentences import Span, paragraph_spans, sentence_spans, split_sentences
from knowledge.text.tokens import folded_tokens, folded_words, word_tokens

__all__ = [
    "Span",
    "fold",
    "folded_tokens",
    "folded_words",
    "normalize",
    "paragraph_spans",
    "segment",
    "sentence_spans",
    "split_sentences",
    "word_tokens",
]
