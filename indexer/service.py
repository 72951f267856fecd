"""The indexer as the rest of the product uses it: which sources, is it stale, build it.

`ntm index PATH...` remembers its paths in `index/sources.json`, so a later
plain `ntm index` (or `make run`) keeps indexing the same sources. By default
the sources are the bundled corpus plus documents admins added under
`NTM_DATA_DIR/documents`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from indexer.build import BuildReport, Progress, build_index, content_hash, pipeline_settings, read_documents
from knowledge.retrieval.index.layout import IndexLayout
from knowledge.settings import BUNDLED_CORPUS, Settings


def documents_dir(settings: Settings) -> Path:
    return settings.data_dir / "documents"


def configured_sources(settings: Settings) -> list[Path]:
    saved = settings.index_dir / "sources.json"
    if saved.exists():
        try:
            return [Path(p) for p in json.loads(saved.read_text(encoding="utf-8"))]
        except (OSError, ValueError):
            pass
    return [BUNDLED_CORPUS, documents_dir(settings)]


def remember_sources(settings: Settings, paths: Sequence[Path]) -> None:
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    data = json.dumps([str(Path(p).resolve()) for p in paths], ensure_ascii=False)
    (settings.index_dir / "sources.json").write_text(data, encoding="utf-8")


def excluded_ids(settings: Settings) -> set[str]:
    """Documents admins removed; kept as a list so bundled files stay untouched."""
    path = settings.index_dir / "excluded.json"
    try:
        return set(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def set_excluded(settings: Settings, doc_ids: set[str]) -> None:
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    path = settings.index_dir / "excluded.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(sorted(doc_ids), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def exclude_document(settings: Settings, doc_id: str) -> None:
    """Remove a document from the index at the next update (its file is kept)."""
    set_excluded(settings, excluded_ids(settings) | {doc_id})


def include_document(settings: Settings, doc_id: str) -> None:
    """Undo `exclude_document` (e.g. when an admin uploads the document again)."""
    set_excluded(settings, excluded_ids(settings) - {doc_id})


def current_documents(settings: Settings, paths: Sequence[Path] | None = None):
    """The documents the index should hold now: sources minus removed ones."""
    paths = list(paths) if paths else configured_sources(settings)
    docs, errors = read_documents(paths, settings.limits)
    excluded = excluded_ids(settings)
    return [d for d in docs if d.doc_id not in excluded], errors


def model_identity(settings: Settings) -> dict:
    """What the manifest records of the model; a different fingerprint forces re-embedding.

    Loading is cached per process, so the encoder used afterwards costs nothing more.
    """
    from knowledge.retrieval.embedding.configured import load_encoder

    encoder = load_encoder(settings)
    return {
        "name": encoder.name,
        "fingerprint": encoder.fingerprint,
        "dim": encoder.dim,
        "segmented_input": encoder.segmented_input,
        "backend": getattr(encoder, "backend", None),
    }


def staleness(settings: Settings, paths: Sequence[Path] | None = None) -> str | None:
    """Why the index must be (re)built, or None when it is up to date. Loads no model."""
    layout = IndexLayout(settings.index_dir)
    manifest = layout.read_manifest()
    if manifest is None:
        return "chưa có chỉ mục"
    if manifest.pipeline != pipeline_settings():
        return "cách xử lý văn bản đã thay đổi"
    if manifest.model.get("fingerprint") != model_identity(settings).get("fingerprint"):
        return "mô hình nhúng đã thay đổi"
    docs, _ = current_documents(settings, paths)
    current = {d.doc_id: content_hash(d) for d in docs}
    indexed = {k: v.content_hash for k, v in manifest.documents.items()}
    if current != indexed:
        return "tài liệu đã thay đổi"
    return None


def update_index(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    full: bool = False,
    merge: bool = False,
    progress: Progress | None = None,
    encoder=None,
) -> BuildReport:
    """Incrementally (or fully) rebuild and atomically publish the index.

    Pass an already-loaded `encoder` to avoid loading the model twice in one process. `merge`:
    one new base rather than a segment for a small change (`indexer.segments`), no re-embedding.
    """
    if paths:
        remember_sources(settings, paths)
    sources = list(paths) if paths else configured_sources(settings)

    def load_encoder():
        if encoder is not None:
            return encoder
        from knowledge.retrieval.embedding.configured import load_encoder as load_configured

        return load_configured(settings)

    documents, errors = current_documents(settings, sources)
    report = build_index(
        sources,
        settings.index_dir,
        encoder_factory=load_encoder,
        model_identity=model_identity(settings),
        full=full,
        merge=merge,
        progress=progress,
        documents=documents,
        pause_before_publish=settings.index.pause_before_publish,
        limits=settings.limits,
    )
    report.errors = errors + report.errors
    return report
