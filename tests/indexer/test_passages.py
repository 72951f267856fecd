"""indexer/passages.py: a document's passages keep to its articles and carry their place."""

from indexer.passages import document_passages, heading
from indexer.readers import SourceDocument
from knowledge.retrieval.search.article import article_cite, article_text
from tests.indexer.structure.samples import LAW

LONG = "\n\n".join(
    f"{n}. Ủy ban nhân dân cấp xã có trách nhiệm thực hiện nội dung số {n} của chương trình; "
    + "báo cáo kết quả định kỳ với cơ quan cấp trên theo quy định. " * 6
    for n in range(1, 7))
DECISION = f"Điều 1. Phạm vi\n\nQuyết định này quy định về xã nông thôn mới.\n\nĐiều 2. Trách nhiệm\n\n{LONG}"


def _doc(text: str) -> SourceDocument:
    return SourceDocument("luat", "Luật Hôn nhân và gia đình", text)


def test_passages_carry_citation_context_and_article():
    passages = document_passages(_doc(LAW))
    by_cite = {p.cite: p for p in passages}
    assert "Điều 8" in by_cite and "Điều 2" in by_cite
    p = by_cite["Điều 8"]
    assert p.text.startswith("Chương II\n\nKẾT HÔN\n\nĐiều 8.")
    assert LAW[p.article[0]:p.article[1]].strip() == p.text
    assert p.context == "Chương II. KẾT HÔN"  # "Điều 8. ..." is already the passage's first line
    assert "kết_hôn" in p.words  # the heading chain is indexed with the passage


def test_a_long_article_is_windows_that_put_it_back_together():
    passages = document_passages(_doc(DECISION))
    article2 = [p for p in passages if p.cite and p.cite.startswith("Điều 2")]
    assert len(article2) >= 3 and all(p.article == article2[0].article for p in article2)
    assert article2[1].cite.startswith("Điều 2 khoản ")
    assert article2[1].context == "Điều 2. Trách nhiệm"
    row = passages.index(article2[1])
    whole = article_text(passages, row)
    start, end = article2[0].article
    assert whole.split() == DECISION[start:end].split()  # every word, in order, once
    assert article_cite(article2[1].cite) == "Điều 2"
    assert article_cite("Phụ lục I, tiêu chí 2") == "Phụ lục I"


def test_heading_adds_the_chain_unless_the_title_says_it():
    assert heading("Luật Hôn nhân và gia đình", "Chương II. KẾT HÔN") == "Luật Hôn nhân và gia đình. Chương II. KẾT HÔN"
    assert heading("Luật X – Điều 8. Điều kiện kết hôn", "Điều 8. Điều kiện kết hôn") == \
        "Luật X – Điều 8. Điều kiện kết hôn"
    assert heading("Tin tức", None) == "Tin tức"


def test_the_upload_check_counts_the_passages_the_build_makes():
    from indexer.split import split_document, split_passages

    law = "\n\n".join(f"Điều {n}. Điều khoản số {n}\n\nXã thực hiện nội dung số {n}." for n in range(1, 31))
    assert len(split_document(law)[1]) == len(document_passages(_doc(law))) == 30
    assert len(split_passages(law)) < 30  # without the articles, short ones would be merged
