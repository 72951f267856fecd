"""Telegram HTML rendering: escaping, bold figures, 4,096-character limit, never cut inside a word or tag."""

from __future__ import annotations

from knowledge.application.answer import Answer, Citation, Lead
from knowledge.application.render.answer import MAX_PAGES, fit, passage_pages, render_html, with_bold
from knowledge.application.render.terminal import html_to_plain
from knowledge.retrieval.search import Hit
from tests.auxil.fake_bot_api import parse_telegram_html, utf16_len


def _citation(n: int, excerpt: str, title: str = "Kế hoạch <số 1> & \"NTM\"") -> Citation:
    return Citation(n, f"p{n}", f"d{n}", title, "UBND tỉnh", "2024-01-12", "https://x.vn/a?b=1&c=2", excerpt)


def test_escaping_and_bold():
    assert with_bold("a < b & 29 xã", (8, 13)) == "a &lt; b &amp; <b>29 xã</b>"
    answer = Answer("answer", "q", query="q", lead=Lead("Có 29 xã <mới>", (3, 8)),
                    citations=[_citation(1, "x < y & z")])
    html = render_html(answer)
    plain = parse_telegram_html(html)  # raises if Telegram would refuse it
    assert "Có 29 xã <mới> [1]" in plain and "Kế hoạch <số 1> & \"NTM\"" in plain
    assert "<b>29 xã</b>" in html and "12/01/2024" in plain
    assert 'href="https://x.vn/a?b=1&amp;c=2"' in html


def test_long_answer_fits_and_cuts_between_words():
    word = "nôngthônmới"
    excerpt = " ".join([word] * 600)  # ~7,000 characters
    answer = Answer("answer", "q", query="q", lead=Lead(" ".join([word] * 20), (0, 5)),
                    citations=[_citation(i, excerpt) for i in (1, 2, 3)])
    html = render_html(answer)
    plain = parse_telegram_html(html)
    assert len(html) <= 4096 and utf16_len(plain) <= 4096
    for token in plain.replace("\n", " ").split():
        token = token.strip("…[]0123456789")
        assert token in ("", word, "nôngthô") or token in plain  # whole words only
    assert all(w.strip("…") == word for w in plain.split("\n")[-1].split())


def test_emoji_heavy_text_stays_under_utf16_limit():
    excerpt = " ".join(["👍🎉"] * 1500)
    answer = Answer("answer", "q", query="q", citations=[_citation(1, excerpt)])
    plain = parse_telegram_html(render_html(answer))
    assert utf16_len(plain) <= 4096


def test_fit_cuts_at_line_breaks_only():
    html = "\n".join(f"<b>dòng {i}</b> nội dung" for i in range(1000))
    out = fit(html, 500)
    assert len(out) <= 500
    parse_telegram_html(out)


def test_a_long_article_is_shown_over_several_valid_messages():
    paragraphs = [f"{n}. Khoản {n} quy định chữ & số <{n}> " + "nội dung " * 150 for n in range(1, 10)]
    hit = Hit(0, 0.0, "d", "d#1", "Luật Hôn nhân và gia đình", None, None, None, [], "\n".join(paragraphs),
              cite="Điều 31", doc_type="Luật", number="52/2014/QH13")
    pages = passage_pages(hit, 2)
    assert 1 < len(pages) <= MAX_PAGES
    plains = [parse_telegram_html(p) for p in pages]  # raises if Telegram would refuse one
    assert all(utf16_len(p) <= 4096 for p in plains)
    assert plains[0].startswith("[2] Điều 31 · Luật Hôn nhân và gia đình")
    assert plains[1].startswith(f"(tiếp theo, 2/{len(pages)})")
    joined = " ".join(plains)
    assert all(f"Khoản {n} quy định chữ & số <{n}>" in joined for n in range(1, 10))  # nothing lost


def test_an_article_longer_than_six_messages_says_it_goes_on():
    hit = Hit(0, 0.0, "d", "d#1", "Tiêu đề", None, None, None, [], "chữ & số " * 6000)
    pages = passage_pages(hit, 2)
    assert len(pages) == MAX_PAGES
    assert all(utf16_len(parse_telegram_html(p)) <= 4096 for p in pages)
    assert "Còn tiếp" in parse_telegram_html(pages[-1]) and pages[0].startswith("<b>[2] Tiêu đề</b>")


def test_citation_names_the_article_and_the_document_number():
    c = Citation(1, "p1", "qd318", "Bộ tiêu chí quốc gia về xã nông thôn mới", "Thủ tướng Chính phủ",
                 "2022-03-08", None, "Ban hành kèm theo Quyết định này.", cite="Điều 2",
                 name="Quyết định 318/QĐ-TTg")
    plain = parse_telegram_html(render_html(Answer("answer", "q", query="q", citations=[c])))
    assert plain.startswith("[1] Điều 2 · Quyết định 318/QĐ-TTg\nBộ tiêu chí quốc gia về xã nông thôn mới · "
                            "Thủ tướng Chính phủ · 08/03/2022")
    plain = parse_telegram_html(render_html(Answer("answer", "q", query="q", citations=[_citation(1, "x")])))
    assert plain.startswith('[1] Kế hoạch <số 1> & "NTM"\nUBND tỉnh')  # no structure: as before


def test_terminal_text():
    assert html_to_plain('<b>a</b> &amp; <a href="http://x">l</a>') == "a & l (http://x)"


def test_emoji_passage_and_lead_fit_in_utf16():
    hit = Hit(0, 0.0, "d", "d#1", "Tiêu đề", None, None, None, [], "🎉 chữ " * 3000)
    assert all(utf16_len(parse_telegram_html(p)) <= 4096 for p in passage_pages(hit, 1))
    lead = Lead(" ".join(["🎉🎉"] * 1500), None)
    html = render_html(Answer("answer", "q", query="q", lead=lead, citations=[_citation(1, "x")]))
    assert utf16_len(parse_telegram_html(html)) <= 4096


def test_answer_without_lead_shows_what_is_not_stated_then_related_passages():
    answer = Answer("answer", "q", query="q", message="Các tài liệu chưa nêu số trường học TPHCM xây năm 2025.",
                    citations=[_citation(1, "Kế hoạch xây dựng nông thôn mới")])
    plain = parse_telegram_html(render_html(answer))
    assert plain.startswith("Các tài liệu chưa nêu số trường học TPHCM xây năm 2025.\n\nCác đoạn liên quan\n\n[1] ")
    assert "📌" not in plain
    assert "<b>Các đoạn liên quan</b>" in render_html(answer)
