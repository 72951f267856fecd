"""Criteria met per criterion (checked against the set of the recognition's time) and planned targets."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, inspect, select

from knowledge.application.render.communes import render_card_html, render_card_text, render_import_result
from knowledge.domain.communes.cards import recognitions_for
from knowledge.domain.communes.levels import Level
from knowledge.domain.db import create_engine_for
from knowledge.domain.db.communes import ImportBatch, PlannedTarget, Recognition
from knowledge.domain.db.migrate import current_revision, downgrade, forget, head_revision, upgrade
from tests.auxil.communes_db import backends, clear_recognitions, new_pg_engine, new_sqlite_url, registry_service

HEADER = "Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Ngày quyết định;Số tiêu chí đạt;Tiêu chí đạt\n"
CAO_XA = "Bắc Giang;Tân Yên;Cao Xá"
NGOC_THIEN = "Bắc Ninh;;Ngọc Thiện"  # a current commune (from 01/7/2025)
SET_318 = "Bộ tiêu chí xã NTM 2021–2025, QĐ 318/QĐ-TTg"
SET_51 = "Bộ tiêu chí xã NTM 2026–2030, QĐ 51/2025/QĐ-TTg"


@pytest.fixture(scope="module", params=backends())
def shared(request):
    return registry_service(request.param)


@pytest.fixture
def service(shared):
    clear_recognitions(shared)
    yield shared
    clear_recognitions(shared)


def _csv(service, body: str, header: str = HEADER, name: str = "list.csv"):
    return service.import_bytes((header + body).encode("utf-8"), name)


def _count(service, table) -> int:
    with service.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table.__table__)).scalar_one()


def _reasons(result) -> dict:
    assert not result.ok and result.import_id is None
    return {e.row: e.message for e in result.errors}


def test_a_list_with_its_count_is_stored_and_the_card_names_what_is_missing(service):
    result = _csv(service, f'{CAO_XA};NTM kiểu mẫu;2023;01/12/2023;18;"1-3, 5-19"\n')
    assert result.ok, render_import_result(result)
    rec = service.find("Cao Xá, Tân Yên, Bắc Giang").card.recognitions[0]
    assert (rec.criteria_met, rec.criteria_list, rec.criteria_missing) == (18, (*range(1, 4), *range(5, 20)), (4,))
    text = render_card_text(service.find("Cao Xá, Tân Yên, Bắc Giang").card)
    assert f"đạt 18/19 tiêu chí ({SET_318})" in text
    assert "Chưa đạt tiêu chí 4. Điện" in text
    html = render_card_html(service.find("Cao Xá, Tân Yên, Bắc Giang").card)
    assert "Chưa đạt tiêu chí 4. Điện" in html


def test_a_list_alone_gives_the_count_and_a_full_list_names_nothing_missing(service):
    header = "Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Các tiêu chí đạt\n"
    assert _csv(service, f'{CAO_XA};NTM nâng cao;2022;"1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19"\n',
                header=header).ok
    card = service.find("Cao Xá, Tân Yên, Bắc Giang").card
    assert card.recognitions[0].criteria_met == 19 and card.recognitions[0].criteria_missing == ()
    text = render_card_text(card)
    assert f"đạt 19/19 tiêu chí ({SET_318})" in text and "Chưa đạt" not in text


def test_tieu_chi_dat_alone_is_still_the_count_and_a_range_there_is_read_as_a_list(service):
    header = "Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Tiêu chí đạt\n"
    assert _csv(service, f"{CAO_XA};NTM;2021;19\n{CAO_XA};NTM nâng cao;2023;1-17\n", header=header).ok
    recs = service.find("Cao Xá, Tân Yên, Bắc Giang").card.recognitions
    assert [(r.criteria_met, r.criteria_missing) for r in recs] == [(19, None), (17, (18, 19))]


def test_the_2026_2030_set_has_ten_criteria(service):
    result = _csv(service, f"{NGOC_THIEN};NTM nâng cao;2026;20/3/2026;9;1-9\n")
    assert result.ok, render_import_result(result)
    text = render_card_text(service.find("Ngọc Thiện, Bắc Ninh").card)
    assert f"đạt 9/10 tiêu chí ({SET_51})" in text
    assert "Chưa đạt tiêu chí 10. Tiếp cận pháp luật và an ninh, quốc phòng" in text


def test_a_decision_signed_before_15_february_2026_is_counted_against_the_318_set(service):
    result = _csv(service, f"{NGOC_THIEN};NTM nâng cao;2026;20/01/2026;19;\n")
    assert result.ok, render_import_result(result)
    text = render_card_text(service.find("Ngọc Thiện, Bắc Ninh").card)
    assert f"đạt 19/19 tiêu chí (chưa có danh sách từng tiêu chí) theo {SET_318}" in text


def test_out_of_range_and_mismatched_rows_reject_the_whole_file(service):
    result = _csv(service, f"{CAO_XA};NTM;2015;;19;1-19\n"  # row 2: fine (a pre-2021 set also had 19)
                           f"{CAO_XA};NTM nâng cao;2022;;;1-20\n"  # 3: no criterion 20 in QĐ 318
                           f"{NGOC_THIEN};NTM nâng cao;2026;01/3/2026;;1-11\n"  # 4: the 2026 set has 10
                           f'{CAO_XA};NTM kiểu mẫu;2023;;19;"1,2,3"\n'  # 5: count and list disagree
                           f"{NGOC_THIEN};NTM kiểu mẫu;2026;;19;\n"  # 6: 19 > 10 and no date
                           f"{CAO_XA};NTM kiểu mẫu;2024;;;mười chín\n"  # 7: unreadable list
                           f"{NGOC_THIEN};NTM;2025;;;5-3\n")  # 8: reversed range
    reasons = _reasons(result)
    assert _count(service, Recognition) == 0 and _count(service, ImportBatch) == 0
    assert set(reasons) == {3, 4, 5, 6, 7, 8}
    assert f"tiêu chí số 20 không có trong {SET_318}" in reasons[3]
    assert f"tiêu chí số 11 không có trong {SET_51}" in reasons[4]
    assert "số tiêu chí đạt 19 không khớp với danh sách tiêu chí đạt “1–3” (3 tiêu chí)" in reasons[5]
    assert f"số tiêu chí đạt 19 vượt quá 10 tiêu chí của {SET_51}" in reasons[6]
    assert "ký trước 15/02/2026" in reasons[6]  # the hint to give the decision date
    assert "danh sách tiêu chí đạt “mười chín” không đọc được" in reasons[7]
    assert "ngược chiều" in reasons[8]


def test_before_2021_numbers_are_checked_but_no_names_are_invented(service):
    assert _csv(service, f"{CAO_XA};NTM;2016;;;1-17\n").ok
    text = render_card_text(service.find("Cao Xá, Tân Yên, Bắc Giang").card)
    assert "đạt 17/19 tiêu chí (bộ tiêu chí quốc gia trước năm 2021)" in text
    assert "Chưa đạt tiêu chí số 18, 19" in text


def test_reimport_is_idempotent_and_a_count_only_list_keeps_an_agreeing_list(service):
    body = f"{CAO_XA};NTM kiểu mẫu;2023;;18;1-3,5-19\n{NGOC_THIEN};NTM;2026;;10;tất cả\n"
    first = _csv(service, body)
    assert first.ok and first.added == 2
    again = _csv(service, body)
    assert again.ok and (again.added, again.unchanged, again.replaced, again.import_id) == (0, 2, 0, None)
    assert _count(service, ImportBatch) == 1

    count_only = "Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số tiêu chí đạt\n"
    same = _csv(service, f"{CAO_XA};NTM kiểu mẫu;2023;18\n", header=count_only)
    assert same.ok and same.unchanged == 1
    assert service.find("Cao Xá, Tân Yên, Bắc Giang").card.recognitions[0].criteria_missing == (4,)
    changed = _csv(service, f"{CAO_XA};NTM kiểu mẫu;2023;19\n", header=count_only)
    assert changed.ok and changed.replaced == 1
    rec = service.find("Cao Xá, Tân Yên, Bắc Giang").card.recognitions[0]
    assert (rec.criteria_met, rec.criteria_list) == (19, None)  # a stale list is not kept


PLAN_HEADER = "Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Mức phấn đấu;Năm phấn đấu\n"


def test_planned_targets_are_stored_shown_and_reimported_idempotently(service):
    body = (f"{CAO_XA};NTM;2015;NTM nâng cao;2020\n"
            f"{NGOC_THIEN};NTM;2026;NTM nâng cao;2027\n"
            f"{NGOC_THIEN};;;kiểu mẫu;2029\n")  # a row with a plan only
    first = _csv(service, body, header=PLAN_HEADER)
    assert first.ok, render_import_result(first)
    assert (first.added, first.plans) == (2, (3, 0, 0, 0))
    assert "Kế hoạch phấn đấu: thêm mới 3" in render_import_result(first)
    card = service.find("Ngọc Thiện, Bắc Ninh").card
    assert [(p.level, p.year) for p in card.plans] == [(Level.NANG_CAO, 2027), (Level.KIEU_MAU, 2029)]
    assert "Kế hoạch: phấn đấu đạt NTM nâng cao năm 2027; NTM kiểu mẫu năm 2029" in render_card_text(card)
    assert "<b>Kế hoạch:</b> phấn đấu đạt NTM nâng cao năm 2027" in render_card_html(card)

    again = _csv(service, body, header=PLAN_HEADER)
    assert again.ok and again.import_id is None and again.plans == (0, 3, 0, 0)
    # An identical recognition row repeated with another plan adds that plan.
    repeated = _csv(service, f"{CAO_XA};NTM;2015;NTM nâng cao;2020\n{CAO_XA};NTM;2015;kiểu mẫu;2030\n",
                    header=PLAN_HEADER)
    assert repeated.ok and repeated.duplicates == 1 and repeated.plans == (1, 1, 0, 0)
    assert _count(service, PlannedTarget) == 4 and _count(service, ImportBatch) == 2


def test_a_plan_already_met_says_so_and_a_later_list_replaces_each_units_plans(service):
    assert _csv(service, f"{CAO_XA};NTM;2015;NTM nâng cao;2020\n{CAO_XA};NTM nâng cao;2020;;\n",
                header=PLAN_HEADER).ok
    text = render_card_text(service.find("Cao Xá, Tân Yên, Bắc Giang").card)
    assert "Kế hoạch: phấn đấu đạt NTM nâng cao năm 2020 (đã đạt năm 2020)" in text

    plans_only = "Tỉnh;Huyện;Xã;Mức phấn đấu;Năm phấn đấu\n"
    moved = _csv(service, f"{CAO_XA};NTM kiểu mẫu;2028\n", header=plans_only)
    assert moved.ok and moved.plans == (1, 0, 0, 1) and moved.added == 0
    assert [(p.level, p.year) for p in service.find("Cao Xá, Tân Yên, Bắc Giang").card.plans] == [
        (Level.KIEU_MAU, 2028)]
    cleared = _csv(service, f"{CAO_XA};;\n", header=plans_only)  # listed with empty cells: no plan any more
    assert cleared.ok and cleared.plans == (0, 0, 0, 1)
    assert service.find("Cao Xá, Tân Yên, Bắc Giang").card.plans == ()
    slim = _csv(service, f"{CAO_XA};NTM;2015\n", header="Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận\n")
    assert slim.ok and slim.plans is None  # no plan columns: plans untouched


def test_bad_plans_reject_the_whole_file(service):
    result = _csv(service, f"{CAO_XA};NTM;2015;NTM nâng cao;2020\n"
                           f"{NGOC_THIEN};NTM;2026;siêu cấp;2027\n"
                           f"{NGOC_THIEN};;;NTM nâng cao;2099\n"
                           f"{NGOC_THIEN};;;NTM nâng cao;\n"
                           f"{CAO_XA};NTM nâng cao;2020;NTM nâng cao;2021\n", header=PLAN_HEADER)
    reasons = _reasons(result)
    assert set(reasons) == {3, 4, 5, 6}
    assert "mức phấn đấu “siêu cấp” không rõ" in reasons[3]
    assert "năm phấn đấu 2099 không hợp lệ" in reasons[4]
    assert "thiếu năm phấn đấu" in reasons[5]
    assert "trùng kế hoạch" in reasons[6] and "dòng 2" in reasons[6]
    assert _count(service, PlannedTarget) == 0 and _count(service, Recognition) == 0


def test_a_list_turned_into_a_date_by_excel_gets_a_clear_reason(service, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tỉnh", "Huyện", "Xã", "Mức đạt chuẩn", "Năm công nhận", "Các tiêu chí đạt"])
    book.active.append(["Bắc Giang", "Tân Yên", "Cao Xá", "NTM", 2022, datetime(2022, 1, 19)])
    book.save(tmp_path / "ds.xlsx")
    reasons = _reasons(service.import_file(tmp_path / "ds.xlsx"))
    assert "bị Excel đổi thành ngày 19/01/2022" in reasons[2]


@pytest.fixture(params=backends())
def empty_engine(request):
    engine = create_engine_for(new_sqlite_url()) if request.param == "sqlite" else new_pg_engine()
    yield engine
    forget(engine)
    engine.dispose()


def test_migration_keeps_existing_recognitions_and_round_trips(empty_engine):
    upgrade(empty_engine, "0003_admin")
    with empty_engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO provinces (id, code, name, short_name, is_current) "
                             "VALUES (1, '24', 'Tỉnh Bắc Giang', 'Bắc Giang', false)")
        conn.exec_driver_sql("INSERT INTO communes (id, code, name, short_name, kind, province_id, is_current, "
                             "folded) VALUES (1, '07300', 'Xã Cao Xá', 'Cao Xá', 'xã', 1, false, 'caoxa')")
        conn.exec_driver_sql("INSERT INTO imports (id, file_name, sha256, imported_at, row_count, added, replaced, "
                             "unchanged) VALUES (1, 'a.csv', 'x', '2024-01-01 00:00:00+00', 1, 1, 0, 0)")
        conn.exec_driver_sql("INSERT INTO recognitions (commune_id, level, year, criteria_met, import_id) "
                             "VALUES (1, 'ntm', 2023, 19, 1)")
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision() == "0004_criteria_plans"
    assert "planned_targets" in inspect(empty_engine).get_table_names()
    rec = recognitions_for(empty_engine, [1])[1][0]
    assert (rec.criteria_met, rec.criteria_list, rec.criteria_set.label) == (19, None, SET_318)
    with empty_engine.begin() as conn:
        conn.execute(insert(PlannedTarget.__table__).values(commune_id=1, level="ntm_nang_cao", year=2027,
                                                            import_id=1))
    downgrade(empty_engine, "0003_admin")
    assert "planned_targets" not in inspect(empty_engine).get_table_names()
    with empty_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT criteria_met FROM recognitions").scalar_one() == 19
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision()


TC_HEADER = "Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;" + ";".join(f"TC{n}" for n in range(1, 20)) + "\n"


def _marks(met: set[int], yes: str = "x", no: str = "") -> str:
    return ";".join(yes if n in met else no for n in range(1, 20))


def test_one_column_per_criterion_gives_the_list_and_the_card_a_checklist(service):
    met = set(range(1, 20)) - {6, 17}
    body = (f"{CAO_XA};NTM;2015;{_marks(set(), no='')}\n"  # all empty: nothing known, not "none met"
            f"{CAO_XA};NTM nâng cao;2022;{_marks(met, yes='Đạt', no='Chưa đạt')}\n")
    result = _csv(service, body, header=TC_HEADER)
    assert result.ok, render_import_result(result)
    card = service.find("Cao Xá, Tân Yên, Bắc Giang").card
    assert [(r.criteria_met, r.criteria_missing) for r in card.recognitions] == [(None, None), (17, (6, 17))]
    text = render_card_text(card)
    assert f"Tiêu chí (NTM nâng cao năm 2022, {SET_318}): đạt 17/19" in text
    assert "✅ 1. Quy hoạch" in text and "❌ 6. Cơ sở vật chất văn hóa" in text
    assert "❌ 17. Môi trường và an toàn thực phẩm" in text and text.count("✅") == 17


def test_criterion_columns_with_unclear_marks_or_disagreeing_with_the_list_reject_the_file(service):
    header = TC_HEADER.rstrip("\n") + ";Các tiêu chí đạt\n"
    body = (f"{CAO_XA};NTM nâng cao;2022;{_marks({1, 2}, yes='có', no='?')};1,2\n"  # row 2: "?" unclear
            f"{CAO_XA};NTM kiểu mẫu;2024;{_marks(set(range(1, 19)))};1-19\n")  # row 3: 19 not marked
    reasons = _reasons(_csv(service, body, header=header))
    assert set(reasons) == {2, 3}
    assert "ô tiêu chí 3 “?” không rõ" in reasons[2]
    assert "khác các cột từng tiêu chí" in reasons[3] and "1–18" in reasons[3]


def test_tieu_chi_so_headers_and_a_criteria_only_reimport_replaces_the_list(service):
    header = "Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;" + ";".join(f"Tiêu chí số {n}" for n in range(1, 20)) + "\n"
    assert _csv(service, f"{CAO_XA};NTM nâng cao;2022;{_marks(set(range(1, 20)) - {4})}\n", header=header).ok
    assert service.find("Cao Xá, Tân Yên, Bắc Giang").card.recognitions[0].criteria_missing == (4,)
    again = _csv(service, f"{CAO_XA};NTM nâng cao;2022;{_marks(set(range(1, 20)))}\n", header=header)
    assert again.ok and again.replaced == 1
    assert service.find("Cao Xá, Tân Yên, Bắc Giang").card.recognitions[0].criteria_missing == ()


def test_a_count_alone_says_there_is_no_per_criterion_list_and_no_checklist(service):
    assert _csv(service, f"{CAO_XA};NTM;2019;;17;\n").ok
    text = render_card_text(service.find("Cao Xá, Tân Yên, Bắc Giang").card)
    assert "đạt 17/19 tiêu chí (chưa có danh sách từng tiêu chí)" in text and "✅" not in text


def test_the_timeline_is_oldest_first_and_names_the_old_units(service):
    body = ("Bắc Giang;Tân Yên;Ngọc Thiện;NTM nâng cao;2021;;;\n"
            "Bắc Giang;Tân Yên;Ngọc Thiện;NTM;2016;;;\n"
            "Bắc Giang;Tân Yên;Ngọc Vân;NTM;2018;;;\n")
    assert _csv(service, body).ok
    text = render_card_text(service.find("Ngọc Thiện, Bắc Ninh").card)
    timeline = text.split("Lịch sử công nhận (cả tên cũ):\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert timeline == ["• 2016 → NTM – Xã Ngọc Thiện, huyện Tân Yên (tên cũ)",
                        "• 2018 → NTM – Xã Ngọc Vân, huyện Tân Yên (tên cũ)",
                        "• 2021 → NTM nâng cao – Xã Ngọc Thiện, huyện Tân Yên (tên cũ)"]
