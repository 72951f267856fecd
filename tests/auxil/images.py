"""Checks on the charts the bot sends: a real PNG, wide enough to read on a phone."""

from __future__ import annotations

import io

from PIL import Image

MIN_WIDTH = 1000


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG that decodes completely (AssertionError otherwise)."""
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        image.load()
        return image.size


def assert_readable_chart(data: bytes) -> tuple[int, int]:
    width, height = png_size(data)
    assert width >= MIN_WIDTH and 300 <= height <= 4000 and width + height <= 10_000
    return width, height
