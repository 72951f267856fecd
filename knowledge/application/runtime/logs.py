"""Log format and levels for the long-running entry points (bot, console chat), set once at start."""

from __future__ import annotations

import logging

# One line per request, per alembic plugin, per faiss build tried: not news to an operator.
QUIET = ("httpx", "alembic.runtime.plugins", "faiss.loader")


def setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
