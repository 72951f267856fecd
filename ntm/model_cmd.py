"""`ntm model prepare`: make the default embedding model available offline."""

from __future__ import annotations

import typer
from rich.console import Console

from ntm.command import NtmGroup

app = typer.Typer(cls=NtmGroup, help="Mô hình nhúng (embedding).", no_args_is_help=True)


@app.command("prepare")
def prepare() -> None:
    """Chuẩn bị mô hình nhúng mặc định vào NTM_DATA_DIR (bỏ qua nếu đã có)."""
    from knowledge.retrieval.embedding.prepare import prepare_default_model
    from ntm.command import settings as run_settings

    console = Console(stderr=True)
    settings = run_settings()
    if settings.index.embedding_model:
        console.print(f"NTM_EMBEDDING_MODEL={settings.index.embedding_model}: dùng mô hình đã cấu hình.")
        return
    path = prepare_default_model(settings.default_model_dir, progress=lambda msg: console.print(msg))
    console.print(f"Mô hình sẵn sàng: {path}")
