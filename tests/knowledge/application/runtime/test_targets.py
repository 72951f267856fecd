"""The index's targets file: read once, again only when it changes, never an error for a reply."""

from __future__ import annotations

import os
from types import SimpleNamespace

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.runtime.targets import published_targets, read_targets, version_targets
from knowledge.domain.targets import dump_targets


def test_reread_only_when_the_file_changes(tmp_path):
    path = tmp_path / "targets.jsonl"
    targets = bundled_targets()
    dump_targets(targets, path)
    first = read_targets(path)
    assert first == targets and read_targets(path) is first  # cached
    dump_targets(targets[:2], path)
    os.utime(path, (1, 1))  # a new mtime even on a coarse clock
    assert read_targets(path) == targets[:2]


def test_missing_or_broken_files_are_empty(tmp_path):
    assert read_targets(None) == [] and read_targets(tmp_path / "none.jsonl") == []
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert read_targets(bad) == []


def test_published_and_version_folders(tmp_path):
    version = tmp_path / "index" / "versions" / "v1"
    version.mkdir(parents=True)
    dump_targets(bundled_targets(), version / "targets.jsonl")
    (tmp_path / "index" / "current").symlink_to(version)
    assert published_targets(tmp_path / "index") == bundled_targets()
    assert version_targets(SimpleNamespace(snapshot=SimpleNamespace(version_dir=version))) == bundled_targets()
    assert version_targets(object()) == []  # a search without index versions (the tests' stand-in)
