"""/hoi <câu hỏi>: a question typed after the command, answered like any other (groups need the command)."""

from __future__ import annotations

from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.reply import Ask, Outcome, Reply
from knowledge.application.commands.texts import HOI_EMPTY


def hoi(ctx: CommandContext, args: str) -> Outcome:
    question = args.strip()
    return Ask(question) if question else Reply(HOI_EMPTY)
