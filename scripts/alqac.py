"""Third-party retrieval check on ALQAC (Vietnamese legal article retrieval).

Indexes every article of an ALQAC `law.json` as one document with id
`<law_id>#<article_id>`, asks the labelled questions and reports Hit@1,
Hit@3, Hit@10 and MRR@10 at article level (a document's rank is that of its
best passage). `--whole` indexes each law as one document assembled from its
articles ("Điều N. ..."), so the structure recogniser must find the
articles: a passage counts for the article its citation names. The data
is research-only and is not shipped: point `--data` at
`../shared/data/external/alqac2023`.

    python scripts/alqac.py --data ../shared/data/external/alqac2023            # 2023 train.json
    python scripts/alqac.py --data ../shared/data/external/alqac2023 --year 2022 # tuning set
    python scripts/alqac.py ... --mode folded|words|dense|hybrid [--whole]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.build import build_index  # noqa: E402
from indexer.readers import SourceDocument  # noqa: E402
from indexer.service import model_identity  # noqa: E402
from knowledge.settings import Settings  # noqa: E402
from knowledge.text import fold  # noqa: E402


def load_articles(law_file: Path) -> list[SourceDocument]:
    docs = []
    for law in json.loads(law_file.read_text(encoding="utf-8")):
        for art in law["articles"]:
            heading, _, body = art["text"].partition("\n\n")
            docs.append(
                SourceDocument(
                    doc_id=f"{law['id']}#{art['id']}",
                    title=f"{law['id']} – Điều {art['id']}. {heading.strip()}",
                    text=art["text"].strip(),
                    source=law["id"],
                    date=None,
                    provinces=[],
                    kind="law",
                    url=None,
                    path=None,
                )
            )
    return docs


def load_laws(law_file: Path) -> list[SourceDocument]:
    """Each law as one text of its articles, as a law reads: "Điều 8. Điều kiện kết hôn" then its clauses."""
    docs = []
    for law in json.loads(law_file.read_text(encoding="utf-8")):
        text = "\n\n".join(f"Điều {art['id']}. {art['text'].strip()}" for art in law["articles"])
        docs.append(SourceDocument(doc_id=law["id"], title=law["id"], text=text, source=law["id"], date=None,
                                   provinces=[], kind="law", url=None, path=None))
    return docs


def load_questions(data: Path, year: int) -> list[tuple[str, set[str]]]:
    path = data / ("train.json" if year == 2023 else "alqac2022/question.json")
    out = []
    for q in json.loads(path.read_text(encoding="utf-8")):
        gold = {f"{a['law_id']}#{a['article_id']}" for a in q["relevant_articles"]}
        out.append((q["text"], gold))
    return out


def rank_documents(engine, question: str, mode: str, depth: int = 10, whole: bool = False) -> list[str]:
    """Articles `<law_id>#<article_id>` in the order of their best passage."""
    if whole:
        hits = [f"{p.doc_id}#{_article(p.cite)}" for p in engine.rank_passages(question, mode=mode, depth=60)]
    else:
        hits = engine.rank(question, mode=mode, depth=60)
    seen: list[str] = []
    for doc_id in hits:
        if doc_id not in seen:
            seen.append(doc_id)
        if len(seen) == depth:
            break
    return seen


def _article(cite: str | None) -> str | None:
    m = re.match(r"Điều (\S+)", cite or "")
    return m.group(1) if m else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--year", type=int, default=2023, choices=(2022, 2023))
    ap.add_argument("--mode", default="hybrid", choices=("hybrid", "folded", "words", "dense"))
    ap.add_argument("--work", type=Path, default=None, help="keep the built index here between runs")
    ap.add_argument("--whole", action="store_true", help="each law as one document; articles found by structure")
    ap.add_argument("--no-diacritics", action="store_true", help="ask the questions accent-folded, as typed on a phone")
    args = ap.parse_args()

    law = args.data / ("law.json" if args.year == 2023 else "alqac2022/law.json")
    work = args.work or Path(tempfile.mkdtemp(prefix=f"alqac{args.year}-"))
    settings = Settings(NTM_DATA_DIR=work)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    docs = load_laws(law) if args.whole else load_articles(law)
    from knowledge.retrieval.embedding.encoder import Encoder

    base = Settings()
    t0 = time.perf_counter()
    encoder = Encoder.load(base.model_path)
    report = build_index(  # incremental: a kept --work index is reused
        [],
        settings.index_dir,
        encoder_factory=lambda: encoder,
        model_identity=model_identity(base),
        documents=docs,
        progress=lambda stage, done, total: None,
    )
    unit = "laws" if args.whole else "articles"
    print(f"indexed {report.documents} {unit}, {report.passages} passages in {time.perf_counter() - t0:.0f} s")

    from knowledge.retrieval.search.engine import SearchEngine

    engine = SearchEngine(settings.index_dir, encoder)
    questions = load_questions(args.data, args.year)
    hit1 = hit3 = hit10 = mrr = 0.0
    for text, gold in questions:
        if args.no_diacritics:
            text = fold(text)
        ranked = rank_documents(engine, text, args.mode, whole=args.whole)
        rank = next((i + 1 for i, d in enumerate(ranked) if d in gold), None)
        hit1 += rank == 1
        hit3 += rank is not None and rank <= 3
        hit10 += rank is not None
        mrr += 1 / rank if rank else 0
    n = len(questions)
    form = "no diacritics" if args.no_diacritics else "as written"
    print(
        f"ALQAC {args.year} {args.mode}{' whole laws' if args.whole else ''} ({form}): n={n} "
        f"Hit@1 {hit1 / n:.3f} Hit@3 {hit3 / n:.3f} Hit@10 {hit10 / n:.3f} MRR@10 {mrr / n:.3f}"
    )


if __name__ == "__main__":
    main()
