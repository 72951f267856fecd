"""The registry holds both administrative maps and the old-to-new conversion, loaded once, idempotently."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from knowledge.domain.communes.loader import ensure_registry, load_registry
from knowledge.domain.db.communes import Commune, CommuneLink, Province
from knowledge.places.names import key
from tests.auxil.communes_db import backends, registry_service


@pytest.fixture(scope="module", params=backends())
def service(request):
    return registry_service(request.param)


def _count(engine, table, *where):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_both_maps_are_complete(service):
    engine = service.engine
    assert _count(engine, Province.__table__, Province.__table__.c.is_current.is_(True)) == 34
    assert _count(engine, Province.__table__, Province.__table__.c.is_current.is_(False)) == 63
    assert _count(engine, Commune.__table__, Commune.__table__.c.is_current.is_(True)) == 3321
    assert _count(engine, Commune.__table__, Commune.__table__.c.is_current.is_(False)) == 10040


def test_every_old_unit_leads_to_a_current_one_and_every_current_one_has_a_past(service):
    index = service.index
    old = [c for c in index.communes.values() if not c.is_current]
    current = [c for c in index.communes.values() if c.is_current]
    assert all(index.successors.get(c.id) for c in old)
    assert all(index.predecessors.get(c.id) for c in current)
    # Split communes name exactly one default successor.
    for c in old:
        links = index.successors[c.id]
        assert sum(link.is_default for link in links) == 1
        assert all(link.is_whole for link in links) == (len(links) == 1)


def test_old_provinces_point_to_their_merged_province(service):
    provinces = {p.short_name: p for p in service.index.provinces.values() if not p.is_current}
    current = {p.id: p for p in service.index.provinces.values() if p.is_current}
    assert current[provinces["Bắc Giang"].successor_id].short_name == "Bắc Ninh"
    assert current[provinces["Kiên Giang"].successor_id].short_name == "An Giang"
    assert current[provinces["Hà Nội"].successor_id].short_name == "Hà Nội"


def test_every_unit_is_found_by_its_own_name(service):
    index = service.index
    for c in index.communes.values():
        assert c.id in index.name_keys[key(c.short_name)], c.name


def test_links_agree_with_the_package_converter(service):
    from vietnamadminunits import convert_address

    index = service.index
    old = sorted((c for c in index.communes.values() if not c.is_current and c.kind != "huyện"), key=lambda c: c.id)
    for c in random.Random(4).sample(old, 120):
        converted = convert_address(f"{c.name}, {c.district_name}, {c.province.name}")
        default = next(link for link in index.successors[c.id] if link.is_default)
        new = index.communes[default.new_id]
        assert (converted.ward, converted.province) == (new.name, new.province.name), c.label


def test_loading_again_changes_nothing(service):
    report = load_registry(service.engine)
    assert not report.changed
    assert (report.communes, report.links) == (13361, 10602)
    assert ensure_registry(service.engine) is None  # already there: no load
    assert _count(service.engine, CommuneLink.__table__) == 10602
