"""JSON lines: one document per line ({"id", "title", "text"} and optional
"source", "date", "province", "kind", "url"); a .json file may instead hold
one document or an array of them.

The fields are the editor's statements, so they win over what metadata
extraction would guess; every malformed line is reported with its number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from indexer.metadata import Metadata, document_date, provinces_from_field
from indexer.readers.document import DocumentError, RawFile, SourceDocument, to_document
from knowledge.domain.limits import LimitExceeded
from knowledge.settings import LimitsSettings
from knowledge.text.normalize import normalize


@dataclass(frozen=True, slots=True)
class _Record:
    where: str  # how the user is told which record is wrong ("Dòng 3 của tệp JSONL")
    line: int
    value: object  # the parsed JSON value, checked by `_document`


def read(file: RawFile) -> list[SourceDocument]:
    text = file.text.lstrip("\ufeff")
    records: list[_Record] = []
    whole = _json_document(text) if file.suffix == ".json" else None
    if isinstance(whole, list):
        records = [_Record(f"Phần tử thứ {n} của tệp JSON", n, item) for n, item in enumerate(whole, 1)]
    elif isinstance(whole, dict):
        records = [_Record("Tệp JSON", 1, whole)]
    else:
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"Dòng {n} của tệp JSONL"
            try:
                records.append(_Record(where, n, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise DocumentError(f"{where} không phải JSON hợp lệ: {exc.msg} (cột {exc.colno})", line=n) from exc
    if not records:
        raise DocumentError("Tệp JSONL không có dòng dữ liệu nào")
    docs: list[SourceDocument] = []
    seen: dict[str, int] = {}
    for record in records:
        doc = _document(record, file.path, file.limits)
        if doc.doc_id in seen:
            raise DocumentError(f"{record.where}: mã id '{doc.doc_id}' trùng với dòng {seen[doc.doc_id]}",
                                line=record.line)
        seen[doc.doc_id] = record.line
        docs.append(doc)
    return docs


def _json_document(text: str) -> object:
    """A .json file holding one document or an array of them; None when it
    is really JSON lines (or broken, which the line reader then reports)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def _document(record: _Record, path: str | None, limits: LimitsSettings) -> SourceDocument:
    obj, where, n = record.value, record.where, record.line
    if not isinstance(obj, dict):
        raise DocumentError(f"{where} không phải một đối tượng JSON {{...}}", line=n)
    for name in ("id", "title", "text"):
        if obj.get(name) is None:
            raise DocumentError(f"{where} thiếu trường '{name}'", line=n)
    doc_id = obj["id"]
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        raise DocumentError(f"{where}: trường 'id' phải là chuỗi hoặc số, không rỗng", line=n)
    for name in ("title", "text", "source", "date", "kind", "url"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise DocumentError(f"{where}: trường '{name}' phải là chuỗi ký tự", line=n)
    if not obj["text"].strip():
        raise DocumentError(f"{where}: trường 'text' rỗng", line=n)
    if not obj["title"].strip():
        raise DocumentError(f"{where}: trường 'title' rỗng", line=n)
    province = obj.get("province")
    if province is not None and not (isinstance(province, str) or (
            isinstance(province, list) and all(isinstance(p, str) for p in province))):
        raise DocumentError(f"{where}: trường 'province' phải là chuỗi hoặc danh sách chuỗi", line=n)
    date = None
    if obj.get("date") and obj["date"].strip():
        date = document_date(obj["date"])
        if date is None:
            raise DocumentError(
                f"{where}: trường 'date' không phải ngày hợp lệ: '{obj['date']}' (cần dạng yyyy-mm-dd)", line=n
            )
    hints = Metadata(
        title=obj["title"],
        date=date,
        source=(normalize(obj["source"]).strip() or None) if obj.get("source") else None,
        url=obj.get("url") or None,
        provinces=provinces_from_field(province) if province else [],
    )
    try:
        doc = to_document(obj["text"], hints, doc_id=str(doc_id).strip(), path=path,
                          kind=(obj.get("kind") or None), given_text=True, limits=limits)
    except LimitExceeded as exc:
        raise DocumentError(f"{where}: {exc}", line=n) from exc
    if hints.source:
        doc.source = hints.source  # the editor's statement beats "Nguồn:" found in the text
    return doc
