"""A fake Telegram Bot API server for end-to-end tests, on 127.0.0.1.

Why: the bot must be tested the way it runs, through HTTP, long polling and
Telegram's error responses, without the internet. python-telegram-bot only
needs `base_url` / `base_file_url` pointed here (or `TELEGRAM_API_BASE_URL` /
`TELEGRAM_API_BASE_FILE_URL` for a subprocess). The server keeps the state a
person would see in their Telegram app: chats, the bot's messages (with
edits and buttons), answered button presses, the command menu.

Test-side API (everything is in the same event loop as the test)::

    async with FakeBotApi() as api:
        app = ApplicationBuilder().token(api.token).base_url(api.base_url)
                  .base_file_url(api.base_file_url).build()
        user = api.new_user("Lan")
        chat = api.private_chat(user)
        api.send_text(chat, user, "xin chào")
        reply = await api.next_reply(chat)          # SentMessage
        api.press_button(chat, user, reply, reply.buttons[0].callback_data)
        edited = await api.wait_for(lambda: api.message(chat, reply.message_id).edits)

Bot API contract implemented (what python-telegram-bot sends: form or
multipart fields, JSON-encoded except strings; JSON bodies are accepted too):
getMe, getUpdates (offset / limit / timeout long polling), deleteWebhook,
setWebhook, getWebhookInfo, logOut, close, sendMessage, editMessageText,
editMessageReplyMarkup, deleteMessage, answerCallbackQuery, setMyCommands,
getMyCommands, deleteMyCommands, sendChatAction, sendDocument, sendPhoto, getFile
and file download; inline mode (inline_query updates, answerInlineQuery: see
`_InlineMode`). Messages are validated like Telegram does (HTML parse mode,
4,096 characters after parsing, captions 1,024, 64-byte callback data; photos up
to 10 MB that decode, width + height ≤ 10,000; documents up to 50 MB) so a bot
bug shows up as the same error it would get in production. What the bot uploads
is kept: `SentMessage.photo` / `.document` hold the file_id, `file_content(file_id)`
the bytes.

Errors are injected per method with `fail_next(...)` (429 with
`parameters.retry_after`, 502, 400 "message is not modified", ...).
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

DEFAULT_TOKEN = "123456789:TEST-token_for-the-fake-bot-api"
BOT_ID = 123456789
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_UPLOAD_PHOTO = 10 * 1024 * 1024  # sendPhoto
MAX_PHOTO_SIDES = 10_000  # width + height
MAX_UPLOAD_DOCUMENT = 50 * 1024 * 1024  # sendDocument

# Parameters whose form value is JSON (python-telegram-bot json.dumps every
# non-string value); everything else that is numeric is converted by name.
_JSON_PARAMS = {
    "reply_markup", "commands", "scope", "allowed_updates", "reply_parameters",
    "link_preview_options", "entities", "caption_entities",
}
_INT_PARAMS = {"offset", "limit", "timeout", "message_id", "reply_to_message_id", "cache_time",
               "max_connections", "message_thread_id"}
_BOOL_PARAMS = {"show_alert", "disable_notification", "drop_pending_updates", "protect_content",
                "disable_web_page_preview", "allow_sending_without_reply"}

_ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
                 "a", "code", "pre", "blockquote", "tg-emoji"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class BotApiError(Exception):
    """An error response: HTTP status + Telegram's `description` (+ `parameters`)."""

    def __init__(self, status: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "vi"

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True)
class FakeChat:
    id: int
    type: str  # "private", "group" or "supergroup"
    title: str | None = None
    user: FakeUser | None = None  # the other side of a private chat

    def to_dict(self) -> dict:
        if self.type == "private" and self.user is not None:
            data = {"id": self.id, "type": "private", "first_name": self.user.first_name}
            if self.user.username:
                data["username"] = self.user.username
            return data
        return {"id": self.id, "type": self.type, "title": self.title or "Nhóm"}


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class SentMessage:
    """A message the bot sent, as its chat shows it now (after edits)."""

    chat_id: int
    message_id: int
    text: str  # plain text as the user sees it (HTML parsed)
    raw_text: str  # what the bot sent (HTML when parse_mode is HTML)
    parse_mode: str | None
    reply_markup: dict | None
    reply_to_message_id: int | None = None
    document: dict | None = None
    photo: list[dict] | None = None  # PhotoSize objects of a sendPhoto, largest last
    caption: str = ""  # a photo's or document's caption as the user sees it (HTML parsed)
    edits: list[str] = field(default_factory=list)  # previous plain texts, oldest first
    deleted: bool = False
    payload: dict = field(default_factory=dict)  # the Message object as the Bot API returned it
    sent_at: float = field(default_factory=time.monotonic)  # when the server received it (latency)

    @property
    def html(self) -> str:
        return self.raw_text

    @property
    def buttons(self) -> list[Button]:
        """All inline buttons, row by row, flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for row in rows for b in row]

    def button(self, startswith: str) -> Button:
        """The first button whose label starts with `startswith` (KeyError otherwise)."""
        for button in self.buttons:
            if button.text.startswith(startswith):
                return button
        raise KeyError(f"no button starting with {startswith!r} in {[b.text for b in self.buttons]}")


@dataclass
class CallbackAnswer:
    query_id: str
    text: str | None
    show_alert: bool


@dataclass
class _Injected:
    status: int
    description: str
    parameters: dict | None
    times: int


def parse_telegram_html(text: str) -> str:
    """The plain text Telegram would show for HTML `text`; BotApiError(400) when it would refuse.

    Checks what Telegram checks: only supported tags, every tag closed in order,
    `<`, `>` and `&` escaped outside tags.
    """
    stack: list[str] = []
    plain: list[str] = []
    pos = 0
    for match in _TAG.finditer(text):
        plain.append(text[pos:match.start()])
        pos = match.end()
        closing, name = match.group(1), match.group(2).lower()
        if name not in _ALLOWED_TAGS:
            raise BotApiError(400, f"Bad Request: can't parse entities: unsupported start tag \"{name}\" "
                                   f"at byte offset {match.start()}")
        if closing:
            if not stack or stack[-1] != name:
                raise BotApiError(400, f"Bad Request: can't parse entities: unmatched end tag at byte "
                                       f"offset {match.start()}, expected \"</{stack[-1] if stack else ''}>\", "
                                       f"found \"</{name}>\"")
            stack.pop()
        else:
            if name == "a" and "href=" not in match.group(3):
                raise BotApiError(400, "Bad Request: can't parse entities: a tag without href")
            stack.append(name)
    plain.append(text[pos:])
    if stack:
        raise BotApiError(400, f"Bad Request: can't parse entities: can't find end tag corresponding "
                               f"to start tag \"{stack[-1]}\"")
    body = "".join(plain)
    for i, ch in enumerate(body):
        if ch in "<>":
            raise BotApiError(400, f"Bad Request: can't parse entities: unexpected {ch!r} at offset {i}")
        if ch == "&" and not _ENTITY.match(body, i):
            raise BotApiError(400, f"Bad Request: can't parse entities: unescaped '&' at offset {i}")
    return html.unescape(body)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: Telegram's unit for limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- inline mode


MAX_INLINE_RESULTS = 50
MAX_RESULT_ID = 64  # bytes
_START_PARAM = re.compile(r"[A-Za-z0-9_-]{1,64}")
_QUERY_GONE = "Bad Request: query is too old and response timeout expired or query ID is invalid"


@dataclass
class InlineAnswer:
    """What the bot answered to one inline query (answerInlineQuery), as the person's app shows it."""

    query_id: str
    results: list[dict]
    cache_time: int | None
    is_personal: bool
    button: dict | None
    next_offset: str | None

    @property
    def ids(self) -> list[str]:
        return [r["id"] for r in self.results]

    def text(self, index: int = 0) -> str:
        """The plain text the chat shows when the person picks result `index`."""
        content = self.results[index]["input_message_content"]
        return parse_telegram_html(content["message_text"]) if (content.get("parse_mode") or "").upper() == "HTML" \
            else content["message_text"]

    def buttons(self, index: int = 0) -> list[Button]:
        rows = (self.results[index].get("reply_markup") or {}).get("inline_keyboard") or []
        return [Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for row in rows for b in row]


class _InlineMode:
    """Inline queries (`@bot câu hỏi` typed in any chat) and answerInlineQuery, validated like Telegram.

    Test side: `enable_inline()` (BotFather's /setinline: without it Telegram sends no
    inline queries), `send_inline_query(user, text)`, `await inline_answer(query_id)`,
    `choose_inline_result(...)` (the message the person drops into a chat) and
    `open_deep_link(user, url)` (tapping a t.me/<bot>?start=<payload> button).
    Refused like Telegram: unknown or already answered query ids, more than 50
    results, duplicate or over-long (64-byte) result ids, empty titles, message
    texts that are empty, longer than 4,096 after parsing or with invalid HTML,
    bad buttons and start parameters.
    """

    def _inline_state(self) -> dict:
        state = self.__dict__.get("_inline")
        if state is None:
            state = self.__dict__["_inline"] = {"pending": {}, "answers": {}, "feedback": False}
        return state

    def enable_inline(self, feedback: bool = False) -> None:
        """Switch inline mode on (BotFather /setinline; `feedback`: /setinlinefeedback)."""
        self.bot_user["supports_inline_queries"] = True
        self._inline_state()["feedback"] = feedback

    def send_inline_query(self, user: FakeUser, query: str, chat_type: str = "group", offset: str = "") -> str:
        """The person types `@bot query` in a chat of `chat_type`; returns the inline query id."""
        if not self.bot_user.get("supports_inline_queries"):
            raise AssertionError("inline mode is off for this bot: call enable_inline() (BotFather /setinline)")
        query_id = str(next(self._ids))
        self._inline_state()["pending"][query_id] = {"user": user, "query": query}
        self._push_update({"inline_query": {"id": query_id, "from": user.to_dict(), "query": query,
                                            "offset": offset, "chat_type": chat_type}})
        return query_id

    async def inline_answer(self, query_id: str, timeout: float = 10.0) -> InlineAnswer:
        answers = self._inline_state()["answers"]
        return await self.wait_for(lambda: answers.get(query_id), timeout, f"answerInlineQuery for {query_id}")

    def choose_inline_result(self, user: FakeUser, chat: FakeChat, answer: InlineAnswer, index: int = 0) -> SentMessage:
        """The person picks result `index`: its message appears in `chat`, sent "via" the bot."""
        result = answer.results[index]
        content = result["input_message_content"]
        parse_mode = content.get("parse_mode")
        plain = self._render(content["message_text"], parse_mode, MAX_TEXT)
        payload = self._store_bot_message(chat.id, {"text": plain, "via_bot": self.bot_user}, content["message_text"],
                                          parse_mode, result.get("reply_markup"), None)
        payload["from"] = user.to_dict()
        if self._inline_state()["feedback"]:
            self._push_update({"chosen_inline_result": {"result_id": result["id"], "from": user.to_dict(),
                                                        "query": self._inline_state()["pending"].get(
                                                            answer.query_id, {}).get("query", "")}})
        return self.message(chat, payload["message_id"])

    def open_deep_link(self, user: FakeUser, url: str) -> int:
        """Tapping a https://t.me/<bot>?start=<payload> link: the app opens the private chat and sends
        /start <payload> (an invalid payload is dropped by the app, which sends a bare /start)."""
        match = re.fullmatch(r"https://t\.me/([A-Za-z0-9_]+)\?start=(.*)", url)
        if not match or match.group(1).lower() != self.bot_username.lower():
            raise AssertionError(f"not a deep link to @{self.bot_username}: {url}")
        payload = match.group(2)
        text = f"/start {payload}" if _START_PARAM.fullmatch(payload) else "/start"
        return self.send_text(self.private_chat(user), user, text)

    async def _api_answerinlinequery(self, params: dict) -> bool:
        state = self._inline_state()
        query_id = str(params["inline_query_id"])
        if query_id not in state["pending"] or query_id in state["answers"]:
            raise BotApiError(400, _QUERY_GONE)
        results = params.get("results") or []
        results = json.loads(results) if isinstance(results, str) else results
        if len(results) > MAX_INLINE_RESULTS:
            raise BotApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            _check_inline_result(result, seen)
        button = params.get("button")
        button = json.loads(button) if isinstance(button, str) else button
        if button is not None:
            if not button.get("text"):
                raise BotApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
            if "start_parameter" in button and not _START_PARAM.fullmatch(str(button["start_parameter"])):
                raise BotApiError(400, "Bad Request: START_PARAM_INVALID")
        cache_time = params.get("cache_time")
        personal = params.get("is_personal")
        state["answers"][query_id] = InlineAnswer(
            query_id, results, int(cache_time) if cache_time is not None else None,
            personal in (True, "true", "True", "1"), button, params.get("next_offset"))
        return True


def _check_inline_result(result: dict, seen: set[str]) -> None:
    result_id = str(result.get("id", ""))
    if not result_id or len(result_id.encode()) > MAX_RESULT_ID:
        raise BotApiError(400, "Bad Request: RESULT_ID_INVALID")
    if result_id in seen:
        raise BotApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
    seen.add(result_id)
    if result.get("type") != "article":
        raise BotApiError(400, f"Bad Request: the fake server only takes article results, not {result.get('type')}")
    if not str(result.get("title") or "").strip():
        raise BotApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
    content = result.get("input_message_content") or {}
    text = content.get("message_text") or ""
    if not text.strip():
        raise BotApiError(400, "Bad Request: MESSAGE_EMPTY")
    plain = parse_telegram_html(text) if (content.get("parse_mode") or "").upper() == "HTML" else text
    if utf16_len(plain) > MAX_TEXT:
        raise BotApiError(400, "Bad Request: MESSAGE_TOO_LONG")
    markup = _check_markup(result.get("reply_markup"))
    for row in (markup or {}).get("inline_keyboard", []):
        for b in row:
            url = b.get("url")
            if url is not None and not re.match(r"(https?|tg)://\S+$", url):
                raise BotApiError(400, "Bad Request: BUTTON_URL_INVALID")


# --------------------------------------------------------------------------- server


class FakeBotApi(_InlineMode):
    """The server plus the test-side controls; see the module docstring."""

    def __init__(self, token: str = DEFAULT_TOKEN, bot_username: str = "ntm_test_bot",
                 bot_name: str = "NTM Test"):
        self.token = token
        self.bot_username = bot_username
        self.bot_user = {"id": BOT_ID, "is_bot": True, "first_name": bot_name, "username": bot_username,
                         "can_join_groups": True, "can_read_all_group_messages": False,
                         "supports_inline_queries": False}
        self.port: int | None = None
        self.calls: list[tuple[str, dict]] = []  # every Bot API call, in order (method, params)
        self.commands: dict[str, list[dict]] = {}  # scope type -> setMyCommands list
        self.callback_answers: dict[str, CallbackAnswer] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.webhook_url = ""
        self.last_pushed_at = 0.0  # time.monotonic() of the last message pushed (latency)
        self._updates: list[dict] = []
        self._next_update_id = 1
        self._confirmed = 0  # updates below this id were confirmed through `offset`
        self._messages: dict[int, dict[int, SentMessage]] = {}  # chat id -> message id -> message
        self._user_messages: dict[int, dict[int, dict]] = {}  # chat id -> message id -> payload
        self._chats: dict[int, dict] = {}  # chat id -> Chat object, for every chat created here
        self._message_ids: dict[int, itertools.count] = {}
        self._reply_cursor: dict[int, int] = {}  # chat id -> how many bot messages next_reply consumed
        self._files: dict[str, tuple[str, bytes, dict]] = {}  # file_id -> (file_path, content, meta)
        self._injected: dict[str, list[_Injected]] = {}
        self._ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._polls_in_flight = 0

    # ----------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        """For `ApplicationBuilder.base_url` / `TELEGRAM_API_BASE_URL` (the token is appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def start(self) -> FakeBotApi:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # random free port
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ----------------------------------------------------------- people and chats

    def new_user(self, first_name: str = "Cán bộ", username: str | None = None,
                 user_id: int | None = None) -> FakeUser:
        return FakeUser(id=user_id or next(self._ids) + 5_000_000, first_name=first_name, username=username)

    def private_chat(self, user: FakeUser) -> FakeChat:
        return self._register(FakeChat(id=user.id, type="private", user=user))

    def group_chat(self, title: str = "Tổ công tác NTM", supergroup: bool = False) -> FakeChat:
        chat_id = -(next(self._ids) + (1_000_000_000_000 if supergroup else 0))
        return self._register(FakeChat(id=chat_id, type="supergroup" if supergroup else "group", title=title))

    def _register(self, chat: FakeChat) -> FakeChat:
        self._chats[chat.id] = chat.to_dict()
        return chat

    # ----------------------------------------------------------- pushing updates (what people do)

    def send_text(self, chat: FakeChat, user: FakeUser, text: str, reply_to: SentMessage | None = None) -> int:
        """A person sends `text`; commands and @mentions get their entities. Returns the message id."""
        return self._push_message(chat, user, {"text": text, **self._entities(text)}, reply_to)

    def send_command(self, chat: FakeChat, user: FakeUser, command: str, args: str = "",
                     addressed: bool = False) -> int:
        """`/command args`; `addressed` writes `/command@botname` as group members tap it."""
        name = command.lstrip("/")
        text = f"/{name}@{self.bot_username}" if addressed else f"/{name}"
        return self.send_text(chat, user, f"{text} {args}".rstrip())

    def send_mention(self, chat: FakeChat, user: FakeUser, text: str) -> int:
        """`@botname text` in a group."""
        return self.send_text(chat, user, f"@{self.bot_username} {text}")

    def send_sticker(self, chat: FakeChat, user: FakeUser, emoji: str = "👍") -> int:
        file_id = self._store_file("stickers", ".webp", b"RIFF-fake-webp", {})
        sticker = {"file_id": file_id, "file_unique_id": file_id + "u", "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": emoji}
        return self._push_message(chat, user, {"sticker": sticker})

    def send_photo(self, chat: FakeChat, user: FakeUser, caption: str | None = None) -> int:
        file_id = self._store_file("photos", ".jpg", b"\xff\xd8\xff fake jpeg", {})
        content: dict[str, Any] = {"photo": [{"file_id": file_id, "file_unique_id": file_id + "u",
                                              "width": 90, "height": 90, "file_size": 14}]}
        if caption is not None:
            content["caption"] = caption
        return self._push_message(chat, user, content)

    def send_document(self, chat: FakeChat, user: FakeUser, file_name: str, content: bytes,
                      mime_type: str = "application/octet-stream", caption: str | None = None) -> int:
        """A file sent as a document; the bot can getFile and download `content`."""
        suffix = "." + file_name.rsplit(".", 1)[-1] if "." in file_name else ""
        file_id = self._store_file("documents", suffix, content, {"file_name": file_name})
        payload: dict[str, Any] = {"document": {"file_id": file_id, "file_unique_id": file_id + "u",
                                                "file_name": file_name, "mime_type": mime_type,
                                                "file_size": len(content)}}
        if caption is not None:
            payload["caption"] = caption
            payload.update({("caption_" + k): v for k, v in self._entities(caption).items()})
        return self._push_message(chat, user, payload)

    def press_button(self, chat: FakeChat, user: FakeUser, message: SentMessage | int,
                     callback_data: str) -> str:
        """A person taps an inline button of the bot's `message`; returns the callback query id."""
        message_id = message if isinstance(message, int) else message.message_id
        sent = self.message(chat, message_id)
        query_id = str(next(self._ids))
        self._push_update({"callback_query": {
            "id": query_id, "from": user.to_dict(), "chat_instance": f"ci{chat.id}",
            "message": sent.payload, "data": callback_data}})
        return query_id

    def push_raw_update(self, update: dict) -> int:
        """Any other update (e.g. edited_message); the update id is filled in and returned."""
        return self._push_update(update)

    def _entities(self, text: str) -> dict:
        entities = []
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))})
        for mention in re.finditer(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,}", text):
            if command and mention.start() < command.end():
                continue
            entities.append({"type": "mention", "offset": utf16_len(text[:mention.start()]),
                             "length": utf16_len(mention.group(0))})
        return {"entities": entities} if entities else {}

    def _push_message(self, chat: FakeChat, user: FakeUser, content: dict,
                      reply_to: SentMessage | None = None) -> int:
        self.last_pushed_at = time.monotonic()
        message_id = self._next_message_id(chat.id)
        message = {"message_id": message_id, "date": int(time.time()), "chat": chat.to_dict(),
                   "from": user.to_dict(), **content}
        if reply_to is not None:
            message["reply_to_message"] = reply_to.payload
        self._user_messages.setdefault(chat.id, {})[message_id] = message
        self._push_update({"message": message})
        return message_id

    def _push_update(self, update: dict) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, **update})
        self._notify()
        return update_id

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _store_file(self, folder: str, suffix: str, content: bytes, meta: dict) -> str:
        file_id = f"F{next(self._ids)}"
        self._files[file_id] = (f"{folder}/file_{file_id}{suffix}", content, meta)
        return file_id

    # ----------------------------------------------------------- inspecting what the bot did

    def sent(self, chat: FakeChat | int) -> list[SentMessage]:
        """The bot's messages in `chat`, oldest first, as they look now."""
        chat_id = chat if isinstance(chat, int) else chat.id
        return list(self._messages.get(chat_id, {}).values())

    def message(self, chat: FakeChat | int, message_id: int) -> SentMessage:
        chat_id = chat if isinstance(chat, int) else chat.id
        return self._messages[chat_id][message_id]

    def calls_to(self, method: str) -> list[dict]:
        return [params for name, params in self.calls if name == method]

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot (an `offset` past them)."""
        return sum(1 for u in self._updates if u["update_id"] >= self._confirmed)

    async def next_reply(self, chat: FakeChat | int, timeout: float = 10.0) -> SentMessage:
        """The next new message the bot sends to `chat` (each is returned once)."""
        chat_id = chat if isinstance(chat, int) else chat.id

        def ready() -> SentMessage | None:
            messages = self.sent(chat_id)
            cursor = self._reply_cursor.get(chat_id, 0)
            return messages[cursor] if cursor < len(messages) else None

        message = await self.wait_for(ready, timeout, f"a reply in chat {chat_id}")
        self._reply_cursor[chat_id] = self._reply_cursor.get(chat_id, 0) + 1
        return message

    async def no_reply(self, chat: FakeChat | int, wait: float = 0.5) -> bool:
        """True when the bot sent nothing new to `chat` within `wait` seconds (groups ignoring chatter)."""
        try:
            await self.next_reply(chat, timeout=wait)
        except TimeoutError:
            return True
        return False

    async def callback_answer(self, query_id: str, timeout: float = 10.0) -> CallbackAnswer:
        return await self.wait_for(lambda: self.callback_answers.get(query_id), timeout,
                                   f"answerCallbackQuery for {query_id}")

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0, what: str = "condition"):
        """Wait until `predicate()` is truthy (re-checked on every server change) and return it."""
        async def loop():
            async with self._changed:
                while True:
                    value = predicate()
                    if value:
                        return value
                    await self._changed.wait()
        try:
            return await asyncio.wait_for(loop(), timeout)
        except TimeoutError:
            raise TimeoutError(f"fake Bot API: no {what} within {timeout} s") from None

    async def wait_for_polling(self, timeout: float = 10.0) -> None:
        """Until the bot has called getUpdates at least once (it is listening)."""
        await self.wait_for(lambda: self.calls_to("getUpdates"), timeout, "getUpdates call")

    # ----------------------------------------------------------- error injection

    def fail_next(self, method: str, status: int = 502, description: str | None = None,
                  retry_after: int | None = None, times: int = 1) -> None:
        """Make the next `times` calls of `method` fail like Telegram does.

        429 gets `parameters.retry_after` (default 1 s); other statuses the
        usual description ("Bad Gateway", ...).
        """
        parameters = None
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            parameters = {"retry_after": retry_after}
            description = description or f"Too Many Requests: retry after {retry_after}"
        description = description or {400: "Bad Request", 403: "Forbidden: bot was blocked by the user",
                                       500: "Internal Server Error", 502: "Bad Gateway",
                                       503: "Service Unavailable"}.get(status, "Error")
        self._injected.setdefault(method.lower(), []).append(_Injected(status, description, parameters, times))

    def _take_injected(self, method: str) -> _Injected | None:
        queue = self._injected.get(method.lower())
        if not queue:
            return None
        injected = queue[0]
        injected.times -= 1
        if injected.times <= 0:
            queue.pop(0)
        return injected

    # ----------------------------------------------------------- HTTP

    def _notify(self) -> None:
        async def notify():
            async with self._changed:
                self._changed.notify_all()
        asyncio.get_running_loop().create_task(notify())

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        try:
            params = await _read_params(request)
        except (ValueError, json.JSONDecodeError) as exc:
            return _error(400, f"Bad Request: {exc}")
        self.calls.append((method, {k: v for k, v in params.items() if not isinstance(v, _Upload)}))
        self._notify()
        injected = self._take_injected(method)
        if injected is not None:
            self._notify()
            return _error(injected.status, injected.description, injected.parameters)
        handler = getattr(self, "_api_" + method.lower(), None)
        if handler is None:
            return _error(404, "Not Found")
        try:
            result = await handler(params)
        except BotApiError as exc:
            self._notify()
            return _error(exc.status, exc.description, exc.parameters)
        except (KeyError, TypeError, ValueError) as exc:
            self._notify()
            return _error(400, f"Bad Request: invalid parameters ({exc})")
        self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        path = request.match_info["path"]
        for file_path, content, _meta in self._files.values():
            if file_path == path:
                return web.Response(body=content, content_type="application/octet-stream")
        return _error(404, "Not Found")

    # ----------------------------------------------------------- methods

    async def _api_getme(self, params: dict) -> dict:
        return self.bot_user

    async def _api_logout(self, params: dict) -> bool:
        return True

    async def _api_close(self, params: dict) -> bool:
        return True

    async def _api_deletewebhook(self, params: dict) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._confirmed = self._next_update_id
        return True

    async def _api_setwebhook(self, params: dict) -> bool:
        self.webhook_url = params["url"]
        return True

    async def _api_getwebhookinfo(self, params: dict) -> dict:
        return {"url": self.webhook_url, "has_custom_certificate": False,
                "pending_update_count": self.pending_updates}

    async def _api_getupdates(self, params: dict) -> list[dict]:
        if self.webhook_url:
            raise BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                   "use deleteWebhook to delete the webhook first")
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = max(0.0, float(params.get("timeout") or 0))
        if offset:
            if offset < 0:
                offset = max(1, self._next_update_id + offset)
            self._confirmed = max(self._confirmed, offset)
            self._updates = [u for u in self._updates if u["update_id"] >= self._confirmed]
        self._keep_allowed(params.get("allowed_updates"))
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                self._keep_allowed(None)
                ready = [u for u in self._updates if u["update_id"] >= self._confirmed][:limit]
                remaining = deadline - time.monotonic()
                if ready or remaining <= 0:
                    return ready
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    pass

    def _keep_allowed(self, allowed: list[str] | None) -> None:
        """Telegram drops the update types a bot did not ask for (`allowed_updates`, kept until changed;
        an empty list means the default: every type but chat_member and a few others)."""
        if allowed is not None:
            self.__dict__["_allowed_updates"] = set(allowed)
        wanted = self.__dict__.get("_allowed_updates")
        if wanted:
            self._updates = [u for u in self._updates if wanted & (u.keys() - {"update_id"})]

    async def _api_sendmessage(self, params: dict) -> dict:
        chat_id = _chat_id(params)
        text = params.get("text") or ""
        plain = self._render(text, params.get("parse_mode"), MAX_TEXT)
        reply_markup = _check_markup(params.get("reply_markup"))
        reply_to = (params.get("reply_parameters") or {}).get("message_id") or params.get("reply_to_message_id")
        return self._store_bot_message(chat_id, {"text": plain}, text, params.get("parse_mode"),
                                       reply_markup, reply_to)

    async def _api_editmessagetext(self, params: dict) -> dict:
        sent = self._find(params)
        text = params.get("text") or ""
        plain = self._render(text, params.get("parse_mode"), MAX_TEXT)
        reply_markup = _check_markup(params.get("reply_markup"))
        if plain == sent.text and reply_markup == sent.reply_markup:
            raise BotApiError(400, "Bad Request: message is not modified: specified new message content "
                                   "and reply markup are exactly the same as a current content and reply "
                                   "markup of the message")
        sent.edits.append(sent.text)
        sent.text, sent.raw_text, sent.parse_mode = plain, text, params.get("parse_mode")
        sent.reply_markup = reply_markup
        self._refresh_payload(sent)
        return sent.payload

    async def _api_editmessagereplymarkup(self, params: dict) -> dict:
        sent = self._find(params)
        reply_markup = _check_markup(params.get("reply_markup"))
        if reply_markup == sent.reply_markup:
            raise BotApiError(400, "Bad Request: message is not modified: specified new message content "
                                   "and reply markup are exactly the same as a current content and reply "
                                   "markup of the message")
        sent.reply_markup = reply_markup
        self._refresh_payload(sent)
        return sent.payload

    async def _api_deletemessage(self, params: dict) -> bool:
        self._find(params).deleted = True
        return True

    async def _api_answercallbackquery(self, params: dict) -> bool:
        query_id = str(params["callback_query_id"])
        if query_id in self.callback_answers:
            raise BotApiError(400, "Bad Request: query is too old and response timeout expired or "
                                   "query ID is invalid")
        text = params.get("text")
        if text and len(text) > 200:
            raise BotApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = CallbackAnswer(query_id, text, bool(params.get("show_alert")))
        return True

    async def _api_setmycommands(self, params: dict) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            name = command.get("command", "")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not 1 <= len(command.get("description", "")) <= 256:
                raise BotApiError(400, f"Bad Request: BOT_COMMAND_INVALID ({name!r})")
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[scope] = commands
        return True

    async def _api_getmycommands(self, params: dict) -> list[dict]:
        return self.commands.get((params.get("scope") or {}).get("type", "default"), [])

    async def _api_deletemycommands(self, params: dict) -> bool:
        self.commands.pop((params.get("scope") or {}).get("type", "default"), None)
        return True

    async def _api_sendchataction(self, params: dict) -> bool:
        self.chat_actions.append((_chat_id(params), params.get("action", "")))
        return True

    async def _api_senddocument(self, params: dict) -> dict:
        chat_id = _chat_id(params)
        self._known_chat(chat_id)
        document = params.get("document")
        if isinstance(document, _Upload):
            if len(document.content) > MAX_UPLOAD_DOCUMENT:
                raise BotApiError(413, "Request Entity Too Large")
            if not document.content:
                raise BotApiError(400, "Bad Request: file must be non-empty")
            file_id = self._store_file("documents", "", document.content, {"file_name": document.filename})
            file_name = document.filename
        elif isinstance(document, str) and document in self._files:
            file_id, file_name = document, self._files[document][2].get("file_name", "file")
        else:
            raise BotApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption, plain_caption = self._caption(params)
        content: dict[str, Any] = {"document": {"file_id": file_id, "file_unique_id": file_id + "u",
                                                "file_name": file_name,
                                                "file_size": len(self._files[file_id][1])}}
        if plain_caption:
            content["caption"] = plain_caption
        return self._store_bot_message(chat_id, content, caption, params.get("parse_mode"),
                                       _check_markup(params.get("reply_markup")), None)

    async def _api_sendphoto(self, params: dict) -> dict:
        """As Telegram: an uploaded image up to 10 MB whose width + height is at most 10,000 and whose
        sides are at most 20:1 (it must decode), or the file_id of one sent before; caption as sendDocument."""
        chat_id = _chat_id(params)
        self._known_chat(chat_id)
        photo = params.get("photo")
        if isinstance(photo, _Upload):
            width, height = _photo_size(photo.content)
            file_id = self._store_file("photos", "", photo.content,
                                       {"file_name": photo.filename, "width": width, "height": height})
        elif isinstance(photo, str) and photo in self._files and "width" in self._files[photo][2]:
            file_id = photo
        else:
            raise BotApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption, plain_caption = self._caption(params)
        meta = self._files[file_id][2]
        content: dict[str, Any] = {"photo": [{"file_id": file_id, "file_unique_id": file_id + "u",
                                              "width": meta["width"], "height": meta["height"],
                                              "file_size": len(self._files[file_id][1])}]}
        if plain_caption:
            content["caption"] = plain_caption
        return self._store_bot_message(chat_id, content, caption, params.get("parse_mode"),
                                       _check_markup(params.get("reply_markup")), None)

    def _caption(self, params: dict) -> tuple[str, str]:
        """(caption as sent, as shown); Telegram's limit is 1,024 UTF-16 units after parsing."""
        caption = params.get("caption") or ""
        if not caption:
            return "", ""
        plain = parse_telegram_html(caption) if (params.get("parse_mode") or "").upper() == "HTML" else caption
        if utf16_len(plain) > MAX_CAPTION:
            raise BotApiError(400, "Bad Request: message caption is too long")
        return caption, plain

    def file_content(self, file_id: str) -> bytes:
        """The bytes of a file the bot uploaded (a photo's or a document's file_id)."""
        return self._files[file_id][1]

    async def _api_getfile(self, params: dict) -> dict:
        file_id = params["file_id"]
        if file_id not in self._files:
            raise BotApiError(400, "Bad Request: invalid file_id")
        file_path, content, _meta = self._files[file_id]
        return {"file_id": file_id, "file_unique_id": file_id + "u", "file_size": len(content),
                "file_path": file_path}

    # ----------------------------------------------------------- helpers

    def _render(self, text: str, parse_mode: str | None, limit: int) -> str:
        plain = parse_telegram_html(text) if (parse_mode or "").upper() == "HTML" else text
        if not plain.strip():
            raise BotApiError(400, "Bad Request: message text is empty")
        if utf16_len(plain) > limit:
            raise BotApiError(400, "Bad Request: message is too long")
        return plain

    def _known_chat(self, chat_id: int) -> dict:
        if chat_id not in self._chats:
            raise BotApiError(400, "Bad Request: chat not found")
        return self._chats[chat_id]

    def _store_bot_message(self, chat_id: int, content: dict, raw_text: str, parse_mode: str | None,
                           reply_markup: dict | None, reply_to: int | None) -> dict:
        chat = self._known_chat(chat_id)
        message_id = self._next_message_id(chat_id)
        sent = SentMessage(chat_id=chat_id, message_id=message_id, text=content.get("text", ""),
                           raw_text=raw_text, parse_mode=parse_mode, reply_markup=reply_markup,
                           reply_to_message_id=reply_to, document=content.get("document"),
                           photo=content.get("photo"), caption=content.get("caption", ""))
        sent.payload = {"message_id": message_id, "date": int(time.time()), "chat": chat,
                        "from": self.bot_user, **content}
        if reply_to and reply_to in self._user_messages.get(chat_id, {}):
            sent.payload["reply_to_message"] = self._user_messages[chat_id][reply_to]
        self._refresh_payload(sent)
        self._messages.setdefault(chat_id, {})[message_id] = sent
        return sent.payload

    def _refresh_payload(self, sent: SentMessage) -> None:
        if sent.document is None and sent.photo is None:
            sent.payload["text"] = sent.text
        if sent.reply_markup:
            sent.payload["reply_markup"] = sent.reply_markup
        else:
            sent.payload.pop("reply_markup", None)
        if sent.edits:
            sent.payload["edit_date"] = int(time.time())

    def _find(self, params: dict) -> SentMessage:
        if "inline_message_id" in params:
            raise BotApiError(400, "Bad Request: inline messages are not supported by the fake server")
        chat_id, message_id = _chat_id(params), int(params["message_id"])
        try:
            sent = self._messages[chat_id][message_id]
        except KeyError:
            raise BotApiError(400, "Bad Request: message to edit not found") from None
        if sent.deleted:
            raise BotApiError(400, "Bad Request: message to edit not found")
        return sent


@dataclass
class _Upload:
    filename: str
    content: bytes


async def _read_params(request: web.Request) -> dict:
    """Form, multipart, JSON body or query string -> typed parameters."""
    raw: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            raw.update(await request.json())
            return raw
        if request.content_type == "multipart/form-data":
            reader = await request.multipart()
            async for part in reader:
                if part.filename:
                    raw[part.name] = _Upload(part.filename, bytes(await part.read()))
                else:
                    raw[part.name] = await part.text()
        else:
            raw.update(await request.post())
    return {name: _convert(name, value) for name, value in raw.items()}


def _convert(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in _JSON_PARAMS:
        return json.loads(value)
    if name in _INT_PARAMS:
        return int(value)
    if name in _BOOL_PARAMS:
        return value.lower() in ("true", "1")
    return value


def _photo_size(content: bytes) -> tuple[int, int]:
    """(width, height) of an uploaded photo, refused as Telegram refuses it."""
    import io

    from PIL import Image, UnidentifiedImageError

    if len(content) > MAX_UPLOAD_PHOTO:
        raise BotApiError(400, "Bad Request: PHOTO_SAVE_FILE_INVALID")
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            width, height = image.size
    except (UnidentifiedImageError, OSError):
        raise BotApiError(400, "Bad Request: IMAGE_PROCESS_FAILED") from None
    if width + height > MAX_PHOTO_SIDES or max(width, height) > 20 * min(width, height):
        raise BotApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
    return width, height


def _chat_id(params: dict) -> int:
    value = params["chat_id"]
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BotApiError(400, "Bad Request: chat not found") from None


def _check_markup(markup: Any) -> dict | None:
    if not markup:
        return None
    if not isinstance(markup, dict):
        raise BotApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise BotApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise BotApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
    return markup


def _error(status: int, description: str, parameters: dict | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)
