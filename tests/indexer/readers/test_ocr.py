"""Scanned PDFs are recognised page by page with Tesseract's Vietnamese data, within the limits."""

from __future__ import annotations

import difflib
import io

import pytest

from indexer.readers import DocumentError, read_bytes
from indexer.readers import ocr as ocr_module
from knowledge.settings import LimitsSettings
from tests.auxil.office import fake_tool
from tests.auxil.paths import DOCUMENTS
from tests.auxil.scans import PAGE_TEXT, full_pages, mixed_pdf, scanned_pdf, words

_missing = ocr_module.missing_ocr()


def needs_ocr(test):
    """Runs tesseract (a subprocess, so slow); skips where the packages are missing."""
    skip = pytest.mark.skipif(_missing is not None, reason="cần tesseract-ocr và tesseract-ocr-vie (apt-get install)")
    return pytest.mark.slow(skip(test))


def right_words(expected: str, got: str) -> float:
    """Share of the expected words recognised exactly (diacritics included), in order."""
    want, have = words(expected), words(got)
    matcher = difflib.SequenceMatcher(a=want, b=have, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


@needs_ocr
def test_a_clean_300_dpi_scan_reads_with_its_diacritics():
    [doc] = read_bytes(scanned_pdf(1), "quyet-dinh-scan.pdf")
    assert right_words(PAGE_TEXT, doc.text) >= 0.95, doc.text
    assert "Điều 5. Tiêu chí về thu nhập" in doc.text.splitlines()[0:3] or doc.text.startswith("Điều 5.")
    for phrase in ("thủy lợi", "cứng hóa", "Ủy ban nhân dân tỉnh", "52 triệu đồng"):
        assert phrase in doc.text


@needs_ocr
def test_a_full_page_of_plan_text_reads_at_95_percent_or_better():
    [page] = full_pages(1)
    [doc] = read_bytes(scanned_pdf((page,)), "ke-hoach.pdf")
    assert right_words(page, doc.text) >= 0.95


@needs_ocr
def test_a_mixed_pdf_keeps_the_text_layer_and_recognises_only_the_scanned_pages():
    typed = (DOCUMENTS / "ke-hoach-bac-ninh.pdf").read_bytes()
    reports = []
    [doc] = read_bytes(mixed_pdf(typed, scanned_pdf(1)), "ke-hoach.pdf",
                       progress=lambda done, total: reports.append((done, total)))
    assert "12 xã đạt chuẩn nông thôn mới nâng cao" in doc.text  # page 1, from its text layer
    assert "thu nhập bình quân đầu người" in doc.text.lower()  # page 2, recognised
    assert reports == [(0, 1), (1, 1)]  # one scanned page of two


@needs_ocr
def test_progress_counts_every_scanned_page():
    reports = []
    read_bytes(scanned_pdf(full_pages(3)), "scan.pdf", progress=lambda done, total: reports.append((done, total)))
    assert reports == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_without_tesseract_the_reply_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError, match="bản scan .*Cần cài tesseract-ocr và tesseract-ocr-vie .*apt-get install"):
        read_bytes(scanned_pdf(1), "scan.pdf")


@pytest.mark.slow
def test_without_the_vietnamese_data_the_reply_names_that_package(monkeypatch, tmp_path):
    fake_tool(tmp_path, "tesseract", 'echo "List of available languages in \\"/x/\\" (2):"; echo eng; echo osd')
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    with pytest.raises(DocumentError, match="thiếu dữ liệu tiếng Việt: cần cài tesseract-ocr-vie"):
        read_bytes(scanned_pdf(1), "scan.pdf")


def test_a_scan_over_the_ocr_page_limit_is_refused_before_any_page_is_recognised(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # not even looked for: the limit comes first
    with pytest.raises(DocumentError, match=r"3 trang scan .*vượt giới hạn 2 trang \(NTM_MAX_OCR_PAGES\)"):
        read_bytes(scanned_pdf(3), "scan.pdf", limits=LimitsSettings(max_ocr_pages=2))


@pytest.mark.slow
def test_a_page_that_hangs_tesseract_is_stopped_at_the_page_timeout(monkeypatch, tmp_path):
    fake_tool(tmp_path, "tesseract", 'case "$*" in *--list-langs*) echo "List (1):"; echo vie;; *) sleep 30;; esac')
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    with pytest.raises(DocumentError, match=r"trang 1 mất quá 1 giây.*NTM_OCR_PAGE_TIMEOUT_SECONDS"):
        read_bytes(scanned_pdf(1), "scan.pdf", limits=LimitsSettings(ocr_page_timeout=1))


def test_a_page_of_absurd_size_is_rendered_within_the_pixel_cap():
    import pypdfium2
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=14_400, height=14_400)  # 200 x 200 inches, PDF's largest page
    out = io.BytesIO()
    writer.write(out)
    pdf = pypdfium2.PdfDocument(out.getvalue())
    image = ocr_module._render(pdf, 0, 300)
    assert image.width * image.height <= ocr_module.MAX_PIXELS
    image.close()
    pdf.close()


@needs_ocr
def test_blank_scanned_pages_say_nothing_was_found():
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(out, format="PDF", resolution=100)
    with pytest.raises(DocumentError, match="không có lớp văn bản và không nhận dạng được chữ nào"):
        read_bytes(out.getvalue(), "trang-trang.pdf")


def test_a_typed_pdf_with_blank_pages_needs_no_ocr(monkeypatch, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(DOCUMENTS / "ke-hoach-bac-ninh.pdf").pages:
        writer.add_page(page)
        writer.add_blank_page()  # the blank back of each sheet
    out = io.BytesIO()
    writer.write(out)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract: not needed
    [doc] = read_bytes(out.getvalue(), "ke-hoach.pdf")
    assert "12 xã đạt chuẩn nông thôn mới nâng cao" in doc.text
