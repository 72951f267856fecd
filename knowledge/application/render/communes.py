"""Vietnamese text for cards, choices, "Không tìm thấy", statistics and imports.

One layout, two outputs: Telegram HTML (escaped, bold, ≤ 4,096 UTF-16 units) and
plain console text. Lines are cut whole, so a long card never ends inside a tag.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from telegram.constants import MessageLimit

from knowledge.domain.communes.cards import CommuneCard, ImportInfo, PlanInfo, RecognitionInfo, RelatedUnit
from knowledge.domain.communes.criteria_met import ranges
from knowledge.domain.communes.importer import ImportResult
from knowledge.domain.communes.index import CommuneRef, district_lower
from knowledge.domain.communes.levels import LEVELS_BY_RANK, Level
from knowledge.domain.communes.stats import Stats
from knowledge.places.names import key
from knowledge.text.dates import format_date, format_datetime
from knowledge.text.length import utf16_length
from knowledge.text.numbers import format_number

MAX_CANDIDATES = 10
NO_DATA = "Chưa có dữ liệu công nhận nông thôn mới nào được nạp cho {unit}."
NO_IMPORT = "Hệ thống chưa nạp danh sách xã đạt chuẩn nông thôn mới nào."


@dataclass(frozen=True)
class _Fmt:
    esc: Callable[[str], str]
    bold: Callable[[str], str]
    italic: Callable[[str], str]


HTML = _Fmt(html.escape, lambda s: f"<b>{s}</b>", lambda s: f"<i>{s}</i>")
TEXT = _Fmt(lambda s: s, lambda s: s, lambda s: s)


def _fit(lines: list[str], limit: int = MessageLimit.MAX_TEXT_LENGTH) -> str:
    out, size = [], 0
    for i, line in enumerate(lines):
        length = utf16_length(line)
        if size + length + 1 > limit - 40:
            out.append(f"… (còn {len(lines) - i} dòng, đã rút gọn)")
            break
        out.append(line)
        size += length + 1
    return "\n".join(out).strip()


def _source_line(info: ImportInfo | None, f: _Fmt) -> str:
    if info is None:
        return f.italic(NO_IMPORT)
    return f.italic(f.esc(f"Dữ liệu công nhận nạp lần cuối: {format_datetime(info.imported_at)} ({info.file_name})."))


def _decision(r: RecognitionInfo) -> str:
    parts = []
    if r.decision_number:
        number = r.decision_number
        prefixed = key(number).startswith(("qd", "quyetdinh"))
        parts.append(number if prefixed else f"QĐ số {number}")
    if r.decision_date:
        parts.append(f"ngày {format_date(r.decision_date)}")
    return " ".join(parts)


def _recognition_lines(r: RecognitionInfo, f: _Fmt, indent: str = "• ", unit: CommuneRef | None = None) -> list[str]:
    """One timeline entry: 'year → level – (old name) – decision – criteria met', then what is missing."""
    bits = [f"{r.year} → {f.bold(f.esc(r.level.label))}"]
    if unit is not None:
        where = f", {district_lower(unit.district_name)}" if unit.district_name else ""
        bits.append(f.esc(f"{unit.name}{where} (tên cũ)"))
    decision = _decision(r)
    if decision:
        bits.append(f.esc(decision))
    if r.criteria_met is not None:
        ref = r.criteria_set
        if r.criteria_list is None:
            bits.append(f.esc(f"đạt {r.criteria_met}/{ref.size} tiêu chí (chưa có danh sách từng tiêu chí) "
                              f"theo {ref.label}"))
        else:
            bits.append(f.esc(f"đạt {r.criteria_met}/{ref.size} tiêu chí ({ref.label})"))
    if r.note:
        bits.append(f.esc(r.note))
    lines = [indent + " – ".join(bits)]
    missing = r.criteria_missing
    if missing:
        ref = r.criteria_set
        named = [f"{n}. {ref.name(n)}" for n in missing if ref.name(n)]
        text = "; ".join(named) if len(named) == len(missing) else "số " + ranges(missing)
        lines.append(" " * len(indent) + f.esc(f"Chưa đạt tiêu chí {text}"))
    return lines


def _timeline(card: CommuneCard, f: _Fmt) -> list[str]:
    """Every recognition of the unit and of the old units it was formed from, oldest first."""
    entries = [(r, None) for r in card.recognitions]
    entries += [(r, u.commune) for u in card.absorbed for r in u.recognitions]
    entries.sort(key=lambda e: (e[0].year, e[0].level.rank, e[1].name if e[1] else ""))
    return [line for r, unit in entries for line in _recognition_lines(r, f, unit=unit)]


def _checklist(card: CommuneCard, f: _Fmt) -> list[str]:
    """✅/❌ by criterion name for the unit's latest recognition whose list of criteria met is known,
    against the set in force for it; nothing when no list was imported or the set's names are not held."""
    listed = [r for r in card.recognitions if r.criteria_list is not None and r.criteria_set.criteria is not None]
    if not listed:
        return []
    r = max(listed, key=lambda x: (x.year, x.level.rank))
    ref, met = r.criteria_set, set(r.criteria_list)
    lines = [f.bold(f.esc(f"Tiêu chí ({r.level.label} năm {r.year}, {ref.label}): "
                          f"đạt {len(met)}/{ref.size}"))]
    lines += [f"{'✅' if c.number in met else '❌'} {f.esc(f'{c.number}. {c.name}')}" for c in ref.criteria.criteria]
    return lines


def _plan_line(card: CommuneCard, f: _Fmt) -> str:
    """'Kế hoạch: phấn đấu đạt NTM nâng cao năm 2026', saying when a plan has already been met."""
    def one(p: PlanInfo) -> str:
        done = [r.year for r in card.recognitions if r.level.rank >= p.level.rank]
        return f"{f.esc(p.level.label)} năm {p.year}" + (f" (đã đạt năm {min(done)})" if done else "")

    return f"{f.bold('Kế hoạch:')} phấn đấu đạt " + "; ".join(one(p) for p in card.plans)


def _level_year(r: RecognitionInfo | None) -> str:
    return f"{r.level.label} (năm {r.year})" if r else "chưa có dữ liệu"


def _unit_list(units: list[CommuneRef], f: _Fmt) -> str:
    """'các xã A, B, C' when all are xã; otherwise each with its own type word."""
    kinds = {u.kind for u in units}
    if len(kinds) == 1 and len(units) > 1 and not any(key(u.short_name).startswith(key(u.kind)) for u in units):
        return f"các {units[0].kind} " + ", ".join(f.esc(u.short_name) for u in units)
    return ", ".join(f.esc(u.display) for u in units)


def _header(card: CommuneCard, f: _Fmt) -> list[str]:
    c = card.commune
    lines = [f"🏡 {f.bold(f.esc(c.name))} – {f.esc(c.place)}"]
    if c.is_current:
        lines.append("Đơn vị hành chính từ ngày 01/7/2025.")
        if card.absorbed:
            whole = [u.commune for u in card.absorbed if u.is_whole]
            part = [u.commune for u in card.absorbed if not u.is_whole]
            text = []
            if whole:
                verb = "được hợp nhất từ" if len(card.absorbed) > 1 else "được hình thành từ"
                text.append(f"{verb} {_unit_list(whole, f)}")
            if part:
                text.append(f"gồm một phần {_unit_list(part, f)}")
            olds = sorted({u.commune.province.display for u in card.absorbed})
            lines[-1] = (f"Đơn vị hành chính từ ngày 01/7/2025, {'; '.join(text)} "
                         f"({f.esc(', '.join(olds))} cũ).")
    else:
        lines.append("Đơn vị hành chính trước ngày 01/7/2025.")
        if card.now_part_of:
            targets = card.now_part_of
            names = _unit_list([u.commune for u in targets], f)
            province = targets[0].commune.province.display
            partial = " (chia cho nhiều đơn vị)" if len(targets) > 1 else ""
            lines.append(f"{f.esc(c.name)} (cũ) nay thuộc {f.bold(names + ', ' + f.esc(province))}{partial}.")
    return lines


def render_card(card: CommuneCard, f: _Fmt = HTML) -> str:
    c = card.commune
    lines = _header(card, f)
    lines.append("")
    own = card.recognitions
    old_history = any(u.recognitions for u in card.absorbed)
    if own:
        lines.append(f"{f.bold('Mức cao nhất:')} {f.esc(_level_year(card.highest))}")
    elif c.is_current and card.absorbed:
        lines.append(f"{f.bold('Công nhận của ' + f.esc(c.display) + ':')} chưa có dữ liệu "
                     "(các quyết định trước 01/7/2025 công nhận các đơn vị cũ).")
    else:
        lines.append(NO_DATA.format(unit=f.esc(c.display)))
    if own or old_history:
        lines.append(f.bold("Lịch sử công nhận (cả tên cũ):" if old_history else "Lịch sử công nhận:"))
        lines += _timeline(card, f)
    checklist = _checklist(card, f)
    if checklist:
        lines += ["", *checklist]
    if card.plans:
        lines.append(_plan_line(card, f))
    if card.absorbed:
        lines.append("")
        lines.append(f.bold("Các đơn vị cũ:"))
        for unit in card.absorbed:
            lines += _related_lines(unit, f)
    if not c.is_current and any(u.recognitions for u in card.now_part_of):
        lines.append("")
        for unit in card.now_part_of:
            if unit.recognitions:
                lines.append(f"{f.esc(unit.commune.name)} (hiện nay): {f.esc(_level_year(unit.highest))}")
    lines.append("")
    lines.append(_source_line(card.latest_import, f))
    return _fit(lines)


def _related_lines(unit: RelatedUnit, f: _Fmt) -> list[str]:
    """One line per old unit: its highest level (its recognitions are in the timeline above)."""
    u = unit.commune
    where = f" ({f.esc(district_lower(u.district_name))})" if u.district_name else ""
    part = " – một phần" if not unit.is_whole else ""
    return [f"• {f.bold(f.esc(u.name))}{where}{part}: {f.esc(_level_year(unit.highest))}"]


def render_card_html(card: CommuneCard) -> str:
    return render_card(card, HTML)


def render_card_text(card: CommuneCard) -> str:
    return render_card(card, TEXT)


def render_candidates(result, f: _Fmt = HTML, limit: int = MAX_CANDIDATES, *, buttons: bool = False) -> str:
    """Several matches: the prompt above choice buttons, or (no buttons) the list itself."""
    shown = result.candidates[:limit]
    lines = []
    if not result.exact:
        lines.append(f"Không có tên trùng khớp “{f.esc(result.query)}”; các tên gần đúng:")
    elif buttons:
        lines.append(f"Có {len(result.candidates)} đơn vị ứng với “{f.esc(result.query)}”. Chọn một:")
    else:
        lines.append(f"Có {len(result.candidates)} đơn vị ứng với “{f.esc(result.query)}”:")
    lines += [f.italic(f.esc(w)) for w in result.warnings]
    if not buttons:
        lines += [f"{n}. {f.esc(c.label)}" for n, c in enumerate(shown, start=1)]
    if len(result.candidates) > len(shown):
        lines.append(f"… và {len(result.candidates) - len(shown)} đơn vị khác: thêm tên tỉnh để thu hẹp, "
                     f"ví dụ “{f.esc(shown[0].short_name)}, {f.esc(shown[0].province.short_name)}”.")
    elif not buttons:
        first = shown[0]
        lines.append(f"Xem một đơn vị: /xa {f.esc(first.short_name)}, {f.esc(first.province.short_name)}")
    return _fit(lines)


def render_not_found(result, f: _Fmt = HTML) -> str:
    lines = [f"Không tìm thấy xã/phường “{f.esc(result.query.strip())}”."]
    lines += [f.italic(f.esc(w)) for w in result.warnings]
    if result.closest:
        lines.append("Tên gần nhất:")
        lines += [f"• {f.esc(c.label)}" for c in result.closest]
    else:
        lines.append("Hãy kiểm tra chính tả hoặc thêm tên tỉnh, ví dụ “Tân Hiệp, Kiên Giang”.")
    return _fit(lines)


def render_lookup(result, f: _Fmt = HTML, *, buttons: bool = False) -> str:
    """Any `LookupResult` as one message; `buttons`: the candidates go on buttons, not in the text."""
    if result.found:
        text = render_card(result.card, f)
        if not result.exact:
            text = f.italic(f.esc(f"Kết quả gần đúng cho “{result.query}”:")) + "\n" + text
        return _fit(text.split("\n"))
    if result.ambiguous:
        return render_candidates(result, f, buttons=buttons)
    return render_not_found(result, f)


def render_lookup_text(result) -> str:
    return render_lookup(result, TEXT)


def direct_answer(card: CommuneCard, level: Level | None, f: _Fmt = HTML) -> str:
    """One sentence answering "đạt ... chưa / năm nào?" from the card, never beyond it."""
    c = card.commune
    units = [(c, card.recognitions)] + [(u.commune, u.recognitions) for u in card.absorbed]
    wanted = level or Level.NTM
    reached = [(unit, r) for unit, recs in units for r in recs if r.level.rank >= wanted.rank]
    if reached:
        parts = []
        for unit, r in sorted(reached, key=lambda x: (x[1].year, -x[1].level.rank)):
            decision = _decision(r)
            suffix = f" ({f.esc(decision)})" if decision else ""
            old = " (cũ)" if not unit.is_current else ""
            parts.append(f"{f.esc(unit.display)}{old} {f.esc(r.level.long_label)} năm {r.year}{suffix}")
        return "Theo dữ liệu đã nạp: " + "; ".join(parts) + "."
    if card.has_data:
        best = max((r for _, recs in units for r in recs), key=lambda r: (r.level.rank, r.year))
        return (f"Chưa có dữ liệu công nhận {f.esc(wanted.label)} cho {f.esc(c.display)}; mức cao nhất đã nạp: "
                f"{f.esc(_level_year(best))}.")
    return NO_DATA.format(unit=f.esc(c.display))


def render_answer(answer, f: _Fmt = HTML) -> str:
    """A `CommuneAnswer`: the direct sentence, then the card (or the choice / not found),
    then the other units of the same name when one was singled out."""
    result = answer.result
    if result.found:
        lines = [f.bold(direct_answer(result.card, answer.question.level, f)), ""]
        lines += render_lookup(result, f).split("\n")
        namesakes = getattr(answer, "namesakes", ())
        if namesakes:
            lines += ["", _namesakes_line(namesakes, f)]
        return _fit(lines)
    return render_lookup(result, f)


def _namesakes_line(units, f: _Fmt, limit: int = 4) -> str:
    shown = "; ".join(f.esc(u.label) for u in units[:limit])
    more = f" và {len(units) - limit} đơn vị khác" if len(units) > limit else ""
    return f.italic(f"Cùng tên còn có: {shown}{more}.")


def render_answer_html(answer) -> str:
    return render_answer(answer, HTML)


def render_stats(stats: Stats, f: _Fmt = HTML) -> str:
    lines = [f"📊 {f.bold('Thống kê nông thôn mới – ' + f.esc(stats.scope_label))}"]
    if stats.merged_from and len(stats.merged_from) > 1:
        lines.append(f"Gồm cả các đơn vị cũ của {f.esc(', '.join(p.display for p in stats.merged_from))}.")
    if stats.recognised:
        lines.append(f"Đạt chuẩn NTM (mọi mức): {f.bold(str(stats.at_least(Level.NTM)))} đơn vị")
        for level in LEVELS_BY_RANK[1:]:
            lines.append(f"• {f.esc(level.label)} trở lên: {stats.at_least(level)}")
        lines.append("Theo mức cao nhất: " + ", ".join(
            f"{f.esc(level.label)} {stats.by_highest.get(level, 0)}" for level in LEVELS_BY_RANK) + ".")
    else:
        lines.append("Chưa có dữ liệu công nhận nào được nạp cho phạm vi này.")
    lines.append(f"Số đơn vị cấp xã: {format_number(stats.units_current)} hiện nay (từ 01/7/2025); "
                 f"{format_number(stats.units_old)} trước sắp xếp.")
    lines.append(_source_line(stats.latest_import, f))
    return _fit(lines)


def render_stats_html(stats: Stats) -> str:
    return render_stats(stats, HTML)


def stats_answer(stats: Stats, level: Level, f: _Fmt = HTML) -> str:
    """One sentence answering "có bao nhiêu xã đạt ...?" from the loaded recognitions, never beyond them."""
    higher = " (kể cả xã đã đạt mức cao hơn)" if level.rank < LEVELS_BY_RANK[-1].rank else ""
    return (f"Theo dữ liệu đã nạp: {f.esc(stats.scope_label)} có {stats.at_least(level)} xã "
            f"{f.esc(level.long_label)}{higher}.")


def render_stats_answer(stats: Stats, level: Level, f: _Fmt = HTML) -> str:
    """The direct sentence in bold, then the /thongke statistics it was read from."""
    return _fit([f.bold(stats_answer(stats, level, f)), "", *render_stats(stats, f).split("\n")])


def render_stats_answer_html(stats: Stats, level: Level) -> str:
    return render_stats_answer(stats, level, HTML)


def render_stats_text(stats: Stats) -> str:
    return render_stats(stats, TEXT)


def render_import_result(result: ImportResult, max_errors: int = 50) -> str:
    """Console/Telegram-safe plain text summary of an import."""
    if result.ok:
        if result.import_id is None and not result.changed:
            head = f"Tệp “{result.file_name}” không làm thay đổi dữ liệu ({result.rows} dòng)."
        elif result.import_id is None:
            head = f"Tệp “{result.file_name}” hợp lệ (chạy thử, chưa ghi): {result.rows} dòng."
        else:
            head = f"Đã nạp tệp “{result.file_name}”: {result.rows} dòng."
        lines = [head, f"Thêm mới: {result.added}; không đổi: {result.unchanged}; thay thế: {result.replaced}."]
        if result.plans:
            added, unchanged, replaced, removed = result.plans
            lines.append(f"Kế hoạch phấn đấu: thêm mới {added}; không đổi {unchanged}; thay thế {replaced}; "
                         f"bỏ {removed}.")
        if result.duplicates:
            lines.append(f"Bỏ qua {result.duplicates} dòng lặp lại giống hệt.")
        return "\n".join(lines)
    file_level = [e for e in result.errors if e.row is None]
    if file_level:
        return "Không nạp được: " + " ".join(e.message for e in file_level)
    lines = [f"Không nạp tệp “{result.file_name}”: {len(result.errors)} dòng lỗi, chưa ghi dòng nào "
             "(sửa các dòng sau rồi nạp lại cả tệp)."]
    lines += [str(e) for e in result.errors[:max_errors]]
    if len(result.errors) > max_errors:
        lines.append(f"… và {len(result.errors) - max_errors} dòng lỗi khác.")
    return "\n".join(lines)
