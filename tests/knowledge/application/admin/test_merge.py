"""After an upload published as a segment that reached the merge threshold, the admin thread merges
the segments into a new base in the background: the upload's own job does not wait for it."""

from __future__ import annotations

import threading

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
