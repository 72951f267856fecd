"""The child process that parses files for `indexer.readers.isolated` (`main([limits as JSON, idle seconds])`).

It caps its own address space first (RLIMIT_AS, `parse_memory_mb`), so a
file that needs more memory ends in a MemoryError here instead of growing the
bot, and arms an alarm per request as a backstop to the parent's timeout.
Requests come on stdin, one JSON line each ("job": "documents" or "table", a
commune list), followed by `size` raw bytes when the content is sent rather
than a path; each gets one JSON line back (after any `{"progress": [done, total]}` lines
for slow steps, each re-arming the alarm per `ocr_page_timeout`) on a private copy of stdout (fd 1
itself goes to stderr, so nothing a library prints can corrupt the replies).
EOF on stdin ends the process, and so do the idle seconds without a request
(the parent then starts another). `decode_documents` and `decode_table` are
the parent's half of the reply format.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import resource
import select
import signal
import sys
import time
from datetime import date
from typing import BinaryIO

from indexer.readers import DocumentError, SourceDocument, read_bytes, read_path
from indexer.split import split_document
from knowledge.domain.limits import LimitExceeded, check_passages
from knowledge.errors import UserError
from knowledge.settings import LimitsSettings

MB = 1024 * 1024
ALARM_GRACE = 5  # seconds past the parent's timeout before the child ends itself
PROGRESS_PREFIX = b'{"progress"'  # how the parent tells a progress line from the reply


def main(argv: list[str]) -> int:
    limits = LimitsSettings.model_validate_json(argv[0])
    idle = float(argv[1])
    cap = limits.parse_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    while True:
        if not select.select([requests], [], [], idle)[0]:
            return 0
        header = requests.readline()
        if not header:
            return 0
        request = json.loads(header)
        data = _read_exactly(requests, request["size"]) if "size" in request else None
        signal.alarm(math.ceil(limits.parse_timeout) + ALARM_GRACE)
        reply = _answer(request, data, limits, _reporter(replies, limits))
        signal.alarm(0)
        replies.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
        replies.flush()


def _reporter(replies: BinaryIO, limits: LimitsSettings):
    """A progress line to the parent per slow step, the alarm moved as the parent moves its deadline."""
    deadline = time.monotonic() + limits.parse_timeout

    def report(done: int, total: int) -> None:
        nonlocal deadline
        deadline = max(deadline, time.monotonic() + limits.ocr_page_timeout)
        signal.alarm(math.ceil(deadline - time.monotonic()) + ALARM_GRACE)
        replies.write(PROGRESS_PREFIX + f": [{int(done)}, {int(total)}]}}\n".encode())
        replies.flush()

    return report


def _answer(request: dict, data: bytes | None, limits: LimitsSettings, progress=None) -> dict:
    try:
        if request.get("job") == "table":
            return {"ok": True, "table": _table(data or b"", request["name"], limits)}
        documents = _read(request, data, limits, progress)
    except MemoryError:
        return {"ok": False, "limit": "memory"}
    except UserError as exc:  # DocumentError, or the commune reader's FileError
        if _caused_by_memory(exc):
            return {"ok": False, "limit": "memory"}
        return {"ok": False, "message": str(exc), "line": getattr(exc, "line", None)}
    return {"ok": True, "documents": [dataclasses.asdict(d) for d in documents]}


def decode_documents(reply: dict) -> list[SourceDocument]:
    return [SourceDocument(**d) for d in reply["documents"]]


def _table(data: bytes, name: str, limits: LimitsSettings) -> dict:
    from knowledge.domain.communes.tabular import read_table  # imported for commune lists only: it is slow

    table = read_table(data, name, limits)
    cell = lambda c: {"date": c.isoformat()} if isinstance(c, date) else c  # noqa: E731
    return {"columns": table.columns, "header_row": table.header_row,
            "rows": [[number, [cell(c) for c in cells]] for number, cells in table.rows]}


def decode_table(reply: dict):
    """The `tabular.Table` of a "table" reply."""
    from knowledge.domain.communes.tabular import Table

    data = reply["table"]
    cell = lambda c: date.fromisoformat(c["date"]) if isinstance(c, dict) else c  # noqa: E731
    return Table(columns=data["columns"], header_row=data["header_row"],
                 rows=[(number, [cell(c) for c in cells]) for number, cells in data["rows"]])


def _read(request: dict, data: bytes | None, limits: LimitsSettings, progress=None) -> list[SourceDocument]:
    if data is None:
        documents = read_path(request["path"], limits=limits, progress=progress)
    else:
        documents = read_bytes(data, request["name"], path=request.get("path"), limits=limits, progress=progress)
    if request.get("passages"):
        for doc in documents:
            try:
                check_passages(len(split_document(doc.text)[1]), limits)
            except LimitExceeded as exc:
                where = f"Tài liệu “{doc.doc_id}”: " if len(documents) > 1 else ""
                raise DocumentError(where + str(exc)) from exc
    return documents


def _caused_by_memory(exc: BaseException) -> bool:
    """Readers wrap library failures ("Tệp PDF không đọc được: ..."); one of them may be a MemoryError."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, MemoryError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise SystemExit(0)  # the parent went away mid-request
    return data


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
