"""Whole ALQAC laws as the files an admin sends: DOCX, text PDF, scanned PDF, a law portal's HTML page, Word 97 .doc.

One layout for every format (the law's name, then each article as a bold "Điều N. heading" line and its
paragraphs), so the formats differ only in how they carry it. The text PDF and the .doc are LibreOffice's
conversions of the DOCX (`tests/auxil/office.converted`); the scan is the text PDF's pages rendered to
grayscale images and saved as an image-only PDF, as a scanner would; the HTML page wraps the law in a
portal's menus, breadcrumbs, ads, related links and footer, which the indexer's chrome cleaning must drop.
"""

from __future__ import annotations

import functools
import io
import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from knowledge.text import fold

FORMATS = ("docx", "pdf", "scan", "html", "doc")
SUFFIX = {"docx": "docx", "pdf": "pdf", "scan": "pdf", "html": "html", "doc": "doc"}


@dataclass(frozen=True)
class Article:
    number: str
    heading: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join((self.heading, *self.paragraphs))


@dataclass(frozen=True)
class Law:
    name: str
    articles: tuple[Article, ...]

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-")

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)


def load_laws(law_file: Path) -> dict[str, Law]:
    """ALQAC's law.json: `[{"id": name, "articles": [{"id": "N", "text": "heading\\n\\nbody"}]}]`."""
    laws = {}
    for item in json.loads(law_file.read_text(encoding="utf-8")):
        articles = []
        for art in item["articles"]:
            heading, _, body = art["text"].strip().partition("\n")
            lines = tuple(line.strip() for line in body.split("\n") if line.strip())
            articles.append(Article(str(art["id"]), heading.strip(), lines))
        laws[item["id"]] = Law(item["id"], tuple(articles))
    return laws


def file_name(law: Law, fmt: str) -> str:
    return f"{law.slug}{'-scan' if fmt == 'scan' else ''}.{SUFFIX[fmt]}"


def build(law: Law, fmt: str) -> bytes:
    """The law as a file of format `fmt` (one of FORMATS)."""
    if fmt == "docx":
        return docx_file(law)
    if fmt == "html":
        return html_file(law).encode("utf-8")
    from tests.auxil.office import converted

    if fmt in ("pdf", "doc"):
        return converted(docx_file(law), fmt)
    if fmt == "scan":
        return scanned(converted(docx_file(law), "pdf"))
    raise ValueError(f"unknown format {fmt!r}")


@functools.cache
def docx_file(law: Law) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(law.name, level=1)
    for art in law.articles:
        document.add_paragraph().add_run(f"Điều {art.number}. {art.heading}").bold = True
        for paragraph in art.paragraphs:
            document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def scanned(pdf: bytes, dpi: int = 200) -> bytes:
    """Each page of `pdf` rendered to a grayscale image at `dpi`; the images as a PDF with no text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


MENU = ["Trang chủ", "Văn bản mới", "Văn bản pháp luật", "Dự thảo", "Hỏi đáp pháp luật", "Biểu mẫu",
        "Tin tức", "Liên hệ"]
RELATED = ["Nghị định hướng dẫn thi hành", "Thông tư quy định chi tiết", "Văn bản hợp nhất",
           "Công văn giải đáp vướng mắc"]


def html_file(law: Law) -> str:
    """The law as a legal portal shows it: the text in an article element among menus, ads and a footer."""
    nav = "".join(f'<li><a href="/{fold(m).replace(" ", "-")}">{escape(m)}</a></li>' for m in MENU)
    related = "".join(f'<li><a href="/van-ban/{n}">{escape(r)} {escape(law.name)}</a></li>'
                      for n, r in enumerate(RELATED))
    body = [f"<h1>{escape(law.name)}</h1>"]
    for art in law.articles:
        body.append(f"<p><b>Điều {art.number}. {escape(art.heading)}</b></p>")
        body.extend(f"<p>{escape(p)}</p>" for p in art.paragraphs)
    return (
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(law.name)} - Cổng thông tin văn bản pháp luật</title></head><body>"
        f"<header><div class=\"logo\">Cổng thông tin văn bản pháp luật</div><nav><ul>{nav}</ul></nav>"
        "<form class=\"search\"><input name=\"q\" placeholder=\"Tìm văn bản\"><button>Tìm kiếm</button></form>"
        "</header>"
        f"<div class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> › <a href=\"/van-ban\">Văn bản pháp luật</a> › "
        f"{escape(law.name)}</div>"
        "<div class=\"ads\">Quảng cáo: Tra cứu văn bản nhanh, đăng ký tài khoản Pro giảm 30% hôm nay!</div>"
        f"<main><article class=\"content\">{''.join(body)}</article>"
        f"<aside><h3>Văn bản liên quan</h3><ul>{related}</ul>"
        "<div class=\"ads\">Quảng cáo: Khóa học luật trực tuyến, học thử miễn phí.</div></aside></main>"
        "<footer><p>Bản quyền © Cổng thông tin văn bản pháp luật. Giấy phép số 123/GP-TTĐT.</p>"
        "<p>Địa chỉ: Số 1 phố Mẫu, Hà Nội · Điện thoại: 024 0000 0000</p>"
        "<p><a href=\"/dieu-khoan\">Điều khoản sử dụng</a> | <a href=\"/bao-mat\">Chính sách bảo mật</a></p>"
        "</footer></body></html>")
