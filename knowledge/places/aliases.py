"""Ways of writing a province that `vietnamadminunits` does not list.

The package gives each province an official name ("Thành phố Hồ Chí Minh")
and a short one ("Hồ Chí Minh"); articles and officials also write "TP.HCM",
"Sài Gòn", "BR-VT" or "Đăk Lăk". These are the only place names kept by hand,
keyed by the package's province key, and spelt as documents spell them
(capitals matter where running text is searched). Each tier is narrower than
the one before, because a short form that is safe in a typed province field
collides with ordinary words in an article.
"""

from __future__ import annotations

# Written in articles and typed in questions alike.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "thanhphohochiminh": (
        "TPHCM", "TP.HCM", "TP. HCM", "TP HCM", "Tp.HCM", "Tp. HCM", "Tp HCM", "TpHCM", "HCMC",
        "Sài Gòn", "Saigon", "Ho Chi Minh City",
    ),
    "thanhphohanoi": ("Hanoi",),
    "tinhbariavungtau": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa–Vũng Tàu", "BR-VT", "BRVT", "Vũng Tàu"),
    "tinhdaklak": ("Đăk Lăk", "Đắk Lăk", "Đắc Lắc", "Daklak", "Dak Lak"),
    "tinhdaknong": ("Đăk Nông", "Đắc Nông", "Dak Nong", "Daknong"),
    "tinhkontum": ("Kontum",),
}

# A province's name before it was renamed; old documents still use it, and
# what is cited from them keeps it ("Thừa Thiên Huế", a city since January 2025).
FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "thanhphohue": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên-Huế"),
}

# Cities whose short name alone is more often a person than the city: never
# counted in running text ("phong cách Hồ Chí Minh"), fine in a question.
PERSON_NAMES = frozenset({"thanhphohochiminh"})

# Typed in questions only: in articles these are as often something else.
QUERY_ONLY: dict[str, tuple[str, ...]] = {
    "thanhphohochiminh": ("HCM",),
}

# Only where a province is expected (the last words of "/xa Tân Phú, HN"):
# anywhere else two letters collide with ordinary words.
SHORTHANDS: dict[str, tuple[str, ...]] = {
    "thanhphohochiminh": ("SG",),
    "thanhphohanoi": ("HN", "TPHN"),
    "tinhbariavungtau": ("Bà Rịa",),
    "thanhphohue": ("TTH",),
}

# How target tables name a city whose short name is a person's.
DISPLAY: dict[str, str] = {"thanhphohochiminh": "TP. Hồ Chí Minh"}

# Word-for-word ways of writing "Thành phố" before a city's short name.
CITY_PREFIXES = ("Thành phố ", "thành phố ", "TP. ", "TP.", "TP ", "Tp. ", "Tp ")
