"""Page chrome: lines that are junk anywhere (widgets, counters, share bars, date
stamps) and "weak" lines that are junk next to other junk or outside the
article body (menu words, section names, footer labels).

All patterns are matched against `fold_line` keys.
"""

from __future__ import annotations

import re

from indexer.clean.datelines import is_dateline
from indexer.clean.fold import fold_line
from indexer.clean.lines import is_list_item
from indexer.structure.legal import is_structural_heading

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


def is_junk_line(line: str) -> bool:
    """A line that is page chrome wherever it appears (widget, counter, date stamp)."""
    if not re.search(r"\w", line):
        return True  # blank, or separators such as "|", "»", "* * *"
    if len(line) > 400:
        return False
    return bool(_JUNK_RE.fullmatch(fold_line(line))) or is_dateline(line)


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
    if words > 8 or is_list_item(line) or is_structural_heading(line):
        return False  # "I. MỤC ĐÍCH, YÊU CẦU", "CHƯƠNG II", "PHỤ LỤC I": headings of a state document
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
