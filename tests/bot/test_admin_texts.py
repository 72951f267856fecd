"""The admin's upload report names a regulation by its number, issuer and dates."""

from __future__ import annotations

from bot.admin_texts import document_outcome
from knowledge.application.admin.service import DocumentOutcome
from knowledge.retrieval.index.manifest import DocumentRecord
from tests.auxil.fake_bot_api import parse_telegram_html


def test_upload_report_shows_legal_metadata():
    record = DocumentRecord("qd-318", "ff", "Quyết định 318/QĐ-TTg: Ban hành Bộ tiêu chí", date="2022-03-08",
                            passages=4, number="318/QĐ-TTg", doc_type="Quyết định", issuer="Thủ tướng Chính phủ",
                            signed="2022-03-08", effective="2022-03-08")
    news = DocumentRecord("tin", "ee", "Tin ngắn", passages=1)
    text = parse_telegram_html(document_outcome(DocumentOutcome("added", "qd-318.docx", [record, news])))
    assert "Quyết định 318/QĐ-TTg · Thủ tướng Chính phủ · ký 08/03/2022 · hiệu lực 08/03/2022" in text
    assert text.count(" · ký ") == 1  # the news item has no legal line
