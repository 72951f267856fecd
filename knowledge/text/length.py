"""Text length as Telegram counts it: UTF-16 code units.

Telegram's limits (4,096 for a message, 1,024 for a caption; see
telegram.constants.MessageLimit) and its entity offsets are in UTF-16 code
units, not code points: an emoji outside the Basic Multilingual Plane
("📍", "👍") counts 2, a Vietnamese letter 1 per code point (all are in the
BMP). Every renderer that keeps a reply under a limit measures with
this function, so no reply is refused for being too long.
"""

from __future__ import annotations

__all__ = ["utf16_length"]


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units of `text`: len(text) plus one per astral-plane character."""
    return len(text.encode("utf-16-le")) // 2
