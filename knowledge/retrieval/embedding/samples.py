"""Realistic texts for measuring and testing embeddings, built from the bundled corpus.

Passages mimic what the indexer embeds: the document title, a newline, then
whole sentences up to ~900 characters. Speed depends on token count, so
measuring on short toy strings would flatter every model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from knowledge.settings import BUNDLED_CORPUS, PROJECT_ROOT

_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")

# Questions officials ask, with and without diacritics, plus mixed-language ones.
QUERIES = (
    "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?",
    "Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?",
    "bac giang 2024 them bao nhieu xa ntm kieu mau",
    "Long An có bao nhiêu xã đạt tiêu chí văn hóa nông thôn mới?",
    "TP.HCM thi đua xây dựng nông thôn mới giai đoạn 2021-2025 như thế nào?",
    "xã nông thôn mới kiểu mẫu ở TPHCM năm 2025",
    "tieu chi xa nong thon moi nang cao",
    "Kế hoạch 1416/KH-UBND nói gì về nông thôn mới?",
    "tỷ lệ hộ nghèo đa chiều của xã đạt chuẩn",
    "thu nhập bình quân đầu người xã NTM nâng cao là bao nhiêu?",
    "NTM kiểu mẫu là gì",
    "new rural development model commune criteria Vietnam",
    "OCOP products in new rural communes",
    "có bao nhiêu huyện hoàn thành nhiệm vụ xây dựng NTM?",
    "vốn ngân sách hỗ trợ chương trình mục tiêu quốc gia",
)


def corpus_chunks(corpus: Path = BUNDLED_CORPUS, limit: int = 900) -> list[tuple[str, str]]:
    """(document stem, passage): title-prefixed runs of whole sentences, each at most ~`limit` characters."""
    chunks = []
    for path in sorted(corpus.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        # The title is the first real sentence, past web-page crumbs like "Skip to main content".
        start = next((i for i, line in enumerate(lines) if len(line.split()) >= 6), None)
        if start is None:
            continue
        title, chunk = lines[start], ""
        for paragraph in lines[start + 1:]:
            for sentence in _SENTENCE_END.split(paragraph):
                if chunk and len(title) + len(chunk) + len(sentence) + 2 > limit:
                    chunks.append((path.stem, f"{title}\n{chunk}"))
                    chunk = ""
                chunk = f"{chunk} {sentence}".strip()
        if chunk:
            chunks.append((path.stem, f"{title}\n{chunk}"))
    return chunks


def corpus_passages(corpus: Path = BUNDLED_CORPUS, limit: int = 900) -> list[str]:
    return [passage for _, passage in corpus_chunks(corpus, limit)]


def eval_queries(path: Path = PROJECT_ROOT / "knowledge" / "eval" / "dev.jsonl") -> list[str]:
    """The dev questions (field `q`), or none when the file is absent."""
    if not path.is_file():
        return []
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
