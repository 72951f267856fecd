"""Bot settings on top of `knowledge.settings`, checked at start with one-line explanations.

Why a small class of its own: the webhook settings only concern the bot
(`NTM_WEBHOOK_URL`, `NTM_WEBHOOK_PORT`, `NTM_WEBHOOK_SECRET`, optional
`NTM_WEBHOOK_LISTEN`); and a bot that cannot start must say why in one line
(Vietnamese / English), exit with code 2, and print no traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.settings import Settings

_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is the one line shown to the operator."""


class BotSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    webhook_url: str | None = Field(default=None, alias="NTM_WEBHOOK_URL")
    webhook_port: int = Field(default=8443, alias="NTM_WEBHOOK_PORT")
    webhook_secret: str | None = Field(default=None, alias="NTM_WEBHOOK_SECRET")
    webhook_listen: str = Field(default="0.0.0.0", alias="NTM_WEBHOOK_LISTEN")

    @field_validator("webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


@dataclass(frozen=True)
class BotConfig:
    settings: Settings
    bot: BotSettings
    token: str
    admin_ids: frozenset[int]

    @property
    def webhook(self) -> bool:
        return self.bot.webhook_url is not None


def load_config(settings: Settings | None = None, bot: BotSettings | None = None) -> BotConfig:
    """Read and check everything the bot needs; ConfigError with a one-line message otherwise."""
    try:
        if settings is None:
            from knowledge.settings import get_settings

            settings = get_settings()
        bot = bot or BotSettings()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = error.get("loc", ["?"])[-1]
        raise ConfigError(f"Cấu hình sai / invalid setting {name}: {error.get('msg')}") from None
    token = settings.telegram_bot_token
    if not token:
        raise ConfigError("Thiếu TELEGRAM_BOT_TOKEN (đặt trong môi trường hoặc .env; không có token thì "
                          "dùng `ntm chat`) / TELEGRAM_BOT_TOKEN is not set")
    if not _TOKEN.match(token.strip()):
        raise ConfigError("TELEGRAM_BOT_TOKEN sai định dạng, cần dạng 123456:ABC-DEF... / "
                          "TELEGRAM_BOT_TOKEN is malformed")
    for name, url in (("TELEGRAM_API_BASE_URL", settings.telegram_api_base_url),
                      ("TELEGRAM_API_BASE_FILE_URL", settings.telegram_api_base_file_url)):
        if url and not re.match(r"^https?://[^\s/]+", url):
            raise ConfigError(f"{name} phải là địa chỉ http(s):// / {name} must be an http(s) URL")
    try:
        admin_ids = settings.admin_ids
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if bot.webhook_url is not None:
        if not re.match(r"^https://[^\s/]+", bot.webhook_url) and not re.match(
                r"^http://(127\.0\.0\.1|localhost)[:/]", bot.webhook_url):
            raise ConfigError("NTM_WEBHOOK_URL phải là địa chỉ https:// / NTM_WEBHOOK_URL must be https://")
        if not 1 <= bot.webhook_port <= 65535:
            raise ConfigError("NTM_WEBHOOK_PORT phải từ 1 đến 65535 / NTM_WEBHOOK_PORT out of range")
        if not bot.webhook_secret or not _SECRET.match(bot.webhook_secret):
            raise ConfigError("NTM_WEBHOOK_SECRET cần 1-256 ký tự A-Z a-z 0-9 _ - / "
                              "NTM_WEBHOOK_SECRET must be 1-256 characters A-Z a-z 0-9 _ -")
    return BotConfig(settings=settings, bot=bot, token=token.strip(), admin_ids=admin_ids)
