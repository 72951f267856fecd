"""`ntm chat`: the bot's answers in a terminal, for admins and for `make run` without a token.

Interactive on a TTY (with "thêm", "xem N", "/nguon", "/help", "/thoat");
with stdin not a TTY it answers each line and exits, so it can be scripted
and tested: `printf 'câu hỏi 1\\ncâu hỏi 2\\n' | ntm chat`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import typer

MORE = {"them", "thêm", "/them", "more", "+"}
QUIT = {"/thoat", "/thoát", "/quit", "/exit", "q", "thoat", "thoát"}


def chat_command(
    question: list[str] = typer.Argument(None, help="Một câu hỏi; bỏ trống để hỏi liên tục."),
) -> None:
    """Hỏi đáp trong cửa sổ dòng lệnh, cùng câu trả lời như bot Telegram."""
    from rich.console import Console

    from knowledge.application.runtime import Services
    from knowledge.application.runtime.logs import setup_logging
    from ntm.command import settings

    console = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True)
    setup_logging()
    with err.status("Đang nạp mô hình và chỉ mục ..."):
        services = Services.load(settings())
    try:
        if question:
            lines: Iterable[str] = [" ".join(question)]
        elif sys.stdin.isatty():
            console.print("[bold]Trợ lý NTM[/bold] — gõ câu hỏi; [i]thêm[/i]: thêm kết quả, "
                          "[i]xem 2[/i]: toàn văn trích dẫn [2], [i]/thoat[/i]: thoát.")
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
    from knowledge.application.render import messages as M
    from knowledge.application.render.answer import not_found_html, passage_html, render_html
    from knowledge.application.render.terminal import html_to_text
    from knowledge.text.normalize import fold

    engine = services.answers
    last = None
    count = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        command = fold(line)
        if command in QUIT:
            break
        if command in ("/help", "/start"):
            html_out = M.help_text()
        elif command == "/nguon":
            html_out = not_found_html(engine.coverage()).split("\n\n")[1]
        elif command in MORE and last is not None:
            last = engine.page(last.query, last.page + 1)
            html_out = render_html(last)
        elif command.startswith("xem ") and command[4:].strip().isdigit() and last is not None:
            rank = int(command[4:].strip())
            hit = engine.hit_at(last.query, rank)
            html_out = passage_html(hit, rank) if hit else "Không có trích dẫn này."
        else:
            last = engine.ask(line, chat="console")
            count += 1
            html_out = render_html(last)
            try:
                services.questions.record(last, interface="console")
            except Exception:  # noqa: BLE001 - the log is optional here
                pass
            if last.kind != "answer":
                last = None if last.kind != "not_found" else last
        if not interactive:
            console.print(f"> {line}", style="bold")
        console.print(html_to_text(html_out))
        console.print()
    return count
