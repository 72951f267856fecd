"""Targets as a compact reply: one line per fact, grouped by province and year, cited.

Telegram: bullet lines rather than a <pre> table, because a phone wraps a
wide table into noise while a short line per fact stays readable, and the
figure can be bold. Every row ends with [n] pointing to a document title,
and the message never exceeds Telegram's limit (4,096 UTF-16 units). The console
gets the same content as aligned plain text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

from telegram.constants import MessageLimit

from knowledge import places
from knowledge.domain.targets import lexicon as L
from knowledge.domain.targets.answer import NumericAnswer
from knowledge.domain.targets.model import Kind, Target
from knowledge.domain.targets.query import TargetRow, group_targets, provinces_with_targets, query_targets
from knowledge.text.length import utf16_length

USAGE = "Cú pháp: /chitieu [tỉnh] [năm], ví dụ /chitieu Hải Dương 2025"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def subject(t: Target) -> str:
    """'Xã NTM nâng cao', 'Thôn NTM kiểu mẫu', 'Tỷ lệ hộ nghèo'."""
    if t.indicator:
        return t.indicator
    unit = (t.unit or "đơn vị").capitalize()
    level = L.LEVEL_TITLES.get(t.level or "", t.level or "")
    text = f"{unit} {level}".strip()
    return f"{t.district} – {text}" if t.district else text


def figure_phrase(t: Target, *, bold: bool) -> str:
    """'thêm <b>29 xã</b> (đạt 62,2%)', 'ít nhất <b>50%</b> số xã', 'giảm còn <b>1,8%</b>'."""
    wrap = (lambda s: f"<b>{_esc(s)}</b>") if bold else (lambda s: s)
    esc = _esc if bold else (lambda s: s)
    parts = []
    if t.kind in (Kind.ADDITIONAL, Kind.TOTAL):
        parts.append(t.kind.label)
    if t.qualifier:
        parts.append(esc(t.qualifier))
    parts.append(wrap(t.quote))
    if t.kind is Kind.SHARE and t.unit:
        parts.append(f"số {t.unit}")
    if t.percent_quote:
        parts.append(f"(đạt {esc(t.percent_quote)})")
    return " ".join(parts)


def _sources(rows: Sequence[TargetRow], titles: Mapping[str, str] | None) -> tuple[dict[str, int], list[str]]:
    numbers: dict[str, int] = {}
    names: list[str] = []
    for row in rows:
        for t in row.sources:
            if t.doc_id not in numbers:
                numbers[t.doc_id] = len(numbers) + 1
                names.append((titles or {}).get(t.doc_id) or t.doc_title or t.doc_id)
    return numbers, names


def _cites(row: TargetRow, numbers: Mapping[str, int]) -> str:
    return "".join(f"[{n}]" for n in sorted({numbers[t.doc_id] for t in row.sources}))


def _year_title(year: int | None, period: str | None) -> str:
    if year is None:
        return f"Giai đoạn {period}" if period else "Không rõ năm"
    return f"Năm {year}"


def render_targets_html(
    targets: Sequence[Target],
    *,
    titles: Mapping[str, str] | None = None,
    heading: str | None = None,
    max_chars: int = MessageLimit.MAX_TEXT_LENGTH,
) -> str:
    """Telegram HTML: per province a bold title, per year a line, then one line per fact."""
    rows = group_targets(targets)
    kept = len(rows)
    while True:
        text = _html_body(rows[:kept], len(rows) - kept, titles, heading)
        length = utf16_length(text)
        if length <= max_chars or kept == 0:
            return text
        kept -= max(1, (length - max_chars) // 60)
        kept = max(kept, 0)


def _html_body(rows, dropped, titles, heading) -> str:
    numbers, names = _sources(rows, titles)
    lines = [f"<b>{_esc(heading)}</b>"] if heading else []
    province = year = object()
    for row in rows:
        t = row.target
        if t.province != province:
            if lines:
                lines.append("")
            lines.append(f"<b>📍 {_esc(t.province or 'Không rõ tỉnh')}</b>")
            province, year = t.province, object()
        if t.year != year:
            lines.append(f"<u>{_year_title(t.year, t.period)}</u>")
            year = t.year
        lines.append(f"• {_esc(subject(t))}: {figure_phrase(t, bold=True)} {_cites(row, numbers)}")
    if dropped:
        lines.append(f"… và {dropped} chỉ tiêu khác; hãy lọc theo tỉnh và năm. {_esc(USAGE)}")
    if names:
        lines.append("")
        lines.append("<i>Nguồn:</i>")
        lines += [f"[{i}] {_esc(name)}" for i, name in enumerate(names, 1)]
    return "\n".join(lines).strip()


def render_targets_text(targets: Sequence[Target], *, titles: Mapping[str, str] | None = None) -> str:
    """Console: aligned columns (year, subject, figure, citation), sources at the end."""
    rows = group_targets(targets)
    numbers, names = _sources(rows, titles)
    width = max((len(subject(r.target)) for r in rows), default=0)
    years = [str(r.target.year) if r.target.year else (r.target.period or "----") for r in rows]
    year_width = max(map(len, years), default=4)
    lines: list[str] = []
    province = object()
    for row, year in zip(rows, years, strict=True):
        t = row.target
        if t.province != province:
            if lines:
                lines.append("")
            lines.append(t.province or "Không rõ tỉnh")
            province = t.province
        lines.append(f"  {year:<{year_width}}  {subject(t):<{width}}  {figure_phrase(t, bold=False)}  "
                     f"{_cites(row, numbers)}")
    if names:
        lines.append("")
        lines.append("Nguồn:")
        lines += [f"[{i}] {name}" for i, name in enumerate(names, 1)]
    return "\n".join(lines)


def _known(all_targets: Iterable[Target]) -> str:
    parts = []
    for province, years in provinces_with_targets(all_targets):
        if years:
            span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
            parts.append(f"{province} ({span})")
        else:
            parts.append(province)
    return ", ".join(parts)


def not_found_message(province: str | None, year: int | None, all_targets: Sequence[Target]) -> str:
    """Plain text starting with 'Không tìm thấy', naming the provinces that do have targets."""
    resolved = places.resolve(province) if province else None
    what = []
    if province:
        what.append(resolved.display if resolved else f"“{province.strip()}”")
    if year:
        what.append(f"năm {year}")
    message = "Không tìm thấy chỉ tiêu" + (" cho " + " ".join(what) if what else "") + "."
    if province and resolved is None:
        message += " Tên tỉnh này không có trong danh mục 63 tỉnh cũ và 34 tỉnh mới."
    elif resolved is not None and resolved.merged_into is not None:
        message += f" ({resolved.display} nay thuộc {resolved.merged_into.display}.)"
    known = _known(all_targets)
    if known:
        message += f"\nĐã có chỉ tiêu của: {known}."
    else:
        message += "\nChưa có chỉ tiêu nào: hãy lập chỉ mục tài liệu (ntm index)."
    return message + "\n" + USAGE


def targets_reply(
    all_targets: Sequence[Target],
    province: str | None = None,
    year: int | None = None,
    *,
    html_mode: bool = True,
    titles: Mapping[str, str] | None = None,
) -> str:
    """The whole /chitieu reply: the table, or 'Không tìm thấy ...' with what is known."""
    found = query_targets(all_targets, province, year)
    if not found:
        message = not_found_message(province, year, all_targets)
        return _esc(message) if html_mode else message
    if html_mode:
        heading = "Chỉ tiêu NTM" + (f" năm {year}" if year else "")
        return render_targets_html(found, titles=titles, heading=heading)
    return render_targets_text(found, titles=titles)


def _answer_lines(answer: NumericAnswer, *, bold: bool) -> list[str]:
    t = answer.target
    esc = _esc if bold else (lambda s: s)
    where = ", ".join(x for x in (t.province, f"năm {t.year}" if t.year else None) if x)
    what = subject(t) + (f", {t.kind.label}" if t.kind in (Kind.ADDITIONAL, Kind.TOTAL) else "")
    figure = f"<b>{_esc(answer.figure)}</b>" if bold else answer.figure
    lines = [" · ".join(x for x in (figure, esc(what), esc(where)) if x)]
    if answer.figure != t.quote:
        lines.append(f"Chỉ tiêu: {figure_phrase(t, bold=bold)}")
    if answer.related:
        lines.append("Cùng kế hoạch: " + "; ".join(figure_phrase(o, bold=bold) for o in answer.related))
    return lines


def render_numeric_answer_html(answer: NumericAnswer, *, title: str | None = None) -> str:
    """The figure first (exact quote), then its sentence with the figure in bold, then the source."""
    t = answer.target
    lines = _answer_lines(answer, bold=True)
    lines.append(f"«{_highlight(t)}» [1]")
    lines.append(f"[1] {_esc(title or t.doc_title or t.doc_id)}")
    return "\n".join(lines)


def render_numeric_answer_text(answer: NumericAnswer, *, title: str | None = None) -> str:
    t = answer.target
    lines = _answer_lines(answer, bold=False)
    lines.append(f"«{t.sentence}» [1]")
    lines.append(f"[1] {title or t.doc_title or t.doc_id}")
    return "\n".join(lines)


def _highlight(t: Target) -> str:
    """The sentence, escaped, with the figure(s) in bold at their exact offsets."""
    spans = [(t.start - t.sentence_start, t.end - t.sentence_start)]
    if t.percent_start is not None:
        spans.append((t.percent_start - t.sentence_start, t.percent_end - t.sentence_start))
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos or b > len(t.sentence) or t.sentence[a:b] == "":
            continue
        out.append(_esc(t.sentence[pos:a]))
        out.append(f"<b>{_esc(t.sentence[a:b])}</b>")
        pos = b
    out.append(_esc(t.sentence[pos:]))
    return "".join(out)
