"""`ntm chat`: the bot in a terminal, for admins and for `make run` without a token.

The same commands and answers as the Telegram bot (`ConsoleChat` goes through
the bot's command table and answer engine); the bot's buttons are typed:
"thêm", "xem N", a choice's number; "/thoat" ends. With stdin not a TTY it
answers each line and exits, so it can be scripted and tested:
`printf 'câu hỏi 1\\n/xa Cao Xá, Bắc Giang\\n' | ntm chat`.

The screen holds only the conversation: logs go to NTM_DATA_DIR/logs/chat.log
(warnings also to stderr, one line each), loading shows a spinner on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import typer

LOG_FILE = "logs/chat.log"
GREETING = ("[bold]Trợ lý NTM[/bold] — gõ câu hỏi, hoặc lệnh như trong bot: /xa, /chitieu, /tieuchi, /thongke, "
            "/nguon, /help. [i]thêm[/i]: thêm kết quả, [i]xem 2[/i]: toàn văn trích dẫn [2], "
            "[i]/thoat[/i]: thoát.")


def chat_command(
    question: list[str] = typer.Argument(None, help="Một câu hỏi; bỏ trống để hỏi liên tục."),
) -> None:
    """Hỏi đáp trong cửa sổ dòng lệnh, cùng câu trả lời như bot Telegram."""
    from rich.console import Console

    from knowledge.application.runtime import Services
    from knowledge.application.runtime.logs import console_logging
    from ntm.command import settings
    from ntm.progress import status_progress

    run_settings = settings()
    console = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True)
    with console_logging(run_settings.data_dir / LOG_FILE):
        with err.status("Đang nạp mô hình và chỉ mục ...") as status:
            services = Services.load(run_settings, progress=status_progress(status, err))
        try:
            if question:
                lines: Iterable[str] = [" ".join(question)]
            elif sys.stdin.isatty():
                console.print(GREETING)
                lines = _prompt_lines(console)
            else:
                lines = (line.rstrip("\n") for line in sys.stdin)
            run_chat(services, lines, console, interactive=sys.stdin.isatty() and not question)
        finally:
            services.close()


def _prompt_lines(console) -> Iterable[str]:
    while True:
        try:
            yield console.input("[bold green]Bạn hỏi:[/bold green] ")
        except (EOFError, KeyboardInterrupt):
            return


def run_chat(services, lines: Iterable[str], console, interactive: bool = False) -> int:
    """Answer each line; returns how many questions were answered. Testable without a terminal."""
    from knowledge.application.commands.console import ConsoleChat
    from knowledge.application.render.terminal import html_to_text

    chat = ConsoleChat(services)
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        html_out = chat.reply(line)
        if chat.done:
            break
        if not interactive:
            console.print(f"> {line}", style="bold", markup=False)
        console.print(html_to_text(html_out))
        console.print()
    return chat.asked
