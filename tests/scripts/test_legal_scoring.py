"""scripts/legal_scoring.py reads the replies the renderer really makes, and scores only the right article."""

from __future__ import annotations

from knowledge.application.answer.model import Answer, Citation, Lead
from knowledge.application.render.answer import render_html
from scripts.legal_scoring import Score, citations, holds_article, names_article, score

LAW = "Luật Cư trú"
ARTICLE_31 = ("Nơi cư trú của người không có nơi thường trú, nơi tạm trú\n"
              "1. Nơi cư trú của người không có nơi thường trú, nơi tạm trú là nơi ở hiện tại của người đó; "
              "trường hợp không có địa điểm chỗ ở cụ thể thì nơi ở hiện tại được xác định là đơn vị hành chính "
              "cấp xã nơi người đó đang thực tế sinh sống.")
EXCERPT = ("…trường hợp không có địa điểm chỗ ở cụ thể thì nơi ở hiện tại được xác định là đơn vị hành chính "
           "cấp xã nơi người đó đang thực tế sinh sống.")
OTHER = "Điều 2. Giải thích từ ngữ 1. Chỗ ở hợp pháp là nơi được sử dụng để sinh sống, thuộc quyền sở hữu…"


def reply(*cited: tuple[str, str]) -> str:
    items = [Citation(n, f"p{n}", "luat-cu-tru", title, "Quốc hội", "2020-11-13", None, excerpt)
             for n, (title, excerpt) in enumerate(cited, 1)]
    return render_html(Answer("answer", "q", "q", lead=Lead("Nơi ở hiện tại của người đó.", None, 1),
                              citations=items))


def test_citation_blocks_are_read_from_the_rendered_reply():
    found = citations(reply(("Điều 31 khoản 1 · Luật Cư trú", EXCERPT), ("Luật Cư trú", OTHER)))
    assert [c.number for c in found] == [1, 2]
    assert found[0].header == "Điều 31 khoản 1 · Luật Cư trú\nQuốc hội · 13/11/2020"
    assert found[0].excerpt == EXCERPT and found[1].excerpt == OTHER


def test_an_article_number_is_matched_whole_with_or_without_diacritics():
    assert names_article("Điều 31 khoản 2 · Luật Cư trú", "31")
    assert names_article("Dieu 31, Luat Cu tru", "31")
    assert not names_article("Điều 31 · Luật Cư trú", "3")
    assert not names_article("Điều 131 · Luật Cư trú", "31")


def test_a_citation_line_naming_the_article_scores_a_and_its_passage_b():
    s = score(reply(("Điều 31 khoản 1 · Luật Cư trú", EXCERPT)), LAW, "31", ARTICLE_31)
    assert (s.cites, s.holds, s.answered) == (True, True, True)


def test_today_s_titles_name_no_article_but_the_passage_still_holds_it():
    s = score(reply(("Luật Cư trú", OTHER), ("Luật Cư trú", EXCERPT)), LAW, "31", ARTICLE_31)
    assert (s.cites, s.holds) == (False, True)


def test_another_article_or_another_law_scores_nothing():
    assert score(reply(("Điều 2 · Luật Cư trú", OTHER)), LAW, "31", ARTICLE_31) == Score(False, False, True)
    wrong_law = score(reply(("Điều 31 · Luật Hôn nhân và gia đình", EXCERPT)), LAW, "31", ARTICLE_31)
    assert (wrong_law.cites, wrong_law.holds) == (False, False)


def test_the_passage_found_for_an_excerpt_decides_the_law_and_what_it_holds():
    passage = "Điều 31. Nơi cư trú của người không có nơi thường trú, nơi tạm trú " + EXCERPT.strip("…")
    s = score(reply(("Văn bản tải lên", EXCERPT)), LAW, "31", ARTICLE_31, lambda c: [(LAW, passage)])
    assert (s.cites, s.holds) == (False, True)
    assert holds_article(passage, "31", "")  # by its heading alone
    assert not holds_article(passage, "3", "")


def test_a_not_found_reply_cites_nothing():
    s = score("Không tìm thấy thông tin phù hợp trong tài liệu.", LAW, "31", ARTICLE_31)
    assert s == Score(False, False, False)


def test_a_citation_line_may_name_the_law_by_the_uploaded_document_s_title():
    header = ("Điều 31 khoản 1 · Luật số 68/2020/QH14", EXCERPT)
    assert not score(reply(header), LAW, "31", ARTICLE_31).cites
    assert score(reply(header), LAW, "31", ARTICLE_31, aliases=["Luật số 68/2020/QH14"]).cites
