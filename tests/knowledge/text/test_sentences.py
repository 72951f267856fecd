"""knowledge.text.sentences: the one splitter behind passages, answer leads and target extraction."""

from __future__ import annotations

from knowledge.text.sentences import Span, clause_spans, paragraph_spans, sentence_spans, split_sentences


def test_span_is_a_tuple_with_the_text_it_covers():
    text = "Xã đạt chuẩn. Huyện đạt chuẩn."
    spans = sentence_spans(text)
    assert spans == [(0, 13), (14, 30)]
    assert all(isinstance(s, Span) for s in spans)
    assert [s.of(text) for s in spans] == split_sentences(text)
    start, end = spans[1]
    assert (start, end) == (spans[1].start, spans[1].end)


def test_figures_and_abbreviations_stay_inside_their_sentence():
    text = "Theo Kế hoạch số 1416/KH-UBND. TP. Hồ Chí Minh đạt 100%! Có 1.234 hộ, đạt 62,2%. Tiếp theo"
    assert split_sentences(text) == [
        "Theo Kế hoạch số 1416/KH-UBND.", "TP. Hồ Chí Minh đạt 100%!", "Có 1.234 hộ, đạt 62,2%.", "Tiếp theo"]


def test_a_word_that_only_opens_sentences_ends_an_abbreviation():
    text = "TPHCM thực hiện các tiêu chí tại TP. Cụ thể, phấn đấu 50% số xã."
    assert split_sentences(text) == ["TPHCM thực hiện các tiêu chí tại TP.", "Cụ thể, phấn đấu 50% số xã."]


def test_lines_break_bullets_are_left_out_and_semicolons_never_split():
    text = "Mục tiêu:\n- Năm 2021: 10 xã; Năm 2022: 11 xã.\n• Tập huấn"
    assert split_sentences(text) == ["Mục tiêu:", "Năm 2021: 10 xã; Năm 2022: 11 xã.", "Tập huấn"]


def test_a_hard_wrapped_line_continues_its_paragraph():
    text = "Tỉnh phấn đấu có thêm 29 xã\nđạt chuẩn nông thôn mới nâng cao.\nXã Cao Xá"
    assert [s.of(text) for s in paragraph_spans(text)] == [
        "Tỉnh phấn đấu có thêm 29 xã\nđạt chuẩn nông thôn mới nâng cao.", "Xã Cao Xá"]
    assert len(sentence_spans(text)) == 2


def test_any_chunk_splits_the_same_as_the_whole_text():
    # The targets extractor gets passages cut anywhere; offsets index the chunk given.
    text = "Đạt 94/151 xã (62,2%). Năm 2025 có thêm 29 xã. Đối với xã NTM kiểu mẫu: 16 xã."
    chunk = text[23:]
    assert split_sentences(chunk) == ["Năm 2025 có thêm 29 xã.", "Đối với xã NTM kiểu mẫu: 16 xã."]
    region = sentence_spans(text, 23, len(text))
    assert [s.of(text) for s in region] == split_sentences(chunk)


def test_every_non_space_character_is_in_some_span_but_bullets():
    text = "  Câu một.   Câu hai!\n\n- Câu ba…  Câu bốn?  "
    covered = "".join(s.of(text) for s in sentence_spans(text))
    assert "".join(covered.split()) == "".join(text.replace("- ", "").split())


def test_clauses_also_end_after_semicolons():
    text = "Mở đầu. Chú trọng đầu tư hạ tầng giao thông; khác.\nCuối; cùng"
    assert [s.of(text) for s in clause_spans(text)] == [
        "Mở đầu.", "Chú trọng đầu tư hạ tầng giao thông;", "khác.", "Cuối;", "cùng"]
    assert clause_spans("Tỷ lệ 1;2 không tách") == [(0, 20)]
