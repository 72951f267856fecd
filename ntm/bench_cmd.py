"""`ntm bench`: indexing throughput, query latency, index size and peak memory at scale.

A benchmark, not a test: it builds a synthetic corpus (default 100,000
passages of corpus-vocabulary Vietnamese) through the real pipeline with the
configured model, then times whole `SearchEngine.search` calls (query
embedding + dense + both BM25 + fusion + relevance gate) in a fresh process,
as a bot serving that index would run them. Peak memory is reported for each
of the two processes.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def peak_rss_mb() -> float:
    """This process's own peak RSS. Not ru_maxrss: Linux carries that over fork and exec,
    so a spawned child would report its parent's peak."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _serve(index_root: str, model: str, queries: list[str]) -> dict:
    """Runs in a fresh process: load model and index, time the queries."""
    from knowledge.retrieval.embedding.encoder import Encoder
    from knowledge.retrieval.search.engine import SearchEngine

    t0 = time.perf_counter()
    encoder = Encoder.load(model)
    t1 = time.perf_counter()
    engine = SearchEngine(Path(index_root), encoder)
    load_s = time.perf_counter() - t1
    model_s = t1 - t0
    for q in queries[:5]:
        engine.search(q)  # warm-up
    latencies = []
    for q in queries:
        s = time.perf_counter()
        engine.search(q, k=5)
        latencies.append((time.perf_counter() - s) * 1000)
    return {
        "dense": engine.info["dense"], "load_s": load_s, "model_s": model_s,
        "latencies": latencies, "peak_mb": peak_rss_mb(),
    }


def bench(
    passages: int = typer.Option(100_000, "--passages", "-n", min=100, help="Số đoạn văn tổng hợp."),
    queries: int = typer.Option(300, "--queries", "-q", min=10, help="Số câu truy vấn đo độ trễ."),
    work: Path = typer.Option(None, "--work", help="Thư mục làm việc (mặc định: thư mục tạm, xóa sau khi chạy)."),
    as_json: bool = typer.Option(False, "--json", help="In kết quả dạng JSON."),
) -> None:
    """Đo tốc độ lập chỉ mục, độ trễ truy vấn, dung lượng chỉ mục và bộ nhớ đỉnh."""
    from indexer.build import build_index
    from indexer.service import model_identity
    from indexer.synthetic import synthetic_documents, synthetic_questions
    from knowledge.retrieval.embedding.encoder import Encoder
    from knowledge.text import fold
    from ntm.command import settings as run_settings
    from ntm.progress import index_progress

    console = Console(stderr=True)
    base = run_settings()
    root = work or Path(tempfile.mkdtemp(prefix="ntm-bench-"))
    settings = base.for_data_dir(root)
    try:
        t0 = time.perf_counter()
        docs = list(synthetic_documents(passages))
        gen_s = time.perf_counter() - t0
        # A third typed without diacritics, as officials often do.
        sample = [fold(q) if n % 3 == 2 else q for n, q in enumerate(synthetic_questions(docs, queries))]
        encoder = Encoder.load(base.model_path)
        stages: dict[str, float] = {}
        last = {"stage": None, "t": time.perf_counter()}

        with index_progress(console) as bar:

            def progress(stage: str, done: int, total: int) -> None:
                now = time.perf_counter()
                if last["stage"] is not None:
                    stages[last["stage"]] = stages.get(last["stage"], 0.0) + now - last["t"]
                last.update(stage=stage, t=now)
                bar(stage, done, total)

            t1 = time.perf_counter()
            report = build_index(
                [], settings.index_dir, encoder_factory=lambda: encoder,
                model_identity=model_identity(base), documents=docs, progress=progress,
            )
            index_s = time.perf_counter() - t1
        version_dir = settings.index_dir / "versions" / report.version
        size = _dir_size(version_dir)

        build_peak_mb = peak_rss_mb()
        del docs  # not needed while the search process runs
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(1) as pool:
            served = pool.apply(_serve, (str(settings.index_dir), str(base.model_path), sample))
        latencies = served["latencies"]

        result = {
            "passages": report.passages,
            "dense_index": served["dense"],
            "generate_s": round(gen_s, 1),
            "index_s": round(index_s, 1),
            "index_passages_per_s": round(report.passages / index_s, 1),
            "stage_s": {k: round(v, 1) for k, v in stages.items()},
            "index_size_mb": round(size / 1e6, 1),
            "model_load_s": round(served["model_s"], 2),
            "engine_load_s": round(served["load_s"], 2),
            "queries": len(latencies),
            "query_ms_p50": round(_percentile(latencies, 0.5), 1),
            "query_ms_p95": round(_percentile(latencies, 0.95), 1),
            "query_ms_mean": round(statistics.fmean(latencies), 1),
            "peak_rss_build_mb": round(build_peak_mb),
            "peak_rss_search_mb": round(served["peak_mb"]),
        }
    finally:
        if work is None:
            shutil.rmtree(root, ignore_errors=True)
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    table = Table("chỉ số", "giá trị")
    for key, value in result.items():
        table.add_row(key, str(value))
    Console().print(table)
