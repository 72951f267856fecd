"""Vietnamese texts of the commands, the same in the bot and the console chat (Telegram HTML)."""

from __future__ import annotations

from html import escape

from knowledge.application.render import messages as M

START = (
    "Xin chào {name}! Tôi là trợ lý hỏi đáp về Chương trình xây dựng nông thôn mới.\n"
    "Bạn cứ gõ câu hỏi (có dấu hay không dấu đều được), tôi trả lời kèm trích dẫn văn bản.\n\n"
    + M.HOW_TO_ASK + "\n\nGõ /help để xem thêm."
)
HOI_EMPTY = (
    "Bạn hãy gõ câu hỏi ngay sau lệnh, ví dụ:\n"
    f"<code>/hoi {M.EXAMPLES[0]}</code>"
)
UNKNOWN_COMMAND = "Tôi không có lệnh này. Gõ /help để xem các lệnh, hoặc gõ thẳng câu hỏi."
ADMIN_ONLY = ("/{command} là lệnh quản trị, chỉ dùng trong chat riêng với bot Telegram. Trên máy chủ: "
              "<code>ntm index</code> (lập chỉ mục), <code>ntm admins</code> (quản trị viên, cán bộ), "
              "<code>ntm audit</code> (nhật ký quản trị).")
ERROR = "Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút."
SOURCES_HEAD = "<b>Tài liệu đang dùng để trả lời ({count})</b>"
NO_SOURCES = "Chưa có tài liệu nào trong chỉ mục."


def commands_help(commands: list[tuple[str, str]], extra: str = "") -> str:
    """The /help block listing (command, description) pairs, then the interface's own lines."""
    lines = [f"/{name} — {escape(description, quote=False)}" for name, description in commands]
    return "\n<b>Lệnh</b>\n" + "\n".join(lines) + (f"\n\n{extra}" if extra else "")
