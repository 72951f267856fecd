"""Vietnamese text handling: normalisation, accent folding, word segmentation, sentences."""

from knowledge.text.normalize import fold, normalize

__all__ = ["fold", "normalize"]
