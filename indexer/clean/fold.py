"""The key every line rule matches: the line accent-folded, lower-cased, spaces collapsed.

So "Bình luận", "BÌNH LUẬN" and "Binh luan" are one rule.
"""

from __future__ import annotations

import functools

from knowledge.text.normalize import fold


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in range(0x300, 0x370)}  # combining marks
    for start, end in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00)):
        for cp in range(start, end):
            folded = fold(chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    return table


# `fold` as a translation table: the same result on Latin text, many times faster
# on the long lines of a PDF (every line is folded once to test the rules).
_FOLD_TABLE = _fold_table()


@functools.lru_cache(maxsize=8192)
def fold_line(line: str) -> str:
    """Folded, space-collapsed form used by every line rule (cached: each
    paragraph is asked several questions)."""
    return " ".join(line.translate(_FOLD_TABLE).split())
