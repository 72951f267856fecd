"""Benchmark of the commune registry: lookup latency over the full registry, import of 10,000 rows.

Targets (issue 4): lookup p95 <= 20 ms over ~13,000 names; a 10,000-row import <= 10 s.
Each run uses a fresh database (a temp SQLite by default, or `--url` for PostgreSQL,
in a throw-away schema) so numbers include nothing cached on disk from earlier runs.

    .venv/bin/python scripts/bench_communes.py [--url postgresql+psycopg://...] [--queries 3000]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else word[:i] + word[i + 1:]


def make_queries(index, n: int, rng: random.Random) -> list[str]:
    from knowledge.text.normalize import fold

    units = list(index.communes.values())
    queries = []
    for c in rng.sample(units, n):
        style = rng.randrange(6)
        if style == 0:
            queries.append(c.short_name)
        elif style == 1:
            queries.append(fold(c.name))  # "xa cao xa"
        elif style == 2:
            queries.append(typo(fold(c.short_name), rng))
        elif style == 3:
            queries.append(f"{c.short_name}, {c.province.short_name}")
        elif style == 4:
            queries.append(f"{fold(c.short_name)} {fold(c.province.short_name)}")
        else:
            queries.append(typo(c.short_name, rng) + " " + c.province.short_name)
    return queries


def write_import_file(index, path: Path, rows: int, rng: random.Random) -> None:
    from knowledge.domain.communes.levels import Level

    old = [c for c in index.communes.values() if not c.is_current and c.kind != "huyện"]
    picked = rng.sample(old, rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["STT", "Tỉnh", "Huyện", "Xã", "Mức đạt chuẩn", "Năm công nhận", "Số quyết định",
                         "Số tiêu chí đạt"])
        for n, c in enumerate(picked, start=1):
            level = rng.choice([Level.NTM, Level.NTM, Level.NANG_CAO, Level.KIEU_MAU])
            writer.writerow([n, c.province.short_name, c.district_name, c.name, level.label,
                             rng.randint(2012, 2024), f"{rng.randint(1, 9999)}/QĐ-UBND", 19])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="database URL (default: a temp SQLite)")
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    from sqlalchemy import text

    from knowledge.domain.communes import CommuneService
    from knowledge.domain.db import create_engine_for

    tmp = Path(tempfile.mkdtemp(prefix="ntm-bench-"))
    schema = None
    if args.url and args.url.startswith("postgresql"):
        schema = f"ntm_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine_for(args.url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = create_engine_for(args.url, pg_schema=schema)
    else:
        engine = create_engine_for(args.url or f"sqlite:///{tmp / 'bench.sqlite3'}")
    print(f"database: {engine.dialect.name}")
    try:
        service = CommuneService(engine)
        started = time.perf_counter()
        service.warm_up()
        report = service.load_report
        print(f"first use (schema + registry load {report.seconds:.2f} s + name index): "
              f"{time.perf_counter() - started:.2f} s; {report.communes} units, {report.links} links, "
              f"{report.aliases} search keys, {len(service.index.fuzzy_keys)} distinct names")

        rng = random.Random(2025)
        path = tmp / "ds_10000.csv"
        write_import_file(service.index, path, args.rows, rng)
        for attempt in ("first", "again"):
            started = time.perf_counter()
            result = service.import_file(path)
            elapsed = time.perf_counter() - started
            assert result.ok, result.errors[:5]
            print(f"import {args.rows:,} rows ({attempt}): {elapsed:.2f} s "
                  f"(added {result.added}, unchanged {result.unchanged}, replaced {result.replaced})")

        queries = make_queries(service.index, args.queries, rng)
        for label, call in (("find (match + card from SQL)", service.find), ("match only", service.match)):
            timings, statuses = [], {"found": 0, "ambiguous": 0, "not_found": 0}
            for q in queries:
                started = time.perf_counter()
                result = call(q)
                timings.append((time.perf_counter() - started) * 1000)
                statuses[result.status] += 1
            print(f"lookup {label}, {len(queries)} queries: p50 {percentile(timings, 50):.2f} ms, "
                  f"p95 {percentile(timings, 95):.2f} ms, p99 {percentile(timings, 99):.2f} ms, "
                  f"max {max(timings):.1f} ms, mean {statistics.mean(timings):.2f} ms; {statuses}")
    finally:
        engine.dispose()
        if schema:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
