"""Cell checks of the commune importer, one value at a time."""

from __future__ import annotations

from datetime import date

from knowledge.domain.communes.importer.cells import Plan, decision_date_of, recognition_year, text_of
from knowledge.domain.communes.importer.result import ImportResult, PlanCounts
from knowledge.domain.communes.levels import Level

TODAY = date(2025, 11, 24)


def test_years():
    assert recognition_year("Năm 2021", TODAY) == (2021, None)
    assert recognition_year("2019.0", TODAY) == (2019, None)
    assert recognition_year(date(2020, 5, 1), TODAY) == (2020, None)
    assert recognition_year(2009, TODAY)[1] == "năm công nhận 2009 không hợp lệ (phải từ 2010 đến 2025)"
    assert recognition_year("hai nghìn", TODAY)[1] == "năm công nhận “hai nghìn” không phải là một năm"


def test_decision_dates():
    assert decision_date_of(None, "123/QĐ-UBND ngày 12/5/2020", TODAY) == (date(2020, 5, 12), None)
    assert decision_date_of(None, "123/QĐ-UBND ngày 12/5/2030", TODAY) == (None, None)  # not a date to trust
    assert decision_date_of("2021-03-04", None, TODAY) == (date(2021, 3, 4), None)
    assert decision_date_of("1/1/2026", None, TODAY)[1] == "ngày quyết định 01/01/2026 ở tương lai"
    assert decision_date_of("sớm", None, TODAY)[1] == "ngày quyết định “sớm” không đúng dạng ngày/tháng/năm"


def test_text_and_results():
    assert text_of("  Xã   An  Bình ") == "Xã An Bình" and text_of("  ") is None
    assert text_of(date(2020, 5, 12)) == "12/05/2020"
    assert Plan(Level.NANG_CAO, 2027) == Plan(Level.NANG_CAO, 2027)
    plans = PlanCounts(added=0, unchanged=3, replaced=0, removed=1)
    assert plans == (0, 3, 0, 1) and ImportResult("f", "x", plans=plans).changed
    assert not ImportResult("f", "x", plans=PlanCounts(unchanged=3)).changed
