"""`ntm search`: ask the index from the shell, for people or (with --json) for scripts."""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console


def search(
    query: str = typer.Argument(..., help="Câu hỏi, hoặc '-' để đọc mỗi dòng một câu hỏi từ stdin."),
    k: int = typer.Option(5, "-k", "--top", min=1, max=100, help="Số đoạn trả về."),
    as_json: bool = typer.Option(False, "--json", help="In JSON (mỗi câu hỏi một dòng)."),
) -> None:
    """Tìm các đoạn văn liên quan nhất tới câu hỏi."""
    from knowledge.retrieval.search import SearchEngine
    from ntm.command import settings

    console = Console()
    engine = SearchEngine.open(settings())
    queries = (line.rstrip("\n") for line in sys.stdin) if query == "-" else iter([query])
    for q in queries:
        if query == "-" and not q.strip():
            continue
        hits = engine.search(q, k=k)
        if as_json:
            sys.stdout.write(json.dumps({"query": q, "hits": [h.to_json() for h in hits]}, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            continue
        if not hits:
            console.print(f"[yellow]Không tìm thấy đoạn nào đủ liên quan tới:[/yellow] {q}")
            continue
        for h in hits:
            meta = " · ".join(x for x in (h.source, h.date) if x)
            console.rule(f"[bold][{h.rank}] {h.title}[/bold] ({meta}) score={h.score:.4f}")
            console.print(h.text, markup=False, highlight=False)
