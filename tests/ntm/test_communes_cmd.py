"""`ntm communes` commands, run in-process against the shared test registry."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import ntm.communes_cmd as cmd
from tests.auxil.communes_db import clear_recognitions, registry_service

runner = CliRunner()


@pytest.fixture
def service(monkeypatch):
    service = registry_service("sqlite")
    clear_recognitions(service)
    monkeypatch.setattr(cmd, "_service", lambda: service)
    yield service
    clear_recognitions(service)


def test_find_import_stats_question(service, tmp_path):
    result = runner.invoke(cmd.app, ["find", "cao", "xa"])
    assert result.exit_code == 0 and "Có 2 đơn vị" in result.output

    good = tmp_path / "ds.csv"
    good.write_text("Tỉnh,Huyện,Xã,Mức đạt chuẩn,Năm công nhận\nBắc Giang,Tân Yên,Cao Xá,NTM kiểu mẫu,2023\n",
                    encoding="utf-8-sig")
    result = runner.invoke(cmd.app, ["import", str(good)])
    assert result.exit_code == 0 and "Thêm mới: 1" in result.output

    result = runner.invoke(cmd.app, ["find", "--json", "Cao Xá, Bắc Giang"])
    data = json.loads(result.output)
    assert data["status"] == "found" and data["card"]["recognitions"][0]["level"] == "ntm_kieu_mau"

    result = runner.invoke(cmd.app, ["stats", "Bắc", "Ninh"])
    assert result.exit_code == 0 and "NTM kiểu mẫu trở lên: 1" in result.output

    result = runner.invoke(cmd.app, ["question", "Cao Xá Tân Yên đạt NTM kiểu mẫu chưa?"])
    assert result.exit_code == 0 and "kiểu mẫu năm 2023" in result.output


def test_failures_exit_non_zero_with_vietnamese_messages(service, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Tỉnh,Xã,Mức,Năm\nBắc Giang,Không Có,NTM,2015\n", encoding="utf-8")
    result = runner.invoke(cmd.app, ["import", str(bad)])
    assert result.exit_code == 1 and "Dòng 2:" in result.output
    result = runner.invoke(cmd.app, ["import", str(tmp_path / "missing.xlsx")])
    assert result.exit_code == 1 and "Không mở được tệp" in result.output
    result = runner.invoke(cmd.app, ["find", "zzzz"])
    assert result.exit_code == 1 and result.output.startswith("Không tìm thấy")
    result = runner.invoke(cmd.app, ["stats", "Narnia"])
    assert result.exit_code == 1 and "Không tìm thấy tỉnh" in result.output


def test_stats_xlsx(service, tmp_path):
    from tests.auxil.workbooks import read_sheet

    assert service.import_bytes("Tỉnh;Xã;Mức đạt chuẩn;Năm công nhận\nBắc Giang;Cao Xá;NTM;2015\n".encode(),
                                "ds.csv").ok
    out = tmp_path / "thongke.xlsx"
    result = runner.invoke(cmd.app, ["stats", "bac", "giang", "--xlsx", str(out)])
    assert result.exit_code == 0 and result.output.startswith("Đã ghi thống kê tỉnh Bắc Giang (cũ) vào ")
    rows = read_sheet(out.read_bytes())[2]
    assert rows[0]["Số liệu"] == "Đạt chuẩn NTM (mọi mức)" and rows[0]["Số đơn vị"] == 1
    result = runner.invoke(cmd.app, ["stats", "--xlsx", str(out)])
    assert result.exit_code == 0 and len(read_sheet(out.read_bytes())[2]) == 8 + 34 * 3
    result = runner.invoke(cmd.app, ["stats", "--xlsx", str(tmp_path / "no" / "such" / "dir.xlsx")])
    assert result.exit_code == 2 and "Không ghi được tệp" in result.output
