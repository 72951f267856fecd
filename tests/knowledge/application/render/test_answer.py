"""Telegram HTML rendering: escaping, bold figures, 4,096-character limit, never cut inside a word or tag."""

from __future__ import annotations

from knowledge.application.answer import Answer, Citation, Lead
from knowledge.application.render.answer import fit, passage_html, render_html, with_bold
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


def test_full_passage_is_cut_with_a_note():
    hit = Hit(0, 0.0, "d", "d#1", "Tiêu đề", None, None, None, [], "chữ & số " * 2000)
    html = passage_html(hit, 2)
    plain = parse_telegram_html(html)
    assert len(html) <= 4096 and "đã rút gọn" in plain and plain.startswith("[2] Tiêu đề")


def test_terminal_text():
    assert html_to_plain('<b>a</b> &amp; <a href="http://x">l</a>') == "a & l (http://x)"


def test_emoji_passage_and_lead_fit_in_utf16():
    hit = Hit(0, 0.0, "d", "d#1", "Tiêu đề", None, None, None, [], "🎉 chữ " * 3000)
    assert utf16_len(parse_telegram_html(passage_html(hit, 1))) <= 4096
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
