"""What the admin-upload tests send and how they wait: one sample per file type, index copies, statuses.

Shared by the upload and the reindex end-to-end tests (tests/e2e/), which both
run an admin's bot over a private copy of the session's corpus index.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from knowledge.settings import Settings
from tests.auxil.bot_harness import bot_env
from tests.auxil.fake_bot_api import FakeBotApi
from tests.auxil.paths import DOCUMENTS

ADMIN_ID = 777_002

TXT = ("Thái Bình, ngày 20/02/2025\n\n"
       "Thái Bình đặt mục tiêu 31 xã nông thôn mới kiểu mẫu\n\n"
       "Năm 2025, tỉnh Thái Bình phấn đấu có thêm 31 xã đạt chuẩn nông thôn mới kiểu mẫu và 48 xã đạt chuẩn "
       "nông thôn mới nâng cao. Thu nhập bình quân đầu người khu vực nông thôn của tỉnh dự kiến đạt 78 triệu "
       "đồng/người/năm.\n\nCác huyện rà soát từng tiêu chí, ưu tiên môi trường và cảnh quan nông thôn.\n")
MD = ("# Ninh Bình có 19 xã nông thôn mới kiểu mẫu\n\n*Cập nhật: 05/06/2024*\n\n"
      "Năm 2024, tỉnh **Ninh Bình** có 19 xã đạt chuẩn nông thôn mới kiểu mẫu, tăng 6 xã so với năm trước.\n\n"
      "- Thu nhập bình quân đầu người khu vực nông thôn đạt *70 triệu đồng*/người/năm.\n"
      "- Tỉnh tiếp tục giữ vững các tiêu chí sau khi đạt chuẩn.\n")
HTML = ("<!doctype html><html><head><title>Hà Tĩnh có 23 xã nông thôn mới kiểu mẫu</title>"
        "<meta property=\"article:published_time\" content=\"2024-09-10T08:00:00+07:00\"></head><body>"
        "<nav><a href=\"/\">Trang chủ</a> | <a href=\"/tin\">Tin tức</a></nav><article>"
        "<h1>Hà Tĩnh có 23 xã nông thôn mới kiểu mẫu</h1>"
        "<p>Đến tháng 9/2024, tỉnh Hà Tĩnh có 23 xã đạt chuẩn nông thôn mới kiểu mẫu và 105 khu dân cư kiểu "
        "mẫu, dẫn đầu khu vực Bắc Trung Bộ.</p>"
        "<p>Tỉnh tiếp tục huy động nguồn lực xã hội hóa cho xây dựng nông thôn mới nâng cao.</p>"
        "</article><footer>Bản quyền thuộc Báo Hà Tĩnh</footer></body></html>")
JSONL = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
    {"id": "tin-lao-cai-2025", "title": "Lào Cai có 9 xã nông thôn mới kiểu mẫu",
     "text": "Năm 2025, tỉnh Lào Cai có 9 xã đạt chuẩn nông thôn mới kiểu mẫu, phần lớn ở vùng thấp.",
     "date": "2025-04-02", "province": "Lào Cai", "source": "Báo Lào Cai"},
    {"id": "tin-yen-bai-2024", "title": "Yên Bái nâng cao thu nhập nông thôn",
     "text": "Thu nhập bình quân khu vực nông thôn tỉnh Yên Bái năm 2024 đạt 45 triệu đồng/người/năm.",
     "date": "2024-12-30", "province": "Yên Bái"}]) + "\n"


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Vĩnh Phúc đặt mục tiêu 14 xã nông thôn mới nâng cao", level=1)
    document.add_paragraph("Năm 2025, tỉnh Vĩnh Phúc phấn đấu có thêm 14 xã đạt chuẩn nông thôn mới nâng cao "
                           "và 6 xã đạt chuẩn nông thôn mới kiểu mẫu.")
    document.add_paragraph("Các xã tập trung chuyển đổi số và phát triển sản phẩm OCOP.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# name, content, question, expected fact, expected reply parts
UPLOADS = {
    "txt": ("Thai Binh 2025.txt", TXT.encode(), "Năm 2025 Thái Bình phấn đấu có thêm bao nhiêu xã đạt chuẩn "
            "nông thôn mới kiểu mẫu?", "31 xã", ["Thái Bình", "20/02/2025"]),
    "md": ("ninh-binh.md", MD.encode(), "Ninh Bình có bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu năm 2024?",
           "19 xã", ["Ninh Bình"]),
    "html": ("ha-tinh.html", HTML.encode(), "Hà Tĩnh có bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu?",
             "23 xã", ["Hà Tĩnh"]),
    "pdf": ("ke-hoach-bac-ninh.pdf", (DOCUMENTS / "ke-hoach-bac-ninh.pdf").read_bytes(),
            "Năm 2025 Bắc Ninh phấn đấu có thêm bao nhiêu xã đạt chuẩn nông thôn mới nâng cao?", "12 xã",
            ["Bắc Ninh"]),
    "docx": ("vinh-phuc.docx", None, "Năm 2025 Vĩnh Phúc phấn đấu có thêm bao nhiêu xã đạt chuẩn nông thôn mới "
             "nâng cao?", "14 xã", ["Vĩnh Phúc"]),
    "jsonl": ("tin-ngan.jsonl", JSONL.encode(), "Lào Cai có bao nhiêu xã đạt chuẩn nông thôn mới kiểu mẫu?",
              "9 xã", ["Lào Cai", "02/04/2025", "tin-lao-cai-2025", "tin-yen-bai-2024"]),
}


def copy_index(source: Settings, data_dir: Path) -> None:
    """A private copy of the session's published index (versions + `current` link + sources)."""
    shutil.copytree(source.index_dir, data_dir / "index", symlinks=True,
                    ignore=shutil.ignore_patterns(".build.lock", ".tmp-*"))


def admin_bot_settings(api: FakeBotApi, data_dir: Path, model: str, **extra: str) -> Settings:
    return Settings(_env_file=None, **bot_env(api, data_dir, TELEGRAM_ADMIN_IDS=str(ADMIN_ID),
                                              NTM_EMBEDDING_MODEL=model, **extra))


async def final_status(api: FakeBotApi, chat, status, timeout: float = 180):
    """The status message once it shows a result (✅ ❌ ⚠️ ℹ️ ♻️ 🗑)."""
    def done():
        message = api.message(chat, status.message_id)
        return message if message.text[:1] in "✅❌⚠ℹ♻🗑" else None
    return await api.wait_for(done, timeout, "a final status")
