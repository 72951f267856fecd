"""What figure a question asks for, and which figure in a text is one of that kind."""

from __future__ import annotations

import pytest

from knowledge.application.answer.asks import answering_figure, counted, figure_ask, levels_named

TEXT = ("Ngày 11/5/2021 ban hành Kế hoạch số 1416/KH-UBND: đến năm 2025 có 10/15 huyện, 35/151 xã đạt chuẩn "
        "NTM kiểu mẫu (23,2%), thu nhập 54 triệu đồng/người/năm, 72 thôn, tháng 5/2022 sơ kết.")


@pytest.mark.parametrize(("question", "kind", "noun", "answer"), [
    ("Năm 2025 bao nhiêu huyện đạt chuẩn?", "count", "huyen", "10/15 huyện"),
    ("Năm 2025 có mấy xã kiểu mẫu?", "count", "xa", "35/151 xã"),
    ("Số thôn năm 2025 là mấy?", "count", "thon", "72 thôn"),
    ("Năm 2025 xây bao nhiêu trường học?", "count", "truong", None),
    ("Tỷ lệ xã kiểu mẫu năm 2025 là bao nhiêu?", "percent", None, "23,2%"),
    ("Thu nhập năm 2025 đạt bao nhiêu?", "money", None, "54 triệu đồng/người/năm"),
    ("Kế hoạch ban hành ngày nào?", "date", None, "11/5/2021"),
    ("Sơ kết khi nào?", "date", None, "11/5/2021"),
    ("Kế hoạch này là kế hoạch số mấy?", "docnumber", None, "1416/KH-UBND"),
    ("Huyện phấn đấu đạt chuẩn mức nào?", "level", None, "NTM kiểu mẫu"),
    ("Năm 2025 có bao nhiêu đơn vị đạt chuẩn?", "count", "don", "10/15 huyện"),  # any administrative unit
    ("Thu nhập là bao nhiêu mỗi năm?", "money", None, "54 triệu đồng/người/năm"),  # "mỗi" counts nothing
    ("Số thôn kiểu mẫu năm 2025?", "count", "thon", "72 thôn"),
    ("Đại hội lần thứ mấy đề ra?", "ordinal", None, None),
])
def test_asked_kind_and_its_figure(question, kind, noun, answer):
    ask = figure_ask(question)
    assert (ask.kinds[0], ask.noun) == (kind, noun)
    found = answering_figure(TEXT, ask, question)
    assert (found.text if found else None) == answer


def test_no_figure_asked_and_no_echo_of_the_question():
    assert figure_ask("Các huyện cần quan tâm những tiêu chí nào?") is None
    ask = figure_ask("Năm 2025 có bao nhiêu xã đạt chuẩn?")
    assert answering_figure("Năm 2025 2025 xã", ask, "Năm 2025 có bao nhiêu xã đạt chuẩn?") is None
    assert figure_ask("Bảo hiểm y tế đạt bao nhiêu %?").kinds[0] == "percent"
    assert answering_figure("giai đoạn 2021-2025 và tháng 5/2021", figure_ask("khi nào?"), "khi nào?").text == \
        "5/2021"


def test_counted_gives_the_cue_in_the_question():
    q = "TPHCM năm 2025 xây bao nhiêu trường học?"
    start, end, noun = counted(q)
    assert q[start:end] == "bao nhiêu" and noun == "truong"
    assert counted("Thu nhập đạt bao nhiêu?") is None


def test_levels_named_leave_out_the_verb():
    assert levels_named("xã đạt chuẩn NTM, nâng cao, kiểu mẫu") == {"nang cao", "kieu mau"}
    assert levels_named("Xã nông thôn mới nâng cao") == {"nang cao"}
    assert levels_named("Nâng cao chất lượng đời sống người dân") == frozenset()


def test_classifiers_and_ordinals():
    assert counted("đề ra bao nhiêu nhóm nhiệm vụ?")[2] == "nhiem"
    ask = figure_ask("Đại hội Đảng bộ lần thứ mấy?")
    assert answering_figure("Đại hội Đảng bộ tỉnh lần thứ XI đề ra", ask, "lần thứ mấy?").text == "thứ XI"
