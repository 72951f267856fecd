"""What a question asks, parsed once: the one typed object every answerer reads.

Why one object: the commune, criteria, targets and passage answerers used to
each guess from the raw sentence (and a sentence shape like "xã ... phải đạt"
was taken for a commune name). Parsing once, by linking known things (places
from the registry, years, levels, criteria, document numbers), lets each
answerer say how sure it is from what was actually found, and lets a
follow-up keep the previous turn's slots instead of a rewritten string.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from knowledge.domain.legal_documents import DocumentRef


class Form(StrEnum):
    """The shape of answer the question wants."""

    HOW_MANY = "how_many"  # bao nhiêu, mấy, tỷ lệ ...: a figure
    WHEN = "when"  # khi nào, năm nào, ngày nào: a date or year
    WHICH = "which"  # nào, những gì, gồm: a list or a choice
    YES_NO = "yes_no"  # ... chưa?, có ... không?
    WHAT_IS = "what_is"  # ... là gì?
    OTHER = "other"


class Unit(StrEnum):
    """The kind of unit a figure counts (xã, huyện, thôn, hộ) or a place is."""

    PROVINCE = "tỉnh"
    DISTRICT = "huyện"
    COMMUNE = "xã"
    VILLAGE = "thôn"
    HOUSEHOLD = "hộ"


@dataclass(frozen=True)
class PlaceMention:
    """A place found in the question, linked to the registry."""

    text: str  # as typed
    start: int  # span in Query.text
    end: int
    kind: Unit  # PROVINCE, DISTRICT or COMMUNE
    province: str | None  # canonical province name (for a commune or district: its province)
    current_province: str | None  # the province it belongs to since 1 July 2025
    commune_ids: tuple[int, ...] = ()  # registry ids a commune mention may be (several when names are shared)
    typed_kind: bool = False  # the unit word was typed ("xã Cao Xá", "tỉnh Long An")
    former: tuple[str, ...] = ()  # a current province: the old ones merged into it ("Đồng Tháp": "Tiền Giang")

    @property
    def counterparts(self) -> tuple[str, ...]:
        """Every province name this place stands for, old and new: its plans may be under any of them."""
        names = (self.province, self.current_province, *self.former)
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True)
class CriterionRef:
    number: int | None = None  # "tiêu chí số 5", "tiêu chí 17"
    name: str | None = None  # words naming a criterion ("tiêu chí giao thông")
    set_id: str | None = None  # "2021-2025" / "2026-2030", when the question names one (318, 51/2025, a period)
    group: int | None = None  # "nhóm xã 1/2/3" of the 2026-2030 set
    about_set: bool = False  # the question is about the set itself (how many criteria/indicators, decision, dates)


@dataclass(frozen=True)
class Query:
    text: str  # what the person typed, NFC, single spaces
    folded: str  # accent-folded, lower case
    places: tuple[PlaceMention, ...] = ()
    years: tuple[int, ...] = ()
    period: tuple[int, int] | None = None  # "giai đoạn 2021-2025"
    level: str | None = None  # knowledge.domain.communes.levels.Level value
    unit: Unit | None = None  # what is counted or asked about
    criterion: CriterionRef | None = None
    doc_numbers: tuple[str, ...] = ()  # "318/QĐ-TTg", "1416/KH-UBND"
    # Documents named ("theo Quyết định 318", "nghị định 98", "luật hôn nhân gia đình"): search prefers them.
    documents: tuple[DocumentRef, ...] = ()
    form: Form = Form.OTHER
    focus: tuple[str, ...] = ()  # folded content words once places, years, levels and function words are out
    inherited: tuple[str, ...] = field(default=())  # slot names filled from the previous turn (follow-ups)
    # Where some slots were typed, for a follow-up that swaps one: ("year", start, end), ("level", ...),
    # ("criterion", ...), ("group", ...), ("period", ...), ("form", ...), ("topic", ...)
    spans: tuple[tuple[str, int, int], ...] = ()

    @property
    def provinces(self) -> tuple[str, ...]:
        """Canonical provinces named, in order (a commune's or district's province included)."""
        return tuple(dict.fromkeys(p.province for p in self.places if p.province))

    @property
    def province_names(self) -> tuple[str, ...]:
        """Every province the question stands for, old and new ("Đồng Tháp": Tiền Giang's plans too)."""
        return tuple(dict.fromkeys(n for p in self.places for n in p.counterparts))

    @property
    def communes(self) -> tuple[PlaceMention, ...]:
        return tuple(p for p in self.places if p.kind is Unit.COMMUNE)

    @property
    def wants_figure(self) -> bool:
        return self.form in (Form.HOW_MANY, Form.WHEN)

    def span(self, slot: str) -> tuple[int, int] | None:
        return next(((a, b) for name, a, b in self.spans if name == slot), None)

    def with_slots(self, **slots) -> Query:
        """A copy with some slots replaced (follow-ups), remembering which were inherited."""
        return replace(self, inherited=tuple(dict.fromkeys((*self.inherited, *slots))), **slots)
