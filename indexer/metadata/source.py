"""Who published an article, and where: the attribution, the lead marker or the footer."""

from __future__ import annotations

import re
from typing import NamedTuple

from indexer.clean import LEAD_MARKER_RE, ends_sentence, fold_line, is_content, is_weak_line, paragraphs
from indexer.metadata.sites import DOMAIN_RE, KNOWN_SITES, URL_RE, site_name
from knowledge.text.normalize import normalize

_ATTRIBUTION_RE = re.compile(r"^\(?(?:nguon|nguon tin|nguon bai viet|source)\s*:\s*(?P<v>.+?)\)?$")
_THEO_RE = re.compile(r"^\(?theo\s*:?\s*(?P<v>[^,;:]{2,60}?)\)?\.?$")
_FOOTER_SITE_RE = re.compile(
    r"^(trang thong tin dien tu|cong thong tin dien tu|trang tin dien tu|bao dien tu|tap chi dien tu)\b"
)
_COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|copyright|bản quyền(?: thuộc(?: về)?)?)\s*(?:©|\(c\))?\s*(?:\d{4}\s*[-–]?\s*)?", re.I
)


class Source(NamedTuple):
    """A publisher and the article's URL there, either unknown (None).

    A named tuple rather than a dataclass: callers unpack it and compare it
    with (publisher, url) pairs."""

    publisher: str | None
    url: str | None


def _attribution(value: str) -> Source:
    """'Báo Bắc Giang (https://...)' -> ('Báo Bắc Giang', 'https://...')."""
    value = value.strip().rstrip(".;,")
    url_match = URL_RE.search(value)
    url = url_match.group().rstrip(".,;)") if url_match else None
    if url and url.lower().startswith("www."):
        url = f"https://{url}"
    name = URL_RE.sub("", value).strip(" ()-–:|") if url else value
    if not name:
        return Source(site_name(url) if url else None, url)
    if DOMAIN_RE.match(name) and name.lower().removeprefix("www.") in KNOWN_SITES:
        name = site_name(name)
    return Source(name, url)


def find_source(raw: str, *, site_hint: str | None = None) -> Source:
    """(publisher, url) from, in order: a "Nguồn:"/"Theo" attribution, the
    "(Site.vn) -" lead, `site_hint` (e.g. og:site_name), the site's name in
    the footer."""
    paras = paragraphs(raw)
    lines = [p.text for p in paras]
    last_content = max(
        (i for i, p in enumerate(paras) if not p.junk and is_content(p.text) and not is_weak_line(p.text)),
        default=-1,
    )
    url = None
    for i in range(len(lines) - 1, last_content, -1):  # attributions close the article
        line = lines[i]
        if len(line.split()) > 20:
            continue
        key = fold_line(line)
        match = _ATTRIBUTION_RE.match(key)
        if not match and len(line.split()) <= 10:
            match = _THEO_RE.match(key)
        if match:
            if match.re is _ATTRIBUTION_RE:
                value = line.split(":", 1)[1].rstrip(")")
            else:
                value = re.sub(r"^\(?\s*theo\s*:?\s*", "", line, flags=re.I).rstrip(").")
            name, url = _attribution(value)
            if name:
                return Source(name, url)
    for line in lines[:25]:
        match = LEAD_MARKER_RE.match(line)
        if match:
            name = (match.group("paren") or match.group("bare")).strip()
            if "." in name or len(name.split()) <= 4:
                return Source(site_name(name) if name.lower() in KNOWN_SITES else name, url)
    if site_hint:
        return Source(normalize(site_hint).strip(), url)
    for line in lines[last_content + 1 :]:
        key = fold_line(line)
        if len(line.split()) <= 20 and _FOOTER_SITE_RE.match(key) and not ends_sentence(line):
            return Source(line.rstrip(" .:"), url)
        copyright_match = _COPYRIGHT_RE.match(line)
        if copyright_match and len(line.split()) <= 15:
            name = line[copyright_match.end() :].split(".")[0].strip(" .,:-–")
            if name:
                return Source(name, url)
    return Source(None, url)
