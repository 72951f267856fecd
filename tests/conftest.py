"""Shared fixtures: the real default model and a real index of the bundled corpus.

The model is prepared once by `make test` (the `model` target) into
NTM_DATA_DIR; the corpus index is built once per test session in a temp
folder. Nothing here touches the network.
"""

from __future__ import annotations

import os
import shutil

import pytest

from knowledge.settings import BUNDLED_CORPUS, Settings
from tests.auxil.settings import make_settings

# Tests never read a developer's .env or reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def model_path() -> str:
    settings = Settings(_env_file=None)
    if not settings.index.embedding_model:
        from knowledge.retrieval.embedding.prepare import prepare_default_model

        prepare_default_model(settings.default_model_dir)
    return settings.model_path


@pytest.fixture(scope="session")
def encoder(model_path):
    from knowledge.retrieval.embedding.encoder import Encoder

    return Encoder.load(model_path)


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory, encoder) -> Settings:
    """A data dir whose index holds the bundled corpus, built once."""
    from indexer.service import update_index

    data = tmp_path_factory.mktemp("corpus-data")
    settings = make_settings(data)
    docs = data / "corpus"
    shutil.copytree(BUNDLED_CORPUS, docs)
    report = update_index(settings, [docs], encoder=encoder)
    assert report.published and report.passages > 0
    return settings


@pytest.fixture(scope="session")
def engine(corpus_settings, encoder):
    from knowledge.retrieval.search import SearchEngine

    return SearchEngine.open(corpus_settings, encoder=encoder)


# Data files and the script that regenerates the PDF fixture: nothing to collect.
collect_ignore = ["fixtures"]

# The fixtures above load the real model or build a real index. A test that uses one, directly or
# through another fixture, is marked slow, so `make test-fast` (`-m "not slow"`) leaves it out;
# tests that start a subprocess carry `@pytest.mark.slow` themselves.
MODEL_FIXTURES = frozenset({"model_path", "encoder", "corpus_settings", "engine"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
