"""What the structure recognisers produce: headings by character offset, and a passage's place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Marker:
    """A heading found in the text: `text[start:end]` is its paragraph (the heading line)."""

    kind: str  # phan, chuong, muc, dieu, khoan, diem, phu_luc; plan: section
    label: str  # "31", "2", "a", "II"
    level: int  # nesting: a heading contains the following ones of a greater level
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Node:
    """A heading and the text it governs: [start, end) runs to the next heading of its level or above."""

    marker: Marker
    end: int
    title: str  # the heading line, with a chapter's name from the next line ("Chương II. KẾT HÔN")

    @property
    def kind(self) -> str:
        return self.marker.kind

    @property
    def label(self) -> str:
        return self.marker.label

    @property
    def start(self) -> int:
        return self.marker.start


@dataclass(frozen=True, slots=True)
class Place:
    """Where a passage stands: what a citation says and what the models read before it."""

    cite: str | None  # "Điều 31 khoản 2", "Phụ lục I, tiêu chí 2", "Mục II.1"
    context: str | None  # "Chương III. QUAN HỆ GIỮA VỢ VÀ CHỒNG > Điều 31. Tên điều"
    article: tuple[int, int] | None  # the whole article (or plan section) it belongs to
