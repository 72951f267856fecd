"""`ntm admins add|remove|list` and `ntm audit`, run through typer as `ntm` will run them."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from knowledge.application.admin.access import Access
from knowledge.application.admin.audit import Actor, AuditLog
from knowledge.domain.db import get_engine
from knowledge.settings import Settings
from ntm.admin_cmd import admins_app, audit
from tests.auxil.paths import REPO


@pytest.fixture
def ntm(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NTM_DATABASE_URL", f"sqlite:///{tmp_path / 'ntm.sqlite3'}")
    monkeypatch.setenv("TELEGRAM_ADMIN_IDS", "111")
    app = typer.Typer()
    app.add_typer(admins_app, name="admins")
    app.command("audit")(audit)
    runner = CliRunner()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result.output

    yield run


def test_admins_add_list_remove(ntm):
    assert "Đã thêm 222 với vai trò quản trị viên" in ntm("admins", "add", "222", "--name", "Minh")
    assert "Đã thêm 333 với vai trò cán bộ" in ntm("admins", "add", "333", "--official")
    assert "không có gì thay đổi" in ntm("admins", "add", "333", "--official")
    listed = ntm("admins", "list")
    assert "111\tquản trị viên\t-\tTELEGRAM_ADMIN_IDS" in listed
    assert "222\tquản trị viên\tMinh\tdatabase" in listed and "333\tcán bộ" in listed
    members = json.loads(ntm("admins", "list", "--json"))
    assert [(m["user_id"], m["role"]) for m in members] == [(111, "admin"), (222, "admin"), (333, "official")]
    assert "Đã bỏ quyền quản trị viên của 222" in ntm("admins", "remove", "222")
    assert "TELEGRAM_ADMIN_IDS" in ntm("admins", "remove", "111", code=1)
    assert "không có trong danh sách" in ntm("admins", "remove", "999", code=1)
    settings = Settings()
    bot_view = Access(get_engine(settings.sqlalchemy_url), settings.telegram.admin_ids)
    bot_view.refresh()
    assert bot_view.is_admin(111) and not bot_view.is_admin(222) and bot_view.role(333) == "official"


def test_audit_prints_who_did_what_and_when(ntm):
    assert "trống" in ntm("audit")
    ntm("admins", "add", "444")
    log = AuditLog(get_engine(Settings().sqlalchemy_url))
    log.record(Actor.telegram(444, "Lan"), "document.add", "ke-hoach-2025", {"file": "Kế hoạch 2025.pdf"})
    log.record(Actor.telegram(444, "Lan"), "document.reject", "hong.pdf", "Tệp rỗng", ok=False)
    lines = ntm("audit").splitlines()
    assert len(lines) == 3
    assert "cli:" in lines[0] and "admin.add  444" in lines[0]
    assert "Lan (telegram 444)  document.add  ke-hoach-2025" in lines[1] and "Kế hoạch 2025.pdf" in lines[1]
    assert "[không thành công]" in lines[2]
    rows = [json.loads(line) for line in ntm("audit", "--json", "--action", "document").splitlines()]
    assert [r["action"] for r in rows] == ["document.add", "document.reject"] and rows[1]["ok"] is False
    assert len(ntm("audit", "-n", "1").splitlines()) == 1


@pytest.mark.slow  # `python -m ntm` subprocesses
def test_registered_in_the_ntm_command(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "NTM_"))}
    env.update(NTM_DATA_DIR=str(tmp_path), TELEGRAM_ADMIN_IDS="")

    def ntm(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "ntm", *args], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Đã thêm 555" in ntm("admins", "add", "555", "--official", "--name", "Hà")
    assert "555\tcán bộ\tHà\tdatabase" in ntm("admins", "list")
    assert "official.add  555" in ntm("audit")
