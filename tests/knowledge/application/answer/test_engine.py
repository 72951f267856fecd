"""Answer engine over an in-memory search stand-in: lead sentence, key figure, pages, bad input."""

from __future__ import annotations

import pytest

from knowledge.application.answer import AnswerEngine, FollowUps
from knowledge.application.answer.figures import find_figures, pick_figure
from knowledge.application.answer.sentences import trim
from knowledge.application.render.answer import render_html
from knowledge.text.sentences import sentence_spans
from tests.auxil.fake_bot_api import parse_telegram_html
from tests.auxil.fake_search import FakeSearch


@pytest.fixture(scope="module")
def search():
    return FakeSearch.from_corpus()


@pytest.fixture
def engine(search):
    return AnswerEngine(search)


def test_lead_sentence_with_bold_figure(engine):
    answer = engine.ask("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?")
    assert answer.kind == "answer" and answer.answered
    assert answer.lead.figure_text == "29 xã"
    html = render_html(answer)
    assert "<b>29 xã</b>" in html
    assert html.startswith("📌")
    assert [c.number for c in answer.citations] == [1, 2, 3]
    assert answer.doc_ids[0] == "hai-duong-ntm-2025"


def test_year_anchor_picks_the_right_clause():
    text = ("Đối với xã đạt tiêu chí văn hóa, nông thôn mới: Năm 2021: 10 xã (dự kiến đạt 64,6%); "
            "Năm 2022: 11 xã (dự kiến đạt 71,4%). Đối với xã Nông thôn mới nâng cao: Năm 2021: 12 xã "
            "(dự kiến đạt 16,3%); Năm 2022: 08 xã (dự kiến đạt 21,7%).")
    from knowledge.application.answer.sentences import Matcher

    q = "năm 2022 tỷ lệ xã đạt NTM nâng cao dự kiến là bao nhiêu?"
    anchor = AnswerEngine._anchor(text, q, Matcher(q))
    assert pick_figure(text, q, anchor=anchor).text == "21,7%"
    q = "năm 2021 có bao nhiêu xã đạt tiêu chí văn hóa?"
    anchor = AnswerEngine._anchor(text, q, Matcher(q))
    assert pick_figure(text, q, anchor=anchor).text == "10 xã"


def test_figures_kinds():
    kinds = {f.text: f.kind for f in find_figures(
        "Ngày 22/10/2020 có 10/15 huyện, 64,6% số xã, 54 triệu đồng/người/năm, Kế hoạch 1416/KH-UBND")}
    assert kinds["22/10/2020"] == "date" and kinds["10/15"] == "ratio" and kinds["64,6%"] == "percent"
    assert kinds["54 triệu đồng/người/năm"] == "count"
    assert "1416" not in kinds  # document numbers are not figures
    assert pick_figure("ban hành ngày 22/10/2020 gồm 5 nội dung", "ban hành ngày nào?").text == "22/10/2020"
    assert pick_figure("100% trẻ em 5 tuổi ra lớp", "ty le tre em 5 tuoi ra lop").text == "100%"


def test_not_found_says_what_the_bot_covers():
    engine = AnswerEngine(FakeSearch.from_corpus(threshold=0.99))
    answer = engine.ask("Thời tiết Hà Nội ngày mai thế nào?")
    assert answer.kind == "not_found" and not answer.answered
    text = parse_telegram_html(render_html(answer))
    assert text.startswith("Không tìm thấy")
    assert "5 tài liệu" in text and "/help" in text


@pytest.mark.parametrize("text", ["", "   \n\t ", "👍👍🎉", "???", "\x00\x01\x02", "\u200b\u200b"])
def test_unusable_input_gets_a_helpful_reply(engine, text):
    answer = engine.ask(text)
    assert answer.kind == "invalid"
    assert "ví dụ" in parse_telegram_html(render_html(answer))


def test_too_long_question(engine):
    answer = engine.ask("nông thôn mới " * 400)
    assert answer.kind == "too_long"
    assert "quá dài" in render_html(answer) and len(render_html(answer)) < 400


def test_control_characters_are_dropped(engine, search):
    answer = engine.ask("Hải\x00 Dương\x07 2025 bao nhiêu xã NTM nâng cao")
    assert answer.kind == "answer"
    assert "\x00" not in search.queries[-1] and "\x07" not in search.queries[-1]


def test_greeting_and_thanks(engine):
    assert engine.ask("xin chào").kind == "special"
    assert engine.ask("Cảm ơn bạn!").kind == "special"


def test_pages_continue_numbering(engine):
    first = engine.ask("xã đạt chuẩn nông thôn mới nâng cao")
    assert first.has_more
    second = engine.page(first.query, 1)
    assert [c.number for c in second.citations] == [4, 5, 6]
    assert second.lead is None
    assert {c.passage_id for c in first.citations}.isdisjoint({c.passage_id for c in second.citations})


def test_followup_rewritten_within_ttl(search):
    now = [0.0]
    engine = AnswerEngine(search, followups=FollowUps(ttl=300, clock=lambda: now[0]))
    engine.ask("Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?", chat=1)
    now[0] = 60
    answer = engine.ask("còn năm 2025 thì sao?", chat=1)
    assert answer.rewritten and "2025" in answer.query and "Bắc Giang" in answer.query
    assert "Hiểu là" in render_html(answer)
    other_chat = engine.ask("còn năm 2025 thì sao?", chat=2)
    assert not other_chat.rewritten
    now[0] = 1000
    assert not engine.ask("còn năm 2023 thì sao?", chat=1).rewritten


def test_sentence_split_and_trim_keep_words_whole():
    text = "Theo Kế hoạch số 1416/KH-UBND. TP. Hồ Chí Minh đạt 100%! Tiếp theo"
    assert [s.of(text) for s in sentence_spans(text)] == [
        "Theo Kế hoạch số 1416/KH-UBND.", "TP. Hồ Chí Minh đạt 100%!", "Tiếp theo"]
    words = "một hai ba bốn năm sáu bảy tám chín mười".split()
    for center in range(0, 40, 3):
        for budget in (8, 12, 20):
            cut = trim(" ".join(words), center, budget)
            assert len(cut) <= budget + 2
            assert all(w in words for w in cut.strip("…").split())


def test_trim_starting_between_words_keeps_the_first_word():
    text = "- Ban Chỉ đạo cấp tỉnh xây dựng kế hoạch kiểm tra các tiêu chí đạt chuẩn"
    assert trim(text, 2 + 10, 20) == "…Ban Chỉ đạo cấp…"  # the sentence after the bullet starts at 2
    assert trim(text, 4 + 10, 20) == "…Chỉ đạo cấp tỉnh…"  # inside "Ban": cut to the next word


def test_numeric_lead_hint_moves_its_passage_first(search):
    from knowledge.application.answer.numeric import LeadHint

    target = search.passage("bac-giang-ntm-2024#3")
    sentence = next(s for s in target.text.split(". ") if "05 xã đạt chuẩn xã NTM kiểu mẫu" in s)
    start = sentence.index("05 xã đạt chuẩn xã NTM kiểu mẫu")
    hint = LeadHint(sentence, (start, start + 5), target.passage_id, target.doc_id)
    engine = AnswerEngine(search, lead_hint=lambda q: hint)
    answer = engine.ask("bac giang 2024 them bao nhieu xa ntm kieu mau")
    assert answer.citations[0].passage_id == target.passage_id
    assert answer.lead.figure_text == "05 xã" and answer.lead.citation == 1
    assert "<b>05 xã</b> đạt chuẩn xã NTM kiểu mẫu" in render_html(answer)


def test_document_number_in_question_anchors_the_figure():
    from knowledge.application.answer.sentences import Matcher

    sentence = ("Theo Nghị định số 122/2018/NĐ-CP ngày 17/9/2018 của Chính phủ; tiếp tục triển khai công văn "
                "số 6425/UBND-VHXH ngày 22/10/2020 của UBND tỉnh.")
    q = "Công văn số 6425/UBND-VHXH của UBND tỉnh Long An ban hành ngày nào?"
    anchor = AnswerEngine._anchor(sentence, q, Matcher(q))
    assert pick_figure(sentence, q, anchor=anchor).text == "22/10/2020"
