"""What every `ntm` command shares while it runs: one `Settings`, and one way to fail.

Each Typer app of the CLI is built with `cls=NtmGroup`. During a run:
- `settings()` gives the run's `Settings`, loaded on first use (so `--help`
  never reads `.env`) and then the same object for everything the command
  reaches (`ntm run` starting the chat or the bot);
- a `UserError` raised anywhere below becomes its one red line on stderr and
  its exit code, so no command catches its own list of exceptions; anything
  else is a bug and keeps its traceback.
A sub-app invoked on its own, as tests do, behaves exactly as under `ntm`.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

from knowledge.errors import UserError

if TYPE_CHECKING:
    from knowledge.settings import Settings

_run: ContextVar[dict | None] = ContextVar("ntm_run", default=None)


class NtmGroup(TyperGroup):
    def invoke(self, ctx):
        token = _run.set({}) if _run.get() is None else None  # the outermost group opens the run
        try:
            return super().invoke(ctx)
        except UserError as exc:
            typer.secho(str(exc), fg="red", err=True)
            raise typer.Exit(exc.exit_code) from None
        finally:
            if token is not None:
                _run.reset(token)


def settings() -> Settings:
    """This run's settings; ConfigError (a UserError, exit 2) when a value is malformed."""
    from knowledge.settings import Settings

    run = _run.get()
    if run is None:  # called as a plain function, outside any ntm app
        return Settings()
    if "settings" not in run:
        run["settings"] = Settings()
    return run["settings"]
