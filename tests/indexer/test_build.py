"""Index build: incremental updates, removals, manifest checks and atomic publish under kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.service import staleness, update_index
from knowledge.retrieval.index.layout import IndexLayout
from knowledge.retrieval.search import SearchEngine
from tests.auxil.paths import REPO
from tests.auxil.settings import make_settings

pytestmark = pytest.mark.slow


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")


DOCS = [
    {"id": "a", "title": "Xã An Bình đạt chuẩn",
     "text": "Xã An Bình đạt chuẩn nông thôn mới nâng cao năm 2023 với 19/19 tiêu chí."},
    {"id": "b", "title": "Giao thông nông thôn",
     "text": "Tỉnh đầu tư 120 km đường giao thông nông thôn trong năm 2024."},
    {"id": "c", "title": "Nước sạch", "text": "Tỷ lệ hộ dân nông thôn dùng nước sạch đạt 57,5% vào cuối năm."},
]


@pytest.fixture
def small(tmp_path):
    settings = make_settings(tmp_path / "data")
    src = tmp_path / "src"
    src.mkdir()
    write_jsonl(src / "docs.jsonl", DOCS)
    return settings, src


def test_build_then_nothing_to_do(small, encoder):
    settings, src = small
    first = update_index(settings, [src], encoder=encoder)
    assert first.published and first.documents == 3 and first.embedded == first.passages
    assert staleness(settings) is None
    again = update_index(settings, encoder=encoder)  # remembers its sources
    assert again.up_to_date and again.embedded == 0 and again.version == first.version


def test_incremental_embeds_only_changes_and_drops_removed(small, encoder):
    settings, src = small
    update_index(settings, [src], encoder=encoder)
    changed = [dict(DOCS[0], text=DOCS[0]["text"] + " Thu nhập bình quân đạt 60 triệu đồng/người/năm."), DOCS[2]]
    changed.append({"id": "d", "title": "Môi trường", "text": "Xã trồng 5.000 cây xanh dọc các tuyến đường."})
    write_jsonl(src / "docs.jsonl", changed)
    assert staleness(settings) == "tài liệu đã thay đổi"
    report = update_index(settings, encoder=encoder)
    assert report.added == ["d"] and report.changed == ["a"] and report.removed == ["b"]
    assert report.embedded == 2  # a (changed) and d (new); c reused
    engine = SearchEngine.open(settings, encoder=encoder)
    assert {d.doc_id for d in engine.documents()} == {"a", "c", "d"}
    assert not any(h.doc_id == "b" for h in engine.search("đường giao thông nông thôn 120 km", k=10))
    assert engine.search("thu nhập bình quân 60 triệu", k=1)[0].doc_id == "a"


def test_incremental_build_writes_what_a_full_build_writes(tmp_path, encoder):
    """Reused passages, vectors and targets land in the same rows as a fresh build puts them."""
    import numpy as np

    from knowledge.retrieval.index.layout import IndexLayout

    docs = DOCS + [{"id": "t", "title": "Kế hoạch 2025",
                    "text": "Phấn đấu năm 2025 có thêm 12 xã đạt chuẩn nông thôn mới nâng cao, đạt 16,3%."}]
    later = [docs[3], dict(docs[0], text=docs[0]["text"] + " Thu nhập đạt 60 triệu đồng."), docs[2],
             {"id": "d", "title": "Môi trường", "text": "Xã trồng 5.000 cây xanh dọc các tuyến đường."}]
    folders = {}
    for name in ("incremental", "full"):
        settings = make_settings(tmp_path / name)
        src = tmp_path / f"src-{name}"
        src.mkdir()
        if name == "incremental":
            write_jsonl(src / "docs.jsonl", docs)
            update_index(settings, [src], encoder=encoder)
        write_jsonl(src / "docs.jsonl", later)
        report = update_index(settings, [src], encoder=encoder)
        assert report.embedded == (2 if name == "incremental" else 4)
        folders[name] = IndexLayout(settings.index_dir).current_dir()
    inc, full = folders["incremental"], folders["full"]
    for name in ("passages.jsonl", "targets.jsonl"):
        assert (inc / name).read_text(encoding="utf-8") == (full / name).read_text(encoding="utf-8")
    np.testing.assert_array_equal(np.load(inc / "vectors.npy"), np.load(full / "vectors.npy"))
    assert "16,3%" in (inc / "targets.jsonl").read_text(encoding="utf-8")


def test_full_rebuild_and_model_change_force_reembedding(small, encoder):
    settings, src = small
    update_index(settings, [src], encoder=encoder)
    assert update_index(settings, full=True, encoder=encoder).embedded == 3
    manifest_path = IndexLayout(settings.index_dir).current_dir() / "manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    data["model"]["fingerprint"] = "another-model"
    manifest_path.write_text(json.dumps(data), encoding="utf-8")
    assert staleness(settings) == "mô hình nhúng đã thay đổi"
    assert update_index(settings, encoder=encoder).embedded == 3


def test_search_engine_picks_up_new_publish(small, encoder):
    settings, src = small
    update_index(settings, [src], encoder=encoder)
    engine = SearchEngine.open(settings, encoder=encoder)
    before = engine.info["version"]
    write_jsonl(src / "docs.jsonl", DOCS + [{"id": "e", "title": "Y tế", "text": "Trạm y tế xã đạt chuẩn quốc gia."}])
    update_index(settings, encoder=encoder)
    assert engine.reload_if_changed() and engine.info["version"] != before
    assert engine.info["documents"] == 4


def _start_build(settings, src: Path, extra_env: dict) -> subprocess.Popen:
    env = dict(os.environ, NTM_DATA_DIR=str(settings.data_dir), NTM_EMBEDDING_MODEL=settings.model_path, **extra_env)
    return subprocess.Popen(
        [sys.executable, "-m", "ntm", "index", str(src)], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.parametrize("stage", ["embedding", "publishing"])
def test_kill_mid_build_keeps_previous_index_serving(small, encoder, stage):
    settings, src = small
    first = update_index(settings, [src], encoder=encoder)
    # A bigger change so the killed build has real work in flight.
    rows = [{"id": f"x{i}", "title": f"Văn bản {i}", "text": f"Xã số {i} hoàn thành tiêu chí giao thông. " * 20}
            for i in range(60)]
    write_jsonl(src / "more.jsonl", rows)
    layout = IndexLayout(settings.index_dir)
    if stage == "publishing":
        proc = _start_build(settings, src, {"NTM_INDEX_PAUSE_BEFORE_PUBLISH": "60"})
        deadline = time.monotonic() + 120
        while not any(p.name.startswith(".tmp-") and (p / "manifest.json").exists() for p in layout.versions.iterdir()):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    else:
        proc = _start_build(settings, src, {})
        # Killed as soon as embedding starts (its first progress line), whatever the machine's speed.
        for line in proc.stderr:
            if line.startswith("Nhúng vector"):
                break
        assert proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert layout.current_dir().name == first.version
    engine = SearchEngine.open(settings, encoder=encoder)
    assert engine.info["documents"] == 3 and engine.search("nước sạch 57,5%", k=1)
    report = update_index(settings, encoder=encoder)
    assert report.published and report.documents == 63
    assert not [p for p in layout.versions.iterdir() if p.name.startswith(".tmp-")]


def test_excluded_document_leaves_index_and_can_come_back(small, encoder):
    from indexer.service import exclude_document, include_document

    settings, src = small
    update_index(settings, [src], encoder=encoder)
    exclude_document(settings, "b")
    assert staleness(settings) == "tài liệu đã thay đổi"
    report = update_index(settings, encoder=encoder)
    assert report.removed == ["b"] and report.embedded == 0
    include_document(settings, "b")
    assert update_index(settings, encoder=encoder).added == ["b"]
    assert (src / "docs.jsonl").exists()  # the file itself is never touched


def test_a_law_is_indexed_by_article_and_its_articles_come_back_whole(tmp_path, encoder):
    settings = make_settings(tmp_path / "data")
    src = tmp_path / "src"
    src.mkdir()
    clauses = "\n\n".join(
        f"{n}. Ủy ban nhân dân cấp xã thực hiện nhiệm vụ số {n} về nước sạch nông thôn; "
        + "báo cáo kết quả định kỳ với Ủy ban nhân dân cấp tỉnh theo quy định. " * 6
        for n in range(1, 7))
    text = ("Chương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuyết định này quy định về xã nông thôn mới."
            f"\n\nChương II\n\nTRÁCH NHIỆM\n\nĐiều 2. Trách nhiệm của Ủy ban nhân dân cấp xã\n\n{clauses}")
    write_jsonl(src / "law.jsonl", [{"id": "qd", "title": "Quy định xã nông thôn mới", "text": text}])
    update_index(settings, [src], encoder=encoder)
    engine = SearchEngine.open(settings, encoder=encoder)
    [hit] = engine.search("nhiệm vụ số 5 về nước sạch nông thôn", k=1)
    assert hit.cite.startswith("Điều 2 khoản") and "5" in hit.cite
    whole = engine.article(hit.passage_id)
    assert whole.cite == "Điều 2" and whole.text.startswith("Chương II")
    assert all(f"nhiệm vụ số {n} về nước sạch" in whole.text for n in range(1, 7))
    assert "Điều 1." not in whole.text
    assert engine.search("phạm vi điều chỉnh xã nông thôn mới", k=1)[0].cite == "Điều 1"
