"""`ntm index` over files dropped into the documents folder: a file over the limits is skipped whole, with
the reason logged in Vietnamese, and the build still publishes everything else."""

from __future__ import annotations

import logging

import pytest

from indexer.service import update_index
from knowledge.retrieval.index.layout import IndexLayout
from knowledge.retrieval.index.passages import read_passages
from tests.auxil.hostile import MB, pdf_with_pages, write, zip_bomb_docx
from tests.auxil.settings import make_settings

pytestmark = pytest.mark.slow

GOOD = ("Năm 2025, tỉnh Thái Bình phấn đấu có thêm 31 xã đạt chuẩn nông thôn mới kiểu mẫu và 48 xã đạt chuẩn "
        "nông thôn mới nâng cao.\n\nCác huyện rà soát từng tiêu chí, ưu tiên môi trường và cảnh quan nông thôn.\n")
PARAGRAPH = ("Xã {n} đạt chuẩn nông thôn mới nâng cao năm 2024 với thu nhập bình quân 82 triệu đồng một người, "
             "tỷ lệ hộ nghèo dưới 1% và 100% đường trục xã được cứng hóa. ") * 4


def _many_passages(count: int) -> str:
    return "\n\n".join(PARAGRAPH.format(n=n) for n in range(count))


def test_files_over_the_limits_are_skipped_whole_and_the_rest_is_published(tmp_path, encoder, caplog):
    settings = make_settings(tmp_path / "data", NTM_MAX_DOCUMENT_CHARS="20000", NTM_MAX_PASSAGES_PER_DOCUMENT="5")
    src = tmp_path / "documents"
    src.mkdir()
    write(src, "tot.txt", GOOD)
    write(src, "bom.docx", zip_bomb_docx(300 * MB))
    write(src, "dai.txt", _many_passages(60))  # over 20,000 characters
    write(src, "nhieu-doan.txt", _many_passages(8))  # under the characters, over 5 passages
    write(src, "hostile.pdf", pdf_with_pages(2000, blank=True))
    with caplog.at_level(logging.WARNING):
        report = update_index(settings, [src], encoder=encoder)
    assert report.published and report.added == ["tot"] and report.documents == 1
    reasons = "\n".join(report.errors)
    for name, limit in [("bom.docx", "NTM_MAX_UNPACKED_MB"), ("dai.txt", "NTM_MAX_DOCUMENT_CHARS"),
                        ("nhieu-doan.txt", "NTM_MAX_PASSAGES_PER_DOCUMENT"), ("hostile.pdf", "NTM_MAX_PDF_PAGES")]:
        assert f"{name}: " in reasons and limit in reasons.split(f"{name}: ", 1)[1].split("\n", 1)[0], name
        assert any("Bỏ qua" in r.getMessage() and limit in r.getMessage() for r in caplog.records), name
    current = IndexLayout(settings.index_dir).current_dir()
    assert {p.doc_id for p in read_passages(current / "passages.jsonl")} == {"tot"}


def test_a_document_that_grows_past_the_passage_limit_leaves_the_index_whole(tmp_path, encoder):
    settings = make_settings(tmp_path / "data", NTM_MAX_PASSAGES_PER_DOCUMENT="5")
    src = tmp_path / "documents"
    src.mkdir()
    write(src, "tot.txt", GOOD)
    write(src, "ke-hoach.txt", _many_passages(2))
    assert update_index(settings, [src], encoder=encoder).documents == 2
    write(src, "ke-hoach.txt", _many_passages(8))
    report = update_index(settings, encoder=encoder)
    assert report.published and report.removed == ["ke-hoach"] and report.changed == []
    assert any(e.startswith("ke-hoach.txt: ") and "NTM_MAX_PASSAGES_PER_DOCUMENT" in e for e in report.errors)
    manifest = IndexLayout(settings.index_dir).read_manifest()
    assert set(manifest.documents) == {"tot"}
    assert {p.doc_id for p in read_passages(IndexLayout(settings.index_dir).current_dir() / "passages.jsonl")} \
        == {"tot"}


def test_a_new_file_over_the_limit_does_not_republish_an_unchanged_index(tmp_path, encoder):
    settings = make_settings(tmp_path / "data", NTM_MAX_PASSAGES_PER_DOCUMENT="5")
    src = tmp_path / "documents"
    src.mkdir()
    write(src, "tot.txt", GOOD)
    first = update_index(settings, [src], encoder=encoder)
    write(src, "nhieu-doan.txt", _many_passages(8))
    again = update_index(settings, encoder=encoder)
    assert again.up_to_date and again.version == first.version and again.documents == 1
    assert any(e.startswith("nhieu-doan.txt: ") for e in again.errors)


def test_a_lowered_passage_limit_applies_to_documents_already_indexed(tmp_path, encoder):
    src = tmp_path / "documents"
    src.mkdir()
    write(src, "tot.txt", GOOD)
    write(src, "ke-hoach.txt", _many_passages(8))
    assert update_index(make_settings(tmp_path / "data"), [src], encoder=encoder).documents == 2
    lowered = update_index(make_settings(tmp_path / "data", NTM_MAX_PASSAGES_PER_DOCUMENT="5"), encoder=encoder)
    assert lowered.published and lowered.removed == ["ke-hoach"] and lowered.embedded == 0
