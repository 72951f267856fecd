"""Importing recognition lists: all or nothing, idempotent, with reasons an official can act on."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from knowledge.application.render.communes import render_import_result
from knowledge.domain.communes.levels import Level, parse_level
from knowledge.domain.db.communes import ImportBatch, Recognition
from tests.auxil.communes_db import backends, clear_recognitions, registry_service
from tests.auxil.paths import COMMUNE_FILES

HEADER = "Tỉnh,Huyện,Xã,Mức đạt chuẩn,Năm công nhận,Số quyết định,Số tiêu chí đạt\n"


@pytest.fixture(scope="module", params=backends())
def shared(request):
    return registry_service(request.param)


@pytest.fixture
def service(shared):
    clear_recognitions(shared)
    return shared


def _count(service, table=Recognition.__table__) -> int:
    with service.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _csv(service, body: str, name: str = "list.csv", **kwargs):
    return service.import_bytes((HEADER + body).encode("utf-8"), name, **kwargs)


def _history(service, query: str):
    card = service.find(query).card
    return [(r.level, r.year, r.decision_number) for r in card.recognitions]


@pytest.mark.parametrize("text, level", [
    ("NTM", Level.NTM), ("đạt chuẩn NTM", Level.NTM), ("Nông thôn mới", Level.NTM), ("Đạt chuẩn", Level.NTM),
    ("nâng cao", Level.NANG_CAO), ("NTM nâng cao", Level.NANG_CAO), ("NTMNC", Level.NANG_CAO),
    ("ntm-nc", Level.NANG_CAO), ("kiểu mẫu", Level.KIEU_MAU), ("NTM KM", Level.KIEU_MAU),
    ("NTMKM", Level.KIEU_MAU), ("Xã nông thôn mới kiểu mẫu", Level.KIEU_MAU),
    ("NTM siêu cấp", None), ("cao", None), ("", None), ("2020", None),
])
def test_level_spellings(text, level):
    assert parse_level(text) == level


def test_import_matches_communes_and_is_idempotent(service):
    path = COMMUNE_FILES / "recognitions_ok.csv"
    first = service.import_file(path)
    assert first.ok, render_import_result(first)
    assert (first.rows, first.added, first.unchanged, first.replaced) == (7, 7, 0, 0)
    assert first.import_id is not None

    again = service.import_file(path)
    assert again.ok and (again.added, again.unchanged, again.replaced) == (0, 7, 0)
    assert again.import_id is None  # nothing written, not even an import record
    assert _count(service) == 7 and _count(service, ImportBatch.__table__) == 1
    assert "không làm thay đổi" in render_import_result(again)

    assert _history(service, "Cao Xá, Tân Yên, Bắc Giang") == [
        (Level.NTM, 2015, "123/QĐ-UBND"), (Level.NANG_CAO, 2020, "456/QĐ-UBND"), (Level.KIEU_MAU, 2023, "789/QĐ-UBND")]
    card = service.find("Cao Xá, Bắc Giang").card
    assert card.recognitions[0].decision_date.isoformat() == "2015-05-12"  # read from "ngày 12/5/2015"
    assert card.highest.level is Level.KIEU_MAU and card.recognitions[0].criteria_met == 19
    # Recognitions of old units show on the current unit that absorbed them.
    new_card = service.find("Tân Yên, Bắc Ninh").card
    assert [u.highest.level for u in new_card.absorbed if u.commune.short_name == "Cao Xá"] == [Level.KIEU_MAU]
    # Old names with an old district: the thị trấn, not the current xã.
    tt = service.find("thị trấn Tân Hiệp, Kiên Giang")
    tan_hiep = tt.card if tt.found else None
    assert tan_hiep is not None


def test_a_later_list_replaces_and_a_missing_optional_column_keeps_values(service):
    assert _csv(service, "Bắc Giang,Tân Yên,Cao Xá,NTM,2015,1/QĐ-UBND,19\n").ok
    changed = _csv(service, "Bắc Giang,Tân Yên,Cao Xá,NTM,2015,1b/QĐ-UBND,19\n", name="v2.csv")
    assert (changed.added, changed.replaced, changed.unchanged) == (0, 1, 0)
    assert _history(service, "Cao Xá, Bắc Giang") == [(Level.NTM, 2015, "1b/QĐ-UBND")]
    # A list without the decision column does not erase the decision number.
    slim = service.import_bytes("Tỉnh;Xã;Huyện;Mức;Năm\nBắc Giang;Cao Xá;Tân Yên;NTM;2015\n".encode(), "slim.csv")
    assert slim.ok and slim.unchanged == 1
    assert _history(service, "Cao Xá, Bắc Giang") == [(Level.NTM, 2015, "1b/QĐ-UBND")]


def test_any_bad_row_rejects_the_whole_file_with_each_reason(service):
    result = service.import_file(COMMUNE_FILES / "recognitions_bad.csv")
    assert not result.ok and result.import_id is None
    assert _count(service) == 0 and _count(service, ImportBatch.__table__) == 0
    reasons = {e.row: e.message for e in result.errors}
    assert 2 not in reasons  # the good row
    assert "không tìm thấy xã “Xã Không Có Thật”" in reasons[3]
    assert "mức đạt chuẩn “NTM siêu cấp” không rõ" in reasons[4]
    assert "năm công nhận 2005 không hợp lệ" in reasons[5]
    assert "năm công nhận 2099 không hợp lệ" in reasons[6]
    assert "số tiêu chí đạt “mười chín” không phải là số" in reasons[7]
    assert "trùng" in reasons[8] and "dòng 2" in reasons[8]
    assert "không nhận ra tỉnh “Narnia”" in reasons[9]
    assert "thiếu xã" in reasons[10]
    assert "thiếu mức đạt chuẩn" in reasons[11]
    assert "“năm ngoái” không phải là một năm" in reasons[12]
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}  # row 13 (Tân Hiệp, Yên Thế) is fine
    text = render_import_result(result)
    assert text.startswith("Không nạp tệp") and "Dòng 3:" in text


def test_ambiguous_name_in_a_province_asks_for_the_district(service):
    result = _csv(service, "Đồng Nai,,Tân Hiệp,NTM,2019,,\n")  # xã in Long Thành, phường in Biên Hòa
    assert not result.ok
    assert "hãy ghi rõ cột Huyện" in result.errors[0].message and "Long Thành" in result.errors[0].message
    assert _csv(service, "Đồng Nai,Long Thành,Tân Hiệp,NTM,2019,,\n").ok
    assert _csv(service, "Đồng Nai,,Phường Tân Hiệp,NTM,2019,,\n").ok  # the unit type also decides


def test_old_and_new_namesakes_are_told_apart_by_date(service):
    # Hà Nội has an old xã Hồng Hà (Đan Phượng) and a current phường Hồng Hà.
    assert _csv(service, "Hà Nội,,Hồng Hà,NTM,2019,,\n").ok
    assert service.find("Hồng Hà, Đan Phượng").card.recognitions[0].year == 2019


def test_identical_repeated_rows_are_accepted_once(service):
    row = "Bắc Giang,Tân Yên,Cao Xá,NTM,2015,1/QĐ-UBND,19\n"
    result = _csv(service, row + row)
    assert result.ok and result.added == 1 and result.duplicates == 1


def test_recognition_after_the_merger_goes_to_the_current_unit(service):
    result = _csv(service, "Bắc Ninh,,Ngọc Thiện,NTM nâng cao,2026,10/QĐ-UBND,10\n"
                           "Bắc Giang,Tân Yên,Ngọc Thiện,NTM,2014,,\n")
    assert result.ok, render_import_result(result)
    card = service.find("Ngọc Thiện, Bắc Ninh").card
    assert card.commune.is_current and [r.year for r in card.recognitions] == [2026]
    assert [r.year for u in card.absorbed for r in u.recognitions] == [2014]


@pytest.mark.parametrize("name", ["x'; DROP TABLE communes--", "%_", "Robert'); DELETE FROM recognitions;--"])
def test_sql_metacharacters_in_names_are_rejected_as_unknown(service, name):
    assert _csv(service, "Bắc Giang,Tân Yên,Cao Xá,NTM,2015,,\n").ok
    result = _csv(service, f'Bắc Giang,,"{name}",NTM,2016,,\n"{name}",,Cao Xá,NTM,2016,"{name}",\n')
    assert not result.ok and len(result.errors) == 2
    assert _count(service) == 1 and service.find("Cao Xá, Bắc Giang").found


def test_xlsx_with_a_title_above_the_header_and_typed_cells(service, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH XÃ ĐẠT CHUẨN NÔNG THÔN MỚI NĂM 2023"])
    sheet.append([])
    sheet.append(["STT", "Province", "District", "Commune", "Level", "Year", "Decision", "Criteria", "Ngày quyết định"])
    sheet.append([1, "Bắc Giang", "Tân Yên", "Cao Xá", "NTM kiểu mẫu", 2023.0, 789, 19, datetime(2023, 12, 1)])
    path = tmp_path / "ds.xlsx"
    book.save(path)
    result = service.import_file(path)
    assert result.ok and result.added == 1, render_import_result(result)
    rec = service.find("Cao Xá, Bắc Giang").card.recognitions[0]
    assert (rec.level, rec.year, rec.decision_number, rec.decision_date.isoformat()) == (
        Level.KIEU_MAU, 2023, "789", "2023-12-01")


def test_comma_delimited_utf8_without_bom(service):
    result = service.import_bytes(b"province,commune,level,year\nBac Giang,Cao Xa,NTM,2015\n", "en.csv")
    assert result.ok and result.added == 1
    assert service.find("Cao Xá, Tân Yên").card.recognitions[0].year == 2015


@pytest.mark.parametrize("data, name, message", [
    (b"", "empty.csv", "rỗng"),
    (b"%PDF-1.4 binary\x00\x01", "list.pdf", "chỉ nhận tệp .csv hoặc .xlsx"),
    (b"\xd0\xcf\x11\xe0old excel", "list.xls", "Excel 97-2003"),
    (b"T\xecnh,X\xe3\nB\xe3c Giang,Cao X\xe1\n", "list.csv", "không ở bảng mã UTF-8"),  # a Windows code page
    ("Tỉnh,Xã,Ghi chú\nBắc Giang,Cao Xá,\n".encode(), "list.csv", "thiếu cột bắt buộc: Mức đạt chuẩn, Năm công nhận"),
    (b"a,b,c\n1,2,3\n", "list.csv", "Không tìm thấy dòng tiêu đề"),
    (HEADER.encode(), "list.csv", "chỉ có dòng tiêu đề"),
    (b"PK\x03\x04not really a zip", "list.xlsx", "không phải tệp Excel .xlsx hợp lệ"),
    (b"not a zip at all", "list.xlsx", "không phải tệp Excel .xlsx hợp lệ"),
    (b"PK\x03\x04" + b"\x00" * 40, "list.csv", "đuôi .csv"),
])
def test_bad_files_get_a_clear_message(service, data, name, message):
    result = service.import_bytes(data, name)
    assert not result.ok and result.errors[0].row is None
    assert message in result.errors[0].message, result.errors[0].message
    assert render_import_result(result).startswith("Không nạp được")


def test_broken_zip_named_xlsx(service):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    result = service.import_bytes(buffer.getvalue(), "list.xlsx")
    assert not result.ok and "Không đọc được tệp Excel" in result.errors[0].message


def test_missing_file_is_an_error_not_a_traceback(service, tmp_path):
    result = service.import_file(tmp_path / "nope.csv")
    assert not result.ok and "Không mở được tệp" in result.errors[0].message


def test_dry_run_writes_nothing(service):
    result = _csv(service, "Bắc Giang,Tân Yên,Cao Xá,NTM,2015,,\n", dry_run=True)
    assert result.ok and result.added == 1 and result.import_id is None
    assert _count(service) == 0


def test_decision_date_in_the_future_is_rejected(service):
    body = "Tỉnh,Huyện,Xã,Mức,Năm,Ngày quyết định\nBắc Giang,Tân Yên,Cao Xá,NTM,2015,01/01/2099\n"
    result = service.import_bytes(body.encode(), "d.csv")
    assert not result.ok and "ở tương lai" in result.errors[0].message
