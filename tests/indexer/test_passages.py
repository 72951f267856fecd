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
    assert p.context == "Chương II. KẾT HÔN > Điều 8. Điều kiện kết hôn"
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


def test_an_uploaded_appendix_table_is_cited_row_by_row():
    """A .docx plan with 'PHỤ LỤC I' and a criteria table: each row is one passage citing its criterion."""
    import io

    from docx import Document

    from indexer.readers import read_bytes

    document = Document()
    document.add_paragraph("KẾ HOẠCH xây dựng nông thôn mới năm 2024")
    document.add_paragraph("I. MỤC TIÊU")
    document.add_paragraph("Phấn đấu có thêm 10 xã đạt chuẩn nông thôn mới nâng cao trong năm 2024 trên địa bàn tỉnh.")
    document.add_paragraph("II. NHIỆM VỤ")
    document.add_paragraph("Các sở, ngành hướng dẫn các xã thực hiện các tiêu chí theo Phụ lục kèm theo Kế hoạch này.")
    document.add_paragraph("PHỤ LỤC I")
    document.add_paragraph("BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NÂNG CAO")
    rows = [("TT", "Tên tiêu chí", "Nội dung tiêu chí", "Chỉ tiêu"),
            ("1", "Quy hoạch", "Có quy hoạch chung xây dựng xã còn thời hạn, được phê duyệt " * 4, "Đạt"),
            ("2", "Giao thông", "Tỷ lệ đường xã được nhựa hóa hoặc bê tông hóa, bảo đảm ô tô đi lại " * 4, "100%")]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    [doc] = read_bytes(buffer.getvalue(), "ke-hoach.docx")
    assert "PHỤ LỤC I" in doc.text
    passages = document_passages(doc)
    cites = [p.cite for p in passages]
    assert "Mục I" in cites and "Mục II" in cites
    [appendix] = [p for p in passages if p.cite and p.cite.startswith("Phụ lục I")]
    assert appendix.cite == "Phụ lục I, tiêu chí 1–2"  # two rows, each whole, in one passage
    assert appendix.text.startswith("PHỤ LỤC I") and appendix.text.endswith("Chỉ tiêu: 100%")
    assert appendix.context == "PHỤ LỤC I. BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NÂNG CAO"
