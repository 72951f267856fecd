"""`ntm.command`: one Settings per run, and a UserError is one line on stderr with its exit code."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from knowledge.errors import UserError
from ntm.command import NtmGroup, settings


def _app(**commands) -> typer.Typer:
    app = typer.Typer(cls=NtmGroup)
    sub = typer.Typer(cls=NtmGroup)
    for name, body in commands.items():
        app.command(name)(body)
        sub.command(name)(body)
    app.command("noop")(lambda: None)
    app.add_typer(sub, name="sub")
    return app


def test_a_user_error_is_its_line_and_its_exit_code():
    def fail() -> None:
        raise UserError("Không tìm thấy đường dẫn: x", exit_code=3)

    app = _app(fail=fail)
    for args in (["fail"], ["sub", "fail"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 3 and result.stdout == ""
        assert result.stderr.strip() == "Không tìm thấy đường dẫn: x"


def test_other_exceptions_are_bugs_and_keep_their_traceback():
    def fail() -> None:
        raise KeyError("lỗi lập trình")

    result = CliRunner().invoke(_app(fail=fail), ["fail"])
    assert result.exit_code == 1 and isinstance(result.exception, KeyError)


def test_one_settings_per_run_and_fresh_for_the_next(monkeypatch, tmp_path):
    seen = []

    def twice() -> None:
        seen.append((settings(), settings()))

    app = _app(twice=twice)
    monkeypatch.setenv("NTM_DATA_DIR", str(tmp_path / "one"))
    assert CliRunner().invoke(app, ["sub", "twice"]).exit_code == 0
    monkeypatch.setenv("NTM_DATA_DIR", str(tmp_path / "two"))
    assert CliRunner().invoke(app, ["twice"]).exit_code == 0
    (a, b), (c, d) = seen
    assert a is b and c is d and a.data_dir == tmp_path / "one" and c.data_dir == tmp_path / "two"


def test_a_malformed_setting_stops_the_command(monkeypatch):
    def run() -> None:
        settings()
        typer.echo("không tới đây")

    monkeypatch.setenv("NTM_WEBHOOK_PORT", "cổng")
    result = CliRunner().invoke(_app(run=run), ["run"])
    assert result.exit_code == 2 and "không tới đây" not in result.stdout
    assert result.stderr.strip().startswith("Cấu hình sai / invalid setting NTM_WEBHOOK_PORT")


def test_outside_a_run_it_simply_loads(monkeypatch, tmp_path):
    monkeypatch.setenv("NTM_DATA_DIR", str(tmp_path))
    assert settings().data_dir == tmp_path


def test_the_ntm_command_and_its_sub_apps_are_ntm_groups():
    from ntm import admin_cmd, cli, communes_cmd, model_cmd, targets_cmd

    apps = [cli.app, admin_cmd.admins_app, communes_cmd.app, model_cmd.app, targets_cmd.app,
            targets_cmd.criteria_app]
    assert all(app.info.cls is NtmGroup for app in apps)
