"""The command table: parsing a typed command, the unknown and admin-only lines, the console's words."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from knowledge.application.commands import Ask, CommandContext, Reply, table
from knowledge.application.commands.texts import ADMIN_ONLY, HOI_EMPTY, UNKNOWN_COMMAND


@pytest.mark.parametrize("text, parsed", [
    ("/xa Cao Xá, Bắc Giang", ("xa", "Cao Xá, Bắc Giang")),
    ("  /XA@ntm_bot   Cao Xá ", ("xa", "Cao Xá")),
    ("/thongke", ("thongke", "")),
    ("/tiêuchí 2", ("tieuchi", "2")),
    ("/hoi câu một\ndòng hai", ("hoi", "câu một\ndòng hai")),
    ("/", ("", "")),
    ("xã Cao Xá đạt NTM chưa?", None),
    ("thêm", None),
])
def test_parse(text, parsed):
    assert table.parse(text) == parsed


def test_unknown_and_console_only_commands_get_the_unknown_line():
    ctx = CommandContext(SimpleNamespace())
    for name in ("khonglenh", "", "thoat", "them", "xem N"):
        assert table.run(name, "", ctx) == Reply(UNKNOWN_COMMAND)


def test_admin_commands_say_they_are_the_bots():
    reply = table.run("reindex", "full", CommandContext(SimpleNamespace()))
    assert reply == Reply(ADMIN_ONLY.format(command="reindex"))
    assert reply.html.startswith("/reindex là lệnh quản trị, chỉ dùng trong chat riêng với bot Telegram")
    assert {c.name for c in table.admin()} == {"stats", "reindex", "xoa", "khoiphuc", "hangdoi", "huy", "capquyen",
                                               "thuhoi"}


def test_hoi_hands_the_question_on():
    ctx = CommandContext(SimpleNamespace())
    assert table.run("hoi", "  Hải Dương 2025?  ", ctx) == Ask("Hải Dương 2025?")
    assert table.run("hoi", " ", ctx) == Reply(HOI_EMPTY)


def test_shared_commands_in_menu_order_and_in_help():
    assert [c.name for c in table.shared()] == ["hoi", "chitieu", "tieuchi", "xa", "thongke", "nguon", "help",
                                                 "start"]
    help_html = table.run("help", "", CommandContext(SimpleNamespace(), help_extra="<b>Riêng</b>")).html
    lines = [line for line in help_html.splitlines() if line.startswith("/")]
    assert lines == [f"/{c.name} — {c.description}" for c in table.shared() if c.name != "start"]
    assert help_html.endswith("\n\n<b>Riêng</b>")


def test_start_greets_the_person_escaped():
    html = table.run("start", "", CommandContext(SimpleNamespace(), person="<Lan>")).html
    assert html.startswith("Xin chào &lt;Lan&gt;! Tôi là trợ lý")


@pytest.mark.parametrize("line, word", [
    ("thêm", ("thêm", None)), ("Them", ("thêm", None)), ("+", ("thêm", None)), ("/them", ("thêm", None)),
    ("xem 2", ("xem N", 2)), ("xem  12", ("xem N", 12)), ("3", ("N", 3)),
    ("/thoat", ("/thoat", None)), ("/thoát", ("/thoat", None)), ("q", ("/thoat", None)), ("/exit", ("/thoat", None)),
    ("thêm bao nhiêu xã?", None), ("xem 2 tài liệu", None), ("2025", None), ("/xa", None),
])
def test_console_words(line, word):
    assert table.console_word(line) == word
