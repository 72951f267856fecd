"""An admin sends a scanned PDF and an old Word .doc; officials' questions are then answered from them."""

from __future__ import annotations

import pytest

from bot.throttle import Throttle
from indexer.readers.ocr import missing_ocr
from knowledge.retrieval.search import SearchEngine
from tests.auxil.bot_harness import running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.office import converted
from tests.auxil.scans import scanned_pdf
from tests.auxil.uploads import ADMIN_ID, admin_bot_settings, copy_index, final_status

pytestmark = pytest.mark.slow

SCAN = ("Kế hoạch xây dựng nông thôn mới tỉnh Quảng Trị năm 2025\n"
        "Quảng Trị, ngày 12 tháng 3 năm 2025\n"
        "Năm 2025, tỉnh Quảng Trị phấn đấu có thêm 17 xã đạt chuẩn nông thôn mới kiểu mẫu và 9 xã đạt chuẩn "
        "nông thôn mới nâng cao; thu nhập bình quân đầu người khu vực nông thôn đạt 58 triệu đồng.\n"
        "Các huyện rà soát hồ sơ đề nghị xét công nhận, bảo đảm thực chất, đúng quy định.")


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api, tmp_path, corpus_settings, encoder, monkeypatch):
    monkeypatch.setenv("NTM_CLOSED_MODE", "false")
    copy_index(corpus_settings, tmp_path)
    settings = admin_bot_settings(api, tmp_path, corpus_settings.model_path)
    search = SearchEngine.open(settings, encoder=encoder)
    async with running_bot(api, settings, search, throttle=Throttle(burst=100)) as app:
        yield app


async def send(api, name: str, content: bytes):
    admin = api.new_user("Quản trị", user_id=ADMIN_ID)
    chat = api.private_chat(admin)
    api.send_document(chat, admin, name, content)
    status = await api.next_reply(chat)
    assert status.text.startswith("📥")
    return await final_status(api, chat, status, timeout=300)


async def ask(api, text: str) -> str:
    official = api.new_user("Cán bộ")
    chat = api.private_chat(official)
    api.send_text(chat, official, text)
    return (await api.next_reply(chat, 60)).text


@pytest.mark.skipif(missing_ocr() is not None, reason="cần tesseract-ocr và tesseract-ocr-vie (apt-get install)")
async def test_a_scanned_pdf_becomes_answerable(api, bot, tmp_path):
    question = "Năm 2025 Quảng Trị phấn đấu có thêm bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu?"
    assert "17 xã" not in await ask(api, question)
    result = await send(api, "ke-hoach-quang-tri-scan.pdf", scanned_pdf((SCAN,)))
    assert result.text.startswith("✅ Đã thêm"), result.text
    assert "Quảng Trị" in result.text
    assert "17 xã" in await ask(api, question)
    stored = sorted(p.name for p in (tmp_path / "documents").rglob("*") if p.is_file())
    assert stored == ["ke-hoach-quang-tri-scan.jsonl", "ke-hoach-quang-tri-scan.pdf"]  # text, and the scan kept


async def test_an_old_word_doc_becomes_answerable(api, bot):
    import io

    import docx

    document = docx.Document()
    document.add_heading("Kế hoạch xây dựng nông thôn mới tỉnh Hà Nam năm 2025", level=1)
    document.add_paragraph("Năm 2025, tỉnh Hà Nam phấn đấu có thêm 15 xã đạt chuẩn nông thôn mới kiểu mẫu, "
                           "nâng tổng số xã đạt chuẩn kiểu mẫu của tỉnh lên 40 xã.")
    out = io.BytesIO()
    document.save(out)
    result = await send(api, "ke-hoach-ha-nam.doc", converted(out.getvalue(), "doc"))
    assert result.text.startswith("✅ Đã thêm"), result.text
    assert "15 xã" in await ask(api, "Năm 2025 Hà Nam phấn đấu có thêm bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu?")
