"""Seconds to OCR a generated N-page scanned PDF through the upload path's child process (README's number).

    PYTHONPATH=$PWD .venv/bin/python scripts/ocr_bench.py 40
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.readers.isolated import IsolatedReader  # noqa: E402
from knowledge.settings import LimitsSettings  # noqa: E402
from tests.auxil.scans import full_pages, scanned_pdf, words  # noqa: E402


def main(pages: int) -> None:
    texts = full_pages(pages)
    data = scanned_pdf(texts)
    limits = LimitsSettings()
    started = time.perf_counter()
    with IsolatedReader(limits) as reader:
        [doc] = reader.read_bytes(data, "scan.pdf")
    seconds = time.perf_counter() - started
    expected = [w for text in texts for w in words(text)]
    found = set(words(doc.text))
    right = sum(w in found for w in expected)
    print(f"{pages} pages, {limits.ocr_dpi} dpi, {limits.ocr_workers} workers: {seconds:.1f} s "
          f"({seconds / pages:.2f} s/page), {right}/{len(expected)} words found, PDF {len(data) // 1024} KB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
