"""Legacy Word .doc: antiword, LibreOffice for tables and what antiword refuses, one line when neither is there."""

from __future__ import annotations

import io
import shutil

import pytest

from indexer.readers import DocumentError, read_bytes
from indexer.readers.sniff import OLE2_MAGIC
from knowledge.settings import LimitsSettings
from tests.auxil.office import AFTER, BEFORE, CAPTION, CRITERIA_ROWS, converted, criteria_docx, fake_tool

PLAIN = ["Điều 1. Phạm vi điều chỉnh",
         "Kế hoạch này quy định việc xây dựng xã nông thôn mới nâng cao tỉnh Hà Nam giai đoạn 2021-2025.",
         "Điều 2. Năm 2025 phấn đấu có thêm 15 xã đạt chuẩn nông thôn mới kiểu mẫu."]


def plain_docx() -> bytes:
    import docx

    document = docx.Document()
    for text in PLAIN:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def only_tools(tmp_path, monkeypatch, *names: str) -> None:
    """PATH holding only the named tools (links to the real ones) and a shell."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("sh", "dirname", "basename", "grep", "sed", "uname", "cat", "ls", "readlink", *names):
        if (real := shutil.which(name)) is not None:
            (folder / name).symlink_to(real)
    monkeypatch.setenv("PATH", str(folder))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("antiword") is None, reason="cần antiword (apt-get install antiword)")
def test_a_plain_doc_is_read_by_antiword():
    [doc] = read_bytes(converted(plain_docx(), "doc"), "ke-hoach.doc")
    assert doc.text.split("\n\n") == PLAIN


@pytest.mark.slow
def test_a_doc_with_tables_reads_like_the_docx_it_came_from():
    [doc] = read_bytes(converted(criteria_docx(), "doc"), "qd.doc")
    assert doc.text.split("\n\n") == [BEFORE, CAPTION, *CRITERIA_ROWS, AFTER]


@pytest.mark.slow
def test_without_antiword_libreoffice_reads_it(tmp_path, monkeypatch):
    data = converted(plain_docx(), "doc")
    only_tools(tmp_path, monkeypatch, "soffice", "libreoffice")
    [doc] = read_bytes(data, "ke-hoach.doc")
    assert doc.text.split("\n\n") == PLAIN


def test_without_either_tool_the_reply_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    data = OLE2_MAGIC + "WordDocument".encode("utf-16-le") + bytes(600)
    with pytest.raises(DocumentError, match="cần cài antiword hoặc LibreOffice .*antiword libreoffice-writer-nogui"):
        read_bytes(data, "cu.doc")


@pytest.mark.slow
def test_a_damaged_doc_is_refused_with_a_clear_message():
    data = OLE2_MAGIC + "WordDocument".encode("utf-16-le") + bytes(range(256)) * 40
    with pytest.raises(DocumentError, match="Tệp Word .doc không đọc được"):
        read_bytes(data, "hong.doc")


@pytest.mark.slow
def test_a_converter_that_hangs_is_stopped_within_the_parse_timeout(tmp_path, monkeypatch):
    fake_tool(tmp_path / "bin", "soffice", "sleep 30")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/bin")
    data = OLE2_MAGIC + "WordDocument".encode("utf-16-le") + bytes(600)
    with pytest.raises(DocumentError, match=r"mất quá 1 giây .*NTM_PARSE_TIMEOUT_SECONDS"):
        read_bytes(data, "cham.doc", limits=LimitsSettings(parse_timeout=2))


def test_other_office_97_files_are_not_taken_for_word():
    with pytest.raises(DocumentError, match="Tệp Excel"):
        read_bytes(OLE2_MAGIC + "Workbook".encode("utf-16-le") + bytes(600), "bang.doc")
    with pytest.raises(DocumentError, match="không chứa văn bản Word"):
        read_bytes(OLE2_MAGIC + "PowerPoint Document".encode("utf-16-le") + bytes(600), "trinh-chieu.doc")
