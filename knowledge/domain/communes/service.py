"""One entry point per database: schema and registry ready on first use, names in memory once.

`CommuneService(engine)` is what the bot, the CLI and the answer engine hold;
`service_for(engine)` shares one per engine in the process. Every method is
synchronous and thread-safe (the bot calls them through `asyncio.to_thread`).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from knowledge.domain.communes.cards import CommuneCard, build_card
from knowledge.domain.communes.importer import ImportResult, import_bytes, import_file
from knowledge.domain.communes.importer.run import TableReader
from knowledge.domain.communes.index import CommuneRef, RegistryIndex
from knowledge.domain.communes.levels import Level
from knowledge.domain.communes.loader import LoadReport, ensure_registry, load_registry
from knowledge.domain.communes.lookup import Match, Matcher, NameQuery, Status
from knowledge.domain.communes.questions import CommuneQuestion, recognise_commune_question
from knowledge.domain.communes.stats import ProvinceCounts, Stats, compute_by_province, compute_stats
from knowledge.domain.communes.tabular import read_table


@dataclass(frozen=True)
class LookupResult:
    """`find`'s answer: one card, several candidates, or none with the closest names."""

    query: str
    status: Status
    card: CommuneCard | None = None
    candidates: tuple[CommuneRef, ...] = ()  # when ambiguous, best first
    closest: tuple[CommuneRef, ...] = ()  # when not found
    exact: bool = True  # False: matched despite typos
    warnings: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return self.status == "found"

    @property
    def ambiguous(self) -> bool:
        return self.status == "ambiguous"

    @property
    def not_found(self) -> bool:
        return self.status == "not_found"


@dataclass(frozen=True)
class CommuneAnswer:
    """A status question and what the registry says (see `render_answer_html`)."""

    question: CommuneQuestion
    result: LookupResult
    namesakes: tuple[CommuneRef, ...] = ()  # other units of the same name, when one was singled out


class CommuneService:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._matcher: Matcher | None = None
        self._lock = threading.Lock()
        self.load_report: LoadReport | None = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            with self._lock:
                if self._matcher is None:
                    self.load_report = ensure_registry(self.engine)
                    self._matcher = Matcher(RegistryIndex.load(self.engine))
        return self._matcher

    @property
    def index(self) -> RegistryIndex:
        return self.matcher.index

    @property
    def loaded(self) -> bool:
        """The names are in memory: `index` answers at once."""
        return self._matcher is not None

    def warm_up(self) -> None:
        """Load schema, registry and names now rather than on the first question."""
        _ = self.matcher

    def reload_registry(self) -> LoadReport:
        """Re-read `vietnamadminunits` into the tables (after a package upgrade) and the index."""
        with self._lock:
            report = load_registry(self.engine)
            self._matcher = Matcher(RegistryIndex.load(self.engine))
        return report

    def match(self, query: str) -> Match:
        return self.matcher.match(query)

    def find(self, query: str) -> LookupResult:
        match = self.matcher.match(query)
        communes = self.index.communes
        if match.status == "found":
            return LookupResult(query, "found", card=self.card(match.ids[0]), exact=match.exact,
                                warnings=match.warnings)
        if match.status == "ambiguous":
            return LookupResult(query, "ambiguous", candidates=tuple(communes[i] for i in match.ids),
                                exact=match.exact, warnings=match.warnings)
        return LookupResult(query, "not_found", closest=tuple(communes[i] for i in match.closest),
                            warnings=match.warnings)

    def card(self, commune_id: int) -> CommuneCard | None:
        if commune_id not in self.index.communes:
            return None
        return build_card(self.engine, self.index, commune_id)

    def stats(self, province: str | None = None) -> Stats:
        """Raises `ProvinceNotFound` (message in Vietnamese) for an unknown province."""
        return compute_stats(self.engine, self.matcher, province)

    def stats_by_province(self) -> list[ProvinceCounts]:
        """The current provinces side by side (the country's /thongke chart and export)."""
        return compute_by_province(self.engine, self.matcher)

    def import_file(self, path: str | Path, *, dry_run: bool = False) -> ImportResult:
        return import_file(self.engine, self.matcher, path, dry_run=dry_run)

    def import_bytes(self, data: bytes, file_name: str, *, dry_run: bool = False,
                     read: TableReader = read_table) -> ImportResult:
        """`read`: how the table is read (in this process by default)."""
        return import_bytes(self.engine, self.matcher, data, file_name, dry_run=dry_run, read=read)

    def answer_question(self, text: str) -> CommuneAnswer | None:
        """The registry's answer to a commune status question, or None when the text is
        not one or names no known unit (then the documents answer alone)."""
        question = recognise_commune_question(text)
        if question is None:
            return None
        result = self.find(question.query)
        if result.not_found or (not question.explicit and not result.exact):
            # A bare name that only resembles a unit is more likely not a name at all.
            return None if not question.explicit else CommuneAnswer(question, result)
        return CommuneAnswer(question, result)

    def answer_units(self, ids: Sequence[int], question: CommuneQuestion, query: str) -> CommuneAnswer:
        """The answer about units a question already named (`ids`, linked by the caller, best first).

        Several units: the one the asked level singles out (the only one with such a
        recognition on record) is answered, the others are named; else the choice.
        """
        ids = [i for i in ids if i in self.index.communes]
        chosen = ids[0] if len(ids) == 1 else self._single_out(ids, question.level)
        if chosen is None:
            candidates = tuple(self.index.communes[i] for i in ids)
            return CommuneAnswer(question, LookupResult(query, "ambiguous", candidates=candidates))
        card = self.card(chosen)
        return CommuneAnswer(question, LookupResult(query, "found", card=card), self._namesakes(card))

    def _single_out(self, ids: list[int], level: Level | None) -> int | None:
        if level is None or not ids:
            return None
        reached = []
        for i in ids:
            card = self.card(i)
            units = [card.recognitions, *(u.recognitions for u in (*card.absorbed, *card.now_part_of))]
            if any(r.level.rank >= level.rank for recs in units for r in recs):
                reached.append(i)
        return reached[0] if len(reached) == 1 else None

    def _namesakes(self, card: CommuneCard | None) -> tuple[CommuneRef, ...]:
        """Units elsewhere with the same name (not the card's own old or new unit)."""
        if card is None:
            return ()
        related = {card.commune.id, *(u.commune.id for u in (*card.absorbed, *card.now_part_of))}
        same = self.matcher.exact(NameQuery.from_text(card.commune.short_name))
        return tuple(self.index.communes[i] for i in same if i not in related)


_services: weakref.WeakKeyDictionary[Engine, CommuneService] = weakref.WeakKeyDictionary()
_services_lock = threading.Lock()


def service_for(engine: Engine) -> CommuneService:
    """The shared service of `engine`."""
    with _services_lock:
        service = _services.get(engine)
        if service is None:
            service = _services[engine] = CommuneService(engine)
        return service
