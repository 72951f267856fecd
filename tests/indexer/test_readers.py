"""indexer.readers: every supported format, content sniffing, and bad input."""

from __future__ import annotations

import io
import json
import random
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from indexer.readers import DocumentError, SourceDocument, decode_text, read_bytes, read_path
from tests.auxil.paths import CORPUS, DOCUMENTS

ARTICLE = (
    "Xã An Phú về đích nông thôn mới nâng cao\n\n"
    "Thứ hai, 05/02/2024 09:00\n\n"
    "Năm 2024, xã An Phú (huyện Củ Chi, TPHCM) được công nhận đạt chuẩn nông thôn mới nâng cao với thu nhập "
    "bình quân 82 triệu đồng/người/năm.\n\n"
    "Xã tiếp tục nâng cao chất lượng các tiêu chí về môi trường, y tế và giáo dục sau khi đạt chuẩn.\n\n"
    "Rate this post\n"
)


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _pdf_bytes() -> bytes:
    return (DOCUMENTS / "ke-hoach-bac-ninh.pdf").read_bytes()


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=300, height=400)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _cp1258(text: str) -> bytes:
    """Windows-1258 stores tone marks as combining characters after the base vowel."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def _assert_article(doc: SourceDocument) -> None:
    assert doc.title == "Xã An Phú về đích nông thôn mới nâng cao"
    assert doc.date == "2024-02-05"
    assert doc.provinces == ["Thành phố Hồ Chí Minh"]
    assert doc.text.startswith("Năm 2024, xã An Phú (huyện Củ Chi, TPHCM) được công nhận")
    assert doc.text.endswith("về môi trường, y tế và giáo dục sau khi đạt chuẩn.")
    assert "Rate this post" not in doc.text and "Thứ hai" not in doc.text


# Plain text --------------------------------------------------------------------------


def test_corpus_txt_file(tmp_path):
    path = CORPUS / "bac-giang-ntm-2024.txt"
    [doc] = read_path(path)
    assert doc.doc_id == "bac-giang-ntm-2024"
    assert doc.path == str(path)
    assert doc.title == "Bắc Giang triển khai Chương trình mục tiêu Quốc gia xây dựng nông thôn mới năm 2024"
    assert (doc.date, doc.source, doc.provinces, doc.kind, doc.url) == (
        "2024-01-12", "Bacgiang.gov.vn", ["Bắc Giang"], None, None)
    assert doc.text.startswith("UBND tỉnh Bắc Giang vừa ban hành")
    assert "Đánh giá" not in doc.text


def test_every_corpus_file_reads_into_one_clean_document():
    for path in sorted(CORPUS.glob("*.txt")):
        [doc] = read_path(path)
        assert doc.doc_id == path.stem
        assert doc.title and doc.text and doc.provinces
        assert "\n\n\n" not in doc.text
        assert unicodedata.is_normalized("NFC", doc.text)


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf8.txt", lambda s: s.encode("utf-8")),
        ("bom.txt", lambda s: b"\xef\xbb\xbf" + s.encode("utf-8")),
        ("utf16.txt", lambda s: s.encode("utf-16")),  # with BOM
        ("utf16le.txt", lambda s: s.encode("utf-16-le")),  # without BOM
        ("utf16be.txt", lambda s: s.encode("utf-16-be")),
        ("windows.txt", _cp1258),
        ("decomposed.txt", lambda s: unicodedata.normalize("NFD", s).encode("utf-8")),
        ("crlf.txt", lambda s: s.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_text_encodings(tmp_path, name, encode):
    [doc] = read_path(_write(tmp_path, name, encode(ARTICLE)))
    _assert_article(doc)


def test_decode_text_prefers_utf8_and_falls_back_to_windows_1258():
    assert decode_text("Nông thôn mới".encode()) == "Nông thôn mới"
    assert unicodedata.normalize("NFC", decode_text(_cp1258("Nông thôn mới"))) == "Nông thôn mới"


def test_markdown_file():
    [doc] = read_path(DOCUMENTS / "quang-ninh-ntm.md")
    assert doc.doc_id == "quang-ninh-ntm"
    assert doc.title == "Quảng Ninh hoàn thành nhiệm vụ xây dựng nông thôn mới"
    assert doc.date == "2024-05-02"
    assert doc.provinces == ["Quảng Ninh"]
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == ("Năm 2024, Quảng Ninh có 100% số xã đạt chuẩn nông thôn mới, trong đó 65 xã đạt "
                             "chuẩn nông thôn mới nâng cao.")
    assert "- Thu nhập bình quân đầu người khu vực nông thôn đạt 82 triệu đồng/người/năm." in paragraphs
    assert "Xã đạt chuẩn nông thôn mới kiểu mẫu | 21" in paragraphs
    assert paragraphs[-1] == "Tỉnh tiếp tục nâng cao chất lượng các tiêu chí sau khi đạt chuẩn."
    for syntax in ["**", "](", "![", "`", "# ", "|---", "anh.jpg", "Cập nhật"]:
        assert syntax not in doc.text


def test_markdown_front_matter(tmp_path):
    md = ("---\ntitle: Tiêu đề trong phần đầu\ndate: 2023-09-01\nsource: Báo Nông nghiệp\n"
          "url: https://nongnghiep.vn/a.html\nprovince: Đồng Tháp\n---\n\n"
          "Tỉnh Đồng Tháp có thêm 10 xã đạt chuẩn nông thôn mới nâng cao trong năm 2023.\n")
    [doc] = read_path(_write(tmp_path, "fm.md", md))
    assert (doc.title, doc.date, doc.source, doc.url, doc.provinces) == (
        "Tiêu đề trong phần đầu", "2023-09-01", "Báo Nông nghiệp", "https://nongnghiep.vn/a.html", ["Đồng Tháp"])
    assert doc.text == "Tỉnh Đồng Tháp có thêm 10 xã đạt chuẩn nông thôn mới nâng cao trong năm 2023."


# HTML --------------------------------------------------------------------------------


def test_html_file_keeps_only_the_article():
    [doc] = read_path(DOCUMENTS / "ha-tinh-ntm-nang-cao.html")
    assert doc.title == "Hà Tĩnh có thêm 15 xã đạt chuẩn nông thôn mới nâng cao"
    assert doc.date == "2024-12-20"
    assert doc.source == "Báo Hà Tĩnh"
    assert doc.url == "https://baohatinh.vn/ha-tinh-co-them-15-xa-dat-chuan-ntm-nang-cao-post280001.html"
    assert doc.provinces == ["Hà Tĩnh"]
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == (
        "UBND tỉnh Hà Tĩnh vừa quyết định công nhận 15 xã đạt chuẩn nông thôn mới nâng cao năm 2024.")
    assert "Can Lộc | 3" in paragraphs
    assert paragraphs[-1] == "Tỉnh phấn đấu đến năm 2025 có ít nhất 100 xã đạt chuẩn nông thôn mới nâng cao."
    for junk in ["dataLayer", "color", "Trang chủ", "Thời sự", "Tìm kiếm", "Chia sẻ", "Zalo", "Tin liên quan",
                 "Nghệ An", "Đọc nhiều", "Quảng Bình", "Cơ quan chủ quản", "0239", "Thứ sáu", "GMT",
                 "(Báo Hà Tĩnh)", "Hà Tĩnh có thêm 15 xã"]:
        assert junk not in doc.text, junk


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    html = (DOCUMENTS / "ha-tinh-ntm-nang-cao.html").read_text(encoding="utf-8")
    [doc] = read_path(_write(tmp_path, "trang-web.txt", html))
    assert doc.doc_id == "trang-web"
    assert doc.title == "Hà Tĩnh có thêm 15 xã đạt chuẩn nông thôn mới nâng cao"
    assert "<" not in doc.text and "Trang chủ" not in doc.text


def test_html_without_semantic_markup(tmp_path):
    html = ("<html><body><div id='menu'><a>Trang chủ</a> <a>Tin tức</a></div>"
            "<table><tr><td>" + "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n\n")) + "</td></tr></table>"
            "<div class='footer-info'>Bản quyền thuộc Báo Sài Gòn</div></body></html>")
    [doc] = read_path(_write(tmp_path, "bai.html", html))
    _assert_article(doc)


def test_html_with_only_navigation_has_no_content(tmp_path):
    html = "<html><body><nav>Trang chủ | Tin tức</nav><footer>Liên hệ</footer><p>Tin khác</p></body></html>"
    with pytest.raises(DocumentError, match="Không tìm thấy nội dung"):
        read_path(_write(tmp_path, "rong.html", html))


# PDF ---------------------------------------------------------------------------------


def test_pdf_file_vietnamese_survives():
    [doc] = read_path(DOCUMENTS / "ke-hoach-bac-ninh.pdf")
    assert doc.doc_id == "ke-hoach-bac-ninh"
    assert doc.title == "Kế hoạch xây dựng nông thôn mới tỉnh Bắc Ninh năm 2025"
    assert doc.date == "2025-03-15"  # "Bắc Ninh, ngày 15 tháng 3 năm 2025" under the title
    assert doc.provinces == ["Bắc Ninh"]
    paragraphs = doc.text.split("\n\n")
    # lines wrapped by the PDF layout are joined; page footers are gone
    assert paragraphs == [
        "Năm 2025, tỉnh Bắc Ninh phấn đấu có thêm 12 xã đạt chuẩn nông thôn mới nâng cao và 5 xã đạt chuẩn "
        "nông thôn mới kiểu mẫu; thu nhập bình quân đầu người khu vực nông thôn đạt 75 triệu đồng/người/năm.",
        "Các huyện tập trung chỉ đạo hoàn thiện hồ sơ, thủ tục đề nghị xét công nhận, bảo đảm đúng quy định, "
        "thực chất, tránh chạy theo thành tích; ưu tiên nguồn lực cho hạ tầng giao thông, trường học và trạm y "
        "tế xã.",
        "Ủy ban Mặt trận Tổ quốc tỉnh tiếp tục triển khai Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn "
        "mới, đô thị văn minh”, lấy ý kiến sự hài lòng của người dân về kết quả xây dựng nông thôn mới.",
    ]


def test_pdf_renamed_txt_is_read_as_pdf(tmp_path):
    [doc] = read_path(_write(tmp_path, "ke-hoach.txt", _pdf_bytes()))
    assert doc.title == "Kế hoạch xây dựng nông thôn mới tỉnh Bắc Ninh năm 2025"


# DOCX --------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Danh sách xã đạt chuẩn nông thôn mới tỉnh Tây Ninh năm 2025", level=1)
    document.add_paragraph("Tây Ninh, ngày 10 tháng 6 năm 2025")
    document.add_paragraph("Năm 2025, tỉnh Tây Ninh có thêm 3 xã đạt chuẩn nông thôn mới nâng cao, "
                           "nâng tổng số xã đạt chuẩn của tỉnh lên 70 xã.")
    table = document.add_table(rows=3, cols=3)
    rows = [("Xã", "Huyện", "Mức đạt chuẩn"), ("Long Thành Bắc", "Hòa Thành", "NTM nâng cao"),
            ("Trường Tây", "Hòa Thành", "NTM kiểu mẫu")]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("Các xã tiếp tục duy trì và nâng cao chất lượng các tiêu chí đã đạt.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_tables(tmp_path):
    [doc] = read_path(_write(tmp_path, "danh-sach.docx", _docx_bytes()))
    assert doc.doc_id == "danh-sach"
    assert doc.title == "Danh sách xã đạt chuẩn nông thôn mới tỉnh Tây Ninh năm 2025"
    assert doc.date == "2025-06-10"
    assert doc.provinces == ["Tây Ninh"]
    assert doc.text.split("\n\n") == [
        "Năm 2025, tỉnh Tây Ninh có thêm 3 xã đạt chuẩn nông thôn mới nâng cao, nâng tổng số xã đạt chuẩn của "
        "tỉnh lên 70 xã.",
        "Xã: Long Thành Bắc | Huyện: Hòa Thành | Mức đạt chuẩn: NTM nâng cao",  # the header in every row
        "Xã: Trường Tây | Huyện: Hòa Thành | Mức đạt chuẩn: NTM kiểu mẫu",
        "Các xã tiếp tục duy trì và nâng cao chất lượng các tiêu chí đã đạt.",
    ]


def test_docx_with_wrong_suffix_is_still_docx(tmp_path):
    [doc] = read_path(_write(tmp_path, "danh-sach.txt", _docx_bytes()))
    assert doc.title == "Danh sách xã đạt chuẩn nông thôn mới tỉnh Tây Ninh năm 2025"


# JSONL -------------------------------------------------------------------------------


def test_jsonl_file_with_optional_fields():
    path = DOCUMENTS / "ntm-tin-ngan.jsonl"
    docs = read_path(path)
    assert [d.doc_id for d in docs] == ["ntm-001", "ntm-002", "3"]
    first, second, third = docs
    assert first == SourceDocument(
        doc_id="ntm-001", title="Cần Thơ có 36 xã đạt chuẩn nông thôn mới",
        text="Đến nay, thành phố Cần Thơ có 36/36 xã đạt chuẩn nông thôn mới.", source=None, date=None,
        provinces=["Thành phố Cần Thơ"], kind=None, url=None, path=str(path))
    assert (second.source, second.date, second.provinces, second.kind, second.url) == (
        "Thanhuytphcm.vn", "2024-07-21", ["Thành phố Hồ Chí Minh"], "tin",
        "https://thanhuytphcm.vn/tin-tuc/xa-ntm-kieu-mau")
    assert second.text.split("\n\n")[1] == "Các xã còn lại đáp ứng đầy đủ Bộ tiêu chí xã nông thôn mới nâng cao."
    assert (third.date, third.provinces) == ("2024-01-12", ["An Giang", "Đồng Tháp"])


def test_jsonl_text_is_never_dropped_by_cleaning(tmp_path):
    line = json.dumps({"id": "a", "title": "Tin ngắn", "text": "Thông báo"}, ensure_ascii=False)
    [doc] = read_path(_write(tmp_path, "ngan.jsonl", line))
    assert doc.text == "Thông báo"


def test_jsonl_given_source_wins_over_text(tmp_path):
    line = json.dumps({"id": "a", "title": "T", "text": "Nội dung bài viết.\nNguồn: Bacgiang.gov.vn",
                       "source": "Báo Bắc Giang"}, ensure_ascii=False)
    [doc] = read_path(_write(tmp_path, "a.jsonl", line))
    assert doc.source == "Báo Bắc Giang"


def test_jsonl_in_a_txt_file_is_detected(tmp_path):
    lines = (DOCUMENTS / "ntm-tin-ngan.jsonl").read_text(encoding="utf-8")
    assert len(read_path(_write(tmp_path, "xuat.txt", lines))) == 3


def test_json_array(tmp_path):
    data = [{"id": "x1", "title": "Tiêu đề", "text": "Xã Tân Phú đạt chuẩn nông thôn mới năm 2024."}]
    [doc] = read_path(_write(tmp_path, "ds.json", json.dumps(data, ensure_ascii=False)))
    assert doc.doc_id == "x1"


GOOD = '{"id": "a", "title": "Tiêu đề", "text": "Xã đạt chuẩn nông thôn mới."}'


@pytest.mark.parametrize(
    ("third_line", "message"),
    [
        ('{"id": "c", "title": "T", "text": "x"', r"Dòng 3 của tệp JSONL không phải JSON hợp lệ"),
        ('{"id": "c", "title": "T"}', r"Dòng 3 của tệp JSONL thiếu trường 'text'"),
        ('{"title": "T", "text": "x"}', r"Dòng 3 của tệp JSONL thiếu trường 'id'"),
        ('{"id": "c", "text": "x"}', r"Dòng 3 của tệp JSONL thiếu trường 'title'"),
        ('["c", "T", "x"]', r"Dòng 3 của tệp JSONL không phải một đối tượng JSON"),
        ('{"id": "c", "title": "T", "text": 5}', r"Dòng 3 .*'text' phải là chuỗi"),
        ('{"id": "c", "title": "T", "text": "   "}', r"Dòng 3 .*'text' rỗng"),
        ('{"id": "", "title": "T", "text": "x"}', r"Dòng 3 .*'id'"),
        ('{"id": "c", "title": "T", "text": "x", "date": "hôm qua"}', r"Dòng 3 .*'date' không phải ngày hợp lệ"),
        ('{"id": "c", "title": "T", "text": "x", "province": 7}', r"Dòng 3 .*'province'"),
        ('{"id": "a", "title": "T", "text": "x"}', r"Dòng 3 .*'a' trùng với dòng 1"),
    ],
)
def test_jsonl_errors_name_the_line(tmp_path, third_line, message):
    second = '{"id": "b", "title": "Tiêu đề", "text": "Xã đạt chuẩn nông thôn mới."}'
    path = _write(tmp_path, "loi.jsonl", "\n".join([GOOD, second, third_line]))
    with pytest.raises(DocumentError, match=message) as caught:
        read_path(path)
    assert caught.value.line == 3
    assert caught.value.path == str(path)


# Bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rong.txt", b"", "Tệp rỗng"),
        ("trang.txt", b"  \n\t\r\n ", "Tệp rỗng"),
        ("rong.jsonl", b"\n\n", "Tệp rỗng"),
        ("rong.pdf", b"", "Tệp rỗng"),
        ("hong.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF garbage", "Tệp PDF không đọc được"),
        ("gia.pdf", "Đây không phải PDF".encode(), "Tệp PDF không đọc được: nội dung không phải PDF"),
        ("hong.docx", b"PK\x03\x04" + bytes(200), "Tệp DOCX không đọc được"),
        ("gia.docx", "chỉ là văn bản".encode(), "Tệp DOCX không đọc được"),
        ("nhiphan.txt", random.Random(7).randbytes(3000), "không phải văn bản"),
        ("dieukhien.txt", bytes(range(1, 32)) * 40, "không phải văn bản"),
        ("anh.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "Tệp ảnh"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Word .doc"),
        ("bang.csv", "Tỉnh,Xã\nLong An,An Thạnh\n".encode(), "không được hỗ trợ"),
        ("tcvn3.txt", "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. "
         "Sè x· ®¹t chuÈn n«ng th«n míi. ".encode("cp1252") * 3, "bảng mã tiếng Việt cũ"),
    ],
)
def test_bad_input_raises_document_error(tmp_path, name, data, message):
    with pytest.raises(DocumentError, match=message):
        read_path(_write(tmp_path, name, data))


def test_image_only_pdf(tmp_path):
    with pytest.raises(DocumentError, match="không có lớp văn bản"):
        read_path(_write(tmp_path, "scan.pdf", _blank_pdf()))


def test_docx_zip_without_valid_xml(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<không phải xml")
    with pytest.raises(DocumentError, match="Tệp DOCX không đọc được"):
        read_path(_write(tmp_path, "hong.docx", buffer.getvalue()))


def test_excel_file_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentError, match="Excel"):
        read_path(_write(tmp_path, "ds.xlsx", buffer.getvalue()))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="Không tìm thấy tệp"):
        read_path(tmp_path / "khong-co.txt")
    with pytest.raises(DocumentError, match="thư mục"):
        read_path(tmp_path)


def test_truncated_files_never_escape_as_other_exceptions():
    """Cut-off uploads of every format fail with DocumentError or read partially."""
    sources = {
        "a.pdf": _pdf_bytes(),
        "a.docx": _docx_bytes(),
        "a.html": (DOCUMENTS / "ha-tinh-ntm-nang-cao.html").read_bytes(),
        "a.jsonl": (DOCUMENTS / "ntm-tin-ngan.jsonl").read_bytes(),
        "a.md": (DOCUMENTS / "quang-ninh-ntm.md").read_bytes(),
    }
    rng = random.Random(11)
    for name, data in sources.items():
        for _ in range(6):
            cut = data[: rng.randrange(1, len(data))]
            try:
                docs = read_bytes(cut, name)
            except DocumentError:
                continue
            assert all(isinstance(d, SourceDocument) and d.text for d in docs)


def test_read_bytes_matches_read_path():
    path = DOCUMENTS / "quang-ninh-ntm.md"
    [from_bytes] = read_bytes(path.read_bytes(), path.name)
    [from_path] = read_path(path)
    assert from_bytes.text == from_path.text and from_bytes.doc_id == from_path.doc_id
    assert from_bytes.path is None


def test_json_file_with_one_object(tmp_path):
    data = {"id": "mot", "title": "Tiêu đề", "text": "Xã Tân Phú đạt chuẩn nông thôn mới năm 2024."}
    [doc] = read_path(_write(tmp_path, "mot.json", json.dumps(data, ensure_ascii=False, indent=2)))
    assert doc.doc_id == "mot"


def test_html_time_of_a_sidebar_item_is_not_the_date(tmp_path):
    html = ("<html><head><title>Xã An Phú đạt chuẩn nông thôn mới nâng cao</title></head><body>"
            "<div class='main'><p>Năm 2024, xã An Phú được công nhận đạt chuẩn nông thôn mới nâng cao với nhiều "
            "tiêu chí vượt yêu cầu.</p></div>"
            "<div class='box'><time datetime='2023-01-01'>01/01/2023</time> Tin cũ</div></body></html>")
    [doc] = read_path(_write(tmp_path, "a.html", html))
    assert doc.title == "Xã An Phú đạt chuẩn nông thôn mới nâng cao"
    assert doc.date is None


def test_unexpected_failure_still_raises_document_error(tmp_path, monkeypatch):
    import indexer.readers.document as readers

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(readers, "extract_metadata", broken)
    with pytest.raises(DocumentError, match="lỗi không mong đợi"):
        read_path(_write(tmp_path, "a.txt", ARTICLE))
