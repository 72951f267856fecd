"""What an admin may say about an uploaded document in its caption.

    Tiêu đề: Kế hoạch NTM năm 2025; Nguồn: UBND tỉnh Bắc Ninh; Tỉnh: Bắc Ninh; Ngày: 15/3/2025

Fields are separated by `;` or new lines, labels are read without case or
diacritics (English `title`, `source`, `province`, `date` work too). A
caption with no label at all is the title, the most common wish. A province
or date that cannot be understood is an error rather than silently dropped:
a wrong province would be cited to officials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.metadata import document_date
from knowledge import places
from knowledge.errors import UserError
from knowledge.text.normalize import fold, normalize

LABELS = {
    "title": {"tieu de", "ten", "ten tai lieu", "title"},
    "source": {"nguon", "co quan", "noi ban hanh", "source", "publisher"},
    "province": {"tinh", "tinh thanh", "tinh/thanh pho", "province"},
    "date": {"ngay", "ngay ban hanh", "ngay dang", "date"},
}
_BY_LABEL = {label: name for name, labels in LABELS.items() for label in labels}
_FIELD = re.compile(r"^\s*([^:：]{1,30})[:：]\s*(.*)$", re.S)


class CaptionError(UserError, ValueError):
    """The caption says something unusable; the message is for the admin (Vietnamese)."""


@dataclass
class CaptionInfo:
    title: str | None = None
    source: str | None = None
    provinces: list[str] = field(default_factory=list)
    date: str | None = None  # ISO

    @property
    def empty(self) -> bool:
        return not (self.title or self.source or self.provinces or self.date)


def parse_caption(caption: str | None) -> CaptionInfo:
    info = CaptionInfo()
    text = normalize(caption or "").strip()
    if not text:
        return info
    parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    labelled = False
    for part in parts:
        match = _FIELD.match(part)
        name = _BY_LABEL.get(" ".join(fold(match.group(1)).split())) if match else None
        if name is None:
            continue
        labelled = True
        value = " ".join(match.group(2).split())
        if not value:
            continue
        if name == "province":
            names = [n.strip() for n in re.split(r"[,/]| và ", value) if n.strip()]
            found = [places.lookup(n) for n in names]
            unknown = [n for n, p in zip(names, found, strict=True) if p is None]
            if unknown:
                raise CaptionError(f"Không nhận ra tỉnh “{unknown[0]}” trong chú thích (ví dụ: Tỉnh: Bắc Ninh).")
            info.provinces = list(dict.fromkeys(p.name for p in found))
        elif name == "date":
            info.date = document_date(value)
            if info.date is None:
                raise CaptionError(f"Không hiểu ngày “{value}” trong chú thích (ví dụ: Ngày: 15/3/2025).")
        else:
            setattr(info, name, value[:300])
    if not labelled:
        info.title = " ".join(text.split())[:300]
    return info
