"""Legacy Word .doc (OLE2, Word 97-2003): antiword first, LibreOffice headless when antiword cannot.

antiword is small and fast (milliseconds) and its text is used as it is for
documents without tables. It writes a table as `|cell|cell|` lines, a cell
of several lines split over several rows and merges lost, so a document with
tables, like one antiword refuses (Word 6/95, fast-saved), is converted to
.docx by `soffice --headless` and read by the DOCX reader (header-carrying
rows, `indexer.readers.tables`); without LibreOffice antiword's table lines
become such rows as well as they can. Each tool runs in a private temporary folder (and
LibreOffice with a private profile, so two conversions never share one),
within half of `parse_timeout` each, and inherits the reading child's
memory cap. With neither tool installed the message says what to install.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from indexer.metadata import Metadata
from indexer.readers import docx
from indexer.readers.document import DocumentError, RawFile, SourceDocument, file_document
from indexer.readers.tables import row_paragraphs
from knowledge.domain.limits import LimitExceeded, check_chars, check_zip
from knowledge.errors import UserError

__all__ = ["INSTALL", "read"]

INSTALL = "sudo apt-get install antiword libreoffice-writer-nogui"
_TABLE_LINE = re.compile(r"^\|.*\|$")


def read(file: RawFile) -> list[SourceDocument]:
    antiword, soffice = shutil.which("antiword"), shutil.which("soffice") or shutil.which("libreoffice")
    if antiword is None and soffice is None:
        raise DocumentError("Tệp Word .doc (định dạng cũ): cần cài antiword hoặc LibreOffice trên máy chủ "
                            f"({INSTALL}), hoặc lưu lại thành .docx hay PDF rồi gửi lại")
    timeout = max(1.0, file.limits.parse_timeout / 2)
    with tempfile.TemporaryDirectory(prefix="ntm-doc-") as folder:
        source = Path(folder) / "document.doc"
        source.write_bytes(file.data)
        failure = None
        if antiword is not None:
            try:
                text = _antiword(antiword, source, timeout)
            except _ToolFailed as exc:
                failure = exc
            else:
                check_chars(len(text), file.limits)
                if soffice is None or not _has_table(text):
                    return file_document(file, _with_tables(text), Metadata())
        if soffice is None:
            raise DocumentError(f"Tệp Word .doc không đọc được ({failure}); nếu tệp không hỏng, cài thêm LibreOffice "
                                f"({INSTALL}) hoặc lưu lại thành .docx rồi gửi lại")
        converted = _soffice(soffice, source, Path(folder), timeout, file)
    return docx.read(dataclasses.replace(file, data=converted, format="docx"))


class _ToolFailed(UserError):
    """antiword refused the file (its last stderr line): LibreOffice gets a try."""


def _run(command: list[str], timeout: float, cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, cwd=cwd, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise LimitExceeded(
            f"Chuyển tệp Word .doc mất quá {timeout:g} giây (nửa giới hạn NTM_PARSE_TIMEOUT_SECONDS); "
            "tệp quá lớn hoặc bị hỏng", setting="NTM_PARSE_TIMEOUT_SECONDS") from None


def _antiword(program: str, source: Path, timeout: float) -> str:
    """The text, paragraphs separated by blank lines, tables as `|cell|cell|` lines."""
    done = _run([program, "-m", "UTF-8.txt", "-w", "0", str(source)], timeout, source.parent)
    text = done.stdout.decode("utf-8", errors="replace")
    if done.returncode != 0 or not text.strip():
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise _ToolFailed(message[-1] if message else f"antiword trả về mã {done.returncode}")
    return text


def _has_table(text: str) -> bool:
    return any(_TABLE_LINE.match(line.strip()) for line in text.splitlines())


def _with_tables(text: str) -> str:
    """antiword's `|a |b |` table lines as `indexer.readers.tables` rows; other lines as they are."""
    out: list[str] = []
    table: list[list[str]] = []
    for line in text.splitlines() + [""]:
        stripped = line.strip()
        if _TABLE_LINE.match(stripped) and len(stripped) > 2:
            table.append(stripped[1:-1].split("|"))
            continue
        if table:
            out.extend(["", "\n\n".join(row_paragraphs(table)), ""])
            table = []
        out.append(line)
    return "\n".join(out)


def _soffice(program: str, source: Path, folder: Path, timeout: float, file: RawFile) -> bytes:
    profile = folder / "profile"
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--infilter=MS Word 97", "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
    done = _run(command, timeout, folder)
    target = folder / "out" / "document.docx"
    if done.returncode != 0 or not target.exists():
        raise DocumentError("Tệp Word .doc không đọc được: LibreOffice không chuyển được tệp "
                            "(tệp hỏng hoặc không phải văn bản Word)")
    converted = target.read_bytes()
    check_zip(zipfile.ZipFile(io.BytesIO(converted)), file.limits)  # as `sniff` measures an uploaded .docx
    return converted
