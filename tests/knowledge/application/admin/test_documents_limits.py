"""The upload check holds a file to `settings.limits`, in a child process, before anything is written."""

from __future__ import annotations

import pytest

from knowledge.application.admin.documents import DocumentStore, UploadRejected, check_document
from knowledge.settings import LimitsSettings, Settings
from tests.auxil.hostile import MB, docx_of_paragraphs, pdf_with_pages, xlsx_of_rows, zip_bomb_docx
from tests.auxil.settings import make_settings

pytestmark = pytest.mark.slow  # every check starts a child process

NOTICE = ("Tỉnh … phấn đấu năm 2026 có thêm 37 xã đạt chuẩn nông thôn mới kiểu mẫu, nâng tổng số lên "
          "123/456 xã.")
PARAGRAPH = ("Xã {n} đạt chuẩn nông thôn mới nâng cao năm 2024 với thu nhập bình quân 82 triệu đồng một người, "
             "tỷ lệ hộ nghèo dưới 1% và 100% đường trục xã được cứng hóa. ") * 4


def _limits(**env: str) -> LimitsSettings:
    """The limits as the operator sets them, by their variables."""
    return Settings(_env_file=None, **env).limits


def _refused(data: bytes, name: str, **env: str) -> str:
    with pytest.raises(UploadRejected) as refused:
        check_document(data, name, limits=_limits(**env))
    return str(refused.value)


def test_hostile_files_are_refused_naming_the_limit():
    assert "NTM_MAX_UNPACKED_MB" in _refused(zip_bomb_docx(300 * MB), "bom.docx")
    assert "NTM_MAX_PDF_PAGES" in _refused(pdf_with_pages(2000, blank=True), "hostile.pdf")


def test_each_cap_just_over_is_refused_and_just_under_accepted():
    text = "\n\n".join(PARAGRAPH.format(n=n) for n in range(8)).encode()
    cases = [
        ("kh.txt", text, "NTM_MAX_DOCUMENT_CHARS", len(text.decode())),
        ("kh.txt", text, "NTM_MAX_PASSAGES_PER_DOCUMENT", 8),  # one passage a paragraph
        ("kh.pdf", pdf_with_pages(3), "NTM_MAX_PDF_PAGES", 3),
    ]
    for name, data, variable, at_limit in cases:
        assert check_document(data, name, limits=_limits(**{variable: str(at_limit)})).documents, variable
        assert variable in _refused(data, name, **{variable: str(at_limit - 1)})


def test_a_docx_just_over_the_unpacked_limit_is_refused():
    data = docx_of_paragraphs(10_000)  # a little over 1 MB of XML, and repetitive: allow its ratio
    assert "NTM_MAX_UNPACKED_MB" in _refused(data, "kh.docx", NTM_MAX_UNPACKED_MB="1")
    assert check_document(data, "kh.docx", limits=_limits(NTM_MAX_UNPACKED_MB="2", NTM_MAX_COMPRESSION_RATIO="1000"))


def test_a_refused_file_writes_nothing(tmp_path):
    settings = make_settings(tmp_path)
    with pytest.raises(UploadRejected, match="bom nén"):
        check_document(zip_bomb_docx(300 * MB), "bom.docx", limits=settings.limits)
    assert not (tmp_path / "documents").exists()


def test_an_excel_file_sent_as_a_document_is_still_told_apart():
    assert "danh sách xã" in _refused(xlsx_of_rows(3), "ds.docx")


def test_a_one_sentence_notice_is_accepted_and_stored_as_sent(tmp_path):
    settings = make_settings(tmp_path)
    checked = check_document(NOTICE.encode(), "Thông báo.txt", limits=settings.limits)
    assert [d.text for d in checked.documents] == [NOTICE]
    stored = DocumentStore(settings).store(checked, set())
    assert stored.doc_ids == ["thong-bao"] and stored.indexed_path.read_bytes() == NOTICE.encode()
