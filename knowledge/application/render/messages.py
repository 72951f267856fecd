"""Fixed Vietnamese texts shared by the bot and the console chat (Telegram HTML)."""

from __future__ import annotations

EXAMPLES = [
    "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?",
    "bac giang 2024 them bao nhieu xa ntm kieu mau",
    "Công văn số 6425/UBND-VHXH của UBND tỉnh Long An ban hành ngày nào?",
    "TPHCM tránh điều gì khi khen thưởng các xã đạt chuẩn nông thôn mới?",
]

HOW_TO_ASK = (
    "Hãy hỏi cụ thể: địa phương, năm, loại chỉ tiêu (có dấu hay không dấu đều được). Ví dụ:\n"
    f"• <i>{EXAMPLES[0]}</i>\n• <i>{EXAMPLES[1]}</i>"
)

INVALID = (
    "Tôi chỉ hiểu câu hỏi bằng chữ. Bạn hãy gõ câu hỏi về Chương trình xây dựng nông thôn mới, "
    f"ví dụ: <i>{EXAMPLES[0]}</i>\nGõ /help để xem hướng dẫn."
)

TOO_LONG = (
    "Câu hỏi quá dài ({length} ký tự). Bạn hãy gửi một câu hỏi ngắn gọn (dưới {limit} ký tự), "
    f"ví dụ: <i>{EXAMPLES[2]}</i>"
)

GREETING = (
    "Xin chào! Tôi trả lời câu hỏi về Chương trình xây dựng nông thôn mới, kèm trích dẫn văn bản nguồn.\n"
    + HOW_TO_ASK
)

THANKS = "Không có gì ạ! Bạn cứ hỏi tiếp khi cần."

NO_MORE = "Không còn kết quả nào khác cho câu hỏi này."

PREPARING = "⏳ Đang chuẩn bị dữ liệu, vui lòng thử lại sau ít phút."  # no index published yet

NOT_FOUND_HEAD = "Không tìm thấy thông tin phù hợp với câu hỏi trong các tài liệu hiện có."
# A question naming a document that is not indexed ("theo Quyết định 999 ...") and nothing else found.
NOT_INDEXED = "Không tìm thấy {names} trong các tài liệu đã nạp, và các tài liệu hiện có không nói về nội dung này."

# A passage answer without a lead: no passage answers, the closest are shown as related ({what}: escaped).
NOT_COVERED = "Các tài liệu chưa nêu {what}."
RELATED_HEAD = "Các đoạn liên quan"
ARTICLE_GOES_ON = "(Còn tiếp: văn bản dài, chỉ hiện {pages} phần đầu.)"


def help_text(bot_extra: str = "") -> str:
    """The /help text; `bot_extra` lists interface-specific commands."""
    examples = "\n".join(f"• <i>{e}</i>" for e in EXAMPLES)
    return (
        "<b>Trợ lý hỏi đáp Chương trình xây dựng nông thôn mới (NTM)</b>\n\n"
        "Gõ câu hỏi (có dấu hoặc không dấu). Tôi trả lời bằng câu liên quan nhất trong văn bản, "
        "con số chính in đậm, kèm tối đa 3 trích dẫn [1]–[3] ghi rõ văn bản, cơ quan ban hành và ngày.\n\n"
        f"<b>Ví dụ</b>\n{examples}\n\n"
        "Hỏi tiếp ngắn gọn trong vài phút, ví dụ <i>còn năm 2024 thì sao?</i> hoặc "
        "<i>tỉnh Long An thì sao?</i>, tôi hiểu theo câu hỏi trước.\n"
        + bot_extra
    )
