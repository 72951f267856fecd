"""Read files in a child process held to a memory cap and a timeout, so no file can grow or hang its caller.

The readers' own limits (`knowledge.domain.limits`) refuse what can be
measured up front (zip bombs, too many pages or characters); what cannot (a
PDF whose parser loops, an XML tree that needs gigabytes) is caught here: the
child (`indexer.readers.worker`) runs under RLIMIT_AS, the parent waits at
most `parse_timeout` seconds per file and kills it past that. Either way the
caller gets a `DocumentError` (for a commune list, a `FileError`) naming the
limit, and the next file gets a fresh child. A slow step the child reports
(an OCR page done, a `{"progress": [done, total]}` line before the reply)
reaches the caller's `progress` and moves the deadline to at least
`ocr_page_timeout` seconds ahead: a long scan keeps going page by page while
a file that hangs is still stopped. A subprocess rather than
multiprocessing keeps the child from importing the caller's main module (the
bot, its model).

A child serves file after file and leaves by itself after `IDLE_SECONDS`
without work, so a build (and the staleness check before it) or a run of
uploads starts Python and its parsers once, and an idle bot keeps no child.
Uploads (`read_isolated`, `read_table_isolated`) and index builds have one
each (`shared_reader`), so an upload never waits behind a build's slow file.
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import subprocess
import sys
import threading
import time
from pathlib import Path

from indexer.readers import Progress
from indexer.readers.document import DocumentError, SourceDocument
from indexer.readers.worker import PROGRESS_PREFIX, decode_documents, decode_table
from knowledge.domain.communes.tabular import FileError, Table
from knowledge.errors import UserError
from knowledge.settings import LimitsSettings

__all__ = ["IDLE_SECONDS", "IsolatedReader", "read_isolated", "read_table_isolated", "shared_reader"]

IDLE_SECONDS = 30.0
_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the `indexer` package
# `python -c`, not `-m`: the child finds the package wherever the caller runs from, with the caller's environment.
_START = ("import sys; sys.path.insert(0, sys.argv[1]); from indexer.readers.worker import main; "
          "sys.exit(main(sys.argv[2:]))")


class _Failed(UserError):
    """A request that produced no result: the reader's own refusal, or a limit of the child (`limit`)."""

    def __init__(self, message: str, line: int | None = None, *, limit: bool = False):
        super().__init__(message)
        self.line = line
        self.limit = limit


class IsolatedReader:
    """`read_path`, `read_bytes` and `read_table` through a child process (one request at a time)."""

    def __init__(self, limits: LimitsSettings | None = None):
        self.limits = limits or LimitsSettings()
        self._child: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_path(self, path: Path, *, progress: Progress | None = None) -> list[SourceDocument]:
        path = Path(path)
        try:
            request = {"job": "documents", "name": path.name, "path": str(path)}
            return decode_documents(self._request(request, progress=progress))
        except _Failed as exc:
            raise DocumentError(str(exc), path=str(path), line=exc.line) from None

    def read_bytes(self, data: bytes, name: str, *, path: str | None = None, passages: bool = False,
                   progress: Progress | None = None) -> list[SourceDocument]:
        """`passages`: also refuse a document that splits into more passages than the limit;
        `progress(done, total)`: hears of slow steps (OCR pages)."""
        request = {"job": "documents", "name": name, "path": path, "passages": passages}
        try:
            return decode_documents(self._request(request, data, progress=progress))
        except _Failed as exc:
            raise DocumentError(str(exc), path=path, line=exc.line) from None

    def read_table(self, data: bytes, name: str) -> Table:
        """`knowledge.domain.communes.tabular.read_table` in the child; FileError as it raises them."""
        try:
            return decode_table(self._request({"job": "table", "name": name}, data))
        except _Failed as exc:
            raise FileError(f"Tệp “{name}”: {exc}." if exc.limit else str(exc)) from None

    @property
    def pid(self) -> int | None:
        """The current child's process id (None before the first file and after it left)."""
        child = self._child
        return child.pid if child is not None and child.poll() is None else None

    def close(self) -> None:
        with self._lock:
            child, self._child = self._child, None
            if child is None:
                return
            try:
                child.stdin.close()
                child.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                child.kill()
                child.wait()
            child.stdout.close()

    # ------------------------------------------------------------ protocol

    def _request(self, request: dict, data: bytes | None = None, *, progress: Progress | None = None) -> dict:
        """The child's reply to one request; _Failed with the message for the user otherwise."""
        if data is not None:
            request = {**request, "size": len(data)}
        header = json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n"
        with self._lock:
            try:
                reply = self._reply(header, data, progress or (lambda done, total: None))
            except OSError as exc:  # no process could be started (out of processes or memory)
                raise _Failed(f"Không khởi động được tiến trình đọc tệp ({exc.strerror or exc})", limit=True) from None
        if not reply["ok"]:
            raise _Failed(reply["message"], reply.get("line"))
        return reply

    def _reply(self, header: bytes, data: bytes | None, progress: Progress) -> dict:
        """The child's reply; _Failed naming the limit when it gave none (and then it is gone)."""
        line = self._exchange(header, data, progress)
        code = self._kill() if line == b"" else None
        if code == 0:  # it had just left for being idle: once more, with a fresh one
            line = self._exchange(header, data, progress)
            code = self._kill() if line == b"" else None
        if line is None:
            self._kill()
            raise _Failed(f"Đọc tệp mất quá {self.limits.parse_timeout:g} giây, vượt giới hạn thời gian "
                          "(NTM_PARSE_TIMEOUT_SECONDS; mỗi trang scan thêm tối đa "
                          f"{self.limits.ocr_page_timeout:g} giây, NTM_OCR_PAGE_TIMEOUT_SECONDS); "
                          "tệp quá lớn hoặc bị hỏng", limit=True)
        try:
            reply = json.loads(line) if line else None
        except ValueError:
            reply, code = None, self._kill()
        if reply is None:
            raise _Failed(f"Tiến trình đọc tệp dừng đột ngột (mã {code}): tệp có thể cần quá "
                          f"{self.limits.parse_memory_mb} MB bộ nhớ (NTM_PARSE_MEMORY_MB) hoặc bị hỏng", limit=True)
        if reply.get("limit") == "memory":
            self._kill()  # a fresh child for the next file, not one that just ran out of memory
            raise _Failed(f"Đọc tệp cần quá {self.limits.parse_memory_mb} MB bộ nhớ, vượt giới hạn "
                          "NTM_PARSE_MEMORY_MB; tệp quá lớn hoặc bị hỏng", limit=True)
        return reply

    def _exchange(self, header: bytes, data: bytes | None, progress: Progress) -> bytes | None:
        """Send one request, return its reply line: b"" when the child ended first, None past the deadline.
        Progress lines before it go to `progress`, each moving the deadline (see the module's docstring)."""
        child = self._running()
        deadline = time.monotonic() + self.limits.parse_timeout
        try:
            child.stdin.write(header)
            if data is not None:
                child.stdin.write(data)
            child.stdin.flush()
        except OSError:  # it has ended (left when idle, or could not even start under the memory cap)
            return b""
        buffer = b""
        fd = child.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    return None
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return b""
                buffer += chunk
                while b"\n" in buffer:  # a line is one message; JSON never holds a raw newline
                    line, buffer = buffer.split(b"\n", 1)
                    if not line.startswith(PROGRESS_PREFIX):
                        return line + b"\n"
                    done, total = json.loads(line)["progress"]
                    deadline = max(deadline, time.monotonic() + self.limits.ocr_page_timeout)
                    progress(done, total)

    def _running(self) -> subprocess.Popen:
        if self._child is not None and self._child.poll() is None:
            return self._child
        self._kill()
        command = [sys.executable, "-c", _START, str(_ROOT), self.limits.model_dump_json(), str(IDLE_SECONDS)]
        self._child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        return self._child

    def _kill(self) -> int | None:
        """End the child (if any) and return its exit status: 0 when it had left by itself."""
        child, self._child = self._child, None
        if child is None:
            return None
        if child.poll() is None:
            child.kill()
        code = child.wait()
        for stream in (child.stdin, child.stdout):
            try:
                stream.close()
            except OSError:
                pass
        return code


_shared: dict[tuple[str, str], IsolatedReader] = {}
_shared_lock = threading.Lock()


def shared_reader(limits: LimitsSettings | None = None, purpose: str = "index") -> IsolatedReader:
    """The process's reader for `purpose` ("index" or "upload") and these limits; its users never close it."""
    limits = limits or LimitsSettings()
    key = (purpose, limits.model_dump_json())
    with _shared_lock:
        reader = _shared.get(key)
        if reader is None:
            reader = _shared[key] = IsolatedReader(limits)
        return reader


@atexit.register
def _close_shared() -> None:
    for reader in list(_shared.values()):
        reader.close()


def read_isolated(data: bytes, name: str, limits: LimitsSettings | None = None, *,
                  passages: bool = False, progress: Progress | None = None) -> list[SourceDocument]:
    """One upload, read by the uploads' child process (see `IsolatedReader.read_bytes`)."""
    return shared_reader(limits, "upload").read_bytes(data, name, passages=passages, progress=progress)


def read_table_isolated(data: bytes, name: str, limits: LimitsSettings | None = None) -> Table:
    """One commune list, read by the uploads' child process (see `IsolatedReader.read_table`)."""
    return shared_reader(limits, "upload").read_table(data, name)
