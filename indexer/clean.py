"""Turn text copied from a web page or extracted from a file into article text.

Pages copied from Vietnamese news and government sites carry menus, rating
and comment widgets, visit counters, SharePoint field lists and footers with
addresses. Passages built from that junk would be retrieved and cited, so it
is removed here, before splitting.

The rules work on lines and on the article's shape, not on a list of sites:

1. Unambiguous junk lines (a line that is only "Rate this post", a visit
   counter, a date line with a weekday, an image file name...) are dropped
   anywhere.
2. Hard-wrapped lines are joined into paragraphs.
3. Each paragraph is "content" (a sentence or a long line), "weak" (a menu
   word, a category name, a footer label such as "Địa chỉ:") or "short"
   (a subheading, a byline). Before the first content paragraph (the head)
   weak paragraphs go; after the last one (the tail) everything goes, which
   removes bylines, "Nguồn: ..." lines and footers; in between, weak
   paragraphs go only when they sit next to other junk, so a real subheading
   like "Đánh giá" inside the article stays.

Attribution ("Nguồn: ...", "(Thanhuytphcm.vn) -") is removed from the text;
`indexer.metadata` reads it from the raw text, which is why cleaning and
metadata extraction both take the raw text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.text.dates import MONTH_WORDS
from knowledge.text.normalize import fold, normalize

# ---------------------------------------------------------------- patterns
# All junk patterns are matched against the accent-folded, lower-cased line
# (see `fold`) with spaces collapsed, so "Bình luận", "BÌNH LUẬN" and
# "Binh luan" are one rule.

_JUNK_LINES = [
    # navigation, accessibility and page tools
    r"skip (ribbon commands|to (main )?content|navigation|links)",
    r"toggle navigation|main menu|menu chinh|(mo|dong) menu",
    r"(ve|len|quay lai) dau trang|back to top|quay lai|tro ve",
    r"(tu viet tat )?(xem voi )?co chu( ?:)?( ?a[-+]?)*",
    r"tu viet tat",
    r"tim theo ngay ?:?",
    r"(trang chu|home)( ?[>»/|›-] ?[^>»/|›]{1,40})+",  # breadcrumbs
    r"(in bai|in trang|ban in|gui email|gui bai|gui cho ban be|chia se|share|tweet|print|email|luu bai|"
    r"bao loi|facebook|zalo|twitter|like|copy link|sao chep lien ket)"
    r"( ?[|/•·-]? ?(in bai|in trang|ban in|gui email|gui bai|chia se|share|tweet|print|email|luu bai|"
    r"bao loi|facebook|zalo|twitter|like|copy link|sao chep lien ket))*",
    r"(xem|doc) (them|tiep|chi tiet|toan van)( ?[:>»]+)?|xem them ?>>|chi tiet ?>>",
    r"loading\.*|dang tai\.*|refresh|tai lai",
    r"quang cao|advertisement|sponsored",
    # rating and comment widgets
    r"rate this (post|article|page|item)",
    r"\(?di chuot vao ngoi sao de chon diem\)?",
    r"(click|nhap|bam) (vao|chuot vao) (ngoi sao|sao) de (danh gia|cham diem).*",
    r"(danh gia|binh chon)( bai viet)?:? ?\d[\d.,]*( ?/ ?\d+)?( sao)?|(danh gia|binh chon) bai viet",
    r"leave a (reply|comment)|cancel reply|post comment|submit comment|reply",
    r"your email address will not be published.*",
    r"required fields are marked.*",
    r"save my name, email.*",
    r"(comment|name|email|website) ?\*?",
    r"\d* ?(binh luan|comments?) ?(\(\d+\))?",
    r"(tong|so) (luot|so) binh luan.*",
    r"(gui|viet|them) (binh luan|y kien|phan hoi)( cua ban)?.*",
    r"y kien (ban doc|cua ban)|y kien phan hoi|binh luan cua ban",
    r"(ho (va )?ten|ma xac nhan|ma bao ve|nhap ma)( ?\*)? ?:?",
    # counters and permissions (SharePoint and portal widgets)
    r"(so )?(luot (nguoi )?(xem|doc|truy cap)|so luot truy cap|dang truy cap|dang online|dang truc tuyen|"
    r"truc tuyen|hom nay|hom qua|tuan nay|thang nay|tong (so )?(luot )?truy cap|thong ke truy cap|"
    r"luot xem|khach|thanh vien)( ?:)? ?[\d.,\s]*",
    r"thong ke truy cap.*",
    r"manage permissions.*|version history.*|approval status|attachments|content type ?:.*",
    r"version ?:.*|created at.* by.*|last modified at.* by.*",
    r"chung nhan tin nhiem mang|tin nhiem mang",
    # legal notices and credits
    r"(©|\(c\)|(copyright|ban quyen)\b).{0,150}",
    r"all rights reserved.*|powered by.*|(thiet ke|phat trien) (boi|web).*|designed by.*",
    r"ghi ro nguon.{0,100}",
    # state document header boilerplate
    r"cong hoa xa hoi chu nghia viet nam",
    r"doc lap\W+tu do\W+hanh phuc\W*",
    # tags and keyword lists
    r"(tag|tags|tu khoa|the|chu de|chuyen muc) ?:.{0,200}",
    # photo credits, image file names, page numbers, separators
    r"\(?anh( minh hoa)?( ?: ?.{0,60})?\)?",
    r"[\w ().,-]{1,120}\.(jpe?g|png|gif|webp|bmp|tiff?)",
    r"(trang|page) \d{1,4}( ?(/|tren|of) ?\d{1,4})?|- ?\d{1,4} ?-|\d{1,4} ?/ ?\d{1,4}",
]
_JUNK_RE = re.compile(rf"(?:{'|'.join(_JUNK_LINES)})")

_WEEKDAY = (
    r"(thu (hai|ba|tu|nam|sau|bay|2|3|4|5|6|7)|chu nhat|cn|t[2-7])"
)
_DATE = (
    r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|(ngay )?\d{1,2} thang \d{1,2},? (nam )?\d{4}"
    rf"|\d{{1,2}} thang {MONTH_WORDS},? \d{{4}}|thang {MONTH_WORDS} \d{{1,2}},? \d{{4}})"
)
_TIME = r"(\d{1,2}[:h]\d{2}( ?(am|pm|sa|ch))?( ?\(?gmt ?[+-] ?\d+\)?)?)"
# A line that is only a date stamp: "Thứ sáu, 12/01/2024 13:08",
# "Cập nhật lúc 08:00 ngày 12/01/2024", "11/05/2021 | Nguyễn Thị Anh Nhung".
_DATELINE_RE = re.compile(
    rf"((cap nhat|ngay dang|ngay cap nhat|dang (luc|ngay)|ngay xuat ban|thoi gian dang|published|posted|"
    rf"updated)( (luc|ngay|on))? ?:? ?)?"
    rf"({_WEEKDAY}\W*)?(ngay )?({_TIME}\W*)?(ngay )?{_DATE}(\W*(luc )?{_TIME})?"
    rf"( ?[|•·-] ?[^|•·\d.,;:!?]{{0,50}})?"  # "| Nguyễn Thị Anh Nhung": an author, not a sentence
)

# "Long An, ngày 11 tháng 5 năm 2021": the date line of a state document or letter.
_PLACE_DATE_RE = re.compile(r"[^\W\d][\w .-]{1,40}, ngay \d{1,2} thang \d{1,2} nam \d{4}\.?")

# Paragraphs that are junk only near other junk or outside the article body:
# menu entries, site sections, SharePoint field labels, footer labels.
_WEAK_WORDS = {
    # site sections and widgets
    "trang chu", "home", "menu", "tin tuc", "tin tuc su kien", "su kien", "tin khac", "cac tin khac",
    "tin lien quan", "bai lien quan", "bai viet lien quan", "tin cung chuyen muc", "tin moi",
    "tin moi nhat", "tin moi hon", "tin cu hon", "tin noi bat", "tin tieu diem", "doc nhieu",
    "doc nhieu nhat", "xem nhieu", "xem nhieu nhat", "thong bao", "lien ket website", "lien ket",
    "website lien ket", "van ban moi", "van ban", "van ban chi dao dieu hanh", "video", "hinh anh",
    "thu vien anh", "thu vien video", "media", "tim kiem", "search", "gioi thieu", "lien he",
    "so do site", "so do trang", "sitemap", "rss", "hoi dap", "danh gia", "y kien", "binh chon",
    "dang nhap", "dang ky", "login", "chuyen muc", "lich cong tac", "thu tuc hanh chinh",
    "dich vu cong", "tra cuu",
    # news categories
    "thoi su", "chinh tri", "kinh te", "xa hoi", "phap luat", "van hoa", "the thao", "giao duc",
    "suc khoe", "doi song", "me va be", "gia dinh", "du lich", "cong nghe", "khoa hoc",
    "khoa hoc cong nghe", "quoc te", "the gioi", "giai tri", "nong nghiep", "nong thon moi",
    "ban doc", "goc nhin", "tieu diem", "chuyen de", "phong su", "multimedia", "emagazine",
    "infographic", "podcast", "dia phuong", "trong nuoc", "kinh doanh", "bat dong san", "oto xe may",
    "xe", "so hoa", "nha dat", "viec lam", "an ninh", "quoc phong", "chinh sach",
    # SharePoint / CMS field labels
    "tieu de", "hinh anh mo ta", "tom tat", "noi dung", "link thay the noi dung", "ngay xuat ban",
    "tac gia", "phan loai", "loai bai viet", "so trang", "so anh", "trang thai", "lich su",
    "so luot nguoi doc", "ngay tao", "nguoi tao", "ngay sua", "nguoi sua", "duyet",
}
# Footer labels ("Địa chỉ: ...", "Cơ quan chủ quản: ..."), the site's own
# name line, and a short attribution ("Theo TTXVN").
_WEAK_LABEL_RE = re.compile(
    r"(dia chi|tru so|dien thoai|dt|tel|fax|email|e-mail|hotline|duong day nong|co quan chu quan|"
    r"co quan quan tri|co quan thuong truc|don vi quan ly|quan ly boi|chiu trach nhiem( chinh| noi dung)?|"
    r"giay phep( so)?|tong bien tap|pho tong bien tap|truong ban bien tap|ban bien tap|toa soan|"
    r"nguon( tin| bai viet| anh)?|link (goc|bai viet)|xem bai goc( tai)?) ?: ?.*"
)
_WEAK_SITE_RE = re.compile(
    r"(trang thong tin dien tu|cong thong tin dien tu|trang tin dien tu|bao dien tu|tap chi dien tu)\b[^.!?]*"
)
_WEAK_THEO_RE = re.compile(r"\(?theo [^,;:]{2,60}\)?\.?")

_LIST_MARKER_RE = re.compile(
    r"^([-–—+•*▪●○◦·]\s|\d{1,3}[.)]\s|[a-zđ][.)]\s|[IVXLC]{1,6}[.)]\s|(Điều|Khoản|Mục|Bước) \d+)"
)
# "85/KH-UBND", "122/2018/NĐ-CP": a state document number.
DOC_NUMBER_RE = re.compile(r"\b\d+(/\d{4})?/[A-ZĐ][A-ZĐ0-9-]*\b")
_TERMINAL = ".!?…:;"
_CLOSERS = "\"'”’»)]"
# "(Thanhuytphcm.vn) - " or "TTO - " opening the lead paragraph.
LEAD_MARKER_RE = re.compile(
    r"^(\((?P<paren>[^()]{2,40})\)|(?P<bare>[A-ZĐ][\w.]{1,24}(\.vn|\.VN|\.com|\.net|O)))\s*[-–—]+\s+"
)
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in range(0x300, 0x370)}  # combining marks
    for start, end in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00)):
        for cp in range(start, end):
            folded = fold(chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    return table


# `fold` as a translation table: the same result on Latin text, many times faster
# on the long lines of a PDF (every line is folded once to test the rules).
_FOLD_TABLE = _fold_table()


@functools.lru_cache(maxsize=8192)
def fold_line(line: str) -> str:
    """Folded, space-collapsed form used by every line rule (cached: each
    paragraph is asked several questions)."""
    return " ".join(line.translate(_FOLD_TABLE).split())


def is_junk_line(line: str) -> bool:
    """A line that is page chrome wherever it appears (widget, counter, date stamp)."""
    if not re.search(r"\w", line):
        return True  # blank, or separators such as "|", "»", "* * *"
    if len(line) > 400:
        return False
    return bool(_JUNK_RE.fullmatch(fold_line(line))) or is_dateline(line)


def is_dateline(line: str) -> bool:
    """A line that only states when the page or document is dated (and maybe by whom)."""
    if len(line) > 200:
        return False
    key = fold_line(line)
    return bool(_DATELINE_RE.fullmatch(key) or _PLACE_DATE_RE.fullmatch(key))


def is_weak_line(line: str) -> bool:
    """Menu word, section name, footer label or all-caps widget heading."""
    if len(line) > 400:
        return False  # every rule below is for lines of at most 40 words
    key = fold_line(line).strip(" :.")
    if key in _WEAK_WORDS:
        return True
    words = len(line.split())
    if words <= 40 and _WEAK_LABEL_RE.fullmatch(key):
        return True
    if words <= 20 and _WEAK_SITE_RE.fullmatch(key):
        return True
    if words <= 8 and _WEAK_THEO_RE.fullmatch(key):
        return True
    if words > 8 or is_list_item(line):
        return False  # "I. MỤC ĐÍCH, YÊU CẦU": a section heading of a state document
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_list_item(line: str) -> bool:
    return bool(_LIST_MARKER_RE.match(line))


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_content(line: str) -> bool:
    """A paragraph that reads as article prose, a list item or a table row of it."""
    words = len(line.split())
    if is_list_item(line):
        return words >= 3
    if " | " in line and (words >= 6 or re.search(r"\d", line)):
        return True  # a table row (readers join cells with " | ")
    return words >= 10 or (words >= 3 and ends_sentence(line))


# --------------------------------------------------------------- pipeline
@dataclass
class _Para:
    text: str
    junk: bool = False  # dropped; kept so that neighbours know junk was here


def clean_text(text: str, *, title: str | None = None) -> str:
    """Article text only, NFC, paragraphs separated by a blank line.

    `title`, when known, removes the headline and captions that repeat it
    (the title is stored separately and shown with every passage).
    """
    return _clean(text, title)


@functools.lru_cache(maxsize=4)
def _clean(text: str, title: str | None) -> str:
    # cached: metadata extraction and the reader clean the same raw text
    paras = [_Para(t, junk) for t, junk in _cached_paragraphs(normalized(text))]
    if title:
        for para in paras:
            if not para.junk and repeats_title(para.text, title):
                para.junk = True
    _drop_related_lists(paras)
    _drop_recipients_and_signature(paras)
    _drop_by_position(paras)
    kept = [p.text for p in paras if not p.junk]
    if kept:
        kept[0] = LEAD_MARKER_RE.sub("", kept[0], count=1)
    kept = [_tidy(p) for p in kept]
    return "\n\n".join(p for p in kept if p)


def paragraphs(text: str) -> list[tuple[str, bool]]:
    """(paragraph, is_junk_line) in order, after unwrapping.

    Junk lines are kept (flagged) because metadata reads datelines from them.
    """
    return list(_cached_paragraphs(normalized(text)))


@functools.lru_cache(maxsize=4)
def normalized(text: str) -> str:
    """`normalize`, cached: the reader, the metadata and the cleaner all
    start from the same raw text, and normalising a long PDF is not free."""
    return normalize(text)


@functools.lru_cache(maxsize=4)
def _cached_paragraphs(text: str) -> tuple[tuple[str, bool], ...]:
    return tuple((p.text, p.junk) for p in _paragraphs(text))


def _paragraphs(text: str) -> list[_Para]:
    """Blank and junk lines end a paragraph; wrapped lines inside one are joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    paras: list[_Para] = []
    block: list[str] = []

    def flush() -> None:
        paras.extend(_Para(p) for p in _unwrap(block))
        block.clear()

    for raw in text.split("\n"):
        line = _SPACES_RE.sub(" ", raw).strip()
        if not line:
            flush()  # blank lines only end paragraphs
        elif is_junk_line(line):
            flush()
            paras.append(_Para(line, junk=True))
        else:
            block.append(line)
    flush()
    return paras


def _unwrap(block: list[str]) -> list[str]:
    """Lines of one block -> paragraphs.

    A line continues the previous one when it starts in lower case, or when
    the block is hard-wrapped (most lines fill the same width, as in PDF
    text) and the previous line stops mid-sentence. Web copy, one paragraph
    per line of any length, is left alone; so are labels such as "Địa chỉ:".
    """
    if not block:
        return []
    width = max(len(line) for line in block)
    filled = sum(len(line) >= 0.8 * width for line in block[:-1])
    # Lines that would continue a sentence mostly start in lower case when
    # the block really is wrapped; in web copy they start new paragraphs.
    followers = [b for a, b in zip(block, block[1:], strict=False) if not ends_sentence(a) and not is_list_item(b)]
    lower = sum(b[:1].islower() or b[:1].isdigit() for b in followers)
    hard_wrapped = (
        len(block) >= 3 and width <= 200 and filled >= 0.5 * (len(block) - 1) and lower >= 0.4 * len(followers)
    )
    out = [block[0]]
    last_physical = block[0]
    for line in block[1:]:
        prev = out[-1]
        continues = line[:1].islower() or (line[:1].isdigit() and not is_list_item(line))
        fills = hard_wrapped and len(last_physical) >= 0.6 * width
        wrapped = (
            (continues or fills)
            and not ends_sentence(prev)
            and not is_list_item(line)
            and not is_weak_line(line)
            and not is_weak_line(last_physical)
        )
        if wrapped:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
        last_physical = line
    return out


def _drop_by_position(paras: list[_Para]) -> None:
    live = [i for i, p in enumerate(paras) if not p.junk]
    content = [i for i in live if is_content(paras[i].text) and not is_weak_line(paras[i].text)]
    if not content:
        for i in live:
            if is_weak_line(paras[i].text):
                paras[i].junk = True
        return
    first, last = content[0], content[-1]
    for i in live:
        para = paras[i]
        if i > last:
            para.junk = True  # tail: bylines, sources, footers, widgets
        elif i < first:
            short = len(para.text.split()) <= 4 and not DOC_NUMBER_RE.search(para.text)
            if is_weak_line(para.text) or (short and _near_junk(paras, i)):
                para.junk = True
        elif is_weak_line(para.text) and _near_junk(paras, i):
            para.junk = True


def _drop_recipients_and_signature(paras: list[_Para]) -> None:
    """A state document ends with "Nơi nhận:" (the distribution list) and the
    signature block; both go, from that line on."""
    seen_content = False
    for k, para in enumerate(paras):
        if para.junk:
            continue
        if seen_content and re.fullmatch(r"noi nhan ?:?.{0,80}", fold_line(para.text)):
            for rest in paras[k:]:
                rest.junk = True
            return
        seen_content = seen_content or is_content(para.text)


def _near_junk(paras: list[_Para], i: int) -> bool:
    """Is a removed or weak paragraph directly before or after paragraph i?"""
    return any(
        0 <= j < len(paras) and (paras[j].junk or is_weak_line(paras[j].text)) for j in (i - 1, i + 1)
    )


_RELATED_RE = re.compile(
    r"(cac )?(tin|bai( viet)?) (lien quan|cung chuyen muc|khac|moi hon|cu hon)|xem them|doc them"
    r"|co the ban quan tam|co the ban chua doc"
)


def _drop_related_lists(paras: list[_Para]) -> None:
    """After a "Tin liên quan" heading, the linked headlines (no final stop) go too."""
    dropping = False
    for para in paras:
        if _RELATED_RE.fullmatch(fold_line(para.text).strip(" :>»")):
            para.junk = dropping = True
        elif dropping and not para.junk:
            if ends_sentence(para.text) or len(para.text.split()) > 30:
                dropping = False
            else:
                para.junk = True


def repeats_title(paragraph: str, title: str) -> bool:
    """The headline itself or a photo caption restating it."""
    a, b = _comparable(paragraph), _comparable(title)
    if not a or not b or len(a) > 1.4 * len(b) + 10:
        return False
    return a == b or fuzz.ratio(a, b) >= 88


def _comparable(text: str) -> str:
    key = fold_line(text)
    key = re.sub(r"\bntm\b", "nong thon moi", key)
    key = re.sub(r"\bmtqg\b", "muc tieu quoc gia", key)
    return re.sub(r"[^\w ]+", "", key).strip()


_PHOTO_CREDIT_RE = re.compile(r"\s*\((ảnh|Ảnh|ẢNH)\s*:[^()]{1,60}\)$")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"(\w) +([,;:!?).])(?=\s|$)")


def _tidy(paragraph: str) -> str:
    """Drop a trailing "(Ảnh: ...)" credit; no space before punctuation ("nâng cao , năm")."""
    if paragraph.endswith(")"):
        paragraph = _PHOTO_CREDIT_RE.sub("", paragraph)
    if " " in paragraph:
        paragraph = _SPACE_BEFORE_PUNCT_RE.sub(r"\1\2", paragraph)
    return paragraph.strip()
