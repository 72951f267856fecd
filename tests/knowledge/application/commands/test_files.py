"""Charts with their table: in the caption when it fits, else the next message; a failed chart costs nothing."""

from __future__ import annotations

from knowledge.application.commands.files import MAX_CAPTION, chart_reply, document_reply
from knowledge.application.commands.reply import DOCUMENT, PHOTO


def test_a_short_table_is_the_caption():
    reply = chart_reply("<b>Bảng</b> ngắn", lambda: b"png", file_name="a.png", title="Tiêu đề")
    assert reply.html == ""
    (photo,) = reply.files
    assert (photo.kind, photo.file_name, photo.data, photo.caption) == (PHOTO, "a.png", b"png", "<b>Bảng</b> ngắn")


def test_a_long_table_follows_under_a_short_caption():
    table = "• dòng có dấu tiếng Việt\n" * 60
    assert len(table) > MAX_CAPTION
    reply = chart_reply(table, lambda: b"png", file_name="a.png", title="Chỉ tiêu &amp; số liệu")
    assert reply.html == table
    caption = reply.files[0].caption
    assert caption == "📊 <b>Chỉ tiêu &amp; số liệu</b>\nBảng số liệu và nguồn trích dẫn ở tin nhắn dưới."


def test_a_chart_that_fails_leaves_the_table(caplog):
    def broken() -> bytes:
        raise RuntimeError("font cache")

    reply = chart_reply("bảng", broken, file_name="a.png", title="x")
    assert reply.html == "bảng" and reply.files == ()
    assert "Không vẽ được biểu đồ a.png" in caplog.text


def test_document_reply():
    (doc,) = document_reply(b"xlsx", file_name="b.xlsx", caption="c").files
    assert (doc.kind, doc.file_name, doc.caption) == (DOCUMENT, "b.xlsx", "c")
