"""Raw text -> paragraphs: blank and junk lines end one, hard-wrapped lines are joined.

Junk lines are kept, flagged, because metadata reads datelines and
attributions from them and cleaning needs to know junk was there.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from indexer.clean.chrome import is_junk_line, is_weak_line
from indexer.clean.lines import ends_sentence, is_list_item
from knowledge.text.normalize import normalize

_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    junk: bool = False  # a junk line (see `is_junk_line`), kept so that neighbours know junk was here


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of `text` in order, after unwrapping, junk lines flagged."""
    return list(_paragraphs(normalized(text)))


@functools.lru_cache(maxsize=4)
def normalized(text: str) -> str:
    """`normalize`, cached: the reader, the metadata and the cleaner all
    start from the same raw text, and normalising a long PDF is not free."""
    return normalize(text)


@functools.lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blank and junk lines end a paragraph; wrapped lines inside one are joined
    (cached: metadata asks for the paragraphs of one text several times)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    paras: list[Paragraph] = []
    block: list[str] = []

    def flush() -> None:
        paras.extend(Paragraph(p) for p in _unwrap(block))
        block.clear()

    for raw in text.split("\n"):
        line = _SPACES_RE.sub(" ", raw).strip()
        if not line:
            flush()  # blank lines only end paragraphs
        elif is_junk_line(line):
            flush()
            paras.append(Paragraph(line, junk=True))
        else:
            block.append(line)
    flush()
    return tuple(paras)


def _unwrap(block: list[str]) -> list[str]:
    """Lines of one block -> paragraphs.

    A line continues the previous one when it starts in lower case, or when
    the block is hard-wrapped (most lines fill the same width, as in PDF
    text) and the previous line stops mid-sentence. Web copy, one paragraph
    per line of any length, is left alone; so are labels such as "Địa chỉ:".
    """
    if not block:
        return []
    width = max(len(line) for line in block)
    filled = sum(len(line) >= 0.8 * width for line in block[:-1])
    # Lines that would continue a sentence mostly start in lower case when
    # the block really is wrapped; in web copy they start new paragraphs.
    followers = [b for a, b in zip(block, block[1:], strict=False) if not ends_sentence(a) and not is_list_item(b)]
    lower = sum(b[:1].islower() or b[:1].isdigit() for b in followers)
    hard_wrapped = (
        len(block) >= 3 and width <= 200 and filled >= 0.5 * (len(block) - 1) and lower >= 0.4 * len(followers)
    )
    out = [block[0]]
    last_physical = block[0]
    for line in block[1:]:
        prev = out[-1]
        continues = line[:1].islower() or (line[:1].isdigit() and not is_list_item(line))
        fills = hard_wrapped and len(last_physical) >= 0.6 * width
        wrapped = (
            (continues or fills)
            and not ends_sentence(prev)
            and not is_list_item(line)
            and not is_weak_line(line)
            and not is_weak_line(last_physical)
        )
        if wrapped:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
        last_physical = line
    return out
