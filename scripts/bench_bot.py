"""Bot reply latency through the fake Bot API server, against its floor; startup time.

    .venv/bin/python scripts/bench_bot.py [--users 50] [--single 20]

Measures, with the index already built (it is built first when missing):
- in process: answer time per question (search + answer) one at a time, and
  the wall time of 50 questions spread over the cores (thread pool);
- `python -m bot` as a subprocess polling the fake server on 127.0.0.1:
  startup to first getUpdates, reply latency p50/p95 for one user at a time
  and for 50 users asking different questions at once;
- the floor: a plain echo bot (same concurrency) p95 for 50 users through the
  same server, plus the in-process wall time of the 50 questions.
Goals: p95 at 50 users <= 1.5 x floor; single-user p50 within 50 ms of the
in-process answer time; startup <= 10 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def run_echo_bot() -> None:
    """The floor: a plain python-telegram-bot echo bot with the same update concurrency."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder, MessageHandler, filters

    async def echo(update: Update, context) -> None:
        await update.effective_message.reply_text(update.effective_message.text)

    app = (ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
           .base_url(os.environ["TELEGRAM_API_BASE_URL"]).concurrent_updates(64).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0.0, timeout=30)


def questions(n: int) -> list[str]:
    from knowledge.text.normalize import fold

    rows = []
    for name in ("dev.jsonl", "calibration.jsonl"):
        path = REPO / "knowledge" / "eval" / name
        if path.exists():
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = [r["q"] for r in rows if r.get("kind") != "out_of_scope"]
    pool = list(dict.fromkeys(base + [fold(q) for q in base]))  # typed without diacritics too
    return [pool[i % len(pool)] for i in range(n)]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


def in_process(settings, qs: list[str], single: int) -> dict:
    from knowledge.application.answer import AnswerEngine
    from knowledge.application.answer.numeric import targets_hint
    from knowledge.application.runtime import ensure_index
    from knowledge.retrieval.embedding.configured import load_encoder
    from knowledge.retrieval.search import SearchEngine

    encoder = load_encoder(settings)
    ensure_index(settings, encoder)
    search = SearchEngine.open(settings, encoder=encoder)
    from knowledge.domain.targets import load_targets

    targets_file = search.snapshot.version_dir / "targets.jsonl"
    targets = list(load_targets(targets_file)) if targets_file.exists() else []
    engine = AnswerEngine(search, lead_hint=targets_hint(lambda: targets))
    for q in qs[:3]:
        engine.ask(q)
    search_times, answer_times = [], []
    for q in qs[:single]:
        t0 = time.perf_counter()
        search.search(q, k=4)
        search_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        engine.ask(q)
        answer_times.append(time.perf_counter() - t0)
    workers = os.cpu_count() or 2
    with ThreadPoolExecutor(workers) as pool:
        t0 = time.perf_counter()
        list(pool.map(engine.ask, qs))
        wall = time.perf_counter() - t0
    return {"search_p50": statistics.median(search_times), "answer_p50": statistics.median(answer_times),
            "parallel_wall": wall, "workers": workers}


async def through_server(settings, qs: list[str], single: int) -> dict:
    from tests.auxil.bot_harness import subprocess_env
    from tests.auxil.fake_bot_api import FakeBotApi

    results: dict = {}
    async with FakeBotApi() as api:
        with tempfile.TemporaryDirectory() as tmp:
            env = subprocess_env(api, settings.data_dir, NTM_DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3")
            if settings.index.embedding_model:
                env["NTM_EMBEDDING_MODEL"] = settings.index.embedding_model
            started = time.monotonic()
            bot = subprocess.Popen([sys.executable, "-m", "bot"], cwd=REPO, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                await api.wait_for_polling(timeout=120)
                results["startup"] = time.monotonic() - started
                await burst(api, qs[:3])  # warm-up
                results["single"] = [(await burst(api, [q]))[0] for q in qs[:single]]
                results["concurrent"] = await burst(api, qs)
            finally:
                await stop(bot)
        echo = subprocess.Popen([sys.executable, __file__, "--echo"], cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            await api.wait_for_polling(timeout=60)
            api.calls.clear()
            await burst(api, qs[:3])
            results["echo_single"] = [(await burst(api, [q]))[0] for q in qs[:single]]
            results["echo"] = await burst(api, qs)
        finally:
            await stop(echo)
    return results


async def burst(api, qs: list[str]) -> list[float]:
    """Each question from a new person at the same moment; seconds until each reply reached the server."""
    people = [api.new_user(f"B{i}") for i in range(len(qs))]
    chats = [api.private_chat(u) for u in people]
    pushed = []
    for user, chat, q in zip(people, chats, qs, strict=True):
        api.send_text(chat, user, q)
        pushed.append(api.last_pushed_at)
    replies = await asyncio.gather(*(api.next_reply(c, timeout=120) for c in chats))
    return [r.sent_at - t for r, t in zip(replies, pushed, strict=True)]


async def stop(process: subprocess.Popen) -> None:
    process.send_signal(2)
    try:
        await asyncio.to_thread(process.wait, 15)
    except subprocess.TimeoutExpired:
        process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--single", type=int, default=20)
    parser.add_argument("--echo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.echo:
        run_echo_bot()
        return
    from knowledge.settings import Settings

    settings = Settings()
    qs = questions(args.users)
    local = in_process(settings, qs, args.single)
    remote = asyncio.run(through_server(settings, qs, args.single))
    ms = lambda s: f"{s * 1000:7.0f} ms"  # noqa: E731
    floor = pct(remote["echo"], 95) + local["parallel_wall"]
    p95 = pct(remote["concurrent"], 95)
    single_p50 = statistics.median(remote["single"])
    print(f"in-process search p50 (1 question)        {ms(local['search_p50'])}")
    print(f"in-process answer p50 (search + lead)     {ms(local['answer_p50'])}")
    print(f"in-process {len(qs)} answers over {local['workers']} workers   {ms(local['parallel_wall'])}")
    print(f"echo bot 1 user p50 (transport alone)     {ms(statistics.median(remote['echo_single']))}")
    print(f"echo bot p95, {len(qs)} users                    {ms(pct(remote['echo'], 95))}")
    print(f"bot 1 user: p50 {ms(single_p50)}  p95 {ms(pct(remote['single'], 95))}")
    print(f"bot {len(qs)} users: p50 {ms(statistics.median(remote['concurrent']))}  p95 {ms(p95)}")
    print(f"floor (echo p95 + in-process wall)        {ms(floor)}")
    print(f"startup to first poll                     {remote['startup']:7.1f} s")
    print(f"goal p95 <= 1.5 x floor: {p95 / floor:.2f} x  "
          f"{'ok' if p95 <= 1.5 * floor else 'MISSED'}")
    print(f"goal single p50 - in-process answer <= 50 ms: {ms(single_p50 - local['answer_p50'])}  "
          f"{'ok' if single_p50 - local['answer_p50'] <= 0.05 else 'MISSED'}")
    print(f"goal startup <= 10 s: {'ok' if remote['startup'] <= 10 else 'MISSED'}")


if __name__ == "__main__":
    main()
