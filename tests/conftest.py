"""Shared fixtures: the real default model and a real index of the bundled corpus.

The model is prepared once by `make test` (the `model` target) into
NTM_DATA_DIR; the corpus index is built once per test session in a temp
folder. Nothing here touches the network.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from knowledge.settings import BUNDLED_CORPUS, Settings

# Tests never read a developer's .env or reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def make_settings(data_dir: Path, **extra) -> Settings:
    """Settings for a temp data dir that reuse the already-prepared model."""
    model = Settings(_env_file=None).model_path
    env = {"NTM_DATA_DIR": str(data_dir), "NTM_EMBEDDING_MODEL": model, **extra}
    return Settings(_env_file=None, **env)


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
