"""The family of errors the project raises on purpose, so interfaces catch one type.

`NtmError` is every failure we foresaw (as opposed to a bug). `UserError` is
the kind a person can fix: `str(error)` is the one Vietnamese line to show
them, and `exit_code` what the `ntm` command or the bot's start-up exits with.
The CLI (`ntm.command`) and `bot.main` catch `UserError` once, instead of
each command listing the exceptions it knows about. Subclasses keep a
built-in base (`LookupError`, `ValueError` ...) where callers rely on it.
"""

from __future__ import annotations


class NtmError(Exception):
    """Base of every error this project raises deliberately."""


class UserError(NtmError):
    """A problem a person can fix, told in one Vietnamese line; `exit_code` for the CLI (default 1)."""

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code
