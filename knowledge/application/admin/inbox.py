"""Uploads on disk from the moment they arrive until their outcome is known: one folder per job.

    NTM_DATA_DIR/inbox/<id>/upload     the file as sent (removed once the job is finished)
    NTM_DATA_DIR/inbox/<id>/job.json   its record: state, file name, caption, who, where to report

Both are written atomically (temp file, fsync, rename, fsync of the folder) before the bot
acknowledges the upload, so an acknowledged file survives a kill -9 and its job resumes at
the next start. States: received -> checked -> indexing -> done | failed | cancelled. Commune
lists (kind "communes") take the same path: checked is their dry run, indexing their import.

Why a JSON file per job and not a table: the record must be exactly as durable as the file it
describes, and both live in the same folder on the same disk (one rename commits each), whereas
`NTM_DATABASE_URL` may point at a PostgreSQL server restored, moved or unreachable independently
of `NTM_DATA_DIR`; the queue is a few dozen records read at start and by /hangdoi, which needs no
queries; and uploads keep working when the database is down or absent (the admin service runs
without one). Finished records are kept (the newest `KEEP_FINISHED`) so /hangdoi shows recent
outcomes; their files are deleted.

One process writes the inbox (the bot); every change goes through one `Inbox`, whose lock makes
a state change and the check before it one step (a /huy and the job's start cannot both win).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

from knowledge.application.admin.audit import Actor
from knowledge.retrieval.index.layout import fsync_dir
from knowledge.settings import Settings

log = logging.getLogger(__name__)
JOB_FILE = "job.json"
UPLOAD_FILE = "upload"
STATES = ("received", "checked", "indexing", "done", "failed", "cancelled")
PENDING = frozenset({"received", "checked", "indexing"})
CANCELLABLE = frozenset({"received", "checked"})  # not yet indexing
KEEP_FINISHED = 50


def inbox_dir(settings: Settings) -> Path:
    return settings.data_dir / "inbox"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    id: int
    state: str
    file_name: str
    sha256: str
    size: int
    actor: str  # Actor.label of the admin who sent it
    user_id: int | None = None
    caption: str | None = None
    chat_id: int | None = None  # where the outcome goes
    message_id: int | None = None  # the status message to edit
    created_at: str = field(default_factory=_now)
    updated_at: str = field(default_factory=_now)
    doc_ids: list[str] = field(default_factory=list)  # once stored under NTM_DATA_DIR/documents
    stored_as: str | None = None  # relative to NTM_DATA_DIR
    result: str = ""  # one plain line for /hangdoi: the reason of a failure, the ids added
    interrupted: int = 0  # starts of the bot that found this job unfinished
    # "document" (into the knowledge base) or "communes" (a commune list into the registry: for it
    # "checked" means the dry run passed and "indexing" that the import is running).
    kind: str = "document"

    @property
    def pending(self) -> bool:
        return self.state in PENDING

    @property
    def who(self) -> Actor:
        return Actor(self.actor, self.user_id)

    @classmethod
    def from_json(cls, data: dict) -> Job:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class Inbox:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.RLock()
        self._jobs: dict[int, Job] = {}
        self._load()

    @classmethod
    def for_settings(cls, settings: Settings) -> Inbox:
        return cls(inbox_dir(settings))

    # ------------------------------------------------------------ reading

    def get(self, job_id: int) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[Job]:
        """Every kept job, oldest first."""
        with self._lock:
            return [self._jobs[i] for i in sorted(self._jobs)]

    def pending(self) -> list[Job]:
        return [j for j in self.jobs() if j.pending]

    def upload(self, job: Job) -> bytes:
        return (self.root / str(job.id) / UPLOAD_FILE).read_bytes()

    # ------------------------------------------------------------ writing

    def create(self, data: bytes, file_name: str, *, sha256: str, actor: Actor, caption: str | None = None,
               chat_id: int | None = None, kind: str = "document") -> Job:
        """Write the file, then its record (the commit point); only then may the bot say it has it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self._lock:
            job_id = max(self._jobs, default=0) + 1
            while True:  # mkdir reserves the id, even against a folder left by a kill
                try:
                    (self.root / str(job_id)).mkdir()
                    break
                except FileExistsError:
                    job_id += 1
        folder = self.root / str(job_id)
        _write_atomic(folder / UPLOAD_FILE, data)
        job = Job(job_id, "received", file_name, sha256, len(data), actor.label, actor.user_id, caption, chat_id,
                  kind=kind)
        with self._lock:
            self._save(job)
            self._jobs[job_id] = job
        fsync_dir(self.root)  # the job folder's own entry
        return job

    def update(self, job: Job, **changes) -> Job:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)
            self._save(job)
        return job

    def advance(self, job: Job, allowed: frozenset[str] | set[str], state: str, **changes) -> bool:
        """Move `job` to `state` only if it is in one of the `allowed` states now (one step under the lock)."""
        with self._lock:
            if job.state not in allowed:
                return False
            self.update(job, state=state, **changes)
            return True

    def finish(self, job: Job, state: str, result: str = "", **changes) -> Job:
        """A final state: the record stays (for /hangdoi), the file goes, old records are pruned."""
        assert state not in PENDING
        with self._lock:
            self.update(job, state=state, result=result[:500], **changes)
        (self.root / str(job.id) / UPLOAD_FILE).unlink(missing_ok=True)
        self._prune()
        return job

    # ------------------------------------------------------------ internals

    def _save(self, job: Job) -> None:
        job.updated_at = _now()
        data = json.dumps(asdict(job), ensure_ascii=False, indent=1).encode("utf-8")
        _write_atomic(self.root / str(job.id) / JOB_FILE, data)

    def _load(self) -> None:
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            if not folder.is_dir() or not folder.name.isdigit():
                continue
            try:
                job = Job.from_json(json.loads((folder / JOB_FILE).read_text(encoding="utf-8")))
            except FileNotFoundError:
                # Killed before the record was written: the upload was never acknowledged.
                shutil.rmtree(folder, ignore_errors=True)
                continue
            except (OSError, ValueError, TypeError):
                log.exception("Không đọc được hồ sơ tệp tải lên %s", folder)
                continue
            self._jobs[job.id] = job

    def _prune(self) -> None:
        with self._lock:
            finished = [j for j in self.jobs() if not j.pending]
            newest = max(self._jobs, default=0)
            old = [j for j in finished[:max(0, len(finished) - KEEP_FINISHED)] if j.id != newest]
            for job in old:
                del self._jobs[job.id]
        for job in old:
            shutil.rmtree(self.root / str(job.id), ignore_errors=True)


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a reader (or a restart) sees the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
