"""Int8 ONNX export of the e5 encoder, for fast CPU embedding with onnxruntime.

Why and how (2 cores; `python -m knowledge.retrieval.embedding.measure`): int8
matmuls embed ~200-token passages 1.8x faster than fp32 and queries ~4x
faster, but plain dynamic quantisation of multilingual-e5-small reaches only
cosine 0.988 (min over our texts) against fp32: per-tensor activation scales
meet two kinds of outliers. Three measured steps bring the minimum to 0.998
at the same speed (torch's own dynamic int8 scored 0.96; onnxruntime's
4-bit MatMulNBits kept 0.9999 but was no faster than fp32 on AVX2):

1. Export with eager attention and fuse the graph (onnxruntime's BERT
   fusions: Attention, SkipLayerNormalization, BiasGelu). The SDPA export
   spends ~15% of the time in Where/IsNaN masking that fusion removes.
2. SmoothQuant-style scaling of the inputs of the attention and FFN-in
   projections: the LayerNorm outputs feeding them carry a few huge channels
   (e.g. 15, 35, 321). We divide each input channel by s and multiply the
   weight row by s (exact in real arithmetic), with
   s = amax(x)^ALPHA / amax(w)^(1 - ALPHA) from calibration texts.
3. The FFN-out projections whose input (after GELU) has the spikiest
   max/std ratio stay fp32: a single token's spike ruins a per-tensor scale,
   and the three worst layers account for most of the remaining error.
4. After quantisation the fused SkipLayerNormalization nodes go back to Add +
   LayerNormalization: in onnxruntime 1.32 the fused op took 0.40 ms a call
   against 0.06 ms for LayerNormalization (204 tokens, one thread, ORT
   profiler), 23% of the graph. Per passage 40.6 -> 34.0 ms; the vectors keep
   the same cosine to fp32 (min 0.9991, mean 0.9995 over 74 texts).

The graph takes `input_ids`/`attention_mask` (int64) and returns the mean
pooled, L2-normalised `sentence_embedding`, so callers need no pooling code.

Memory: the word-embedding table is 82% of the weights (250,037 x 384), and
every tool here copies the whole graph (the exporter, the fusion's
onnxruntime pass, the calibration session, the quantiser), which took the
preparation to 7 GB. So the table never enters them: the graph is exported,
fused and quantised around a stand-in of a few rows holding the table's
minimum and maximum (all onnxruntime's per-tensor uint8 quantisation of a
Gather reads), the calibration session gets only the rows of the
calibration texts' tokens, and the real table is quantised chunk by chunk
into the finished graph with the scale and zero point onnxruntime chose.
The file is the same, byte for byte, as quantising the whole graph. The two
halves, `export_fp32` (torch) and `quantize` (onnxruntime, torch never
imported), can run in separate processes; `export` runs both.
"""

from __future__ import annotations

import json
import logging
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from knowledge.retrieval.embedding.memory import release_freed_memory

RELATIVE_PATH = "onnx/ntm_int8.onnx"
ALPHA = 0.65
KEEP_FP32_FFN_OUT = 3
OPSET = 17
# Token ids traced by the exporter (any ids do; the stand-in table must cover them).
_TRACE_IDS = ((0, 6, 7, 8, 2), (0, 9, 2, 1, 1))
_TABLE_CHUNK_ROWS = 8192

# The word-embedding table as consecutive fp32 row blocks, produced anew at each call.
WordTable = Callable[[], Iterator[np.ndarray]]

# Calibration only needs realistic activations: official Vietnamese prose,
# numbers, questions typed with and without diacritics, a little English.
CALIBRATION_TEXTS = (
    "passage: Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024 "
    "đặt mục tiêu có thêm 12 xã đạt chuẩn nông thôn mới nâng cao và 5 xã đạt chuẩn kiểu mẫu.",
    "passage: Theo Quyết định số 318/QĐ-TTg, bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn "
    "2021-2025 gồm 19 tiêu chí: quy hoạch, giao thông, thủy lợi và phòng chống thiên tai, điện, "
    "trường học, cơ sở vật chất văn hóa, thu nhập, nghèo đa chiều, lao động, y tế, môi trường.",
    "passage: Tỷ lệ hộ nghèo đa chiều giảm còn 1,2%; thu nhập bình quân đầu người đạt 62,5 triệu "
    "đồng/người/năm; 98,6% người dân tham gia bảo hiểm y tế.",
    "passage: UBND huyện đã tổ chức thẩm định hồ sơ đề nghị xét, công nhận xã đạt chuẩn nông thôn "
    "mới kiểu mẫu năm 2025 đối với xã Tân Thành, huyện Bình Giang.",
    "passage: Phong trào thi đua \"Cả nước chung sức xây dựng nông thôn mới\" được phát động rộng "
    "khắp, huy động hơn 1.200 tỷ đồng từ doanh nghiệp và người dân đóng góp.",
    "passage: Các địa phương tiếp tục duy trì, nâng cao chất lượng các tiêu chí đã đạt; rà soát "
    "những tiêu chí còn thiếu như môi trường, an toàn thực phẩm, chuyển đổi số.",
    "passage: Đến hết tháng 6/2025, toàn tỉnh có 100% số xã đạt chuẩn nông thôn mới, 45 xã đạt "
    "chuẩn nâng cao (chiếm 37,5%), 11 xã đạt chuẩn kiểu mẫu; 8/10 huyện hoàn thành nhiệm vụ.",
    "passage: Sau sắp xếp đơn vị hành chính từ ngày 1/7/2025, cả nước có 34 tỉnh, thành phố và "
    "3.321 xã, phường, đặc khu; không còn cấp huyện.",
    "passage: Xã văn hóa nông thôn mới phải có ít nhất 90% thôn, ấp được công nhận danh hiệu văn "
    "hóa liên tục 5 năm; thiết chế văn hóa, thể thao hoạt động hiệu quả.",
    "passage: Nguồn vốn ngân sách trung ương hỗ trợ thực hiện Chương trình năm 2024 là 8.500 tỷ "
    "đồng, ưu tiên các xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo.",
    "query: xã nào được công nhận nông thôn mới kiểu mẫu năm 2025?",
    "query: Năm 2025 tỉnh phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?",
    "query: tieu chi thu nhap xa nong thon moi nang cao la bao nhieu",
    "query: bao nhiêu % hộ dân dùng nước sạch?",
    "query: Quyết định 318/QĐ-TTg quy định gì?",
    "query: new rural development programme criteria for model communes",
    "passage: The National Target Program on New Rural Development sets 19 criteria for communes, "
    "covering infrastructure, income, poverty, education, health and environment.",
    "passage: OCOP: chương trình mỗi xã một sản phẩm, năm 2024 có 235 sản phẩm đạt 3 sao trở lên.",
)


def export(model, folder: Path, word_table: WordTable | None = None) -> dict:
    """Write `folder/RELATIVE_PATH` from the fp32 `model` (`export_fp32`, then `quantize`).

    `folder` must already hold the model's config.json and tokenizer.json.
    `word_table` streams the word-embedding table; then the model's own input
    embeddings are ignored (they may be a placeholder). Without it the table
    comes from the model.
    """
    folder = Path(folder)
    if word_table is None:
        word_table = _rows_of(model.get_input_embeddings().weight.detach().numpy())
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        fp32_path = Path(tmp) / "fp32.onnx"
        export_fp32(model, fp32_path, word_table)
        return quantize(fp32_path, folder, word_table)


def export_fp32(model, path: Path, word_table: WordTable) -> None:
    """Trace `model` into an fp32 ONNX graph at `path`, around a stand-in word table."""
    import torch

    _, low, high = _shape_and_range(word_table)
    stand_in = torch.zeros((max(max(row) for row in _TRACE_IDS) + 1, model.config.hidden_size))
    stand_in[0, 0], stand_in[0, 1] = low, high  # the real table's extremes; the rest zeros
    previous_attention = model.config._attn_implementation
    previous_embeddings = model.get_input_embeddings()
    model.set_attn_implementation("eager")  # the pattern onnxruntime's Attention fusion recognises
    model.set_input_embeddings(
        torch.nn.Embedding.from_pretrained(stand_in, freeze=True, padding_idx=model.config.pad_token_id))
    try:
        ids = torch.tensor(_TRACE_IDS, dtype=torch.long)
        mask = (ids != model.config.pad_token_id).long()
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _pooled(model).eval(), (ids, mask), str(path),
                dynamo=False,  # the TorchScript exporter needs no onnxscript and is deterministic
                input_names=["input_ids", "attention_mask"],
                output_names=["sentence_embedding"],
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                              "attention_mask": {0: "batch", 1: "tokens"},
                              "sentence_embedding": {0: "batch"}},
                opset_version=OPSET,
                do_constant_folding=True,
            )
    finally:
        model.set_input_embeddings(previous_embeddings)
        model.set_attn_implementation(previous_attention)


def _pooled(encoder):
    """`encoder` (an XLMRobertaModel) wrapped so the exported graph ends in the sentence embedding."""
    import torch

    class PooledEncoder(torch.nn.Module):  # defined here: `quantize` runs without torch
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=-1)

    return PooledEncoder()


def quantize(fp32_path: Path, folder: Path, word_table: WordTable) -> dict:
    """Write the calibrated int8 `folder/RELATIVE_PATH` from `export_fp32`'s graph.

    `folder` must hold the model's config.json and tokenizer.json. Returns
    what was done (for ntm_model.json): smoothed and fp32-kept nodes.
    """
    import onnx

    folder = Path(folder)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    pad_id = config["pad_token_id"]
    target = folder / RELATIVE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    shape, _, _ = _shape_and_range(word_table)
    tokenizer = _calibration_tokenizer(folder / "tokenizer.json", config["max_position_embeddings"] - pad_id - 1)
    batches = _calibration_batches(tokenizer)
    del tokenizer
    release_freed_memory()  # each step below peaks at ~0.6 GB over what it keeps
    fused = _fuse(Path(fp32_path), config["num_attention_heads"], config["hidden_size"])
    release_freed_memory()
    stats = _calibrate(fused, batches, word_table, pad_id)
    release_freed_memory()
    smoothed = _smooth(fused, stats)
    kept = _spikiest_ffn_out(fused, stats, KEEP_FP32_FFN_OUT)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        smoothed_path = Path(tmp) / "smoothed.onnx"
        onnx.save(fused, str(smoothed_path))
        del fused
        _quantize(smoothed_path, target, kept)
    release_freed_memory()
    quantized = onnx.load(str(target))
    _fill_quantized_word_table(quantized.graph, word_table, shape)
    unfused = unfuse_skip_layer_norm(quantized.graph)
    onnx.save(quantized, str(target))
    return {
        "file": RELATIVE_PATH, "alpha": ALPHA, "smoothed_nodes": len(smoothed), "fp32_nodes": kept,
        "unfused_skip_layer_norms": unfused,
    }


def _rows_of(table: np.ndarray) -> WordTable:
    return lambda: (table[start:start + _TABLE_CHUNK_ROWS] for start in range(0, len(table), _TABLE_CHUNK_ROWS))


def _shape_and_range(word_table: WordTable) -> tuple[tuple[int, int], float, float]:
    rows, width, low, high = 0, 0, np.inf, -np.inf
    for chunk in word_table():
        rows, width = rows + len(chunk), chunk.shape[1]
        low, high = min(low, float(chunk.min())), max(high, float(chunk.max()))
    return (rows, width), low, high


def _fuse(path: Path, heads: int, hidden: int):
    with _quiet_onnxruntime_tools():
        from onnxruntime.transformers.optimizer import optimize_model

        optimized = optimize_model(str(path), model_type="bert", num_heads=heads, hidden_size=hidden)
    return optimized.model


def _calibration_tokenizer(path: Path, max_length: int):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.enable_padding(pad_id=1, pad_token="<pad>")
    return tokenizer


def _calibration_batches(tokenizer) -> list[tuple[np.ndarray, np.ndarray]]:
    batches = []
    for start in range(0, len(CALIBRATION_TEXTS), 6):
        encodings = tokenizer.encode_batch(list(CALIBRATION_TEXTS[start:start + 6]))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        batches.append((ids, mask))
    return batches


def _word_gather(graph):
    """The Gather that looks `input_ids` up in the word-embedding table."""
    inits = _initializers(graph)
    for node in graph.node:
        if node.op_type == "Gather" and node.input[1] == "input_ids" and node.input[0] in inits:
            return node
    raise RuntimeError("no word-embedding Gather on input_ids in the exported graph")


def _producer_types(graph) -> dict[str, str]:
    return {out: node.op_type for node in graph.node for out in node.output}


def _initializers(graph) -> dict:
    return {init.name: init for init in graph.initializer}


def _smoothing_targets(graph) -> list:
    """Attention/MatMul nodes with constant weights whose input is a LayerNorm output."""
    produced_by = _producer_types(graph)
    inits = _initializers(graph)
    return [
        node for node in graph.node
        if node.op_type in ("Attention", "MatMul") and len(node.input) > 1 and node.input[1] in inits
        and produced_by.get(node.input[0]) in ("LayerNormalization", "SkipLayerNormalization")
    ]


def _ffn_out_nodes(graph) -> list:
    """MatMul nodes with constant weights fed by a GELU (the FFN down-projections)."""
    produced_by = _producer_types(graph)
    inits = _initializers(graph)
    return [
        node for node in graph.node
        if node.op_type == "MatMul" and node.input[1] in inits
        and produced_by.get(node.input[0]) in ("BiasGelu", "Gelu", "FastGelu")
    ]


def _calibrate(model, batches, word_table: WordTable, pad_id: int) -> dict[str, dict[str, np.ndarray | float]]:
    """Per-channel |max| and max/std of the inputs of the nodes we smooth or keep in fp32.

    The session's table holds only the rows the batches look up, and the ids
    are renumbered into it. Ids up to `pad_id` keep their number and the order
    is kept, so the graph's own tests on the ids (padding positions) see the
    same values and every activation is exactly the full table's.
    """
    import onnx
    import onnxruntime as ort
    from onnx import numpy_helper

    graph = model.graph
    watched = sorted({n.input[0] for n in _smoothing_targets(graph) + _ffn_out_nodes(graph)})
    used = np.union1d(np.arange(pad_id + 1), np.concatenate([ids.ravel() for ids, _ in batches]))
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    table_name = _word_gather(probe.graph).input[0]
    table = next(init for init in probe.graph.initializer if init.name == table_name)
    table.CopyFrom(numpy_helper.from_array(_take_rows(word_table, used), table_name))
    for name in watched:
        probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(probe.SerializeToString(), options, providers=["CPUExecutionProvider"])
    del probe
    amax: dict[str, np.ndarray] = {}
    peak: dict[str, float] = {}
    moments: dict[str, list[float]] = {}
    for ids, mask in batches:
        outputs = session.run(watched, {"input_ids": np.searchsorted(used, ids), "attention_mask": mask})
        valid = mask.reshape(-1).astype(bool)
        for name, value in zip(watched, outputs, strict=True):
            rows = value.reshape(-1, value.shape[-1])[valid]
            channel_max = np.abs(rows).max(axis=0)
            amax[name] = np.maximum(amax[name], channel_max) if name in amax else channel_max
            peak[name] = max(peak.get(name, 0.0), float(np.abs(rows).max()))
            total = moments.setdefault(name, [0.0, 0.0, 0.0])
            total[0] += rows.size
            total[1] += float(rows.sum(dtype=np.float64))
            total[2] += float(np.square(rows, dtype=np.float64).sum())
    stats = {}
    for name in watched:
        n, s, s2 = moments[name]
        std = max((s2 / n - (s / n) ** 2) ** 0.5, 1e-12)
        stats[name] = {"amax": amax[name].astype(np.float32), "spikiness": peak[name] / std}
    return stats


def _take_rows(word_table: WordTable, ids: np.ndarray) -> np.ndarray:
    """Rows `ids` (sorted, unique) of the streamed table."""
    parts, start = [], 0
    for chunk in word_table():
        inside = ids[(ids >= start) & (ids < start + len(chunk))]
        parts.append(chunk[inside - start])
        start += len(chunk)
    rows = np.concatenate(parts).astype(np.float32)
    if len(rows) != len(ids):
        raise ValueError(f"token ids up to {ids.max()} but the word table has {start} rows")
    return rows


def _smooth(model, stats) -> list[str]:
    """Rescale the input channels of LayerNorm-fed projections (exact up to rounding)."""
    from onnx import helper, numpy_helper

    graph = model.graph
    inits = _initializers(graph)
    done = []
    for index, node in enumerate(_smoothing_targets(graph)):
        weight_init = inits[node.input[1]]
        weight = numpy_helper.to_array(weight_init).astype(np.float32)  # [in, out]
        act = np.maximum(stats[node.input[0]]["amax"], 1e-5)
        wmax = np.maximum(np.abs(weight).max(axis=1), 1e-5)
        scale = np.clip(act**ALPHA / wmax ** (1.0 - ALPHA), 1e-2, 1e2).astype(np.float32)
        weight_init.CopyFrom(numpy_helper.from_array(weight * scale[:, None], weight_init.name))
        inv_name = f"smooth_inv_scale_{index}"
        graph.initializer.append(numpy_helper.from_array((1.0 / scale).astype(np.float32), inv_name))
        smoothed_input = f"{node.input[0]}_smoothed_{index}"
        mul = helper.make_node("Mul", [node.input[0], inv_name], [smoothed_input], name=f"SmoothQuant_{index}")
        node.input[0] = smoothed_input
        position = list(graph.node).index(node)
        graph.node.insert(position, mul)
        done.append(node.name)
    return done


def _spikiest_ffn_out(model, stats, count: int) -> list[str]:
    nodes = _ffn_out_nodes(model.graph)
    ranked = sorted(nodes, key=lambda n: stats[n.input[0]]["spikiness"], reverse=True)
    return [n.name for n in ranked[:count]]


def _quantize(source: Path, target: Path, keep_fp32: list[str]) -> None:
    import onnx

    with _quiet_onnxruntime_tools():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(
            str(source), str(target),
            weight_type=QuantType.QInt8,
            per_channel=True,  # per-tensor weight scales alone cost ~0.01 of cosine
            nodes_to_exclude=keep_fp32,
            extra_options={"MatMulConstBOnly": True, "DefaultTensorType": onnx.TensorProto.FLOAT},
        )


def _fill_quantized_word_table(graph, word_table: WordTable, shape: tuple[int, int]) -> None:
    """Put the real table, quantised chunk by chunk, in place of the quantised stand-in.

    The quantiser chose the scale and zero point from the stand-in's extremes,
    which are the table's; each value becomes clip(round(x / scale) + zero
    point), in fp32 as the quantiser computes it.
    """
    from onnx import TensorProto, helper, numpy_helper

    gather = _word_gather(graph)
    dequantize = next((node for node in graph.node
                       if node.op_type == "DequantizeLinear" and node.input[0] == gather.output[0]), None)
    inits = _initializers(graph)
    table = inits[gather.input[0]]
    if dequantize is None or table.data_type not in (TensorProto.UINT8, TensorProto.INT8):
        raise RuntimeError("onnxruntime left the word-embedding Gather unquantised")
    scale = numpy_helper.to_array(inits[dequantize.input[1]]).astype(np.float32)
    zero_point = numpy_helper.to_array(inits[dequantize.input[2]])
    quantized = np.empty(shape, dtype=helper.tensor_dtype_to_np_dtype(table.data_type))
    limits = np.iinfo(quantized.dtype)
    start = 0
    for chunk in word_table():
        values = np.asarray(chunk, dtype=np.float32) / scale
        values = values.round() + zero_point
        quantized[start:start + len(chunk)] = np.clip(values, limits.min, limits.max, out=values)
        start += len(chunk)
    table.ClearField("dims")
    table.dims.extend(shape)
    table.raw_data = quantized.tobytes()


def unfuse_skip_layer_norm(graph) -> int:
    """Replace each SkipLayerNormalization (x + skip [+ bias], then LayerNorm) by its
    plain ops, in place; returns how many. See step 4 in the module docstring."""
    from onnx import helper

    nodes = []
    count = 0
    for node in graph.node:
        if node.op_type != "SkipLayerNormalization" or any(node.output[1:3]):
            nodes.append(node)
            continue
        count += 1
        epsilon = next((a.f for a in node.attribute if a.name == "epsilon"), 1e-12)
        inputs = list(node.input) + [""] * (5 - len(node.input))
        x, skip, gamma, beta, bias = inputs[:5]
        total = f"{node.name}/sum"
        nodes.append(helper.make_node("Add", [x, skip], [total], name=f"{node.name}/add"))
        if bias:
            nodes.append(helper.make_node("Add", [total, bias], [f"{total}_bias"], name=f"{node.name}/add_bias"))
            total = f"{total}_bias"
        if len(node.output) > 3 and node.output[3]:  # the residual sum, when a later node reads it
            nodes.append(helper.make_node("Identity", [total], [node.output[3]], name=f"{node.name}/sum_out"))
        nodes.append(helper.make_node(
            "LayerNormalization", [total, gamma] + ([beta] if beta else []), [node.output[0]],
            name=f"{node.name}/layer_norm", axis=-1, epsilon=epsilon,
        ))
    del graph.node[:]
    graph.node.extend(nodes)
    return count


@contextmanager
def _quiet_onnxruntime_tools() -> Iterator[None]:
    """Keep onnxruntime's Python tools from taking over logging.

    They log advice at WARNING on the root logger, and one of their modules
    calls logging.basicConfig() when imported; we restore the root logger.
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
