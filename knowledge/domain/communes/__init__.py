"""Commune registry: every commune (old and current) findable by name, with its NTM recognitions.

Public API (see each module for why it is built the way it is):
- `CommuneService(engine)` / `service_for(engine)`: `find(query) -> LookupResult`,
  `card(id)`, `stats(province) -> Stats`, `import_file(path) -> ImportResult`,
  `answer_question(text) -> CommuneAnswer | None`, `warm_up()`.
- `find`, `stats`, `import_file`: the same on an engine's shared service.
- `recognise_commune_question(text) -> CommuneQuestion | None`.
- Renderers: `render_card_html`, `render_card_text`, `render_lookup`, `render_not_found`,
  `render_stats_html`, `render_answer_html`, `render_import_result`.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.domain.communes.cards import CommuneCard, PlanInfo, RecognitionInfo, RelatedUnit
from knowledge.domain.communes.importer import ImportResult, RowError
from knowledge.domain.communes.index import CommuneRef, ProvinceRef
from knowledge.domain.communes.levels import Level, parse_level
from knowledge.domain.communes.questions import CommuneQuestion, recognise_commune_question
from knowledge.domain.communes.service import CommuneAnswer, CommuneService, LookupResult, service_for
from knowledge.domain.communes.stats import ProvinceCounts, ProvinceNotFound, Stats


def find(query: str, engine) -> LookupResult:
    return service_for(engine).find(query)


def stats(province: str | None, engine) -> Stats:
    return service_for(engine).stats(province)


def import_file(path: str | Path, engine, *, dry_run: bool = False) -> ImportResult:
    return service_for(engine).import_file(path, dry_run=dry_run)


__all__ = [ "CommuneAnswer", "CommuneCard", "CommuneQuestion", "CommuneRef", "CommuneService",
    "ImportResult", "Level", "LookupResult", "PlanInfo", "ProvinceCounts", "ProvinceNotFound", "ProvinceRef",
    "RecognitionInfo", "RelatedUnit", "RowError", "Stats", "find", "import_file", "parse_level",
    "recognise_commune_question", "service_for", "stats",
]
