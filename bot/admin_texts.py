"""Vietnamese texts and HTML renderers of the admin features (outcomes come from knowledge.application.admin)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import BotCommand

from knowledge.application.admin.indexing import STAGES, JobState
from knowledge.application.admin.service import DocumentOutcome, RemovalOutcome
from knowledge.application.admin.stats import AdminStats, Period
from knowledge.application.commands import table
from knowledge.application.render.answer import fit
from knowledge.application.render.legal import legal_line
from knowledge.text.dates import format_date, format_datetime
from knowledge.text.numbers import format_number


def h(value: object) -> str:
    return escape(str(value), quote=False)


# Described in the command table, which also lets the console chat say they are the bot's.
ADMIN_COMMANDS = [BotCommand(c.name, c.description) for c in table.admin()]

ADMIN_HELP = (
    "<b>Dành cho quản trị viên</b>\n"
    "<b>Thêm tài liệu</b>: gửi tệp trong chat riêng với bot (txt, md, html, pdf, docx, jsonl; tối đa 20 MB). "
    "Bot kiểm tra tệp, lưu bản gốc, lập chỉ mục và trả lời tiêu đề, ngày, tỉnh, số đoạn.\n"
    "Chú thích (caption) của tệp có thể ghi, cách nhau bằng dấu chấm phẩy hoặc xuống dòng:\n"
    "<code>Tiêu đề: Kế hoạch NTM năm 2025; Nguồn: UBND tỉnh Bắc Ninh; Tỉnh: Bắc Ninh; Ngày: 15/3/2025</code>\n"
    "Chú thích không có nhãn nào được coi là tiêu đề. Với JSONL, ghi các trường trong từng dòng.\n"
    "<b>Danh sách xã</b>: gửi tệp .csv hoặc .xlsx có các cột Tỉnh, Xã, Mức đạt chuẩn, Năm công nhận "
    "(Huyện, Số quyết định, Số tiêu chí đạt nếu có); tệp có dòng lỗi bị từ chối cả tệp.\n"
    "<b>Lệnh</b>\n"
    + "\n".join(f"/{c.command} — {h(c.description)}" for c in ADMIN_COMMANDS)
    + "\n/nguon — danh sách tài liệu kèm mã\n"
    "Người dùng và quản trị viên trên máy chủ: <code>ntm admins add|remove|list</code>; "
    "nhật ký quản trị: <code>ntm audit</code>."
)

NOT_ALLOWED = ("Bạn không có quyền {what}: việc này chỉ dành cho quản trị viên. "
               "Mã Telegram của bạn là <code>{user_id}</code>.")
NOT_ALLOWED_UPLOAD = ("Bạn không có quyền thêm tài liệu vào kho: chỉ quản trị viên mới gửi được tệp. "
                      "Bạn cứ gõ câu hỏi bằng chữ, tôi sẽ trả lời.")
PRIVATE_ONLY = "Lệnh quản trị chỉ dùng trong chat riêng với bot."
CLOSED = ("Xin lỗi, trợ lý này chỉ dành cho cán bộ đã được cấp quyền. Mã Telegram của bạn là "
          "<code>{user_id}</code>: bạn hãy gửi mã này cho quản trị viên để được cấp quyền.")
CLOSED_ALERT = "Trợ lý chỉ dành cho cán bộ được cấp quyền. Mã Telegram của bạn: {user_id}"
TOO_BIG = ("❌ Tệp “{name}” nặng {size:.1f} MB, vượt giới hạn {limit:.0f} MB mà bot tải được từ Telegram. "
           "Bạn hãy chia nhỏ tệp hoặc gửi bản PDF/DOCX gọn hơn. Không có gì thay đổi.")
RECEIVED = "📥 Đã nhận “{name}”, đang kiểm tra…"
DOWNLOAD_FAILED = "❌ Không tải được tệp “{name}” từ Telegram ({error}). Không có gì thay đổi."
REJECTED = "❌ Không thêm được “{name}”: {reason}\nKhông có gì thay đổi."
QUEUED = "⏳ Tệp “{name}” hợp lệ, đang chờ lần lập chỉ mục đang chạy xong…"
INDEXING = "⏳ Đang thêm “{name}” vào kho"
IMPORTING = "⏳ Đang nạp danh sách xã “{name}”…"
COMMUNES_QUEUED = "⏳ Danh sách xã “{name}” hợp lệ, đang chờ việc đang chạy xong…"
REINDEX_BUSY = "⏳ Đang có một lần lập chỉ mục chạy{state}. Bạn đợi xong rồi thử lại nhé."
FAILED = ("❌ Có lỗi khi thực hiện: {error}. Chỉ mục đang dùng không bị ảnh hưởng; thay đổi đã lưu (nếu có) "
          "sẽ được áp dụng ở lần /reindex sau hoặc khi bot khởi động lại.")
OTHER_PROCESS = "⏳ Một tiến trình khác (ví dụ ntm index) đang lập chỉ mục. Bạn thử lại sau ít phút."
XOA_USAGE = "Gõ <code>/xoa &lt;mã tài liệu&gt;</code>. Xem mã các tài liệu bằng /nguon."
KHOIPHUC_USAGE = "Gõ <code>/khoiphuc &lt;mã tài liệu&gt;</code>. Các mã đã gỡ có trong /nguon."
NO_SUCH_DOCUMENT = "Không có tài liệu mã <code>{doc_id}</code> trong chỉ mục.{hint} Xem danh sách bằng /nguon."
NOT_REMOVED = "Tài liệu <code>{doc_id}</code> không nằm trong danh sách đã gỡ."
CONFIRM_REMOVE = ("Gỡ tài liệu <b>{title}</b> (mã <code>{doc_id}</code>, {passages} đoạn) khỏi kho?\n"
                  "Tệp gốc vẫn được giữ; có thể khôi phục bằng /khoiphuc {doc_id}.")
CANCELLED = "Đã hủy, không gỡ tài liệu nào."
EXPIRED = "Yêu cầu này đã hết hạn. Bạn gõ lại /xoa &lt;mã&gt; nhé."
EXPIRED_ALERT = "Yêu cầu đã hết hạn, hãy gõ lại /xoa."
NO_DATABASE = "Không có cơ sở dữ liệu nên không lưu được thay đổi này."
USERS_USAGE = "Gõ <code>/{command} &lt;mã Telegram&gt; [tên]</code>, ví dụ <code>/{command} 123456789 Lan</code>."
GRANTED = "✅ Đã cho phép <code>{user_id}</code>{name} dùng trợ lý."
ALREADY_GRANTED = "Người dùng <code>{user_id}</code> đã có quyền ({role})."
CLOSED_OFF_NOTE = "\n(Chế độ đóng đang tắt: hiện ai cũng dùng được trợ lý.)"
REVOKED = "Đã thu hồi quyền dùng trợ lý của <code>{user_id}</code>."
NOT_LISTED = "Người dùng <code>{user_id}</code> không có trong danh sách cán bộ được cấp quyền."
IS_ADMIN = ("<code>{user_id}</code> là quản trị viên; quyền quản trị chỉ đổi được trên máy chủ "
            "(<code>ntm admins remove</code> hoặc TELEGRAM_ADMIN_IDS).")
ROLE_LABELS = {"admin": "quản trị viên", "official": "cán bộ"}
NOT_SAVED = "❌ Không lưu được tệp “{name}” vào hàng đợi ({error}). Không có gì thay đổi, bạn gửi lại sau nhé."
RESUMED = "🔄 Bot vừa khởi động lại, đang tiếp tục xử lý “{name}” (tệp #{job_id})…"
TIMED_OUT = ("❌ Lập chỉ mục “{name}” quá {minutes} phút nên đã dừng, để các tệp sau không phải chờ. "
             "Tài liệu chưa được thêm vào kho.{withdrawn} Bạn hãy chia nhỏ tệp rồi gửi lại.")
TIMED_OUT_WITHDRAWN = " Bản đã lưu được gỡ ra ({ids}); /khoiphuc &lt;mã&gt; để thử lại."
QUEUE_EMPTY = "Hàng đợi trống: chưa có tệp tải lên nào."
HUY_USAGE = "Gõ <code>/huy &lt;số tệp&gt;</code>, ví dụ <code>/huy 3</code>. Xem số các tệp bằng /hangdoi."
NO_SUCH_JOB = "Không có tệp số <code>{job_id}</code> trong hàng đợi. Xem bằng /hangdoi."
NOT_CANCELLABLE = "Tệp #{job_id} “{name}” {state}, không hủy được nữa."
CONFIRM_CANCEL = ("Hủy tệp #{job_id} “{name}” ({who} gửi lúc {when}, {state})?\n"
                  "Tệp sẽ không được thêm vào kho; muốn thêm thì gửi lại.")
JOB_CANCELLED = "🚫 Đã hủy tệp #{job_id} “{name}” theo yêu cầu của {who}. Không có gì thay đổi."
CANCEL_KEPT = "Đã giữ lại tệp #{job_id} “{name}” trong hàng đợi."
CANCEL_EXPIRED = "Yêu cầu này đã hết hạn. Bạn gõ lại /huy &lt;số&gt; nhé."
CANCEL_EXPIRED_ALERT = "Yêu cầu đã hết hạn, hãy gõ lại /huy."
STATE_LABELS = {"received": "📥 đang kiểm tra", "checked": "⏳ chờ lập chỉ mục", "indexing": "🔄 đang lập chỉ mục",
                "done": "✅ xong", "failed": "❌ không thêm được", "cancelled": "🚫 đã hủy"}
STATE_PHRASES = {"indexing": "đang được lập chỉ mục", "done": "đã xử lý xong", "failed": "đã kết thúc (lỗi)",
                 "cancelled": "đã bị hủy"}

# A commune list's job: checked is its dry run, indexing its import.
COMMUNE_STATES = {"checked": ("⏳ chờ nạp danh sách xã", None),
                  "indexing": ("🔄 đang nạp danh sách xã", "đang được nạp"),
                  "failed": ("❌ không nạp được", None)}


def state_label(job) -> str:
    """/hangdoi's and /huy's word for a job's state (a commune list's own where it differs)."""
    own = COMMUNE_STATES.get(job.state, (None, None))[0] if getattr(job, "kind", "document") == "communes" else None
    return own or STATE_LABELS.get(job.state, job.state)


def state_phrase(job) -> str:
    own = COMMUNE_STATES.get(job.state, (None, None))[1] if getattr(job, "kind", "document") == "communes" else None
    return own or STATE_PHRASES.get(job.state, job.state)


def local_datetime(iso: str | None) -> str:
    """An ISO time (UTC when it has no zone) as dd/mm/yyyy HH:MM in Vietnam."""
    if not iso:
        return "chưa rõ"
    try:
        return format_datetime(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def ocr_progress(name: str, done: int, total: int) -> str:
    """The status of an upload whose scanned pages are being recognised."""
    return f"🔎 Đang nhận dạng chữ (OCR) “{h(name)}”: {done}/{total} trang scan…"


def progress_text(title: str, state: JobState | None, queued: bool = False) -> str:
    if state is None:
        return f"{title}\n{'Đang chờ lượt…' if queued else 'Đang bắt đầu…'}"
    stage = STAGES.get(state.stage, state.stage)
    count = f": {state.done}/{state.total}" if state.total else ""
    return f"{title}\n{stage}{count}\nĐã chạy {state.seconds:.0f} giây. Trong lúc này bot vẫn trả lời câu hỏi."


def busy_state(state: JobState | None) -> str:
    if state is None:
        return ""
    return f" ({STAGES.get(state.stage, state.stage).lower()}, đã {state.seconds:.0f} giây)"


def _document_lines(record) -> str:
    provinces = ", ".join(record.provinces[:3]) or "không rõ"
    legal = legal_line(record)  # a regulation's number, issuer and dates, as /nguon shows them
    return (f"• <b>{h(record.title)}</b> — mã <code>{h(record.doc_id)}</code>\n"
            f"  Ngày: {h(format_date(record.date) or 'không rõ')} · Tỉnh: {h(provinces)} · "
            f"{record.passages} đoạn" + (f"\n  {h(legal)}" if legal else ""))


def document_outcome(outcome: DocumentOutcome) -> str:
    name = h(outcome.file_name)
    docs = outcome.documents
    shown = "\n".join(_document_lines(d) for d in docs[:10])
    if len(docs) > 10:
        shown += f"\n… và {len(docs) - 10} tài liệu khác ({sum(d.passages for d in docs)} đoạn tất cả)."
    notes = "".join(f"\nLưu ý: {h(n)}" for n in outcome.notes)
    seconds = format_number(outcome.seconds, decimals=1)
    if outcome.status == "duplicate":
        return f"ℹ️ Tệp “{name}” đã có trong kho, không có gì thay đổi.\n{shown}"
    if outcome.status == "pending":
        return (f"⚠️ Đã lưu “{name}” nhưng chưa lập chỉ mục được: {h(outcome.error or 'lỗi không rõ')}.\n"
                "Tài liệu sẽ được lập chỉ mục ở lần /reindex sau hoặc khi bot khởi động lại." + notes)
    head = "♻️ Tệp này từng bị gỡ, đã khôi phục" if outcome.status == "restored" else f"✅ Đã thêm “{name}”"
    return fit(f"{head} sau {seconds} giây.\n{shown}\nGiờ bạn có thể hỏi về nội dung này." + notes)


def removal_outcome(outcome: RemovalOutcome) -> str:
    seconds = format_number(outcome.seconds, decimals=1)
    title = f" <b>{h(outcome.title)}</b>" if outcome.title else ""
    if outcome.status == "missing":
        return NO_SUCH_DOCUMENT.format(doc_id=h(outcome.doc_id), hint="")
    if outcome.status == "pending":
        return (f"⚠️ Đã ghi nhận thay đổi với <code>{h(outcome.doc_id)}</code> nhưng chưa lập chỉ mục được: "
                f"{h(outcome.error or '')}. Thay đổi sẽ áp dụng ở lần /reindex sau hoặc khi khởi động lại.")
    verb = "Đã gỡ" if outcome.status == "removed" else "Đã khôi phục"
    return (f"{'🗑' if outcome.status == 'removed' else '♻️'} {verb}{title} (mã <code>{h(outcome.doc_id)}</code>) "
            f"sau {seconds} giây. Kho còn {outcome.documents_left} tài liệu.")


def reindex_report(report, full: bool) -> str:
    seconds = format_number(report.seconds, decimals=1)
    if not report.published:
        head = f"✅ Chỉ mục đã mới nhất, không có gì cần làm lại ({report.documents} tài liệu, {report.passages} đoạn)."
    else:
        head = (f"✅ Đã lập {'lại toàn bộ ' if full else ''}chỉ mục sau {seconds} giây: {report.documents} tài liệu, "
                f"{report.passages} đoạn; thêm {len(report.added)}, thay đổi {len(report.changed)}, "
                f"bỏ {len(report.removed)}; nhúng {report.embedded} đoạn.")
    if report.errors:
        head += f"\nBỏ qua {len(report.errors)} tệp lỗi:\n" + "\n".join(f"• {h(e)}" for e in report.errors[:10])
    return fit(head)


def _share(p: Period) -> str:
    if not p.questions:
        return "–"
    return f"{round(100 * p.not_found_share)}% ({p.not_found}/{p.questions})"


def stats_html(s: AdminStats) -> str:
    info = s.index
    removed = f" (đã gỡ {s.removed_documents})" if s.removed_documents else ""
    lines = [
        "<b>📊 Thống kê trợ lý NTM</b>",
        f"<b>Kho</b>: {info.get('documents', '?')} tài liệu, {info.get('passages', '?')} đoạn{removed}",
        f"Mô hình: {h(info.get('model') or 'không rõ')}",
        f"Lập chỉ mục lần cuối: {h(local_datetime(info.get('built_at')))}",
        "",
        f"<b>Câu hỏi</b>: hôm nay {s.today.questions} · tuần này {s.week.questions} · tổng {s.total.questions}",
        f"Trả lời “Không tìm thấy”: hôm nay {_share(s.today)} · tuần này {_share(s.week)} · "
        f"tổng {_share(s.total)}",
        f"Đánh giá: tuần này 👍 {s.week.thumbs_up} · 👎 {s.week.thumbs_down}; "
        f"tổng 👍 {s.total.thumbs_up} · 👎 {s.total.thumbs_down}",
        "",
    ]
    if s.unanswered:
        lines.append("<b>Câu hỏi chưa tìm được câu trả lời, hỏi nhiều nhất (30 ngày)</b>")
        lines += [f"{n}. <i>{h(q[:200])}</i> — {times} lần" for n, (q, times) in enumerate(s.unanswered, 1)]
        lines.append("Thêm tài liệu về các nội dung này để bot trả lời được.")
    else:
        lines.append("Chưa có câu hỏi nào bị trả lời “Không tìm thấy” trong 30 ngày qua.")
    return fit("\n".join(lines))


def sources_extra(removed: list[str]) -> str:
    text = "<b>Quản trị</b>: gỡ một tài liệu bằng <code>/xoa &lt;mã&gt;</code>; thêm tài liệu bằng cách gửi tệp."
    if removed:
        shown = ", ".join(f"<code>{h(r)}</code>" for r in removed[:30])
        more = f" … và {len(removed) - 30} mã khác" if len(removed) > 30 else ""
        text += f"\nĐã gỡ ({len(removed)}): {shown}{more}. Khôi phục: <code>/khoiphuc &lt;mã&gt;</code>."
    return text


def queue_html(jobs: list, recent: int = 10) -> str:
    """/hangdoi: unfinished jobs oldest first (the order they run in), then the latest outcomes."""
    if not jobs:
        return QUEUE_EMPTY
    pending = [j for j in jobs if j.pending]
    finished = [j for j in jobs if not j.pending][-recent:][::-1]

    def line(job) -> str:
        result = f" — {h(job.result[:150])}" if job.result and not job.pending else ""
        return (f"#{job.id} {state_label(job)} · <b>{h(job.file_name)}</b> · "
                f"{h(job.actor)} · {h(local_datetime(job.created_at))}{result}")

    lines = ["<b>📋 Hàng đợi tệp tải lên</b>"]
    lines += [line(j) for j in pending] or ["Không có tệp nào đang chờ."]
    if finished:
        lines += ["", "<b>Gần đây</b>"] + [line(j) for j in finished]
    if any(j.state in ("received", "checked") for j in pending):
        lines += ["", "Hủy một tệp chưa lập chỉ mục: <code>/huy &lt;số&gt;</code>."]
    return fit("\n".join(lines))


def timed_out(name: str, seconds: float, withdrawn: list[str]) -> str:
    ids = ", ".join(f"<code>{h(i)}</code>" for i in withdrawn)
    return TIMED_OUT.format(name=h(name), minutes=max(1, round(seconds / 60)),
                            withdrawn=TIMED_OUT_WITHDRAWN.format(ids=ids) if withdrawn else "")
