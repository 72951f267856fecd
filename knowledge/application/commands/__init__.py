"""The commands of both interfaces (/xa, /thongke, /chitieu, /tieuchi, /nguon, /help, /start, /hoi).

One table (`table`) says what each command is called and replies; the bot's
handlers and the console chat (`console.ConsoleChat`) both dispatch through
it, so a command gives the same HTML in Telegram and in `ntm chat`.
"""

from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.reply import Ask, Choice, Outcome, Reply

__all__ = ["Ask", "Choice", "CommandContext", "Outcome", "Reply"]
