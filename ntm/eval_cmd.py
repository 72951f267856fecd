"""`ntm eval`: retrieval quality on a question file; last line `N passed, M failed`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table


def eval_questions(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Tệp JSONL: q, kind, expect."),
) -> None:
    """Đánh giá chất lượng tìm kiếm trên bộ câu hỏi."""
    from knowledge.application.evaluation import evaluate, load_cases
    from knowledge.errors import UserError
    from knowledge.retrieval.search import SearchEngine
    from ntm.command import settings

    console = Console()
    engine = SearchEngine.open(settings())
    try:
        cases = load_cases(file)
    except (ValueError, KeyError) as exc:
        raise UserError(f"Tệp câu hỏi không hợp lệ: {exc}", exit_code=2) from None
    results = evaluate(engine, cases)
    table = Table("id", "loại", "câu hỏi", "hạng", "kết quả")
    for r in results:
        mark = "[green]đạt[/green]" if r.passed else "[red]trượt[/red]"
        table.add_row(r.case.id, r.case.kind, r.case.question[:70], str(r.first_rank or "-"), f"{mark} {r.note}")
    console.print(table)
    facts = [r for r in results if r.case.kind != "out_of_scope"]
    if facts:
        r1 = sum(1 for r in facts if r.first_rank == 1) / len(facts)
        r5 = sum(1 for r in facts if r.passed) / len(facts)
        console.print(f"Câu hỏi có đáp án: R@1 {r1:.2f}, R@5 {r5:.2f} trên {len(facts)} câu")
    passed = sum(r.passed for r in results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    if failed:
        raise typer.Exit(1)
