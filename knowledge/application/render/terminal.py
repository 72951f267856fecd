"""Telegram HTML -> readable terminal text (rich), so `ntm chat` shows exactly the bot's replies."""

from __future__ import annotations

import html
import re

from rich.text import Text

_TAG = re.compile(r"<(/?)([a-z-]+)([^>]*)>")
_STYLES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "code": "cyan",
           "pre": "cyan", "s": "strike", "a": "underline blue", "blockquote": "dim"}


def html_to_text(markup: str) -> Text:
    """Styled rich Text; links keep their address in brackets."""
    out = Text()
    styles: list[str] = []
    links: list[str | None] = []
    pos = 0
    for m in _TAG.finditer(markup):
        out.append(html.unescape(markup[pos:m.start()]), style=" ".join(styles) or None)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if closing:
            if styles:
                styles.pop()
            if name == "a" and links:
                href = links.pop()
                if href:
                    out.append(f" ({href})", style="dim")
        else:
            styles.append(_STYLES.get(name, ""))
            if name == "a":
                href = re.search(r'href="([^"]*)"', attrs)
                links.append(html.unescape(href.group(1)) if href else None)
    out.append(html.unescape(markup[pos:]), style=" ".join(styles) or None)
    return out


def html_to_plain(markup: str) -> str:
    return html_to_text(markup).plain
