"""Follow-ups inherit the previous turn's slots: one slot swapped where it was typed, or a new topic asked
with the previous place, year and kind of figure."""

from __future__ import annotations

import pytest

from knowledge.application.understanding.merge import carry_context, is_followup, merge
from knowledge.application.understanding.parse import understand
from knowledge.application.understanding.query import Form
from knowledge.domain.communes.levels import Level


def chain(*texts, parse=understand):
    """Each turn as the chat memory would resolve it."""
    previous, out = None, []
    for text in texts:
        query = parse(text)
        if previous is not None:
            query = merge(query, previous, parse) if is_followup(query) else carry_context(query, previous)
        out.append(query)
        previous = query
    return out


def test_a_new_topic_keeps_place_year_and_the_figure_asked():
    _, income, insurance, water = chain("Bắc Giang 2024 tỷ lệ hộ nghèo giảm còn bao nhiêu?",
                                        "còn thu nhập bình quân?", "BHYT thì sao", "thế còn nước sạch?")
    assert income.text == "Bắc Giang năm 2024 thu nhập bình quân bao nhiêu?"
    assert "ngheo" not in income.folded  # the old topic is not carried
    assert insurance.text == "Bắc Giang năm 2024 BHYT bao nhiêu?"
    assert water.provinces == ("Bắc Giang",) and water.years == (2024,) and water.form is Form.HOW_MANY
    assert set(water.inherited) >= {"places", "years", "form"}


def test_one_slot_is_swapped_where_it_was_typed():
    _, year, place = chain("Bắc Giang năm 2024 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?",
                           "còn năm 2025 thì sao?", "tỉnh Long An thì sao?")
    assert year.text == "Bắc Giang năm 2025 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?"
    assert place.text == "tỉnh Long An năm 2025 chỉ đạo thêm bao nhiêu xã đạt chuẩn nông thôn mới?"
    assert "years" in place.inherited and "places" not in place.inherited
    _, both = chain("Bắc Giang năm 2024 thêm bao nhiêu xã đạt NTM nâng cao?", "thế còn Hải Dương năm 2025?")
    assert both.text == "Hải Dương năm 2025 thêm bao nhiêu xã đạt NTM nâng cao?"


def test_a_level_replaces_the_level_or_kind_it_stands_for():
    _, model = chain("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?",
                     "còn xã kiểu mẫu thì sao?")
    assert model.text == "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn kiểu mẫu?"
    assert model.level == Level.KIEU_MAU
    _, advanced = chain("Long An năm 2022 dự kiến bao nhiêu xã đạt tiêu chí văn hóa nông thôn mới?",
                        "còn xã NTM nâng cao năm đó?")
    assert advanced.text == "Long An năm 2022 dự kiến bao nhiêu xã đạt NTM nâng cao?"


def test_a_new_topic_with_its_own_level_and_unit():
    _, villages = chain("Bắc Giang 2024 phấn đấu bao nhiêu thôn NTM kiểu mẫu?",
                        "còn thôn NTM ở các xã đặc biệt khó khăn?")
    assert villages.text == "Bắc Giang năm 2024 phấn đấu bao nhiêu thôn NTM ở các xã đặc biệt khó khăn?"
    assert villages.level == Level.NTM


def test_old_and_new_province_names_in_a_follow_up():
    _, merged = chain("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?",
                      "Hải Phòng (Hải Dương cũ) thì sao?")
    assert merged.text.startswith("Năm 2025 Hải Phòng (Hải Dương cũ) phấn đấu")
    assert set(merged.province_names) == {"Hải Dương", "Thành phố Hải Phòng"}


def test_criteria_numbers_groups_and_their_set():
    _, fourth, sixth = chain("Bộ tiêu chí xã NTM 2021-2025 có mấy tiêu chí?", "tiêu chí số 4 là gì?", "còn số 6?")
    assert fourth.text == "tiêu chí số 4 là gì?" and fourth.criterion.set_id == "2021-2025"  # the set talked about
    assert sixth.text == "tiêu chí số 6 là gì?"
    assert (sixth.criterion.number, sixth.criterion.set_id) == (6, "2021-2025")
    _, third, second = chain("Nhóm xã 1 trong bộ tiêu chí 2026-2030 là gì?", "còn nhóm 3?", "nhóm 2 thì sao")
    assert third.text == "Nhóm xã 3 trong bộ tiêu chí 2026-2030 là gì?"
    assert (second.criterion.group, second.criterion.set_id) == (2, "2026-2030")


@pytest.mark.parametrize("text", [
    "thời tiết Đà Nẵng hôm nay thế nào",
    "Năm 2025 Long An dự kiến tỷ lệ xã đạt tiêu chí văn hóa NTM là bao nhiêu?",
    "Xã Thái Mỹ huyện Củ Chi đạt chuẩn NTM năm nào?",
])
def test_whole_questions_are_not_follow_ups(text):
    assert not is_followup(understand(text))


@pytest.mark.parametrize("text", ["còn năm 2024 thì sao?", "năm 2023?", "Long An?", "còn số 6?", "BHYT thì sao",
                                  "còn xã NTM nâng cao năm đó?", "tỉnh Long An thì sao?"])
def test_follow_ups(text):
    assert is_followup(understand(text))


def test_a_commune_and_its_place_are_replaced_together():
    from tests.auxil.communes_db import registry_service

    index = registry_service("sqlite").index

    def parse(text):
        return understand(text, index)

    _, other, level = chain("xã Cao Xá huyện Tân Yên đạt NTM năm nào?", "còn xã Ngọc Thiện?", "còn kiểu mẫu?",
                            parse=parse)
    assert other.text == "xã Ngọc Thiện đạt NTM năm nào?" and len(other.communes[0].commune_ids) >= 1
    assert level.text == "xã Ngọc Thiện đạt kiểu mẫu năm nào?" and level.level == Level.KIEU_MAU
