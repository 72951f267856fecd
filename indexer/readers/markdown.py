"""Markdown -> plain text; front matter and the first '# ' heading are the metadata hints."""

from __future__ import annotations

import re

from indexer.metadata import Metadata, document_date, provinces_from_field
from indexer.readers.document import RawFile, SourceDocument, file_document

_FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def read(file: RawFile) -> list[SourceDocument]:
    text = file.text.replace("\r\n", "\n")
    hints = Metadata()
    front = _FRONT_MATTER_RE.match(text)
    if front:
        fields = {}
        for line in front.group(1).splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip().lower()] = v.strip().strip("\"'")
        hints.title = fields.get("title") or None
        hints.date = document_date(fields["date"]) if fields.get("date") else None
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
                hints.title = _inline(heading.group(1))
            out.extend(["", _inline(heading.group(1)), ""])
            continue
        if re.match(r"^\s*([-*_]\s*){3,}$", line) or re.match(r"^\s*\|?\s*:?-{3,}", line) \
                or re.match(r"^\s*(=+|-+)\s*$", line) or re.match(r"^\s*\[[^\]]+\]:\s*\S+", line):
            out.append("")  # rules, table separators, setext underlines, link definitions
            continue
        line = re.sub(r"^\s*>\s?", "", line)
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)
        if line.strip().startswith("|"):
            line = " | ".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(_inline(line))
    return file_document(file, "\n".join(out), hints)


def _inline(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links -> their text
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)  # inline HTML
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return text
