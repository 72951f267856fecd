"""The int8 export's graph rewrite: SkipLayerNormalization back to Add + LayerNormalization."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from knowledge.retrieval.embedding.onnx_int8 import RELATIVE_PATH, unfuse_skip_layer_norm


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
