"""Clauses of a long sentence with their list's header, and the lead cut around one."""

from __future__ import annotations

from knowledge.application.answer.clauses import cut_lead, section_headers, section_of, windows
from knowledge.text.sentences import sentence_spans

YEARS = ("Về thời gian thực hiện: Đối với xã đạt tiêu chí văn hóa, nông thôn mới:  Năm 2021: 10 xã (dự kiến đạt "
         "64,6%); Năm 2022: 11 xã (dự kiến đạt 71,4%); Năm 2023: 09 xã (dự kiến đạt 77%).")
ITEMS = ("Nâng cao chất lượng đời sống người dân nông thôn bao gồm: Tỷ lệ hộ nghèo giảm còn 1,8%; thu nhập "
         "bình quân đạt 54 triệu đồng/người/năm; tỷ lệ người dân tham gia BHYT đạt trên 99,32% dân số.")


def test_labelled_items_share_what_precedes_the_first_label():
    found = windows(YEARS)
    assert [w.clause.of(YEARS) for w in found[1:]] == ["Năm 2022: 11 xã (dự kiến đạt 71,4%);",
                                                        "Năm 2023: 09 xã (dự kiến đạt 77%)."]
    assert found[1].header.of(YEARS) == "Về thời gian thực hiện: Đối với xã đạt tiêu chí văn hóa, nông thôn mới:"
    assert found[0].header is None and found[0].clause.of(YEARS).endswith("64,6%);")


def test_unlabelled_items_share_the_text_before_the_colon():
    found = windows(ITEMS)
    assert found[2].header.of(ITEMS) == "Nâng cao chất lượng đời sống người dân nông thôn bao gồm:"
    assert windows("Một câu ngắn, không có danh sách.")[0].header is None


def test_cut_lead_keeps_the_header_and_marks_the_cuts():
    window = windows(ITEMS)[1]
    text, shift = cut_lead(ITEMS, window, window.clause.start, 120)
    assert text == ("Nâng cao chất lượng đời sống người dân nông thôn bao gồm: … "
                    "thu nhập bình quân đạt 54 triệu đồng/người/năm…")
    at = ITEMS.index("54 triệu")
    assert text[at - shift: at - shift + 8] == "54 triệu"
    text, _ = cut_lead(ITEMS, window, window.clause.start, 70)  # no room for the header
    assert text == "…thu nhập bình quân đạt 54 triệu đồng/người/năm…"
    assert cut_lead(ITEMS, window, 0, 400)[0] == ITEMS  # short enough: the whole sentence


def test_later_sentences_of_a_section_are_read_under_its_header():
    text = ("Đối với lĩnh vực nổi trội về giáo dục - y tế: Nâng cao chất lượng dạy và học. Vận động cho 100% trẻ "
            "em 5 tuổi ra lớp.\nĐối với lĩnh vực nổi trội về chuyển đổi số: Nâng cao dịch vụ hành chính công.")
    sections = section_headers(text)
    first, second, third = sentence_spans(text)
    assert section_of(text, sections, second) == "Đối với lĩnh vực nổi trội về giáo dục - y tế:"
    assert section_of(text, sections, first) == "" and section_of(text, sections, third) == ""
