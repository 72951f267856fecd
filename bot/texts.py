"""Vietnamese texts only the Telegram bot uses (the answers' texts are in knowledge.application.render.messages)."""

from __future__ import annotations

from html import escape

from telegram import BotCommand

from knowledge.application.render import messages as M

COMMANDS = [
    BotCommand("hoi", "Đặt câu hỏi về nông thôn mới"),
    BotCommand("nguon", "Danh sách tài liệu đang dùng để trả lời"),
    BotCommand("help", "Hướng dẫn sử dụng và ví dụ"),
    BotCommand("start", "Bắt đầu"),
]

BUTTONS_HELP = "Dưới mỗi câu trả lời: 📄 xem toàn văn đoạn trích, ➕ thêm kết quả, 👍/👎 đánh giá."
GROUPS_HELP = "Trong nhóm: dùng /hoi &lt;câu hỏi&gt; hoặc nhắc tên bot kèm câu hỏi."


def commands_help(commands: list[BotCommand]) -> str:
    """The /help block listing the menu (ours and the extension modules')."""
    lines = [f"/{c.command} — {escape(c.description, quote=False)}" for c in commands if c.command != "start"]
    return "\n<b>Lệnh</b>\n" + "\n".join(lines) + f"\n\n{GROUPS_HELP}\n{BUTTONS_HELP}"

START = (
    "Xin chào {name}! Tôi là trợ lý hỏi đáp về Chương trình xây dựng nông thôn mới.\n"
    "Bạn cứ gõ câu hỏi (có dấu hay không dấu đều được), tôi trả lời kèm trích dẫn văn bản.\n\n"
    + M.HOW_TO_ASK + "\n\nGõ /help để xem thêm."
)

HOI_EMPTY = (
    "Bạn hãy gõ câu hỏi ngay sau lệnh, ví dụ:\n"
    f"<code>/hoi {M.EXAMPLES[0]}</code>"
)
NOT_TEXT = "Tôi chỉ đọc được câu hỏi bằng chữ (không đọc ảnh, nhãn dán hay tệp). Bạn hãy gõ câu hỏi, ví dụ: " \
           f"<i>{M.EXAMPLES[1]}</i>"
UNKNOWN_COMMAND = "Tôi không có lệnh này. Gõ /help để xem các lệnh, hoặc gõ thẳng câu hỏi."
THROTTLED = ("Bạn hỏi hơi nhanh, xin chờ một chút: tôi sẽ trả lời lần lượt từng câu (khoảng {seconds} giây "
             "một câu), bạn không cần gửi lại.")
QUEUE_FULL = ("Bạn đang có {limit} câu hỏi chờ trả lời nên tôi chưa nhận thêm: câu này và các câu gửi tiếp "
              "trước khi tôi trả lời xong sẽ không được trả lời. Bạn hãy gửi lại sau khi nhận đủ câu trả lời nhé.")
ERROR = "Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút."
STALE_BUTTON = "Nút này đã cũ. Bạn hãy gửi lại câu hỏi."
THANKS_FEEDBACK = "Cảm ơn bạn đã đánh giá!"
FEEDBACK_FAILED = "Chưa lưu được đánh giá, bạn thử lại sau."
PASSAGE_MISSING = "Không còn tìm thấy đoạn này (tài liệu có thể đã được cập nhật). Bạn hãy hỏi lại."
SOURCES_HEAD = "<b>Tài liệu đang dùng để trả lời ({count})</b>"
NO_SOURCES = "Chưa có tài liệu nào trong chỉ mục."
