"""After an upload published as a segment that reached the merge threshold, the admin thread merges
the segments into a new base in the background: the upload's own job does not wait for it."""

from __future__ import annotations

import threading

import pytest

from indexer.build import BuildReport
from knowledge.application.admin import service as admin_service
from knowledge.application.admin.service import AdminService
from knowledge.settings import Settings


class Search:
    def __init__(self):
        self.reloads = 0

    def reload_if_changed(self):
        self.reloads += 1
        return True


def test_a_due_merge_runs_after_the_upload_job_in_the_background(tmp_path, monkeypatch):
    calls: list[dict] = []
    merging = threading.Event()
    release = threading.Event()

    def rebuild(settings, **kw):
        calls.append({k: kw.get(k, False) for k in ("full", "merge")})
        if kw.get("merge"):
            merging.set()
            release.wait(10)
            return BuildReport(version="merged", published=True)
        return BuildReport(version="segment", published=True, compact_due=len(calls) == 1)

    monkeypatch.setattr(admin_service, "rebuild", rebuild)
    search = Search()
    service = AdminService(Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path)), None, search)
    report = service._build(lambda *a: None)  # what an upload's job runs, in the index thread
    assert report.version == "segment" and search.reloads == 1
    assert merging.wait(10)  # started without anyone awaiting it
    assert service.runner.busy and service.runner.state.kind == "merge"
    assert calls == [{"full": False, "merge": False}, {"full": False, "merge": True}]
    service._build(lambda *a: None)  # not due again: no second merge queued
    release.set()
    for thread in threading.enumerate():
        if thread.name == "admin-index-merge":
            thread.join(10)
    assert not service.runner.busy and search.reloads == 3 and len(calls) == 3


def write_jsonl(path, rows) -> None:
    import json

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.slow
def test_an_upload_is_answerable_from_its_segment_then_merged_in_the_background(tmp_path, monkeypatch, encoder):
    """The real build and engine: the admin thread's build publishes a segment the engine serves at
    once; the merge it queued then publishes one base that still answers."""
    from indexer import segments
    from indexer.service import update_index
    from knowledge.retrieval.index.layout import IndexLayout
    from knowledge.retrieval.search import SearchEngine
    from tests.auxil.settings import make_settings

    monkeypatch.setattr(segments, "POLICY", segments.SegmentPolicy(min_base=0, max_segments=2, max_fraction=1.0))
    settings = make_settings(tmp_path / "data")
    src = tmp_path / "src"
    src.mkdir()
    rows = [{"id": f"x{i}", "title": f"Xã số {i}",
             "text": f"Xã số {i} hoàn thành tiêu chí giao thông năm {2020 + i % 5}."} for i in range(20)]
    write_jsonl(src / "docs.jsonl", rows)
    update_index(settings, [src], encoder=encoder)
    engine = SearchEngine.open(settings, encoder=encoder)
    service = AdminService(settings, None, engine)
    write_jsonl(src / "upload.jsonl", [{"id": "dong-tam", "title": "Kế hoạch xã Đồng Tâm",
                                        "text": "Năm 2026 xã Đồng Tâm phấn đấu đạt chuẩn nông thôn mới kiểu mẫu."}])
    merged = threading.Event()
    real_merge = service._merge
    monkeypatch.setattr(service, "_merge", lambda progress: (real_merge(progress), merged.set())[0])
    report = service._build(lambda *a: None)
    assert report.compact_due and len(engine.snapshot.segments) == 2  # served from the segment already
    assert engine.search("xã Đồng Tâm nông thôn mới kiểu mẫu", k=1)[0].doc_id == "dong-tam"
    assert merged.wait(120)
    assert len(IndexLayout(settings.index_dir).read_manifest().segments) == 1
    assert len(engine.snapshot.segments) == 1 and engine.snapshot.live == 21
    assert engine.search("xã Đồng Tâm nông thôn mới kiểu mẫu", k=1)[0].doc_id == "dong-tam"
