"""Vietnamese texts only the Telegram bot uses (the commands' texts are in knowledge.application.commands.texts,
the answers' in knowledge.application.render.messages)."""

from __future__ import annotations

from telegram import BotCommand

from knowledge.application.commands import table
from knowledge.application.render import messages as M


def menu(*names: str) -> list[BotCommand]:
    """Command-menu entries of the table's commands `names`."""
    return [BotCommand(c.name, c.description) for c in map(table.find, names) if c is not None]


COMMANDS = menu("hoi", "nguon", "help", "start")

BUTTONS_HELP = ("Dưới mỗi câu trả lời: 📄 xem toàn văn đoạn trích (cả điều, khi văn bản chia theo điều), "
                "➕ thêm kết quả, 👍/👎 đánh giá.")
GROUPS_HELP = "Trong nhóm: dùng /hoi &lt;câu hỏi&gt; hoặc nhắc tên bot kèm câu hỏi."

NOT_TEXT = "Tôi chỉ đọc được câu hỏi bằng chữ (không đọc ảnh, nhãn dán hay tệp). Bạn hãy gõ câu hỏi, ví dụ: " \
           f"<i>{M.EXAMPLES[1]}</i>"
THROTTLED = ("Bạn hỏi hơi nhanh, xin chờ một chút: tôi sẽ trả lời lần lượt từng câu (khoảng {seconds} giây "
             "một câu), bạn không cần gửi lại.")
QUEUE_FULL = ("Bạn đang có {limit} câu hỏi chờ trả lời nên tôi chưa nhận thêm: câu này và các câu gửi tiếp "
              "trước khi tôi trả lời xong sẽ không được trả lời. Bạn hãy gửi lại sau khi nhận đủ câu trả lời nhé.")
STALE_BUTTON = "Nút này đã cũ. Bạn hãy gửi lại câu hỏi."
THANKS_FEEDBACK = "Cảm ơn bạn đã đánh giá!"
FEEDBACK_FAILED = "Chưa lưu được đánh giá, bạn thử lại sau."
PASSAGE_MISSING = "Không còn tìm thấy đoạn này (tài liệu có thể đã được cập nhật). Bạn hãy hỏi lại."

INLINE_OPEN = "📖 Xem đầy đủ (trò chuyện riêng)"
INLINE_OPEN_COMMUNE = "🏡 Mở thẻ xã (trò chuyện riêng)"
INLINE_PRIVATE = "💬 Hỏi riêng với bot"
INLINE_WAIT = "⏳ Bạn hỏi hơi nhanh: chờ {seconds} giây rồi gõ tiếp"
LINK_UNREADABLE = "Liên kết này không đọc được (có thể bị cắt ngắn). Bạn hãy gõ lại câu hỏi."
LINK_STALE = "Liên kết này đã cũ, không còn tìm thấy nội dung. Bạn hãy gõ lại câu hỏi hoặc /xa &lt;tên xã&gt;."
INLINE_FAILED = "⚠️ Có lỗi khi tìm câu trả lời, bạn thử lại sau"
