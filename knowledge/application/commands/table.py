"""The one command table of the bot and the console chat: each command's name, menu line and reply.

The bot registers a Telegram handler for each shared command and only
translates the `Reply` (choices become buttons); the console chat parses the
typed line with `parse` and renders the same HTML. So a command answers the
same wherever it is typed, and an unknown one gets the same line. Admin
commands are listed so the console can say they are the bot's (they run in
`bot.admin`); the console's own words ("thêm", "xem N", "/thoat") stand in
for the bot's buttons and are handled by `ConsoleChat`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.application.commands import guide
from knowledge.application.commands.ask import hoi
from knowledge.application.commands.communes import CARD, card, thongke, xa
from knowledge.application.commands.context import CommandContext
from knowledge.application.commands.exports import xuat
from knowledge.application.commands.reply import Choice, Outcome, Reply
from knowledge.application.commands.sources import nguon
from knowledge.application.commands.targets import chitieu, tieuchi
from knowledge.application.commands.texts import ADMIN_ONLY, UNKNOWN_COMMAND
from knowledge.text.normalize import fold

BOTH = "both"  # the bot and the console chat
ADMIN = "admin"  # the bot only, for admins
CONSOLE = "console"  # the console chat only


@dataclass(frozen=True)
class Command:
    name: str  # as typed after "/" (a console word: its usage, e.g. "xem N")
    description: str
    run: Callable[[CommandContext, str], Outcome] | None = None
    where: str = BOTH
    forms: tuple[str, ...] = ()  # console words: the folded whole lines that mean it


def _help(ctx: CommandContext, args: str = "") -> Reply:
    return guide.help_reply(ctx, [(c.name, c.description) for c in shared() if c.name != "start"])


COMMANDS: tuple[Command, ...] = (
    # In the order of the bot's menu and /help.
    Command("hoi", "Đặt câu hỏi về nông thôn mới", hoi),
    Command("chitieu", "Chỉ tiêu NTM theo tỉnh, năm", chitieu),
    Command("tieuchi", "Bộ tiêu chí xã NTM, một tiêu chí", tieuchi),
    Command("xa", "Tình trạng nông thôn mới của một xã", xa),
    Command("thongke", "Số xã đạt chuẩn NTM theo tỉnh", thongke),
    Command("xuat", "Xuất chỉ tiêu, thống kê ra tệp Excel: /xuat chitieu|thongke [tỉnh]", xuat),
    Command("nguon", "Danh sách tài liệu đang dùng để trả lời", nguon),
    Command("help", "Hướng dẫn sử dụng và ví dụ", _help),
    Command("start", "Bắt đầu", guide.start),
    Command("stats", "Thống kê sử dụng (quản trị)", where=ADMIN),
    Command("reindex", "Lập lại chỉ mục; /reindex full: làm lại toàn bộ", where=ADMIN),
    Command("xoa", "Gỡ một tài liệu: /xoa <mã>", where=ADMIN),
    Command("khoiphuc", "Khôi phục tài liệu đã gỡ: /khoiphuc <mã>", where=ADMIN),
    Command("hangdoi", "Xem các tệp tải lên đang chờ và vừa xong", where=ADMIN),
    Command("huy", "Hủy một tệp chưa lập chỉ mục: /huy <số>", where=ADMIN),
    Command("capquyen", "Cho phép một cán bộ dùng bot: /capquyen <mã Telegram>", where=ADMIN),
    Command("thuhoi", "Thu hồi quyền dùng bot: /thuhoi <mã Telegram>", where=ADMIN),
    Command("thêm", "thêm kết quả cho câu hỏi vừa rồi (nút ➕ của bot)", where=CONSOLE,
            forms=("them", "/them", "more", "+")),
    Command("xem N", "toàn văn trích dẫn [N] (nút 📄 của bot); sau một danh sách: chọn mục N", where=CONSOLE),
    Command("/thoat", "thoát", where=CONSOLE, forms=("/thoat", "/quit", "/exit", "q", "thoat")),
)
_BY_NAME = {c.name: c for c in COMMANDS if c.where != CONSOLE}
_PICK = re.compile(r"(?:xem\s+)?(\d{1,3})")
_COMMAND = re.compile(r"/(\S*)\s*(.*)", re.S)


def shared() -> list[Command]:
    """The commands both interfaces answer, in menu order."""
    return [c for c in COMMANDS if c.where == BOTH]


def admin() -> list[Command]:
    return [c for c in COMMANDS if c.where == ADMIN]


def console_words() -> list[Command]:
    return [c for c in COMMANDS if c.where == CONSOLE]


def find(name: str) -> Command | None:
    return _BY_NAME.get(name)


def parse(text: str) -> tuple[str, str] | None:
    """'/xa Cao Xá, Bắc Giang' -> ('xa', 'Cao Xá, Bắc Giang'); '/XA@ntm_bot' -> ('xa', ''); None: not a command."""
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return None
    return fold(match.group(1)).split("@")[0], match.group(2).strip()


def run(name: str, args: str, ctx: CommandContext) -> Outcome:
    """The reply to /`name` `args`; an admin command gets where it runs, anything else the unknown line."""
    command = find(name)
    if command is None:
        return Reply(UNKNOWN_COMMAND)
    if command.where == ADMIN:
        return Reply(ADMIN_ONLY.format(command=command.name))
    return command.run(ctx, args)


def choose(choice: Choice, ctx: CommandContext) -> Reply | None:
    """What choosing `choice` shows (the bot's button press); None when it is stale."""
    return _CHOICES[choice.action](ctx, choice.value)


_CHOICES: dict[str, Callable[[CommandContext, int], Reply | None]] = {CARD: card}


def console_word(line: str) -> tuple[str, int | None] | None:
    """A console word typed alone: ('thêm', None), ('xem N', N), ('/thoat', None); a bare 'N' is ('N', N)."""
    folded = fold(line).strip()
    for word in console_words():
        if folded in word.forms:
            return word.name, None
    pick = _PICK.fullmatch(folded)
    if pick is not None:
        return ("xem N" if folded.startswith("xem") else "N"), int(pick.group(1))
    return None
