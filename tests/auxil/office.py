"""Office fixtures built at test time: DOCX with criteria tables, and .doc / PDF converted from them by LibreOffice."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# A criteria table as plans print them: a two-row header (Chỉ tiêu by region), merged cells, a section row.
CRITERIA = [
    ["TT", "Tiêu chí", "Chỉ tiêu", "Chỉ tiêu"],
    ["TT", "Tiêu chí", "Vùng đồng bằng", "Vùng miền núi"],
    ["1", "Thu nhập bình quân (triệu đồng/người)", "≥ 52", "≥ 45"],
    ["2", "Tỷ lệ đường xã được nhựa hóa", "100%", "100%"],
    ["II. Tiêu chí về văn hóa", "II. Tiêu chí về văn hóa", "II. Tiêu chí về văn hóa", "II. Tiêu chí về văn hóa"],
    ["3", "Nhà văn hóa thôn", "", "Đạt"],
]
CRITERIA_ROWS = [
    "TT: 1 | Tiêu chí: Thu nhập bình quân (triệu đồng/người) | Chỉ tiêu - Vùng đồng bằng: ≥ 52 | "
    "Chỉ tiêu - Vùng miền núi: ≥ 45",
    "TT: 2 | Tiêu chí: Tỷ lệ đường xã được nhựa hóa | Chỉ tiêu - Vùng đồng bằng: 100% | "
    "Chỉ tiêu - Vùng miền núi: 100%",
    "II. Tiêu chí về văn hóa",
    "TT: 3 | Tiêu chí: Nhà văn hóa thôn | Chỉ tiêu - Vùng miền núi: Đạt",
]
CAPTION = "Phụ lục I. Bảng tiêu chí xã nông thôn mới giai đoạn 2021-2025"
BEFORE = "Điều 1. Ban hành kèm theo Quyết định này Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025."
AFTER = "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành."


def criteria_docx(*, ruled: bool = True) -> bytes:
    """A decision with the criteria table between two articles; merges as Word makes them."""
    import docx

    document = docx.Document()
    document.add_heading("Quyết định ban hành Bộ tiêu chí quốc gia về xã nông thôn mới", level=1)
    document.add_paragraph(BEFORE)
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=len(CRITERIA), cols=4)
    if ruled:
        table.style = "Table Grid"
    for r, row in enumerate(CRITERIA):
        for c, value in enumerate(row):
            if r in (0, 1) and c < 2 or r == 4 or (r == 0 and c == 3):
                continue
            table.cell(r, c).text = value
    table.cell(0, 0).merge(table.cell(1, 0)).text = "TT"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Tiêu chí"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Chỉ tiêu"
    table.cell(4, 0).merge(table.cell(4, 3)).text = "II. Tiêu chí về văn hóa"
    document.add_paragraph(AFTER)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.skip("LibreOffice (soffice) không có trên máy: cần libreoffice-writer-nogui để tạo tệp mẫu")
    return program


@functools.cache
def converted(data: bytes, target: str) -> bytes:
    """`data` (a .docx) converted by LibreOffice to `target` ('doc' for Word 97, or 'pdf')."""
    program = soffice()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "mau.docx"
        source.write_bytes(data)
        filter_name = 'doc:MS Word 97' if target == "doc" else target
        subprocess.run([program, f"-env:UserInstallation={(Path(folder) / 'p').as_uri()}", "--headless",
                        "--convert-to", filter_name, "--outdir", folder, str(source)],
                       check=True, capture_output=True, timeout=120)
        return (Path(folder) / f"mau.{target}").read_bytes()


def fake_tool(folder: Path, name: str, script: str) -> Path:
    """An executable `name` in `folder` running the shell `script` (to put first on PATH)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)
    return path
