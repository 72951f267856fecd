"""/xuat chitieu|thongke: the tables as .xlsx, or a clear Vietnamese line for what cannot be exported."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.commands import CommandContext, table
from knowledge.application.commands.exports import XUAT_HELP
from knowledge.application.commands.reply import DOCUMENT
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.workbooks import read_sheet

LIST = "Tỉnh;Xã;Mức đạt chuẩn;Năm công nhận\nBắc Giang;Cao Xá;NTM;2015\n"


@pytest.fixture(scope="module")
def ctx():
    service = registry_service("sqlite")
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "ds.csv").ok
    yield CommandContext(SimpleNamespace(db_engine=service.engine, targets=bundled_targets))
    clear_recognitions(service)


def xuat(ctx, args):
    return table.run("xuat", args, ctx)


@pytest.mark.parametrize("args", ["", "gì đó", "chitieux"])
def test_usage(ctx, args):
    assert xuat(ctx, args).html == XUAT_HELP and not xuat(ctx, args).files


@pytest.mark.parametrize("args, name, rows", [
    ("chitieu Long An", "chitieu-longan.xlsx", 16),
    ("Chỉ tiêu long an 2021", "chitieu-longan-2021.xlsx", 2),
    ("chi tieu hai duong", "chitieu-haiduong.xlsx", 4),  # an old (pre-2025) province, typed without diacritics
    ("chitieu", "chitieu-cac-tinh.xlsx", 31),
])
def test_targets(ctx, args, name, rows):
    reply = xuat(ctx, args)
    (file,) = reply.files
    assert (file.kind, file.file_name, reply.html) == (DOCUMENT, name, "")
    assert f"{rows} dòng số liệu" in file.caption
    assert len(read_sheet(file.data)[2]) == rows


def test_the_caption_names_the_province_as_written_in_the_registry(ctx):
    assert "<b>Chỉ tiêu nông thôn mới – Hải Dương</b>" in xuat(ctx, "chitieu hai duong").files[0].caption


def test_targets_not_found_says_what_is_known(ctx):
    reply = xuat(ctx, "chitieu Hà Nội")
    assert reply.html.startswith("Không tìm thấy chỉ tiêu cho Hà Nội") and not reply.files
    assert xuat(ctx, "chitieu Long An 20211").html.startswith("“20211” không phải là năm")


@pytest.mark.parametrize("args, name, rows", [
    ("thongke bac giang", "thongke-bacgiang.xlsx", 8), ("thong ke", "thongke-ca-nuoc.xlsx", 8 + 34 * 3),
])
def test_stats(ctx, args, name, rows):
    (file,) = xuat(ctx, args).files
    assert file.file_name == name and f"{rows} dòng" in file.caption
    assert len(read_sheet(file.data)[2]) == rows


def test_stats_of_an_unknown_province(ctx):
    reply = xuat(ctx, "thongke Narnia")
    assert reply.html.startswith("Không tìm thấy tỉnh/thành phố “Narnia”") and not reply.files
