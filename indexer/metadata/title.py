"""The title of an article: its headline, tidied, or one derived from its URL or lead."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from indexer.clean import LEAD_MARKER_RE, fold_line, is_list_item, is_weak_line, paragraphs
from knowledge.text.normalize import fold, normalize


def find_headline(raw: str) -> str | None:
    """The first headline-shaped paragraph above the article body, if any.

    Menu entries, section names and date stamps are skipped; so are lines of
    three words or fewer (a section name not in our lists). A first
    paragraph of more than 35 words is the body itself: no headline.
    """
    for para in paragraphs(raw)[:20]:
        text = para.text
        if para.junk or is_weak_line(text):
            continue
        words = len(text.split())
        if words <= 3:
            continue
        if words > 35 or len(text) > 300 or is_list_item(text) or LEAD_MARKER_RE.match(text):
            return None
        return tidy_title(text, raw)
    return None


def tidy_title(title: str, context: str = "") -> str:
    """One line, no final full stop, quotes balanced (using `context` to
    find where a lost opening quote belonged)."""
    title = re.sub(r"\s+", " ", normalize(title)).strip()
    if title.endswith(".") and not title.endswith("..") and title.count(". ") == 0:
        title = title[:-1]
    title = _balance_quotes(title, context)
    if len(title) >= 2 and title[0] in "\"“" and title[-1] in "\"”" and title.count(title[0]) == 1:
        title = title[1:-1]
    return title.strip()


def _balance_quotes(title: str, context: str) -> str:
    """'… về xã đạt chuẩn” và …' -> '… về “xã đạt chuẩn” và …' when the
    quoted phrase is found quoted in the body; otherwise the stray quote goes."""
    depth, unmatched_close = 0, []
    for i, ch in enumerate(title):
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
            else:
                unmatched_close.append(i)
    if not unmatched_close and depth == 0:
        return title
    quoted = sorted(set(re.findall(r"“([^“”]{2,150})”", context)), key=len, reverse=True)
    chars = list(title)
    for i in reversed(unmatched_close):
        before = title[:i].lower()
        phrase = next((q for q in quoted if before.endswith(q.strip().lower())), None)
        if phrase:
            chars.insert(i - len(phrase.strip()), "“")
        else:
            del chars[i]
    title = "".join(chars)
    if title.count("“") > title.count("”"):
        title = title.replace("“", "")  # opening quotes that never close
    return title


def derive_title(body: str, url: str | None = None) -> str | None:
    """A title for an article copied without its headline.

    News URLs carry the headline as a slug ("hai-duong-thuc-hien-...-2025");
    its words are restored with their diacritics from the body. Failing
    that, the opening clause of the first sentence.
    """
    from_slug = _title_from_slug(body, url) if url else None
    return from_slug or _title_from_lead(body)


def _title_from_slug(body: str, url: str) -> str | None:
    path = unquote(urlsplit(url).path).rstrip("/")
    slug = path.rsplit("/", 1)[-1]
    slug = re.sub(r"\.(html?|aspx?|php|vn)$", "", slug)
    slug = re.sub(r"[-_.](\d{5,}|[a-z]{0,4}\d{5,})$", "", slug)  # article ids
    tokens = [t for t in re.split(r"[-_]+", fold(slug)) if t]
    if len(tokens) < 4 or not all(re.fullmatch(r"[a-z0-9]+", t) for t in tokens):
        return None
    words = [w.strip(".,;:!?()[]“”\"'…") for w in body.split()]
    words = [w for w in words if w]
    folded = [fold_line(w) for w in words]
    starts: dict[str, list[int]] = {}
    for position, word in enumerate(folded):
        starts.setdefault(word, []).append(position)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        best_len, best_at = 0, -1
        for start in starts.get(tokens[i], ()):
            k = 0
            while i + k < len(tokens) and start + k < len(folded) and folded[start + k] == tokens[i + k]:
                k += 1
            if k > best_len:
                best_len, best_at = k, start
        if best_len == 0:
            return None
        out.extend(words[best_at : best_at + best_len])
        i += best_len
    title = " ".join(out)
    return title[:1].upper() + title[1:]


_LEAD_IN_RE = re.compile(r"^(thông tin từ|theo|sáng|chiều|tối|trưa|ngày|hôm|vừa qua|mới đây)\b", re.I)


def _title_from_lead(body: str) -> str | None:
    first = next((p for p in body.split("\n\n") if p.strip()), "")
    sentence = re.split(r"(?<=[.!?…])\s+", first, maxsplit=1)[0].rstrip(".!?… ")
    if not sentence:
        return None
    clauses = [c.strip() for c in sentence.split(",")]
    if len(clauses) > 1 and _LEAD_IN_RE.match(clauses[0]):
        clauses = clauses[1:]
    picked: list[str] = []
    for clause in clauses:
        picked.append(clause)
        if len(" ".join(picked).split()) >= 8:
            break
    words = ", ".join(picked).split()
    title = " ".join(words[:25]) + ("…" if len(words) > 25 else "")
    return title[:1].upper() + title[1:]
