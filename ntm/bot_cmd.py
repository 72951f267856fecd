"""`ntm bot`: start the Telegram bot (same as `python -m bot`)."""

from __future__ import annotations

import typer


def bot_command() -> None:
    """Chạy bot Telegram (TELEGRAM_BOT_TOKEN trong môi trường hoặc .env)."""
    from bot.main import main
    from ntm.command import settings

    code = main(settings())
    if code:
        raise typer.Exit(code)
