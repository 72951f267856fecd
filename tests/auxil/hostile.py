"""Hostile and oversized files for the limits tests, built in the test (nothing big is stored or held in memory).

A zip bomb is a real .docx or .xlsx whose one large part is hundreds of MB of
repeated XML: deflate squeezes it 300 to 1,000 times, and it is written in
1 MB chunks, so building one costs little memory. Small versions of the same
files are read by python-docx and openpyxl, which shows the builders make real
documents and the refusals come from the limits, not from broken files. Each
builder keeps what it built (a few hundred KB), so a session builds a bomb once.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

from tests.auxil.paths import DOCUMENTS

MB = 1024 * 1024
PARAGRAPH = "Năm 2025, xã An Phú phấn đấu đạt chuẩn nông thôn mới nâng cao với thu nhập 82 triệu đồng."

_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="' + _REL + '/{kind}" Target="{target}"/></Relationships>')


@functools.cache
def docx_of_paragraphs(count: int, text: str = PARAGRAPH) -> bytes:
    """A .docx of `count` equal paragraphs; its document.xml grows by about 110 bytes a paragraph."""
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    return _docx(paragraph, count)


@functools.cache
def zip_bomb_docx(unpacked: int = 300 * MB) -> bytes:
    """A .docx of a few hundred KB whose document.xml unpacks to `unpacked` bytes of text
    (paragraphs of one letter repeated: deflate's best case)."""
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 8192 + b"</w:t></w:r></w:p>"
    return _docx(paragraph, -(-unpacked // len(paragraph)))


def _docx(paragraph: bytes, count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _RELS.format(kind="officeDocument", target="word/document.xml"))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
                       b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            _repeat(part, paragraph, count)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


@functools.cache
def xlsx_of_rows(rows: int, header: tuple[str, ...] = ("Tỉnh", "Xã", "Mức đạt chuẩn", "Năm công nhận"),
                 row: tuple[str | int, ...] = ("Bắc Giang", "Cao Xá", "NTM", 2015)) -> bytes:
    """A one-sheet .xlsx: the header, then `rows` equal rows (inline strings and numbers, no shared strings);
    `xlsx_of_rows(3_000_000, row=(1, 2, 3, 4))` is a commune list bomb of about 1 MB."""
    def cells(values: tuple[str | int, ...]) -> bytes:
        return ("<row>" + "".join(f"<c><v>{v}</v></c>" if isinstance(v, int) else
                                  f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values) + "</row>").encode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _XLSX_TYPES)
        archive.writestr("_rels/.rels", _RELS.format(kind="officeDocument", target="xl/workbook.xml"))
        archive.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{_REL}"><sheets><sheet name="Danh sach" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", _RELS.format(kind="worksheet", target="worksheets/sheet1.xml"))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns='
                       b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            part.write(cells(header))
            _repeat(part, cells(row), rows)
            part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _repeat(part, unit: bytes, count: int) -> None:
    """`unit` written `count` times, about 1 MB at a time."""
    per_chunk = max(1, MB // len(unit))
    chunk = unit * per_chunk
    for _ in range(count // per_chunk):
        part.write(chunk)
    part.write(unit * (count % per_chunk))


@functools.cache
def pdf_with_pages(pages: int, *, blank: bool = False) -> bytes:
    """A PDF of `pages` pages: blank ones, or the fixture plan's three text pages over and over."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    source = PdfReader(DOCUMENTS / "ke-hoach-bac-ninh.pdf")
    for n in range(pages):
        if blank:
            writer.add_blank_page(width=300, height=400)
        else:
            writer.add_page(source.pages[n % len(source.pages)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def unpacked_size(data: bytes) -> int:
    """What a zip container's directory says it unpacks to."""
    return sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path
