"""`ntm run` (what `make run` ends with): the bot when a token is configured, else the console chat."""

from __future__ import annotations


def run() -> None:
    """Chạy bot Telegram nếu có TELEGRAM_BOT_TOKEN, nếu không thì mở hỏi đáp trên dòng lệnh."""
    from ntm.bot_cmd import bot_command
    from ntm.chat_cmd import chat_command
    from ntm.command import settings

    if settings().telegram.bot_token:
        bot_command()
    else:
        chat_command(question=None)
