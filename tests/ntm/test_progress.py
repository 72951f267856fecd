"""Indexing progress while `ntm chat` shows its loading spinner: the spinner's text, or plain lines."""

from __future__ import annotations

import io

from rich.console import Console

from ntm.progress import status_progress


class _Status:
    def __init__(self):
        self.texts: list[str] = []

    def update(self, text: str) -> None:
        self.texts.append(text)


def test_on_a_terminal_the_spinner_shows_the_stage():
    status = _Status()
    update = status_progress(status, Console(file=io.StringIO(), force_terminal=True))
    update("embed", 48, 52)
    assert status.texts == ["Đang lập chỉ mục – Nhúng vector: 48/52"]


def test_elsewhere_plain_lines():
    out = io.StringIO()
    status = _Status()
    update = status_progress(status, Console(file=out, force_terminal=False))
    for done in range(0, 53, 4):
        update("embed", done, 52)
    update("embed", 52, 52)
    assert status.texts == [] and out.getvalue().splitlines()[0] == "Nhúng vector: 0/52"
    assert out.getvalue().splitlines()[-1] == "Nhúng vector: 52/52"
