"""What `ntm bench` leaves out, measured on the index it built (`ntm bench --work DIR`).

1. HNSW recall: the approximate dense index's top-10 against an exact scan of the same
   vectors, for questions drawn like the bench's.
2. One admin upload at that scale, as the bot does it: a search engine serving the index
   while one new document is indexed incrementally in the same process, then swapped in.
   Reports the update's time, the process's memory before and at its peak, and that the
   new document is found.

    .venv/bin/python scripts/bench_scale.py --work /tmp/bench100k/work [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    from ntm.bench_cmd import peak_rss_mb

    return peak_rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="the --work folder of an `ntm bench` run")
    parser.add_argument("--queries", type=int, default=200)
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
    manifest = layout.read_manifest()
    count = sum(1 for doc_id in manifest.documents if doc_id.startswith("syn-"))  # not an earlier upload
    result: dict = {"passages": manifest.passages}

    encoder = Encoder.load(settings.model_path)
    engine = SearchEngine(settings.index_dir, encoder)
    result["serving_rss_mb"] = round(rss_mb())

    # -- 1. recall of the approximate index
    docs = list(synthetic_documents(count))  # the bench's corpus: same generator, same seed
    queries = encoder.encode_queries(synthetic_questions(docs, args.queries, seed=11))
    hnsw = faiss.read_index(str(layout.current_dir() / "dense.faiss"))
    result["dense_index"] = type(hnsw).__name__
    if isinstance(hnsw, faiss.IndexHNSW):
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        exact = faiss.IndexFlatIP(hnsw.d)
        exact.add(hnsw.reconstruct_n(0, hnsw.ntotal))
        _, approx_ids = hnsw.search(queries, 10)
        _, exact_ids = exact.search(queries, 10)
        recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx_ids, exact_ids, strict=True)])
        result["hnsw_recall_at_10"] = round(float(recall), 4)
        result["hnsw_top1_agrees"] = round(float(np.mean(approx_ids[:, 0] == exact_ids[:, 0])), 4)
        del exact, hnsw

    # -- 2. one upload into the served index, in the serving process
    new = SourceDocument(
        doc_id="upload-1",
        title="Kế hoạch xây dựng nông thôn mới kiểu mẫu xã Đồng Tâm năm 2026",
        text="Năm 2026, xã Đồng Tâm phấn đấu đạt chuẩn nông thôn mới kiểu mẫu với 100% hộ dân dùng nước sạch "
             "và thu nhập bình quân 85 triệu đồng/người/năm.",
        source="bench", date="2026-03-01", provinces=[], kind="plan", url=None, path=None,
    )
    before = rss_mb()
    t0 = time.perf_counter()
    report = build_index([], settings.index_dir, encoder_factory=lambda: encoder,
                         model_identity=model_identity(settings), documents=docs + [new])
    update_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    swapped = engine.reload_if_changed()
    swap_s = time.perf_counter() - t1
    hits = engine.search("xã Đồng Tâm nông thôn mới kiểu mẫu 85 triệu", k=3)
    result.update(
        upload_published=report.published,  # False on a second run: the upload is already indexed
        upload_embedded=report.embedded,
        upload_index_s=round(update_s, 1),
        upload_swap_s=round(swap_s, 2) if swapped else None,
        upload_found_first=bool(hits and hits[0].doc_id == "upload-1"),
        upload_rss_before_mb=round(before),
        upload_rss_after_mb=round(rss_mb()),
        process_peak_rss_mb=round(peak_mb()),
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
