"""What a command produces, the same for the bot and the console chat.

A `Reply` is Telegram HTML plus the choices the bot shows as buttons (the
console numbers them) and the files it carries (charts, exports: the bot
sends them, the console saves them and says where); an `Ask` hands the text to the answer engine, which
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
class Attachment:
    """A file the reply carries: a chart (sent as a photo) or an export (sent as a document).

    `caption` is Telegram HTML within the caption limit (1,024 UTF-16 units); the
    bot sends attachments before `Reply.html` (which may be empty).
    """

    kind: str  # PHOTO or DOCUMENT
    file_name: str
    data: bytes
    caption: str = ""


PHOTO = "photo"
DOCUMENT = "document"


@dataclass(frozen=True)
class Reply:
    html: str
    choices: tuple[Choice, ...] = ()
    files: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Ask:
    """Answer `question` as if it had been typed without the command (/hoi)."""

    question: str


Outcome = Reply | Ask
