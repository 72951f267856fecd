"""Vietnamese vocabulary of targets, as patterns on accent-folded text.

Kept apart from the extractor so that a new unit, level or indicator is a
one-line change here, not a new special case in the parsing code.
"""

from __future__ import annotations

import re

# A number as written: "05", "62,2", "1.234", "3.321,5".
NUM = r"\d+(?:[.,]\d+)*"

# Counted units, longest first (canonical spelling on the right).
UNITS = (
    ("khu dan cu", "khu dân cư"), ("to dan pho", "tổ dân phố"), ("thi xa", "thị xã"),
    ("thanh pho", "thành phố"), ("thi tran", "thị trấn"), ("ho gia dinh", "hộ"), ("xa", "xã"),
    ("huyen", "huyện"), ("thon", "thôn"), ("ap", "ấp"), ("ban", "bản"), ("lang", "làng"),
    ("xom", "xóm"), ("ho", "hộ"), ("tinh", "tỉnh"), ("quan", "quận"), ("phuong", "phường"),
)
UNIT_RE = "|".join(f for f, _ in UNITS)
UNIT_NAMES = dict(UNITS)

# Lists of administrative units written with commas ("huyện, thành phố, thị xã")
# and the level "văn hóa, nông thôn mới" must not be cut at their commas.
PROTECTED_COMMAS = (
    re.compile(r"\b(?:huyen|thanh pho|thi xa|quan|phuong|thi tran|xa)\s*(,)\s*"
               r"(?=(?:huyen|thanh pho|thi xa|quan|phuong|thi tran)\b)"),
    re.compile(r"\bvan hoa\s*(,)\s*(?=nong thon moi|ntm)"),
)

# NTM levels. An anchor is "NTM"/"nông thôn mới", optionally preceded by
# "văn hóa" and followed by the grade; the program's own name ("xây dựng
# nông thôn mới", "Chương trình ... NTM") is not a level.
LEVEL_ANCHOR = re.compile(
    r"(?P<vh>van hoa\W{0,3})?\b(?:ntm|nong thon moi)\b(?P<grade>\s+(?:nang cao|kieu mau|thong minh))?"
)
NOT_A_LEVEL_BEFORE = re.compile(r"(?:xay dung|chuong trinh|mtqg|muc tieu quoc gia|nhiem vu)\s*$")
BARE_GRADE = re.compile(r"\b(kieu mau|nang cao)\b")
NTM = "NTM"
NANG_CAO = "NTM nâng cao"
KIEU_MAU = "NTM kiểu mẫu"
THONG_MINH = "NTM thông minh"
VAN_HOA = "văn hóa, NTM"
LEVELS = (NTM, NANG_CAO, KIEU_MAU, VAN_HOA, THONG_MINH)
LEVEL_TITLES = {
    NTM: "đạt chuẩn NTM",
    NANG_CAO: "NTM nâng cao",
    KIEU_MAU: "NTM kiểu mẫu",
    THONG_MINH: "NTM thông minh",
    VAN_HOA: "đạt tiêu chí văn hóa, NTM",
}
_GRADES = {"nang cao": NANG_CAO, "kieu mau": KIEU_MAU, "thong minh": THONG_MINH}


def level_of(match: re.Match) -> str:
    if match.group("vh"):
        return VAN_HOA
    grade = (match.group("grade") or "").strip()
    return _GRADES.get(grade, NTM)


# Social indicators: folded pattern -> display name.
INDICATORS = (
    (r"can ngheo", "Tỷ lệ hộ cận nghèo"),
    (r"ho ngheo|ty le ngheo|ngheo da chieu", "Tỷ lệ hộ nghèo"),
    (r"thu nhap", "Thu nhập bình quân đầu người"),
    (r"\bbhyt\b|bao hiem y te", "Tỷ lệ tham gia BHYT"),
    (r"nuoc sach|nuoc hop ve sinh", "Tỷ lệ dân số dùng nước sạch"),
    (r"lao dong (?:qua|duoc) dao tao", "Tỷ lệ lao động qua đào tạo"),
    (r"chat thai ran", "Tỷ lệ chất thải rắn được thu gom, xử lý"),
    (r"che phu rung", "Tỷ lệ che phủ rừng"),
    (r"gia dinh van hoa", "Tỷ lệ gia đình văn hóa"),
    (r"nha (?:o )?(?:tam|dot nat)", "Nhà tạm, dột nát"),
)
INDICATOR_RES = tuple((re.compile(p), name) for p, name in INDICATORS)
RATE_PHRASE = re.compile(r"\bty le\b")

# Words right before a figure that qualify it ("ít nhất 50%", "trên 99,32%").
QUALIFIER = re.compile(
    r"(?:\b(?:it nhat|toi thieu|toi da|tren|duoi|hon|khoang|gan|xap xi|giam con|giam xuong con|"
    r"giam xuong|con)\b)\s*$"
)

# Kind markers, searched in the clause before the figure.
TOTAL_MARKER = re.compile(r"\b(?:nang tong(?: so)?|tong so|luy ke|tong cong)\b")
ADDITIONAL_MARKER = re.compile(r"\bthem\b|\bcong nhan(?: moi)?\s*$")
HAS_MARKER = re.compile(r"\b(?:trong do(?: co)?|phan dau co|phan dau dat|dat|co)\s*$")

# "năm 2025" (not the "năm" of a date "ngày 21 tháng 7 năm 2024").
YEAR = re.compile(r"\bnam\s+((?:19|20)\d{2})\b")
DATE_BEFORE = re.compile(r"thang\s+\d{1,2}\s*$")
YEAR_LABEL = re.compile(r"\bnam\s+((?:19|20)\d{2})\s*:\s*$")
PERIOD = re.compile(r"\b(?:giai doan|thoi ky|den nam|nhiem ky)?\s*((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b")
PERIOD_NOT_TARGET = re.compile(
    r"(?:tieu chi|chuan ngheo|nhiem ky|chuong trinh|nghi quyet|nghi dinh|quyet dinh)[^;:]{0,40}$"
)
