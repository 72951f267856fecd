"""Who may manage the bot (admins) and who may use it in closed mode (officials).

Admins are `TELEGRAM_ADMIN_IDS` plus the `admin` rows of `authorized_users`;
officials are its `official` rows. The bot asks on every update, so the rows
are cached in memory: refreshed after this process changes them and at most
`ttl` seconds after another process (`ntm admins add`) did.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from knowledge.domain.db.admin import AuthorizedUser


@dataclass(frozen=True)
class Member:
    user_id: int
    role: str  # admin, official
    name: str | None
    source: str  # "TELEGRAM_ADMIN_IDS" or "database"
    added_by: str | None = None
    added_at: str | None = None


class Access:
    def __init__(self, engine: Engine | None, env_admins: Iterable[int] = (), ttl: float = 30.0):
        self.engine = engine
        self.env_admins = frozenset(env_admins)
        self.ttl = ttl
        self._roles: dict[int, str] = {}
        self._loaded_at: float | None = None
        self._lock = threading.Lock()
        if engine is not None:
            from knowledge.domain.db.migrate import ensure_schema

            ensure_schema(engine)

    # ------------------------------------------------------------ reading (cached)

    @property
    def stale(self) -> bool:
        return self.engine is not None and (
            self._loaded_at is None or time.monotonic() - self._loaded_at > self.ttl)

    def refresh(self) -> None:
        """Re-read the table (a worker thread's job in async code: it touches the database)."""
        if self.engine is None:
            return
        with Session(self.engine) as session:
            rows = session.exec(select(AuthorizedUser.user_id, AuthorizedUser.role)).all()
        with self._lock:
            self._roles = {int(uid): role for uid, role in rows}
            self._loaded_at = time.monotonic()

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.refresh()

    def role(self, user_id: int | None) -> str | None:
        """'admin', 'official' or None, from the cache (call `refresh_if_stale` first)."""
        if user_id is None:
            return None
        if user_id in self.env_admins:
            return "admin"
        return self._roles.get(user_id)

    def is_admin(self, user_id: int | None) -> bool:
        return self.role(user_id) == "admin"

    def is_allowed(self, user_id: int | None) -> bool:
        return self.role(user_id) is not None

    # ------------------------------------------------------------ changing

    def grant(self, user_id: int, role: str, *, name: str | None = None, added_by: str) -> bool:
        """Give `user_id` the role; False when they already had it (nothing changed)."""
        if role not in ("admin", "official"):
            raise ValueError(f"unknown role: {role}")
        self._require_db()
        with Session(self.engine) as session:
            row = session.get(AuthorizedUser, user_id)
            if row is not None and row.role == role and (name is None or row.name == name):
                return False
            if row is None:
                row = AuthorizedUser(user_id=user_id, role=role, name=name, added_by=added_by)
            else:
                row.role, row.added_by = role, added_by
                row.name = name if name is not None else row.name
            session.add(row)
            session.commit()
        self.refresh()
        return True

    def revoke(self, user_id: int, role: str | None = None) -> bool:
        """Remove the stored row (only if it has `role`, when given); False when there was none."""
        self._require_db()
        with Session(self.engine) as session:
            row = session.get(AuthorizedUser, user_id)
            if row is None or (role is not None and row.role != role):
                return False
            session.delete(row)
            session.commit()
        self.refresh()
        return True

    def members(self) -> list[Member]:
        """Everyone with a role: the environment's admins first, then the table by role and id."""
        out = [Member(uid, "admin", None, "TELEGRAM_ADMIN_IDS") for uid in sorted(self.env_admins)]
        if self.engine is not None:
            with Session(self.engine) as session:
                rows = session.exec(select(AuthorizedUser).order_by(AuthorizedUser.role, AuthorizedUser.user_id))
                out += [Member(r.user_id, r.role, r.name, "database", r.added_by,
                               r.added_at.isoformat(timespec="seconds")) for r in rows]
        return out

    def _require_db(self) -> None:
        if self.engine is None:
            raise RuntimeError("Không có cơ sở dữ liệu: không lưu được danh sách quyền")
