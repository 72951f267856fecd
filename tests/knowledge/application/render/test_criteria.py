"""The /tieuchi replies: list, one criterion with documents, and the 'Không tìm thấy' cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from knowledge.application.render.criteria import (
    count_sentence,
    in_force_sentence,
    indicators_sentence,
    render_criterion,
    render_groups,
    signed_sentence,
    tieuchi_reply,
    year_sentence,
)
from knowledge.domain.criteria import criteria_for, find_criterion

TODAY = dt.date(2026, 11, 24)


@dataclass
class Hit:
    title: str
    doc_id: str
    text: str


def test_bare_command_lists_the_current_set():
    reply = tieuchi_reply("", today=TODAY)
    assert reply.startswith("<b>Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030</b>")
    assert "Quyết định 51/2025/QĐ-TTg ngày 29/12/2025, hiệu lực từ 15/02/2026" in reply
    assert "10 tiêu chí, 47 chỉ tiêu" in reply and "• Nhóm 3:" in reply
    assert "10. Tiếp cận pháp luật và an ninh, quốc phòng" in reply
    assert "&lt;số hoặc tên&gt;" in reply and "/tieuchi 2021-2025" in reply


def test_naming_a_set_lists_it():
    reply = tieuchi_reply("theo 318", today=TODAY, html_mode=False)
    assert "giai đoạn 2021-2025" in reply and "19. Quốc phòng và An ninh" in reply
    assert "không còn áp dụng" in reply


def test_one_criterion_with_its_documents():
    calls = []

    def search(query, k):
        calls.append((query, k))
        return [Hit("Hải Dương <2025>", "hd", "Mở đầu. Chú trọng đầu tư nâng cấp hạ tầng giao thông; khác.")]

    reply = tieuchi_reply("giao thông", search, today=TODAY)
    assert calls == [("tiêu chí Giao thông", 3)]
    assert reply.startswith("<b>Tiêu chí 2: Giao thông</b>")
    assert "Quyết định 318/QĐ-TTg" in reply and "không có tiêu chí này" in reply
    assert "[1] <b>Hải Dương &lt;2025&gt;</b>: «Chú trọng đầu tư nâng cấp hạ tầng giao thông;»" in reply


def test_criterion_without_documents_says_so():
    reply = tieuchi_reply("8", lambda q, k: [], today=TODAY, html_mode=False)
    assert reply.startswith("Tiêu chí 8: Môi trường và cảnh quan nông thôn")
    assert "3 nhóm xã" in reply and "Chưa có tài liệu" in reply


def test_not_found_replies():
    assert tieuchi_reply("abcdef", today=TODAY).startswith("Không tìm thấy tiêu chí “abcdef”")
    assert tieuchi_reply("2016-2020", today=TODAY).startswith("Không tìm thấy bộ tiêu chí cho “2016-2020”")
    assert "10 tiêu chí" in tieuchi_reply("tiêu chí 11 theo 51/2025", today=TODAY)


def test_a_criterion_card_without_a_search_says_nothing_about_documents():
    match = find_criterion("8", today=TODAY)
    card = render_criterion(match, None, today=TODAY, html_mode=False)
    assert card.splitlines()[0] == "Tiêu chí 8: Môi trường và cảnh quan nông thôn"
    assert "tài liệu" not in card.casefold()


def test_direct_answers_say_only_what_the_data_records():
    old, new = criteria_for("2021-2025"), criteria_for("2026-2030")
    assert count_sentence(old) == "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025 có 19 tiêu chí."
    assert indicators_sentence(old) is None and signed_sentence(old) is None and in_force_sentence(old) is None
    assert year_sentence(2027, new) == ("Năm 2027 áp dụng bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn "
                                        "2026-2030 (Quyết định 51/2025/QĐ-TTg).")
    assert year_sentence(2024, old).endswith("giai đoạn 2021-2025 (Quyết định 318/QĐ-TTg).")
    groups = render_groups(new, 2, html_mode=False)
    assert groups.startswith("Nhóm 2 trong bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030 "
                             "(Quyết định 51/2025/QĐ-TTg): các xã còn lại (không thuộc nhóm 1 và nhóm 3).")
    assert "• Nhóm 3: xã khu vực II, III" in groups and groups.endswith("/tieuchi 2026-2030.")
