"""Publishers' sites: the name behind a URL or domain, and how URLs and domains look in text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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

URL_RE = re.compile(r"(https?://[^\s<>()“”\"]+|www\.[^\s<>()“”\"]+)", re.I)
DOMAIN_RE = re.compile(r"^[\w-]+(\.[\w-]+)*\.(vn|com|net|org|gov|info)$", re.I)


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
