"""Retrieval evaluation on question files in the format of knowledge/eval/dev.jsonl.

A fact question passes when every `expect` string appears in the top-5
passages; an `out_of_scope` question passes when the engine returns no hit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.text import normalize

TOP_K = 5


@dataclass
class EvalCase:
    id: str
    kind: str
    question: str
    expect: list[str]


@dataclass
class EvalResult:
    case: EvalCase
    passed: bool
    first_rank: int | None  # rank of the first passage holding all expected strings
    hits: int
    note: str


def _canon(text: str) -> str:
    return re.sub(r"\s+", " ", normalize(text)).casefold()


def load_cases(path: Path) -> list[EvalCase]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        cases.append(EvalCase(str(row.get("id", n)), row.get("kind", "fact"), row["q"], list(row.get("expect", []))))
    return cases


def evaluate_case(engine, case: EvalCase, k: int = TOP_K) -> EvalResult:
    hits = engine.search(case.question, k=k)
    if case.kind == "out_of_scope":
        ok = not hits
        return EvalResult(case, ok, None, len(hits), "không có kết quả" if ok else f"trả về {len(hits)} đoạn")
    expected = [_canon(e) for e in case.expect]
    texts = [_canon(h.text) for h in hits]
    joined = "\n".join(texts)
    missing = [e for e, c in zip(case.expect, expected, strict=True) if c not in joined]
    first = next((h.rank for h, t in zip(hits, texts, strict=True) if all(c in t for c in expected)), None)
    note = "đủ" if not missing else "thiếu: " + ", ".join(missing)
    return EvalResult(case, not missing and bool(hits), first, len(hits), note)


def evaluate(engine, cases: list[EvalCase], k: int = TOP_K) -> list[EvalResult]:
    return [evaluate_case(engine, c, k) for c in cases]
