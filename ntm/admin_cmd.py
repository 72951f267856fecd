"""`ntm admins add|remove|list` and `ntm audit`: roles and the audit log from a shell.

Register with `app.add_typer(admin_cmd.admins_app, name="admins")` and
`app.command("audit")(admin_cmd.audit)`. Changes here reach a running bot
within 30 seconds (its role cache), with no restart.
"""

from __future__ import annotations

import json

import typer

from ntm.command import NtmGroup

admins_app = typer.Typer(cls=NtmGroup, help="Quản trị viên và cán bộ được dùng bot (chế độ đóng).",
                         no_args_is_help=True, add_completion=False)


def _access():
    from knowledge.application.admin.access import Access
    from knowledge.domain.db import get_engine
    from ntm.command import settings

    return Access(get_engine(settings().sqlalchemy_url), settings().telegram.admin_ids)


def _audit_log():
    from knowledge.application.admin.audit import AuditLog
    from knowledge.domain.db import get_engine
    from ntm.command import settings

    return AuditLog(get_engine(settings().sqlalchemy_url))


@admins_app.command("add")
def add(
    user_id: int = typer.Argument(..., help="Mã người dùng Telegram (số; người dùng thấy mã này khi bot từ chối)."),
    official: bool = typer.Option(False, "--official", help="Chỉ cho phép dùng bot (cán bộ), không quản trị."),
    name: str | None = typer.Option(None, "--name", help="Tên để dễ nhận ra trong danh sách."),
) -> None:
    """Thêm quản trị viên (hoặc cán bộ với --official)."""
    from knowledge.application.admin.audit import Actor

    role = "official" if official else "admin"
    access = _access()
    changed = access.grant(user_id, role, name=name, added_by=Actor.cli().label)
    if changed:
        _audit_log().record(Actor.cli(), f"{role}.add", str(user_id), name or "")
        typer.echo(f"Đã thêm {user_id} với vai trò {_label(role)}.")
    else:
        typer.echo(f"{user_id} đã có vai trò {_label(role)}; không có gì thay đổi.")


@admins_app.command("remove")
def remove(user_id: int = typer.Argument(..., help="Mã người dùng Telegram.")) -> None:
    """Bỏ quyền đã lưu trong cơ sở dữ liệu (quản trị viên hay cán bộ)."""
    from knowledge.application.admin.audit import Actor

    access = _access()
    role = next((m.role for m in access.members() if m.user_id == user_id and m.source == "database"), None)
    if role is None or not access.revoke(user_id):
        if user_id in access.env_admins:
            typer.echo(f"{user_id} là quản trị viên qua TELEGRAM_ADMIN_IDS: hãy bỏ khỏi biến môi trường đó.")
        else:
            typer.echo(f"{user_id} không có trong danh sách.")
        raise typer.Exit(1)
    _audit_log().record(Actor.cli(), f"{role}.remove", str(user_id))
    typer.echo(f"Đã bỏ quyền {_label(role)} của {user_id}.")
    if user_id in access.env_admins:
        typer.echo("Lưu ý: người này vẫn là quản trị viên qua TELEGRAM_ADMIN_IDS.")


@admins_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="In dạng JSON.")) -> None:
    """Liệt kê quản trị viên và cán bộ được cấp quyền."""
    members = _access().members()
    if as_json:
        typer.echo(json.dumps([vars(m) for m in members], ensure_ascii=False, indent=2))
        return
    if not members:
        typer.echo("Chưa có ai (đặt TELEGRAM_ADMIN_IDS hoặc dùng `ntm admins add`).")
        return
    for m in members:
        extra = f" bởi {m.added_by} lúc {m.added_at}" if m.added_by else ""
        typer.echo(f"{m.user_id}\t{_label(m.role)}\t{m.name or '-'}\t{m.source}{extra}")


def _label(role: str) -> str:
    return {"admin": "quản trị viên", "official": "cán bộ"}.get(role, role)


def audit(
    limit: int = typer.Option(50, "--limit", "-n", help="Số dòng mới nhất."),
    action: str | None = typer.Option(None, "--action", help="Lọc theo loại (tiền tố): document, index, communes..."),
    as_json: bool = typer.Option(False, "--json", help="Mỗi dòng một đối tượng JSON."),
) -> None:
    """In nhật ký quản trị: ai thêm, gỡ, nạp hay lập chỉ mục gì, lúc nào (giờ Việt Nam)."""
    from knowledge.application.admin.audit import local_time

    entries = _audit_log().entries(limit=limit, action=action)
    if not entries:
        typer.echo("Nhật ký quản trị trống.")
        return
    for e in reversed(entries):  # oldest first, like a log
        when = local_time(e.at).strftime("%Y-%m-%d %H:%M:%S")
        if as_json:
            typer.echo(json.dumps({"at": when, "actor": e.actor, "actor_id": e.actor_id, "action": e.action,
                                   "target": e.target, "detail": e.detail, "ok": e.ok}, ensure_ascii=False))
        else:
            flag = "" if e.ok else " [không thành công]"
            detail = f" — {e.detail}" if e.detail else ""
            typer.echo(f"{when}  {e.actor}  {e.action}{flag}  {e.target or '-'}{detail}")
