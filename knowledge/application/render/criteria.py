"""Replies for /tieuchi and `ntm tieuchi`: a criteria set as a list, or one criterion with its documents.

The documents come from a search function handed in by the caller, so this
module does not depend on the search engine; each is shown with its title
and the sentence that names the criterion.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from typing import Any

from knowledge.domain.criteria.lookup import (
    CriterionMatch,
    UnknownPeriod,
    criterion_words,
    current_set,
    find_criterion,
    set_named_in,
)
from knowledge.domain.criteria.model import CriteriaSet, all_sets
from knowledge.text.dates import format_date
from knowledge.text.sentences import clause_spans
from knowledge.text.tokens import folded_words

USAGE = "Cú pháp: /tieuchi [số hoặc tên], ví dụ /tieuchi 2, /tieuchi môi trường, /tieuchi giao thông theo 318"
Search = Callable[[str, int], Sequence[Any]]
_SNIPPET = 220


def _esc(text: str, on: bool) -> str:
    return html.escape(text, quote=False) if on else text


def _b(text: str, on: bool) -> str:
    return f"<b>{html.escape(text, quote=False)}</b>" if on else text


def describe_set(s: CriteriaSet, *, today: dt.date | None = None) -> str:
    """'Quyết định 51/2025/QĐ-TTg ngày 29/12/2025, hiệu lực từ 15/02/2026; 10 tiêu chí, 47 chỉ tiêu; đang áp dụng'."""
    parts = [s.decision + (f" ngày {format_date(s.signed)}" if s.signed else "")]
    if s.in_force_from:
        parts[0] += f", hiệu lực từ {format_date(s.in_force_from)}"
    count = f"{len(s.criteria)} tiêu chí"
    if s.indicator_count:
        count += f", {s.indicator_count} chỉ tiêu"
    parts.append(count)
    parts.append("đang áp dụng" if s.id == current_set(today).id else "không còn áp dụng")
    return "; ".join(parts)


def render_criteria_list(s: CriteriaSet, *, html_mode: bool = True, today: dt.date | None = None) -> str:
    """The whole set: decision, commune groups, numbered criteria, and how to see one or the other set."""
    lines = [_b(s.title, html_mode), _esc(describe_set(s, today=today), html_mode)]
    if s.groups:
        lines.append("Nhóm xã (mỗi tiêu chí, chỉ tiêu quy định riêng cho từng nhóm):")
        lines += [_esc(f"• Nhóm {g.number}: {g.description}", html_mode) for g in s.groups]
    lines.append("")
    lines += [_esc(f"{c.number}. {c.name}", html_mode) for c in s.criteria]
    notes = [n for n in s.notes if "riêng cho từng nhóm" not in n]
    if notes:
        lines.append("")
        lines += [_esc(n, html_mode) for n in notes]
    others = [o for o in all_sets() if o.id != s.id]
    lines.append("")
    hint = "Xem một tiêu chí: /tieuchi <số hoặc tên>."
    if others:
        hint += " Bộ khác: " + ", ".join(f"/tieuchi {o.period}" for o in others) + "."
    lines.append(_esc(hint, html_mode))
    return "\n".join(lines)


def criterion_search_query(match: CriterionMatch) -> str:
    """What to search the documents for."""
    return f"tiêu chí {match.criterion.name}"


def render_criterion(match: CriterionMatch, hits: Sequence[Any] = (), *, html_mode: bool = True,
                     today: dt.date | None = None) -> str:
    """One criterion, the set it belongs to, and up to three documents that discuss it."""
    c, s = match.criterion, match.criteria_set
    lines = [_b(f"Tiêu chí {c.number}: {c.name}", html_mode)]
    lines.append(_esc(f"{s.title} ({describe_set(s, today=today)})", html_mode))
    if match.other_set:
        now = current_set(today)
        lines.append(_esc(
            f"Lưu ý: bộ tiêu chí hiện hành ({now.decision}, giai đoạn {now.period}) không có tiêu chí này; "
            f"đây là tiêu chí của bộ giai đoạn {s.period}.", html_mode))
    if s.groups:
        lines.append(_esc(f"Tiêu chí và các chỉ tiêu được quy định riêng cho {len(s.groups)} nhóm xã.", html_mode))
    lines.append("")
    if hits:
        lines.append("Tài liệu liên quan:")
        for i, hit in enumerate(hits[:3], 1):
            title = getattr(hit, "title", None) or getattr(hit, "doc_id", "tài liệu")
            snippet = _snippet(getattr(hit, "text", "") or "", c.name)
            lines.append(f"[{i}] {_b(title, html_mode)}: «{_esc(snippet, html_mode)}»")
    else:
        lines.append("Chưa có tài liệu nào trong kho bàn về tiêu chí này; nội dung chi tiết sẽ có khi quản trị "
                     "viên bổ sung văn bản.")
    return "\n".join(lines)


def _snippet(text: str, name: str) -> str:
    """The sentence of `text` sharing most words with the criterion name, shortened."""
    words = {w for w in folded_words(name) if len(w) > 1}
    sentences = [s.of(text) for s in clause_spans(text)]
    if not sentences:
        return ""
    best = max(sentences, key=lambda s: len(words & set(folded_words(s))))
    return best if len(best) <= _SNIPPET else best[:_SNIPPET - 1].rstrip() + "…"


def tieuchi_reply(query: str = "", search: Search | None = None, *, html_mode: bool = True,
                  today: dt.date | None = None, k: int = 3) -> str:
    """The full /tieuchi reply for what the user typed after the command."""
    query = (query or "").strip()
    try:
        named = set_named_in(query) if query else None
    except UnknownPeriod as exc:
        known = ", ".join(s.period for s in all_sets())
        return _esc(f"Không tìm thấy bộ tiêu chí cho “{exc}”. Các bộ đang có: {known}.\n{USAGE}", html_mode)
    match = find_criterion(query, today=today) if query else None
    if match is None:
        chosen = named or current_set(today)
        if not query or _only_names_a_set(query):
            return render_criteria_list(chosen, html_mode=html_mode, today=today)
        names = ", ".join(f"{c.number}. {c.name}" for c in chosen.criteria)
        message = (f"Không tìm thấy tiêu chí “{query}” trong {chosen.title} "
                   f"({len(chosen.criteria)} tiêu chí: {names}).\n{USAGE}")
        return _esc(message, html_mode)
    hits = list(search(criterion_search_query(match), k)) if search else []
    return render_criterion(match, hits, html_mode=html_mode, today=today)


def _only_names_a_set(query: str) -> bool:
    return not criterion_words(query)
