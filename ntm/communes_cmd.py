"""`ntm communes ...`: import recognition lists, look communes up, count by level.

Registered by `ntm.cli` as the `communes` group. Heavy imports stay inside the
commands so `ntm --help` stays instant; the database (schema and the
administrative registry) is prepared automatically on first use.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ntm.command import NtmGroup

app = typer.Typer(cls=NtmGroup, help="Danh mục xã/phường và kết quả công nhận nông thôn mới.",
                  no_args_is_help=True, add_completion=False)


def _service():
    from knowledge.domain.communes import service_for
    from knowledge.domain.db import get_engine
    from ntm.command import settings

    return service_for(get_engine(settings().sqlalchemy_url))


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="Tệp .csv hoặc .xlsx, mỗi dòng một lần công nhận."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Chỉ kiểm tra, không ghi."),
) -> None:
    """Nạp danh sách xã đạt chuẩn (cả tệp hoặc không dòng nào)."""
    from knowledge.application.render.communes import render_import_result

    result = _service().import_file(file, dry_run=dry_run)
    typer.echo(render_import_result(result))
    if not result.ok:
        raise typer.Exit(1)


@app.command("find")
def find(
    query: list[str] = typer.Argument(..., help="Tên xã, có thể kèm huyện/tỉnh: “Tân Hiệp, Kiên Giang”."),
    as_json: bool = typer.Option(False, "--json", help="In kết quả dạng JSON."),
) -> None:
    """Tra cứu một xã/phường (không dấu, sai chính tả, tên cũ đều được)."""
    from knowledge.application.render.communes import render_lookup_text

    text = " ".join(query)
    result = _service().find(text)
    if as_json:
        typer.echo(json.dumps(_result_json(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_lookup_text(result))
    if result.not_found:
        raise typer.Exit(1)


def _ref_json(ref) -> dict:
    return {"id": ref.id, "code": ref.code, "name": ref.name, "kind": ref.kind, "is_current": ref.is_current,
            "province": ref.province.name, "district": ref.district_name}


def _recs_json(recs) -> list[dict]:
    return [{"level": r.level.value, "label": r.level.label, "year": r.year, "decision": r.decision_number,
             "decision_date": r.decision_date.isoformat() if r.decision_date else None,
             "criteria_met": r.criteria_met, "note": r.note} for r in recs]


def _result_json(result) -> dict:
    out = {"query": result.query, "status": result.status, "exact": result.exact, "warnings": list(result.warnings)}
    if result.card:
        card = result.card
        out["card"] = {
            "commune": _ref_json(card.commune),
            "recognitions": _recs_json(card.recognitions),
            "now_part_of": [{**_ref_json(u.commune), "whole": u.is_whole} for u in card.now_part_of],
            "absorbed": [{**_ref_json(u.commune), "whole": u.is_whole, "recognitions": _recs_json(u.recognitions)}
                         for u in card.absorbed],
        }
    out["candidates"] = [_ref_json(c) for c in result.candidates]
    out["closest"] = [_ref_json(c) for c in result.closest]
    return out


@app.command("stats")
def stats(
    province: list[str] = typer.Argument(None, help="Tên tỉnh (cũ hoặc mới); bỏ trống: cả nước."),
    xlsx: Path | None = typer.Option(None, "--xlsx", dir_okay=False, writable=True,
                                     help="Ghi các số liệu ra tệp Excel (.xlsx), kèm nguồn và ngày cập nhật; "
                                          "cả nước: thêm từng tỉnh."),
) -> None:
    """Số xã theo mức đạt chuẩn, của một tỉnh hoặc cả nước."""
    from knowledge.application.render.communes import render_stats_text

    where = " ".join(province or []) or None
    service = _service()
    result = service.stats(where)
    if xlsx is None:
        typer.echo(render_stats_text(result))
        return
    from knowledge.application.exports import stats_workbook
    from ntm.targets_cmd import save

    save(xlsx, stats_workbook(result, () if where else service.stats_by_province()))
    typer.echo(f"Đã ghi thống kê {result.scope_label} vào {xlsx}")


@app.command("load-registry")
def load_registry() -> None:
    """Nạp (hoặc cập nhật) danh mục hành chính từ gói vietnamadminunits."""
    report = _service().reload_registry()
    typer.echo(f"Danh mục vietnamadminunits {report.source_version}: {report.provinces} tỉnh, {report.communes} "
               f"đơn vị cấp xã, {report.links} liên kết cũ–mới, {report.aliases} khóa tìm kiếm.")
    typer.echo(f"Thêm {report.inserted}, sửa {report.updated}, xóa {report.deleted} dòng "
               f"trong {report.seconds:.1f} giây.")


@app.command("question")
def question(text: list[str] = typer.Argument(..., help="Câu hỏi, ví dụ: “xã Cao Xá đạt NTM chưa?”")) -> None:
    """Trả lời câu hỏi về tình trạng NTM của một xã, từ danh mục."""
    from knowledge.application.answer.communes import CommuneAnswerer
    from knowledge.application.render.communes import TEXT, render_answer
    from knowledge.application.understanding.parse import understand

    answerer = CommuneAnswerer(_service())
    answer = answerer.answer(understand(" ".join(text), answerer.registry()))  # as the bot reads it
    if answer is None:
        typer.echo("Không nhận ra câu hỏi về một xã cụ thể.")
        raise typer.Exit(1)
    typer.echo(render_answer(answer, TEXT))
