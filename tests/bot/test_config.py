"""Starting the bot: missing or malformed settings give one line and exit code 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.config import load_config
from knowledge.settings import ConfigError, Settings
from tests.auxil.paths import REPO

TOKEN = "123456789:AAE-valid_token-for-tests-x"


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "NTM_"))}
    env.update(values)
    return env


@pytest.mark.parametrize("env, fragment", [
    ({}, "TELEGRAM_BOT_TOKEN"),
    ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "sai định dạng"),
    ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_ADMIN_IDS": "12,abc"}, "TELEGRAM_ADMIN_IDS"),
    ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "ftp://x"}, "TELEGRAM_API_BASE_URL"),
    ({"TELEGRAM_BOT_TOKEN": TOKEN, "NTM_WEBHOOK_URL": "https://bot.example.vn/hook"}, "NTM_WEBHOOK_SECRET"),
    ({"TELEGRAM_BOT_TOKEN": TOKEN, "NTM_WEBHOOK_PORT": "cổng"}, "NTM_WEBHOOK_PORT"),
])
@pytest.mark.slow
def test_python_m_bot_explains_bad_settings(tmp_path, env, fragment):
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=_env(PYTHONPATH=str(REPO), **env),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_valid_config_and_webhook():
    base = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_ADMIN_IDS": "1, 2"}
    config = load_config(Settings(_env_file=None, **base))
    assert config.token == TOKEN and config.admin_ids == {1, 2} and not config.webhook
    hook = {"NTM_WEBHOOK_URL": "https://bot.example.vn/tg", "NTM_WEBHOOK_SECRET": "s3cr-t"}
    assert load_config(Settings(_env_file=None, **base, **hook)).webhook
    with pytest.raises(ConfigError, match="https"):
        load_config(Settings(_env_file=None, **base, NTM_WEBHOOK_URL="http://example.vn/x", NTM_WEBHOOK_SECRET="s"))


@pytest.mark.slow
def test_python_m_bot_with_a_missing_model_says_so(tmp_path):
    env = _env(PYTHONPATH=str(REPO), TELEGRAM_BOT_TOKEN=TOKEN, NTM_DATA_DIR=str(tmp_path / "data"),
               NTM_EMBEDDING_MODEL=str(tmp_path / "no-such-model"))
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Không tìm thấy mô hình nhúng" in result.stderr and "NTM_EMBEDDING_MODEL" in result.stderr
    assert "Traceback" not in result.stderr
