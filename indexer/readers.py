"""Read document files into clean `SourceDocument`s with metadata.

Admins upload whatever they have: web pages saved as .txt or .html, PDFs,
Word files, JSONL exports. The type is decided from the content first (a PDF
renamed .txt is still a PDF) and the suffix second. Every failure a user can
cause raises `DocumentError` with a Vietnamese message the bot can show
as is; no other exception escapes `read_path`.

Each format is turned into raw text plus "hints" (title, date, publisher,
URL the format states explicitly, e.g. HTML meta tags); then
`indexer.metadata` and `indexer.clean` do the same work for every format.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from indexer.clean import clean_text, normalized
from indexer.metadata import Metadata, extract_metadata, parse_date, provinces_from_field
from knowledge.errors import UserError
from knowledge.text.normalize import normalize

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {"", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json"}
SUPPORTED = ".txt, .md, .html, .pdf, .docx, .jsonl"


@dataclass
class SourceDocument:
    doc_id: str  # JSONL "id"; for files the file stem
    title: str
    text: str  # cleaned article text, NFC, paragraphs separated by "\n\n" (not segmented)
    source: str | None = None  # publisher or site
    date: str | None = None  # ISO yyyy-mm-dd publication date, None when not stated
    provinces: list[str] = field(default_factory=list)  # canonical names, most relevant first
    kind: str | None = None
    url: str | None = None
    path: str | None = None


class DocumentError(UserError):
    """A file that cannot become a document; the message is for the user (Vietnamese).

    `path` and `line` (JSONL line number) let callers add context.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line


def read_path(path: Path) -> list[SourceDocument]:
    """All documents in one file (several for JSONL)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(f"Không tìm thấy tệp: {path.name}", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise DocumentError(f"'{path.name}' là thư mục, không phải tệp", path=str(path)) from exc
    except OSError as exc:
        raise DocumentError(f"Không đọc được tệp {path.name}: {exc.strerror or exc}", path=str(path)) from exc
    return read_bytes(data, path.name, path=str(path))


def read_bytes(data: bytes, name: str, *, path: str | None = None) -> list[SourceDocument]:
    """Like `read_path`, for content already in memory (a Telegram upload)."""
    try:
        return _read(data, name, path)
    except DocumentError as exc:
        exc.path = exc.path or path
        raise
    except RecursionError as exc:  # pathologically nested HTML
        raise DocumentError("Tệp có cấu trúc lồng nhau quá sâu, không đọc được", path=path) from exc
    except Exception as exc:
        # A bug or a library failure we did not foresee: the caller still
        # gets the one exception type it handles; the traceback goes to the log.
        log.exception("unexpected error reading %s", path or name)
        raise DocumentError(f"Không đọc được tệp {name}: lỗi không mong đợi ({type(exc).__name__})",
                            path=path) from exc


def _read(data: bytes, name: str, path: str | None) -> list[SourceDocument]:
    suffix = Path(name).suffix.lower()
    doc_id = Path(name).stem
    if not data.strip():
        raise DocumentError("Tệp rỗng")
    kind = _sniff_binary(data, suffix)
    if kind == "pdf":
        raw, hints = _pdf_text(data)
    elif kind == "docx":
        raw, hints = _docx_text(data)
    else:
        if suffix not in TEXT_SUFFIXES:
            raise DocumentError(f"Định dạng tệp {suffix} không được hỗ trợ (chỉ nhận {SUPPORTED})")
        text = decode_text(data)
        if not text.strip():
            raise DocumentError("Tệp rỗng")
        if _is_json_records(text, suffix):
            return _read_records(text, suffix, path)
        if suffix in {".html", ".htm", ".xhtml"} or looks_like_html(text, suffix):
            raw, hints = _html_text(text)
        elif suffix in {".md", ".markdown"}:
            raw, hints = _markdown_text(text)
        else:
            raw, hints = text, Metadata()
    return [_document(raw, hints, doc_id=doc_id, path=path)]


def _document(raw: str, hints: Metadata, *, doc_id: str, path: str | None, kind: str | None = None,
              given_text: bool = False) -> SourceDocument:
    raw = normalized(raw)  # once: metadata and cleaning share it (and their caches)
    meta = extract_metadata(raw, hints=hints)
    text = clean_text(raw, title=meta.headline)
    if not text and given_text:  # an explicit JSONL text is never dropped, only tidied
        text = "\n\n".join(" ".join(line.split()) for line in raw.split("\n") if line.strip())
    if not text:
        raise DocumentError("Không tìm thấy nội dung văn bản trong tệp (chỉ có menu, quảng cáo hoặc chân trang)")
    return SourceDocument(
        doc_id=doc_id,
        title=meta.title or doc_id,
        text=text,
        source=meta.source,
        date=meta.date,
        provinces=meta.provinces,
        kind=kind,
        url=meta.url,
        path=path,
    )


# ------------------------------------------------------------- detection
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")


def _sniff_binary(data: bytes, suffix: str) -> str | None:
    """'pdf' or 'docx' from the content; errors for other binary formats."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DocumentError(f"Tệp DOCX không đọc được: tệp nén bị hỏng ({exc})") from exc
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names):
            raise DocumentError("Tệp Excel không phải tài liệu văn bản; danh sách xã được nạp bằng chức năng riêng")
        raise DocumentError(f"Tệp nén này không phải DOCX (chỉ nhận {SUPPORTED})")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError("Tệp Word .doc (định dạng cũ) chưa được hỗ trợ; hãy lưu lại thành .docx hoặc PDF")
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        raise DocumentError("Tệp ảnh không có lớp văn bản; cần nhận dạng chữ (OCR) trước khi nạp")
    if suffix == ".pdf":
        raise DocumentError("Tệp PDF không đọc được: nội dung không phải PDF")
    if suffix == ".docx":
        raise DocumentError("Tệp DOCX không đọc được: nội dung không phải DOCX")
    return None


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_NOT_TEXT = "Tệp không phải văn bản (có thể là tệp nhị phân hoặc bị hỏng)"


def decode_text(data: bytes) -> str:
    """Bytes of a text file -> str: BOM, then UTF-8, UTF-16 without BOM, Windows-1258.

    Windows-1258 is the Vietnamese Windows code page of older files; it
    stores tone marks as combining characters, which `normalize` composes.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DocumentError(_NOT_TEXT) from exc
    sample = data[:4096]
    if b"\x00" in sample:
        half = max(1, len(sample) // 2)
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.3 * half and even < 0.05 * half:
            encoding = "utf-16-le"
        elif even > 0.3 * half and odd < 0.05 * half:
            encoding = "utf-16-be"
        else:
            raise DocumentError(_NOT_TEXT)
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError as exc:
            raise DocumentError(_NOT_TEXT) from exc
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise DocumentError(_NOT_TEXT) from exc
    return _checked(text)


_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_LATIN1_SYMBOL_RE = re.compile("[\u00a1-\u00bf]")
_VIETNAMESE_LETTER_RE = re.compile("[\u0100-\u024f\u1ea0-\u1ef9]")


def _checked(text: str) -> str:
    """Reject decoded text that is really binary or in a legacy Vietnamese font encoding."""
    if not text:
        return text
    bad = len(_CONTROL_RE.findall(text))
    if bad > 0.01 * len(text) + 2:
        raise DocumentError(_NOT_TEXT)
    # TCVN3 (ABC) puts Vietnamese letters where Latin-1 has symbols (¸ µ ¶ ¹ ¨ © ® ...);
    # Unicode Vietnamese uses Latin Extended letters (ă đ ơ ư, U+1EA0-U+1EF9) instead.
    symbols = len(_LATIN1_SYMBOL_RE.findall(text))
    vietnamese = len(_VIETNAMESE_LETTER_RE.findall(text))
    if symbols >= 10 and vietnamese < symbols / 5:
        raise DocumentError(
            "Tệp dùng bảng mã tiếng Việt cũ (TCVN3/VNI); hãy chuyển sang Unicode (UTF-8) rồi nạp lại"
        )
    return text


_HTML_START_RE = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html\b)", re.I | re.S)
_TAG_RE = re.compile(r"</?(p|div|br|span|a|h[1-6]|li|ul|table|tr|td|body|head|meta|script|style|article)\b[^>]*>",
                     re.I)


def looks_like_html(text: str, suffix: str = "") -> bool:
    """HTML saved under another name. Markdown may hold a few inline tags, so
    only a real document start counts there."""
    head = text[:4096]
    if _HTML_START_RE.match(head):
        return True
    if suffix in {".md", ".markdown"}:
        return False
    tags = _TAG_RE.findall(head)
    return len(tags) >= 5 or bool(re.search(r"<(body|head)\b", head, re.I))


# ------------------------------------------------------------------ HTML
_DROP_TAGS = ["script", "style", "noscript", "template", "svg", "canvas", "iframe", "form", "button", "input",
              "select", "textarea", "nav", "aside", "footer", "object", "embed", "video", "audio", "map"]
_JUNK_CLASS_TOKENS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "sidebar", "comment",
    "comments", "share", "sharing", "social", "related", "banner", "advert", "advertisement", "ads", "ad",
    "quangcao", "cookie", "popup", "modal", "login", "search", "pagination", "widget", "toolbar", "rating",
    "tags", "tinlienquan", "tinkhac", "lienquan", "relate",
}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "ol", "p", "pre",
    "section", "table", "tbody", "thead", "tfoot", "ul", "caption", "details", "summary",
}


def _html_text(markup: str) -> tuple[str, Metadata]:
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception as exc:  # lxml rejects some malformed input outright
        raise DocumentError(f"Tệp HTML không đọc được: {exc}") from exc
    hints = _html_hints(soup)
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    total = len(soup.get_text(" ", strip=True)) or 1
    for header in soup.find_all("header"):
        if not header.find_parent(["article", "main"]):
            header.decompose()
    for element in list(soup.find_all(True)):
        if element.decomposed or element.name in {"html", "body"}:
            continue
        tokens = set()
        for value in (element.get("id") or "", *(element.get("class") or [])):
            tokens.update(t for t in re.split(r"[-_\s]+", str(value).lower()) if t)
            tokens.add(re.sub(r"[-_\s]+", "", str(value).lower()))
        if tokens & _JUNK_CLASS_TOKENS and len(element.get_text(" ", strip=True)) < 0.5 * total:
            element.decompose()
    main = _main_content(soup)
    return _block_text(main), hints


def _html_hints(soup) -> Metadata:
    def meta(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name}) \
                or soup.find("meta", attrs={"itemprop": name})
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
        return None

    ld = _json_ld(soup)
    h1 = soup.find("h1")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if page_title:  # "Headline - Site name": keep the longest part
        page_title = max(re.split(r"\s+[-|–—]\s+", page_title), key=len)
    title = (meta("og:title", "twitter:title") or ld.get("headline")
             or (h1.get_text(" ", strip=True) if h1 else None) or page_title or None)
    date_value = (meta("article:published_time", "datePublished", "pubdate", "publishdate", "date",
                       "dc.date", "dc.date.issued", "DC.date.issued") or ld.get("datePublished"))
    if not date_value:  # a <time> of the article itself, not of a sidebar item
        time_tag = soup.find("time", attrs={"itemprop": "datePublished"}) or soup.find("time", attrs={"pubdate": True})
        if time_tag is None and soup.article is not None:
            time_tag = soup.article.find("time", attrs={"datetime": True})
        date_value = (time_tag.get("datetime") or time_tag.get_text(" ", strip=True)) if time_tag else None
    canonical = soup.find("link", rel="canonical")
    url = meta("og:url") or (canonical.get("href") if canonical else None) or ld.get("url")
    if url and not url.startswith(("http://", "https://")):
        url = None
    source = meta("og:site_name") or ld.get("publisher")
    return Metadata(
        title=title or None,
        date=parse_date(date_value) if date_value else None,
        source=source,
        url=url,
    )


def _json_ld(soup) -> dict[str, str]:
    """headline, datePublished, url, publisher of a schema.org Article, if present."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                publisher = item.get("publisher")
                out = {k: item[k] for k in ("headline", "datePublished", "url") if isinstance(item.get(k), str)}
                if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                    out["publisher"] = publisher["name"]
                return out
    return {}


def _main_content(soup):
    """The element holding the article: a semantic container, else the
    element collecting the most paragraph text, widened while its parent
    adds little (so the lead paragraph above the body is kept)."""
    body = soup.body or soup
    total = len(body.get_text(" ", strip=True)) or 1
    for selector in ('[itemprop="articleBody"]', "article", "main", '[role="main"]'):
        found = soup.select(selector)
        if found:
            best = max(found, key=lambda el: len(el.get_text(" ", strip=True)))
            if len(best.get_text(" ", strip=True)) >= 0.25 * total:
                return best
    scores: dict[int, float] = {}
    elements = {}
    for p in body.find_all(["p", "pre", "blockquote"]):
        length = len(p.get_text(" ", strip=True))
        if length < 25:
            continue
        for weight, ancestor in ((1.0, p.parent), (0.5, p.parent.parent if p.parent else None)):
            if ancestor is not None:
                scores[id(ancestor)] = scores.get(id(ancestor), 0) + weight * length
                elements[id(ancestor)] = ancestor
    if not scores:
        return body
    best = elements[max(scores, key=scores.get)]
    while best.parent is not None and best.parent is not body and best.name != "body":
        own = len(best.get_text(" ", strip=True))
        if len(best.parent.get_text(" ", strip=True)) - own > max(0.3 * own, 500):
            break  # the parent adds a sidebar or a list of other articles
        best = best.parent
    return best


def _block_text(node) -> str:
    """Text with a blank line between blocks, ' | ' between table cells."""
    from bs4 import Comment, NavigableString
    from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

    skipped = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
    parts: list[str] = []

    def walk(element) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, skipped):
                    parts.append(re.sub(r"\s+", " ", str(child)))
                continue
            name = child.name
            if name == "br":
                parts.append("\n")
            elif name == "tr":
                cells = child.find_all(["td", "th"], recursive=False)
                if len(cells) == 1:  # layout table: the cell is a block
                    parts.append("\n\n")
                    walk(cells[0])
                    parts.append("\n\n")
                else:
                    texts = [c.get_text(" ", strip=True) for c in cells]
                    parts.append("\n\n" + " | ".join(t for t in texts if t) + "\n\n")
            elif name == "li":
                parts.append("\n\n- ")
                walk(child)
                parts.append("\n\n")
            elif name in _BLOCK_TAGS:
                parts.append("\n\n")
                walk(child)
                parts.append("\n\n")
            elif name != "img":
                walk(child)

    walk(node)
    text = "".join(parts)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"^- *$", "", text, flags=re.M)  # empty list items
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ------------------------------------------------------------------- PDF
def _pdf_text(data: bytes) -> tuple[str, Metadata]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("Tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi nạp lại")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata or {}).get("/Title")
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise DocumentError(f"Tệp PDF không đọc được: {exc}") from exc
    if not any(page.strip() for page in pages):
        raise DocumentError(
            "Tệp PDF không có lớp văn bản (có thể là bản scan ảnh); cần nhận dạng chữ (OCR) trước khi nạp"
        )
    pages = _drop_running_lines(pages)
    title = str(info_title).strip() if info_title else None
    if title and (len(title.split()) < 4 or re.search(r"\.(docx?|pdf|odt)$|^microsoft|^untitled", title, re.I)):
        title = None
    return "\n".join(pages), Metadata(title=title)


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove headers and footers repeated on most pages (digits ignored, so
    "Trang 3" repeats too)."""
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    counts: dict[str, int] = {}
    for page in pages:
        for k in {key(line) for line in page.splitlines() if line.strip()}:
            counts[k] = counts.get(k, 0) + 1
    running = {k for k, n in counts.items() if n >= 0.6 * len(pages) and len(k) <= 120}
    return ["\n".join(line for line in page.splitlines() if key(line) not in running) for page in pages]


# ------------------------------------------------------------------ DOCX
def _docx_text(data: bytes) -> tuple[str, Metadata]:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        heading = None
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.extend(_docx_table(item))
                continue
            text = item.text.strip()
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if heading is None and (style == "Title" or style.startswith("Heading")):
                heading = text
            blocks.append(text)
        core_title = (document.core_properties.title or "").strip()
    except Exception as exc:  # damaged zip, missing parts, bad XML
        raise DocumentError(f"Tệp DOCX không đọc được: {exc}") from exc
    title = heading or (core_title if len(core_title.split()) >= 3 else None)
    return "\n\n".join(blocks), Metadata(title=title)


def _docx_table(table) -> list[str]:
    """One line per row, cells joined by ' | ' (merged cells once)."""
    rows: list[str] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = re.sub(r"\s+", " ", cell.text).strip()
            if text:
                cells.append(text)
        if len(cells) == 1:
            rows.append(cells[0])
        elif cells:
            rows.append(" | ".join(cells))
    return rows


# -------------------------------------------------------------- Markdown
_FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _markdown_text(text: str) -> tuple[str, Metadata]:
    """Markdown -> plain text; front matter and the first '# ' heading as hints."""
    text = text.replace("\r\n", "\n")
    hints = Metadata()
    front = _FRONT_MATTER_RE.match(text)
    if front:
        fields = {}
        for line in front.group(1).splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip().lower()] = v.strip().strip("\"'")
        hints.title = fields.get("title") or None
        hints.date = parse_date(fields["date"]) if fields.get("date") else None
        hints.source = fields.get("source") or None
        hints.url = fields.get("url") or None
        if fields.get("province"):
            hints.provinces = provinces_from_field(fields["province"])
        text = text[front.end():]
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        heading = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            if hints.title is None and line.lstrip().startswith("# "):
                hints.title = _md_inline(heading.group(1))
            out.extend(["", _md_inline(heading.group(1)), ""])
            continue
        if re.match(r"^\s*([-*_]\s*){3,}$", line) or re.match(r"^\s*\|?\s*:?-{3,}", line) \
                or re.match(r"^\s*(=+|-+)\s*$", line) or re.match(r"^\s*\[[^\]]+\]:\s*\S+", line):
            out.append("")  # rules, table separators, setext underlines, link definitions
            continue
        line = re.sub(r"^\s*>\s?", "", line)
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)
        if line.strip().startswith("|"):
            line = " | ".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(_md_inline(line))
    return "\n".join(out), hints


def _md_inline(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links -> their text
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)  # inline HTML
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return text


# ------------------------------------------------------------ JSON lines
def _is_json_records(text: str, suffix: str) -> bool:
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return True
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not first.startswith("{"):
        return False
    try:
        return isinstance(obj := json.loads(first), dict) and "text" in obj
    except json.JSONDecodeError:
        return False


def _read_records(text: str, suffix: str, path: str | None) -> list[SourceDocument]:
    """JSONL: one document per line. A .json file may instead hold one array."""
    text = text.lstrip("\ufeff")
    records: list[tuple[str, int, object]] = []
    whole = _json_document(text) if suffix == ".json" else None
    if isinstance(whole, list):
        records = [(f"Phần tử thứ {n} của tệp JSON", n, item) for n, item in enumerate(whole, 1)]
    elif isinstance(whole, dict):
        records = [("Tệp JSON", 1, whole)]
    else:
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"Dòng {n} của tệp JSONL"
            try:
                records.append((where, n, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise DocumentError(f"{where} không phải JSON hợp lệ: {exc.msg} (cột {exc.colno})", line=n) from exc
    if not records:
        raise DocumentError("Tệp JSONL không có dòng dữ liệu nào")
    docs: list[SourceDocument] = []
    seen: dict[str, int] = {}
    for where, n, obj in records:
        doc = _record(obj, where, n, path)
        if doc.doc_id in seen:
            raise DocumentError(f"{where}: mã id '{doc.doc_id}' trùng với dòng {seen[doc.doc_id]}", line=n)
        seen[doc.doc_id] = n
        docs.append(doc)
    return docs


def _json_document(text: str) -> object:
    """A .json file holding one document or an array of them; None when it
    is really JSON lines (or broken, which the line reader then reports)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def _record(obj: object, where: str, n: int, path: str | None) -> SourceDocument:
    if not isinstance(obj, dict):
        raise DocumentError(f"{where} không phải một đối tượng JSON {{...}}", line=n)
    for name in ("id", "title", "text"):
        if obj.get(name) is None:
            raise DocumentError(f"{where} thiếu trường '{name}'", line=n)
    doc_id = obj["id"]
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        raise DocumentError(f"{where}: trường 'id' phải là chuỗi hoặc số, không rỗng", line=n)
    for name in ("title", "text", "source", "date", "kind", "url"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise DocumentError(f"{where}: trường '{name}' phải là chuỗi ký tự", line=n)
    if not obj["text"].strip():
        raise DocumentError(f"{where}: trường 'text' rỗng", line=n)
    if not obj["title"].strip():
        raise DocumentError(f"{where}: trường 'title' rỗng", line=n)
    province = obj.get("province")
    if province is not None and not (isinstance(province, str) or (
            isinstance(province, list) and all(isinstance(p, str) for p in province))):
        raise DocumentError(f"{where}: trường 'province' phải là chuỗi hoặc danh sách chuỗi", line=n)
    date = None
    if obj.get("date") and obj["date"].strip():
        date = parse_date(obj["date"])
        if date is None:
            raise DocumentError(
                f"{where}: trường 'date' không phải ngày hợp lệ: '{obj['date']}' (cần dạng yyyy-mm-dd)", line=n
            )
    hints = Metadata(
        title=obj["title"],
        date=date,
        source=(normalize(obj["source"]).strip() or None) if obj.get("source") else None,
        url=obj.get("url") or None,
        provinces=provinces_from_field(province) if province else [],
    )
    doc = _document(obj["text"], hints, doc_id=str(doc_id).strip(), path=path,
                    kind=(obj.get("kind") or None), given_text=True)
    if hints.source:
        doc.source = hints.source  # the editor's statement beats "Nguồn:" found in the text
    return doc
