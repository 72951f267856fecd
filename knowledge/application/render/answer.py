"""Answer -> Telegram HTML, escaped, within the 4,096-character message limit.

Why text is trimmed before it becomes HTML: cutting plain text only between
words and escaping afterwards means a reply can never end inside a word, an
entity or a tag. When the reply is too long, excerpts shrink, then the last
citations go.
"""

from __future__ import annotations

from html import escape

from telegram.constants import MessageLimit

from knowledge.application.answer.model import Answer, Citation
from knowledge.application.answer.sentences import cut_words
from knowledge.application.render import messages as M
from knowledge.application.render.legal import document_name
from knowledge.text.dates import format_date
from knowledge.text.length import utf16_length

# A margin under Telegram's limit, in UTF-16 units as Telegram counts (emoji are 2).
# HTML length bounds the parsed text's, which is what Telegram measures.
BUDGET = MessageLimit.MAX_TEXT_LENGTH - 196
COVERAGE_LINES = 6
MAX_PAGES = 6  # messages for one "xem toàn văn": a long article, not a flood


def render_html(answer: Answer, limit: int = BUDGET) -> str:
    if answer.kind == "answer":
        return _fit_answer(answer, limit)
    if answer.kind == "not_found" and answer.covered is not None and answer.page == 0 and answer.covered:
        return fit(not_found_html(answer.covered, answer.message or M.NOT_FOUND_HEAD), limit)
    return fit(answer.message or M.NOT_FOUND_HEAD, limit)


def not_found_html(covered: list[str], head: str = M.NOT_FOUND_HEAD) -> str:
    shown = "\n".join(f"• {escape(line)}" for line in covered[:COVERAGE_LINES])
    more = len(covered) - COVERAGE_LINES
    tail = f"\n… và {more} tài liệu khác (xem /nguon)." if more > 0 else ""
    return (f"{escape(head, quote=False)}\n\n"
            f"Tôi trả lời câu hỏi về Chương trình xây dựng nông thôn mới dựa trên {len(covered)} tài liệu:\n"
            f"{shown}{tail}\n\n{M.HOW_TO_ASK}\nGõ /help để xem hướng dẫn.")


def with_bold(text: str, span: tuple[int, int] | None) -> str:
    """Escape `text`, bolding `span` (character offsets in the unescaped text)."""
    if not span:
        return escape(text, quote=False)
    a, b = span
    return escape(text[:a], quote=False) + "<b>" + escape(text[a:b], quote=False) + "</b>" + \
        escape(text[b:], quote=False)


def citation_header(c: Citation) -> str:
    """"[1] Điều 31 khoản 2 · Quyết định 318/QĐ-TTg" in bold (the title when the document has no number,
    and then under it when it has), then publisher and date."""
    name = c.name or c.title
    where = " · ".join(escape(x, quote=False) for x in (c.cite, name) if x)
    subtitle = c.title if name != c.title else None
    meta = " · ".join(escape(x, quote=False) for x in (subtitle, c.source, format_date(c.date)) if x)
    head = f"<b>[{c.number}] {where}</b>"
    if meta:
        head += f"\n<i>{meta}</i>"
    if c.url and c.url.startswith(("http://", "https://")):
        head += f' · <a href="{escape(c.url, quote=True)}">nguồn</a>'
    return head


def _citation_html(c: Citation, excerpt_chars: int | None) -> str:
    excerpt, figure = c.excerpt, c.figure
    if excerpt_chars is not None and len(excerpt) > excerpt_chars:
        short = cut_words(excerpt, excerpt_chars)
        figure = figure if figure and figure[1] <= len(short) else None
        excerpt = short
    return f"{citation_header(c)}\n{with_bold(excerpt, figure)}"


def _fit_answer(answer: Answer, limit: int) -> str:
    head = ""
    if answer.rewritten:
        head = f"<i>Hiểu là: {escape(answer.query, quote=False)}</i>\n\n"
    if answer.lead is not None:
        head += f"📌 {with_bold(answer.lead.text, answer.lead.figure)} [{answer.lead.citation}]\n\n"
    elif answer.message and answer.page == 0:  # no passage answers: the closest, as related
        head += f"{answer.message}\n\n<b>{M.RELATED_HEAD}</b>\n\n"
    elif answer.page > 0:
        head += f"<b>Kết quả tiếp theo</b> (trang {answer.page + 1})\n\n"
    citations = list(answer.citations)
    for excerpt_chars in (None, 500, 350, 220, 120):
        while citations:
            body = "\n\n".join(_citation_html(c, excerpt_chars) for c in citations)
            text = head + body
            if utf16_length(text) <= limit:
                return text
            if excerpt_chars is not None and len(citations) > 1 and excerpt_chars <= 120:
                citations.pop()
                continue
            break
    return fit(head.strip() or M.NOT_FOUND_HEAD, limit)


def fit(html_text: str, limit: int = BUDGET) -> str:
    """Shorten already-built HTML only at a line break outside tags (lines are balanced)."""
    if utf16_length(html_text) <= limit:
        return html_text
    lines = html_text.split("\n")
    while lines and utf16_length("\n".join(lines)) + 2 > limit:
        lines.pop()
    return "\n".join(lines) + "\n…"


def _hit_citation(hit, number: int | None) -> Citation:
    return Citation(number or hit.rank or 0, hit.passage_id, hit.doc_id, hit.title, hit.source, hit.date,
                    hit.url, "", cite=getattr(hit, "cite", None), name=document_name(hit))


def _hit_header(hit, number: int | None) -> str:
    c = _hit_citation(hit, number)
    return citation_header(c) if number else citation_header(c).replace(f"[{c.number}] ", "", 1)


def passage_pages(hit, number: int | None = None, limit: int = BUDGET) -> list[str]:
    """The whole text of `hit` (a passage, or the article the engine put together) as at most
    MAX_PAGES messages: its citation header, then its paragraphs, each message within `limit` and
    cut between paragraphs (a paragraph longer than a message between words); past MAX_PAGES,
    a note says it goes on."""
    head = _hit_header(hit, number)
    room = limit - 80  # the page marker "(tiếp theo, 2/6)" and the closing note
    paragraphs = [" ".join(p.split()) for p in hit.text.split("\n") if p.strip()]
    pages: list[list[str]] = [[head, ""]]
    size, filled = utf16_length(head) + 2, False
    for para in paragraphs:
        for piece in _pieces(para, room - 40):
            cost = utf16_length(escape(piece, quote=False)) + 1
            if size + cost > room and filled:
                pages.append([])
                size = 0
            pages[-1].append(escape(piece, quote=False))
            size, filled = size + cost, True
    total = len(pages)
    shown = pages[:MAX_PAGES]
    out = []
    for n, page in enumerate(shown, start=1):
        text = "\n".join(page)
        if total > 1 and n > 1:
            text = f"<i>(tiếp theo, {n}/{min(total, MAX_PAGES)})</i>\n" + text
        out.append(text)
    if total > MAX_PAGES:
        out[-1] += f"\n<i>{M.ARTICLE_GOES_ON.format(pages=MAX_PAGES)}</i>"
    return out


def _pieces(paragraph: str, room: int) -> list[str]:
    """A paragraph cut between words into pieces that fit `room` once escaped."""
    pieces: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        while utf16_length(escape(word, quote=False)) > room:  # one "word" longer than a message
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:room // 6])  # "&amp;" is 5 units, an emoji 2: a sixth always fits
            word = word[room // 6:]
        candidate = f"{current} {word}" if current else word
        if current and utf16_length(escape(candidate, quote=False)) > room:
            pieces.append(current)
            candidate = word
        current = candidate
    pieces.append(current)
    return pieces
