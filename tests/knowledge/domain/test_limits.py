"""The limits every input file is held to: a zip container's directory, text, PDF pages, passages."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from knowledge.domain.limits import (
    MAX_ZIP_MEMBERS,
    MB,
    LimitExceeded,
    check_chars,
    check_pages,
    check_passages,
    check_zip,
)
from knowledge.settings import LimitsSettings


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_unpacked_size_just_under_and_just_over_the_limit():
    limits = LimitsSettings(max_unpacked_mb=1)
    half = os.urandom(MB // 2)
    check_zip(_zip({"a.xml": half, "b.xml": half}), limits)  # exactly 1 MB: accepted
    with pytest.raises(LimitExceeded, match="NTM_MAX_UNPACKED_MB") as refused:
        check_zip(_zip({"a.xml": half, "b.xml": half + b"x"}), limits)
    assert "vượt giới hạn 1 MB" in str(refused.value) and refused.value.setting == "NTM_MAX_UNPACKED_MB"


def test_compression_ratio_just_under_and_just_over_the_limit():
    part = (b"<w:p>" + os.urandom(8).hex().encode() + b"</w:p>") * 200_000  # about 5 MB, squeezed well
    archive = _zip({"word/document.xml": part}, zipfile.ZIP_DEFLATED)
    info = archive.getinfo("word/document.xml")
    ratio = info.file_size / info.compress_size
    check_zip(archive, LimitsSettings(max_compression_ratio=int(ratio) + 1))
    with pytest.raises(LimitExceeded, match="NTM_MAX_COMPRESSION_RATIO") as refused:
        check_zip(archive, LimitsSettings(max_compression_ratio=int(ratio) - 1))
    assert "word/document.xml" in str(refused.value) and "bom nén" in str(refused.value)


def test_small_parts_may_compress_as_well_as_they_like():
    check_zip(_zip({"word/styles.xml": b" " * (MB - 1)}, zipfile.ZIP_DEFLATED), LimitsSettings())


def test_a_directory_of_too_many_parts_is_refused_before_any_is_read():
    archive = _zip({f"p{n}.xml": b"" for n in range(MAX_ZIP_MEMBERS + 1)})
    with pytest.raises(LimitExceeded, match="10.001 phần"):
        check_zip(archive, LimitsSettings())


def test_characters_pages_and_passages_at_and_over_their_limits():
    limits = LimitsSettings(max_document_chars=1000, max_pdf_pages=3, max_passages_per_document=20)
    check_chars(1000, limits)
    check_pages(3, limits)
    check_passages(20, limits)
    with pytest.raises(LimitExceeded, match=r"1\.000 ký tự \(NTM_MAX_DOCUMENT_CHARS\)"):
        check_chars(1001, limits)
    with pytest.raises(LimitExceeded, match=r"có 4 trang, vượt giới hạn 3 trang \(NTM_MAX_PDF_PAGES\)"):
        check_pages(4, limits)
    with pytest.raises(LimitExceeded, match=r"21 đoạn, vượt giới hạn 20 đoạn \(NTM_MAX_PASSAGES_PER_DOCUMENT\)"):
        check_passages(21, limits)


def test_defaults_are_generous_for_real_documents():
    limits = LimitsSettings()
    assert limits.max_document_chars >= 1_000_000 and limits.max_passages_per_document == 20_000
    assert 100 <= limits.max_pdf_pages <= 1000 and limits.parse_memory_mb >= 512
