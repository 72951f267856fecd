"""Plain-text questions about the criteria sets reach the criteria data; other questions are left to the documents."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pytest

from knowledge.application.answer.criteria import CriteriaAnswerer
from knowledge.application.answer.model import Answer
from knowledge.application.answer.proposal import CERTAIN, LIKELY
from knowledge.application.conversation_eval import Turn, canon, judge
from knowledge.application.understanding.query import CriterionRef, PlaceMention, Query, Unit
from knowledge.domain.criteria import set_named_in
from knowledge.text.normalize import fold
from tests.auxil.paths import EVAL
from tests.auxil.queries import query_of

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def answerer():
    return CriteriaAnswerer(today=TODAY)


def _message(answerer, query: Query) -> str:
    proposal = answerer.propose(query)
    assert proposal is not None, query.text
    assert proposal.answerer == "criteria" and proposal.answer.kind == "special"
    return proposal.answer.message


# (question, strings the reply must hold, confidence)
TAKEN = [
    # how many criteria / indicators
    ("Bộ tiêu chí xã nông thôn mới 2026-2030 gồm mấy tiêu chí?", ["có 10 tiêu chí, 47 chỉ tiêu."], CERTAIN),
    ("Bộ tiêu chí xã NTM 2021-2025 có bao nhiêu tiêu chí?", ["2021-2025 có 19 tiêu chí."], CERTAIN),
    ("bộ tiêu chí mới có bao nhiêu chỉ tiêu", ["có 47 chỉ tiêu, thuộc 10 tiêu chí."], CERTAIN),
    ("bộ tiêu chí 2021-2025 có bao nhiêu tiêu chí và chỉ tiêu",
     ["có 19 tiêu chí; dữ liệu bộ tiêu chí chưa ghi tổng số chỉ tiêu."], CERTAIN),
    ("bộ tiêu chí cũ có bao nhiêu tiêu chí", ["2021-2025 có 19 tiêu chí"], CERTAIN),
    ("có mấy tiêu chí nông thôn mới?", ["2026-2030 có 10 tiêu chí"], LIKELY),
    # criterion N (default: the set in force)
    ("Tiêu chí số 19 giai đoạn 2021-2025 là tiêu chí gì?", ["Tiêu chí 19: Quốc phòng và An ninh", "318/QĐ-TTg"],
     CERTAIN),
    ("tiêu chí số 10 bộ tiêu chí 2021-2025 là gì", ["Tiêu chí 10: Thu nhập"], CERTAIN),
    ("tiêu chí 8 theo 51/2025", ["Tiêu chí 8: Môi trường và cảnh quan nông thôn"], CERTAIN),
    ("tiêu chí số 4 là gì?", ["Tiêu chí 4: Đào tạo nguồn nhân lực nông thôn", "2026-2030"], CERTAIN),
    ("TC 5 là gì", ["Tiêu chí 5: Văn hóa, giáo dục, y tế"], CERTAIN),
    ("tiêu chí số 15 là gì?", ["Tiêu chí 15: Y tế", "không có tiêu chí này"], CERTAIN),
    ("tiêu chí số 15 bộ 2026-2030", ["có 10 tiêu chí; không có tiêu chí số 15."], LIKELY),
    # a criterion by name
    ("tiêu chí giao thông là tiêu chí số mấy?",
     ["Tiêu chí “Giao thông” là tiêu chí số 2 của bộ tiêu chí giai đoạn 2021-2025"], LIKELY),
    ("giao thông thuộc tiêu chí số mấy", ["“Giao thông” là tiêu chí số 2"], LIKELY),
    ("nhà ở dân cư là tiêu chí số mấy", ["“Nhà ở dân cư” là tiêu chí số 9"], LIKELY),
    ("tiêu chí chuyển đổi số là tiêu chí thứ mấy", ["“Khoa học công nghệ và chuyển đổi số” là tiêu chí số 7"],
     LIKELY),
    ("tiêu chí môi trường là gì", ["Tiêu chí 8: Môi trường và cảnh quan nông thôn"], LIKELY),
    ("Tiêu chí về môi trường trong bộ tiêu chí 2021-2025 là tiêu chí số mấy?", ["số 17"], LIKELY),
    # commune groups of the 2026-2030 set
    ("Nhóm xã 1 trong bộ tiêu chí 2026-2030 là gì?", ["Nhóm 1 trong bộ tiêu chí", "liền kề đô thị"], CERTAIN),
    ("nhóm xã 1 trong bộ tiêu chí 2026-2030 gồm những xã nàoo", ["liền kề đô thị"], CERTAIN),
    ("bo tieeu chis 2026-2030 co bao nhieeu tieu chi", ["10 tiêu chí"], CERTAIN),  # Telex leftovers
    ("nhóm xã 3 là những xã nào", ["Nhóm 3 trong", "dân tộc thiểu số"], CERTAIN),
    ("các nhóm xã trong bộ tiêu chí mới", ["chia các xã thành 3 nhóm", "• Nhóm 2: các xã còn lại"], LIKELY),
    # decisions and dates
    ("Bộ tiêu chí xã NTM 2026-2030 ban hành theo quyết định nào?",
     ["được ban hành kèm theo Quyết định 51/2025/QĐ-TTg ngày 29/12/2025."], CERTAIN),
    ("quyết định ban hành bộ tiêu chí xã NTM 2026-2030 là quyết định nào", ["51/2025"], CERTAIN),
    ("Quyết định 51/2025/QĐ-TTg ký ngày nào?", ["được ký ngày 29/12/2025, có hiệu lực từ ngày 15/02/2026."],
     CERTAIN),
    ("bộ tiêu chí mới có hiệu lực từ ngày nào", ["(Quyết định 51/2025/QĐ-TTg) có hiệu lực từ ngày 15/02/2026."],
     CERTAIN),
    # the set that applies in a year, or today
    ("Năm 2027 xét công nhận xã NTM thì áp dụng bộ tiêu chí nào?",
     ["Năm 2027 áp dụng bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030"], CERTAIN),
    ("Năm 2023 xét xã đạt chuẩn NTM theo bộ tiêu chí giai đoạn nào?", ["Năm 2023 áp dụng", "2021-2025 (Quyết định 318"],
     CERTAIN),
    ("Năm 2026 xét công nhận dùng bộ tiêu chí nào?",
     ["có hiệu lực từ ngày 15/02/2026; trước ngày đó áp dụng bộ tiêu chí giai đoạn 2021-2025"], CERTAIN),
    ("bộ tiêu chí nào đang áp dụng?", ["Hiện nay áp dụng bộ tiêu chí", "2026-2030"], CERTAIN),
    # the whole set
    ("bộ tiêu chí quốc gia về xã nông thôn mới là gì", ["1. Quy hoạch", "10. Tiếp cận pháp luật"], LIKELY),
    ("bộ 19 tiêu chí gồm những gì", ["giai đoạn 2021-2025", "19. Quốc phòng và An ninh"], LIKELY),
]


@pytest.mark.parametrize("folded", [False, True], ids=["accented", "folded"])
@pytest.mark.parametrize(("question", "expected", "confidence"), TAKEN, ids=[t[0][:40] for t in TAKEN])
def test_questions_about_the_sets_are_answered_from_the_data(answerer, question, expected, confidence, folded):
    proposal = answerer.propose(query_of(fold(question) if folded else question))
    assert proposal is not None
    assert proposal.confidence == confidence
    message = canon(proposal.answer.message)
    for text in expected:
        assert canon(text) in message


def test_the_reply_is_the_direct_sentence_in_bold_above_the_tieuchi_card(answerer):
    message = _message(answerer, query_of("Bộ tiêu chí 2026-2030 ban hành theo quyết định nào?"))
    head, card = message.split("\n\n", 1)
    assert head == ("<b>Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030 được ban hành kèm theo "
                    "Quyết định 51/2025/QĐ-TTg ngày 29/12/2025.</b>")
    assert card.startswith("<b>Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030</b>")
    assert "• Nhóm 3:" in card and "&lt;số hoặc tên&gt;" in card


NOT_TAKEN = [
    # a plan's or a province's sentence that mentions criteria
    "Long An đặt mục tiêu tỷ lệ xã đạt tiêu chí văn hóa, nông thôn mới đến 2025 là bao nhiêu?",
    "Các huyện Đồng Tháp Mười của Long An cần quan tâm những tiêu chí nào?",
    "Kế hoạch năm 2024 tập trung hoàn thiện các tiêu chí nào?",
    "Năm 2024 tập trung chỉ đạo các xã hoàn thiện tiêu chí môi trường",
    "Hải Dương 2025 phấn đấu bao nhiêu xã đạt tiêu chí số 17?",
    # a unit reaching criteria, a count of units
    "xã Cao Xá đạt bao nhiêu tiêu chí?",
    "có bao nhiêu xã đạt tiêu chí giao thông",
    # sets the data does not hold
    "bộ tiêu chí xã NTM nâng cao 2021-2025 có bao nhiêu tiêu chí",
    "bộ tiêu chí huyện nông thôn mới gồm mấy tiêu chí",
    "bộ tiêu chí thôn NTM kiểu mẫu có mấy tiêu chí",
    "Bộ tiêu chí 2016-2020 có bao nhiêu tiêu chí?",
    "Quyết định 318/QĐ-UBND ký ngày nào",
    # no criterion by that name, nothing asked about the sets
    "nước sạch thuộc tiêu chí nào",
    "tiêu chí quan trọng nhất là gì",
    "hoàn thiện tiêu chí môi trường cần làm những việc gì",
    "còn nhóm 3?",
    "thời tiết Đà Nẵng hôm nay thế nào",
    "Tỷ lệ hộ nghèo của Bắc Giang năm 2024 giảm còn bao nhiêu?",
]


@pytest.mark.parametrize("folded", [False, True], ids=["accented", "folded"])
@pytest.mark.parametrize("question", NOT_TAKEN, ids=[q[:40] for q in NOT_TAKEN])
def test_other_questions_are_left_to_the_documents(answerer, question, folded):
    assert answerer.propose(query_of(fold(question) if folded else question)) is None


@pytest.mark.parametrize("question", [
    "Bộ tiêu chí xã NTM giai đoạn 2021-2025 có tổng cộng bao nhiêu chỉ tiêu?",
    "Quyết định 318/QĐ-TTg về bộ tiêu chí xã NTM được ký ngày nào?",
    "bộ tiêu chí 2021-2025 có hiệu lực từ ngày nào?",
])
def test_what_the_data_does_not_record_gets_no_proposal(answerer, question):
    assert answerer.propose(query_of(question)) is None


# ------------------------------------------------------------ the Query's slots


def test_a_follow_up_keeps_the_set_of_the_turn_before(answerer):
    carried = {"inherited": ("criterion",)}
    number = query_of("còn số 6?", criterion=CriterionRef(number=6, set_id="2026-2030"), **carried)
    assert "Tiêu chí 6: Giảm nghèo và an sinh xã hội" in _message(answerer, number)
    assert answerer.propose(number).confidence == CERTAIN
    group = query_of("còn nhóm 3?", criterion=CriterionRef(group=3, set_id="2026-2030"), **carried)
    assert "dân tộc thiểu số" in _message(answerer, group)
    older = query_of("còn số 5?", criterion=CriterionRef(number=5, set_id="2021-2025"), **carried)
    assert "Tiêu chí 5: Trường học" in _message(answerer, older)


def test_a_criterion_named_in_the_slot(answerer):
    query = query_of("tiêu chí đó thuộc bộ nào?", criterion=CriterionRef(name="giao thông"))
    assert "Tiêu chí 2: Giao thông" in _message(answerer, query)


def test_a_name_in_the_slot_is_answered_only_when_asked_about(answerer):
    query = query_of("hoàn thiện tiêu chí môi trường cần làm gì", criterion=CriterionRef(name="môi trường"))
    assert answerer.propose(query) is None


def test_a_place_in_the_query_leaves_it_to_the_documents(answerer):
    long_an = PlaceMention("Long An", 16, 23, Unit.PROVINCE, "Long An", "Tây Ninh")
    query = query_of("Tiêu chí số 5 ở Long An là gì?", places=(long_an,), criterion=CriterionRef(number=5))
    assert answerer.propose(query) is None


def test_the_set_in_force_follows_today():
    before = CriteriaAnswerer(today=lambda: dt.date(2026, 1, 10))
    message = _message(before, query_of("bộ tiêu chí nào đang áp dụng?"))
    assert "giai đoạn 2021-2025 (Quyết định 318/QĐ-TTg)" in message.split("\n")[0]


# ------------------------------------------------------------ documents under a criterion


@dataclass
class Hit:
    title: str
    doc_id: str
    text: str


def test_documents_are_shown_under_a_criterion_when_a_search_is_given():
    calls = []

    def search(query, k):
        calls.append((query, k))
        return [Hit("Hải Dương 2025", "hd", "Chú trọng đầu tư nâng cấp hạ tầng giao thông.")]

    message = _message(CriteriaAnswerer(search, today=TODAY), query_of("tiêu chí giao thông là tiêu chí số mấy?"))
    assert calls == [("tiêu chí Giao thông", 3)]
    assert "Tài liệu liên quan:" in message and "[1] <b>Hải Dương 2025</b>" in message


def test_without_a_search_nothing_is_said_about_documents(answerer):
    def broken(query, k):
        raise RuntimeError("index unavailable")

    for source in (answerer, CriteriaAnswerer(broken, today=TODAY)):
        message = _message(source, query_of("tiêu chí số 2 là gì?"))
        assert message.startswith("<b>Tiêu chí 2: Hạ tầng kinh tế - xã hội</b>")
        assert "Tài liệu" not in message and "Chưa có tài liệu" not in message


# ------------------------------------------------------------ the blind tune questions about the criteria data


def _tune_turns():
    """(conversation id, its class, turn number, turn, its source) for every turn of the tune set."""
    for line in (EVAL / "blind" / "tune.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        sources = row["source"] if isinstance(row["source"], list) else [row["source"]] * len(row["turns"])
        for n, (turn, source) in enumerate(zip(row["turns"], sources, strict=True)):
            yield row["id"], row["class"], n, turn, source


def _as_parsed(text: str, first: str | None) -> Query:
    """What the question parser gives the answerer: a follow-up ("còn số 6?", "nhóm 2 thì sao") carries the
    criteria set of the conversation's first question."""
    if first is None:
        return query_of(text)
    folded = fold(text)
    number, group = re.search(r"\bso (\d+)\b", folded), re.search(r"\bnhom (\d)\b", folded)
    named = set_named_in(first)
    ref = CriterionRef(number=int(number.group(1)) if number else None, group=int(group.group(1)) if group else None,
                       set_id=named.id if named else None)
    return query_of(text, criterion=ref, inherited=("criterion",))


def test_the_blind_tune_questions_on_the_criteria_data_are_answered(answerer):
    checked, failed = set(), []
    first: dict[str, str] = {}
    for conversation, kind, n, turn, source in _tune_turns():
        if "criteria/" not in source:
            continue
        follow_up = kind == "followup" and n > 0
        first.setdefault(conversation, turn["q"])
        proposal = answerer.propose(_as_parsed(turn["q"], first[conversation] if follow_up else None))
        # No proposal: the documents answer, and a near-miss passes only if they show no lead.
        answer = proposal.answer if proposal else Answer("answer", turn["q"])
        result = judge(Turn(turn["q"], tuple(turn.get("expect", ())), bool(turn.get("no_lead"))), answer)
        checked.add((conversation, kind))
        if not result.passed or (turn.get("expect") and proposal is None):
            failed.append((conversation, turn["q"], result.note))
    # Every question of class "criteria", and those of other classes (no diacritics, typos, near-miss,
    # follow-ups, bursts) whose answer is in the criteria data.
    assert {c for c, kind in checked if kind == "criteria"} >= {"b103", "b107", "b113", "b114", "b118"}
    assert len(checked) >= 13 and failed == []


def test_no_other_blind_tune_question_is_taken(answerer):
    taken = [(c, turn["q"]) for c, _, _, turn, source in _tune_turns()
             if "criteria/" not in source and answerer.propose(query_of(turn["q"])) is not None]
    assert taken == []
