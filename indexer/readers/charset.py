"""Bytes of a text file -> str, in whichever encoding Vietnamese files come in.

BOM first, then UTF-8, UTF-16 without BOM, Windows-1258. Text that decodes
but is really binary, or uses a legacy Vietnamese font encoding (TCVN3,
VNI: every letter would be wrong), is refused with a message saying so.
"""

from __future__ import annotations

import re

from indexer.readers.document import DocumentError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_NOT_TEXT = "Tệp không phải văn bản (có thể là tệp nhị phân hoặc bị hỏng)"


def decode_text(data: bytes) -> str:
    """Bytes of a text file -> str: BOM, then UTF-8, UTF-16 without BOM, Windows-1258.

    Windows-1258 is the Vietnamese Windows code page of older files; it
    stores tone marks as combining characters, which `normalize` composes.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DocumentError(_NOT_TEXT) from exc
    sample = data[:4096]
    if b"\x00" in sample:
        half = max(1, len(sample) // 2)
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.3 * half and even < 0.05 * half:
            encoding = "utf-16-le"
        elif even > 0.3 * half and odd < 0.05 * half:
            encoding = "utf-16-be"
        else:
            raise DocumentError(_NOT_TEXT)
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError as exc:
            raise DocumentError(_NOT_TEXT) from exc
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise DocumentError(_NOT_TEXT) from exc
    return _checked(text)


_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_LATIN1_SYMBOL_RE = re.compile("[\u00a1-\u00bf]")
_VIETNAMESE_LETTER_RE = re.compile("[\u0100-\u024f\u1ea0-\u1ef9]")


def _checked(text: str) -> str:
    """Reject decoded text that is really binary or in a legacy Vietnamese font encoding."""
    if not text:
        return text
    bad = len(_CONTROL_RE.findall(text))
    if bad > 0.01 * len(text) + 2:
        raise DocumentError(_NOT_TEXT)
    # TCVN3 (ABC) puts Vietnamese letters where Latin-1 has symbols (¸ µ ¶ ¹ ¨ © ® ...);
    # Unicode Vietnamese uses Latin Extended letters (ă đ ơ ư, U+1EA0-U+1EF9) instead.
    symbols = len(_LATIN1_SYMBOL_RE.findall(text))
    vietnamese = len(_VIETNAMESE_LETTER_RE.findall(text))
    if symbols >= 10 and vietnamese < symbols / 5:
        raise DocumentError(
            "Tệp dùng bảng mã tiếng Việt cũ (TCVN3/VNI); hãy chuyển sang Unicode (UTF-8) rồi nạp lại"
        )
    return text
