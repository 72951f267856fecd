"""`ntm targets` (chỉ tiêu by province and year) and `ntm tieuchi` (national criteria sets).

Targets come from the published index (`targets.jsonl`); on a checkout with
no index yet they are extracted from the bundled articles, so the command
always answers. Register with `app.add_typer(targets_cmd.app, name="targets")`
and `app.add_typer(targets_cmd.criteria_app, name="tieuchi")`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ntm.command import NtmGroup

app = typer.Typer(cls=NtmGroup, help="Chỉ tiêu NTM trích từ tài liệu, theo tỉnh và năm.", add_completion=False,
                  context_settings={"allow_interspersed_args": True})  # options after the place too
criteria_app = typer.Typer(cls=NtmGroup, help="Bộ tiêu chí quốc gia về xã nông thôn mới.", add_completion=False)

def split_province_year(words: list[str]) -> tuple[str | None, int | None]:
    """'Hải Dương 2025' -> ('Hải Dương', 2025); see `knowledge.domain.targets.query.parse_place_year`."""
    from knowledge.domain.targets.query import parse_place_year

    try:
        return parse_place_year(" ".join(words))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def load_current_targets(source: Path | None = None) -> tuple[list, str]:
    """(targets, where they came from): a given file, the published index, or the bundled articles."""
    from knowledge.application.answer.bundled_targets import bundled_targets
    from knowledge.domain.targets import load_targets

    if source is not None:
        return load_targets(source), str(source)
    from ntm.command import settings

    path = settings().index_dir / "current" / "targets.jsonl"
    if path.exists():
        return load_targets(path), str(path)
    return bundled_targets(), "các bài viết kèm theo (chưa có chỉ mục)"


@app.callback(invoke_without_command=True)
def targets(
    where: list[str] = typer.Argument(None, help="Tỉnh và/hoặc năm, ví dụ: Hải Dương 2025."),
    question: str | None = typer.Option(None, "--hoi", "-q", help="Một câu hỏi về con số, ví dụ "
                                        "'Hải Dương năm 2025 phấn đấu bao nhiêu xã NTM nâng cao?'."),
    source: Path | None = typer.Option(None, "--from", exists=True, dir_okay=False,
                                       help="Tệp targets.jsonl (mặc định: chỉ mục hiện hành)."),
    as_json: bool = typer.Option(False, "--json", help="In mỗi chỉ tiêu một dòng JSON."),
    xlsx: Path | None = typer.Option(None, "--xlsx", dir_okay=False, writable=True,
                                     help="Ghi bảng ra tệp Excel (.xlsx): mỗi dòng một số liệu, kèm tài liệu, "
                                          "ngày và câu trích dẫn."),
) -> None:
    """Bảng chỉ tiêu theo tỉnh và năm, mỗi dòng kèm nguồn; hoặc trả lời một câu hỏi về con số."""
    from knowledge.application.render.targets import render_numeric_answer_text, targets_reply
    from knowledge.domain.targets import answer_numeric_question, query_targets

    all_targets, origin = load_current_targets(source)
    if question:
        answer = answer_numeric_question(question, all_targets)
        if answer is None:
            typer.echo("Không tìm thấy con số nào chắc chắn trả lời câu hỏi này.")
            raise typer.Exit(1)
        typer.echo(json.dumps(answer.target.to_dict(), ensure_ascii=False) if as_json
                   else render_numeric_answer_text(answer))
        return
    province, year = split_province_year(where or [])
    if xlsx is not None:
        write_targets_xlsx(xlsx, all_targets, province, year)
        return
    if as_json:
        for t in query_targets(all_targets, province, year):
            sys.stdout.write(json.dumps(t.to_dict(), ensure_ascii=False) + "\n")
        return
    reply = targets_reply(all_targets, province, year, html_mode=False)
    typer.echo(reply)
    typer.echo(f"\n(Nguồn dữ liệu: {origin})", err=True)
    if reply.startswith("Không tìm thấy"):
        raise typer.Exit(1)


def write_targets_xlsx(path: Path, all_targets: list, province: str | None, year: int | None) -> None:
    """The figures `ntm targets` would print, one row each, into `path`; none: the usual message, exit 1."""
    from knowledge.application.exports import targets_workbook
    from knowledge.application.render.targets import not_found_message
    from knowledge.domain.targets import query_targets
    from knowledge.domain.targets.query import group_targets

    found = query_targets(all_targets, province, year)
    if not found:
        typer.echo(not_found_message(province, year, all_targets))
        raise typer.Exit(1)
    titles, dates = index_documents()
    titles.update({t.doc_id: t.doc_title for t in found if t.doc_title})  # as the text table cites them
    save(path, targets_workbook(found, titles=titles, dates=dates))
    typer.echo(f"Đã ghi {len(group_targets(found))} dòng chỉ tiêu vào {path}")


def index_documents() -> tuple[dict[str, str], dict[str, str]]:
    """(title, date) by document id from the published index's manifest; empty without an index."""
    from knowledge.retrieval.index.layout import IndexLayout
    from ntm.command import settings

    manifest = IndexLayout(settings().index_dir).read_manifest()
    if manifest is None:
        return {}, {}
    records = manifest.documents.values()
    return {r.doc_id: r.title for r in records}, {r.doc_id: r.date for r in records if r.date}


def save(path: Path, data: bytes) -> None:
    """Write an export; a folder that does not exist or cannot be written is one line and exit 2."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        typer.echo(f"Không ghi được tệp {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None


@criteria_app.callback(invoke_without_command=True)
def tieuchi(
    query: list[str] = typer.Argument(None, help="Số hoặc tên tiêu chí, có thể kèm giai đoạn: '17 theo 318'."),
    with_documents: bool = typer.Option(False, "--tai-lieu", help="Kèm tài liệu liên quan (cần chỉ mục)."),
) -> None:
    """Danh sách bộ tiêu chí hiện hành, một bộ theo giai đoạn, hoặc một tiêu chí."""
    from knowledge.application.render.criteria import tieuchi_reply

    search = None
    if with_documents:
        from knowledge.retrieval.search import IndexNotFound, SearchEngine
        from ntm.command import settings

        try:
            engine = SearchEngine.open(settings())
            search = engine.search
        except IndexNotFound as exc:
            typer.echo(str(exc), err=True)
    reply = tieuchi_reply(" ".join(query or []), search, html_mode=False)
    typer.echo(reply)
    if reply.startswith("Không tìm thấy"):
        raise typer.Exit(1)
