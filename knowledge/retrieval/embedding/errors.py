"""Embedding errors people see; importable without numpy or onnxruntime (the CLI catches them)."""

from __future__ import annotations

from pathlib import Path

from knowledge.errors import UserError


class ModelNotFound(UserError, FileNotFoundError):
    """The configured embedding model is not on this machine (and cannot be downloaded)."""

    exit_code = 2

    def __init__(self, model: str | Path, detail: str = "") -> None:
        super().__init__(
            f"Không tìm thấy mô hình nhúng {str(model)!r}{detail}. Mô hình mặc định: chạy `ntm model prepare` "
            "(hoặc `make run`); NTM_EMBEDDING_MODEL: đặt một thư mục sentence-transformers có sẵn trên máy "
            "(máy này không tải được mô hình từ mạng)."
        )
