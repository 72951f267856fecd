"""The schema is what the models say, reached from nothing by migrations alone, and reversible."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from knowledge.domain.db import create_engine_for, ensure_schema
from knowledge.domain.db.migrate import current_revision, downgrade, forget, head_revision
from knowledge.domain.db.models import metadata
from knowledge.settings import Settings
from tests.auxil.communes_db import backends, new_pg_engine, new_sqlite_url


@pytest.fixture(params=backends())
def empty_engine(request):
    engine = create_engine_for(new_sqlite_url()) if request.param == "sqlite" else new_pg_engine()
    yield engine
    forget(engine)
    engine.dispose()


def test_upgrade_to_head_matches_the_models_and_downgrades_cleanly(empty_engine):
    ensure_schema(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    with empty_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == [], f"models and migrations differ: add a revision ({diff})"
    assert {"provinces", "communes", "commune_links", "commune_aliases", "recognitions", "imports"} <= set(
        inspect(empty_engine).get_table_names())

    downgrade(empty_engine, "base")
    forget(empty_engine)
    assert current_revision(empty_engine) is None
    assert "communes" not in inspect(empty_engine).get_table_names()
    ensure_schema(empty_engine)  # and back up again
    assert current_revision(empty_engine) == head_revision()


def test_ensure_schema_runs_once_per_engine(empty_engine, monkeypatch):
    ensure_schema(empty_engine)
    import knowledge.domain.db.migrate as migrate

    monkeypatch.setattr(migrate, "upgrade", lambda *a, **k: pytest.fail("upgraded twice"))
    ensure_schema(empty_engine)


def test_default_database_is_sqlite_in_the_data_dir(tmp_path):
    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path / "data"))
    engine = create_engine_for(settings.sqlalchemy_url)
    try:
        ensure_schema(engine)
        assert (tmp_path / "data" / "ntm.sqlite3").exists()
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        forget(engine)
        engine.dispose()


def test_explicit_database_url_wins(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path), NTM_DATABASE_URL=url)
    assert settings.sqlalchemy_url == url
