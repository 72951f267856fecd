"""`ntm index`: build or update the search index."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console


def index(
    paths: list[Path] = typer.Argument(
        None, help="Tệp hoặc thư mục cần lập chỉ mục (mặc định: kho tài liệu đã cấu hình)."
    ),
    full: bool = typer.Option(False, "--full", help="Xây dựng lại toàn bộ, không dùng lại kết quả cũ."),
) -> None:
    """Lập chỉ mục tài liệu (tăng dần theo mã băm nội dung, công bố nguyên tử)."""
    from indexer.service import update_index
    from knowledge.errors import UserError
    from ntm.command import settings
    from ntm.progress import index_progress

    console = Console(stderr=True)
    for p in paths or []:
        if not p.exists():
            raise UserError(f"Không tìm thấy đường dẫn: {p}", exit_code=2)
    with index_progress(console) as progress:
        report = update_index(settings(), paths or None, full=full, progress=progress)
        if report.compact_due:  # published as a segment; merge now, as the bot does in the background
            merged = update_index(settings(), paths or None, merge=True, progress=progress)
            report.version, report.seconds = merged.version, report.seconds + merged.seconds
    for err in report.errors:
        console.print(f"[yellow]Bỏ qua:[/yellow] {err}")
    if report.up_to_date:
        console.print(f"Chỉ mục đã cập nhật: {report.documents} tài liệu, {report.passages} đoạn.")
        return
    console.print(
        f"Đã công bố chỉ mục {report.version}: {report.documents} tài liệu, {report.passages} đoạn "
        f"(thêm {len(report.added)}, sửa {len(report.changed)}, xóa {len(report.removed)}, "
        f"nhúng {report.embedded} đoạn) trong {report.seconds:.1f} s."
    )
