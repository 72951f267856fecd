"""/thongke and /chitieu as the commands return them: a chart with its table, or the table alone when empty."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.commands import CommandContext, table
from knowledge.application.commands.reply import PHOTO
from knowledge.application.commands.targets import chart_title
from knowledge.application.render.targets import targets_reply
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.images import assert_readable_chart

LIST = "Tỉnh;Xã;Mức đạt chuẩn;Năm công nhận\nBắc Giang;Cao Xá;NTM kiểu mẫu;2023\nBắc Giang;Ngọc Thiện;NTM;2016\n"


@pytest.fixture(scope="module")
def ctx():
    service = registry_service("sqlite")
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "ds.csv").ok
    yield CommandContext(SimpleNamespace(db_engine=service.engine, targets=bundled_targets))
    clear_recognitions(service)


@pytest.mark.parametrize("args, name, head", [
    ("bac giang", "thongke.png", "📊 <b>Thống kê nông thôn mới – tỉnh Bắc Giang (cũ)</b>"),  # old name, no accents
    ("Bắc Ninh", "thongke.png", "📊 <b>Thống kê nông thôn mới – tỉnh Bắc Ninh</b>"),
    ("", "thongke-ca-nuoc.png", "📊 <b>Thống kê nông thôn mới – cả nước</b>"),
])
def test_thongke_chart_with_the_table_as_caption(ctx, args, name, head):
    reply = table.run("thongke", args, ctx)
    (photo,) = reply.files
    assert (photo.kind, photo.file_name, reply.html) == (PHOTO, name, "")
    assert photo.caption.startswith(head) and "ds.csv" in photo.caption
    assert_readable_chart(photo.data)


def test_thongke_without_data_says_so_and_draws_nothing(ctx):
    reply = table.run("thongke", "Cà Mau", ctx)
    assert reply.files == () and "Chưa có dữ liệu công nhận nào được nạp cho phạm vi này" in reply.html


@pytest.mark.parametrize("args", ["Long An", "hai duong", "Hải Phòng 2025", "tphcm"])
def test_chitieu_chart_and_the_same_table(ctx, args):
    reply = table.run("chitieu", args, ctx)
    (photo,) = reply.files
    assert photo.kind == PHOTO and photo.file_name == "chitieu.png"
    assert_readable_chart(photo.data)
    words = args.split()
    year = int(words.pop()) if words[-1].isdigit() else None
    expected = targets_reply(bundled_targets(), " ".join(words), year, html_mode=True)
    assert expected in (reply.html, photo.caption)  # every row with its [n] and the sources, as before


def test_a_merged_province_says_whose_figures_the_chart_shows():
    found = [t for t in bundled_targets() if t.province == "Hải Dương"]
    assert chart_title("hai phong", None, found) == "Chỉ tiêu nông thôn mới – Hải Phòng (số liệu của Hải Dương)"
    assert chart_title("hai duong", 2025, found) == "Chỉ tiêu nông thôn mới – Hải Dương năm 2025"
    assert chart_title(None, 2025, found) == "Chỉ tiêu nông thôn mới – các tỉnh năm 2025"


def test_chitieu_with_nothing_to_plot_is_the_text_reply(ctx):
    reply = table.run("chitieu", "Hà Nội", ctx)
    assert reply.files == () and reply.html.startswith("Không tìm thấy chỉ tiêu cho Hà Nội")
