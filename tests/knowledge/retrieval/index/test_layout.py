"""knowledge.retrieval.index.layout: version folders, the `current` link and the manifest found through it."""

from __future__ import annotations

from knowledge.retrieval.index.layout import MANIFEST, IndexLayout
from knowledge.retrieval.index.manifest import Manifest, write_manifest


def _version(layout: IndexLayout, name: str, passages: int):
    folder = layout.versions / name
    folder.mkdir(parents=True)
    write_manifest(folder / MANIFEST, Manifest("2026-01-01T00:00:00+00:00", {}, {}, {}, {}, passages))
    return folder


def test_nothing_published_yet(tmp_path):
    layout = IndexLayout(tmp_path / "index")
    assert layout.current_dir() is None
    assert layout.read_manifest() is None


def test_publish_switches_current_and_its_manifest(tmp_path):
    layout = IndexLayout(tmp_path / "index")
    first, second = _version(layout, "v1", 1), _version(layout, "v2", 2)
    layout.publish(first)
    assert layout.current_dir() == first.resolve()
    assert layout.read_manifest().passages == 1
    layout.publish(second)
    assert layout.current.readlink().as_posix() == "versions/v2"  # relative: the index folder can move
    assert layout.read_manifest().passages == 2
    assert layout.read_manifest(first).passages == 1
