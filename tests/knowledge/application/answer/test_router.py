"""Routing by evidence: the most confident proposal answers; an answerer that found nothing gives way."""

from __future__ import annotations

import pytest

from knowledge.application.answer import AnswerEngine
from knowledge.application.answer.communes import CommuneAnswerer
from knowledge.application.answer.model import Answer
from knowledge.application.answer.proposal import CERTAIN, LIKELY, POSSIBLE, WEAK, Proposal
from knowledge.application.answer.router import route
from knowledge.application.understanding.parse import understand
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.fake_search import FakeSearch


class Stub:
    """An answerer that proposes a fixed confidence when its test says so, and counts its calls."""

    def __init__(self, name, confidence=None, when=lambda q: True, ceiling=CERTAIN, fails=False):
        self.name, self.confidence, self.when, self.ceiling, self.fails = name, confidence, when, ceiling, fails
        self.calls = 0

    def propose(self, query):
        self.calls += 1
        if self.fails:
            raise RuntimeError("hỏng")
        if self.confidence is None or not self.when(query):
            return None
        return Proposal(Answer("special", query.text, message=self.name), self.confidence, self.name)


def test_the_most_confident_proposal_wins_and_ties_go_first():
    query = understand("câu hỏi")
    weak, likely, other = Stub("weak", WEAK), Stub("likely", LIKELY), Stub("other", LIKELY)
    assert route([weak, likely, other], query).answerer == "likely"
    assert route([Stub("none")], query) is None


def test_a_sure_answer_skips_answerers_that_cannot_beat_it():
    passages = Stub("passages", POSSIBLE, ceiling=POSSIBLE)
    assert route([Stub("sure", CERTAIN), passages], understand("x")).answerer == "sure"
    assert passages.calls == 0


def test_a_failing_answerer_is_skipped(caplog):
    assert route([Stub("broken", CERTAIN, fails=True), Stub("ok", WEAK)], understand("x")).answerer == "ok"
    assert "broken" in caplog.text


@pytest.fixture(scope="module")
def search():
    return FakeSearch.from_corpus()


def test_a_criteria_answerer_joins_the_engine(search):
    criteria = Stub("criteria", CERTAIN, when=lambda q: q.criterion is not None and q.criterion.number is not None)
    engine = AnswerEngine(search, special=[criteria])
    assert engine.ask("Tiêu chí số 4 là gì?").message == "criteria"
    assert engine.ask("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?").kind == "answer"
    # A follow-up reaches it with the slots it inherits.
    engine.ask("Tiêu chí số 4 bộ tiêu chí 2021-2025 là gì?", chat=1)
    seen = []
    criteria.when = lambda q: seen.append(q) or True
    assert engine.ask("còn số 6?", chat=1).message == "criteria"
    assert (seen[-1].criterion.number, seen[-1].criterion.set_id) == (6, "2021-2025")


# ------------------------------------------------------------------ the registry's answerer


@pytest.fixture(scope="module")
def registry():
    service = registry_service("sqlite")
    clear_recognitions(service)
    csv = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định\n"
           "Bắc Giang;Tân Yên;Cao Xá;NTM;2015;1/QĐ-UBND\nBắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023;9/QĐ-UBND\n")
    assert service.import_bytes(csv.encode(), "router.csv").ok
    yield service
    clear_recognitions(service)


@pytest.fixture
def engine(search, registry):
    communes = CommuneAnswerer(registry)  # the tests' shared registry, already loaded
    return AnswerEngine(search, special=[communes], registry=communes.registry)


@pytest.mark.parametrize("text", [
    "Xã loại 1 phải đạt những điều kiện gì?",
    "các thôn thuộc xã biên giới được hỗ trợ gì?",
    "TPHCM xã kiểu mẫu phải có ít nhất mô hình gì?",
    "Số xã Bắc Giang cần lên NTM nâng cao trong năm 2024 là mấy?",
    "Năm 2024 Bắc Giang phấn đấu bao nhiêu thôn ở xã đặc biệt khó khăn đạt thôn NTM?",
])
def test_questions_shaped_like_a_lookup_reach_the_documents(engine, text):
    answer = engine.ask(text)
    assert not answer.message.startswith("Không tìm thấy xã")
    assert answer.kind in ("answer", "not_found")


def test_a_linked_commune_is_answered_from_the_registry(engine):
    answer = engine.ask("Xã Cao Xá huyện Tân Yên đạt NTM kiểu mẫu chưa?")
    assert answer.kind == "special"
    assert answer.message.startswith("<b>Theo dữ liệu đã nạp: xã Cao Xá (cũ) đạt chuẩn nông thôn mới kiểu mẫu năm 2023")


def test_namesakes_singled_out_by_the_level_on_record_are_mentioned(engine):
    answer = engine.ask("Xã Cao Xá đạt chuẩn NTM kiểu mẫu chưa?")
    assert "kiểu mẫu năm 2023" in answer.message
    assert "Cùng tên còn có: Xã Cao Xá – Lâm Thao, Phú Thọ (cũ)" in answer.message
    # No level asked: nothing singles one out, the choice as before.
    choice = engine.ask("Xã Cao Xá đã được công nhận những gì?")
    assert "Có 2 đơn vị ứng với" in choice.message


def test_a_commune_follow_up_keeps_the_unit(engine):
    engine.ask("xã Cao Xá huyện Tân Yên đạt NTM năm nào?", chat="c")
    follow = engine.ask("còn kiểu mẫu?", chat="c")
    assert follow.rewritten and follow.query == "xã Cao Xá huyện Tân Yên đạt kiểu mẫu năm nào?"
    assert "kiểu mẫu năm 2023" in follow.message
