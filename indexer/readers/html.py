"""HTML pages: the article's block text without the page's chrome, plus the
metadata the page states (Open Graph and schema.org tags, <time>, canonical link).

Navigation, sidebars, share bars and comment widgets are dropped by tag and
by class/id words; the article is the semantic container (article, main,
articleBody) or else the element collecting the most paragraph text.
"""

from __future__ import annotations

import json
import re

from indexer.metadata import Metadata, document_date
from indexer.readers.document import DocumentError, RawFile, SourceDocument, file_document

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


def read(file: RawFile) -> list[SourceDocument]:
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(file.text, "lxml")
    except Exception as exc:  # lxml rejects some malformed input outright
        raise DocumentError(f"Tệp HTML không đọc được: {exc}") from exc
    hints = _hints(soup)
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
    return file_document(file, _block_text(main), hints)


def _hints(soup) -> Metadata:
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
        date=document_date(date_value) if date_value else None,
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
