import random
import re
import unicodedata

import pytest

from knowledge.text import normalize
from knowledge.text.segment import canonical, segment, segment_tokens, syllabify
from tests.auxil import paths

CORPUS = sorted(paths.CORPUS.glob("*.txt"))
DASHES = re.compile("[\u2010-\u2014\u2212]")


def tokens(text: str) -> list[str]:
    return segment(text).split()


@pytest.mark.parametrize(
    "protected",
    [
        # document numbers
        "318/QĐ-TTg",
        "1416/KH-UBND",
        "122/2018/NĐ-CP",
        "6425/UBND-VHXH",
        "51/2025/QĐ-TTg",
        "26-NQ/TW",
        "QĐ-TTg",
        # dates, ratios, percentages, decimals, times, ranges
        "22/10/2020",
        "12/01/2024",
        "15/2/2026",
        "94/151",
        "10/15",
        "62,2%",
        "99,32%",
        "1,8%",
        "23,2",
        "1.000.000",
        "13:08",
        "2021-2025",
        # addresses
        "bbtntm@longan.gov.vn",
        "https://kinhtedothi.vn/hai-duong-thuc-hien-muc-tieu-quoc-gia-xay-dung-ntm-nam-2025.html",
        "Bacgiang.gov.vn",
        "TP.HCM",
    ],
)
def test_protected_token_survives_whole(protected):
    for text in (
        f"Theo văn bản {protected} của tỉnh",
        f"{protected}",
        f"({protected}).",
        f"đạt {protected}, tăng {protected};",
    ):
        assert protected in tokens(text), (text, segment(text))


@pytest.mark.parametrize(
    ("written", "token"),
    [
        ("giai đoạn 2021 - 2025 của", "2021-2025"),
        ("giai đoạn 2021 – 2025 của", "2021-2025"),
        ("đạt 82 % dân số", "82%"),
        ("số 318/QĐ–TTg ngày", "318/QĐ-TTg"),
        ("khoảng 15-20% hộ", "15-20%"),
    ],
)
def test_spaced_or_dashed_spans_get_one_canonical_token(written, token):
    assert token in tokens(written)


def test_numbers_with_units_stay_apart_but_whole():
    assert tokens("thu nhập đạt 54 triệu đồng/người/năm") == [
        "thu_nhập",
        "đạt",
        "54",
        "triệu",
        "đồng",
        "/",
        "người",
        "/",
        "năm",
    ]
    assert "1.000.000" in tokens("hỗ trợ 1.000.000 đồng")


def test_url_keeps_no_trailing_punctuation():
    assert tokens("Nguồn: https://kinhtedothi.vn/a-b.html.")[-2:] == ["https://kinhtedothi.vn/a-b.html", "."]
    assert tokens("(xem www.longan.gov.vn)") == ["(", "xem", "www.longan.gov.vn", ")"]


def test_full_stop_is_not_glued_to_a_capitalised_word():
    # pyvi's own syllabifier yields "NTM." here; the word must match "NTM".
    assert tokens("đạt chuẩn NTM. Các xã")[-4:] == ["NTM", ".", "Các", "xã"]


def test_words_are_joined_with_underscores():
    assert segment("Ủy ban nhân dân Thành phố Hồ Chí Minh hỗ trợ hợp tác xã") == (
        "Ủy_ban nhân_dân Thành_phố Hồ_Chí_Minh hỗ_trợ hợp_tác_xã"
    )
    assert "nông_thôn" in tokens("xây dựng nông thôn mới")


def test_plain_prose_segments_exactly_like_pyvi():
    """Contract with pyvi 0.1.1: we reuse its CRF, so plain text must not drift."""
    from pyvi import ViTokenizer

    checked = 0
    for path in CORPUS:
        for line in normalize(path.read_text(encoding="utf-8")).split("\n"):
            # pyvi itself breaks digits, dotted capitals and URLs; compare the rest.
            if not line.strip() or re.search(r"\d|[A-Z]\.|\w\.\w|/|@|…|\.\.", line):
                continue
            assert segment(line) == ViTokenizer.tokenize(line), line
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_segmentation_keeps_every_character(path):
    raw = path.read_text(encoding="utf-8")
    seg = segment(raw)
    squeeze = lambda s: DASHES.sub("-", "".join(s.split()))  # noqa: E731
    assert squeeze(seg.replace("_", "")) == squeeze(normalize(raw))
    assert unicodedata.is_normalized("NFC", seg)


def test_output_is_normalized():
    decomposed = unicodedata.normalize("NFD", "Hoà Bình thuỷ lợi")
    assert segment(decomposed) == unicodedata.normalize("NFC", segment("Hòa Bình thủy lợi"))
    assert "hoà" not in segment("hoà bình")


def test_lines_stay_lines_and_headings_do_not_join_the_next_line():
    assert segment("Kế hoạch\nthực hiện\n\n\nnông thôn mới") == "Kế_hoạch\nthực_hiện\nnông_thôn mới"


def test_token_offsets_point_into_the_normalized_text():
    text = "Bắc  Giang có 05 xã (62,2 %) theo 318/QĐ–TTg; hoà"
    norm = normalize(text)
    for tok in segment_tokens(text):
        span = norm[tok.start : tok.end]
        if tok.kind in ("word", "punct"):
            assert span.split() == tok.text.split("_")
        else:
            assert canonical(span) == tok.text


def test_kinds():
    kinds = {t.text: t.kind for t in syllabify("Ngày 22/10/2020, 318/QĐ-TTg: 94/151 xã (62,2%), 2021-2025 lúc 13:08.")}
    assert kinds["22/10/2020"] == "date"
    assert kinds["318/QĐ-TTg"] == "docno"
    assert kinds["94/151"] == "ratio"
    assert kinds["62,2%"] == "percent"
    assert kinds["2021-2025"] == "range"
    assert kinds["13:08"] == "time"
    assert kinds["xã"] == "word"
    assert kinds[","] == "punct"


@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\u200b"])
def test_empty_input(text):
    assert segment(text) == ""
    assert segment_tokens(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👍", "👍"),
        ("Tốt quá 👍👍", "Tốt quá 👍 👍"),
        ("!!! ???", "! ! ! ? ? ?"),
        ("123 456", "123 456"),
        ("... …", "... …"),
    ],
)
def test_no_letters_or_emoji(text, expected):
    assert segment(text) == expected


def test_long_input():
    rng = random.Random(7)
    words = "xã nông thôn mới đạt chuẩn 318/QĐ-TTg 62,2% 22/10/2020 kiểu mẫu ; . , 👍 (NTM) 2021 - 2025".split()
    text = " ".join(rng.choice(words) for _ in range(1200))[:5000]
    out = segment(text)
    assert "318/QĐ-TTg" in out.split() and "nông_thôn" in out
    one_line = "a" * 5000
    assert segment(one_line) == one_line


def test_document_numbers_typed_in_lower_case_stay_whole():
    assert tokens("quyết định 318/qđ-ttg và 122/2018/nđ-cp") == [
        "quyết_định",
        "318/qđ-ttg",
        "và",
        "122/2018/nđ-cp",
    ]
    # a unit after a slash is not a document number when a space precedes it
    assert tokens("54 triệu đồng/người/năm")[:4] == ["54", "triệu", "đồng", "/"]


def test_dash_variants_are_literal_characters_not_a_regex_range():
    # A bare code must not swallow what follows "(" and a range needs a real dash.
    assert tokens("(QĐ-TTg)") == ["(", "QĐ-TTg", ")"]
    assert tokens("2021—2025 và 2021−2025") == ["2021-2025", "và", "2021-2025"]
    assert tokens("năm 2021/ 2025") == ["năm", "2021", "/", "2025"]
