"""The bot serves the command table: a handler for each shared and admin command, and the table's menu."""

from __future__ import annotations

from types import SimpleNamespace

from telegram.ext import CommandHandler

from bot import admin_texts
from bot.application import register_handlers
from bot.commands import keyboard
from knowledge.application.commands import Choice, table
from tests.auxil.polling import builder_for
from tests.auxil.settings import make_settings


def test_every_command_of_the_table_has_a_handler_and_the_menu_is_the_tables(tmp_path):
    app = builder_for(SimpleNamespace(token="1:x", base_url="http://127.0.0.1:1/bot",
                                      base_file_url="http://127.0.0.1:1/file/bot")).build()
    app.bot_data["services"] = SimpleNamespace(db_engine=None, settings=make_settings(tmp_path), search=None)
    menu = register_handlers(app)
    handled = {name for group in app.handlers.values() for h in group if isinstance(h, CommandHandler)
               for name in h.commands}
    assert {c.name for c in table.shared()} | {c.name for c in table.admin()} <= handled
    assert [(c.command, c.description) for c in menu] == [(c.name, c.description) for c in table.shared()]
    assert [c.command for c in admin_texts.ADMIN_COMMANDS] == [c.name for c in table.admin()]


def test_choices_become_buttons_with_short_labels():
    markup = keyboard((Choice("Xã Cao Xá – Tân Yên, Bắc Giang (cũ)" + "x" * 80, "xa", 42),))
    [[button]] = markup.inline_keyboard
    assert button.callback_data == "xa:42" and len(button.text) == 60
    assert keyboard(()) is None
