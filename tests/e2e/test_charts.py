"""Charts and Excel exports end to end: the real bot, its services, the fake Bot API.

What an official sees: /thongke and /chitieu arrive as photos (a PNG Telegram
accepts, ≥ 1000 px wide) with the table as a valid caption or as the next
message; /xuat sends an .xlsx that opens and holds the same figures as the
text table; no data means a clear message, never an empty chart.
"""

from __future__ import annotations

import pytest

from bot.application import build_application
from bot.config import load_config
from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.runtime import Services
from knowledge.application.runtime.database import Database
from knowledge.domain.targets import dump_targets
from tests.auxil.bot_harness import bot_settings
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.fake_bot_api import MAX_CAPTION, FakeBotApi, utf16_len
from tests.auxil.fake_search import FakeSearch
from tests.auxil.images import assert_readable_chart
from tests.auxil.polling import polling
from tests.auxil.workbooks import read_sheet

LIST = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM;2015\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023\n"
        "Phú Thọ;Lâm Thao;Cao Xá;NTM nâng cao;2016\n")


@pytest.fixture(scope="module")
def registry():
    service = registry_service("sqlite")
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "ds.csv").ok
    yield service
    clear_recognitions(service)


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api, tmp_path, registry):
    settings = bot_settings(api, tmp_path)
    current = settings.index_dir / "current"
    current.mkdir(parents=True)
    dump_targets(bundled_targets(), current / "targets.jsonl")
    services = Services.with_search(settings, FakeSearch.from_corpus(), database=False)
    services.attach_database(Database(registry.engine))
    async with polling(build_application(load_config(settings), services), api):
        yield services


@pytest.fixture
def person(api):
    user = api.new_user("Lan")
    return user, api.private_chat(user)


async def send(api, chat, user, name, args=""):
    api.send_command(chat, user, name, args)
    return await api.next_reply(chat)


def chart_of(api, reply) -> bytes:
    assert reply.photo, f"expected a photo, got: {reply.text}"
    assert reply.parse_mode == "HTML" and utf16_len(reply.caption) <= MAX_CAPTION
    data = api.file_content(reply.photo[-1]["file_id"])
    width, height = assert_readable_chart(data)
    assert (reply.photo[-1]["width"], reply.photo[-1]["height"]) == (width, height)
    return data


async def test_thongke_province_and_country_arrive_as_photos(api, bot, person):
    user, chat = person
    reply = await send(api, chat, user, "thongke", "bac giang")  # old province name, no diacritics
    chart_of(api, reply)
    assert reply.caption.startswith("📊 Thống kê nông thôn mới – tỉnh Bắc Giang (cũ)")
    assert "Đạt chuẩn NTM (mọi mức): 1 đơn vị" in reply.caption and "ds.csv" in reply.caption
    reply = await send(api, chat, user, "thongke")
    chart_of(api, reply)
    assert "cả nước" in reply.caption and "Đạt chuẩn NTM (mọi mức): 2 đơn vị" in reply.caption


async def test_no_data_is_a_message_not_an_empty_chart(api, bot, person):
    user, chat = person
    reply = await send(api, chat, user, "thongke", "ca mau")
    assert reply.photo is None and "Chưa có dữ liệu công nhận nào được nạp cho phạm vi này" in reply.text
    reply = await send(api, chat, user, "chitieu", "Hà Nội")
    assert reply.photo is None and reply.text.startswith("Không tìm thấy chỉ tiêu cho Hà Nội")
    assert await api.no_reply(chat, wait=0.3)


async def test_chitieu_chart_then_every_citation(api, bot, person):
    user, chat = person
    reply = await send(api, chat, user, "chitieu", "long an")
    chart_of(api, reply)
    table = reply.caption
    if "ở tin nhắn dưới" in table:  # too long for a caption: the table is the next message
        table = (await api.next_reply(chat)).text
    rows = [line for line in table.splitlines() if line.startswith("•")]
    assert len(rows) == 16 and all(r.endswith("[1]") for r in rows)
    assert "[1] Giải pháp thực hiện chỉ tiêu Nghị quyết tỉnh Đảng bộ lần thứ XI" in table


async def test_chitieu_of_an_old_province_under_its_new_name(api, bot, person):
    user, chat = person
    reply = await send(api, chat, user, "chitieu", "hai phong 2025")  # Hải Dương is part of Hải Phòng now
    chart_of(api, reply)
    assert "94/151 xã" in reply.caption and "[1] Hải Dương thực hiện mục tiêu quốc gia" in reply.caption


async def test_xuat_chitieu_holds_the_figures_of_the_text_table(api, bot, person):
    user, chat = person
    reply = await send(api, chat, user, "xuat", "chitieu hai duong 2025")
    assert reply.document["file_name"] == "chitieu-haiduong-2025.xlsx"
    assert reply.caption.startswith("📎 Chỉ tiêu nông thôn mới – Hải Dương năm 2025")
    _, _, rows = read_sheet(api.file_content(reply.document["file_id"]))
    text = (await send(api, chat, user, "chitieu", "hai duong 2025")).caption
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert len(rows) == len(lines) == 4
    for row, line in zip(rows, lines, strict=True):
        assert row["Nguyên văn"] in line and row["Chỉ tiêu"] in line and row["Câu trích dẫn"]
        assert row["Tài liệu nguồn"] == "Hải Dương thực hiện mục tiêu quốc gia xây dựng NTM năm 2025"


async def test_xuat_thongke_for_the_country(api, bot, person):
    user, chat = person
    reply = await send(api, chat, user, "xuat", "thongke")
    assert reply.document["file_name"] == "thongke-ca-nuoc.xlsx"
    _, header, rows = read_sheet(api.file_content(reply.document["file_id"]))
    assert header[:3] == ["Phạm vi", "Số liệu", "Số đơn vị"] and len(rows) == 8 + 34 * 3
    reply = await send(api, chat, user, "xuat", "")
    assert reply.text.startswith("/xuat chitieu [tỉnh] [năm]")
