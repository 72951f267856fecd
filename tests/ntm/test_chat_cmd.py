"""`ntm chat`: the bot's commands and answers in a terminal, and a screen that holds only the conversation.

Without a TTY each line is answered in plain text and /thoat ends the session.
The console and the bot run over the same services (fake search, the commune
registry, the bundled targets), so each command's reply can be compared.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.application import build_application
from bot.config import load_config
from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.commands.console import ConsoleChat
from knowledge.application.commands.texts import UNKNOWN_COMMAND
from knowledge.application.render.terminal import html_to_plain
from knowledge.application.runtime import Services
from knowledge.application.runtime.database import Database
from knowledge.domain.targets import dump_targets
from knowledge.settings import Settings
from ntm.chat_cmd import run_chat
from tests.auxil.bot_harness import bot_settings
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.fake_search import FakeSearch
from tests.auxil.polling import polling

Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"
LIST = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định;Số tiêu chí đạt\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM;2015;123/QĐ-UBND;19\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023;789/QĐ-UBND;19\n")


def test_console_chat_answers_each_line(tmp_path):
    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path))
    services = Services.with_search(settings, FakeSearch.from_corpus(), database=False)
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    lines = [Q_HD, "", "thêm", "xem 1", "còn năm 2024 thì sao?", "😀", "/nguon", "/thoat", "không đọc tới"]
    assert run_chat(services, lines, console) == 3
    text = out.getvalue()
    assert "29 xã" in text and "[4]" in text and "Hiểu là" in text and "bằng chữ" in text
    assert "<b>" not in text and "&amp;" not in text
    assert "không đọc tới" not in text


# ------------------------------------------------------------------ the same replies as the bot


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
async def both(api, tmp_path, registry):
    """One Services object, answering through the real bot and through the console chat."""
    settings = bot_settings(api, tmp_path)
    current = settings.index_dir / "current"
    current.mkdir(parents=True)
    dump_targets(bundled_targets(), current / "targets.jsonl")
    services = Services.with_search(settings, FakeSearch.from_corpus(), database=False)
    services.attach_database(Database(registry.engine))
    app = build_application(load_config(settings), services)
    async with polling(app, api):
        yield services


CASES = [
    ("xa", "Cao Xá, Bắc Giang"), ("xa", "cao xa, bac giang"), ("xa", "Cao Xá"), ("xa", "Cao Xanhh Tân Yênnn"),
    ("xa", ""), ("thongke", "Bắc Ninh"), ("thongke", ""), ("thongke", "Narnia"),
    ("chitieu", "Hải Dương 2025"), ("chitieu", "tphcm"), ("chitieu", ""), ("chitieu", "Hải Dương 20255"),
    ("tieuchi", ""), ("tieuchi", "giao thông theo 318"), ("tieuchi", "2016-2020"),
    ("nguon", ""), ("start", ""), ("hoi", Q_HD), ("hoi", ""), ("khonglenh", ""),
]


@pytest.mark.parametrize("name, args", CASES, ids=[f"{n}:{a}" for n, a in CASES])
async def test_each_command_replies_in_the_console_what_the_bot_sends(api, both, name, args):
    user = api.new_user("bạn")  # /start greets by first name; the console greets "bạn"
    chat = api.private_chat(user)
    api.send_command(chat, user, name, args)
    sent = await api.next_reply(chat)
    console_html = ConsoleChat(both).reply(f"/{name} {args}")
    if sent.photo:  # the console saves the chart and says where, then shows the same caption
        saved, _, console_html = console_html.partition("\n")
        assert saved.startswith("🖼 Đã lưu biểu đồ: ") and saved.endswith(".png")
    assert console_html.startswith(sent.html)  # the same HTML, then the console's numbered choices
    console_text = html_to_plain(console_html)
    assert all(line in console_text for line in (sent.caption or sent.text).splitlines())
    assert all(button.text in console_text for button in sent.buttons if button.callback_data.startswith("xa:"))


async def test_the_card_of_cao_xa_bac_giang(api, both):
    out = io.StringIO()
    run_chat(both, ["/xa Cao Xá, Bắc Giang"], Console(file=out, width=120, color_system=None))
    text = out.getvalue()
    assert "🏡 Xã Cao Xá – huyện Tân Yên, tỉnh Bắc Giang (cũ)" in text
    assert "Mức cao nhất: NTM kiểu mẫu (năm 2023)" in text and "Không tìm thấy" not in text


async def test_help_lists_the_bots_commands_and_the_console_words(api, both):
    user = api.new_user("Lan")
    chat = api.private_chat(user)
    api.send_command(chat, user, "help")
    sent = (await api.next_reply(chat)).text
    console = html_to_plain(ConsoleChat(both).reply("/help"))
    shared = sent[:sent.index("\n\nTrong nhóm:")]  # the bot's own lines (groups, buttons) follow
    assert console.startswith(shared) and "/xa — " in shared
    assert "xem N — toàn văn trích dẫn [N]" in console
    assert ConsoleChat(both).reply("/thoat@bot") == UNKNOWN_COMMAND  # the console's words are not commands


# ------------------------------------------------------------------ a clean screen


def test_no_log_line_reaches_the_chat_when_the_database_is_created(tmp_path, monkeypatch):
    """First run: migrations and the commune registry load log at INFO; all of it goes to the log file."""
    from ntm.cli import app

    def load(cls, settings, **_):
        return cls.with_search(settings, FakeSearch.from_corpus())  # opens (creates) the database

    data = tmp_path / "data"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_DATA_DIR", str(data))
    monkeypatch.setattr(Services, "load", classmethod(load))
    result = CliRunner().invoke(app, ["chat"], input=f"/xa Cao Xá, Bắc Giang\n{Q_HD}\n/thoat\n")
    assert result.exit_code == 0, result.output
    assert "🏡 Xã Cao Xá – huyện Tân Yên, tỉnh Bắc Giang (cũ)" in result.stdout and "29 xã" in result.stdout
    for screen in (result.stdout, result.stderr):
        assert "alembic" not in screen and "INFO" not in screen and "Running upgrade" not in screen
    assert result.stderr.strip() == ""
    log = (data / "logs" / "chat.log").read_text(encoding="utf-8")
    assert "alembic.runtime.migration: Running upgrade" in log
