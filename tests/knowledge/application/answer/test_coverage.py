"""Coverage: the focus (tolerant to word forms), the asked kind of figure, the level, year and place."""

from __future__ import annotations

import pytest

from knowledge.application.answer.coverage import asked, lead_answers, question_focus, years_in
from knowledge.application.answer.lead import best_lead
from knowledge.application.answer.sentences import Matcher
from knowledge.retrieval.search import Hit


@pytest.mark.parametrize(("question", "sentence", "answers"), [
    # a count of what is asked
    ("TPHCM năm 2025 xây bao nhiêu trường học?", "Năm 2025 TPHCM xây dựng nông thôn mới toàn diện.", False),
    ("TPHCM năm 2025 xây bao nhiêu trường học?", "Năm 2025 TPHCM xây thêm 12 trường mầm non.", True),
    ("Năm 2025 có bao nhiêu huyện đạt chuẩn NTM?", "Năm 2025 có thêm 29 xã đạt chuẩn NTM.", False),
    ("Năm 2025 có bao nhiêu huyện đạt chuẩn NTM?", "Năm 2025 phấn đấu có 10/15 huyện đạt chuẩn NTM.", True),
    ("Bộ tiêu chí 2021-2025 có bao nhiêu chỉ tiêu?", "Bộ tiêu chí giai đoạn 2021-2025 gồm 19 tiêu chí.", False),
    # a percentage for "tỷ lệ", a date for "ngày nào", a document number for "số hiệu"
    ("Tỷ lệ hộ nghèo năm 2024 giảm còn bao nhiêu?", "Năm 2024 số hộ nghèo giảm 1.200 hộ.", False),
    ("Tỷ lệ hộ nghèo năm 2024 giảm còn bao nhiêu?", "Năm 2024 tỷ lệ hộ nghèo giảm còn 1,8%.", True),
    ("Quyết định 318/QĐ-TTg được ký ngày nào?", "Theo Quyết định 318/QĐ-TTg giai đoạn 2021-2025.", False),
    ("Quyết định 318/QĐ-TTg được ký ngày nào?", "Quyết định 318/QĐ-TTg ngày 08/3/2022 ban hành bộ tiêu chí.", True),
    ("Quyết định 318/QĐ-TTg được ký ngày nào?", "Quyết định 320/QĐ-TTg ngày 08/3/2022 ban hành bộ tiêu chí.", False),
    ("Kế hoạch về xã văn hóa có số hiệu là gì?", "UBND tỉnh ban hành Kế hoạch số 1416/KH-UBND về xã văn hóa.", True),
    # the focus, with word forms and typing forgiven
    ("Thu nhập bình quân đầu người năm 2024 đạt bao nhiêu?", "Năm 2024 thu nhập bình quân đạt 54 triệu đồng.",
     True),
    ("Thu nhập bình quân đầu người năm 2024 đạt bao nhiêu?", "Năm 2024 có thêm 54 xã đạt chuẩn.", False),
    ("tỷ lệ hộ dân dùng điện năm 2024?", "Năm 2024 tỷ lệ dân số được dùng nước sạch đạt 57,5%.", False),
    ("Tỷ lệ người dân có bảo hiểm y tế năm 2024?", "Năm 2024 tỷ lệ tham gia BHYT đạt 99,32%.", True),  # spelt out
    ("Tới cuối 2025 Hải Dương muốn có tổng cộng bao nhiêu xã nâng cao?",  # wishes and quantifiers are no focus
     "Năm 2025 nâng tổng số xã đạt chuẩn NTM nâng cao là 94/151 xã.", True),
    # a description needs its year near, not in the very sentence
    ("Huyện nào phấn đấu hoàn thành tiêu chí huyện NTM nâng cao trong năm 2024?",
     "Riêng huyện Tân Yên phấn đấu hoàn thành các tiêu chí huyện NTM nâng cao, hồ sơ năm 2025.", False),
    # the level asked, not another one
    ("Năm 2022 bao nhiêu xã NTM nâng cao?", "Năm 2022: 08 xã đạt chuẩn NTM kiểu mẫu.", False),
    ("Năm 2022 bao nhiêu xã NTM nâng cao?", "Đối với xã NTM nâng cao: Năm 2021: 12 xã; Năm 2022: 08 xã.", True),
])
def test_lead_answers(question, sentence, answers):
    assert lead_answers(question, sentence) is answers


def test_a_list_answers_with_the_clause_of_the_asked_year():
    sentence = "Đối với xã NTM nâng cao: Năm 2021: 12 xã (đạt 16,3%); Năm 2022: 08 xã (đạt 21,7%)."
    assert lead_answers("Năm 2022 bao nhiêu xã NTM nâng cao?", sentence)
    assert not lead_answers("Năm 2023 bao nhiêu xã NTM nâng cao?", sentence)


def test_focus_and_figure_from_the_parsed_question_win():
    sentence = "Năm 2024 tỷ lệ hộ nghèo giảm còn 1,8%."
    assert not lead_answers("Bắc Giang năm 2024 thì sao?", sentence, focus=("bhyt",))
    assert lead_answers("Bắc Giang năm 2024 thì sao?", sentence, focus=("ho", "ngheo"), wants_figure=True)
    assert not lead_answers("hộ nghèo năm 2024 giảm còn bao nhiêu huyện?", sentence)
    assert lead_answers("hộ nghèo năm 2024 giảm còn bao nhiêu huyện?", sentence, wants_figure=False)


def test_question_focus_leaves_out_places_years_levels_and_cues():
    assert question_focus("TPHCM năm 2025 xây bao nhiêu trường học?") == ("xay", "truong", "hoc")
    assert question_focus("Hải Phòng (Hải Dương cũ) năm 2025 phấn đấu thêm bao nhiêu xã NTM nâng cao?") == ()
    assert question_focus("Tiêu chí số 19 giai đoạn 2021-2025 là tiêu chí gì?") == ("tieu", "chi", "tieu", "chi")
    assert asked("Tiêu chí số 19 là gì? Quyết định 318/QĐ-TTg").refs == ("19", "318")


def test_years_named_one_by_one_or_by_period_not_in_document_numbers():
    named = years_in("giai đoạn 2021 - 2025, Quyết định 51/2025/QĐ-TTg, năm 2024")
    assert named.years == {2024} and named.periods == frozenset(range(2021, 2026))
    assert years_in("ngày 11/5/2021").years == {2021}


def test_a_period_answers_for_a_year_only_when_no_year_is_named_nearer():
    assert lead_answers("Năm 2024 tỷ lệ hộ nghèo giảm còn bao nhiêu?",
                        "Tỷ lệ hộ nghèo (chuẩn giai đoạn 2021-2025) giảm còn 1,8%.")
    assert not lead_answers("Năm 2023 tỷ lệ hộ nghèo giảm còn bao nhiêu?",
                            "Năm 2024, tỷ lệ hộ nghèo (chuẩn giai đoạn 2021-2025) giảm còn 1,8%.")
    hit = Hit(1, 1.0, "d", "d#1", "Kế hoạch năm 2024", None, None, None, [], "Thêm 11 xã đạt chuẩn NTM nâng cao.")
    q = "Năm 2023 thêm bao nhiêu xã NTM nâng cao?"
    assert best_lead(q, Matcher(q), [hit]) is None  # the plan's year is 2024
    q = "Năm 2024 thêm bao nhiêu xã NTM nâng cao?"
    assert best_lead(q, Matcher(q), [hit]).lead.figure_text == "11 xã"


def test_a_passage_is_about_the_asked_province_old_or_new():
    def hit(provinces, text=""):
        return Hit(1, 1.0, "d", "d#1", "Kế hoạch", None, None, None, provinces, text)

    need = asked("Tây Ninh năm 2023 bao nhiêu xã NTM nâng cao?")  # Long An joined Tây Ninh in 2025
    assert need.about(hit(["Long An"])) and not need.about(hit(["Hải Dương"]))
    assert need.about(hit([], "Quyết định của Thủ tướng Chính phủ"))  # national: any province
    assert not need.about(hit([], "UBND tỉnh Hải Dương phấn đấu"))
    assert asked("Bao nhiêu xã NTM nâng cao?").about(hit(["Hải Dương"]))


def test_a_description_may_take_its_year_from_the_passage():
    text = ("Theo Kế hoạch, năm 2024, các huyện duy trì các tiêu chí. Riêng huyện Tân Yên phấn đấu hoàn thành "
            "các tiêu chí huyện NTM nâng cao, để hoàn thiện hồ sơ năm 2025.")
    hit = Hit(1, 1.0, "d", "d#1", "Kế hoạch", None, None, None, [], text)
    q = "Huyện nào phấn đấu hoàn thành tiêu chí huyện NTM nâng cao trong năm 2024?"
    assert "Tân Yên" in best_lead(q, Matcher(q), [hit]).lead.text
