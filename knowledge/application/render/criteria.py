"""Replies for /tieuchi and `ntm tieuchi`: a criteria set as a list, or one criterion with its documents.

The documents come from a search function handed in by the caller, so this
module does not depend on the search engine; each is shown with its title
and the sentence that names the criterion. A question typed in plain text
(knowledge.application.answer.criteria) gets the same cards under a direct
answer in bold: one sentence from the data, never beyond it.
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
from knowledge.domain.criteria.model import CommuneGroup, CriteriaSet, all_sets
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
    lines += _group_lines(s, html_mode)
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


def _group_line(g: CommuneGroup) -> str:
    return f"• Nhóm {g.number}: {g.description}"


def _group_lines(s: CriteriaSet, html_mode: bool) -> list[str]:
    if not s.groups:
        return []
    return ["Nhóm xã (mỗi tiêu chí, chỉ tiêu quy định riêng cho từng nhóm):",
            *(_esc(_group_line(g), html_mode) for g in s.groups)]


def criterion_search_query(match: CriterionMatch) -> str:
    """What to search the documents for."""
    return f"tiêu chí {match.criterion.name}"


def render_criterion(match: CriterionMatch, hits: Sequence[Any] | None = (), *, html_mode: bool = True,
                     today: dt.date | None = None) -> str:
    """One criterion, the set it belongs to, and up to three documents that discuss it.

    `hits=None`: the documents were not searched, so nothing is said about them.
    """
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
    if hits is None:
        return "\n".join(lines)
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


# ------------------------------------------------------------ direct answers to plain-text questions


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def with_answer(sentence: str, card: str, *, html_mode: bool = True) -> str:
    """The direct answer in bold above the /tieuchi card it was read from."""
    return f"{_b(sentence, html_mode)}\n\n{card}"


def count_sentence(s: CriteriaSet, *, indicators_asked: bool = False) -> str:
    """'Bộ tiêu chí ... 2026-2030 có 10 tiêu chí, 47 chỉ tiêu.'; says so when the data has no indicator count."""
    text = f"{s.title} có {len(s.criteria)} tiêu chí"
    if s.indicator_count:
        return text + f", {s.indicator_count} chỉ tiêu."
    if indicators_asked:
        return text + "; dữ liệu bộ tiêu chí chưa ghi tổng số chỉ tiêu."
    return text + "."


def missing_sentence(s: CriteriaSet, number: int) -> str:
    return f"{s.title} có {len(s.criteria)} tiêu chí; không có tiêu chí số {number}."


def indicators_sentence(s: CriteriaSet) -> str | None:
    """'Bộ tiêu chí ... có 47 chỉ tiêu, thuộc 10 tiêu chí.'; None when the data does not state the count."""
    if not s.indicator_count:
        return None
    return f"{s.title} có {s.indicator_count} chỉ tiêu, thuộc {len(s.criteria)} tiêu chí."


def decision_sentence(s: CriteriaSet) -> str:
    signed = f" ngày {format_date(s.signed)}" if s.signed else ""
    return f"{s.title} được ban hành kèm theo {s.decision}{signed}."


def signed_sentence(s: CriteriaSet) -> str | None:
    """When the decision was signed (and takes effect); None when the data does not record it."""
    if not s.signed:
        return None
    text = f"{s.decision} ban hành {_lower_first(s.title)} được ký ngày {format_date(s.signed)}"
    if s.in_force_from:
        text += f", có hiệu lực từ ngày {format_date(s.in_force_from)}"
    return text + "."


def in_force_sentence(s: CriteriaSet) -> str | None:
    """From when the set applies; None when the data records no date."""
    if not s.in_force_from:
        return None
    return f"{s.title} ({s.decision}) có hiệu lực từ ngày {format_date(s.in_force_from)}."


def year_sentence(year: int, s: CriteriaSet) -> str:
    """Which set applies in `year`, with the set before it when `s` took effect during that year."""
    text = f"Năm {year} áp dụng {_lower_first(s.title)} ({s.decision})"
    earlier = [o for o in all_sets() if o.effective_from < s.effective_from]
    starts = s.in_force_from
    if earlier and starts and starts.year == year and starts > dt.date(year, 1, 1):
        before = earlier[-1]
        text += (f", có hiệu lực từ ngày {format_date(starts)}; trước ngày đó áp dụng bộ tiêu chí giai đoạn "
                 f"{before.period} ({before.decision})")
    return text + "."


def current_sentence(s: CriteriaSet) -> str:
    since = f", hiệu lực từ ngày {format_date(s.in_force_from)}" if s.in_force_from else ""
    return f"Hiện nay áp dụng {_lower_first(s.title)} ({s.decision}{since})."


def named_sentence(match: CriterionMatch) -> str:
    """'Tiêu chí “Giao thông” là tiêu chí số 2 của bộ tiêu chí giai đoạn 2021-2025 (Quyết định 318/QĐ-TTg).'"""
    c, s = match.criterion, match.criteria_set
    return f"Tiêu chí “{c.name}” là tiêu chí số {c.number} của bộ tiêu chí giai đoạn {s.period} ({s.decision})."


def render_groups(s: CriteriaSet, number: int | None = None, *, html_mode: bool = True) -> str:
    """The commune groups of a set, the asked one (`number`) first in bold."""
    group = next((g for g in s.groups if g.number == number), None)
    if group is not None:
        head = f"Nhóm {group.number} trong {_lower_first(s.title)} ({s.decision}): {group.description}."
    else:
        head = f"{s.title} ({s.decision}) chia các xã thành {len(s.groups)} nhóm."
    lines = [_b(head, html_mode), "", *_group_lines(s, html_mode), ""]
    lines.append(_esc(f"Xem cả bộ tiêu chí: /tieuchi {s.period}.", html_mode))
    return "\n".join(lines)
