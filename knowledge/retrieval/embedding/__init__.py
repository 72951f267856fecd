"""Embedding models: `Encoder` (load once, embed queries and passages) and
`prepare_default_model` (build the bundled multilingual-e5-small offline).

Imported lazily so that `import knowledge.retrieval.embedding` loads neither torch nor
onnxruntime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.retrieval.embedding.encoder import Encoder
    from knowledge.retrieval.embedding.prepare import is_prepared, prepare_default_model

__all__ = ["Encoder", "is_prepared", "prepare_default_model"]

_HOMES = {"Encoder": "encoder", "prepare_default_model": "prepare", "is_prepared": "prepare"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"knowledge.retrieval.embedding.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
