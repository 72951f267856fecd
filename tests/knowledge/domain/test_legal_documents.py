"""Document types and references to a document in questions: "theo Quyết định 318", "nghi dinh 98"."""

from __future__ import annotations

import pytest

from knowledge.domain.legal_documents import (
    find_references,
    issuer_of_number,
    number_key,
    refers_to,
    type_named,
    type_of_number,
)


def _refs(text):
    return [(r.doc_type.name if r.doc_type else None, r.number, r.name) for r in find_references(text)]


@pytest.mark.parametrize(("question", "expected"), [
    ("Theo Quyết định 318 thì tiêu chí giao thông thế nào?", [("Quyết định", "318", ())]),
    ("QĐ 318/QĐ-TTg quy định gì về thu nhập?", [("Quyết định", "318/QĐ-TTg", ())]),
    ("nghi dinh 98 noi gi ve von", [("Nghị định", "98", ())]),
    ("Nghị định số 98/2023/NĐ-CP", [("Nghị định", "98/2023/NĐ-CP", ())]),
    ("bộ tiêu chí theo 51/2025 có mấy tiêu chí", [(None, "51/2025", ())]),
    ("Kế hoạch 1416/KH-UBND giao chỉ tiêu gì?", [("Kế hoạch", "1416/KH-UBND", ())]),
    ("luật hôn nhân gia đình điều 8", [("Luật", None, ("hon", "nhan", "gia", "dinh"))]),
    ("luat hon nhan va gia dinh dieu 8 quy dinh gi", [("Luật", None, ("hon", "nhan", "va", "gia", "dinh"))]),
    ("Luật Bảo vệ môi trường quy định gì về rác?", [("Luật", None, ("bao", "ve", "moi", "truong"))]),
    ("Luật đất đai 2013 quy định", [("Luật", None, ("dat", "dai"))]),
])
def test_references_as_officials_type_them(question, expected):
    assert _refs(question) == expected


@pytest.mark.parametrize("question", [
    "theo luật thì sao?", "xã nào đạt chuẩn năm 2024?", "tỷ lệ 15/20 xã", "ngày 8/3/2022 có gì",
    "quyết định của xã",
])
def test_no_reference(question):
    assert find_references(question) == ()


def test_a_reference_names_itself_as_typed():
    assert find_references("luật hôn nhân gia đình điều 8")[0].describe() == "Luật hôn nhân gia đình"
    assert find_references("theo quyết định 999")[0].describe() == "Quyết định 999"


def test_numbers_compare_however_they_are_spelled():
    assert number_key("318/QĐ – TTg") == number_key("318/qd-ttg") == "318/qd-ttg"
    assert type_of_number("122/2018/NĐ-CP").name == "Nghị định"
    assert type_of_number("52/2014/QH13") is None and type_of_number("6425/UBND-VHXH") is None
    assert issuer_of_number("318/QĐ-TTg") == "Thủ tướng Chính phủ"
    assert issuer_of_number("52/2014/QH13") == "Quốc hội"
    assert issuer_of_number("1416/KH-UBND") is None  # which province's UBND the number does not say
    assert type_named("luat hon nhan va gia dinh").name == "Luật" and type_named("luatsu") is None


def test_refers_to():
    qd = dict(number="318/QĐ-TTg", doc_type="Quyết định", title="Quyết định 318/QĐ-TTg: Ban hành bộ tiêu chí")
    assert refers_to(find_references("quyết định 318")[0], **qd)
    assert refers_to(find_references("318/QĐ-TTg")[0], **qd)
    assert not refers_to(find_references("nghị định 318")[0], **qd)  # another type
    assert not refers_to(find_references("quyết định 31")[0], **qd)
    assert refers_to(find_references("51/2025")[0], number="51/2025/QĐ-TTg", doc_type="Quyết định", title="x")
    law = dict(number="52/2014/QH13", doc_type="Luật", title="Luật Hôn nhân và gia đình")
    assert refers_to(find_references("luat hon nhan gia dinh")[0], **law)
    assert not refers_to(find_references("luật đất đai")[0], **law)
    # No number stored (an older index): the title's number counts.
    assert refers_to(find_references("kế hoạch 1416")[0], number=None, doc_type=None,
                     title="Kế hoạch 1416/KH-UBND: Thực hiện xã văn hóa")


@pytest.mark.parametrize("question", [
    "thực hiện việc cấp giấy tờ trái pháp luật thì bị phạt thế nào", "theo luật về thời hạn", "luật sư bào chữa",
    "theo luật định",
])
def test_words_after_luat_that_name_no_law(question):
    assert not any(r.name for r in find_references(question))


def test_a_name_that_runs_on_into_the_question_names_the_law_most_fully_named():
    [ref] = find_references("Theo Luật hôn nhân và gia đình chung sống với nhau như vợ chồng thì sao?")
    assert refers_to(ref, number=None, doc_type="Luật", title="Luật Hôn nhân và gia đình") == 4
    [ref] = find_references("theo quy định của Luật Tố tụng hành chính")
    assert refers_to(ref, number=None, doc_type=None, title="Luật Tố tụng hành chính") == 4
    assert refers_to(ref, number=None, doc_type=None, title="Bộ luật Tố tụng dân sự") == 0  # another type
    assert refers_to(ref, number=None, doc_type=None, title="Luật Tố tụng dân sự") == 2  # less fully
