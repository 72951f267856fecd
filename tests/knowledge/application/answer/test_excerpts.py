"""Citation excerpts: squeezed text, the figure's span carried through trimming, no repeated sentence."""

from __future__ import annotations

from knowledge.application.answer.excerpts import (
    EXCERPT_CHARS,
    best_excerpt,
    excerpt_around,
    sentence_keys,
    trim_with_offset,
)
from knowledge.application.answer.figures import Figure
from knowledge.application.answer.sentences import Matcher
from knowledge.text.sentences import Span

TEXT = "Mở đầu  dài.\nNăm 2025 có thêm   29 xã đạt chuẩn nâng cao. Câu sau về kinh phí."


def test_figure_span_survives_squeezing():
    start = TEXT.index("29 xã")
    sentence = Span(TEXT.index("Năm 2025"), TEXT.index(" Câu sau"))
    excerpt = excerpt_around(TEXT, sentence, Figure("count", "29 xã", start, start + 5))
    assert "  " not in excerpt.text and "\n" not in excerpt.text
    a, b = excerpt.figure
    assert excerpt.text[a:b] == "29 xã"


def test_best_sentence_not_already_shown():
    filler = " ".join(["nội dung khác"] * 40)
    shown = f"Năm 2025 có thêm 29 xã đạt chuẩn nâng cao, {filler}."
    text = " ".join([f"Phần mở đầu nói về lịch sử, {filler}.", shown, f"Các xã đạt chuẩn được hỗ trợ, {filler}."])
    matcher = Matcher("bao nhiêu xã đạt chuẩn nâng cao năm 2025")
    assert "29 xã đạt chuẩn" in best_excerpt(text, matcher).text
    later = best_excerpt(text, matcher, sentence_keys(shown))  # an earlier citation showed it already
    assert "Các xã đạt chuẩn được hỗ trợ" in later.text and "29 xã" not in later.text


def test_trim_with_offset_maps_back_to_the_original():
    long = "  " + "từ " * 400 + "đích" + " sau" * 100
    trimmed, shift = trim_with_offset(long, long.index("đích"), EXCERPT_CHARS)
    assert len(trimmed) <= EXCERPT_CHARS + 2 and "đích" in trimmed
    at = trimmed.index("đích")
    assert long[at + shift: at + shift + 4] == "đích"
