"""`ntm model prepare`: make the default embedding model available offline."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(help="Mô hình nhúng (embedding).", no_args_is_help=True)


@app.command("prepare")
def prepare() -> None:
    """Chuẩn bị mô hình nhúng mặc định vào NTM_DATA_DIR (bỏ qua nếu đã có)."""
    from knowledge.retrieval.embedding.prepare import prepare_default_model
    from knowledge.settings import get_settings

    console = Console(stderr=True)
    settings = get_settings()
    if settings.embedding_model:
        console.print(f"NTM_EMBEDDING_MODEL={settings.embedding_model}: dùng mô hình đã cấu hình.")
        return
    path = prepare_default_model(settings.default_model_dir, progress=lambda msg: console.print(msg))
    console.print(f"Mô hình sẵn sàng: {path}")
