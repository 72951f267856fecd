"""The Target record: one figure from a passage, with everything needed to cite it.

Why a pydantic model: targets are written as JSON lines at index time and read
back by the bot and the CLI, so the schema must round-trip losslessly and
reject a corrupt file loudly rather than show a wrong number.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict


class Kind(StrEnum):
    """What the number means; the values are stable JSON identifiers."""

    ADDITIONAL = "additional"  # "thêm 29 xã": units newly brought to the level
    TOTAL = "total"  # "nâng tổng số ... 94/151 xã": cumulative count
    SHARE = "share"  # "50% số xã": share of units at the level
    VALUE = "value"  # a social indicator's level: "1,8%", "54 triệu đồng/người/năm"
    COUNT = "count"  # a count with no marker saying whether it is new or cumulative

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.ADDITIONAL: "thêm",
    Kind.TOTAL: "tổng",
    Kind.SHARE: "tỷ lệ",
    Kind.VALUE: "mức",
    Kind.COUNT: "số lượng",
}


class Target(BaseModel):
    """A planned figure (chỉ tiêu) as stated in one passage.

    `quote` is the figure exactly as written (same digits, leading zeros and
    decimal comma); `start`/`end` locate it in the passage text given to the
    extractor, so `text[start:end] == quote`; `sentence` starts at
    `sentence_start` in that text. `percent_quote` is a share
    stated next to a count ("94/151 xã đạt (62,2%)"), located the same way.
    """

    model_config = ConfigDict(frozen=True)

    doc_id: str
    passage_id: str | None = None
    doc_title: str | None = None
    province: str | None = None
    district: str | None = None
    unit: str | None = None
    level: str | None = None
    indicator: str | None = None
    year: int | None = None
    period: str | None = None
    kind: Kind
    quote: str
    value: int | float
    denominator: int | None = None
    percent: float | None = None
    percent_quote: str | None = None
    measure: str | None = None
    qualifier: str | None = None
    sentence: str
    sentence_start: int = 0
    start: int
    end: int
    percent_start: int | None = None
    percent_end: int | None = None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)

    @classmethod
    def from_dict(cls, data: dict) -> Target:
        return cls.model_validate(data)

    @property
    def subject(self) -> str:
        """What is counted, in words: 'xã NTM nâng cao', 'Tỷ lệ hộ nghèo'."""
        if self.indicator:
            return self.indicator
        parts = [p for p in (self.unit, self.level) if p]
        return " ".join(parts) or "chỉ tiêu"


def dump_targets(targets: Iterable[Target], path: str | os.PathLike, append: bool = False) -> int:
    """Writes one JSON object per line (UTF-8, fsynced), after the file's lines when `append`; returns the count."""
    path = Path(path)
    count = 0
    with path.open("a" if append else "w", encoding="utf-8") as fh:
        for target in targets:
            fh.write(json.dumps(target.to_dict(), ensure_ascii=False) + "\n")
            count += 1
        fh.flush()
        os.fsync(fh.fileno())
    return count


def copy_targets(source: str | os.PathLike, path: str | os.PathLike, doc_ids: Collection[str]) -> int:
    """Writes the lines of `source` (a file of `dump_targets`) whose document is in `doc_ids`, as they
    are: no Target is made, so carrying 50,000 targets over costs one line in memory at a time."""
    count = 0
    with Path(source).open(encoding="utf-8") as src, Path(path).open("w", encoding="utf-8") as fh:
        for line in src:
            if line.strip() and json.loads(line).get("doc_id") in doc_ids:
                fh.write(line if line.endswith("\n") else line + "\n")
                count += 1
        fh.flush()
        os.fsync(fh.fileno())
    return count


def load_targets(path: str | os.PathLike) -> list[Target]:
    """Reads a file written by `dump_targets`; a missing file is an empty list."""
    path = Path(path)
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(Target.from_dict(json.loads(line)))
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: dòng chỉ tiêu không hợp lệ: {exc}") from exc
    return out
