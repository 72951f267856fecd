"""Answers as inline cards: what `@bot câu hỏi` offers in any chat, to drop a cited answer into a group.

Why cards are short and self-contained: the message an official drops into a
working group must stand on its own (the question, the lead sentence with its
figure in bold, where it comes from), while the full answer with every passage
opens in the private chat through the card's button (`Open`). Titles and
descriptions are plain text cut between words, message texts are Telegram HTML
within 4,096 UTF-16 units, and ids are short and unique within one answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html import escape

from telegram.constants import MessageLimit

from knowledge.application.answer.model import Answer, Citation
from knowledge.application.answer.sentences import cut_words
from knowledge.application.render import messages as M
from knowledge.application.render.answer import fit, with_bold
from knowledge.text.dates import format_date

TITLE = 64  # characters: one line in the result list
DESCRIPTION = 150  # about two lines under the title
BUDGET = MessageLimit.MAX_TEXT_LENGTH - 96
CITATION_CARDS = 3
_TAG = re.compile(r"<[^>]+>")
# "Điều 31", "Điều 5 khoản 2", "Phụ lục I": where in a structured document a passage stands.
_LOCATION = re.compile(r"^\s*((?:Điều\s+\d+[a-zđ]?(?:\s*,?\s*khoản\s+\d+)?)|(?:Phụ lục\s+[IVXLC\d]+))\b")


@dataclass(frozen=True)
class Open:
    """What a card's button opens in the private chat: a question, a commune's card, or the help."""

    kind: str  # "question", "commune" or "help"
    value: str | int | None = None


@dataclass(frozen=True)
class InlineCard:
    id: str
    title: str  # plain text
    description: str  # plain text
    html: str  # the message the chat shows when the card is picked
    opens: Open


def plain(html_text: str) -> str:
    """Telegram HTML -> the text a person reads, on one line."""
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub("", html_text))).strip()


def _short(text: str, budget: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= budget else cut_words(text, budget)


def source_line(c: Citation) -> str:
    """'Điều 5 · Kế hoạch 1416/KH-UBND · UBND tỉnh Long An, 12/01/2024' (plain text): the passage's
    place as the indexer found it, else an article named at the start of the excerpt."""
    where = c.cite
    if where is None and (found := _LOCATION.match(c.excerpt or "")):
        where = found.group(1)
    meta = ", ".join(x for x in (c.source, format_date(c.date)) if x)
    parts = [where, c.name or c.title, meta or None]
    return " · ".join(p for p in parts if p)


def _question_line(answer: Answer) -> str:
    return f"❓ <i>{escape(_short(answer.question, 300), quote=False)}</i>"


def _citation_card(answer: Answer, c: Citation) -> InlineCard:
    excerpt, figure = c.excerpt, c.figure
    if len(excerpt) > 1500:
        excerpt = cut_words(excerpt, 1500)
        figure = figure if figure and figure[1] <= len(excerpt) else None
    body = (f"{_question_line(answer)}\n\n{with_bold(excerpt, figure)} [{c.number}]\n\n"
            f"<i>[{c.number}] {escape(source_line(c), quote=False)}</i>")
    return InlineCard(f"c{c.number}", _short(f"[{c.number}] {c.title}", TITLE),
                      _short(c.excerpt, DESCRIPTION), fit(body, BUDGET), Open("question", answer.question))


def answer_cards(answer: Answer) -> list[InlineCard]:
    """The lead as the first card (its figure in bold, its source line), then each cited passage."""
    opens = Open("question", answer.question)
    if answer.kind == "answer":
        cards = []
        by_number = {c.number: c for c in answer.citations}
        if answer.lead is not None:
            lead = answer.lead
            cited = by_number.get(lead.citation)
            source = source_line(cited) if cited else ""
            body = f"{_question_line(answer)}\n\n📌 {with_bold(lead.text, lead.figure)} [{lead.citation}]"
            if source:
                body += f"\n\n<i>[{lead.citation}] {escape(source, quote=False)}</i>"
            body += "\n\n<i>Xem đầy đủ các trích dẫn: bấm nút bên dưới.</i>"
            cards.append(InlineCard("a", _short("📌 " + lead.text, TITLE), _short(source, DESCRIPTION),
                                    fit(body, BUDGET), opens))
        elif answer.message:
            sources = "\n".join(f"<i>[{c.number}] {escape(source_line(c), quote=False)}</i>"
                                for c in answer.citations)
            body = f"{_question_line(answer)}\n\n{answer.message}\n\n<b>{M.RELATED_HEAD}</b>\n{sources}"
            cards.append(InlineCard("m", _short(plain(answer.message), TITLE), _short(M.RELATED_HEAD, DESCRIPTION),
                                    fit(body, BUDGET), opens))
        cards += [_citation_card(answer, c) for c in answer.citations[:CITATION_CARDS]]
        if cards:
            return cards
    return [message_card(answer)]


def message_card(answer: Answer) -> InlineCard:
    """Everything but a passage answer (a criteria, target or commune reply, "Không tìm thấy"): one card."""
    if answer.kind == "not_found":
        text = f"{M.NOT_FOUND_HEAD}\n{M.HOW_TO_ASK}"
    else:
        text = answer.message or M.NOT_FOUND_HEAD
    lines = [plain(line) for line in text.split("\n") if plain(line)]
    title = lines[0] if lines else M.NOT_FOUND_HEAD
    description = " ".join(lines[1:3]) if len(lines) > 1 else ""
    question = f"{_question_line(answer)}\n\n" if answer.question else ""
    return InlineCard(answer.kind[:1] or "s", _short(title, TITLE), _short(description, DESCRIPTION),
                      fit(question + text, BUDGET), Open("question", answer.question))


def commune_card(commune_id: int, card_html: str) -> InlineCard:
    """A commune's status card (`render_card_html`) as it is: first line the title, the level the description."""
    lines = [plain(line) for line in card_html.split("\n") if plain(line)]
    level = next((line for line in lines if line.startswith("Mức cao nhất")), lines[1] if len(lines) > 1 else "")
    return InlineCard(f"x{commune_id}", _short(lines[0].lstrip("🏡 "), TITLE), _short(level, DESCRIPTION),
                      fit(card_html, BUDGET), Open("commune", commune_id))


def help_card(bot_username: str) -> InlineCard:
    """For an empty or too short query: how to ask inline, with examples."""
    mention = f"@{bot_username}" if bot_username else "tên bot"
    examples = "\n".join(f"• <i>{mention} {escape(e, quote=False)}</i>" for e in M.EXAMPLES[:2])
    body = ("<b>Hỏi đáp nông thôn mới ngay trong nhóm</b>\n"
            f"Gõ {escape(mention, quote=False)} rồi câu hỏi (hoặc tên xã) và chọn câu trả lời để gửi vào "
            f"cuộc trò chuyện, kèm nguồn trích dẫn. Ví dụ:\n{examples}")
    return InlineCard("help", "Hỏi về nông thôn mới", _short(f"Gõ câu hỏi sau {mention}, ví dụ: {M.EXAMPLES[0]}",
                                                               DESCRIPTION), body, Open("help"))
