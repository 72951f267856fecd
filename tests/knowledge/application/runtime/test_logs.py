"""The console chat's logging: records in a file, only one-line warnings on stderr, the old setup restored."""

from __future__ import annotations

import logging

from knowledge.application.runtime.logs import console_logging


def test_records_go_to_the_file_and_only_warnings_to_stderr(tmp_path, capfd):
    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    path = tmp_path / "logs" / "chat.log"
    with console_logging(path) as written:
        assert written == path
        logging.getLogger("alembic.runtime.migration").info("Running upgrade  -> 0001")
        logging.getLogger("bm25s").debug("Building index from IDs objects")
        logging.getLogger("knowledge.x").warning("Không mở được cơ sở dữ liệu\nchi tiết dòng hai")
        try:
            raise ValueError("hỏng")
        except ValueError:
            logging.getLogger("knowledge.y").exception("Lỗi khi trả lời")
    err = capfd.readouterr().err
    assert err.splitlines() == [f"⚠ Không mở được cơ sở dữ liệu (chi tiết: {path})",
                                f"⚠ Lỗi khi trả lời (ValueError: hỏng) (chi tiết: {path})"]
    log = path.read_text(encoding="utf-8")
    assert "INFO alembic.runtime.migration: Running upgrade" in log and "Building index" not in log
    assert "Traceback" in log and "dòng hai" in log
    assert (root.level, list(root.handlers)) == before


def test_without_a_writable_folder_warnings_still_reach_stderr(tmp_path, capfd):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with console_logging(blocker / "logs" / "chat.log") as written:
        assert written is None
        logging.getLogger("knowledge.x").info("không hiện")
        logging.getLogger("knowledge.x").warning("Cảnh báo")
    assert capfd.readouterr().err.splitlines() == ["⚠ Cảnh báo"]
