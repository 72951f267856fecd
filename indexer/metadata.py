"""Title, publication date, publisher, URL and provinces of one article.

Everything is read from the raw text (before cleaning), because the clues
are exactly what cleaning removes: the date stamp above the headline, the
"(Thanhuytphcm.vn) -" lead, the "Nguồn: ..." line, the site name in the
footer. Provinces are counted in the cleaned text so that a footer address
("Địa chỉ: ... Tỉnh Long An") does not outvote the article.

A date is only taken from the dateline position (a line that is nothing but
a date stamp near the top, or a labelled "Ngày đăng: ..."); dates inside
sentences belong to decrees and plans, not to the article. When none is
found the date is None: an invented date would be cited to users.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from indexer.clean import (
    DOC_NUMBER_RE,
    LEAD_MARKER_RE,
    MONTH_WORDS,
    clean_text,
    ends_sentence,
    fold_line,
    is_content,
    is_dateline,
    is_list_item,
    is_weak_line,
    normalized,
    paragraphs,
)
from knowledge import places
from knowledge.text.normalize import fold, normalize


@dataclass
class Metadata:
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    source: str | None = None
    url: str | None = None
    provinces: list[str] = field(default_factory=list)
    # The title as it appears in the text (headline or given title), which
    # cleaning removes along with captions repeating it. None when the title
    # was derived from the URL or the first sentence.
    headline: str | None = None


def extract_metadata(raw_text: str, *, hints: Metadata | None = None) -> Metadata:
    """Metadata of one article; `hints` (from HTML meta tags, a DOCX title,
    JSONL fields) win over what is guessed from the text."""
    raw = normalized(raw_text)
    hints = hints or Metadata()
    title = tidy_title(hints.title, raw) if hints.title else find_headline(raw)
    headline = title
    issuer = _state_document_header(raw)
    if title and not hints.title and issuer is not None:
        title = _state_document_title(raw, title)
    date = hints.date or find_date(raw)
    source, found_url = find_source(raw, site_hint=hints.source)
    url = hints.url or found_url  # the address of this copy (canonical link) first
    body = clean_text(raw, title=headline)
    if not title:
        title = derive_title(body, url)
    found = hints.provinces or rank_provinces(body, title=title, source=source, issuer=issuer)
    return Metadata(title=title, date=date, source=source, url=url, provinces=found, headline=headline)


# ------------------------------------------------------------------ title
def find_headline(raw: str) -> str | None:
    """The first headline-shaped paragraph above the article body, if any.

    Menu entries, section names and date stamps are skipped; so are lines of
    three words or fewer (a section name not in our lists). A first
    paragraph of more than 35 words is the body itself: no headline.
    """
    for text, junk in paragraphs(raw)[:20]:
        if junk or is_weak_line(text):
            continue
        words = len(text.split())
        if words <= 3:
            continue
        if words > 35 or len(text) > 300 or is_list_item(text) or LEAD_MARKER_RE.match(text):
            return None
        return tidy_title(text, raw)
    return None


_MOTTO_RE = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\W+tu do\W+hanh phuc")
_DOC_TYPES = {
    "ke hoach", "quyet dinh", "thong bao", "bao cao", "nghi quyet", "chi thi", "huong dan", "to trinh",
    "de an", "cong van", "chuong trinh", "thong tu", "nghi dinh", "ke hoach lien tich", "quy che", "quy dinh",
}


def _state_document_header(raw: str) -> str | None:
    """The header of a state document (issuer, number, place and date) as
    one string, or None when the text is not one (no national motto on top)."""
    head = [text for text, _ in paragraphs(raw)[:15]]
    if not any(_MOTTO_RE.fullmatch(fold_line(text).strip(" .")) for text in head):
        return None
    lines = []
    for text in head:
        if len(text.split()) >= 25 and is_content(text):
            break
        lines.append(text)
    return "\n".join(lines)


def _state_document_title(raw: str, headline: str) -> str:
    """'KẾ HOẠCH' + 'Số: 85/KH-UBND' + the subject line ->
    'Kế hoạch 85/KH-UBND: Thực hiện ...' (how officials cite documents)."""
    doc_type, number = None, None
    for text, _ in paragraphs(raw)[:15]:
        key = fold_line(text).strip(" .:")
        if number is None and key.startswith("so"):
            found = DOC_NUMBER_RE.search(text)
            number = found.group() if found else None
        if key in _DOC_TYPES:
            doc_type = text.strip(" .:").capitalize()
        if tidy_title(text) == headline:
            break
    if not doc_type:
        return headline
    return f"{doc_type} {number}: {headline}" if number else f"{doc_type}: {headline}"


def tidy_title(title: str, context: str = "") -> str:
    """One line, no final full stop, quotes balanced (using `context` to
    find where a lost opening quote belonged)."""
    title = re.sub(r"\s+", " ", normalize(title)).strip()
    if title.endswith(".") and not title.endswith("..") and title.count(". ") == 0:
        title = title[:-1]
    title = _balance_quotes(title, context)
    if len(title) >= 2 and title[0] in "\"“" and title[-1] in "\"”" and title.count(title[0]) == 1:
        title = title[1:-1]
    return title.strip()


def _balance_quotes(title: str, context: str) -> str:
    """'… về xã đạt chuẩn” và …' -> '… về “xã đạt chuẩn” và …' when the
    quoted phrase is found quoted in the body; otherwise the stray quote goes."""
    depth, unmatched_close = 0, []
    for i, ch in enumerate(title):
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
            else:
                unmatched_close.append(i)
    if not unmatched_close and depth == 0:
        return title
    quoted = sorted(set(re.findall(r"“([^“”]{2,150})”", context)), key=len, reverse=True)
    chars = list(title)
    for i in reversed(unmatched_close):
        before = title[:i].lower()
        phrase = next((q for q in quoted if before.endswith(q.strip().lower())), None)
        if phrase:
            chars.insert(i - len(phrase.strip()), "“")
        else:
            del chars[i]
    title = "".join(chars)
    if title.count("“") > title.count("”"):
        title = title.replace("“", "")  # opening quotes that never close
    return title


def derive_title(body: str, url: str | None = None) -> str | None:
    """A title for an article copied without its headline.

    News URLs carry the headline as a slug ("hai-duong-thuc-hien-...-2025");
    its words are restored with their diacritics from the body. Failing
    that, the opening clause of the first sentence.
    """
    from_slug = _title_from_slug(body, url) if url else None
    return from_slug or _title_from_lead(body)


def _title_from_slug(body: str, url: str) -> str | None:
    path = unquote(urlsplit(url).path).rstrip("/")
    slug = path.rsplit("/", 1)[-1]
    slug = re.sub(r"\.(html?|aspx?|php|vn)$", "", slug)
    slug = re.sub(r"[-_.](\d{5,}|[a-z]{0,4}\d{5,})$", "", slug)  # article ids
    tokens = [t for t in re.split(r"[-_]+", fold(slug)) if t]
    if len(tokens) < 4 or not all(re.fullmatch(r"[a-z0-9]+", t) for t in tokens):
        return None
    words = [w.strip(".,;:!?()[]“”\"'…") for w in body.split()]
    words = [w for w in words if w]
    folded = [fold_line(w) for w in words]
    starts: dict[str, list[int]] = {}
    for position, word in enumerate(folded):
        starts.setdefault(word, []).append(position)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        best_len, best_at = 0, -1
        for start in starts.get(tokens[i], ()):
            k = 0
            while i + k < len(tokens) and start + k < len(folded) and folded[start + k] == tokens[i + k]:
                k += 1
            if k > best_len:
                best_len, best_at = k, start
        if best_len == 0:
            return None
        out.extend(words[best_at : best_at + best_len])
        i += best_len
    title = " ".join(out)
    return title[:1].upper() + title[1:]


_LEAD_IN_RE = re.compile(r"^(thông tin từ|theo|sáng|chiều|tối|trưa|ngày|hôm|vừa qua|mới đây)\b", re.I)


def _title_from_lead(body: str) -> str | None:
    first = next((p for p in body.split("\n\n") if p.strip()), "")
    sentence = re.split(r"(?<=[.!?…])\s+", first, maxsplit=1)[0].rstrip(".!?… ")
    if not sentence:
        return None
    clauses = [c.strip() for c in sentence.split(",")]
    if len(clauses) > 1 and _LEAD_IN_RE.match(clauses[0]):
        clauses = clauses[1:]
    picked: list[str] = []
    for clause in clauses:
        picked.append(clause)
        if len(" ".join(picked).split()) >= 8:
            break
    words = ", ".join(picked).split()
    title = " ".join(words[:25]) + ("…" if len(words) > 25 else "")
    return title[:1].upper() + title[1:]


# ------------------------------------------------------------------- date
_DATE_LABEL_RE = re.compile(
    r"(ngay dang|ngay dang tai|dang ngay|ngay xuat ban|ngay ban hanh|ngay cap nhat|cap nhat|thoi gian dang|"
    r"published|posted on|date)\s*:?\s*.*\d{4}.*"
)
_MONTHS = {
    "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
    "muoi": 10, "muoi mot": 11, "muoi hai": 12,
}


def find_date(raw: str) -> str | None:
    """Publication date in the dateline position, as yyyy-mm-dd, or None."""
    paras = [text for text, _ in paragraphs(raw)]
    for text in paras[:20]:
        if len(text.split()) >= 25 and is_content(text):
            break  # the body has started; later dates are not datelines
        if is_dateline(text):
            found = parse_date(text)
            if found:
                return found
    for text in paras:
        if len(text.split()) <= 14 and _DATE_LABEL_RE.fullmatch(fold_line(text)):
            found = parse_date(text)
            if found:
                return found
    return None


def parse_date(text: str) -> str | None:
    """First date written in `text` (Vietnamese or ISO forms) as yyyy-mm-dd.

    Day comes before month, as everywhere in Vietnamese; impossible dates
    and years outside 1945..next year give None rather than a guess.
    """
    key = fold_line(text)
    patterns = [
        (r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", ("y", "m", "d")),
        (r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)", ("d", "m", "y")),
        (r"(?<!\d)(\d{1,2}) thang (\d{1,2}),? (?:nam )?(\d{4})(?!\d)", ("d", "m", "y")),
        (rf"(?<!\d)(\d{{1,2}}) thang {MONTH_WORDS},? (\d{{4}})(?!\d)", ("d", "mw", "y")),
        (rf"thang {MONTH_WORDS} (\d{{1,2}}),? (\d{{4}})(?!\d)", ("mw", "d", "y")),
    ]
    found: list[tuple[int, str]] = []
    for pattern, order in patterns:
        for match in re.finditer(pattern, key):
            parts = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS[parts["mw"]] if "mw" in parts else int(parts["m"])
            iso = _valid_date(int(parts["y"]), month, int(parts["d"]))
            if iso:
                found.append((match.start(), iso))
    return min(found)[1] if found else None


def _valid_date(year: int, month: int, day: int) -> str | None:
    if not 1945 <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# ----------------------------------------------------------------- source
# Publishers whose domain is not their name. Others are shown as written
# ("Bacgiang.gov.vn").
KNOWN_SITES = {
    "kinhtedothi.vn": "Kinh tế & Đô thị",
    "baochinhphu.vn": "Báo Điện tử Chính phủ",
    "chinhphu.vn": "Cổng Thông tin điện tử Chính phủ",
    "nongthonmoi.gov.vn": "Văn phòng Điều phối nông thôn mới Trung ương",
    "mard.gov.vn": "Bộ Nông nghiệp và Phát triển nông thôn",
    "mae.gov.vn": "Bộ Nông nghiệp và Môi trường",
    "nhandan.vn": "Nhân Dân",
    "qdnd.vn": "Quân đội nhân dân",
    "cand.com.vn": "Công an nhân dân",
    "daibieunhandan.vn": "Đại biểu Nhân dân",
    "tapchicongsan.org.vn": "Tạp chí Cộng sản",
    "baotintuc.vn": "Tin tức (TTXVN)",
    "vietnamplus.vn": "VietnamPlus (TTXVN)",
    "vov.vn": "VOV",
    "vtv.vn": "VTV",
    "vnexpress.net": "VnExpress",
    "tuoitre.vn": "Tuổi Trẻ",
    "thanhnien.vn": "Thanh Niên",
    "dantri.com.vn": "Dân trí",
    "vietnamnet.vn": "VietNamNet",
    "laodong.vn": "Lao Động",
    "nld.com.vn": "Người Lao Động",
    "sggp.org.vn": "Sài Gòn Giải Phóng",
    "hanoimoi.vn": "Hà Nội Mới",
    "nongnghiep.vn": "Nông nghiệp Việt Nam",
    "nongnghiepmoitruong.vn": "Nông nghiệp và Môi trường",
    "danviet.vn": "Dân Việt",
    "baodautu.vn": "Đầu tư",
    "congthuong.vn": "Công Thương",
    "plo.vn": "Pháp Luật TP.HCM",
}

_URL_RE = re.compile(r"(https?://[^\s<>()“”\"]+|www\.[^\s<>()“”\"]+)", re.I)
_DOMAIN_RE = re.compile(r"^[\w-]+(\.[\w-]+)*\.(vn|com|net|org|gov|info)$", re.I)
_ATTRIBUTION_RE = re.compile(r"^\(?(?:nguon|nguon tin|nguon bai viet|source)\s*:\s*(?P<v>.+?)\)?$")
_THEO_RE = re.compile(r"^\(?theo\s*:?\s*(?P<v>[^,;:]{2,60}?)\)?\.?$")
_FOOTER_SITE_RE = re.compile(
    r"^(trang thong tin dien tu|cong thong tin dien tu|trang tin dien tu|bao dien tu|tap chi dien tu)\b"
)
_COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|copyright|bản quyền(?: thuộc(?: về)?)?)\s*(?:©|\(c\))?\s*(?:\d{4}\s*[-–]?\s*)?", re.I
)


def site_name(domain_or_url: str) -> str:
    """'https://kinhtedothi.vn/a.html' -> 'Kinh tế & Đô thị (kinhtedothi.vn)'."""
    text = domain_or_url.strip()
    host = urlsplit(text if "//" in text else f"//{text}").hostname or text
    host = host.lower().removeprefix("www.")
    if host in KNOWN_SITES:
        return f"{KNOWN_SITES[host]} ({host})"
    if "//" in text or text.lower().startswith("www."):
        return host[:1].upper() + host[1:]
    return text.removeprefix("www.")  # a domain written by the editor: keep their spelling


def _attribution(value: str) -> tuple[str | None, str | None]:
    """'Báo Bắc Giang (https://...)' -> ('Báo Bắc Giang', 'https://...')."""
    value = value.strip().rstrip(".;,")
    url_match = _URL_RE.search(value)
    url = url_match.group().rstrip(".,;)") if url_match else None
    if url and url.lower().startswith("www."):
        url = f"https://{url}"
    name = _URL_RE.sub("", value).strip(" ()-–:|") if url else value
    if not name:
        return (site_name(url) if url else None), url
    if _DOMAIN_RE.match(name) and name.lower().removeprefix("www.") in KNOWN_SITES:
        name = site_name(name)
    return name, url


def find_source(raw: str, *, site_hint: str | None = None) -> tuple[str | None, str | None]:
    """(publisher, url) from, in order: a "Nguồn:"/"Theo" attribution, the
    "(Site.vn) -" lead, `site_hint` (e.g. og:site_name), the site's name in
    the footer."""
    paras = paragraphs(raw)
    lines = [text for text, _ in paras]
    last_content = max(
        (i for i, (text, junk) in enumerate(paras) if not junk and is_content(text) and not is_weak_line(text)),
        default=-1,
    )
    url = None
    for i in range(len(lines) - 1, last_content, -1):  # attributions close the article
        line = lines[i]
        if len(line.split()) > 20:
            continue
        key = fold_line(line)
        match = _ATTRIBUTION_RE.match(key)
        if not match and len(line.split()) <= 10:
            match = _THEO_RE.match(key)
        if match:
            if match.re is _ATTRIBUTION_RE:
                value = line.split(":", 1)[1].rstrip(")")
            else:
                value = re.sub(r"^\(?\s*theo\s*:?\s*", "", line, flags=re.I).rstrip(").")
            name, url = _attribution(value)
            if name:
                return name, url
    for line in lines[:25]:
        match = LEAD_MARKER_RE.match(line)
        if match:
            name = (match.group("paren") or match.group("bare")).strip()
            if "." in name or len(name.split()) <= 4:
                return (site_name(name) if name.lower() in KNOWN_SITES else name), url
    if site_hint:
        return normalize(site_hint).strip(), url
    for line in lines[last_content + 1 :]:
        key = fold_line(line)
        if len(line.split()) <= 20 and _FOOTER_SITE_RE.match(key) and not ends_sentence(line):
            return line.rstrip(" .:"), url
        copyright_match = _COPYRIGHT_RE.match(line)
        if copyright_match and len(line.split()) <= 15:
            name = line[copyright_match.end() :].split(".")[0].strip(" .,:-–")
            if name:
                return name, url
    return None, url


# -------------------------------------------------------------- provinces
def rank_provinces(
    body: str, *, title: str | None = None, source: str | None = None, issuer: str | None = None
) -> list[str]:
    """Provinces the article is about, most relevant first.

    A mention in the title counts three times, one in a state document's
    header (issuer, place of signing) twice, one in the publisher's name
    half. A province is kept when it has at least a third of the leader's
    score and is either mentioned twice, in the title, or the article
    mentions no province twice (then every mentioned one is kept).
    """
    in_title = places.count_mentions(title or "")
    in_body = places.count_mentions(body)
    in_source = places.count_mentions(source or "")
    in_issuer = places.count_mentions(issuer or "")
    order = list(dict.fromkeys([*in_title, *in_issuer, *in_body, *in_source]))
    scores = {p: in_body[p] + 3 * in_title[p] + 2 * in_issuer[p] + 0.5 * in_source[p] for p in order}
    if not scores:
        return []
    top = max(scores.values())
    kept = [
        p for p in order
        if scores[p] >= top / 3 and (scores[p] >= 2 or top < 2 or in_title[p])
    ]
    return sorted(kept, key=lambda p: -scores[p])


def provinces_from_field(value: object) -> list[str]:
    """A JSONL 'province' field (a name, 'A, B' or a list) -> canonical names.

    Unknown names are kept as written: the field is the editor's statement.
    """
    items = value if isinstance(value, list) else re.split(r"[,;]", str(value))
    out: list[str] = []
    for item in items:
        name = normalize(str(item)).strip()
        if name:
            known = places.lookup(name)
            canonical = known.name if known else name
            if canonical not in out:
                out.append(canonical)
    return out
