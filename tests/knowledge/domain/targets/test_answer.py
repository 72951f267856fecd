"""Numeric questions get the extracted figure, quoted exactly, with its sentence and ids."""

from __future__ import annotations

import pytest

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.render.targets import render_numeric_answer_html, render_numeric_answer_text
from knowledge.domain.targets.answer import answer_numeric_question


@pytest.fixture(scope="module")
def targets():
    return bundled_targets()


@pytest.mark.parametrize("question, figure, doc", [
    ("Hải Dương năm 2025 phấn đấu bao nhiêu xã NTM nâng cao?", "29 xã", "hai-duong-ntm-2025"),
    ("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?", "29 xã", "hai-duong-ntm-2025"),
    ("hai duong 2025 tong so xa ntm kieu mau la bao nhieu", "35/151 xã", "hai-duong-ntm-2025"),
    ("bac giang 2024 them bao nhieu xa ntm kieu mau", "05 xã", "bac-giang-ntm-2024"),
    ("Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?", "05 xã", "bac-giang-ntm-2024"),
    ("Bắc Giang bao nhiêu thôn kiểu mẫu", "72 thôn", "bac-giang-ntm-2024"),
    ("ty le ho ngheo bac giang 2024 la bao nhieu", "1,8%", "bac-giang-ntm-2024"),
    ("thu nhap binh quan o bac giang nam 2024 bao nhieu", "54 triệu đồng/người/năm", "bac-giang-ntm-2024"),
    ("Long An năm 2022 tỷ lệ xã NTM nâng cao là bao nhiêu?", "21,7%", "long-an-xa-van-hoa-ntm-nang-cao"),
    ("long an nam 2024 ty le xa nang cao", "38,6%", "long-an-xa-van-hoa-ntm-nang-cao"),
    ("Theo kế hoạch của Long An, năm 2021 có bao nhiêu xã đạt tiêu chí văn hóa, nông thôn mới?", "10 xã",
     "long-an-xa-van-hoa-ntm-nang-cao"),
    ("Long An muốn có bao nhiêu xã NTM kiểu mẫu theo Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI?", "11 xã",
     "long-an-xa-van-hoa-ntm-nang-cao"),
    ("TPHCM phấn đấu bao nhiêu phần trăm xã đạt chuẩn NTM kiểu mẫu?", "50%", None),
])
def test_answers(targets, question, figure, doc):
    answer = answer_numeric_question(question, targets)
    assert answer is not None, question
    assert answer.figure == figure
    a, b = answer.figure_span
    assert answer.sentence[a:b] == figure
    if doc:
        assert answer.doc_id == doc
    assert answer.target.doc_id == answer.doc_id and answer.passage_id == answer.target.passage_id


@pytest.mark.parametrize("question", [
    "Hải Dương phát triển mô hình thôn, xóm như thế nào?",  # not a number
    "tphcm muc tieu ty le tre em 5 tuoi ra lop",  # a number, but no target says it
    "bao nhiêu xã đạt NTM nâng cao năm 2025?",  # which province?
    "Hà Nội năm 2025 có bao nhiêu xã NTM nâng cao?",  # no targets for it
    "Hải Dương năm 2024 có bao nhiêu xã NTM nâng cao?",  # wrong year
    "Thời tiết Hà Nội ngày mai thế nào?",
])
def test_no_answer_when_not_sure(targets, question):
    assert answer_numeric_question(question, targets) is None


def test_by_a_year_is_the_level_reached_and_a_year_is_that_year_s_addition(targets):
    # "nông thôn mới" is no "mới" (new) that would ask for the year's additions
    by = answer_numeric_question("Long An đặt mục tiêu tỷ lệ xã đạt tiêu chí văn hóa, nông thôn mới đến 2025 là "
                                 "bao nhiêu?", targets)
    assert by.figure == "88%"
    that_year = answer_numeric_question("Năm 2025 Long An dự kiến tỷ lệ xã đạt tiêu chí văn hóa NTM là bao nhiêu?",
                                        targets)
    assert that_year.figure == "88,8%"


def test_the_caller_may_say_a_figure_is_asked(targets):
    question = "Hộ nghèo ở Bắc Giang năm 2024 phải kéo xuống mức nào?"
    assert answer_numeric_question(question, targets) is None  # no figure word in it
    assert answer_numeric_question(question, targets, asks_figure=True).figure == "1,8%"


def test_rendered_answer_puts_the_exact_figure_first(targets):
    answer = answer_numeric_question("Hải Dương năm 2025 phấn đấu bao nhiêu xã NTM nâng cao?", targets)
    reply = render_numeric_answer_html(answer)
    assert reply.startswith("<b>29 xã</b>")
    assert "có thêm <b>29 xã</b> đạt chuẩn" in reply  # bold at the figure's own offset in its sentence
    assert "94/151 xã" in reply  # the cumulative total of the same plan
    assert reply.rstrip().endswith("[1] Hải Dương thực hiện mục tiêu quốc gia xây dựng NTM năm 2025")
    text = render_numeric_answer_text(answer)
    assert text.startswith("29 xã") and "<b>" not in text


def test_repeated_figure_in_a_sentence_is_bolded_at_the_right_place(targets):
    answer = answer_numeric_question("bac giang 2024 them bao nhieu xa ntm kieu mau", targets)
    reply = render_numeric_answer_html(answer)
    assert "thêm 05 xã đạt chuẩn NTM; 11 xã đạt chuẩn xã NTM nâng cao; <b>05 xã</b> đạt chuẩn xã NTM kiểu mẫu" in reply
