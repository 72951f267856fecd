"""`ntm eval`: quality on a question file; last line `N passed, M failed`.

Two formats: retrieval questions (`q`, `kind`, `expect`: the top-5 passages
must hold every expected string) and conversations (`turns`: each turn goes
through the whole answer engine, as the bot answers it; see
knowledge.application.conversation_eval). For conversations `--communes`
imports a recognitions list into a scratch database first, so the evaluation
never writes into the real one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table


def eval_questions(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Tệp JSONL: q, kind, expect hoặc turns."),
    communes: Path | None = typer.Option(None, exists=True, dir_okay=False,
                                         help="Danh sách công nhận (csv/xlsx) nạp vào CSDL tạm trước khi hỏi."),
    show_failures: bool = typer.Option(True, "--failures/--no-failures",
                                       help="In từng lượt trượt (tắt khi đo trên bộ câu hỏi giữ kín)."),
) -> None:
    """Đánh giá chất lượng trên bộ câu hỏi."""
    from knowledge.application.conversation_eval import is_conversation_file
    from knowledge.errors import UserError

    try:
        conversations = is_conversation_file(file)
    except ValueError as exc:
        raise UserError(f"Tệp câu hỏi không hợp lệ: {exc}", exit_code=2) from None
    failed = _conversations(file, communes, show_failures) if conversations else _retrieval(file)
    if failed:
        raise typer.Exit(1)


def _retrieval(file: Path) -> int:
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
    print(f"{passed} passed, {len(results) - passed} failed")
    return len(results) - passed


def _conversations(file: Path, communes: Path | None, show_failures: bool) -> int:
    from rich.markup import escape

    from knowledge.application.conversation_eval import evaluate_conversations, load_conversations, per_class
    from knowledge.application.runtime import Services
    from knowledge.application.runtime.logs import setup_logging
    from knowledge.domain.communes import service_for
    from knowledge.errors import UserError
    from ntm.command import settings

    try:
        conversations = load_conversations(file)
    except (ValueError, KeyError) as exc:
        raise UserError(f"Tệp câu hỏi không hợp lệ: {exc}", exit_code=2) from None
    console = Console()
    setup_logging()
    with tempfile.TemporaryDirectory(prefix="ntm-eval-") as scratch:
        run = settings()
        if communes is not None:
            database = run.database.model_copy(update={"url": f"sqlite:///{Path(scratch) / 'eval.sqlite3'}"})
            run = run.model_copy(update={"database": database})
        services = Services.load(run)
        try:
            if communes is not None:
                result = service_for(services.db_engine).import_file(communes)
                if not result.ok:
                    raise UserError(f"Không nạp được {communes.name}: {len(result.errors)} dòng lỗi", exit_code=2)
            results = evaluate_conversations(services.answers.ask, conversations)
        finally:
            services.close()
    table = Table("loại câu hỏi", "lượt đạt", "tỷ lệ")
    passed = total = 0
    for kind, (ok, n) in per_class(results).items():
        table.add_row(kind, f"{ok}/{n}", f"{ok / n:.0%}")
        passed, total = passed + ok, total + n
    table.add_row("[b]tổng[/b]", f"{passed}/{total}", f"{passed / total:.0%}" if total else "-")
    console.print(table)
    if show_failures:
        for r in results:
            for t in r.turns:
                if not t.passed:
                    console.print("[red]trượt[/red] " + escape(
                        f"{r.conversation.id} {r.conversation.kind}: {t.turn.question} — {t.note} — {t.shown[:160]!r}"))
    print(f"{passed} passed, {total - passed} failed")
    return total - passed
