"""indexer/structure: headings of laws, plans and news, units, and each passage's place."""

import pytest

from indexer.structure.legal import is_structural_heading
from indexer.structure.recognise import recognise
from tests.indexer.structure.samples import LAW, NEWS, PLAN


def _at(text: str, needle: str, length: int = 20) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + length


def test_law_headings_nest_chapter_article_clause_point():
    s = recognise(LAW)
    assert s.grammar == "legal"
    kinds = [(n.kind, n.label) for n in s.nodes]
    assert kinds == [("chuong", "I"), ("dieu", "1"), ("dieu", "2"), ("khoan", "1"), ("khoan", "2"),
                     ("diem", "a"), ("diem", "b"), ("chuong", "II"), ("dieu", "8"), ("khoan", "1"), ("khoan", "2")]
    assert s.nodes[0].title == "Chương I. NHỮNG QUY ĐỊNH CHUNG"  # the name is on the next line


def test_places_cite_like_a_lawyer():
    s = recognise(LAW)
    assert s.place(*_at(LAW, "a) Giữa người")).cite == "Điều 2 khoản 2 điểm a"
    place = s.place(*_at(LAW, "2. Hôn nhân giữa"))
    assert place.cite == "Điều 2 khoản 2"
    assert place.context == ("Chương I. NHỮNG QUY ĐỊNH CHUNG > "
                             "Điều 2. Những nguyên tắc cơ bản của chế độ hôn nhân và gia đình")
    # a passage over two clauses names both; one over the whole article names the article
    start, end = LAW.index("1. Hôn nhân tự"), LAW.index("a) Giữa") + 5
    assert s.place(start, end).cite == "Điều 2 khoản 1–2"
    article = LAW.index("Điều 2."), LAW.index("Chương II") - 2
    assert s.place(*article).cite == "Điều 2"
    assert s.place(*_at(LAW, "Nhà nước không")).cite == "Điều 8 khoản 2"


def test_units_are_articles_and_chapter_titles_open_the_next_one():
    s = recognise(LAW)
    units = s.units()
    assert units[0][0] == 0 and units[-1][1] == len(LAW)
    assert all(a[1] == b[0] for a, b in zip(units, units[1:], strict=False))  # they tile the text
    texts = [LAW[a:b].strip() for a, b in units]
    assert texts[0].startswith("Căn cứ Hiến pháp")
    assert texts[1].startswith("Chương I\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1.")
    assert texts[2].startswith("Điều 2.") and texts[2].endswith("không có tín ngưỡng.")
    assert texts[3].startswith("Chương II\n\nKẾT HÔN\n\nĐiều 8.")
    assert s.place(*_at(LAW, "Nhà nước không")).article == units[3]


def test_plan_sections_and_appendix_table_rows():
    s = recognise(PLAN)
    assert s.grammar == "plan"
    assert s.place(*_at(PLAN, "Các sở, ngành")).cite == "Mục I.2"
    assert s.place(*_at(PLAN, "Các sở, ngành")).context == "I. MỤC ĐÍCH, YÊU CẦU > 2. Yêu cầu"
    assert s.place(*_at(PLAN, "b) Có thêm 5 xã")).cite == "Mục II.1 điểm b"
    row = PLAN.index("TT: 1"), PLAN.index("Chỉ tiêu: Đạt") + len("Chỉ tiêu: Đạt")
    assert s.place(*row).cite == "Phụ lục I, tiêu chí 1"
    assert s.place(*row).context == "PHỤ LỤC I. BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI"
    row = PLAN.index("TT: 2.1"), len(PLAN.rstrip())
    assert s.place(*row).cite == "Phụ lục I, tiêu chí 2, chỉ tiêu 2.1"
    both = PLAN.index("TT: 1"), len(PLAN.rstrip())
    assert s.place(*both).cite == "Phụ lục I, tiêu chí 1–2.1"
    # the title line joins section I; sections II and the appendix open their own units
    assert [a for a, _ in s.units()] == [0, PLAN.index("II. CHỈ"), PLAN.index("PHỤ LỤC")]


def test_news_subheadings_name_the_passages_under_them():
    s = recognise(NEWS)
    assert s.grammar == "plain"
    place = s.place(*_at(NEWS, "Tỉnh phấn đấu"))
    assert place.cite == place.context == "Về nhiệm vụ cụ thể" and place.article is None
    assert s.place(0, 20).cite is None  # before the first subheading
    caption = "Thẩm định tiêu chí văn hóa đối với xã đề nghị xét công nhận xã đạt chuẩn nông thôn mới"
    assert [n.title for n in recognise(NEWS.replace("Tỉnh phấn", f"{caption}\n\nTỉnh phấn")).nodes] == \
        ["Về nhiệm vụ cụ thể"]  # a photo caption is longer than a subheading


def test_a_sentence_mentioning_an_article_is_no_heading():
    text = "Điều 5 của Luật này quy định rõ trách nhiệm.\n\nCác xã thực hiện theo Điều 5."
    assert recognise(text).grammar != "legal"


@pytest.mark.parametrize("line", ["CHƯƠNG I", "Chương II", "PHỤ LỤC", "PHỤ LỤC II", "Phụ lục số 3",
                                  "PHẦN THỨ NHẤT",
                                  "Phần thứ hai", "Mục 2. QUY ĐỊNH CHUNG", "Điều 5. Giải thích từ ngữ"])
def test_structural_headings(line):
    assert is_structural_heading(line)


@pytest.mark.parametrize("line", ["TIN TỨC", "Chương trình mục tiêu quốc gia", "Phụ lục kèm theo báo cáo này.",
                                  "PHẦN MỀM", "Phần lớn các xã"])
def test_not_structural_headings(line):
    assert not is_structural_heading(line)
