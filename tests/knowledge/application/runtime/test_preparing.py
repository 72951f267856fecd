"""Before the first index is published: questions get "đang chuẩn bị dữ liệu", then answers once it is."""

from __future__ import annotations

import json

import pytest

import knowledge.retrieval.search
from knowledge.application.render.answer import render_html
from knowledge.application.runtime import Services
from knowledge.application.runtime.preparing import IndexPreparing, PreparingSearch
from knowledge.application.runtime.targets import version_targets
from tests.auxil.fake_search import FakeSearch

Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"


def publish(index_root) -> None:
    """Just enough of a published index for `current` to count (the engine is faked)."""
    version = index_root / "versions" / "v1"
    version.mkdir(parents=True)
    (version / "manifest.json").write_text(json.dumps({}), encoding="utf-8")
    (index_root / "current").symlink_to("versions/v1")


async def test_no_index_yet_says_data_is_being_prepared_then_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(knowledge.retrieval.search, "SearchEngine", lambda root, encoder: FakeSearch.from_corpus())
    search = PreparingSearch(tmp_path / "index", encoder="the encoder")
    services = Services.with_search(None, search, database=False)
    try:
        answer = await services.ask(Q_HD, 1)
        assert answer.kind == "preparing" and not answer.answered
        assert render_html(answer) == "⏳ Đang chuẩn bị dữ liệu, vui lòng thử lại sau ít phút."
        assert search.documents() == [] and search.passage("x#1") is None and not search.ready
        assert getattr(search, "info", None) is None and version_targets(search) == []
        assert search.encoder == "the encoder" and not search.reload_if_changed()

        publish(tmp_path / "index")
        answer = await services.ask(Q_HD, 1)  # picked up at once, not after the reloader's interval
        assert answer.kind == "answer" and answer.lead.figure_text == "29 xã"
        assert search.ready and search.documents() and search.threshold == 0.5  # the engine's own attributes
    finally:
        services.close()


def test_searching_before_an_index_raises_the_users_message(tmp_path):
    with pytest.raises(IndexPreparing, match="Đang chuẩn bị dữ liệu"):
        PreparingSearch(tmp_path, encoder=None).search("câu hỏi")
