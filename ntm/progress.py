"""Progress of the indexer's (stage, done, total) callbacks: a live bar (or a spinner's text) on a terminal,
plain lines (each stage's start, every tenth, its end) in logs, where a bar never redraws."""

from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

STAGE_LABELS = {"split": "Tách đoạn", "embed": "Nhúng vector", "write": "Ghi chỉ mục"}


@contextmanager
def index_progress(console: Console | None = None):
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield _log_lines(console)
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGE_LABELS.get(stage, stage), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield update


def _log_lines(console: Console):
    shown: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        total = max(total, 1)
        step = min(10, done * 10 // total)
        if shown.get(stage, -1) < step:
            shown[stage] = step
            console.print(f"{STAGE_LABELS.get(stage, stage)}: {done}/{total}", soft_wrap=True, highlight=False)

    return update


def status_progress(status, console: Console):
    """The same callbacks while a spinner (`console.status`) runs: its text on a terminal (a second live
    display would clash with the spinner), the plain lines elsewhere."""
    if not console.is_terminal:
        return _log_lines(console)

    def update(stage: str, done: int, total: int) -> None:
        status.update(f"Đang lập chỉ mục – {STAGE_LABELS.get(stage, stage)}: {done}/{max(total, 1)}")

    return update
