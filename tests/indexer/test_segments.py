"""Upload segments: a small change to an index is a segment beside the base, searched as one index
built over the same documents would be."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from indexer.build import build_index
from indexer.readers import SourceDocument
from indexer.segments import SegmentPolicy
from knowledge.retrieval.index.layout import IndexLayout
from knowledge.retrieval.search.engine import SearchEngine
from knowledge.text.tokens import folded_tokens, word_tokens

SEGMENTS = SegmentPolicy(min_base=0, max_segments=8, max_fraction=1.0)  # segments even for a tiny base
DIM = 64


class HashEncoder:
    """Bag of folded syllables hashed into 64 dimensions: fast, deterministic, similar texts close."""

    name = fingerprint = "hash-64"
    dim = DIM
    segmented_input = False

    def _encode(self, texts):
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in folded_tokens(text):
                out[i, int(hashlib.md5(tok.encode()).hexdigest(), 16) % DIM] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def encode_passages(self, texts, progress=None):
        vectors = self._encode(texts)
        if progress:
            progress(len(texts))
        return vectors

    def encode_queries(self, texts):
        return self._encode(texts)


IDENTITY = {"name": "hash-64", "fingerprint": "hash-64", "dim": DIM, "segmented_input": False}
TOPICS = ["giao thông nông thôn", "nước sạch", "thu nhập bình quân", "trường học đạt chuẩn", "trạm y tế xã",
          "môi trường xanh sạch đẹp", "nhà văn hóa thôn", "chợ nông thôn"]


def doc(i: int, extra: str = "") -> SourceDocument:
    topic = TOPICS[i % len(TOPICS)]
    text = (f"Xã số {i} đầu tư {topic} với {10 + i} tỷ đồng trong năm {2020 + i % 6}. "
            f"Đến nay xã đạt {i % 19 + 1}/19 tiêu chí nông thôn mới về {topic}. {extra}")
    return SourceDocument(doc_id=f"d{i}", title=f"Kế hoạch {topic} xã số {i}", text=text, source="test",
                          date=f"{2020 + i % 6}-01-01", provinces=[], kind="plan", url=None, path=None)


NEW = SourceDocument(doc_id="upload", title="Kế hoạch nông thôn mới kiểu mẫu xã Đồng Tâm",
                     text="Năm 2026 xã Đồng Tâm phấn đấu đạt chuẩn nông thôn mới kiểu mẫu, thu nhập 85 triệu đồng.",
                     source="test", date="2026-03-01", provinces=[], kind="plan", url=None, path=None)
QUERIES = ["nông thôn mới kiểu mẫu xã Đồng Tâm", "nuoc sach xa so 3", "giao thông nông thôn 12 tỷ đồng",
           "thu nhập bình quân", "tiêu chí trạm y tế", "xa dong tam 85 trieu"]


def build(root, docs, **kw):
    encoder = HashEncoder()
    return build_index([], root, encoder_factory=lambda: encoder, model_identity=IDENTITY, documents=docs,
                       policy=kw.pop("policy", SEGMENTS), **kw)


@pytest.fixture
def segmented(tmp_path):
    """A base of 40 documents, then one upload, one changed and one removed document as a segment."""
    root = tmp_path / "seg"
    base = [doc(i) for i in range(40)]
    build(root, base)
    engine = SearchEngine(root, HashEncoder())
    later = [d for d in base if d.doc_id != "d7"] + [NEW]
    later[3] = doc(3, "Thêm 5 km đường bê tông liên thôn.")
    report = build(root, later)
    return root, engine, later, report


def by_passage(snapshot, scores: np.ndarray) -> dict[str, float]:
    return {snapshot.passages[row].passage_id: float(scores[row]) for row in snapshot.by_id.values()}


def test_an_upload_is_a_segment_sharing_the_base_files(segmented):
    root, engine, _, report = segmented
    layout = IndexLayout(root)
    manifest = layout.read_manifest()
    assert report.published and report.embedded == 2  # the upload and the changed document only
    assert [s["dir"] for s in manifest.segments] == [".", f"segments/{report.version}"]
    assert manifest.documents["upload"].segment == report.version
    assert manifest.documents["d0"].segment == manifest.segments[0]["name"]
    assert "d7" not in manifest.documents and manifest.passages == sum(r.passages for r in manifest.documents.values())
    old_dir = engine.snapshot.version_dir
    for name in ("passages.jsonl", "vectors.npy", "dense.faiss", "lexical_words/vocab.json"):
        assert (layout.current_dir() / name).stat().st_ino == (old_dir / name).stat().st_ino  # linked, not copied


def test_reload_reuses_the_loaded_base(segmented):
    _, engine, _, _ = segmented
    base = engine.snapshot.segments[0]
    assert engine.reload_if_changed()
    assert engine.snapshot.segments[0] is base and len(engine.snapshot.segments) == 2
    hit = engine.search("xã Đồng Tâm nông thôn mới kiểu mẫu 85 triệu", k=1)[0]
    assert hit.doc_id == "upload"


def test_segments_score_as_a_full_build_of_the_same_documents(segmented, tmp_path):
    root, engine, later, _ = segmented
    engine.reload_if_changed()
    build(tmp_path / "full", later)
    full = SearchEngine(tmp_path / "full", HashEncoder())
    seg, one = engine.snapshot, full.snapshot
    assert len(one.segments) == 1 and one.live == seg.live < len(seg.passages)
    for query in QUERIES:
        for index in ("words", "folded"):
            tokens = (word_tokens if index == "words" else folded_tokens)(query, bigrams=True)
            got = by_passage(seg, getattr(seg, index).scores(tokens))
            want = by_passage(one, getattr(one, index).scores(tokens))
            assert got.keys() == want.keys()
            np.testing.assert_allclose([got[k] for k in want], list(want.values()), rtol=1e-5, atol=1e-6)
            assert seg.idf_folded(tokens[0]) == pytest.approx(one.idf_folded(tokens[0]))
        vector = engine.encoder.encode_queries([query])[0]
        got, want = (dict(zip((s.passages[r].passage_id for r in ids.tolist()), sims.tolist(), strict=True))
                     for s in (seg, one) for ids, sims in [s.dense.top(vector, 20)])
        np.testing.assert_allclose(sorted(got.values()), sorted(want.values()), rtol=1e-6)
        assert all(got[k] == pytest.approx(want[k], rel=1e-6) for k in got.keys() & want.keys())
        # Ties (synthetic passages share their wording) may order differently; the leader is the same.
        assert [h.passage_id for h in engine.search(query, k=1)] == [h.passage_id for h in full.search(query, k=1)]
    assert dict(seg.folded.vocabulary()) == dict(one.folded.vocabulary())


def test_dead_rows_of_changed_and_removed_documents_never_come_back(segmented):
    _, engine, _, _ = segmented
    engine.reload_if_changed()
    snap = engine.snapshot
    for query in ("xã số 3 trường học đạt chuẩn", "xa so 7 cho nong thon"):
        rows = [*snap.words.top(word_tokens(query, bigrams=True), 50)[0], *snap.folded.top(folded_tokens(query), 50)[0],
                *snap.dense.top(engine.encoder.encode_queries([query])[0], 50)[0]]
        docs = [snap.passages[r] for r in rows]
        assert not any(p.doc_id == "d7" for p in docs)
        assert all(p.text.endswith("Thêm 5 km đường bê tông liên thôn.") for p in docs if p.doc_id == "d3")
        assert "d7" not in engine.rank(query) and "d3" in engine.rank("xa so 3 truong hoc")
    assert any(p.doc_id == "d3" for p in snap.passages[:40])  # its old row is still there, dead
    assert "bê tông" in engine.passage("d3#0001").text and engine.passage("d7#0001") is None


def test_merge_folds_segments_into_one_base_without_reembedding(segmented):
    root, engine, later, _ = segmented
    engine.reload_if_changed()
    before = [h.passage_id for q in QUERIES for h in engine.search(q, k=1)]  # leaders: ties may swap below
    report = build(root, later, merge=True)
    assert report.published and report.embedded == 0
    manifest = IndexLayout(root).read_manifest()
    assert len(manifest.segments) == 1 and manifest.passages == len(engine.snapshot.by_id)
    assert engine.reload_if_changed()
    assert [h.passage_id for q in QUERIES for h in engine.search(q, k=1)] == before
    assert len(engine.snapshot.passages) == engine.snapshot.live


def test_past_the_policy_a_build_merges(tmp_path):
    root = tmp_path / "idx"
    docs = [doc(i) for i in range(20)]
    policy = SegmentPolicy(min_base=0, max_segments=2, max_fraction=1.0)
    build(root, docs, policy=policy)
    dues = []
    for i in range(3):
        docs.append(doc(100 + i))
        report = build(root, docs, policy=policy)
        dues.append(report.compact_due)
        assert report.embedded == 1  # only the new document, merged or not
    assert dues == [True, True, False]  # the third build found two segments and merged them
    assert len(IndexLayout(root).read_manifest().segments) == 1


def test_small_indexes_and_full_rebuilds_stay_one_segment(tmp_path):
    root = tmp_path / "idx"
    docs = [doc(i) for i in range(10)]
    build(root, docs, policy=SegmentPolicy())  # 10 passages: under min_base
    report = build(root, [*docs, NEW], policy=SegmentPolicy())
    assert report.embedded == 1 and len(IndexLayout(root).read_manifest().segments) == 1
    build(root, [*docs, NEW, doc(50)])
    report = build(root, [*docs, NEW, doc(50)], full=True)
    assert report.embedded == 12 and len(IndexLayout(root).read_manifest().segments) == 1


def test_removing_only_publishes_no_new_segment(tmp_path):
    root = tmp_path / "idx"
    docs = [doc(i) for i in range(12)]
    build(root, docs)
    engine = SearchEngine(root, HashEncoder())
    report = build(root, docs[1:])
    manifest = IndexLayout(root).read_manifest()
    assert report.removed == ["d0"] and len(manifest.segments) == 1 and "d0" not in manifest.documents
    assert engine.reload_if_changed() and not any(h.doc_id == "d0" for h in engine.search("xa so 0", k=20))
    assert engine.snapshot.live == manifest.passages
    assert json.loads((IndexLayout(root).current_dir() / "manifest.json").read_text())["passages"] == 11


def test_an_index_of_the_release_before_segments_loads_and_is_rebuilt_whole(tmp_path):
    """bm25s's own files and a manifest without segments: searched as before, then replaced by a base."""
    import bm25s

    from knowledge.retrieval.index.lexical import K1, B, LegacyLexical, lexical_text
    from knowledge.retrieval.index.passages import read_passages

    root = tmp_path / "idx"
    docs = [doc(i) for i in range(12)]
    build(root, docs)
    version = IndexLayout(root).current_dir()
    manifest_file = version / "manifest.json"
    data = json.loads(manifest_file.read_text(encoding="utf-8"))
    del data["segments"]
    for record in data["documents"].values():
        del record["segment"]
    manifest_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    passages = read_passages(version / "passages.jsonl")
    titles = {d.doc_id: d.title for d in docs}
    for folder, corpus in (("lexical_words", [p.words for p in passages]),
                           ("lexical_folded", [folded_tokens(lexical_text(titles[p.doc_id], p.text), bigrams=True)
                                               for p in passages])):
        old = bm25s.BM25(k1=K1, b=B)
        old.index([toks or [""] for toks in corpus], show_progress=False)
        for f in (version / folder).iterdir():
            f.unlink()
        old.save(str(version / folder))
    engine = SearchEngine(root, HashEncoder())
    assert isinstance(engine.snapshot.segments[0].folded, LegacyLexical)
    assert engine.rank("nuoc sach xa so 1")[0] == "d1"
    report = build(root, [*docs, NEW])
    assert report.embedded == 1 and len(IndexLayout(root).read_manifest().segments) == 1
    assert engine.reload_if_changed() and engine.rank("xa dong tam kieu mau")[0] == "upload"


@pytest.mark.parametrize("change", ["addition", "replacement"])
def test_targets_of_a_segment_version_are_those_of_a_full_build(tmp_path, change):
    plan = SourceDocument(doc_id="plan", title="Kế hoạch năm 2025",
                          text="Phấn đấu năm 2025 có thêm 12 xã đạt chuẩn nông thôn mới nâng cao, đạt 16,3%.",
                          source="test", date="2025-01-01", provinces=["Hà Tĩnh"], kind="plan", url=None, path=None)
    docs = [doc(i) for i in range(12)] + [plan]
    later = [*docs, NEW] if change == "addition" else [*docs[:12], NEW]  # the plan replaced by the upload
    lines = {}
    for name in ("seg", "full"):
        root = tmp_path / name
        if name == "seg":
            build(root, docs)
        report = build(root, later)
        assert len(IndexLayout(root).read_manifest().segments) == (2 if name == "seg" else 1)
        text = (IndexLayout(root).current_dir() / "targets.jsonl").read_text(encoding="utf-8")
        lines[name] = sorted(text.splitlines())
        assert report.published
    assert lines["seg"] == lines["full"]
    assert any("85" in line for line in lines["full"])
    assert any("16,3" in line for line in lines["full"]) == (change == "addition")


def test_a_segment_build_killed_before_publishing_is_cleaned_up_without_touching_the_base(tmp_path):
    from indexer.segments import link_version

    root = tmp_path / "idx"
    docs = [doc(i) for i in range(12)]
    build(root, [*docs, NEW])
    layout = IndexLayout(root)
    current = layout.current_dir()
    leftover = layout.versions / ".tmp-20990101T000000-dead00"
    link_version(current, leftover)  # what a killed segment build leaves: links of the base, no manifest
    (leftover / "segments" / "x").mkdir(parents=True)
    report = build(root, [*docs, NEW, doc(60)])
    assert report.published and not leftover.exists()
    assert (layout.current_dir() / "passages.jsonl").stat().st_ino == (current / "passages.jsonl").stat().st_ino
    engine = SearchEngine(root, HashEncoder())
    assert engine.rank("xa dong tam kieu mau")[0] == "upload"
    assert engine.rank("tram y te xa so 60 70 ty dong")[0] == "d60"


def test_a_document_emptied_by_a_change_leaves_no_live_rows(tmp_path):
    root = tmp_path / "idx"
    docs = [doc(i) for i in range(12)]
    build(root, docs)
    emptied = SourceDocument(doc_id="d5", title="", text="", source="test", date=None, provinces=[], kind=None,
                             url=None, path=None)
    report = build(root, [*docs[:5], emptied, *docs[6:]])
    assert report.changed == ["d5"] and len(IndexLayout(root).read_manifest().segments) == 1
    engine = SearchEngine(root, HashEncoder())
    assert engine.passage("d5#0001") is None and "d5" not in engine.rank("xa so 5 moi truong xanh sach dep")
