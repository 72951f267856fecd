"""The `ntm` command: one entry point for people (index, search, chat, bot, ...).

Sub-commands live in their own modules; heavy imports happen inside the
commands so that `ntm --help` stays instant.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    help="NTM Assistant: trợ lý hỏi đáp Chương trình nông thôn mới.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
