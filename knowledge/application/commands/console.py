"""The console chat's conversation: the table's commands, the bot's answers, its buttons as typed words.

`reply(line)` is the HTML the bot would send for `line` (`ntm chat` renders
it for the terminal); what the bot puts on buttons is typed instead: "thêm"
(➕ more results), "xem N" (📄 [N], the whole passage) and, after a list of
choices (/xa with several matches), the number of one. A terminal shows no
photo: charts and exports are saved under `NTM_DATA_DIR/exports/` and the
reply says where, followed by the table.
"""

from __future__ import annotations

import logging
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from knowledge.application.answer.model import Answer
from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.reply import PHOTO, Ask, Attachment, Reply
from knowledge.application.commands.table import choose, console_word, console_words, parse, run
from knowledge.application.commands.texts import ERROR
from knowledge.application.render.answer import passage_pages, render_html

log = logging.getLogger(__name__)
CHOOSE = "<i>(gõ số để chọn)</i>"
NO_LAST = "Chưa có câu hỏi nào để xem thêm: bạn hãy gõ câu hỏi trước."
NO_PASSAGE = "Không có trích dẫn này."
NO_CHOICE = "Không có lựa chọn số {number}: hãy gõ một số từ 1 đến {count}."
SAVED_CHART = "🖼 Đã lưu biểu đồ: {path}"
SAVED_FILE = "📎 Đã lưu tệp: {path}"
EXPORTS = "exports"
STALE_CHOICE = "Lựa chọn này không còn. Bạn hãy gõ lại /xa &lt;tên xã&gt;."


def console_help() -> str:
    """The console's own lines of /help: the words that stand in for the bot's buttons."""
    lines = [f"{escape(w.name, quote=False)} — {escape(w.description, quote=False)}" for w in console_words()]
    return "<b>Trên dòng lệnh</b>\n" + "\n".join(lines)


class ConsoleChat:
    def __init__(self, services: Any, chat: str = "console"):
        self.services = services  # knowledge.application.runtime.Services
        self.context = CommandContext(services, help_extra=console_help())
        self.chat = chat
        self.last: Answer | None = None  # what "thêm" and "xem N" refer to
        self.choices: tuple = ()  # the numbered choices under the last reply
        self.asked = 0
        self.done = False  # after /thoat

    def reply(self, line: str) -> str:
        """The HTML reply to one typed line ("" for a blank line and for /thoat, which sets `done`)."""
        line = line.strip()
        if not line:
            return ""
        try:
            return self._reply(line)
        except Exception:  # noqa: BLE001 - like the bot: say so, keep the conversation going
            log.exception("Lỗi khi trả lời trên dòng lệnh: %r", line)
            return ERROR

    def _reply(self, line: str) -> str:
        word = console_word(line)
        if word is not None:
            name, number = word
            if name == "/thoat":
                self.done = True
                return ""
            if name == "thêm":
                return self._more()
            if number is not None and self.choices:
                return self._choose(number)
            if name == "xem N":
                return self._passage(number)
            # a bare number with no list above it: a question like any other
        command = parse(line)
        if command is None:
            return self._ask(line)
        outcome = run(*command, self.context)
        if isinstance(outcome, Ask):
            return self._ask(outcome.question)
        return self._show(outcome)

    def _show(self, reply: Reply) -> str:
        self.choices = reply.choices
        shown = "\n\n".join([*map(self._save, reply.files), *([reply.html] if reply.html else [])])
        if not reply.choices:
            return shown
        listed = "\n".join(f"{n}. {escape(c.label, quote=False)}" for n, c in enumerate(reply.choices, start=1))
        return f"{shown}\n{listed}\n{CHOOSE}"

    def _save(self, attachment: Attachment) -> str:
        """A terminal shows no photo: the file goes to `exports_dir`, the reply says where, then its caption."""
        folder = self.exports_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / attachment.file_name
        path.write_bytes(attachment.data)
        what = SAVED_CHART if attachment.kind == PHOTO else SAVED_FILE
        line = what.format(path=escape(str(path), quote=False))
        return f"{line}\n{attachment.caption}" if attachment.caption else line

    def exports_dir(self) -> Path:
        """`NTM_DATA_DIR/exports` (the system's temporary folder for a runtime without settings)."""
        settings = getattr(self.services, "settings", None)
        data_dir = getattr(settings, "data_dir", None)
        return Path(data_dir if data_dir is not None else tempfile.gettempdir()) / EXPORTS

    def _ask(self, text: str) -> str:
        reload = getattr(self.services, "reload_index_if_changed", None)
        if reload is not None:
            reload()
        answer = self.services.answers.ask(text, chat=self.chat)
        self.asked += 1
        try:
            self.services.questions.record(answer, interface="console")
        except Exception:  # noqa: BLE001 - the log is optional here
            log.info("Không ghi được câu hỏi vào nhật ký", exc_info=True)
        self.last = answer if answer.kind in ("answer", "not_found") else None
        self.choices = ()
        return render_html(answer)

    def _more(self) -> str:
        if self.last is None:
            return NO_LAST
        self.last = self.services.answers.page(self.last.query, self.last.page + 1)
        self.choices = ()
        return render_html(self.last)

    def _passage(self, rank: int) -> str:
        hit = self.services.answers.hit_at(self.last.query, rank) if self.last is not None else None
        return "\n\n".join(passage_pages(self.services.answers.whole(hit), rank)) if hit else NO_PASSAGE

    def _choose(self, number: int) -> str:
        if not 1 <= number <= len(self.choices):
            return NO_CHOICE.format(number=number, count=len(self.choices))
        shown = choose(self.choices[number - 1], self.context)
        return shown.html if shown is not None else STALE_CHOICE
