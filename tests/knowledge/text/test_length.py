"""knowledge.text.length: length in UTF-16 code units, what Telegram's limits count."""

from __future__ import annotations

import unicodedata

from knowledge.text.length import utf16_length


def test_bmp_text_counts_one_unit_per_code_point():
    assert utf16_length("") == 0
    assert utf16_length("Đạt chuẩn nông thôn mới") == len("Đạt chuẩn nông thôn mới")
    decomposed = unicodedata.normalize("NFD", "Đạt chuẩn")
    assert utf16_length(decomposed) == len(decomposed) > len("Đạt chuẩn")


def test_astral_plane_emoji_count_two_units():
    assert utf16_length("📍") == 2 and len("📍") == 1
    assert utf16_length("👍🎉 xã") == 7
    assert utf16_length("✅") == 1  # U+2705 is in the BMP
