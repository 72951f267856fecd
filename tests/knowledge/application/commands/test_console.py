"""The console chat's conversation: the bot's commands and answers, the bot's buttons as typed words."""

from __future__ import annotations

import pytest

from knowledge.application.answer.bundled_targets import bundled_targets
from knowledge.application.commands import console as C
from knowledge.application.commands.console import ConsoleChat
from knowledge.application.commands.texts import ADMIN_ONLY, ERROR, UNKNOWN_COMMAND
from knowledge.application.render.terminal import html_to_plain
from knowledge.application.runtime import Services
from knowledge.application.runtime.database import Database
from knowledge.domain.targets import dump_targets
from knowledge.settings import Settings
from tests.auxil.communes_db import clear_recognitions, registry_service
from tests.auxil.fake_search import FakeSearch

Q_HD = "Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?"
LIST = ("Tỉnh;Huyện;Xã;Mức đạt chuẩn;Năm công nhận;Số quyết định;Số tiêu chí đạt\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM;2015;123/QĐ-UBND;19\n"
        "Bắc Giang;Tân Yên;Cao Xá;NTM kiểu mẫu;2023;789/QĐ-UBND;19\n")


@pytest.fixture(scope="module")
def registry():
    service = registry_service("sqlite")
    clear_recognitions(service)
    assert service.import_bytes(LIST.encode(), "ds.csv").ok
    yield service
    clear_recognitions(service)


@pytest.fixture
def services(tmp_path, registry):
    settings = Settings(_env_file=None, NTM_DATA_DIR=str(tmp_path))
    current = settings.index_dir / "current"
    current.mkdir(parents=True)
    dump_targets(bundled_targets(), current / "targets.jsonl")
    services = Services.with_search(settings, FakeSearch.from_corpus(), database=False)
    services.attach_database(Database(registry.engine))
    yield services
    services.close()


@pytest.fixture
def chat(services):
    return ConsoleChat(services)


def plain(chat: ConsoleChat, line: str) -> str:
    return html_to_plain(chat.reply(line))


def test_xa_gives_the_card(chat):
    text = plain(chat, "/xa Cao Xá, Bắc Giang")
    assert text.startswith("🏡 Xã Cao Xá – huyện Tân Yên, tỉnh Bắc Giang (cũ)")
    assert "Mức cao nhất: NTM kiểu mẫu (năm 2023)" in text and "QĐ số 789/QĐ-UBND" in text
    assert chat.asked == 0  # a command, not a question


def test_choices_are_numbered_and_chosen_by_number(chat):
    text = plain(chat, "/xa Cao Xá")
    assert text.startswith("Có 2 đơn vị ứng với “Cao Xá”. Chọn một:")
    assert "\n1. Xã Cao Xá – Tân Yên, Bắc Giang (cũ)\n2. Xã Cao Xá – Lâm Thao, Phú Thọ (cũ)\n" in text
    assert plain(chat, "2").startswith("🏡 Xã Cao Xá – huyện Lâm Thao, tỉnh Phú Thọ (cũ)")
    assert plain(chat, "xem 1").startswith("🏡 Xã Cao Xá – huyện Tân Yên")  # the list stays, like the buttons
    assert plain(chat, "7") == C.NO_CHOICE.format(number=7, count=2)
    chat.reply(Q_HD)
    assert chat.choices == () and plain(chat, "xem 1").startswith("[1] ")  # now the citation


def test_not_found_lists_the_closest_as_choices(chat):
    text = plain(chat, "/xa Cao Xanhh Tân Yênnn")
    assert text.startswith("Không tìm thấy xã/phường “Cao Xanhh Tân Yênnn”") and "Tên gần nhất:" in text
    assert "\n1. " in text and text.endswith("(gõ số để chọn)")


def test_more_and_full_passage_stand_in_for_the_buttons(chat):
    assert chat.reply("thêm") == C.NO_LAST
    assert chat.reply("xem 1") == C.NO_PASSAGE
    assert "<b>29 xã</b>" in chat.reply(Q_HD)
    page2 = plain(chat, "thêm")
    assert "[4]" in page2 and "trang 2" in page2
    assert "29 xã đạt chuẩn NTM nâng cao" in plain(chat, "xem 1")
    assert chat.reply("xem 99") == C.NO_PASSAGE
    assert chat.asked == 1


def test_the_other_commands(chat):
    assert "94/151 xã" in plain(chat, "/chitieu Hải Dương 2025")
    assert plain(chat, "/tieuchi giao thông theo 318").startswith("Tiêu chí 2: Giao thông")
    shown = plain(chat, "/thongke Bắc Ninh").splitlines()  # a terminal shows no photo: where it was saved
    assert shown[0].startswith("🖼 Đã lưu biểu đồ: ") and shown[1] == "📊 Thống kê nông thôn mới – tỉnh Bắc Ninh"
    assert "hai-duong-ntm-2025" in plain(chat, "/nguon")
    assert "<b>29 xã</b>" in chat.reply(f"/hoi {Q_HD}") and chat.asked == 1
    assert plain(chat, "/start").startswith("Xin chào bạn!")
    assert chat.reply("/reindex") == ADMIN_ONLY.format(command="reindex")
    assert chat.reply("/khonglenh") == UNKNOWN_COMMAND


def test_help_lists_the_commands_and_the_console_words(chat):
    text = plain(chat, "/help")
    assert "/xa — Tình trạng nông thôn mới của một xã" in text and "/start" not in text
    assert text.endswith("Trên dòng lệnh\nthêm — thêm kết quả cho câu hỏi vừa rồi (nút ➕ của bot)\n"
                         "xem N — toàn văn trích dẫn [N] (nút 📄 của bot); sau một danh sách: chọn mục N\n"
                         "/thoat — thoát")


def test_quit_and_blank_lines(chat):
    assert chat.reply("   ") == "" and not chat.done
    assert chat.reply("/thoát") == "" and chat.done


def test_a_failure_is_the_bots_error_line_and_the_chat_goes_on(chat, services, monkeypatch):
    def broken(text, chat=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(services.answers, "ask", broken)
    assert chat.reply(Q_HD) == ERROR
    monkeypatch.undo()
    assert "<b>29 xã</b>" in chat.reply(Q_HD)
