"""Start payloads: within Telegram's 64 characters of [A-Za-z0-9_-], read back exactly, garbage refused."""

from __future__ import annotations

import re

import pytest

from bot.deeplink import Opened, link, parse, question_payload

PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


@pytest.mark.parametrize("question", ["xã NTM là gì?", "Tiêu chí số 17 là gì", "bac giang 2024 ntm kieu mau",
                                      "Hỏi: 19/19 tiêu chí & “kiểu mẫu”?"])
def test_short_questions_travel_in_the_payload(question):
    payload = question_payload(question)
    assert payload is not None and PAYLOAD.fullmatch(payload)
    assert parse(payload) == Opened("question", question)


def test_long_questions_do_not_fit():
    assert question_payload("Năm 2025 Hải Dương phấn đấu có thêm bao nhiêu xã đạt chuẩn NTM nâng cao?") is None


@pytest.mark.parametrize(("payload", "opened"), [
    ("help", Opened("help")), ("x42", Opened("commune", 42)), ("l17", Opened("logged", 17)),
    ("l-3", Opened("logged", -3)),
    (None, None), ("", None), ("z1", None), ("x", None), ("xabc", None), ("q", None), ("q%%", None),
    ("qAAAA", None),  # decodes to NUL bytes: no letters
    ("q_w", None),  # not UTF-8
    ("l" + "9" * 40, None), ("a" * 65, None),
])
def test_parse(payload, opened):
    assert parse(payload) == opened


def test_link():
    assert link("ntm_bot", "x42") == "https://t.me/ntm_bot?start=x42"
