"""Replies that carry a chart or an export, with the table where Telegram allows it.

A photo's caption holds at most 1,024 UTF-16 units: a table that fits goes in
the caption (one message, the figures beside the chart); a longer one follows
as the next message with every citation, under a short caption. A chart that
fails to render never costs the reply: the table goes alone (and the error
to the log).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram.constants import MessageLimit

from knowledge.application.commands.reply import DOCUMENT, PHOTO, Attachment, Reply
from knowledge.text.length import utf16_length

log = logging.getLogger(__name__)
MAX_CAPTION = MessageLimit.CAPTION_LENGTH
TABLE_BELOW = "📊 <b>{title}</b>\nBảng số liệu và nguồn trích dẫn ở tin nhắn dưới."


def fits_caption(html: str) -> bool:
    return utf16_length(html) <= MAX_CAPTION


def chart_reply(table_html: str, render: Callable[[], bytes], *, file_name: str, title: str) -> Reply:
    """The chart as a photo with `table_html` as its caption, or followed by it when too long."""
    try:
        png = render()
    except Exception:  # noqa: BLE001 - the table alone is still the whole answer
        log.exception("Không vẽ được biểu đồ %s", file_name)
        return Reply(table_html)
    if fits_caption(table_html):
        return Reply("", files=(Attachment(PHOTO, file_name, png, table_html),))
    return Reply(table_html, files=(Attachment(PHOTO, file_name, png, TABLE_BELOW.format(title=title)),))


def document_reply(data: bytes, *, file_name: str, caption: str) -> Reply:
    return Reply("", files=(Attachment(DOCUMENT, file_name, data, caption),))
