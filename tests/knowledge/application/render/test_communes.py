"""Cards are safe Telegram HTML within 4,096 characters, whatever the data holds."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from knowledge.application.render.communes import render_card_html, render_card_text
from tests.auxil.communes_db import backends, clear_recognitions, registry_service


class _TagChecker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert tag in ("b", "i"), tag
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag


def assert_valid_telegram_html(text: str) -> None:
    assert len(text) <= 4096
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []


@pytest.fixture(scope="module", params=backends())
def service(request):
    service = registry_service(request.param)
    clear_recognitions(service)
    yield service
    clear_recognitions(service)


def test_user_data_is_escaped_and_long_cards_are_cut_cleanly(service):
    # The current unit with the most predecessors, each with three long recognitions.
    index = service.index
    biggest = max((c for c in index.communes.values() if c.is_current), key=lambda c: len(index.predecessors[c.id]))
    olds = [index.communes[link.old_id] for link in index.predecessors[biggest.id]]
    note = "<script>alert('x')</script> & " + "ghi chú rất dài " * 12
    rows = ["Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định;Ghi chú"]
    for old in olds:
        for level, year in (("NTM", 2014), ("NTM nâng cao", 2019), ("NTM kiểu mẫu", 2024)):
            rows.append(f"{old.province.short_name};{old.district_name};{old.name};{level};{year};"
                        f"<b>{year}</b>/QĐ-UBND;{note}")
    result = service.import_bytes("\n".join(rows).encode(), "long.csv")
    assert result.ok, result.errors[:3]
    card = service.card(biggest.id)
    html = render_card_html(card)
    assert_valid_telegram_html(html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;2014&lt;/b&gt;" in html
    text = render_card_text(card)
    assert "<script>" in text  # console output is not HTML
    if len(olds) * 3 * len(note) > 4096:
        assert re.search(r"… \(còn \d+ dòng, đã rút gọn\)", html)


def test_emoji_replies_are_cut_by_utf16_length():
    # 100 lines of 30 astral-plane emoji: ~3,800 code points but ~6,800 UTF-16 units, what Telegram counts.
    from types import SimpleNamespace

    from knowledge.application.render.communes import render_not_found
    from knowledge.text.length import utf16_length

    result = SimpleNamespace(query="🎉", warnings=["🎉" * 30] * 100, closest=[])
    html = render_not_found(result)
    assert len(html) < 4096 - 40 < utf16_length("\n".join(f"<i>{w}</i>" for w in result.warnings))
    assert utf16_length(html) <= 4096 and "đã rút gọn" in html
