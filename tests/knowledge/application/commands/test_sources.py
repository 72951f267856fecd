"""/nguon: each document with its id, and a regulation's number, issuer and dates."""

from __future__ import annotations

from types import SimpleNamespace

from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.sources import nguon
from knowledge.application.render.legal import legal_line
from knowledge.retrieval.search import DocumentInfo
from tests.auxil.fake_bot_api import parse_telegram_html

QD = DocumentInfo("qd-318", "Quyết định 318/QĐ-TTg: Ban hành Bộ tiêu chí", "Thủ tướng Chính phủ", "2022-03-08",
                  None, [], 2, number="318/QĐ-TTg", doc_type="Quyết định", issuer="Thủ tướng Chính phủ",
                  signed="2022-03-08", effective="2022-03-08")
NEWS = DocumentInfo("tin", "Hải Dương <về đích> sớm", "Báo Hải Dương", "2025-01-02", None, [], 3)


def test_legal_line():
    assert legal_line(QD) == "Quyết định 318/QĐ-TTg · Thủ tướng Chính phủ · ký 08/03/2022 · hiệu lực 08/03/2022"
    assert legal_line(NEWS) is None
    assert legal_line(SimpleNamespace(number="85/KH-UBND", doc_type=None, issuer=None, signed=None,
                                      effective=None)) == "85/KH-UBND"


def test_sources_show_legal_metadata_under_the_title():
    services = SimpleNamespace(search=SimpleNamespace(documents=lambda: [QD, NEWS]))
    html = nguon(CommandContext(services)).html
    text = parse_telegram_html(html)  # valid Telegram HTML (the news title's "<" is escaped)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "qd-318" in line)
    assert lines[at + 1].strip() == legal_line(QD)
    assert not any("ký" in line for line in lines[:at])  # the news article above has no such line
