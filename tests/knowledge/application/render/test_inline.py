"""Inline cards: Telegram's limits (ids, titles, 4,096 after parsing, valid HTML) and what each card says."""

from __future__ import annotations

import pytest

from knowledge.application.answer.model import Answer, Citation, Lead
from knowledge.application.render.inline import (
    DESCRIPTION,
    TITLE,
    answer_cards,
    commune_card,
    help_card,
    message_card,
    plain,
    source_line,
)
from tests.auxil.fake_bot_api import MAX_RESULT_ID, parse_telegram_html, utf16_len

LEAD = "Năm 2025 phấn đấu có thêm 29 xã đạt chuẩn NTM nâng cao & <kiểu mẫu>."
FIGURE = (LEAD.index("29 xã"), LEAD.index("29 xã") + len("29 xã"))


def _citation(number: int, excerpt: str = LEAD, **kw) -> Citation:
    values = dict(passage_id=f"d#{number}", doc_id="d", title="Kế hoạch 1416/KH-UBND <tỉnh>",
                  source="UBND tỉnh Hải Dương", date="2024-01-12", url=None, excerpt=excerpt)
    values.update(kw)
    return Citation(number, **values)


def _answer(**kw) -> Answer:
    values = dict(kind="answer", question="Hải Dương 2025 bao nhiêu xã NTM nâng cao?",
                  lead=Lead(LEAD, FIGURE, 1), citations=[_citation(1, figure=FIGURE), _citation(2), _citation(3)])
    values.update(kw)
    return Answer(**values)


def _check_limits(cards) -> None:
    ids = [c.id for c in cards]
    assert len(ids) == len(set(ids)) and len(ids) <= 50
    for card in cards:
        assert 1 <= len(card.id.encode()) <= MAX_RESULT_ID
        assert card.title and len(card.title) <= TITLE + 1 and len(card.description) <= DESCRIPTION + 1
        assert utf16_len(parse_telegram_html(card.html)) <= 4096  # raises on invalid HTML


def test_lead_card_has_the_question_the_figure_in_bold_and_the_source_line():
    cards = answer_cards(_answer())
    _check_limits(cards)
    assert [c.id for c in cards] == ["a", "c1", "c2", "c3"]
    lead = cards[0]
    assert "<b>29 xã</b>" in lead.html and "&amp; &lt;kiểu mẫu&gt;" in lead.html
    text = parse_telegram_html(lead.html)
    assert text.startswith("❓ Hải Dương 2025 bao nhiêu xã NTM nâng cao?")
    assert "[1] Kế hoạch 1416/KH-UBND <tỉnh> · UBND tỉnh Hải Dương, 12/01/2024" in text
    assert lead.title.startswith("📌 Năm 2025") and "&amp;" not in lead.title and lead.opens.kind == "question"
    assert lead.opens.value == "Hải Dương 2025 bao nhiêu xã NTM nâng cao?"


def test_source_line_names_the_article_when_the_passage_starts_with_one():
    c = _citation(1, excerpt="Điều 5 khoản 2. Xã đạt chuẩn phải đạt 19 tiêu chí.", title="Quyết định 318/QĐ-TTg",
                  source=None, date="2022-03-08")
    assert source_line(c) == "Điều 5 khoản 2 · Quyết định 318/QĐ-TTg · 08/03/2022"
    assert source_line(_citation(1, excerpt="Phụ lục I, tiêu chí 2")).startswith("Phụ lục I · ")


def test_huge_excerpts_and_questions_stay_within_the_limits():
    long = "Xã đạt chuẩn " + "rất dài & <b> " * 900
    cards = answer_cards(_answer(question="hỏi " * 400, lead=Lead(long[:3000], None, 1),
                                 citations=[_citation(n, excerpt=long) for n in (1, 2, 3)]))
    _check_limits(cards)


def test_an_answer_without_lead_shows_the_message_and_related_passages():
    cards = answer_cards(_answer(lead=None, message="Các tài liệu chưa nêu <b>số xã</b>."))
    _check_limits(cards)
    assert cards[0].id == "m" and cards[0].title == "Các tài liệu chưa nêu số xã."
    assert "Các đoạn liên quan" in parse_telegram_html(cards[0].html)


@pytest.mark.parametrize("kind", ["not_found", "invalid", "too_long", "special", "preparing"])
def test_other_replies_are_one_card(kind):
    answer = Answer(kind, "câu hỏi & gì", message="<b>Tiêu đề</b>\nDòng hai &amp; ba\nDòng bốn")
    cards = answer_cards(answer)
    _check_limits(cards)
    assert len(cards) == 1
    if kind == "not_found":
        assert cards[0].title.startswith("Không tìm thấy")
    else:
        assert (cards[0].title, cards[0].description) == ("Tiêu đề", "Dòng hai & ba Dòng bốn")
    assert message_card(answer) == cards[0]


def test_commune_and_help_cards():
    card = commune_card(42, "🏡 <b>Xã Cao Xá</b> – tỉnh Bắc Giang (cũ)\nĐơn vị…\n\n<b>Mức cao nhất:</b> NTM (năm 2015)")
    _check_limits([card])
    assert (card.id, card.title, card.description) == ("x42", "Xã Cao Xá – tỉnh Bắc Giang (cũ)",
                                                      "Mức cao nhất: NTM (năm 2015)")
    assert card.opens.kind == "commune" and card.opens.value == 42
    help_ = help_card("ntm_bot")
    _check_limits([help_])
    assert "@ntm_bot" in plain(help_.html) and help_.opens.kind == "help"


def test_source_line_prefers_the_indexed_place_and_the_document_number():
    c = _citation(1, excerpt="a) Xã có quy hoạch chung được phê duyệt.", title="Bộ tiêu chí quốc gia",
                  source=None, date="2022-03-08", cite="Phụ lục I, tiêu chí 1", name="Quyết định 318/QĐ-TTg")
    assert source_line(c) == "Phụ lục I, tiêu chí 1 · Quyết định 318/QĐ-TTg · 08/03/2022"
