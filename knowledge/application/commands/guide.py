"""/start and /help: the greeting and the guide, listing the commands of the table."""

from __future__ import annotations

from html import escape

from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.reply import Reply
from knowledge.application.commands.texts import START, commands_help
from knowledge.application.render import messages as M


def start(ctx: CommandContext, args: str = "") -> Reply:
    return Reply(START.format(name=escape(ctx.person, quote=False)))


def help_reply(ctx: CommandContext, commands: list[tuple[str, str]]) -> Reply:
    """The guide with `commands` (name, description) and the interface's own lines."""
    return Reply(M.help_text(commands_help(commands, ctx.help_extra)))
