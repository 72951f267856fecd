"""`ntm targets` and `ntm tieuchi`, registered the way ntm.cli registers sub-apps."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.domain.targets import dump_targets
from ntm import targets_cmd
from ntm.targets_cmd import split_province_year


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_DATA_DIR", str(tmp_path / "no-index"))
    root = typer.Typer()
    root.command("noop")(lambda: None)
    root.add_typer(targets_cmd.app, name="targets")
    root.add_typer(targets_cmd.criteria_app, name="tieuchi")
    runner = CliRunner()
    yield lambda *args: runner.invoke(root, list(args))


@pytest.mark.parametrize("words, expected", [
    (["Hải", "Dương", "2025"], ("Hải Dương", 2025)), (["2025", "Long An"], ("Long An", 2025)),
    (["tphcm"], ("tphcm", None)), (["2024"], (None, 2024)), ([], (None, None)),
])
def test_split_province_year(words, expected):
    assert split_province_year(words) == expected


def test_table_from_the_bundled_articles_without_an_index(cli):
    result = cli("targets", "Hải", "Dương", "2025")
    assert result.exit_code == 0, result.output
    assert "Hải Dương" in result.output and "tổng 94/151 xã (đạt 62,2%)  [1]" in result.output


def test_not_found_exits_1(cli):
    result = cli("targets", "Hà", "Nội")
    assert result.exit_code == 1 and result.output.startswith("Không tìm thấy chỉ tiêu cho Hà Nội")


def test_json_and_question_from_a_targets_file(cli, tmp_path):
    path = tmp_path / "targets.jsonl"
    dump_targets(bundled_targets(), path)
    result = cli("targets", "--from", str(path), "--json", "tphcm")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["quote"] for r in rows} == {"50%", "20%"}
    result = cli("targets", "--from", str(path), "-q", "bac giang 2024 them bao nhieu xa ntm kieu mau")
    assert result.exit_code == 0 and result.output.startswith("05 xã · Xã NTM kiểu mẫu, thêm")


def test_tieuchi(cli):
    result = cli("tieuchi")
    assert result.exit_code == 0 and result.output.startswith("Bộ tiêu chí quốc gia về xã nông thôn mới")
    result = cli("tieuchi", "giao", "thông", "theo", "318")
    assert result.output.startswith("Tiêu chí 2: Giao thông")
    assert cli("tieuchi", "xyzxyz").exit_code == 1


def test_xlsx_export_holds_the_printed_figures(cli, tmp_path):
    from tests.auxil.workbooks import read_sheet

    out = tmp_path / "chitieu.xlsx"
    result = cli("targets", "long", "an", "--xlsx", str(out))
    assert result.exit_code == 0 and f"Đã ghi 16 dòng chỉ tiêu vào {out}" in result.output
    rows = read_sheet(out.read_bytes())[2]
    printed = cli("targets", "long", "an").output
    assert len(rows) == 16 and all(row["Nguyên văn"] in printed for row in rows)
    assert rows[0]["Tài liệu nguồn"].startswith("Giải pháp thực hiện chỉ tiêu")
    result = cli("targets", "Hà", "Nội", "--xlsx", str(out))
    assert result.exit_code == 1 and result.output.startswith("Không tìm thấy chỉ tiêu cho Hà Nội")


def test_options_after_the_place_are_options(cli):
    result = cli("targets", "long", "an", "--json")  # was printed as the table, --json ignored
    assert result.exit_code == 0 and json.loads(result.output.splitlines()[0])["province"] == "Long An"
