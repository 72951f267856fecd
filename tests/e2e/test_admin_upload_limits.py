"""Hostile and oversized uploads through the fake Bot API, as an admin, with the real model and index.

Every refusal is one ❌ status naming the limit, nothing is stored, and the bot itself does not grow:
files are measured before they are opened and parsed in a child process. A short real document is
accepted and answered.
"""

from __future__ import annotations

import contextlib
import resource

import pytest

from bot.throttle import Throttle
from indexer.readers import read_bytes
from indexer.split import split_passages
from knowledge.retrieval.search import SearchEngine
from tests.auxil.bot_harness import running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.hostile import MB, pdf_with_pages, xlsx_of_rows, zip_bomb_docx
from tests.auxil.uploads import ADMIN_ID, admin_bot_settings, copy_index, final_status

pytestmark = pytest.mark.slow
NOTICE = ("Tỉnh Hậu Giang phấn đấu năm 2026 có thêm 37 xã đạt chuẩn nông thôn mới kiểu mẫu, nâng tổng số lên "
          "123/456 xã.")
PARAGRAPH = ("Xã {n} đạt chuẩn nông thôn mới nâng cao năm 2024 với thu nhập bình quân 82 triệu đồng một người, "
             "tỷ lệ hộ nghèo dưới 1% và 100% đường trục xã được cứng hóa. ")


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
def data_dir(tmp_path, corpus_settings):
    copy_index(corpus_settings, tmp_path)
    return tmp_path


@pytest.fixture
def start_bot(api, data_dir, corpus_settings, encoder, monkeypatch):
    """An admin's bot over a private index copy, with extra settings (lowered limits)."""
    monkeypatch.setenv("NTM_CLOSED_MODE", "false")

    @contextlib.asynccontextmanager
    async def start(**extra: str):
        settings = admin_bot_settings(api, data_dir, corpus_settings.model_path, **extra)
        search = SearchEngine.open(settings, encoder=encoder)
        async with running_bot(api, settings, search, throttle=Throttle(burst=100)) as app:
            yield app

    return start


@pytest.fixture
def admin(api):
    user = api.new_user("Quản trị", user_id=ADMIN_ID)
    return user, api.private_chat(user)


async def upload(api, chat, user, name, content):
    api.send_document(chat, user, name, content)
    status = await api.next_reply(chat)
    assert status.text.startswith("📥"), status.text
    return (await final_status(api, chat, status)).text


def stored(data_dir) -> list[str]:
    folder = data_dir / "documents"
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def test_hostile_files_are_refused_naming_the_limit_and_the_bot_does_not_grow(api, start_bot, admin,
                                                                                    data_dir):
    user, chat = admin
    hostile = [("bao-cao.docx", zip_bomb_docx(300 * MB), "NTM_MAX_UNPACKED_MB"),
               ("danh-sach.xlsx", xlsx_of_rows(3_000_000, row=(1, 2, 3, 4)), "NTM_MAX_UNPACKED_MB"),
               ("ke-hoach.pdf", pdf_with_pages(2000, blank=True), "NTM_MAX_PDF_PAGES")]
    async with start_bot():
        before = peak_rss_mb()
        for name, content, limit in hostile:
            assert len(content) < 2 * MB
            text = await upload(api, chat, user, name, content)
            assert text.startswith("❌") and limit in text and name in text, text
        assert peak_rss_mb() - before < 150  # 300 MB of XML and 3 million rows never reached this process
    assert stored(data_dir) == []


async def test_a_file_over_the_download_limit_is_refused_before_it_is_downloaded(api, start_bot, admin, data_dir):
    user, chat = admin
    async with start_bot():
        api.send_document(chat, user, "lon.txt", b"x" * (21 * MB))
        reply = await api.next_reply(chat)
    assert reply.text.startswith("❌") and "nặng 21.0 MB, vượt giới hạn 20 MB" in reply.text, reply.text
    assert api.calls_to("getFile") == [] and stored(data_dir) == []


def _paragraphs(count: int, repeat: int) -> str:
    return "\n\n".join(PARAGRAPH.format(n=f"Tân Phú {n}") * repeat for n in range(count))


def _passages(text: str) -> int:
    [doc] = read_bytes(text.encode(), "dem.txt")
    return len(split_passages(doc.text))


async def test_documents_just_over_each_lowered_cap_are_refused_and_just_under_accepted(api, start_bot, admin,
                                                                                       data_dir):
    user, chat = admin
    long_text = _paragraphs(20, 4)[:12_001]
    many = _paragraphs(22, 3)
    assert _passages(long_text) <= 21 and _passages(many) == 22 and len(many) < 12_000
    fewer = many.rsplit("\n\n", 1)[0]
    # caps above every bundled document (11,500 characters, 21 passages), so the corpus stays indexed
    async with start_bot(NTM_MAX_DOCUMENT_CHARS="12000", NTM_MAX_PASSAGES_PER_DOCUMENT="21", NTM_MAX_PDF_PAGES="2"):
        for name, content, limit in [("dai.txt", long_text.encode(), "NTM_MAX_DOCUMENT_CHARS"),
                                     ("nhieu-doan.txt", many.encode(), "NTM_MAX_PASSAGES_PER_DOCUMENT"),
                                     ("ba-trang.pdf", pdf_with_pages(3), "NTM_MAX_PDF_PAGES")]:
            text = await upload(api, chat, user, name, content)
            assert text.startswith("❌") and limit in text, text
        assert stored(data_dir) == []
        for name, content, parts in [("vua-du.txt", long_text[:-1].encode(), []),
                                     ("hai-muoi-mot-doan.txt", fewer.encode(), ["21 đoạn"]),
                                     ("hai-trang.pdf", pdf_with_pages(2), [])]:
            text = await upload(api, chat, user, name, content)
            assert text.startswith("✅ Đã thêm") and all(p in text for p in parts), text
    assert stored(data_dir) == ["hai-muoi-mot-doan.txt", "hai-trang.pdf", "vua-du.txt"]


async def test_a_one_sentence_notice_is_accepted_and_answered(api, start_bot, admin, data_dir):
    user, chat = admin
    official = api.new_user("Cán bộ")
    official_chat = api.private_chat(official)
    question = "Năm 2026 Hậu Giang phấn đấu có thêm bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu?"
    async with start_bot():
        result = await upload(api, chat, user, "thong-bao.txt", NOTICE.encode())
        assert result.startswith("✅ Đã thêm") and "1 đoạn" in result, result
        api.send_text(official_chat, official, question)
        answer = await api.next_reply(official_chat, 60)
    assert "37 xã" in answer.text, answer.text
    assert stored(data_dir) == ["thong-bao.txt"]
