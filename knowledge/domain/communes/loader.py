"""Fill the registry tables from `vietnamadminunits`: idempotent, bulk, one transaction.

The same diff-based path serves the first load (everything missing: bulk
inserts) and a refresh after a package upgrade (only changes written); rows are
matched on their natural key (is_current, official code), so commune ids, which
recognitions point to, never change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, tuple_, update
from sqlalchemy.exc import IntegrityError

from knowledge.domain.db.communes import Commune, CommuneAlias, CommuneLink, Province
from knowledge.domain.db.migrate import ensure_schema
from knowledge.places.names import key
from knowledge.places.source import Source, read_source

PROVINCES = Province.__table__
COMMUNES = Commune.__table__
LINKS = CommuneLink.__table__
ALIASES = CommuneAlias.__table__
_BATCH = 5000


@dataclass(frozen=True)
class LoadReport:
    source_version: str
    provinces: int
    communes: int
    links: int
    aliases: int
    inserted: int
    updated: int
    deleted: int
    seconds: float

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)


def registry_size(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(COMMUNES)).scalar_one()


def ensure_registry(engine: Engine) -> LoadReport | None:
    """Schema at head and registry loaded; loads it (once) when the table is empty."""
    ensure_schema(engine)
    if registry_size(engine):
        return None
    try:
        return load_registry(engine)
    except IntegrityError:
        # Another process loaded it at the same moment: fine when it is now there.
        if registry_size(engine):
            return None
        raise


def load_registry(engine: Engine, source: Source | None = None) -> LoadReport:
    started = time.perf_counter()
    ensure_schema(engine)
    source = source or read_source()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(74856002)"))
        counts = [0, 0, 0]
        province_ids = _sync_provinces(conn, source, counts)
        commune_ids = _sync_communes(conn, source, province_ids, counts)
        _sync_links(conn, source, commune_ids, counts)
        n_aliases = _sync_aliases(conn, source, commune_ids, counts)
    return LoadReport(source.version, len(source.provinces), len(source.communes), len(source.links),
                      n_aliases, *counts, seconds=time.perf_counter() - started)


def _insert_many(conn: Connection, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), _BATCH):
        conn.execute(insert(table), rows[start:start + _BATCH])


def _sync_provinces(conn: Connection, source: Source, counts: list[int]) -> dict[tuple[bool, str], int]:
    """Returns (is_current, package key) -> id. Current provinces first: old ones point to them."""
    by_key = {(p.is_current, p.key): p for p in source.provinces}
    ids: dict[tuple[bool, str], int] = {}
    for current in (True, False):
        existing = {(r.is_current, r.code): r for r in conn.execute(select(PROVINCES))}
        wanted = []
        for p in source.provinces:
            if p.is_current != current:
                continue
            successor = ids[(True, p.successor_key)] if p.successor_key else None
            wanted.append((p, {"code": p.code, "name": p.name, "short_name": p.short_name,
                               "is_current": p.is_current, "successor_id": successor}))
        missing = [values for p, values in wanted if (p.is_current, p.code) not in existing]
        if missing:
            _insert_many(conn, PROVINCES, missing)
            counts[0] += len(missing)
        for p, values in wanted:
            row = existing.get((p.is_current, p.code))
            if row is not None and any(getattr(row, k) != v for k, v in values.items()):
                conn.execute(update(PROVINCES).where(PROVINCES.c.id == row.id).values(**values))
                counts[1] += 1
        code_to_id = {(r.is_current, r.code): r.id for r in conn.execute(select(PROVINCES))}
        for (is_current, pkey), p in by_key.items():
            if is_current == current:
                ids[(is_current, pkey)] = code_to_id[(is_current, p.code)]
    return ids


def _sync_communes(conn: Connection, source: Source, province_ids, counts: list[int]) -> dict[str, int]:
    """Returns the package key -> commune id."""
    fields = ("code", "name", "short_name", "kind", "province_id", "district_code", "district_name",
              "is_current", "folded")
    existing = {(r.is_current, r.code): r for r in conn.execute(select(COMMUNES))}
    missing, changed = [], []
    for c in source.communes:
        values = {"code": c.code, "name": c.name, "short_name": c.short_name, "kind": c.kind,
                  "province_id": province_ids[(c.is_current, c.province_key)],
                  "district_code": c.district_code, "district_name": c.district_name,
                  "is_current": c.is_current, "folded": key(c.short_name)}
        row = existing.get((c.is_current, c.code))
        if row is None:
            missing.append(values)
        elif any(getattr(row, f) != values[f] for f in fields):
            changed.append((row.id, values))
    _insert_many(conn, COMMUNES, missing)
    for commune_id, values in changed:
        conn.execute(update(COMMUNES).where(COMMUNES.c.id == commune_id).values(**values))
    counts[0] += len(missing)
    counts[1] += len(changed)
    code_to_id = {(r.is_current, r.code): r.id
                  for r in conn.execute(select(COMMUNES.c.id, COMMUNES.c.is_current, COMMUNES.c.code))}
    return {c.key: code_to_id[(c.is_current, c.code)] for c in source.communes}


def _sync_links(conn: Connection, source: Source, ids: dict[str, int], counts: list[int]) -> None:
    wanted = {(ids[link.old_key], ids[link.new_key]): (link.is_whole, link.is_default) for link in source.links}
    existing = {(r.old_id, r.new_id): (r.is_whole, r.is_default) for r in conn.execute(select(LINKS))}
    stale = [pair for pair, flags in existing.items() if wanted.get(pair) != flags]
    for start in range(0, len(stale), 500):
        conn.execute(delete(LINKS).where(tuple_(LINKS.c.old_id, LINKS.c.new_id).in_(stale[start:start + 500])))
    new = [{"old_id": o, "new_id": n, "is_whole": w, "is_default": d}
           for (o, n), (w, d) in wanted.items() if existing.get((o, n)) != (w, d)]
    _insert_many(conn, LINKS, new)
    counts[0] += len(new)
    counts[2] += len(stale)


def commune_aliases(short_name: str, name: str, package_aliases) -> dict[str, str]:
    """Search keys of one unit -> their kind (name beats full beats package)."""
    keys: dict[str, str] = {}
    for alias in package_aliases:
        alias_key = key(alias)
        if alias_key:
            keys[alias_key] = "package"
    keys[key(name)] = "full"
    keys[key(short_name)] = "name"
    return keys


def _sync_aliases(conn: Connection, source: Source, ids: dict[str, int], counts: list[int]) -> int:
    wanted: dict[tuple[int, str], str] = {}
    for c in source.communes:
        for alias, kind in commune_aliases(c.short_name, c.name, c.aliases).items():
            wanted[(ids[c.key], alias)] = kind
    existing = {(r.commune_id, r.alias): (r.id, r.kind) for r in conn.execute(select(ALIASES))}
    stale = [row_id for pair, (row_id, kind) in existing.items() if wanted.get(pair) != kind]
    for start in range(0, len(stale), 500):
        conn.execute(delete(ALIASES).where(ALIASES.c.id.in_(stale[start:start + 500])))
    stale_pairs = {pair for pair, (row_id, kind) in existing.items() if wanted.get(pair) != kind}
    new = [{"commune_id": cid, "alias": alias, "kind": kind} for (cid, alias), kind in wanted.items()
           if (cid, alias) not in existing or (cid, alias) in stale_pairs]
    _insert_many(conn, ALIASES, new)
    counts[0] += len(new)
    counts[2] += len(stale)
    return len(wanted)
