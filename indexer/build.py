"""Build or update the index: read -> clean -> split -> segment -> embed -> publish.

Incremental by default: a document whose content hash, and the pipeline and
model that processed it, are unchanged keeps its passages, tokens, vectors
and targets from the current version; only new or changed documents are
split and embedded, removed ones simply are not carried over. Everything is
written into a fresh version folder and published with one atomic symlink
swap, so a build killed at any point leaves the previous index serving and
the next run starts clean.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from indexer import segments
from indexer.discover import discover_files
from indexer.passages import document_passages, heading
from indexer.readers import DocumentError, SourceDocument
from indexer.readers.isolated import shared_reader
from indexer.segments import SegmentPolicy, link_version, live_passages, mergeable, segment_dir, stored_vectors
from indexer.split import MAX_PASSAGE_CHARS, OVERLAP_SENTENCES
from knowledge.domain.limits import LimitExceeded, check_passages
from knowledge.domain.targets import copy_targets, dump_targets, extract_targets, load_targets
from knowledge.errors import UserError
from knowledge.retrieval.index import layout as L
from knowledge.retrieval.index.dense import DenseIndex, build_dense
from knowledge.retrieval.index.lexical import LexicalIndex, lexical_text
from knowledge.retrieval.index.manifest import FORMAT_VERSION, DocumentRecord, Manifest, write_manifest
from knowledge.retrieval.index.passages import Passage, write_passages
from knowledge.settings import LimitsSettings
from knowledge.text.segment import segment
from knowledge.text.tokens import folded_tokens

log = logging.getLogger(__name__)

# Bump when splitting, tokenising or the embedded text changes: forces a rebuild.
PIPELINE_VERSION = 4  # 4: passages keep to articles and carry their place (indexer.structure)
KEEP_OLD_VERSIONS = 1

Progress = Callable[[str, int, int], None]


class IndexBusy(UserError, RuntimeError):
    def __init__(self) -> None:
        super().__init__("Đang có một lần lập chỉ mục khác chạy; hãy đợi nó xong rồi thử lại.")


@dataclass
class BuildReport:
    version: str | None
    documents: int = 0
    passages: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    embedded: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    published: bool = False
    compact_due: bool = False  # published as a segment, and segments should now be merged (`merge=True`)

    @property
    def up_to_date(self) -> bool:
        return not (self.added or self.changed or self.removed) and not self.published


def pipeline_settings() -> dict:
    import pyvi

    return {
        "pipeline_version": PIPELINE_VERSION,
        "max_passage_chars": MAX_PASSAGE_CHARS,
        "overlap_sentences": OVERLAP_SENTENCES,
        "pyvi": getattr(pyvi, "__version__", "0.1.1"),
        "format": FORMAT_VERSION,
    }


def content_hash(doc: SourceDocument) -> str:
    """What a document's passages and record depend on; legal metadata only when it has some, so
    documents without any keep the hashes older releases gave them (no needless re-embedding)."""
    fields = [doc.doc_id, doc.title, doc.text, doc.source, doc.date, doc.url, doc.provinces, doc.kind]
    if any(doc.legal):
        fields.append(list(doc.legal))
    payload = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def read_documents(paths: Iterable[Path], limits: LimitsSettings | None = None,
                   ) -> tuple[list[SourceDocument], list[str]]:
    """All documents under the paths, each file parsed in a child process within `limits`;
    unreadable or too large files are skipped whole and reported (and logged), not fatal."""
    docs: dict[str, SourceDocument] = {}
    errors: list[str] = []
    reader = shared_reader(limits)
    for path in discover_files(paths):
        try:
            found = reader.read_path(path)
        except DocumentError as exc:
            log.warning("Bỏ qua tệp %s: %s", path, exc)
            errors.append(f"{path.name}: {exc}")
            continue
        for doc in found:
            if doc.doc_id in docs:
                errors.append(f"{path.name}: mã tài liệu '{doc.doc_id}' bị trùng, bỏ qua bản sau")
                continue
            docs[doc.doc_id] = doc
    return list(docs.values()), errors


def embed_text(title: str, passage: str) -> str:
    """What the dense model sees: the title (with the passage's heading chain, `indexer.passages.heading`)
    gives a passage its topic (R@1 0.54 -> 0.78)."""
    return f"{title}. {passage}" if title else passage


class _Lock:
    def __init__(self, path: Path):
        self.path = path
        self.fh = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = self.path.open("a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise IndexBusy() from None
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def build_index(
    paths: Sequence[Path],
    index_root: Path,
    *,
    encoder_factory: Callable[[], object],
    model_identity: dict,
    full: bool = False,
    progress: Progress | None = None,
    documents: list[SourceDocument] | None = None,
    pause_before_publish: float | None = None,
    limits: LimitsSettings | None = None,
    merge: bool = False,
    policy: SegmentPolicy | None = None,
) -> BuildReport:
    """Build (incrementally unless `full`) and publish an index of the documents under `paths`.

    `model_identity` (name, fingerprint, dim, segmented_input) is compared with
    the manifest without loading the model; `encoder_factory` is called only
    when something must be embedded. A file or document over `limits` is left
    out whole, with the reason in `errors`. A small change to a large index is
    published as a segment (`indexer.segments`, within `policy`) unless `merge`
    asks for one new base (still reusing every unchanged vector).
    """
    started = time.perf_counter()
    policy = policy or segments.POLICY
    layout = L.IndexLayout(index_root)
    progress = progress or (lambda stage, done, total: None)
    limits = limits or LimitsSettings()
    with _Lock(layout.lock_file):
        _remove_stale_builds(layout)
        if documents is None:
            documents, errors = read_documents(paths, limits)
        else:
            errors = []
        report = BuildReport(version=None, errors=errors)
        settings = pipeline_settings()
        current_dir = layout.current_dir()
        old = layout.read_manifest(current_dir) if current_dir else None
        compatible = (
            not full
            and old is not None
            and old.pipeline == settings
            and old.model.get("fingerprint") == model_identity.get("fingerprint")
        )
        old_docs = old.documents if (old and compatible) else {}
        hashes = {d.doc_id: content_hash(d) for d in documents}
        report.added = sorted(d for d in hashes if d not in (old.documents if old else {}))
        report.changed = sorted(
            d for d, h in hashes.items() if old and d in old.documents and old.documents[d].content_hash != h
        )
        report.removed = sorted(d for d in (old.documents if old else {}) if d not in hashes)
        reuse = {d for d, h in hashes.items() if d in old_docs and old_docs[d].content_hash == h
                 and old_docs[d].passages <= limits.max_passages_per_document}  # a lowered limit applies too
        report.documents = len(documents)

        if compatible and len(reuse) == len(documents) and not report.removed and not (merge and mergeable(old)):
            return _unchanged(report, current_dir.name, old.passages, started)

        if compatible and not merge and policy.allows(old, 0):
            new_docs = [d for d in documents if d.doc_id not in reuse]
            fresh_passages, _, _, too_long = _passages(new_docs, set(), None, None, progress, limits)
            if too_long:
                documents = _leave_out(report, documents, too_long, old)
                if reuse == {d.doc_id for d in documents} and not report.removed:
                    return _unchanged(report, current_dir.name, old.passages, started)
            if policy.allows(old, len(fresh_passages)):
                return _publish_segment(layout, current_dir, old, documents, hashes, reuse, fresh_passages,
                                        encoder_factory, model_identity, progress, report, policy,
                                        pause_before_publish, started)
        passages, fresh, old_rows, too_long = _passages(documents, reuse, current_dir, old, progress, limits)
        if too_long:
            documents = _leave_out(report, documents, too_long, old)
            if compatible and reuse == {d.doc_id for d in documents} and not report.removed:
                return _unchanged(report, current_dir.name, old.passages, started)  # only a refused file is new
        version = _new_version()
        staging = layout.versions / f".tmp-{version}"
        staging.mkdir(parents=True)
        progress("write", 0, 1)
        counts: dict[str, int] = {}
        for p in passages:
            counts[p.doc_id] = counts.get(p.doc_id, 0) + 1
        records = _records(documents, hashes, counts, {d.doc_id: version for d in documents})
        titles = {d.doc_id: d.title for d in documents}
        # Memory: the BM25 builds (the largest transient) run before the model's
        # passage workers and texts exist; vectors are written, then dropped.
        write_passages(staging / L.PASSAGES, passages)
        _write_lexical(staging, passages, titles)
        vectors = _vectors(passages, fresh, old_rows, current_dir, old, titles, encoder_factory, model_identity,
                           progress, report)
        dense_info = _write_dense(staging, vectors)
        del vectors
        progress("write", 0, 1)  # back to writing after the embedding, for stage timers
        dump_targets(_targets(documents, passages, reuse, current_dir), staging / L.TARGETS)
        manifest = Manifest(
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            model=model_identity,
            pipeline=settings,
            dense=dense_info,
            documents=records,
            passages=len(passages),
            segments=[{"name": version, "dir": ".", "passages": len(passages)}],
        )
        return _publish(layout, staging, manifest, version, progress, report, pause_before_publish, started)


def _new_version() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(3).hex()


def _records(documents, hashes: dict[str, str], counts: dict[str, int], segments: dict[str, str],
             ) -> dict[str, DocumentRecord]:
    return {
        doc.doc_id: DocumentRecord(
            doc_id=doc.doc_id,
            content_hash=hashes[doc.doc_id],
            title=doc.title,
            source=doc.source,
            date=doc.date,
            url=doc.url,
            provinces=list(doc.provinces),
            kind=doc.kind,
            path=doc.path,
            passages=counts.get(doc.doc_id, 0),
            number=doc.number,
            doc_type=doc.doc_type,
            issuer=doc.issuer,
            signed=doc.signed,
            effective=doc.effective,
            segment=segments.get(doc.doc_id),
        )
        for doc in documents
    }


def _leave_out(report: BuildReport, documents, too_long: dict[str, str], old: Manifest | None) -> list:
    """The documents without those refused for splitting into too many passages, said in the report."""
    documents = [d for d in documents if d.doc_id not in too_long]
    report.errors.extend(too_long.values())
    report.added = [d for d in report.added if d not in too_long]
    report.changed = [d for d in report.changed if d not in too_long]
    report.removed = sorted({*report.removed, *(d for d in too_long if old and d in old.documents)})
    report.documents = len(documents)
    return documents


def _publish_segment(layout, current_dir: Path, old: Manifest, documents, hashes, reuse: set[str],
                     passages: list[Passage], encoder_factory, model_identity, progress, report: BuildReport,
                     policy: SegmentPolicy, pause_before_publish, started: float) -> BuildReport:
    """A version made of the current one's files (hard links) and one segment with `passages`,
    the new and changed documents' (none when the change only removes documents)."""
    version = _new_version()
    staging = layout.versions / f".tmp-{version}"
    staging.mkdir(parents=True)
    progress("write", 0, 1)
    link_version(current_dir, staging)
    listed = list(old.segments)
    owner = {d: old.segment_of(d, current_dir.name) for d in reuse}
    if passages:
        folder = segment_dir(version)
        (staging / folder).mkdir(parents=True)
        titles = {d.doc_id: d.title for d in documents}
        write_passages(staging / folder / L.PASSAGES, passages)
        _write_lexical(staging / folder, passages, titles)
        vectors = _vectors(passages, list(range(len(passages))), {}, None, None, titles, encoder_factory,
                           model_identity, progress, report)
        _write_dense(staging / folder, vectors)
        del vectors
        progress("write", 0, 1)
        listed.append({"name": version, "dir": folder, "passages": len(passages)})
    # Every new or changed document belongs to this version's segment, even one without passages
    # (an emptied text): its older rows must not count as its live ones.
    owner.update({d.doc_id: version for d in documents if d.doc_id not in reuse})
    counts = {d: old.documents[d].passages for d in reuse}
    for p in passages:
        counts[p.doc_id] = counts.get(p.doc_id, 0) + 1
    # The unchanged documents' targets carried over as lines (50,000 of them are ~170 MB as objects), then the new ones.
    if (current_dir / L.TARGETS).exists():
        if reuse >= old.documents.keys():  # only additions: every old line stays
            shutil.copyfile(current_dir / L.TARGETS, staging / L.TARGETS)
        else:
            copy_targets(current_dir / L.TARGETS, staging / L.TARGETS, reuse)
    new_docs = [d for d in documents if d.doc_id not in reuse]
    dump_targets(_targets(new_docs, passages, set(), None), staging / L.TARGETS, append=True)
    manifest = Manifest(
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        model=model_identity,
        pipeline=old.pipeline,  # equal to this build's: the current version is compatible
        dense=old.dense,  # the base's kind (segments are small flat indexes)
        documents=_records(documents, hashes, counts, owner),
        passages=sum(counts.values()),
        segments=listed,
    )
    report.compact_due = policy.merge_due(manifest)
    return _publish(layout, staging, manifest, version, progress, report, pause_before_publish, started)


def _publish(layout, staging: Path, manifest: Manifest, version: str, progress, report: BuildReport,
             pause_before_publish, started: float) -> BuildReport:
    write_manifest(staging / L.MANIFEST, manifest)
    _pause_for_tests(pause_before_publish)
    final = layout.versions / version
    os.replace(staging, final)
    L.fsync_dir(layout.versions)
    layout.publish(final)
    _remove_old_versions(layout, keep={final.name})
    progress("write", 1, 1)
    report.version = version
    report.passages = manifest.passages
    report.published = True
    report.seconds = time.perf_counter() - started
    return report


def _unchanged(report: BuildReport, version: str, passages: int, started: float) -> BuildReport:
    """The published version already holds exactly these documents."""
    report.version, report.passages = version, passages
    report.seconds = time.perf_counter() - started
    return report


def _passages(documents, reuse, current_dir, manifest, progress, limits: LimitsSettings):
    """Every document's passages in document order: new or changed ones split now,
    unchanged ones read back. Also which rows are new, where the others'
    vectors are in the current version (row -> old row), and the documents left
    out for splitting into more passages than `limits` allow (id -> reason)."""
    old: dict[str, list[tuple[int, Passage]]] = {}
    if reuse and current_dir is not None:
        for row, p in live_passages(current_dir, manifest, reuse):
            old.setdefault(p.doc_id, []).append((row, p))
    to_split = [d for d in documents if d.doc_id not in reuse]
    split: dict[str, list[Passage]] = {}
    too_long: dict[str, str] = {}
    for n, doc in enumerate(to_split):
        progress("split", n, len(to_split))
        chunks = document_passages(doc)
        try:
            check_passages(len(chunks), limits)
        except LimitExceeded as exc:
            log.warning("Bỏ qua tài liệu %s: %s", doc.doc_id, exc)
            too_long[doc.doc_id] = f"{Path(doc.path or doc.doc_id).name}: {exc}"
            continue
        split[doc.doc_id] = chunks
    progress("split", len(to_split), len(to_split))

    passages: list[Passage] = []
    fresh: list[int] = []
    old_rows: dict[int, int] = {}
    for doc in documents:
        if doc.doc_id in too_long:
            continue
        if doc.doc_id in split:
            for p in split[doc.doc_id]:
                fresh.append(len(passages))
                passages.append(p)
        else:
            for old_row, p in old.get(doc.doc_id, []):
                old_rows[len(passages)] = old_row
                passages.append(p)
    return passages, fresh, old_rows, too_long


def _vectors(passages, fresh, old_rows, current_dir, manifest, titles, encoder_factory, model_identity, progress,
             report):
    """One float32 matrix in passage order: new rows embedded, the others copied from the current version."""
    new_vectors = None
    if fresh:
        encoder = encoder_factory()
        texts = [embed_text(heading(titles.get(passages[i].doc_id, ""), passages[i].context), passages[i].text)
                 for i in fresh]
        if getattr(encoder, "segmented_input", False):
            texts = [segment(t) for t in texts]
        done, total = 0, len(texts)

        def tick(n: int) -> None:
            nonlocal done
            done += n
            progress("embed", done, total)

        progress("embed", 0, total)
        new_vectors = encoder.encode_passages(texts, progress=tick)
        report.embedded = total
        del texts
    old = stored_vectors(current_dir, manifest) if old_rows else None
    dim = new_vectors.shape[1] if new_vectors is not None else (model_identity.get("dim") or 0)
    if old is not None and not dim:
        dim = old.shape[1]
    matrix = np.empty((len(passages), dim), dtype=np.float32)
    if new_vectors is not None:
        matrix[fresh] = new_vectors
    if old is not None:
        rows = np.fromiter(old_rows.keys(), dtype=np.int64, count=len(old_rows))
        matrix[rows] = old[np.fromiter(old_rows.values(), dtype=np.int64, count=len(old_rows))]
    return matrix


def _targets(documents, passages, reuse, current_dir) -> list:
    """Targets in document order: extracted from new passages, carried over for unchanged documents."""
    old: dict[str, list] = {}
    targets_file = current_dir / L.TARGETS if (reuse and current_dir is not None) else None
    if targets_file is not None and targets_file.exists():
        for t in load_targets(targets_file):
            if t.doc_id in reuse:
                old.setdefault(t.doc_id, []).append(t)
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        if p.doc_id not in reuse:
            by_doc.setdefault(p.doc_id, []).append(p)
    targets: list = []
    for doc in documents:
        if doc.doc_id in reuse:
            targets.extend(old.get(doc.doc_id, []))
        else:
            for p in by_doc.get(doc.doc_id, []):
                targets.extend(_targets_for(doc, p))
    return targets


def _targets_for(doc: SourceDocument, p: Passage) -> list:
    year = int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None
    try:
        return extract_targets(
            p.text,
            doc_id=doc.doc_id,
            passage_id=p.passage_id,
            doc_provinces=list(doc.provinces),
            doc_year=year,
            doc_title=doc.title,
            doc_text=doc.text,
            passage_start=p.start,
        )
    except Exception:  # extraction is best effort; a bad passage must not stop indexing
        log.exception("target extraction failed for %s", p.passage_id)
        return []


def _write_dense(folder: Path, vectors: np.ndarray) -> dict:
    np.save(folder / L.VECTORS, vectors.astype(np.float16))
    index, info = build_dense(vectors)
    DenseIndex.save(index, folder / L.DENSE)
    return info  # the faiss index (a copy of every vector) is freed here


def _write_lexical(folder: Path, passages: list[Passage], titles: dict[str, str]) -> None:
    LexicalIndex.build(p.words for p in passages).save(folder / L.LEXICAL_WORDS)
    # Streamed: folded tokens of every passage at once would cost ~250 MB at 100,000 passages.
    folded = (folded_tokens(lexical_text(heading(titles.get(p.doc_id, ""), p.context), p.text), bigrams=True)
              for p in passages)
    LexicalIndex.build(folded).save(folder / L.LEXICAL_FOLDED)


def _pause_for_tests(seconds: float | None) -> None:
    """Lets the kill-mid-build test stop a real build between writing and publishing."""
    if seconds:
        time.sleep(seconds)


def _remove_stale_builds(layout: L.IndexLayout) -> None:
    """Leftovers of a build that was killed: never published, safe to delete."""
    if not layout.versions.exists():
        return
    for child in layout.versions.iterdir():
        if child.name.startswith(".tmp-"):
            log.info("removing interrupted build %s", child.name)
            shutil.rmtree(child, ignore_errors=True)


def _remove_old_versions(layout: L.IndexLayout, keep: set[str]) -> None:
    """Keep the newest few versions so a reader that opened an older one can finish."""
    versions = sorted((p for p in layout.versions.iterdir() if not p.name.startswith(".")), key=lambda p: p.name)
    old = [p for p in versions if p.name not in keep]
    for p in old[: max(0, len(old) - KEEP_OLD_VERSIONS)]:
        shutil.rmtree(p, ignore_errors=True)
