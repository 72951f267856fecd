"""Hand memory freed by one step of model preparation back to the system before the next.

The onnxruntime tools leave their graph copies in reference cycles, which
Python frees only when its cyclic collector next runs, and glibc keeps freed
heap pages for reuse instead of returning them. Between the big steps of
`onnx_int8.quantize` both held ~0.6 GB that no later step used.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


def release_freed_memory() -> None:
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim():
    """glibc's malloc_trim, or None elsewhere (musl, macOS: nothing to do)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
