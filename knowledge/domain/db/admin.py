"""Admin tables: who may use and manage the bot, what admins did, and which files they sent.

Why in SQL: `TELEGRAM_ADMIN_IDS` needs a restart to change; admins and
officials listed here (`ntm admins add`, `/capquyen`) take effect at once in
every process. The audit log answers "who added, removed, imported or
reindexed what, when" after the fact; uploaded files are remembered by
content hash so the same file sent twice is recognised.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, DateTime, Text
from sqlmodel import Field, SQLModel

from knowledge.domain.db import base  # noqa: F401  (naming convention before any table)

ROLES = ("admin", "official")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # naive UTC on every backend, like the usage tables


class AuthorizedUser(SQLModel, table=True):
    """A Telegram user with a role: `admin` (manages the bot) or `official` (may ask in closed mode)."""

    __tablename__ = "authorized_users"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    role: str = Field(max_length=16)
    name: str | None = Field(default=None, max_length=120)
    added_by: str = Field(max_length=120)
    added_at: datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))


class AuditEntry(SQLModel, table=True):
    """One admin action; `ok` is False for an attempt that changed nothing (rejected file, failed build)."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False, index=True))
    actor: str = Field(max_length=120)  # "Lan (telegram 123)", "cli:root"
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    action: str = Field(max_length=32, index=True)  # document.add, index.full, communes.import, ...
    target: str | None = Field(default=None, max_length=255)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))
    ok: bool = True


class UploadedFile(SQLModel, table=True):
    """A file an admin sent that was stored (documents) or imported (commune lists)."""

    __tablename__ = "uploaded_files"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=16)  # document, communes
    file_name: str = Field(max_length=255)  # as sent
    stored_as: str = Field(max_length=255)  # path relative to NTM_DATA_DIR
    doc_ids: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list
    uploaded_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    uploaded_at: datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
