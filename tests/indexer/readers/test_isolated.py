"""Parsing in a child process: the caller never grows or hangs, and hears which limit a file hit."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from indexer.readers import DocumentError, isolated, read_bytes
from indexer.readers.isolated import IsolatedReader, read_isolated, read_table_isolated, shared_reader
from indexer.split import split_passages
from knowledge.domain.communes.tabular import FileError, read_table
from knowledge.settings import LimitsSettings
from tests.auxil.hostile import MB, xlsx_of_rows, zip_bomb_docx
from tests.auxil.paths import DOCUMENTS

LINE = "Năm 2025, tỉnh Thái Bình phấn đấu có thêm 31 xã đạt chuẩn nông thôn mới kiểu mẫu.\n"


def test_the_file_is_parsed_in_another_process_and_comes_back_whole():
    data = (DOCUMENTS / "ke-hoach-bac-ninh.pdf").read_bytes()
    with IsolatedReader() as reader:
        [doc] = reader.read_bytes(data, "ke-hoach.pdf")
        assert reader.pid not in (None, os.getpid())
        assert reader.read_path(DOCUMENTS / "quang-ninh-ntm.md")[0].doc_id == "quang-ninh-ntm"
    assert doc == read_bytes(data, "ke-hoach.pdf")[0]


def test_a_parse_that_needs_more_memory_ends_in_the_child_with_the_limit_named():
    hungry = (LINE * 200_000).encode()  # 20 MB of text: a few hundred MB to clean, far over 160 MB
    limits = LimitsSettings(parse_memory_mb=160, max_document_chars=100_000_000)
    with IsolatedReader(limits) as reader:
        with pytest.raises(DocumentError, match=r"cần quá 160 MB bộ nhớ, vượt giới hạn NTM_PARSE_MEMORY_MB"):
            reader.read_bytes(hungry, "lon.txt")
        assert reader.read_bytes(LINE.encode() * 3, "nho.txt")  # the next file gets a fresh child


def test_a_child_killed_mid_file_is_reported_and_replaced():
    with IsolatedReader(LimitsSettings(max_document_chars=100_000_000)) as reader:
        assert reader.read_bytes(LINE.encode(), "a.txt")
        killer = threading.Timer(0.5, os.kill, (reader.pid, signal.SIGKILL))  # 20 MB of text takes far longer
        killer.start()
        with pytest.raises(DocumentError, match=r"dừng đột ngột \(mã -9\).*NTM_PARSE_MEMORY_MB"):
            reader.read_bytes((LINE * 200_000).encode(), "lon.txt")
        killer.join()
        assert reader.read_bytes(LINE.encode(), "b.txt")


def test_a_parse_past_the_timeout_is_stopped_with_the_limit_named():
    limits = LimitsSettings(parse_timeout=0.001)
    with pytest.raises(DocumentError, match="NTM_PARSE_TIMEOUT_SECONDS"):
        read_isolated(LINE.encode(), "a.txt", limits)


def test_a_reader_error_comes_back_as_is():
    with pytest.raises(DocumentError, match="Tệp rỗng"):
        read_isolated(b"  \n", "rong.txt")
    with pytest.raises(DocumentError, match="NTM_MAX_UNPACKED_MB"):
        read_isolated(zip_bomb_docx(300 * MB), "bom.docx")


def test_passages_just_under_and_just_over_the_passage_limit():
    text = "\n\n".join(f"Đoạn {n}: " + LINE.strip() * 6 for n in range(30))
    [doc] = read_bytes(text.encode(), "dai.txt")
    count = len(split_passages(doc.text))
    assert count > 10
    assert read_isolated(text.encode(), "dai.txt", LimitsSettings(max_passages_per_document=count), passages=True)
    with pytest.raises(DocumentError, match=f"tách ra {count} đoạn, vượt giới hạn {count - 1} đoạn"):
        read_isolated(text.encode(), "dai.txt", LimitsSettings(max_passages_per_document=count - 1), passages=True)


def test_a_commune_list_is_read_in_the_child_as_in_process():
    data = xlsx_of_rows(5)
    assert read_table_isolated(data, "ds.xlsx") == read_table(data, "ds.xlsx")


def test_a_commune_list_bomb_is_refused_with_the_file_named():
    bomb = xlsx_of_rows(3_000_000, row=(1, 2, 3, 4))
    assert len(bomb) < MB
    with pytest.raises(FileError, match=r"Tệp “ds\.xlsx”: Tệp nén giải nén ra .* \(NTM_MAX_UNPACKED_MB\)"):
        read_table_isolated(bomb, "ds.xlsx")


def test_a_child_limit_on_a_commune_list_names_the_file():
    with pytest.raises(FileError, match=r"Tệp “ds\.xlsx”: Đọc tệp mất quá .*NTM_PARSE_TIMEOUT_SECONDS"):
        read_table_isolated(xlsx_of_rows(5), "ds.xlsx", LimitsSettings(parse_timeout=0.001))


def test_the_shared_reader_replaces_a_child_that_left_when_idle(monkeypatch):
    monkeypatch.setattr(isolated, "IDLE_SECONDS", 0.2)
    reader = shared_reader(LimitsSettings(max_pdf_pages=123))
    assert reader is shared_reader(LimitsSettings(max_pdf_pages=123))
    assert reader.read_bytes(LINE.encode(), "a.txt")
    child = reader._child
    assert child.wait(timeout=60) == 0  # it left by itself
    assert reader.read_bytes(LINE.encode(), "b.txt") and reader.pid not in (None, child.pid)
    reader.close()


SLOW_TESSERACT = ('case "$*" in *--list-langs*) echo "List (1):"; echo vie;; '
                  '*) sleep {seconds}; echo "Trang $(basename $2) nêu tiêu chí nông thôn mới của xã" > "$2.txt";; esac')


@pytest.mark.slow
def test_each_scanned_page_reaches_the_caller_and_moves_the_deadline(tmp_path, monkeypatch):
    from tests.auxil.office import fake_tool
    from tests.auxil.scans import scanned_pdf

    fake_tool(tmp_path, "tesseract", SLOW_TESSERACT.format(seconds=2))  # 4 pages x 2 s, one worker: 8 s
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    reports = []
    limits = LimitsSettings(parse_timeout=4, ocr_workers=1, ocr_dpi=72)
    with IsolatedReader(limits) as reader:
        [doc] = reader.read_bytes(scanned_pdf(4), "scan.pdf",
                                  progress=lambda done, total: reports.append((done, total)))
    assert reports == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]  # past parse_timeout, page by page
    assert "nêu tiêu chí nông thôn mới của xã" in doc.text


@pytest.mark.slow
def test_a_scanned_page_that_hangs_is_still_stopped(tmp_path, monkeypatch):
    from tests.auxil.office import fake_tool
    from tests.auxil.scans import scanned_pdf

    fake_tool(tmp_path, "tesseract", SLOW_TESSERACT.format(seconds=60))
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    limits = LimitsSettings(parse_timeout=2, ocr_page_timeout=2, ocr_dpi=72)
    with IsolatedReader(limits) as reader, pytest.raises(DocumentError, match="NTM_OCR_PAGE_TIMEOUT_SECONDS"):
        reader.read_bytes(scanned_pdf(2), "scan.pdf")
