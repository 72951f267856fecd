"""How many communes reached a level, from the loaded recognitions: asked in plain text, not only by /thongke."""

from __future__ import annotations

import json

import pytest

from knowledge.application.answer.commune_stats import CommuneStatsAnswerer
from knowledge.application.answer.proposal import LIKELY
from knowledge.application.understanding.query import PlaceMention, Unit
from knowledge.text.normalize import fold
from tests.auxil.communes_db import backends, clear_recognitions, registry_service
from tests.auxil.paths import EVAL
from tests.auxil.queries import query_of

LIST = """Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận
Bắc Giang;Tân Yên;Cao Xá;NTM;2015
Bắc Giang;Tân Yên;Cao Xá;NTM nâng cao;2020
Bắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023
Bắc Giang;Tân Yên;Ngọc Thiện;NTM;2016
Bắc Ninh;Tiên Du;Phú Lâm;NTM nâng cao;2021
Phú Thọ;Lâm Thao;Cao Xá;NTM;2016
"""


@pytest.fixture(scope="module", params=backends())
def service(request):
    service = registry_service(request.param)
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "stats.csv").ok
    yield service
    clear_recognitions(service)


@pytest.fixture
def answerer(service):
    return CommuneStatsAnswerer(service)


TAKEN = [
    ("Bắc Giang có bao nhiêu xã đạt NTM nâng cao?",
     "tỉnh Bắc Giang (cũ) có 1 xã đạt chuẩn nông thôn mới nâng cao (kể cả xã đã đạt mức cao hơn)."),
    ("Bắc Ninh có mấy xã đạt chuẩn nông thôn mới?", "tỉnh Bắc Ninh có 3 xã đạt chuẩn nông thôn mới"),
    ("Tổng số xã đạt NTM kiểu mẫu của tỉnh Bắc Giang hiện nay", "tỉnh Bắc Giang (cũ) có 1 xã đạt chuẩn nông thôn mới "
                                                                "kiểu mẫu."),
    ("Cả nước có bao nhiêu xã đạt chuẩn NTM?", "cả nước có 4 xã đạt chuẩn nông thôn mới"),
]


@pytest.mark.parametrize("folded", [False, True], ids=["accented", "folded"])
@pytest.mark.parametrize(("question", "sentence"), TAKEN, ids=[t[0][:40] for t in TAKEN])
def test_counts_of_communes_at_a_level_come_from_the_registry(answerer, question, sentence, folded):
    proposal = answerer.propose(query_of(fold(question) if folded else question))
    assert proposal is not None and proposal.confidence == LIKELY
    assert proposal.answerer == "commune_stats" and proposal.answer.kind == "special"
    message = proposal.answer.message
    head, card = message.split("\n\n", 1)
    assert head.startswith("<b>Theo dữ liệu đã nạp: ") and sentence in head and head.endswith(".</b>")
    assert card.startswith("📊 <b>Thống kê nông thôn mới") and "stats.csv" in card


def test_the_query_slots_are_used_when_present(answerer):
    bac_giang = PlaceMention("Bắc Giang", 0, 9, Unit.PROVINCE, "Bắc Giang", "Bắc Ninh")
    query = query_of("Bắc Giang có bao nhiêu xã đạt?", places=(bac_giang,), level="ntm_kieu_mau", unit=Unit.COMMUNE)
    assert "có 1 xã đạt chuẩn nông thôn mới kiểu mẫu." in answerer.propose(query).answer.message
    cao_xa = PlaceMention("xã Cao Xá", 0, 9, Unit.COMMUNE, "Bắc Giang", "Bắc Ninh", commune_ids=(1,), typed_kind=True)
    assert answerer.propose(query_of("xã Cao Xá có bao nhiêu xã đạt NTM?", places=(cao_xa, bac_giang))) is None


NOT_TAKEN = [
    "Bắc Giang năm 2024 thêm bao nhiêu xã đạt NTM nâng cao?",  # a year's figure: the documents
    "Long An năm 2023 có bao nhiêu xã đạt NTM kiểu mẫu?",
    "Hải Dương phấn đấu bao nhiêu xã đạt NTM nâng cao",  # a plan
    "Bắc Giang có bao nhiêu huyện đạt chuẩn NTM?",  # not communes
    "Bắc Ninh có bao nhiêu thôn đạt chuẩn nông thôn mới?",
    "Huyện Tân Yên có bao nhiêu xã đạt NTM?",  # a district: no such statistics
    "Bắc Giang có bao nhiêu xã đạt tiêu chí giao thông?",
    "Bắc Giang có bao nhiêu xã?",  # no level
    "có bao nhiêu xã đạt NTM kiểu mẫu?",  # no scope named
    "Phú Thọ có bao nhiêu xã NTM kiểu mẫu?",  # none loaded at that level: no evidence either way
    "Cà Mau có bao nhiêu xã đạt NTM?",
    "Thành phố Hồ Chí Minh muốn một nửa số xã đạt chuẩn NTM mức nào?",
]


@pytest.mark.parametrize("question", NOT_TAKEN, ids=[q[:40] for q in NOT_TAKEN])
def test_other_questions_are_left_to_the_documents(answerer, question):
    assert answerer.propose(query_of(question)) is None
    assert answerer.propose(query_of(fold(question))) is None


def test_nothing_is_proposed_before_recognitions_are_loaded(service, answerer):
    clear_recognitions(service)
    try:
        assert answerer.propose(query_of("Cả nước có bao nhiêu xã đạt chuẩn NTM?")) is None
    finally:
        assert service.import_bytes(LIST.encode(), "stats.csv").ok


def test_no_blind_tune_question_is_taken_with_the_blind_recognitions_loaded(service, answerer):
    """The blind set's recognitions list loaded: its questions are about one commune, a year or a plan."""
    clear_recognitions(service)
    try:
        assert service.import_file(EVAL / "blind" / "communes.csv").ok
        questions = [turn["q"] for line in (EVAL / "blind" / "tune.jsonl").read_text(encoding="utf-8").splitlines()
                     if line.strip() for turn in json.loads(line)["turns"]]
        assert len(questions) > 60
        assert [q for q in questions if answerer.propose(query_of(q)) is not None] == []
        assert "tỉnh Nghệ An có 6 xã" in answerer.propose(query_of("Nghệ An có bao nhiêu xã đạt NTM nâng cao?")
                                                          ).answer.message
    finally:
        clear_recognitions(service)
        assert service.import_bytes(LIST.encode(), "stats.csv").ok
