"""`Encoder`: the one embedding object the indexer and search share.

A model is a local sentence-transformers folder, or a model id already in the
local Hugging Face cache (nothing is downloaded). An optional
`ntm_model.json` in the folder says how to feed it:

    {"name": str, "segmented_input": bool, "query_prompt": str, "passage_prompt": str,
     "max_seq_length": int, "onnx": {"file": "onnx/ntm_int8.onnx", ...} | null}

Without it, prompts come from the sentence-transformers config (`query`, and
`passage` or `document`), and input is not segmented. PhoBERT-based models
need `"segmented_input": true`: the caller then feeds pyvi-segmented text.

Two backends:
* `onnx`: the int8 graph `prepare_default_model` exports (see `onnx_int8`),
  run by onnxruntime with the raw `tokenizers` tokenizer; it never imports
  torch. On 2 idle cores: 21 passages/s and 8 ms per query, against 12/s and
  31 ms for fp32 torch (cosine to fp32 >= 0.998), and it degrades gently on
  a busy CPU, where torch's OpenMP threads stall (queries took ~1 s).
* `torch`: sentence-transformers in float32, for any other model.
`backend="auto"` picks onnx when the folder has it and onnxruntime imports.

Thread safety: the bot embeds queries from a thread pool. onnxruntime
sessions and `tokenizers.Tokenizer.encode_batch` (configured once, never
mutated) are safe to call concurrently. sentence-transformers' tokenizer
call mutates padding/truncation state, so the torch backend runs under a
lock. Loading is cached per (model, backend, threads): load once, share.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from knowledge.retrieval.embedding.errors import ModelNotFound

NTM_SETTINGS = "ntm_model.json"
Backend = Literal["auto", "onnx", "torch"]


def available_cores() -> int:
    """CPUs this process may run on (cgroup/affinity aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ModelSettings:
    name: str
    segmented_input: bool
    query_prompt: str
    passage_prompt: str
    max_seq_length: int
    onnx_file: str | None


class _Runner(Protocol):
    name: str

    def embed(self, texts: list[str], bulk: bool = False) -> np.ndarray:
        """Vectors for `texts` (prompts included); `bulk` favours throughput over latency."""

    def weight_files(self) -> list[Path]: ...


class Encoder:
    """Embeds queries and passages into L2-normalised float32 vectors."""

    def __init__(self, runner: _Runner, settings: ModelSettings, folder: Path) -> None:
        self._runner = runner
        self._settings = settings
        self._folder = folder
        self.name = settings.name
        self.segmented_input = settings.segmented_input
        self.backend = runner.name
        self._passage_runs = 0  # concurrent encode_passages calls; the last one out releases workers
        self._passage_runs_lock = threading.Lock()
        self.dim = int(runner.embed([settings.query_prompt + "warm-up"]).shape[1])
        self.fingerprint = self._fingerprint()

    # ---------------------------------------------------------------- loading
    _cache: dict[tuple, Encoder] = {}
    _cache_lock = threading.Lock()

    @classmethod
    def load(cls, model: str | Path, *, backend: Backend = "auto", threads: int | None = None) -> Encoder:
        """Load (once per process) a local folder or a locally cached model id."""
        folder = resolve_model(model)
        threads = threads or available_cores()
        key = (str(folder.resolve()), backend, threads)
        with cls._cache_lock:
            cached = cls._cache.get(key)
            if cached is None:
                cached = cls._cache[key] = cls._load(folder, str(model), backend, threads)
            return cached

    @classmethod
    def _load(cls, folder: Path, model: str, backend: Backend, threads: int) -> Encoder:
        settings = read_settings(folder, default_name=model)
        onnx_ok = settings.onnx_file is not None and (folder / settings.onnx_file).is_file()
        if backend == "onnx" and not onnx_ok:
            raise ModelNotFound(folder, " (thiếu tệp ONNX)")
        use_onnx = backend == "onnx" or (backend == "auto" and onnx_ok and _onnxruntime_available())
        if use_onnx:
            runner: _Runner = _OnnxRunner(folder, settings, threads)
        else:
            runner = _TorchRunner(folder, settings, threads)
        return cls(runner, settings, folder)

    # --------------------------------------------------------------- encoding
    @property
    def query_prompt(self) -> str:
        return self._settings.query_prompt

    @property
    def passage_prompt(self) -> str:
        return self._settings.passage_prompt

    @property
    def max_seq_length(self) -> int:
        return self._settings.max_seq_length

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Query vectors, shape (len(texts), dim); safe to call from many threads."""
        return self._encode(texts, 32, None, bulk=False, prefix=self._settings.query_prompt)

    def encode_passages(
        self, texts: list[str], batch_size: int = 16, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Passage vectors, shape (len(texts), dim), in input order.

        Texts are embedded in batches of similar length (less padding);
        `progress` is called after each batch with the number of passages
        in it, so `tqdm.update` or `lambda n: task.advance(n)` fit. Text
        beyond `max_seq_length` tokens is cut off, as in training.
        """
        with self._passage_runs_lock:
            self._passage_runs += 1
        try:
            return self._encode(texts, batch_size, progress, bulk=True, prefix=self._settings.passage_prompt)
        finally:
            with self._passage_runs_lock:
                self._passage_runs -= 1
                release = getattr(self._runner, "release_bulk", None)
                if release is not None and self._passage_runs == 0:
                    release()

    def _encode(
        self, texts: list[str], batch_size: int, progress: Callable[[int], None] | None, bulk: bool,
        prefix: str = "",
    ) -> np.ndarray:
        # The prompt is added per batch: a prefixed copy of 100,000 passages is ~150 MB.
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        step = max(1, int(batch_size))
        for start in range(0, len(order), step):
            idx = order[start:start + step]
            vectors = np.asarray(self._runner.embed([prefix + texts[i] for i in idx], bulk=bulk), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            out[idx] = vectors / np.maximum(norms, 1e-12)
            if progress is not None:
                progress(len(idx))
        return out

    # ------------------------------------------------------------ fingerprint
    def _fingerprint(self) -> str:
        """Hash of the weights/tokenizer actually used plus the feeding settings and backend."""
        digest = hashlib.sha256()
        header = {
            "backend": self.backend,
            "query_prompt": self._settings.query_prompt,
            "passage_prompt": self._settings.passage_prompt,
            "max_seq_length": self._settings.max_seq_length,
            "segmented_input": self._settings.segmented_input,
        }
        digest.update(json.dumps(header, sort_keys=True).encode())
        for path in sorted(self._runner.weight_files()):
            digest.update(path.relative_to(self._folder).as_posix().encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
        return digest.hexdigest()[:32]

    def __repr__(self) -> str:
        return f"Encoder(name={self.name!r}, backend={self.backend!r}, dim={self.dim})"


# --------------------------------------------------------------------- model files
def resolve_model(model: str | Path) -> Path:
    """A local folder for `model`: the path itself, or its snapshot in the local HF cache."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    if isinstance(model, Path) or str(model).startswith((".", "/", "~")):
        raise ModelNotFound(model)
    from huggingface_hub import snapshot_download

    candidates = [str(model)] if "/" in str(model) else [str(model), f"sentence-transformers/{model}"]
    for repo_id in candidates:
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except Exception:  # noqa: BLE001 - any failure means "not cached"
            continue
    raise ModelNotFound(model, " (không phải thư mục, cũng không có trong bộ nhớ đệm Hugging Face)")


def read_settings(folder: Path, default_name: str = "") -> ModelSettings:
    """Feeding settings from ntm_model.json, else from the sentence-transformers config."""
    ntm = _read_json(folder / NTM_SETTINGS)
    st_config = _read_json(folder / "config_sentence_transformers.json")
    prompts = st_config.get("prompts") or {}
    onnx = ntm.get("onnx") or {}
    return ModelSettings(
        name=str(ntm.get("name") or default_name or folder.name),
        segmented_input=bool(ntm.get("segmented_input", False)),
        query_prompt=str(ntm.get("query_prompt", prompts.get("query", ""))),
        passage_prompt=str(ntm.get("passage_prompt", prompts.get("passage", prompts.get("document", "")))),
        max_seq_length=int(ntm.get("max_seq_length") or _model_max_length(folder)),
        onnx_file=onnx.get("file") if isinstance(onnx, dict) else None,
    )


def _model_max_length(folder: Path) -> int:
    """Older sentence-transformers store it in sentence_bert_config.json, newer in the tokenizer config."""
    for file, key in (("sentence_bert_config.json", "max_seq_length"),
                      ("tokenizer_config.json", "model_max_length")):
        value = _read_json(folder / file).get(key)
        if isinstance(value, int) and 0 < value <= 100_000:  # HF writes 1e30 for "unbounded"
            return value
    return 512


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


def _onnxruntime_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


# ------------------------------------------------------------------------ runners
class _OnnxRunner:
    """The int8 graph: token ids in, normalised sentence embeddings out.

    One text per run: no padding, and int8 activation scales (per tensor)
    that depend on the text alone, so a passage's vector never depends on
    its batch; on 2 cores this was also faster than padded batches of 4-16.
    Queries run on a session using all `threads` cores (lowest latency);
    many passages run on `threads` single-threaded workers sharing a second
    session, created on first use (~130 MB): about 30% more passages/s than
    one multi-threaded session, since no operator waits for a descheduled
    sibling thread on a shared CPU.
    """

    name = "onnx"

    def __init__(self, folder: Path, settings: ModelSettings, threads: int) -> None:
        from tokenizers import Tokenizer

        self._model_path = folder / str(settings.onnx_file)
        self._tokenizer_path = folder / "tokenizer.json"
        tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
        tokenizer.enable_truncation(max_length=settings.max_seq_length)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._threads = threads
        self._session = self._new_session(threads)
        self._bulk_lock = threading.Lock()
        self._bulk: tuple[object, ThreadPoolExecutor] | None = None

    def _new_session(self, threads: int):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # No busy-waiting after a run: the bot shares its cores with pyvi, BM25 and the event loop.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        return ort.InferenceSession(str(self._model_path), options, providers=["CPUExecutionProvider"])

    @staticmethod
    def _run(session, ids: list[int]) -> np.ndarray:
        array = np.asarray([ids], dtype=np.int64)
        return session.run(["sentence_embedding"], {"input_ids": array, "attention_mask": np.ones_like(array)})[0]

    def embed(self, texts: list[str], bulk: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=True)
        if bulk and self._threads > 1 and len(texts) > 1:
            session, pool = self._bulk_workers()
            rows = list(pool.map(lambda e: self._run(session, e.ids), encodings))
        else:
            rows = [self._run(self._session, e.ids) for e in encodings]
        return np.concatenate(rows)

    def _bulk_workers(self):
        with self._bulk_lock:
            if self._bulk is None:
                pool = ThreadPoolExecutor(self._threads, thread_name_prefix="ntm-embed")
                self._bulk = (self._new_session(1), pool)
            return self._bulk

    def release_bulk(self) -> None:
        """Close the passage workers' session (~145 MB): builds are rare, and a serving
        process need not keep it between them; the next passage run opens it again."""
        with self._bulk_lock:
            if self._bulk is not None:
                _, pool = self._bulk
                pool.shutdown(wait=True)
                self._bulk = None

    def weight_files(self) -> list[Path]:
        return [self._model_path, self._tokenizer_path]


class _TorchRunner:
    """sentence-transformers in float32; one call at a time (its tokenizer is not re-entrant)."""

    name = "torch"

    def __init__(self, folder: Path, settings: ModelSettings, threads: int) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)  # process-wide; more threads than cores only thrash
        self._folder = folder
        self._lock = threading.Lock()
        self._torch = torch
        self._model = SentenceTransformer(
            str(folder), device="cpu", local_files_only=True, model_kwargs={"dtype": torch.float32}
        )
        self._model.max_seq_length = settings.max_seq_length
        self._model.eval()

    def embed(self, texts: list[str], bulk: bool = False) -> np.ndarray:
        with self._lock, self._torch.inference_mode():
            return self._model.encode(
                texts, prompt="", batch_size=len(texts), convert_to_numpy=True,
                normalize_embeddings=True, show_progress_bar=False,
            )

    def weight_files(self) -> list[Path]:
        skip_dirs = {"onnx", "openvino", ".cache"}
        files = []
        for path in self._folder.rglob("*"):
            rel = path.relative_to(self._folder)
            if not path.is_file() or rel.parts[0] in skip_dirs or rel.name.startswith("."):
                continue
            if rel.name in ("README.md", NTM_SETTINGS):
                continue
            files.append(path)
        return files
