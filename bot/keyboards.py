"""Inline buttons under answers and their callback data (at most 64 bytes, Telegram's limit).

Callback data carries the question-log id, not the question: "more", "full
passage" and 👍/👎 work for any answer, also after a restart, since the log
row holds the query to re-run.
    m:<qid>:<page>    more results (page is 0-based)
    p:<qid>:<rank>    full passage of citation [rank]
    f:<qid>:<+|->     feedback
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from knowledge.application.answer import Answer


@dataclass(frozen=True)
class Press:
    action: str  # "m", "p" or "f"
    qid: int
    value: int  # page, rank, or +1/-1


def parse(data: str | None) -> Press | None:
    try:
        action, qid, value = (data or "").split(":")
        if action == "f":
            return Press("f", int(qid), 1 if value == "+" else -1)
        if action in ("m", "p"):
            return Press(action, int(qid), int(value))
    except ValueError:
        pass
    return None


def answer_keyboard(answer: Answer, qid: int, feedback: bool = True) -> InlineKeyboardMarkup | None:
    if answer.kind != "answer":
        return None
    rows = [[InlineKeyboardButton(f"📄 [{c.number}]", callback_data=f"p:{qid}:{c.number}")
             for c in answer.citations]]
    if answer.has_more:
        rows.append([InlineKeyboardButton("➕ Thêm kết quả", callback_data=f"m:{qid}:{answer.page + 1}")])
    if feedback:
        rows.append(feedback_row(qid))
    return InlineKeyboardMarkup(rows)


def feedback_row(qid: int, chosen: int = 0) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton("👍 ✓" if chosen > 0 else "👍", callback_data=f"f:{qid}:+"),
            InlineKeyboardButton("👎 ✓" if chosen < 0 else "👎", callback_data=f"f:{qid}:-")]


def without_more(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The same keyboard minus its "more results" button (after it was used)."""
    if markup is None:
        return None
    rows = [[b for b in row if not (b.callback_data or "").startswith("m:")] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def with_feedback(markup: InlineKeyboardMarkup | None, qid: int, chosen: int) -> InlineKeyboardMarkup:
    """The same keyboard with the 👍/👎 row showing the choice."""
    rows = [list(row) for row in (markup.inline_keyboard if markup else [])
            if not any((b.callback_data or "").startswith("f:") for b in row)]
    rows.append(feedback_row(qid, chosen))
    return InlineKeyboardMarkup(rows)
