"""Scanned and mixed PDFs built at test time: Vietnamese text drawn with Pillow, saved as image-only pages."""

from __future__ import annotations

import functools
import io
import random
import textwrap
from pathlib import Path

import pytest

FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")

# An official plan's wording, diacritics of every kind (hỏi, ngã, nặng; ơ, ư, đ).
PAGE_TEXT = (
    "Điều 5. Tiêu chí về thu nhập\n"
    "1. Thu nhập bình quân đầu người của xã đạt chuẩn nông thôn mới năm 2025 phải từ 52 triệu đồng trở lên. "
    "Ủy ban nhân dân tỉnh chỉ đạo các huyện rà soát, hướng dẫn xã xây dựng kế hoạch nâng cao đời sống "
    "người dân, bảo đảm tỷ lệ hộ nghèo đa chiều giảm bình quân mỗi năm.\n"
    "2. Xã phải có hệ thống thủy lợi đáp ứng yêu cầu sản xuất và dân sinh; đường giao thông nông thôn "
    "được cứng hóa, sạch sẽ, có cây xanh; trường học đạt chuẩn cơ sở vật chất; trạm y tế đủ điều kiện "
    "khám chữa bệnh bảo hiểm y tế."
)


def font_path() -> str:
    """A TrueType font with Vietnamese glyphs; the test skips when the machine has none."""
    for path in FONTS:
        if Path(path).exists():
            return path
    pytest.skip("không có phông chữ TrueType tiếng Việt (fonts-dejavu) để vẽ trang scan")


def page_image(text: str = PAGE_TEXT, *, dpi: int = 300):
    """An A4 page of `text` as a grayscale image, 12 pt type at `dpi`."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path(), round(12 * dpi / 72))
    y, margin = round(dpi), round(dpi)
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, 75) or [""]:
            draw.text((margin, y), line, font=font, fill=0)
            y += round(20 * dpi / 72)
        y += round(8 * dpi / 72)
    return image


def full_pages(count: int) -> tuple[str, ...]:
    """`count` different full pages of plan-like text: six articles each, sentences of the plan's words
    in a seeded random order (so no line repeats on most pages and reads as a running header)."""
    vocabulary = sorted({w.lower() for w in PAGE_TEXT.replace(".", " ").replace(",", " ").replace(";", " ").split()})
    rng = random.Random(count)
    pages = []
    for n in range(count):
        articles = []
        for k in range(6):
            body = " ".join(" ".join(rng.choices(vocabulary, k=14)).capitalize() + "." for _ in range(4))
            articles.append(f"Điều {6 * n + k + 1}. {' '.join(rng.choices(vocabulary, k=5)).capitalize()}\n{body}")
        pages.append("\n".join(articles))
    return tuple(pages)


@functools.cache
def scanned_pdf(pages: int | tuple[str, ...] = 1, *, dpi: int = 300) -> bytes:
    """An image-only PDF (no text layer), as a scanner makes them: `pages` copies of `PAGE_TEXT`, or these texts."""
    texts = (PAGE_TEXT,) * pages if isinstance(pages, int) else pages
    images = [page_image(text, dpi=dpi) for text in texts]
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def mixed_pdf(text_pdf: bytes, scan: bytes) -> bytes:
    """The text PDF's first page, then the scan's pages: a mixed PDF."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(text_pdf)).pages[0])
    for page in PdfReader(io.BytesIO(scan)).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def words(text: str) -> list[str]:
    return [w.strip(".,;:()") for w in text.split() if w.strip(".,;:()")]
