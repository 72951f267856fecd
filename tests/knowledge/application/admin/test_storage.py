"""Admin storage without Telegram or a model: roles, audit log, captions, document checks and atomic storing."""

from __future__ import annotations

import json

import pytest
from alembic.script import ScriptDirectory

from knowledge.application.admin.access import Access
from knowledge.application.admin.audit import Actor, AuditLog
from knowledge.application.admin.caption import CaptionError, parse_caption
from knowledge.application.admin.documents import DocumentStore, UploadRejected, check_document, slug
from knowledge.application.admin.service import upload_kind
from knowledge.domain.db import create_engine_for
from knowledge.domain.db.migrate import alembic_config
from tests.auxil.communes_db import backends, new_pg_engine
from tests.auxil.settings import make_settings

ARTICLE = ("Kế hoạch xây dựng nông thôn mới huyện Đảo Ngọc Lam năm 2025\n\n"
           "Năm 2025, huyện Đảo Ngọc Lam phấn đấu có thêm 17 xã đạt chuẩn nông thôn mới kiểu mẫu, "
           "thu nhập bình quân đầu người khu vực nông thôn đạt 81 triệu đồng mỗi năm.\n\n"
           "Các xã tập trung hoàn thiện tiêu chí môi trường, cảnh quan và chuyển đổi số.\n").encode()


@pytest.fixture(params=backends())
def db(request, tmp_path):
    """SQLite always; PostgreSQL (a throw-away schema) when NTM_TEST_DATABASE_URL is set."""
    engine = create_engine_for(f"sqlite:///{tmp_path / 'ntm.sqlite3'}") if request.param == "sqlite" \
        else new_pg_engine()
    yield engine
    engine.dispose()


def test_migrations_have_a_single_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads} (chain the newest revision after the other)"


def test_admins_come_from_the_environment_and_the_database(db):
    access = Access(db, env_admins={1})
    assert access.is_admin(1) and not access.is_allowed(2)
    assert access.grant(2, "official", name="Lan", added_by="test")
    assert not access.grant(2, "official", added_by="test")  # nothing changed
    assert access.grant(3, "admin", added_by="test")
    assert access.role(2) == "official" and access.is_allowed(2) and not access.is_admin(2)
    assert access.is_admin(3)
    other = Access(db, env_admins=set(), ttl=0)  # another process sees the rows
    other.refresh_if_stale()
    assert other.is_admin(3) and other.role(2) == "official" and not other.is_admin(1)
    assert not access.revoke(3, role="official") and access.is_admin(3)
    assert access.revoke(3) and not access.is_admin(3)
    assert [(m.user_id, m.role, m.source) for m in access.members()] == [
        (1, "admin", "TELEGRAM_ADMIN_IDS"), (2, "official", "database")]


def test_telegram_ids_beyond_32_bits(db):
    access = Access(db)
    access.grant(7_000_000_000, "official", added_by="test")
    assert Access(db).members()[0].user_id == 7_000_000_000


def test_audit_log_is_newest_first_and_filterable(db):
    log = AuditLog(db)
    lan = Actor.telegram(42, "Lan", "lan_ntm")
    log.record(lan, "document.add", "ke-hoach", {"file": "kế hoạch.pdf"})
    log.record(Actor.cli(), "index.full", "v1")
    log.record(lan, "document.reject", "x.pdf", "Tệp rỗng", ok=False)
    entries = log.entries()
    assert [e.action for e in entries] == ["document.reject", "index.full", "document.add"]
    assert entries[2].actor == "Lan @lan_ntm (telegram 42)" and entries[2].actor_id == 42
    assert json.loads(entries[2].detail) == {"file": "kế hoạch.pdf"}
    assert not entries[0].ok
    assert [e.action for e in log.entries(action="document")] == ["document.reject", "document.add"]


def test_audit_without_database_does_not_fail():
    AuditLog(None).record(Actor.cli(), "index.full")
    assert AuditLog(None).entries() == []


@pytest.mark.parametrize("caption, expected", [
    ("Tiêu đề: Kế hoạch NTM 2025; Nguồn: UBND tỉnh Bắc Ninh; Tỉnh: bac ninh; Ngày: 15/3/2025",
     {"title": "Kế hoạch NTM 2025", "source": "UBND tỉnh Bắc Ninh", "provinces": ["Bắc Ninh"],
      "date": "2025-03-15"}),
    ("TIEU DE: Tin ngắn\nTinh: TPHCM", {"title": "Tin ngắn", "provinces": ["Thành phố Hồ Chí Minh"]}),
    ("Báo cáo kết quả xây dựng NTM", {"title": "Báo cáo kết quả xây dựng NTM"}),
    ("title: Plan; source: MARD; date: 2025-01-02", {"title": "Plan", "source": "MARD", "date": "2025-01-02"}),
    ("", {}),
])
def test_caption_fields(caption, expected):
    info = parse_caption(caption)
    got = {k: v for k, v in vars(info).items() if v}
    assert got == expected


@pytest.mark.parametrize("caption", ["Tỉnh: Narnia", "Ngày: hôm qua"])
def test_caption_errors_are_explained(caption):
    with pytest.raises(CaptionError, match="Không"):
        parse_caption(caption)


def test_slug_and_upload_kind():
    assert slug("Kế hoạch NTM (bản cuối).pdf") == "ke-hoach-ntm-ban-cuoi-pdf"
    assert slug("Đường đi") == "duong-di" and slug("???") == "tai-lieu"
    assert upload_kind("danh sach.XLSX") == "communes" and upload_kind("x.csv") == "communes"
    assert upload_kind("bao-cao.pdf") == "document" and upload_kind("ghi-chu") == "document"


@pytest.mark.parametrize("data, name, message", [
    (b"", "rong.txt", "rỗng"),
    (b"   \n\n ", "trang.md", "rỗng"),
    (b"%PDF-1.4\n garbage without objects", "hong.pdf", "PDF"),
    (b"PK\x03\x04 not really a zip", "hong.docx", "DOCX"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "anh.png", "ảnh"),
    (bytes(range(256)) * 20, "nhi-phan.txt", "không phải văn bản"),
    (b'{"id": "a", "title": "T"}\n', "thieu.jsonl", "text"),
    ('{"id": "a b", "title": "T", "text": "Nội dung về nông thôn mới."}\n'.encode(), "id.jsonl", "viết liền"),
    (ARTICLE, "ok.txt:Tỉnh: Narnia", "Narnia"),
])
def test_broken_files_are_rejected_before_anything_is_written(data, name, message):
    name, _, caption = name.partition(":")
    with pytest.raises(UploadRejected, match=message):
        check_document(data, name, caption or None)


def test_store_is_atomic_unique_and_keeps_the_original(tmp_path):
    settings = make_settings(tmp_path)
    store = DocumentStore(settings)
    first = store.store(check_document(ARTICLE, "Kế hoạch Ngọc Lam.txt"), store.taken_ids())
    assert first.doc_ids == ["ke-hoach-ngoc-lam"] and first.indexed_path.read_bytes() == ARTICLE
    second = store.store(check_document(ARTICLE, "Kế hoạch Ngọc Lam.txt"), store.taken_ids())
    assert second.doc_ids == ["ke-hoach-ngoc-lam-2"]
    captioned = store.store(check_document(ARTICLE, "kh.txt", "Tiêu đề: KH Ngọc Lam; Tỉnh: Quảng Ninh"),
                            store.taken_ids())
    assert captioned.original_path.read_bytes() == ARTICLE and ".originals" in captioned.original_path.parts
    record = json.loads(captioned.indexed_path.read_text(encoding="utf-8"))
    assert record["id"] == "kh" and record["title"] == "KH Ngọc Lam" and record["province"] == ["Quảng Ninh"]
    assert "17 xã" in record["text"]
    names = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert names == [".originals", "ke-hoach-ngoc-lam-2.txt", "ke-hoach-ngoc-lam.txt", "kh.jsonl"]


def test_jsonl_ids_must_be_new(tmp_path):
    settings = make_settings(tmp_path)
    store = DocumentStore(settings)
    line = '{"id": "tin-1", "title": "Tin", "text": "Xã Hòa Bình đạt chuẩn nông thôn mới năm 2024."}\n'.encode()
    store.store(check_document(line, "tin.jsonl"), store.taken_ids())
    with pytest.raises(UploadRejected, match="tin-1"):
        store.store(check_document(line, "tin-khac.jsonl"), store.taken_ids())
    with pytest.raises(UploadRejected, match="bac-ninh"):
        store.store(check_document(line.replace(b"tin-1", b"bac-ninh"), "x.jsonl"), store.taken_ids({"bac-ninh"}))
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == ["tin.jsonl"]


async def test_service_indexes_a_stored_but_unindexed_upload_instead_of_storing_it_twice(tmp_path, monkeypatch):
    """A build that failed after the file was stored: sending the file again indexes it, no copy is made."""
    import knowledge.application.admin.service as service_module
    from knowledge.application.admin.service import AdminService

    settings = make_settings(tmp_path)
    db = create_engine_for(settings.sqlalchemy_url)
    builds = []

    def failing_build(*args, **kwargs):
        builds.append(kwargs.get("full"))
        raise RuntimeError("hỏng máy")

    monkeypatch.setattr(service_module, "rebuild", failing_build)
    service = AdminService(settings, db, search=None)
    actor = Actor.telegram(1, "QT")
    first = await service.add_document(check_document(ARTICLE, "ngoc-lam.txt"), actor)
    assert first.status == "pending" and "hỏng máy" in first.error
    again = await service.add_document(check_document(ARTICLE, "ten-khac.txt"), actor)
    assert again.status == "pending" and len(builds) == 2
    assert [p.name for p in (tmp_path / "documents").iterdir()] == ["ngoc-lam.txt"]
    actions = [(e.action, e.ok) for e in AuditLog(db).entries()]
    assert actions == [("index.update", False), ("index.update", False), ("document.add", True)]
    db.dispose()


def test_stats_count_days_and_weeks_in_vietnam_time(db):
    from datetime import UTC, datetime

    from sqlmodel import Session

    from knowledge.application.admin.stats import collect, period_starts
    from knowledge.domain.db.migrate import ensure_schema
    from knowledge.domain.db.usage import Feedback, QuestionLog

    ensure_schema(db)
    now = datetime(2025, 11, 26, 3, 0, tzinfo=UTC)  # Wednesday 10:00 in Vietnam
    today, monday = period_starts(now)
    assert (today, monday) == (datetime(2025, 11, 25, 17, 0), datetime(2025, 11, 23, 17, 0))
    rows = [  # (asked at, naive UTC; kind; question)
        (datetime(2025, 11, 25, 18, 0), "answer", "a"),  # today 01:00 local
        (datetime(2025, 11, 25, 16, 59), "not_found", "Cá rồng?"),  # yesterday 23:59 local
        (datetime(2025, 11, 24, 1, 0), "not_found", "ca rong"),  # Monday
        (datetime(2025, 11, 23, 16, 0), "special", "xã Cao Xá"),  # last Sunday
        (datetime(2025, 11, 25, 20, 0), "invalid", "???"),  # not a question
    ]
    with Session(db) as session:
        for at, kind, text in rows:
            session.add(QuestionLog(asked_at=at, question=text, query=text, kind=kind, answered=kind != "not_found"))
        session.commit()
        session.add(Feedback(question_id=1, user_id=5, value=1, given_at=datetime(2025, 11, 25, 18, 5)))
        session.add(Feedback(question_id=4, user_id=5, value=-1, given_at=datetime(2025, 11, 23, 16, 5)))
        session.commit()
    stats = collect(db, {"documents": 5}, now=now)
    assert (stats.today.questions, stats.week.questions, stats.total.questions) == (1, 3, 4)
    assert (stats.week.not_found, stats.total.answered) == (2, 2)
    assert (stats.week.thumbs_up, stats.week.thumbs_down, stats.total.thumbs_down) == (1, 0, 1)
    assert stats.unanswered == [("Cá rồng?", 2)] or stats.unanswered == [("ca rong", 2)]
