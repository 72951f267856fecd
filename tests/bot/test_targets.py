"""/chitieu and /tieuchi end to end: real Application and handlers, the fake Bot API server."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot import targets as bot_targets
from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.domain.targets import dump_targets
from tests.auxil.bot_harness import bot_settings, running_bot
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.fake_search import FakeSearch
from tests.auxil.polling import builder_for, polling


@pytest.fixture
async def api():
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api, tmp_path):
    """The project's bot; its index folder holds the targets of the bundled articles."""
    settings = bot_settings(api, tmp_path)
    current = settings.index_dir / "current"
    current.mkdir(parents=True)
    dump_targets(bundled_targets(), current / "targets.jsonl")
    async with running_bot(api, settings, FakeSearch.from_corpus(), database=False) as app:
        yield app


@pytest.fixture
def person(api):
    user = api.new_user("Lan")
    return user, api.private_chat(user)


async def command(api, chat, user, name, args="", addressed=False):
    api.send_command(chat, user, name, args, addressed=addressed)
    return await api.next_reply(chat)


async def table(api, chat, user, args, addressed=False):
    """/chitieu `args`: its chart (a photo) arrives first; returns (html, plain) of the table, which is the
    photo's caption when it fits, else the next message."""
    reply = await command(api, chat, user, "chitieu", args, addressed=addressed)
    assert reply.photo, reply.text
    if "ở tin nhắn dưới" in reply.caption:
        below = await api.next_reply(chat)
        return below.html, below.text
    return reply.html, reply.caption


async def test_chitieu_table_with_citations(api, bot, person):
    user, chat = person
    html, text = await table(api, chat, user, "Hải Dương 2025")
    assert "<b>94/151 xã</b>" in html and "(đạt 62,2%)" in text
    rows = [line for line in text.splitlines() if line.startswith("•")]
    assert len(rows) == 4 and all(r.endswith("[1]") for r in rows)
    assert "[1] Hải Dương thực hiện mục tiêu quốc gia xây dựng NTM năm 2025" in text


async def test_chitieu_without_diacritics_and_short_forms(api, bot, person):
    user, chat = person
    _, text = await table(api, chat, user, "bac giang")
    assert "giảm còn 1,8%" in text and "thêm 72 thôn" in text
    _, text = await table(api, chat, user, "TP.HCM")
    assert "ít nhất 50% số xã" in text and "[1][2]" in text


async def test_chitieu_not_found_and_usage(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "chitieu", "Hà Nội 2025")
    assert reply.text.startswith("Không tìm thấy chỉ tiêu cho Hà Nội năm 2025")
    assert "Bắc Giang (2024), Hải Dương (2025), Long An (2021–2025), TP. Hồ Chí Minh (2025)" in reply.text
    reply = await command(api, chat, user, "chitieu")
    assert reply.text.startswith("/chitieu [tỉnh] [năm]") and "Long An" in reply.text
    reply = await command(api, chat, user, "chitieu", "Hải Dương 20255")
    assert reply.text.startswith("“20255” không phải là năm") and "/chitieu [tỉnh] [năm]" in reply.text


async def test_tieuchi_list_and_one_criterion_with_documents(api, bot, person):
    user, chat = person
    reply = await command(api, chat, user, "tieuchi")
    assert reply.text.startswith("Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn")
    reply = await command(api, chat, user, "tieuchi", "giao thông theo 318")
    assert reply.text.startswith("Tiêu chí 2: Giao thông") and "Quyết định 318/QĐ-TTg" in reply.text
    assert "Tài liệu liên quan:" in reply.text and "[1] " in reply.text
    reply = await command(api, chat, user, "tieuchi", "2016-2020")
    assert reply.text.startswith("Không tìm thấy bộ tiêu chí")


async def test_commands_in_a_group_and_in_the_menu(api, bot):
    user = api.new_user("Minh")
    group = api.group_chat()
    _, text = await table(api, group, user, "long an 2022", addressed=True)
    assert "thêm 08 xã (đạt 21,7%)" in text
    names = {c["command"] for c in api.commands["default"]}
    assert {"chitieu", "tieuchi", "xuat"} <= names


@dataclass
class _Hit:
    title: str
    doc_id: str
    text: str


class _Services:
    """The interface the brief promises: targets() and search(query, k)."""

    def __init__(self):
        self.searched = []

    def targets(self):
        return bundled_targets()

    def search(self, query, k):
        self.searched.append((query, k))
        return [_Hit("Văn bản <môi trường>", "vb", "Nâng cao chất lượng môi trường và cảnh quan nông thôn.")]


async def test_register_on_a_plain_application(api):
    app = builder_for(api).build()
    services = app.bot_data["services"] = _Services()
    commands = bot_targets.register(app)
    assert [c.command for c in commands] == ["chitieu", "tieuchi"]
    user = api.new_user("Hà")
    chat = api.private_chat(user)
    async with polling(app, api):
        reply = await command(api, chat, user, "tieuchi", "moi truong")
        assert services.searched == [("tiêu chí Môi trường và cảnh quan nông thôn", 3)]
        assert "[1] <b>Văn bản &lt;môi trường&gt;</b>: «Nâng cao chất lượng môi trường" in reply.html
        _, text = await table(api, chat, user, "long an 2023")
        assert "thêm 09 xã (đạt 77%)" in text
