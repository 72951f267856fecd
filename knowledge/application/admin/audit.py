"""The audit log: one row per admin action, written where the action happens, read by `ntm audit`.

Rows are only ever appended. Writing one must never undo or block the action
it describes, so `record` logs and swallows database errors.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from knowledge.domain.db.admin import AuditEntry
from knowledge.text.dates import VIETNAM

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """Who did it: a Telegram user or a shell user."""

    label: str  # "Lan @lan (telegram 123)", "cli:root"
    user_id: int | None = None

    @classmethod
    def telegram(cls, user_id: int, first_name: str | None = None, username: str | None = None) -> Actor:
        parts = [p for p in (first_name, f"@{username}" if username else None) if p]
        return cls(f"{' '.join(parts)} (telegram {user_id})".strip()[:120], user_id)

    @classmethod
    def cli(cls) -> Actor:
        import getpass

        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name in some containers
            user = "?"
        return cls(f"cli:{user}"[:120])


class AuditLog:
    def __init__(self, engine: Engine | None):
        self.engine = engine
        if engine is not None:
            from knowledge.domain.db.migrate import ensure_schema

            ensure_schema(engine)

    def record(self, actor: Actor, action: str, target: str | None = None, detail: dict | str | None = None,
               *, ok: bool = True) -> None:
        if self.engine is None:
            log.info("audit (no database): %s %s %s %s", actor.label, action, target, detail)
            return
        if isinstance(detail, dict):
            detail = json.dumps(detail, ensure_ascii=False, default=str)
        entry = AuditEntry(actor=actor.label, actor_id=actor.user_id, action=action[:32],
                           target=(target or None) and target[:255], detail=detail or "", ok=ok)
        try:
            with Session(self.engine) as session:
                session.add(entry)
                session.commit()
        except Exception:  # noqa: BLE001 - the action happened; losing its log line must not hide that
            log.exception("Không ghi được nhật ký quản trị: %s %s %s", actor.label, action, target)

    def entries(self, *, limit: int = 50, action: str | None = None, since: datetime | None = None,
                ) -> list[AuditEntry]:
        """Newest first; `action` matches a prefix ("document" finds document.add and document.remove)."""
        if self.engine is None:
            return []
        query = select(AuditEntry)
        if action:
            query = query.where(AuditEntry.action.startswith(action))
        if since is not None:
            query = query.where(AuditEntry.at >= since)
        query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.exec(query))


def local_time(at: datetime) -> datetime:
    """A stored naive-UTC time in Vietnam's time zone."""
    return at.replace(tzinfo=UTC).astimezone(VIETNAM)
