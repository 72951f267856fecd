"""What `ntm bench` leaves out, measured on the index it built (`ntm bench --work DIR`).

1. HNSW recall: the approximate dense index's top-10 against an exact scan of the same
   vectors, for questions drawn like the bench's (only when the index is HNSW).
2. One admin upload at that scale, as the bot does it: a search engine serving the index
   while one new document is indexed in the same process (a segment beside the base,
   `indexer.segments`), then swapped in. Reports the seconds from the upload until a search
   finds it (build + reload + that first search), the serving process's memory at its
   steady state, at the peak during the upload and after it, and then the same for the
   background merge of the segments into a new base.

    .venv/bin/python scripts/bench_scale.py --work /tmp/bench100k/work [--queries 200]

`--prepare N` first builds the bench's synthetic index of N passages in `--work` with random
unit vectors instead of the model's (the embedding stage of `ntm bench` takes ~30 minutes on 2
cores; the index's shape, the BM25 indexes and every timing here but the query embedding do not
depend on the vectors' values). Questions are still embedded by the real model.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakSampler:
    """The highest RSS seen while the block runs (sampled every 20 ms: VmHWM is the process's lifetime peak)."""

    def __enter__(self):
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


class RandomVectors:
    """Stands in for the model when preparing the base: random unit vectors, real model identity."""

    def __init__(self, encoder):
        import numpy as np

        self._rng = np.random.default_rng(5)
        self.dim, self.segmented_input = encoder.dim, False

    def encode_passages(self, texts, progress=None):
        import numpy as np

        v = self._rng.standard_normal((len(texts), self.dim)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        if progress:
            progress(len(texts))
        return v


def p50_ms(engine, questions: list[str]) -> float:
    """Median time of whole searches (query embedding, dense, both BM25, fusion, relevance gate)."""
    import statistics

    times = []
    for q in questions:
        t0 = time.perf_counter()
        engine.search(q)
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="the --work folder of an `ntm bench` run")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--prepare", type=int, metavar="PASSAGES", help="build the base first (random vectors)")
    args = parser.parse_args()

    import faiss
    import numpy as np

    from indexer.build import build_index
    from indexer.readers import SourceDocument
    from indexer.service import model_identity
    from indexer.synthetic import synthetic_documents, synthetic_questions
    from knowledge.retrieval.embedding.encoder import Encoder
    from knowledge.retrieval.index.dense import HNSW_EF_SEARCH
    from knowledge.retrieval.index.layout import IndexLayout
    from knowledge.retrieval.search.engine import SearchEngine
    from knowledge.settings import Settings

    settings = Settings().for_data_dir(args.work)
    layout = IndexLayout(settings.index_dir)
    encoder = Encoder.load(settings.model_path)
    identity = model_identity(settings)
    result: dict = {}
    if args.prepare:
        t0 = time.perf_counter()
        stand_in = RandomVectors(encoder)
        build_index([], settings.index_dir, encoder_factory=lambda: stand_in, model_identity=identity,
                    documents=list(synthetic_documents(args.prepare)), full=True)
        result["prepare_s"] = round(time.perf_counter() - t0, 1)
    manifest = layout.read_manifest()
    count = sum(1 for doc_id in manifest.documents if doc_id.startswith("syn-"))  # not an earlier upload
    result["passages"] = manifest.passages

    t0 = time.perf_counter()
    engine = SearchEngine(settings.index_dir, encoder)
    result["engine_load_s"] = round(time.perf_counter() - t0, 1)
    docs = list(synthetic_documents(count))  # the bench's corpus: same generator, same seed
    questions = synthetic_questions(docs, args.queries, seed=11)
    for q in questions[:20]:  # warm: the speller's vocabulary, caches
        engine.search(q)
    result["query_ms_p50"] = p50_ms(engine, questions)
    steady = rss_mb()
    result["serving_rss_mb"] = round(steady)

    # -- 1. recall of the approximate index
    hnsw = faiss.read_index(str(layout.current_dir() / "dense.faiss"))
    result["dense_index"] = type(hnsw).__name__
    if isinstance(hnsw, faiss.IndexHNSW):
        queries = encoder.encode_queries(questions)
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        exact = faiss.IndexFlatIP(hnsw.d)
        exact.add(hnsw.reconstruct_n(0, hnsw.ntotal))
        _, approx_ids = hnsw.search(queries, 10)
        _, exact_ids = exact.search(queries, 10)
        recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx_ids, exact_ids, strict=True)])
        result["hnsw_recall_at_10"] = round(float(recall), 4)
        result["hnsw_top1_agrees"] = round(float(np.mean(approx_ids[:, 0] == exact_ids[:, 0])), 4)
        del exact
    del hnsw

    # -- 2. one upload into the served index, in the serving process
    new = SourceDocument(
        doc_id=f"upload-{int(time.time())}",
        title="Kế hoạch xây dựng nông thôn mới kiểu mẫu xã Đồng Tâm năm 2026",
        text="Năm 2026, xã Đồng Tâm phấn đấu đạt chuẩn nông thôn mới kiểu mẫu với 100% hộ dân dùng nước sạch "
             "và thu nhập bình quân 85 triệu đồng/người/năm.",
        source="bench", date="2026-03-01", provinces=[], kind="plan", url=None, path=None,
    )
    question = "xã Đồng Tâm nông thôn mới kiểu mẫu 85 triệu"
    with PeakSampler() as upload:
        t0 = time.perf_counter()
        report = build_index([], settings.index_dir, encoder_factory=lambda: encoder, model_identity=identity,
                             documents=docs + [new])
        t1 = time.perf_counter()
        engine.reload_if_changed()
        t2 = time.perf_counter()
        hits = engine.search(question, k=3)
        t3 = time.perf_counter()
    after = rss_mb()
    result["query_ms_p50_with_segment"] = p50_ms(engine, questions)
    result.update(
        upload_segments=len(engine.snapshot.segments),
        upload_embedded=report.embedded,
        upload_build_s=round(t1 - t0, 2),
        upload_reload_s=round(t2 - t1, 2),
        upload_first_search_s=round(t3 - t2, 2),
        upload_answerable_s=round(t3 - t0, 2),
        upload_found_first=bool(hits and hits[0].doc_id == new.doc_id),
        upload_peak_above_steady_mb=round(upload.peak - steady),
        upload_rss_after_above_steady_mb=round(after - steady),
    )

    # -- 3. the background merge of the segments into a new base (what the admin thread runs next)
    with PeakSampler() as merge:
        t0 = time.perf_counter()
        merged = build_index([], settings.index_dir, encoder_factory=lambda: encoder, model_identity=identity,
                             documents=docs + [new], merge=True)
        t1 = time.perf_counter()
        engine.reload_if_changed()
        t2 = time.perf_counter()
        hits = engine.search(question, k=3)
    result.update(
        merge_embedded=merged.embedded,
        merge_build_s=round(t1 - t0, 1),
        merge_reload_s=round(t2 - t1, 1),
        merge_found_first=bool(hits and hits[0].doc_id == new.doc_id),
        merge_peak_above_steady_mb=round(merge.peak - steady),
        rss_after_merge_mb=round(rss_mb()),
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
