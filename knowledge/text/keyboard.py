"""One-edit variants of a typed word, as fingers on a phone keyboard produce them.

Spelling correction tries every string one deletion, insertion,
transposition or replacement away. When the typed word is itself a word, a
replacement is believable only as a slip to a neighbouring key ("mẫy" for
"mẫu": y is next to u) or a sound-alike (i/y as in tỉ/tỷ, l/n, final c/t),
never "định" for "tỉnh".
"""

from __future__ import annotations

import string
from collections.abc import Iterator

__all__ = ["NEAR_KEYS", "edits"]

_LETTERS = string.ascii_lowercase
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_SOUND_ALIKE = ("iy", "ln", "ct")


def _near_keys() -> dict[str, str]:
    near: dict[str, set[str]] = {c: set() for c in _LETTERS}
    for r, row in enumerate(_ROWS):
        for i, c in enumerate(row):
            near[c].update(row[max(0, i - 1):i] + row[i + 1:i + 2])
            for other, shift in ((r - 1, 0), (r + 1, -1)):  # each row sits half a key right of the one above
                if 0 <= other < len(_ROWS):
                    near[c].update(_ROWS[other][max(0, i + shift):max(0, i + shift + 2)])
    for a, b in _SOUND_ALIKE:
        near[a].add(b)
        near[b].add(a)
    return {c: "".join(sorted(n - {c})) for c, n in near.items()}


#: Letter -> the letters around its key on a QWERTY keyboard, and its sound-alikes.
NEAR_KEYS = _near_keys()


def edits(word: str, near_keys_only: bool = False) -> Iterator[str]:
    """Distinct lower-case strings one edit from `word` (letters a-z), `word` itself excluded."""
    seen = {word}
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        candidates = [head + c + tail for c in _LETTERS]
        if tail:
            candidates.append(head + tail[1:])
            replacements = NEAR_KEYS.get(tail[0], "") if near_keys_only else _LETTERS
            candidates.extend(head + c + tail[1:] for c in replacements)
        if len(tail) > 1:
            candidates.append(head + tail[1] + tail[0] + tail[2:])
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                yield candidate
