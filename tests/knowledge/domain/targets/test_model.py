"""Targets survive the JSON lines file the indexer writes."""

from __future__ import annotations

import pytest

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.domain.targets import Kind, Target, dump_targets, load_targets


def test_round_trip(tmp_path):
    targets = bundled_targets()
    assert targets
    path = tmp_path / "targets.jsonl"
    assert dump_targets(targets, path) == len(targets)
    assert load_targets(path) == targets
    assert Target.from_dict(targets[0].to_dict()) == targets[0]


def test_missing_file_is_empty_and_a_bad_line_is_reported(tmp_path):
    assert load_targets(tmp_path / "none.jsonl") == []
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        load_targets(bad)


def test_to_dict_is_plain_json():
    t = next(t for t in bundled_targets() if t.quote == "94/151 xã")
    data = t.to_dict()
    assert data["kind"] == "total" and data["percent_quote"] == "62,2%" and data["value"] == 94
    assert Kind(data["kind"]).label == "tổng"
