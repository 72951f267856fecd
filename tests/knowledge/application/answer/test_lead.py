"""Leads: only a clause that answers leads; a near miss gets related passages and an honest line."""

from __future__ import annotations

import pytest

from knowledge.application.answer import AnswerEngine
from knowledge.application.answer.lead import LEAD_CHARS, best_lead, hinted_lead
from knowledge.application.answer.numeric import LeadHint
from knowledge.application.answer.sentences import Matcher
from knowledge.application.render.answer import render_html
from knowledge.retrieval.search import Hit
from tests.auxil.fake_bot_api import parse_telegram_html
from tests.auxil.fake_search import FakeSearch

# A resolution listing five targets in one 600-character sentence; the asked one comes last.
RESOLUTION = (
    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII đề ra các chỉ tiêu chủ yếu đến năm 2030 như sau: "
    "tốc độ tăng trưởng kinh tế bình quân của tỉnh đạt từ 7,5% đến 8% mỗi năm trong suốt cả giai đoạn, với cơ "
    "cấu kinh tế chuyển dịch mạnh theo hướng công nghiệp, dịch vụ; "
    "thu nhập bình quân đầu người khu vực nông thôn đạt ít nhất 95 triệu đồng/người/năm vào cuối kỳ; "
    "tỷ lệ lao động nông nghiệp qua đào tạo nghề có văn bằng, chứng chỉ đạt từ 45% trở lên; "
    "tỷ lệ dân số nông thôn được sử dụng nước sạch đáp ứng quy chuẩn quốc gia đạt 75% vào năm cuối kỳ; "
    "tỷ lệ chất thải rắn sinh hoạt ở nông thôn được thu gom và xử lý đúng quy định đạt 92,5% theo kế hoạch."
)
PLAN = (
    "Về thời gian thực hiện: Đối với xã đạt tiêu chí văn hóa, nông thôn mới:  Năm 2021: 10 xã (dự kiến đạt "
    "64,6%); Năm 2022: 11 xã (dự kiến đạt 71,4%); Năm 2023: 09 xã (dự kiến đạt 77%); Năm 2024: 08 xã (dự kiến "
    "đạt 82 %); Năm 2025: 11 xã (dự kiến đạt 88,8%); Năm 2026: 6 xã (dự kiến đạt 90%); Năm 2027: 7 xã (dự kiến "
    "đạt 92%)."
)


def _hit(text: str, passage_id: str = "d#1") -> Hit:
    return Hit(1, 1.0, "d", passage_id, "Kế hoạch của tỉnh Long An", None, None, None, ["Long An"], text)


@pytest.fixture(scope="module")
def engine():
    return AnswerEngine(FakeSearch.from_corpus())


def test_near_miss_has_no_lead_and_says_what_is_missing(engine):
    answer = engine.ask("TPHCM năm 2025 xây bao nhiêu trường học?")
    assert answer.kind == "answer" and answer.lead is None and answer.citations
    assert answer.message == "Các tài liệu chưa nêu số trường học TPHCM xây năm 2025."
    text = parse_telegram_html(render_html(answer))
    assert text.startswith("Các tài liệu chưa nêu số trường học TPHCM xây năm 2025.\n\nCác đoạn liên quan\n\n[1]")
    assert "📌" not in text


@pytest.mark.parametrize("question", [
    "Long An năm 2026 phấn đấu thêm bao nhiêu xã NTM nâng cao?",  # the plan stops at 2025
    "Năm 2025 Hải Dương có bao nhiêu huyện đạt chuẩn NTM nâng cao?",  # only communes are counted
    "Long An năm 2023 có bao nhiêu xã đạt NTM kiểu mẫu?",  # the 2023 figure is for nâng cao
])
def test_figures_of_another_place_year_level_or_unit_do_not_lead(engine, question):
    answer = engine.ask(question)
    assert answer.lead is None and answer.message.startswith("Các tài liệu chưa nêu số ")


def test_the_answering_sentence_still_leads(engine):
    answer = engine.ask("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?")
    assert answer.lead.figure_text == "29 xã" and not answer.message
    assert engine.page(answer.query, 1).message == ""  # later pages: neither lead nor "not stated"


def test_clause_trimming_keeps_the_asked_figure_of_a_long_sentence():
    assert len(RESOLUTION) >= 600
    q = "Đến năm 2030 tỷ lệ chất thải rắn sinh hoạt ở nông thôn được thu gom, xử lý đạt bao nhiêu?"
    lead = best_lead(q, Matcher(q), [_hit(RESOLUTION)]).lead
    assert len(lead.text) <= LEAD_CHARS and lead.figure_text == "92,5%"
    assert lead.text.startswith("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII đề ra các chỉ tiêu chủ yếu")  # header
    assert "… tỷ lệ chất thải rắn sinh hoạt" in lead.text and "95 triệu" not in lead.text
    q = "thu nhập bình quân đầu người nông thôn năm 2030 là bao nhiêu?"
    lead = best_lead(q, Matcher(q), [_hit(RESOLUTION)]).lead
    assert lead.figure_text == "95 triệu đồng/người/năm" and lead.text.endswith("vào cuối kỳ…")


def test_year_list_leads_with_the_asked_year_under_its_header():
    q = "Long An năm 2026 dự kiến bao nhiêu xã đạt tiêu chí văn hóa?"
    lead = best_lead(q, Matcher(q), [_hit(PLAN)]).lead
    assert lead.text == ("Về thời gian thực hiện: Đối với xã đạt tiêu chí văn hóa, nông thôn mới: … "
                         "Năm 2026: 6 xã (dự kiến đạt 90%)…")
    assert lead.figure_text == "6 xã"
    q = "Long An năm 2026 dự kiến tỷ lệ xã đạt tiêu chí văn hóa là bao nhiêu?"
    assert best_lead(q, Matcher(q), [_hit(PLAN)]).lead.figure_text == "90%"


@pytest.mark.parametrize(("question", "answers"), [
    ("Long An năm 2030 có bao nhiêu xã đạt tiêu chí văn hóa?", False),  # no such year
    ("Tây Ninh (Long An cũ) năm 2026 có bao nhiêu xã đạt tiêu chí văn hóa?", True),  # new and old name
    ("Hải Dương năm 2026 có bao nhiêu xã đạt tiêu chí văn hóa?", False),  # another province's plan
    ("Long An năm 2026 có bao nhiêu huyện đạt tiêu chí văn hóa?", False),  # communes are counted, not districts
    ("Long An năm 2026 có bao nhiêu xã đạt tiêu chí văn hóa?", True),
])
def test_place_year_and_unit_must_match(question, answers):
    assert (best_lead(question, Matcher(question), [_hit(PLAN)]) is not None) is answers


def test_a_hint_of_another_kind_of_figure_gives_way_to_search():
    sentence = "Đối với xã đạt tiêu chí văn hóa: Năm 2025: 11 xã (dự kiến đạt 88,8%)."
    hits = [_hit("Tỷ lệ xã đạt tiêu chí văn hóa đến năm 2025 đạt 88%."), _hit(sentence, "d#2")]
    at = sentence.index("11 xã")
    hint = LeadHint(sentence, (at, at + 5), "d#2", "d")  # a count, where a share is asked
    q = "Long An đặt mục tiêu tỷ lệ xã đạt tiêu chí văn hóa đến 2025 là bao nhiêu?"
    same, choice = hinted_lead(lambda _: hint, lambda _: None, q, hits, 3)
    assert choice is None and same == hits
    q = "Long An năm 2025 có bao nhiêu xã đạt tiêu chí văn hóa?"
    moved, choice = hinted_lead(lambda _: hint, lambda _: None, q, hits, 3)
    assert choice.lead.figure_text == "11 xã" and moved[0].passage_id == "d#2"


def test_a_sentence_under_a_section_leads_with_its_header():
    text = ("Đối với lĩnh vực nổi trội về giáo dục - y tế - văn hóa: Nâng cao chất lượng dạy và học tại các trường "
            "mầm non. Tuyên truyền vận động phụ huynh cho 100% trẻ em 5 tuổi ra lớp đúng quy định.")
    q = "Về giáo dục y tế, Long An yêu cầu tỷ lệ trẻ 5 tuổi đến lớp là bao nhiêu?"
    lead = best_lead(q, Matcher(q), [_hit(text)]).lead
    assert lead.text == ("Đối với lĩnh vực nổi trội về giáo dục - y tế - văn hóa: … Tuyên truyền vận động phụ huynh "
                         "cho 100% trẻ em 5 tuổi ra lớp đúng quy định.")
    assert lead.figure_text == "100%"
