"""`ntm chat` without a TTY: each line answered in plain text, /thoat ends the session."""

from __future__ import annotations

import io

from rich.console import Console

from knowledge.application.runtime import Services
from knowledge.settings import Settings
from ntm.chat_cmd import run_chat
from tests.auxil.fake_search import FakeSearch

Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"


def test_console_chat_answers_each_line(tmp_path):
    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path))
    services = Services.with_search(settings, FakeSearch.from_corpus(), database=False)
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    lines = [Q_HD, "", "thêm", "xem 1", "còn năm 2024 thì sao?", "😀", "/nguon", "/thoat", "không đọc tới"]
    assert run_chat(services, lines, console) == 3
    text = out.getvalue()
    assert "29 xã" in text and "[4]" in text and "Hiểu là" in text and "bằng chữ" in text
    assert "<b>" not in text and "&amp;" not in text
    assert "không đọc tới" not in text
