"""Questions naming a document ("theo Quyết định 318 ...") get that document's passages, through the engine."""

from __future__ import annotations

import pytest

from knowledge.application.answer import AnswerEngine
from knowledge.application.render.answer import render_html
from knowledge.retrieval.search import DocumentInfo
from tests.auxil.fake_search import FakeSearch

QD_318 = DocumentInfo("qd-318", "Quyết định 318/QĐ-TTg: Ban hành Bộ tiêu chí quốc gia về xã nông thôn mới",
                      "Thủ tướng Chính phủ", "2022-03-08", None, [], 2, number="318/QĐ-TTg",
                      doc_type="Quyết định", issuer="Thủ tướng Chính phủ", signed="2022-03-08",
                      effective="2022-03-08")
ND_98 = DocumentInfo("nd-98", "Nghị định 98/2023/NĐ-CP: Quy định chi tiết thi hành", "Chính phủ", "2023-12-31",
                     None, [], 1, number="98/2023/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ")
LUAT = DocumentInfo("luat-hngd", "Luật Hôn nhân và gia đình", "Quốc hội", "2014-06-19", None, [], 1,
                    number="52/2014/QH13", doc_type="Luật", issuer="Quốc hội")


@pytest.fixture
def search():
    search = FakeSearch.from_corpus()
    search.add(QD_318, ["Tiêu chí giao thông: tỷ lệ đường xã được nhựa hóa hoặc bê tông hóa đạt 100% đối với "
                        "các xã nông thôn mới theo Bộ tiêu chí này.",
                        "Tiêu chí thu nhập: thu nhập bình quân đầu người khu vực nông thôn năm 2022 đạt "
                        "từ 48 triệu đồng trở lên."])
    search.add(ND_98, ["Nghị định này quy định vốn đối ứng của ngân sách địa phương cho các xã đạt chuẩn "
                       "nông thôn mới nâng cao."])
    search.add(LUAT, ["Điều 8. Điều kiện kết hôn: nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; "
                      "việc kết hôn do nam và nữ tự nguyện quyết định."])
    return search


def test_a_decision_by_its_number_keeps_to_its_passages(search):
    answer = AnswerEngine(search).ask("Theo Quyết định 318 thì thu nhập bình quân đầu người khu vực nông thôn "
                                      "phải đạt bao nhiêu?")
    assert answer.kind == "answer"
    assert {c.doc_id for c in answer.citations} == {"qd-318"}
    assert search.scopes[-1] == {"qd-318"}
    assert "48 triệu đồng" in render_html(answer)


def test_typed_without_diacritics_and_abbreviated(search):
    engine = AnswerEngine(search)
    answer = engine.ask("nghi dinh 98 quy dinh von doi ung cho xa nong thon moi nang cao the nao")
    assert answer.citations and answer.citations[0].doc_id == "nd-98"
    answer = engine.ask("QĐ 318/QĐ-TTg quy định gì về tiêu chí giao thông đường xã?")
    assert answer.citations[0].doc_id == "qd-318" and search.scopes[-1] == {"qd-318"}


def test_a_law_by_its_name(search):
    answer = AnswerEngine(search).ask("luat hon nhan gia dinh dieu 8 dieu kien ket hon la gi")
    assert answer.citations[0].doc_id == "luat-hngd" and search.scopes[-1] == {"luat-hngd"}


def test_an_unknown_number_searches_as_usual(search):
    engine = AnswerEngine(search)
    answer = engine.ask("Theo Quyết định 999, năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn "
                        "NTM nâng cao?")
    assert search.scopes[-1] == frozenset()
    assert answer.citations and answer.citations[0].doc_id == "hai-duong-ntm-2025"


def test_an_unknown_document_and_nothing_found_says_it_is_not_indexed(search):
    answer = AnswerEngine(search).ask("Nghị định 777 quy định gì về khai thác khoáng sản biển?")
    assert answer.kind == "not_found"
    html = render_html(answer)
    assert html.startswith("Không tìm thấy Nghị định 777 trong các tài liệu đã nạp")
    assert "dựa trên 8 tài liệu" in html  # what is indexed, as for any "not found"


def test_more_results_keep_to_the_named_document(search):
    engine = AnswerEngine(search)
    engine.ask("Theo Quyết định 318 tiêu chí thu nhập và giao thông thế nào?")
    engine.page("Theo Quyết định 318 tiêu chí thu nhập và giao thông thế nào?", 1)
    assert search.scopes[-1] == {"qd-318"}


def test_of_two_laws_the_one_named_most_fully():
    from types import SimpleNamespace

    from knowledge.application.answer.references import named_documents
    from knowledge.domain.legal_documents import find_references

    docs = [SimpleNamespace(doc_id=i, title=t, number=None, doc_type="Luật")
            for i, t in (("tths", "Luật Tố tụng hành chính"), ("ttds", "Luật Tố tụng dân sự"))]
    refs = find_references("theo Luật tố tụng hành chính thì người khởi kiện phải làm gì")
    assert named_documents(refs, docs) == (frozenset({"tths"}), ())
    refs = find_references("Nghị định 777 và luật tố tụng")
    ids, unknown = named_documents(refs, docs)
    assert ids == {"tths", "ttds"} and [r.describe() for r in unknown] == ["Nghị định 777"]
