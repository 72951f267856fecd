"""`ntm bot`: start the Telegram bot (same as `python -m bot`)."""

from __future__ import annotations

import typer


def bot_command() -> None:
    """Chạy bot Telegram (TELEGRAM_BOT_TOKEN trong môi trường hoặc .env)."""
    from bot.main import main

    code = main()
    if code:
        raise typer.Exit(code)
