"""The `ntm` command: one entry point for people (index, search, chat, bot, ...).

Sub-commands live in their own modules; heavy imports happen inside the
commands so that `ntm --help` stays instant. Every app is an `NtmGroup`
(`ntm.command`): commands read the run's one `Settings` from `settings()`,
and a `UserError` from any of them is one line and its exit code.
"""

from __future__ import annotations

import typer

from ntm import (
    admin_cmd,
    bench_cmd,
    bot_cmd,
    chat_cmd,
    communes_cmd,
    eval_cmd,
    index_cmd,
    model_cmd,
    run_cmd,
    search_cmd,
    targets_cmd,
)
from ntm.command import NtmGroup

app = typer.Typer(
    cls=NtmGroup,
    help="NTM Assistant: trợ lý hỏi đáp Chương trình nông thôn mới.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

app.command("index")(index_cmd.index)
app.command("search")(search_cmd.search)
app.command("eval")(eval_cmd.eval_questions)
app.command("chat")(chat_cmd.chat_command)
app.command("bot")(bot_cmd.bot_command)
app.command("run")(run_cmd.run)
app.command("bench")(bench_cmd.bench)
app.add_typer(model_cmd.app, name="model")
app.add_typer(communes_cmd.app, name="communes")
app.add_typer(admin_cmd.admins_app, name="admins")
app.command("audit")(admin_cmd.audit)
app.add_typer(targets_cmd.app, name="targets")
app.add_typer(targets_cmd.criteria_app, name="tieuchi")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
