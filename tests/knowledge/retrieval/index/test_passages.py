"""knowledge.retrieval.index.passages: the passages file written by the builder and read by search."""

from __future__ import annotations

from knowledge.retrieval.index.passages import Passage, read_passages, write_passages

# A line as every published index since format 1 holds it: key order, no ASCII escaping.
LINE = ('{"id": "ke-hoach#0001", "doc": "ke-hoach", "text": "Xã An Phú đạt chuẩn nông thôn mới.", '
        '"start": 0, "end": 34, "words": "xã an_phú đạt_chuẩn nông_thôn mới"}\n')


def test_write_then_read_round_trip(tmp_path):
    passages = [
        Passage("a#0001", "a", "Xã An Phú đạt chuẩn nông thôn mới.", 0, 34, ["xã", "an_phú", "đạt_chuẩn"]),
        Passage("a#0002", "a", "Dòng \"trích dẫn\"\nthứ hai", 30, 55, []),
        Passage("b#0001", "b", "", 0, 0, ["x"]),
    ]
    path = tmp_path / "passages.jsonl"
    write_passages(path, passages)
    assert read_passages(path) == passages


def test_reads_a_file_written_before_and_writes_it_back_byte_for_byte(tmp_path):
    old = tmp_path / "old.jsonl"
    old.write_text(LINE, encoding="utf-8")
    [passage] = read_passages(old)
    assert passage == Passage("ke-hoach#0001", "ke-hoach", "Xã An Phú đạt chuẩn nông thôn mới.", 0, 34,
                              ["xã", "an_phú", "đạt_chuẩn", "nông_thôn", "mới"])
    new = tmp_path / "new.jsonl"
    write_passages(new, [passage])
    assert new.read_bytes() == old.read_bytes()


def test_tokens_are_interned(tmp_path):
    path = tmp_path / "passages.jsonl"
    write_passages(path, [Passage("a#1", "a", "t", 0, 1, ["nông_thôn"]), Passage("a#2", "a", "t", 0, 1, ["nông_thôn"])])
    first, second = read_passages(path)
    assert first.words[0] is second.words[0]


def test_place_fields_round_trip_and_old_lines_have_none(tmp_path):
    placed = Passage("luat#0003", "luat", "2. Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính.",
                     120, 190, ["nhà_nước"], cite="Điều 8 khoản 2",
                     context="Chương II. KẾT HÔN > Điều 8. Điều kiện kết hôn", article=(80, 190))
    path = tmp_path / "passages.jsonl"
    write_passages(path, [placed])
    assert read_passages(path) == [placed]
    old = tmp_path / "old.jsonl"
    old.write_text(LINE, encoding="utf-8")
    [passage] = read_passages(old)
    assert (passage.cite, passage.context, passage.article) == (None, None, None)
