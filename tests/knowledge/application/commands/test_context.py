"""What the commands read from the runtime, with the fallbacks the bot always had."""

from __future__ import annotations

from types import SimpleNamespace

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.commands import CommandContext
from knowledge.domain.targets import dump_targets
from knowledge.settings import Settings


def test_targets_of_the_index_in_use_else_of_the_published_index(tmp_path):
    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path))
    in_use = bundled_targets()[:2]
    assert CommandContext(SimpleNamespace(targets=lambda: in_use, settings=settings)).targets() == in_use
    assert CommandContext(SimpleNamespace(targets=lambda: [], settings=settings)).targets() == []
    current = settings.index_dir / "current"
    current.mkdir(parents=True)
    dump_targets(bundled_targets(), current / "targets.jsonl")

    def broken():
        raise RuntimeError("boom")

    for services in (SimpleNamespace(targets=lambda: [], settings=settings),
                     SimpleNamespace(targets=broken, settings=settings), SimpleNamespace(settings=settings)):
        assert len(CommandContext(services).targets()) == len(bundled_targets())
    assert CommandContext(SimpleNamespace()).targets() == []


def test_search_and_documents_never_fail_a_reply():
    def broken(query, k):
        raise RuntimeError("boom")

    assert CommandContext(SimpleNamespace()).search("giao thông", 3) == []
    assert CommandContext(SimpleNamespace(search=broken)).search("giao thông", 3) == []
    assert CommandContext(SimpleNamespace(search=lambda q, k: [q] * k)).search("x", 2) == ["x", "x"]
    assert CommandContext(SimpleNamespace(search=broken)).documents() == []


def test_communes_of_the_runtime_database_or_of_the_settings(tmp_path):
    from knowledge.domain.db import get_engine

    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path))
    engine = get_engine(settings.sqlalchemy_url)
    assert CommandContext(SimpleNamespace(db_engine=engine)).communes().engine is engine
    assert CommandContext(SimpleNamespace(db_engine=None, settings=settings)).communes().engine is engine
