"""Admin settings that only the admin features read (folded into `knowledge.settings` later).

`NTM_CLOSED_MODE=true` limits the bot to admins and listed officials; the
upload limit is the Bot API's own `getFile` limit, so a bigger file is
refused before any download is attempted.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024  # bytes; getFile refuses larger files


class AdminSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    closed_mode: bool = Field(default=False, alias="NTM_CLOSED_MODE")
    max_upload_bytes: int = Field(default=BOT_API_DOWNLOAD_LIMIT, alias="NTM_MAX_UPLOAD_BYTES", gt=0)
