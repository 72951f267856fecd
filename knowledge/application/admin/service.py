"""Admin operations independent of Telegram: add, remove, restore documents, reindex, import commune lists.

Every operation that changes the index runs as a job of one `IndexRunner`
(one at a time, off the event loop); the change is made durable first (file
stored, exclusion list written) and the build follows, so a process killed
between the two leaves a stale index that the next start rebuilds. Each
operation writes its audit row, and the outcomes carry what the index really
holds afterwards (titles, dates, provinces and passage counts from the new
manifest), not what the upload claimed.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from indexer.build import BuildReport
from indexer.readers.isolated import read_table_isolated
from indexer.service import exclude_document, excluded_ids, include_document
from knowledge.application.admin import stats as admin_stats
from knowledge.application.admin.audit import Actor, AuditLog
from knowledge.application.admin.documents import CheckedDocument, DocumentStore, UploadRejected, slug
from knowledge.application.admin.indexing import IndexRunner, JobTimeout, Progress, ensure_documents_source, rebuild
from knowledge.domain.db.admin import UploadedFile
from knowledge.retrieval.index.layout import IndexLayout
from knowledge.retrieval.index.manifest import DocumentRecord
from knowledge.settings import Settings

log = logging.getLogger(__name__)
Stored = Callable[[list[str], str], None]  # (doc_ids, stored_as relative to NTM_DATA_DIR)
COMMUNE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")


@dataclass
class DocumentOutcome:
    status: str  # added, duplicate, restored, pending (stored, not indexed yet)
    file_name: str
    documents: list[DocumentRecord] = field(default_factory=list)
    stored_as: str | None = None  # relative to NTM_DATA_DIR
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # why a stored document is still pending


@dataclass
class RemovalOutcome:
    status: str  # removed, restored, missing, pending
    doc_id: str
    title: str | None = None
    documents_left: int = 0
    seconds: float = 0.0
    error: str | None = None


def upload_kind(file_name: str, data: bytes = b"") -> str:
    """'communes' for a csv/xlsx list, else 'document' (whose type the readers check from content)."""
    if Path(file_name).suffix.lower() in COMMUNE_SUFFIXES:
        return "communes"
    if data.startswith(b"PK\x03\x04") and b"xl/" in data[:4096] and b"word/" not in data[:4096]:
        return "communes"
    return "document"


class AdminService:
    def __init__(self, settings: Settings, db_engine: Engine | None, search, *,
                 after_publish: Callable[[], object] | None = None):
        self.settings = settings
        self.db_engine = db_engine
        self.search = search
        self.audit = AuditLog(db_engine)
        self.store = DocumentStore(settings)
        self.runner = IndexRunner()
        self.layout = IndexLayout(settings.index_dir)
        self._after_publish = after_publish or getattr(search, "reload_if_changed", lambda: False)

    # ------------------------------------------------------------ reading

    def indexed(self) -> dict[str, DocumentRecord]:
        manifest = self.layout.read_manifest()
        return dict(manifest.documents) if manifest else {}

    def removed(self) -> list[str]:
        return sorted(excluded_ids(self.settings))

    def stats(self) -> admin_stats.AdminStats:
        info = dict(getattr(self.search, "info", {}) or {})
        return admin_stats.collect(self.db_engine, info, removed_documents=len(excluded_ids(self.settings)))

    # ------------------------------------------------------------ documents

    async def add_document(self, checked: CheckedDocument, actor: Actor) -> DocumentOutcome:
        """Store a checked upload and index it (queued behind a running build)."""
        return await self.runner.submit("upload", lambda progress: self.store_and_index(checked, actor, progress))

    def store_and_index(self, checked: CheckedDocument, actor: Actor, progress: Progress, *,
                        on_stored: Stored | None = None) -> DocumentOutcome:
        """Store a checked upload and build (blocking: a job of `runner`). `on_stored(doc_ids, stored_as)`
        hears where the document is as soon as it is on disk, before the build (an upload job records it)."""
        started = time.monotonic()
        on_stored = on_stored or (lambda ids, stored_as: None)
        indexed = self.indexed()
        removed = excluded_ids(self.settings)
        previous = self._previous_upload(checked.sha256)
        if previous is not None:
            ids = json.loads(previous.doc_ids)
            if ids and all(i in indexed for i in ids) and not set(ids) & removed:
                return DocumentOutcome("duplicate", checked.file_name, [indexed[i] for i in ids],
                                       previous.stored_as, time.monotonic() - started)
            if ids and set(ids) <= removed:
                for doc_id in ids:
                    include_document(self.settings, doc_id)
                self.audit.record(actor, "document.restore", ", ".join(ids),
                                  {"file": checked.file_name, "sha256": checked.sha256})
                on_stored(ids, previous.stored_as)
                return self._index_and_report("restored", checked.file_name, ids, previous.stored_as, actor,
                                              progress, started, checked.notes)
            if ids and (self.settings.data_dir / previous.stored_as).exists() and not set(ids) & removed:
                # Stored earlier but never indexed (a build failed or was killed): index it, store nothing.
                on_stored(ids, previous.stored_as)
                return self._index_and_report("added", checked.file_name, ids, previous.stored_as, actor,
                                              progress, started, checked.notes)
        ensure_documents_source(self.settings)  # before the file exists: a kill must not orphan it
        try:
            stored = self.store.store(checked, self.store.taken_ids(set(indexed)))
        except UploadRejected as exc:
            self.audit.record(actor, "document.reject", checked.file_name, str(exc), ok=False)
            raise
        relative = str(stored.original_path.relative_to(self.settings.data_dir))
        on_stored(stored.doc_ids, relative)
        self._remember_upload(checked, "document", relative, stored.doc_ids, actor)
        self.audit.record(actor, "document.add", ", ".join(stored.doc_ids)[:255],
                          {"file": checked.file_name, "stored": relative, "sha256": checked.sha256,
                           "caption": None if checked.caption.empty else vars(checked.caption)})
        return self._index_and_report("added", checked.file_name, stored.doc_ids, relative, actor, progress,
                                      started, checked.notes)

    def index_stored(self, file_name: str, doc_ids: list[str], stored_as: str | None, actor: Actor,
                     progress: Progress) -> DocumentOutcome:
        """Build for a document already stored (an upload job interrupted by a stop) and report on it."""
        return self._index_and_report("added", file_name, doc_ids, stored_as, actor, progress, time.monotonic(), [])

    def _index_and_report(self, status, file_name, ids, stored_as, actor, progress, started, notes):
        try:
            report = self._build(progress)
        except JobTimeout:
            raise  # the upload job withdraws the document; "indexed later" would be untrue
        except Exception as exc:  # noqa: BLE001 - the document is stored; the next build indexes it
            log.exception("Lập chỉ mục sau khi thêm %s thất bại", file_name)
            self.audit.record(actor, "index.update", ", ".join(ids)[:255], f"lỗi: {exc}", ok=False)
            return DocumentOutcome("pending", file_name, [], stored_as, time.monotonic() - started, list(notes),
                                   error=str(exc))
        indexed = self.indexed()
        documents = [indexed[i] for i in ids if i in indexed]
        outcome = DocumentOutcome(status, file_name, documents, stored_as, time.monotonic() - started, list(notes))
        if len(documents) < len(ids):
            outcome.status = "pending"
            problems = [e for e in report.errors if Path(stored_as).stem in e or any(i in e for i in ids)]
            outcome.error = "; ".join(problems) or "tài liệu chưa có trong chỉ mục"
        return outcome

    async def remove_document(self, doc_id: str, actor: Actor) -> RemovalOutcome:
        return await self.runner.submit("remove", lambda progress: self._remove(doc_id, actor, progress))

    def _remove(self, doc_id: str, actor: Actor, progress: Progress) -> RemovalOutcome:
        started = time.monotonic()
        record = self.indexed().get(doc_id)
        if record is None:
            return RemovalOutcome("missing", doc_id)
        exclude_document(self.settings, doc_id)
        self.audit.record(actor, "document.remove", doc_id, {"title": record.title})
        return self._rebuild_after(RemovalOutcome("removed", doc_id, record.title), actor, progress, started)

    async def restore_document(self, doc_id: str, actor: Actor) -> RemovalOutcome:
        return await self.runner.submit("restore", lambda progress: self._restore(doc_id, actor, progress))

    def _restore(self, doc_id: str, actor: Actor, progress: Progress) -> RemovalOutcome:
        started = time.monotonic()
        if doc_id not in excluded_ids(self.settings):
            return RemovalOutcome("missing", doc_id)
        include_document(self.settings, doc_id)
        self.audit.record(actor, "document.restore", doc_id)
        outcome = self._rebuild_after(RemovalOutcome("restored", doc_id), actor, progress, started)
        record = self.indexed().get(doc_id)
        outcome.title = record.title if record else None
        return outcome

    def _rebuild_after(self, outcome: RemovalOutcome, actor: Actor, progress: Progress, started: float):
        try:
            self._build(progress)
        except Exception as exc:  # noqa: BLE001 - the change is recorded; the next build applies it
            log.exception("Lập chỉ mục sau khi %s %s thất bại", outcome.status, outcome.doc_id)
            self.audit.record(actor, "index.update", outcome.doc_id, f"lỗi: {exc}", ok=False)
            outcome.status, outcome.error = "pending", str(exc)
        outcome.documents_left = len(self.indexed())
        outcome.seconds = time.monotonic() - started
        return outcome

    # ------------------------------------------------------------ reindex

    async def reindex(self, actor: Actor, *, full: bool = False) -> BuildReport:
        """RunnerBusy when a build is running or queued; IndexBusy when another process holds the index."""
        kind = "reindex-full" if full else "reindex"
        return await self.runner.submit(kind, lambda progress: self._reindex(actor, full, progress),
                                        exclusive=True)

    def _reindex(self, actor: Actor, full: bool, progress: Progress) -> BuildReport:
        action = "index.full" if full else "index.update"
        try:
            report = self._build(progress, full=full, wait_for_other=0.0)
        except Exception as exc:
            self.audit.record(actor, action, None, f"lỗi: {exc}", ok=False)
            raise
        self.audit.record(actor, action, report.version, {
            "documents": report.documents, "passages": report.passages, "added": report.added,
            "changed": report.changed, "removed": report.removed, "embedded": report.embedded,
            "seconds": round(report.seconds, 1), "errors": report.errors[:20]})
        return report

    def _build(self, progress: Progress, *, full: bool = False, wait_for_other: float = 120.0) -> BuildReport:
        report = rebuild(self.settings, full=full, encoder=getattr(self.search, "encoder", None),
                         progress=progress, wait_for_other=wait_for_other)
        self._published()
        if report.compact_due:  # the upload is answerable now; its segment joins the base after this job
            self.runner.later("merge", self._merge)
        return report

    def _merge(self, progress: Progress) -> BuildReport:
        report = rebuild(self.settings, merge=True, encoder=getattr(self.search, "encoder", None),
                         progress=progress)
        self._published()
        return report

    def _published(self) -> None:
        try:
            self._after_publish()
        except Exception:  # noqa: BLE001 - the new index is published; the next check picks it up
            log.exception("Không chuyển được sang chỉ mục mới")

    async def refresh_index(self) -> BuildReport | None:
        """At the bot's start: bring the index up to date (when stale) as a job of the runner, so the
        bot serves meanwhile from the last published index and uploads queue behind it."""
        return await self.runner.submit("startup", self._refresh)

    def _refresh(self, progress: Progress) -> BuildReport | None:
        from knowledge.application.runtime.loading import ensure_index, log_progress

        logged = log_progress()

        def both(stage: str, done: int, total: int) -> None:
            progress(stage, done, total)
            logged(stage, done, total)

        report = ensure_index(self.settings, getattr(self.search, "encoder", None), both)
        if report is not None:
            self._published()
        return report

    # ------------------------------------------------------------ commune lists

    def import_communes(self, data: bytes, file_name: str, actor: Actor, *, dry_run: bool = False):
        """All-or-nothing import into the registry (blocking: call from a worker thread). `dry_run`:
        every row checked, nothing written (the upload job's check); audited only when it fails."""
        from knowledge.domain.communes import service_for

        if self.db_engine is None:
            raise UploadRejected("Không có cơ sở dữ liệu để nạp danh sách xã.")
        read = functools.partial(read_table_isolated, limits=self.settings.limits)  # parsed in a child process
        result = service_for(self.db_engine).import_bytes(data, file_name, dry_run=dry_run, read=read)
        if dry_run and result.ok:
            return result
        detail = {"rows": result.rows, "added": result.added, "replaced": result.replaced,
                  "unchanged": result.unchanged, "errors": len(result.errors), "sha256": result.sha256}
        self.audit.record(actor, "communes.import", file_name[:255], detail, ok=result.ok)
        if result.ok and result.import_id is not None:
            self._keep_commune_list(data, file_name, result.sha256, actor)
        return result

    def _keep_commune_list(self, data: bytes, file_name: str, sha256: str, actor: Actor) -> None:
        """A copy of each imported list under NTM_DATA_DIR/uploads/communes, for the record."""
        try:
            folder = self.settings.uploads_dir / "communes"
            folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            path = folder / f"{stamp}-{slug(Path(file_name).stem, 'danh-sach')}{Path(file_name).suffix.lower()}"
            tmp = path.with_name("." + path.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
            checked = CheckedDocument(file_name, data, sha256, path.suffix, [])
            self._remember_upload(checked, "communes", str(path.relative_to(self.settings.data_dir)), [], actor)
        except OSError:
            log.exception("Không lưu được bản sao danh sách xã %s", file_name)

    # ------------------------------------------------------------ upload records

    def _previous_upload(self, sha256: str) -> UploadedFile | None:
        if self.db_engine is None:
            return None
        with Session(self.db_engine, expire_on_commit=False) as session:
            return session.exec(select(UploadedFile).where(UploadedFile.sha256 == sha256,
                                                           UploadedFile.kind == "document")
                                .order_by(UploadedFile.id.desc())).first()

    def _remember_upload(self, checked: CheckedDocument, kind: str, stored_as: str, doc_ids: list[str],
                         actor: Actor) -> None:
        if self.db_engine is None:
            return
        row = UploadedFile(sha256=checked.sha256, kind=kind, file_name=checked.file_name[:255],
                           stored_as=stored_as[:255], doc_ids=json.dumps(doc_ids, ensure_ascii=False),
                           uploaded_by=actor.user_id)
        try:
            with Session(self.db_engine) as session:
                session.add(row)
                session.commit()
        except Exception:  # noqa: BLE001 - only duplicate detection depends on it
            log.exception("Không ghi được thông tin tệp tải lên %s", checked.file_name)
