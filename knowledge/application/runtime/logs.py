"""Log format and levels for the long-running entry points (bot, console chat), set once at start.

The bot's log is its operator's screen: everything at INFO on stderr. The
console chat's screen is the conversation: records go to a file under the
data folder, and only warnings reach stderr, one line each, pointing there.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

# One line per request, per alembic plugin, per faiss build tried: not news to an operator.
QUIET = ("httpx", "alembic.runtime.plugins", "faiss.loader")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 3


def setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format=FORMAT)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


class _OneLine(logging.Formatter):
    """'⚠ message (chi tiết: var/logs/chat.log)': no traceback, no second line, between two answers."""

    def __init__(self, details: Path | None):
        super().__init__()
        self.details = details

    def format(self, record: logging.LogRecord) -> str:
        lines = record.getMessage().strip().splitlines()
        message = lines[0] if lines else record.levelname
        if record.exc_info and record.exc_info[1] is not None:
            cause = str(record.exc_info[1]).strip().splitlines()
            message += f" ({type(record.exc_info[1]).__name__}{': ' + cause[0] if cause else ''})"
        return f"⚠ {message}" + (f" (chi tiết: {self.details})" if self.details else "")


@contextlib.contextmanager
def console_logging(log_file: Path) -> Iterator[Path | None]:
    """While the console chat runs: every record at INFO and above into `log_file` (rotated), warnings
    also on stderr as one line; yields the file, or None when it cannot be written (then stderr only).
    The previous configuration is back afterwards."""
    root = logging.getLogger()
    saved_level, saved_handlers = root.level, list(root.handlers)
    quiet_levels = {name: logging.getLogger(name).level for name in QUIET}
    handlers: list[logging.Handler] = []
    written: Path | None = None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        to_file = RotatingFileHandler(log_file, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS,
                                      encoding="utf-8")
    except OSError:
        to_file = None
    if to_file is not None:
        to_file.setLevel(logging.INFO)
        to_file.setFormatter(logging.Formatter(FORMAT))
        handlers.append(to_file)
        written = log_file
    warnings = logging.StreamHandler(sys.stderr)
    warnings.setLevel(logging.WARNING)
    warnings.setFormatter(_OneLine(written))
    handlers.append(warnings)
    for handler in saved_handlers:
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)
    try:
        yield written
    finally:
        logging.captureWarnings(False)
        for handler in handlers:
            root.removeHandler(handler)
            handler.close()
        for handler in saved_handlers:
            root.addHandler(handler)
        root.setLevel(saved_level)
        for name, level in quiet_levels.items():
            logging.getLogger(name).setLevel(level)
