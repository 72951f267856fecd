"""`python -m bot` / `ntm bot`: check settings, load model and index (building it if needed), then poll.

Exit codes: 0 after a normal stop, 2 for missing or malformed settings
(one line on stderr, no traceback), 1 when the index cannot be loaded.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.config import ConfigError, load_config

log = logging.getLogger("bot")


def setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise


def main() -> int:
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"ntm bot: {exc}", file=sys.stderr)
        return 2
    setup_logging()
    from bot.application import ALLOWED_UPDATES, build_application
    from bot.services import Services
    from knowledge.search import IndexNotFound

    try:
        services = Services.load(config.settings)
    except IndexNotFound as exc:
        print(f"ntm bot: {exc}", file=sys.stderr)
        return 1
    app = build_application(config, services)
    if config.webhook:
        from bot.webhook import serve_webhook

        asyncio.run(serve_webhook(app, config))
    else:
        log.info("Bắt đầu nhận tin (long polling)")
        app.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=0.0, timeout=30, bootstrap_retries=5)
    return 0
