"""The int8 export: the streamed word table and the SkipLayerNormalization rewrite."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from knowledge.retrieval.embedding import onnx_int8
from knowledge.retrieval.embedding.onnx_int8 import RELATIVE_PATH, unfuse_skip_layer_norm
from tests.auxil.tiny_xlmr import save_tiny_transformer


# ------------------------------------------------------------ the word table
@pytest.fixture(scope="module")
def tiny_export(tmp_path_factory):
    """A tiny XLM-R exported the plain way: its word table taken from the model itself."""
    folder = tmp_path_factory.mktemp("tiny-int8")
    model = save_tiny_transformer(folder)
    onnx_int8.export(model, folder)
    return folder, model


def _word_lookup(graph):
    inits = {init.name: init for init in graph.initializer}
    gather = next(n for n in graph.node if n.op_type == "Gather" and n.input[1] == "input_ids")
    dequantize = next(n for n in graph.node if n.op_type == "DequantizeLinear" and n.input[0] == gather.output[0])
    return inits[gather.input[0]], inits[dequantize.input[1]], inits[dequantize.input[2]]


def test_word_table_is_quantised_as_onnxruntime_quantises_it_whole(tiny_export):
    from onnxruntime.quantization.quant_utils import quantize_data

    folder, model = tiny_export
    table, scale, zero_point = _word_lookup(onnx.load(str(folder / RELATIVE_PATH)).graph)
    weights = model.get_input_embeddings().weight.detach().numpy()
    want_zero, want_scale, want = quantize_data(weights.flatten(), table.data_type, symmetric=False)
    assert list(table.dims) == list(weights.shape)
    np.testing.assert_array_equal(numpy_helper.to_array(table), want.reshape(weights.shape))
    assert numpy_helper.to_array(scale) == want_scale and numpy_helper.to_array(zero_point) == want_zero


def test_streamed_table_beside_a_placeholder_gives_the_same_file(tiny_export, tmp_path):
    import torch

    folder, model = tiny_export
    weights = model.get_input_embeddings().weight.detach().numpy().copy()
    other = tmp_path / "streamed"
    other.mkdir()
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(folder / name, other / name)
    model.set_input_embeddings(torch.nn.Embedding(2, weights.shape[1]))  # what prepare passes: no table
    try:
        chunks = lambda: (weights[i:i + 7] for i in range(0, len(weights), 7))  # noqa: E731
        onnx_int8.export(model, other, chunks)
    finally:
        model.set_input_embeddings(torch.nn.Embedding.from_pretrained(torch.from_numpy(weights), padding_idx=1))
    assert (other / RELATIVE_PATH).read_bytes() == (folder / RELATIVE_PATH).read_bytes()


# ------------------------------------------------- SkipLayerNormalization
def _skip_ln_model(with_bias: bool) -> onnx.ModelProto:
    rng = np.random.default_rng(5)
    inits = [numpy_helper.from_array(rng.standard_normal(8).astype(np.float32), n) for n in ("gamma", "beta", "bias")]
    inputs = ["x", "skip", "gamma", "beta"] + (["bias"] if with_bias else [])
    node = helper.make_node("SkipLayerNormalization", inputs, ["y", "", "", "residual"], name="sln",
                            domain="com.microsoft", epsilon=1e-5)
    after = helper.make_node("Mul", ["residual", "y"], ["z"], name="reads_residual")
    graph = helper.make_graph(
        [node, after], "g",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, [1, 4, 8]) for n in ("x", "skip")],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in ("y", "z")],
        initializer=inits,
    )
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets)


def _run(model: onnx.ModelProto, feed: dict) -> list[np.ndarray]:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(["y", "z"], feed)


def test_unfused_graph_computes_the_same():
    rng = np.random.default_rng(1)
    feed = {n: rng.standard_normal((1, 4, 8)).astype(np.float32) * 3 for n in ("x", "skip")}
    for with_bias in (True, False):
        model = _skip_ln_model(with_bias)
        expected = _run(model, feed)
        assert unfuse_skip_layer_norm(model.graph) == 1
        assert {n.op_type for n in model.graph.node} == {"Add", "Identity", "LayerNormalization", "Mul"}
        for got, want in zip(_run(model, feed), expected, strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_default_model_graph_has_no_fused_skip_layer_norm(model_path):
    graph = onnx.load(str(Path(model_path) / RELATIVE_PATH), load_external_data=False).graph
    ops = {n.op_type for n in graph.node}
    assert "SkipLayerNormalization" not in ops and "LayerNormalization" in ops
