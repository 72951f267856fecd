"""What a command produces, the same for the bot and the console chat.

A `Reply` is Telegram HTML plus the choices the bot shows as buttons (the
console numbers them); an `Ask` hands the text to the answer engine, which
each interface calls its own way (the bot in its worker pool, with the
question log and the answer's buttons).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """One button: its label, and the command and value that pressing it runs ("xa", a commune id)."""

    label: str
    action: str
    value: int


@dataclass(frozen=True)
class Reply:
    html: str
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Ask:
    """Answer `question` as if it had been typed without the command (/hoi)."""

    question: str


Outcome = Reply | Ask
