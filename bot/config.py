"""What the bot needs beyond a loaded `Settings`: a token.

`knowledge.settings` checks every value when it loads (token format, URLs,
webhook secret, port); a missing token is fine there, since the console
chat and the CLI need none, but the bot cannot start without one and says
so in one line (Vietnamese / English), exit code 2, no traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.settings import ConfigError, Settings


@dataclass(frozen=True)
class BotConfig:
    settings: Settings
    token: str

    @property
    def admin_ids(self) -> frozenset[int]:
        return self.settings.telegram.admin_ids

    @property
    def webhook(self) -> bool:
        return self.settings.webhook.enabled


def load_config(settings: Settings) -> BotConfig:
    """The bot's view of `settings`; ConfigError with a one-line message when there is no token."""
    token = settings.telegram.bot_token
    if not token:
        raise ConfigError("Thiếu TELEGRAM_BOT_TOKEN (đặt trong môi trường hoặc .env; không có token thì "
                          "dùng `ntm chat`) / TELEGRAM_BOT_TOKEN is not set")
    return BotConfig(settings=settings, token=token)
