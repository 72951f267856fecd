"""Extraction precision and recall on the bundled articles, against a hand-made list.

Every figure the issue names is here, checked by reading each article in
full; nothing else in the articles is a target tied to an NTM level or a
social indicator (the rest are document numbers, dates, addresses, "4 sao",
"06 nhiệm vụ", "100% trẻ em 5 tuổi"). Extraction is measured three ways,
because the indexer may hand over any chunk: the whole document, each
paragraph (with the document as context), ~900-character passages with one
sentence of overlap and only the document's metadata, and the indexer's own
reader and splitter (skipped if they are missing).

Run `pytest tests/knowledge/domain/targets/test_quality.py -q -s` to see the numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.domain.targets import Target, extract_targets
from knowledge.settings import BUNDLED_CORPUS
from knowledge.text.sentences import sentence_spans
from tests.auxil.paths import corpus_text

HD, BG, LA, HCM = "Hải Dương", "Bắc Giang", "Long An", "TP. Hồ Chí Minh"
NC, KM, NTM, VH = "NTM nâng cao", "NTM kiểu mẫu", "NTM", "văn hóa, NTM"

# (file, province, year, unit or indicator, level, kind, quote, percent quote)
EXPECTED = [
    ("hai-duong-ntm-2025", HD, 2025, "xã", NC, "additional", "29 xã", None),
    ("hai-duong-ntm-2025", HD, 2025, "xã", NC, "total", "94/151 xã", "62,2%"),
    ("hai-duong-ntm-2025", HD, 2025, "xã", KM, "additional", "16 xã", None),
    ("hai-duong-ntm-2025", HD, 2025, "xã", KM, "total", "35/151 xã", "23,2"),
    ("bac-giang-ntm-2024", BG, 2024, "xã", NTM, "additional", "05 xã", None),
    ("bac-giang-ntm-2024", BG, 2024, "xã", NC, "additional", "11 xã", None),
    ("bac-giang-ntm-2024", BG, 2024, "xã", KM, "additional", "05 xã", None),
    ("bac-giang-ntm-2024", BG, 2024, "thôn", NTM, "additional", "12 thôn", None),
    ("bac-giang-ntm-2024", BG, 2024, "thôn", KM, "additional", "72 thôn", None),
    ("bac-giang-ntm-2024", BG, 2024, "Tỷ lệ hộ nghèo", None, "value", "1,8%", None),
    ("bac-giang-ntm-2024", BG, 2024, "Thu nhập bình quân đầu người", None, "value", "54 triệu đồng/người/năm", None),
    ("bac-giang-ntm-2024", BG, 2024, "Tỷ lệ tham gia BHYT", None, "value", "99,32%", None),
    ("bac-giang-ntm-2024", BG, 2024, "Tỷ lệ dân số dùng nước sạch", None, "value", "57,5%", None),
    # Long An: Nghị quyết Đại hội tỉnh Đảng bộ lần thứ XI, targets for 2025
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "xã", VH, "share", "88%", None),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "huyện", NTM, "total", "10/15 huyện", None),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "huyện", NC, "total", "02 huyện", None),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "huyện", KM, "total", "01 huyện", None),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "xã", NC, "share", "40%", None),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "xã", KM, "total", "11 xã", None),
    # Long An: Kế hoạch 1416/KH-UBND, year by year
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2021, "xã", VH, "additional", "10 xã", "64,6%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2022, "xã", VH, "additional", "11 xã", "71,4%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2023, "xã", VH, "additional", "09 xã", "77%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2024, "xã", VH, "additional", "08 xã", "82 %"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "xã", VH, "additional", "11 xã", "88,8%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2021, "xã", NC, "additional", "12 xã", "16,3%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2022, "xã", NC, "additional", "08 xã", "21,7%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2023, "xã", NC, "additional", "13 xã", "30,6%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2024, "xã", NC, "additional", "13 xã", "38,6%"),
    ("long-an-xa-van-hoa-ntm-nang-cao", LA, 2025, "xã", NC, "additional", "6 xã", "40,1%"),
    ("tphcm-thi-dua-xay-dung-ntm-2021-2025", HCM, 2025, "xã", KM, "share", "50%", None),
    ("tphcm-thi-dua-xay-dung-ntm-2021-2025", HCM, 2025, "huyện", NC, "share", "20%", None),
    ("tphcm-xa-ntm-kieu-mau-2025", HCM, 2025, "xã", KM, "share", "50%", None),
]

# What the indexer knows of each article without reading it (metadata).
METADATA = {
    "hai-duong-ntm-2025": ([HD], None),
    "bac-giang-ntm-2024": ([BG], 2024),
    "long-an-xa-van-hoa-ntm-nang-cao": ([LA], 2021),
    "tphcm-thi-dua-xay-dung-ntm-2021-2025": ([HCM], None),
    "tphcm-xa-ntm-kieu-mau-2025": ([HCM], 2024),
}


def row(doc: str, t: Target) -> tuple:
    return (doc, t.province, t.year, t.indicator or t.unit, t.level, t.kind.value, t.quote, t.percent_quote)


def whole_documents() -> list[tuple[str, str, Target]]:
    out = []
    for doc, (provinces, year) in METADATA.items():
        text = corpus_text(doc)
        for t in extract_targets(text, doc_id=doc, passage_id=None, doc_provinces=provinces, doc_year=year):
            out.append((doc, text, t))
    return out


def paragraphs() -> list[tuple[str, str, Target]]:
    out = []
    for doc in METADATA:
        text = corpus_text(doc)
        pos = 0
        for n, para in enumerate(text.split("\n")):
            start = text.index(para, pos)
            pos = start + len(para)
            found = extract_targets(para, doc_id=doc, passage_id=f"{doc}#{n}", doc_provinces=[], doc_year=None,
                                    doc_text=text, passage_start=start)
            out += [(doc, para, t) for t in found]
    return out


def windows(max_chars: int = 900) -> list[tuple[str, str, Target]]:
    out = []
    for doc, (provinces, year) in METADATA.items():
        text = corpus_text(doc)
        spans = sentence_spans(text)
        i = n = 0
        while i < len(spans):
            j = i
            while j + 1 < len(spans) and spans[j + 1][1] - spans[i][0] <= max_chars:
                j += 1
            chunk = text[spans[i][0]:spans[j][1]]
            found = extract_targets(chunk, doc_id=doc, passage_id=f"{doc}#{n}", doc_provinces=provinces,
                                    doc_year=year)
            out += [(doc, chunk, t) for t in found]
            n += 1
            i = j + 1 if j == i else j  # one sentence of overlap
    return out


def indexer_passages() -> list[tuple[str, str, Target]]:
    """What the indexer does: its reader (cleaning, metadata), its splitter, one call per passage."""
    readers = pytest.importorskip("indexer.readers")
    split = pytest.importorskip("indexer.split")
    out = []
    for path in sorted(Path(BUNDLED_CORPUS).glob("*.txt")):
        for doc in readers.read_path(path):
            year = int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None
            for n, chunk in enumerate(split.split_passages(doc.text, max_chars=900, overlap_sentences=1)):
                found = extract_targets(chunk.text, doc_id=path.stem, passage_id=f"{path.stem}#{n}",
                                        doc_provinces=list(doc.provinces), doc_year=year)
                out += [(path.stem, chunk.text, t) for t in found]
    return out


def precision_recall(extracted: list[tuple[str, str, Target]]) -> tuple[float, float, list, list]:
    expected = set(EXPECTED)
    rows = [row(doc, t) for doc, _, t in extracted]
    wrong = [r for r in rows if r not in expected]
    missed = [e for e in EXPECTED if e not in set(rows)]
    precision = (len(rows) - len(wrong)) / len(rows) if rows else 0.0
    recall = (len(EXPECTED) - len(missed)) / len(EXPECTED)
    return precision, recall, wrong, missed


MODES = [whole_documents, paragraphs, windows, indexer_passages]


@pytest.mark.parametrize("mode", MODES, ids=lambda f: f.__name__)
def test_precision_and_recall(mode):
    extracted = mode()
    precision, recall, wrong, missed = precision_recall(extracted)
    print(f"\n{mode.__name__}: {len(extracted)} rows extracted, {len(EXPECTED)} expected; "
          f"precision {precision:.3f}, recall {recall:.3f}")
    assert not wrong, f"invented or mislabelled rows: {wrong}"
    assert not missed, f"missed rows: {missed}"
    assert precision == 1.0 and recall == 1.0


@pytest.mark.parametrize("mode", MODES, ids=lambda f: f.__name__)
def test_every_quote_is_exact_and_located(mode):
    for _, text, t in mode():
        assert text[t.start:t.end] == t.quote
        assert t.quote in t.sentence
        assert text[t.sentence_start:t.sentence_start + len(t.sentence)] == t.sentence
        if t.percent_quote is not None:
            assert text[t.percent_start:t.percent_end] == t.percent_quote
