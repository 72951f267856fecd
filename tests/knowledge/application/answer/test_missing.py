"""The line that says what the documents do not state, in the person's words."""

from __future__ import annotations

import pytest

from knowledge.application.answer.missing import missing_phrase


@pytest.mark.parametrize(("question", "phrase"), [
    ("TPHCM năm 2025 xây bao nhiêu trường học?", "số trường học TPHCM xây năm 2025"),
    ("Năm 2025 Hải Dương có bao nhiêu huyện đạt chuẩn NTM nâng cao?",
     "số huyện đạt chuẩn NTM nâng cao Hải Dương có năm 2025"),
    ("Chỉ tiêu thôn kiểu mẫu của Bắc Giang năm 2024 là bao nhiêu thôn vậy?",
     "số thôn chỉ tiêu thôn kiểu mẫu của Bắc Giang năm 2024"),
    ("bac giang 2024 bao nhieu phan tram ho dung dien", "tỷ lệ ho dung dien bac giang năm 2024"),
    ("Quyết định 318/QĐ-TTg về bộ tiêu chí xã NTM được ký ngày nào?",
     "quyết định 318/QĐ-TTg về bộ tiêu chí xã NTM được ký ngày nào"),
    ("Long An có những mô hình gì ạ?", "Long An có những mô hình gì"),
])
def test_missing_phrase(question, phrase):
    assert missing_phrase(question) == phrase
