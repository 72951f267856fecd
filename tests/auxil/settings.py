"""Settings for a test's own data folder that reuse the model `make model` prepared.

A fresh NTM_DATA_DIR would otherwise make every test prepare the default model again.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.settings import Settings


def make_settings(data_dir: Path, **extra) -> Settings:
    """Settings for a temp data dir that reuse the already-prepared model."""
    model = Settings(_env_file=None).model_path
    env = {"NTM_DATA_DIR": str(data_dir), "NTM_EMBEDDING_MODEL": model, **extra}
    return Settings(_env_file=None, **env)
