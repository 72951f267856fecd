"""How often an ALQAC question that names a law ("theo Luật Hôn nhân và gia đình ...") is resolved to the
law its answer is in, by the same code the answer engine uses (`answer/references.py`). No model, no index.

    python scripts/alqac_references.py --data ../shared/data/external/alqac2023

ALQAC 2022 gives its laws by number ("91/2015/QH13"), so they are titled here by their names.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace

from knowledge.application.answer.references import named_documents
from knowledge.domain.legal_documents import find_references

TITLES_2022 = {"91/2015/QH13": "Bộ luật Dân sự", "24/2018/QH14": "Luật An ninh mạng",
               "45/2019/QH14": "Bộ luật Lao động", "01/VBHN-VPQH": "Bộ luật Hình sự"}


def measure(laws: Path, questions: Path, titles: dict[str, str]) -> tuple[int, int, int, int, int]:
    docs = [SimpleNamespace(doc_id=x["id"], title=titles.get(x["id"], x["id"]), number=None, doc_type=None)
            for x in json.loads(laws.read_text(encoding="utf-8"))]
    items = json.loads(questions.read_text(encoding="utf-8"))
    named = right = other = none = 0
    for q in items:
        refs = find_references(q["text"])
        if not any(r.name for r in refs):
            continue
        named += 1
        ids, _ = named_documents(refs, docs)
        relevant = {a["law_id"] for a in q["relevant_articles"]}
        none += not ids
        right += bool(ids & relevant)
        other += bool(ids) and not ids & relevant
    return len(items), named, right, other, none


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    data = parser.parse_args().data
    print("| set | questions | naming a law | resolved to the right law | to another | to none |")
    print("|---|---|---|---|---|---|")
    for name, laws, questions, titles in (("ALQAC 2023 train", "law.json", "train.json", {}),
                                          ("ALQAC 2022", "alqac2022/law.json", "alqac2022/question.json",
                                           TITLES_2022)):
        row = measure(data / laws, data / questions, titles)
        print(f"| {name} | " + " | ".join(map(str, row)) + " |")


if __name__ == "__main__":
    main()
