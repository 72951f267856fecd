"""Per-format check of regulation files (issue 13): whole laws sent to the bot as an admin, then asked about.

Five ALQAC laws (those with the most labelled questions in ALQAC 2023 `train.json` and ALQAC 2022
`question.json` among laws short enough to scan, <= ~45 pages each) are built as DOCX, text PDF, scanned
PDF (pages rendered to images, OCRed by the bot), a law portal's HTML page and Word 97 .doc
(`scripts/legal_files.py`). For each format, a fresh data folder holding the bundled corpus's index gets
the real bot (real model, real index, in this process) polling the project's fake Bot API
(`tests/auxil/fake_bot_api.py`); an admin sends the five files as documents and waits for each "done"
status; then an official asks every labelled question about those laws in one chat, and each reply is
scored (`scripts/legal_scoring.py`):

  (a) cites   a citation line ("[1] ...") names "Điều N" of the right law: the issue's metric;
  (b) holds   a cited passage of the right law holds the article (its "Điều N." heading or its words).

The 2022 questions are the set the search was tuned on; the 2023 train questions are held out. The data
is research-only and not shipped. Needs LibreOffice (soffice) and tesseract-ocr with tesseract-ocr-vie.

    .venv/bin/python scripts/legal_formats.py --data ../shared/data/external/alqac2023
    .venv/bin/python scripts/legal_formats.py --data ... --formats docx,html --limit-questions 3 --keep /tmp/lf

Prints a markdown table and writes every reply and score to --json (default var/legal_formats.json).
A full run (5 formats, 144 questions each) takes about 20 minutes on 2 cores, most of it OCR.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from scripts.legal_files import FORMATS, Law, build, file_name, load_laws  # noqa: E402
from scripts.legal_scoring import Cited, excerpt_pieces, score  # noqa: E402

MAX_LAW_CHARS = 100_000  # about 45 pages as LibreOffice lays them out: each scan stays OCR-able in minutes
LAWS = 5
ANSWER_TIMEOUT = 120
UPLOAD_TIMEOUT = 1800


@dataclass(frozen=True)
class Question:
    year: int
    qid: str
    text: str
    law: str
    article: str


def questions_2023(data: Path, laws: dict[str, Law]) -> list[Question]:
    out = []
    for q in json.loads((data / "train.json").read_text(encoding="utf-8")):
        for gold in q["relevant_articles"][:1]:
            out.append(Question(2023, q["question_id"], q["text"], gold["law_id"], str(gold["article_id"])))
    return [q for q in out if q.law in laws and laws[q.law].article(q.article)]


def questions_2022(data: Path, laws: dict[str, Law]) -> list[Question]:
    """ALQAC 2022 names its laws by number; each is mapped to the law of `law.json` sharing its articles."""
    same = {}
    for number, old in load_laws(data / "alqac2022" / "law.json").items():
        shared = {law.name: shared_articles(old, law) for law in laws.values()}
        best = max(shared, key=shared.get)
        if shared[best] >= 0.8 * len(old.articles):
            same[number] = best
    out = []
    for q in json.loads((data / "alqac2022" / "question.json").read_text(encoding="utf-8")):
        gold = q["relevant_articles"][0]
        name = same.get(gold["law_id"])
        if name and laws[name].article(str(gold["article_id"])):
            out.append(Question(2022, q["id"], q["text"], name, str(gold["article_id"])))
    return out


def shared_articles(old: Law, law: Law) -> int:
    """Articles of `old` that `law` has under the same number and heading."""
    return sum(1 for a in old.articles if (b := law.article(a.number)) and b.heading == a.heading)


def pick_laws(laws: dict[str, Law], questions: list[Question], count: int = LAWS) -> list[str]:
    """The `count` laws with the most labelled questions among those short enough to scan."""
    asked = Counter(q.law for q in questions)
    small = [n for n in asked if sum(len(a.text) for a in laws[n].articles) <= MAX_LAW_CHARS]
    return sorted(small, key=lambda n: (-asked[n], n))[:count]


@dataclass
class FormatResult:
    format: str
    accepted: int = 0
    files: int = 0
    passages: int = 0
    index_seconds: float = 0.0
    statuses: list[str] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)

    def share(self, key: str, year: int | None = None) -> tuple[int, int]:
        rows = [r for r in self.replies if year is None or r["year"] == year]
        return sum(r[key] for r in rows), len(rows)


_PASSAGES = re.compile(r"(\d+) đoạn")
_DOCUMENT = re.compile(r"^• (.+?) — mã (\S+)$", re.M)  # a document line of the upload's status


def status_passages(text: str) -> int:
    return sum(int(n) for n in _PASSAGES.findall(text))


class PassageLookup:
    """The published passages of the uploaded laws, to find which passage an excerpt was cut from."""

    def __init__(self, index_dir: Path, law_of_doc: dict[str, str]):
        from knowledge.retrieval.index.layout import PASSAGES, IndexLayout
        from knowledge.retrieval.index.passages import read_passages

        version = IndexLayout(index_dir).current_dir()
        rows = [p for p in read_passages(version / PASSAGES) if p.doc_id in law_of_doc] if version else []
        self.laws = [law_of_doc[p.doc_id] for p in rows]
        self.texts = [" ".join(p.text.split()) for p in rows]
        self.joined = "\x00".join(self.texts)
        self.starts = []
        at = 0
        for text in self.texts:
            self.starts.append(at)
            at += len(text) + 1

    def __call__(self, cited: Cited) -> list[tuple[str, str]]:
        import bisect

        found = {}
        for piece in excerpt_pieces(cited.excerpt):
            at = self.joined.find(piece)
            while at >= 0:
                row = bisect.bisect_right(self.starts, at) - 1
                found[row] = (self.laws[row], self.texts[row])
                at = self.joined.find(piece, at + 1)
        return list(found.values())


async def run_format(fmt: str, laws: list[Law], questions: list[Question], corpus_index: Path, work: Path,
                     encoder, model_path: str, ocr_pages: int) -> FormatResult:
    from bot.throttle import Throttle
    from knowledge.retrieval.search import SearchEngine
    from tests.auxil.bot_harness import running_bot
    from tests.auxil.fake_bot_api import FakeBotApi
    from tests.auxil.uploads import ADMIN_ID, admin_bot_settings, final_status

    data_dir = work / fmt
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(corpus_index, data_dir / "index", symlinks=True,
                    ignore=shutil.ignore_patterns(".build.lock", ".tmp-*"))
    result = FormatResult(fmt, files=len(laws))
    by_name = {law.name: law for law in laws}
    async with FakeBotApi() as api:
        settings = admin_bot_settings(api, data_dir, model_path, NTM_CLOSED_MODE="false",
                                      NTM_MAX_OCR_PAGES=str(ocr_pages),
                                      NTM_UPLOAD_TIMEOUT_SECONDS=str(UPLOAD_TIMEOUT))
        search = SearchEngine.open(settings, encoder=encoder)
        async with running_bot(api, settings, search, throttle=Throttle(burst=100_000, every=0.001)):
            admin = api.new_user("Quản trị", user_id=ADMIN_ID)
            admin_chat = api.private_chat(admin)
            law_of_doc: dict[str, str] = {}
            titles: dict[str, list[str]] = {}  # the titles the bot gave each law's documents
            for law in laws:
                content = build(law, fmt)
                (work / "files").mkdir(parents=True, exist_ok=True)
                (work / "files" / file_name(law, fmt)).write_bytes(content)
                started = time.perf_counter()
                api.send_document(admin_chat, admin, file_name(law, fmt), content)
                status = await api.next_reply(admin_chat, 60)
                final = await final_status(api, admin_chat, status, timeout=UPLOAD_TIMEOUT + 60)
                result.index_seconds += time.perf_counter() - started
                result.statuses.append(final.text)
                if final.text.startswith("✅"):
                    result.accepted += 1
                    result.passages += status_passages(final.text)
                    for title, doc_id in _DOCUMENT.findall(final.text):
                        law_of_doc[doc_id] = law.name
                        titles.setdefault(law.name, []).append(title)
                print(f"  {fmt} {file_name(law, fmt)}: {final.text.splitlines()[0]}", file=sys.stderr)
            lookup = PassageLookup(settings.index_dir, law_of_doc)
            official = api.new_user("Cán bộ")
            chat = api.private_chat(official)
            for q in questions:
                api.send_text(chat, official, q.text)
                reply = await api.next_reply(chat, ANSWER_TIMEOUT)
                article = by_name[q.law].article(q.article)
                s = score(reply.raw_text, q.law, q.article, article.text, lookup, titles.get(q.law, ()))
                result.replies.append({**asdict(q), **asdict(s), "reply": reply.text})
    return result


def build_corpus_index(work: Path, encoder) -> Path:
    from indexer.service import update_index
    from knowledge.settings import BUNDLED_CORPUS
    from tests.auxil.settings import make_settings

    data = work / "corpus-data"
    settings = make_settings(data)
    if settings.index_dir.exists():
        return settings.index_dir
    docs = data / "corpus"
    shutil.copytree(BUNDLED_CORPUS, docs)
    report = update_index(settings, [docs], encoder=encoder)
    if not report.published:
        raise SystemExit("could not build the bundled corpus's index")
    return settings.index_dir


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}% ({part}/{whole})" if whole else "–"


def table(results: list[FormatResult]) -> str:
    lines = ["| format | accepted | passages | seconds to index | (a) cites Điều N: 2022 (tuning) | "
             "(a) 2023 train (held out) | (a) all | (b) passage holds the article: 2022 | (b) 2023 | (b) all |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        cells = [r.format, f"{'yes' if r.accepted == r.files else 'no'} ({r.accepted}/{r.files})", str(r.passages),
                 f"{r.index_seconds:.0f}"]
        cells += [pct(*r.share("cites", y)) for y in (2022, 2023, None)]
        cells += [pct(*r.share("holds", y)) for y in (2022, 2023, None)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def limited(questions: list[Question], per_law: int | None) -> list[Question]:
    if per_law is None:
        return questions
    seen: Counter = Counter()
    out = []
    for q in questions:
        seen[q.law, q.year] += 1
        if seen[q.law, q.year] <= per_law:
            out.append(q)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the ALQAC 2023 folder (law.json, train.json, alqac2022/)")
    ap.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated, of {', '.join(FORMATS)}")
    ap.add_argument("--limit-questions", type=int, default=None, help="at most N questions per law and year")
    ap.add_argument("--keep", type=Path, default=None, help="keep the built files and data folders here")
    ap.add_argument("--json", type=Path, default=ROOT / "var" / "legal_formats.json")
    ap.add_argument("--ocr-pages", type=int, default=200, help="NTM_MAX_OCR_PAGES for the bot")
    args = ap.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        ap.error(f"unknown formats: {', '.join(sorted(unknown))}")

    all_laws = load_laws(args.data / "law.json")
    questions = questions_2022(args.data, all_laws) + questions_2023(args.data, all_laws)
    chosen = pick_laws(all_laws, questions)
    asked = limited([q for q in questions if q.law in chosen], args.limit_questions)
    counts = Counter((q.law, q.year) for q in asked)
    print("laws: " + "; ".join(f"{n} ({counts[n, 2022]} + {counts[n, 2023]} questions)" for n in chosen),
          file=sys.stderr)

    from knowledge.retrieval.embedding.encoder import Encoder
    from knowledge.settings import Settings

    started = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="legal-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    model_path = Settings(_env_file=None).model_path
    encoder = Encoder.load(model_path)
    corpus_index = build_corpus_index(work, encoder)
    results = []
    try:
        for fmt in formats:
            t0 = time.perf_counter()
            result = asyncio.run(run_format(fmt, [all_laws[n] for n in chosen], asked, corpus_index, work,
                                            encoder, model_path, args.ocr_pages))
            results.append(result)
            print(f"{fmt}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    minutes = (time.perf_counter() - started) / 60
    print(table(results))
    print(f"\n{len(chosen)} laws, {len(asked)} questions per format ({sum(q.year == 2022 for q in asked)} ALQAC 2022, "
          f"{sum(q.year == 2023 for q in asked)} ALQAC 2023 train); {minutes:.1f} min")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"laws": chosen, "minutes": round(minutes, 1),
                                     "formats": [asdict(r) for r in results]}, ensure_ascii=False, indent=1),
                         encoding="utf-8")


if __name__ == "__main__":
    main()
