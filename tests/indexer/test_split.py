"""Sentences (knowledge/text/sentences.py) and passages (indexer/split.py)."""

import random
import unicodedata

import pytest

from indexer.split import Passage, split_passages
from knowledge.text.sentences import paragraph_spans, sentence_spans, split_sentences
from tests.auxil import paths

CORPUS = {
    p.stem: p.read_text(encoding="utf-8") for p in paths.CORPUS.glob("*.txt")
}
ARTICLES = sorted(CORPUS.values())


# --- sentences -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "UBND TP. Thủ Đức họp với các xã.",
        "Các xã của TP.HCM đạt chuẩn.",
        "Xã Tân Định, Q. 1 và P. Bến Nghé tham dự.",
        "Xem Tr. 15 của báo cáo.",
        "Ông Nguyễn V. An báo cáo.",
        "ThS. Lê Văn Bình và TS. Trần Thị Cúc, PGS.TS. Hà dự họp.",
        "Tỷ lệ đạt 62,2% và 1.000 hộ tham gia.",
        "Thực hiện Quyết định số 318/QĐ-TTg ngày 22/10/2020.",
        "Năm 2021: 10 xã (dự kiến đạt 64,6%); Năm 2022: 11 xã (dự kiến đạt 71,4%); Năm 2023: 09 xã.",
        "Tăng cường quản lý các ban, ngành…trong triển khai.",
        "Phát huy sức mạnh của các sở, ban, ngành. , các đoàn thể thành phố.",
        "Hỗ trợ trồng lúa, ngô, khoai, sắn, v.v. và các cây khác.",
        "Nguồn: https://kinhtedothi.vn/hai-duong.html và Bacgiang.gov.vn đưa tin.",
    ],
)
def test_one_sentence(text):
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đạt 62,2%. Các xã còn lại phấn đấu.", ["Đạt 62,2%.", "Các xã còn lại phấn đấu."]),
        ("Hỏi gì? Đáp ngay! Xong.", ["Hỏi gì?", "Đáp ngay!", "Xong."]),
        ("đạt 57,5%...  Đồng thời thực hiện.", ["đạt 57,5%...", "Đồng thời thực hiện."]),
        ("Xây dựng NTM.” Tiếp tục vận động.", ["Xây dựng NTM.”", "Tiếp tục vận động."]),
        ("tốt hơn./. Anh Nhung", ["tốt hơn./.", "Anh Nhung"]),
        ("Năm 2021 có 10 xã. 11 xã đạt năm 2022.", ["Năm 2021 có 10 xã.", "11 xã đạt năm 2022."]),
        ("trồng lúa, ngô v.v. Các xã khác", ["trồng lúa, ngô v.v.", "Các xã khác"]),
        # "TP." before a word that only opens sentences (from the TPHCM article)
        (
            "quy định về xã nông thôn mới kiểu mẫu tại TP. Cụ thể, phấn đấu xây dựng.",
            ["quy định về xã nông thôn mới kiểu mẫu tại TP.", "Cụ thể, phấn đấu xây dựng."],
        ),
    ],
)
def test_sentence_ends(text, expected):
    assert split_sentences(text) == expected


def test_list_markers_stay_with_their_text():
    text = "1. Mục tiêu chung\n2. Mục tiêu cụ thể. Tăng thu nhập.\nII. NHIỆM VỤ\nĐiều 5. Trách nhiệm thi hành."
    assert split_sentences(text) == [
        "1. Mục tiêu chung",
        "2. Mục tiêu cụ thể.",
        "Tăng thu nhập.",
        "II. NHIỆM VỤ",
        "Điều 5. Trách nhiệm thi hành.",
    ]
    # amending laws quote the numbered clause they replace
    assert split_sentences("Sửa đổi khoản 1 như sau:\n“1. Người nghiện ma túy. Gia đình hỗ trợ.”") == [
        "Sửa đổi khoản 1 như sau:",
        "“1. Người nghiện ma túy.",
        "Gia đình hỗ trợ.”",
    ]


def test_bullets_are_left_out_of_the_sentence():
    assert split_sentences("Gồm:\n- Tuyên truyền. Vận động.\n• Tập huấn\n+ Kiểm tra") == [
        "Gồm:",
        "Tuyên truyền.",
        "Vận động.",
        "Tập huấn",
        "Kiểm tra",
    ]


def test_newlines_are_paragraph_breaks_but_hard_wraps_are_joined():
    text = "Tiêu đề bài\nUBND tỉnh ban hành kế hoạch xây dựng nông thôn\nmới năm 2024. Đạt 5 xã.\n\nĐoạn hai"
    assert split_sentences(text) == [
        "Tiêu đề bài",
        "UBND tỉnh ban hành kế hoạch xây dựng nông thôn\nmới năm 2024.",
        "Đạt 5 xã.",
        "Đoạn hai",
    ]
    assert len(paragraph_spans(text)) == 3


@pytest.mark.parametrize("text", ARTICLES, ids=lambda t: t[:20])
def test_sentence_offsets_on_the_articles(text):
    spans = sentence_spans(text)
    assert len(spans) > 10
    pos = 0
    for start, end in spans:
        assert pos <= start < end
        sentence = text[start:end]
        assert sentence == sentence.strip()
        pos = end
    assert split_sentences(text) == [text[s:e] for s, e in spans]


def test_sentence_spans_of_a_region_index_the_whole_text():
    text = "Mở đầu. " + "Đạt 62,2%. Các xã khác." + " Hết."
    start = len("Mở đầu. ")
    spans = sentence_spans(text, start, start + len("Đạt 62,2%. Các xã khác."))
    assert [text[s:e] for s, e in spans] == ["Đạt 62,2%.", "Các xã khác."]


def test_sentence_offsets_in_decomposed_text():
    text = unicodedata.normalize("NFD", "Xã đạt chuẩn. Huyện Tân Yên phấn đấu.")
    assert [unicodedata.normalize("NFC", s) for s in split_sentences(text)] == [
        "Xã đạt chuẩn.",
        "Huyện Tân Yên phấn đấu.",
    ]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "👍", "...", "😀 Tốt. 👍"])
def test_sentences_of_odd_input(text):
    sentences = split_sentences(text)
    assert "".join("".join(sentences).split()) == "".join(text.split())


# --- passages --------------------------------------------------------------------------------


def assert_valid(text: str, passages: list[Passage], max_chars: int) -> None:
    covered = bytearray(len(text))
    for p in passages:
        assert text[p.start : p.end] == p.text, "offsets must map back to the raw text"
        assert 0 < len(p.text) <= max_chars
        assert p.text == p.text.strip()
        covered[p.start : p.end] = b"\1" * (p.end - p.start)
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"not covered: {text[missing[0] : missing[0] + 40]!r}"
    for a, b in zip(passages, passages[1:], strict=False):
        assert a.start < b.start and a.end < b.end


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_articles_make_bounded_covering_passages(name):
    text = CORPUS[name]
    passages = split_passages(text)
    assert_valid(text, passages, 900)
    body = passages[:-1]  # the last one may be a short tail
    assert all(len(p.text) >= 250 for p in body), [len(p.text) for p in body]


def test_articles_overlap_by_a_sentence():
    overlaps = 0
    for text in ARTICLES:
        passages = split_passages(text)
        for a, b in zip(passages, passages[1:], strict=False):
            if b.start < a.end:
                overlaps += 1
                shared = text[b.start : a.end]
                assert shared in a.text and b.text.startswith(shared)
                # the overlap is the previous passage's last sentence (with its bullet)
                assert any(e == a.end and b.start <= s < e for s, e in sentence_spans(text))
    assert overlaps >= 10


def test_no_overlap_when_asked():
    for text in ARTICLES:
        passages = split_passages(text, overlap_sentences=0)
        assert_valid(text, passages, 900)
        assert all(a.end < b.start for a, b in zip(passages, passages[1:], strict=False))


def test_answer_and_its_figures_stay_together():
    # dev question d04 expects both figures in one passage
    text = CORPUS["long-an-xa-van-hoa-ntm-nang-cao"]
    assert any("Năm 2021: 10 xã" in p.text and "64,6%" in p.text for p in split_passages(text))


def test_paragraphs_are_preferred_boundaries():
    paragraphs = [f"Đoạn {i}. " + "Xã đạt chuẩn nông thôn mới theo kế hoạch của tỉnh. " * 8 for i in range(6)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    passages = split_passages(text, overlap_sentences=0)
    assert_valid(text, passages, 900)
    assert all(p.text.startswith("Đoạn") for p in passages)


def test_small_paragraphs_are_merged():
    text = "\n".join(f"- Nhiệm vụ {i}: tuyên truyền, vận động người dân tham gia xây dựng NTM." for i in range(20))
    passages = split_passages(text)
    assert_valid(text, passages, 900)
    assert len(passages) < 6


def test_headings_attach_to_the_following_text():
    body = "Tiếp tục đẩy mạnh công tác tuyên truyền, nâng cao nhận thức cho cán bộ và cư dân nông thôn. " * 6
    text = f"Về nhiệm vụ cụ thể\n\n{body.strip()}\n\nVề giải pháp thực hiện\n\n{body.strip()}"
    passages = split_passages(text)
    assert_valid(text, passages, 900)
    assert [p.text.split("\n")[0] for p in passages] == ["Về nhiệm vụ cụ thể", "Về giải pháp thực hiện"]


def test_a_heading_never_ends_a_passage():
    for text in ARTICLES:
        for p in split_passages(text)[:-1]:
            last_line = p.text.rsplit("\n", 1)[-1]
            assert not (len(last_line) < 60 and last_line[-1] not in '.!?…;,:)”"%'), last_line


def test_long_sentence_is_cut_at_clause_boundaries():
    clause = "chỉ đạo các huyện, thành phố triển khai các chỉ tiêu, nhiệm vụ và tổ chức thực hiện nội dung"
    text = "; ".join([clause] * 30) + "."
    passages = split_passages(text, max_chars=500)
    assert_valid(text, passages, 500)
    assert len(passages) >= 6
    for p in passages[:-1]:
        assert p.text.endswith(";")


def test_never_cuts_inside_a_word():
    words = "xã nông thôn mới kiểu mẫu đạt chuẩn huyện Tân Yên 318/QĐ-TTg 62,2%".split()
    rng = random.Random(3)
    text = " ".join(rng.choice(words) for _ in range(2000))  # one "sentence", no punctuation
    passages = split_passages(text, max_chars=300)
    assert_valid(text, passages, 300)
    for p in passages:
        assert p.start == 0 or text[p.start - 1] == " "
        assert p.end == len(text) or text[p.end] == " "


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u200b"])
def test_nothing_to_split(text):
    assert split_passages(text) == [] or all(not p.text.strip("\u200b") for p in split_passages(text))


@pytest.mark.parametrize(
    "text",
    [
        "👍",
        "😀😀😀 " * 500,
        "x" * 5000,
        "Tốt! 👍\n" * 400,
        unicodedata.normalize("NFD", "Hoà Bình thuỷ lợi đạt chuẩn. " * 100),
        ". , ; : ! ? " * 300,
    ],
    ids=["emoji", "emoji-run", "one-long-word", "chat-lines", "nfd", "punctuation"],
)
def test_odd_input(text):
    assert_valid(text, split_passages(text), 900)


def test_huge_input():
    text = "\n\n".join(ARTICLES * 8)
    passages = split_passages(text)
    assert_valid(text, passages, 900)
    assert len(passages) > 100


def test_random_input_keeps_the_invariants():
    rng = random.Random(11)
    alphabet = list("aăâbcdđeêhiklmnoôơtuưxy .,;:!?\n-–“”()0123456789/%") + ["👍", "\u0301", "  ", "\n\n", "TP. "]
    for _ in range(150):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 2500)))
        max_chars = rng.choice([60, 200, 900])
        passages = split_passages(
            text, max_chars=max_chars, overlap_sentences=rng.choice([0, 1, 2]), min_chars=rng.choice([0, 40, 350])
        )
        assert_valid(text, passages, max_chars)


def test_rejects_tiny_max():
    with pytest.raises(ValueError):
        split_passages("Xã đạt chuẩn.", max_chars=10)


# --- structure: articles and table rows --------------------------------------------------------


def test_passages_never_cross_an_article():
    from indexer.structure.recognise import recognise
    from tests.indexer.structure.samples import LAW

    structure = recognise(LAW)
    articles = [(n.start, n.end) for n in structure.nodes if n.kind == "dieu"]
    passages = split_passages(LAW, max_chars=300, min_chars=350, units=structure.units())
    assert passages and all(p.text == LAW[p.start:p.end] for p in passages)
    for p in passages:
        inside = [a for a in articles if a[0] < p.end and p.start < a[1]]
        assert len(inside) <= 1, p.text
    # without the units, min_chars would merge the short article 1 with article 2
    merged = split_passages(LAW, max_chars=300, min_chars=350)
    assert any(p.text.count("Điều ") >= 2 for p in merged)


def test_a_table_row_is_never_cut():
    row = " | ".join(f"Chỉ tiêu {i}: xã đạt {i} tiêu chí về giao thông, thủy lợi, điện và trường học" for i in range(8))
    assert 600 < len(row) < 900
    text = ("Bảng tổng hợp các chỉ tiêu của tỉnh trong giai đoạn này được trình bày dưới đây. " * 5) + "\n\n" + row
    passages = split_passages(text, max_chars=500, min_chars=100)
    start = text.index(row)
    touching = [p for p in passages if p.start < start + len(row) and p.end > start]
    assert touching and all(p.start <= start and p.end >= start + len(row) for p in touching)
