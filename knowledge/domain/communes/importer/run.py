"""Import a file: read the table, check every row, then write all of it or nothing.

`read` is how the table is read: `read_table` here by default; the bot passes
one that parses in a child process within its limits (`indexer.readers.isolated`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from knowledge.domain.communes.importer.result import ImportResult, RowError
from knowledge.domain.communes.importer.rows import check_rows
from knowledge.domain.communes.importer.write import write_rows
from knowledge.domain.communes.lookup import Matcher
from knowledge.domain.communes.tabular import FileError, Table, read_table

TableReader = Callable[[bytes, str], Table]  # raises FileError


def import_file(engine: Engine, matcher: Matcher, path: str | Path, *, dry_run: bool = False,
                today: date | None = None) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ImportResult(path.name, "", errors=(RowError(None, f"Không mở được tệp “{path}”: "
                                                           f"{exc.strerror or exc}."),))
    return import_bytes(engine, matcher, data, path.name, dry_run=dry_run, today=today)


def import_bytes(engine: Engine, matcher: Matcher, data: bytes, file_name: str, *, dry_run: bool = False,
                 today: date | None = None, read: TableReader = read_table) -> ImportResult:
    started = datetime.now(UTC)
    digest = hashlib.sha256(data).hexdigest()
    try:
        table = read(data, file_name)
    except FileError as exc:
        return ImportResult(file_name, digest, errors=(RowError(None, str(exc)),))
    checked = check_rows(table, matcher, today or date.today())
    if checked.errors:
        return ImportResult(file_name, digest, rows=len(table.rows), errors=tuple(checked.errors))
    try:
        written = write_rows(engine, checked.rows, table, file_name, digest, len(table.rows), dry_run)
    except (IntegrityError, OperationalError) as exc:
        return ImportResult(file_name, digest, rows=len(table.rows), errors=(RowError(
            None, "Không ghi được vào cơ sở dữ liệu (có thể đang có một lần nạp khác): "
                  f"{type(exc.orig or exc).__name__}. Chưa có thay đổi nào được ghi; hãy thử lại."),))
    seconds = (datetime.now(UTC) - started).total_seconds()
    return ImportResult(file_name, digest, rows=len(table.rows), added=written.added, unchanged=written.unchanged,
                        replaced=written.replaced, duplicates=checked.duplicates, import_id=written.import_id,
                        seconds=seconds, plans=written.plans)
