"""Whole-engine conversation evaluation: turns share a chat, and each kind of expectation is judged right."""

from __future__ import annotations

import json

from knowledge.application.answer.model import Answer, Lead
from knowledge.application.conversation_eval import (
    Turn,
    evaluate_conversations,
    is_conversation_file,
    judge,
    load_conversations,
    per_class,
)


def test_expect_is_looked_for_in_the_lead_not_in_the_citations():
    answer = Answer("answer", "q", lead=Lead("Năm 2025 có thêm <b>29 xã</b> NTM nâng cao."))
    assert judge(Turn("q", expect=("29 xã",)), answer).passed
    assert not judge(Turn("q", expect=("16 xã",)), answer).passed


def test_a_structured_answer_is_judged_on_its_message():
    answer = Answer("special", "q", message="🏡 <b>Xã Cao Xá</b>: đạt chuẩn NTM nâng cao năm 2020")
    assert judge(Turn("q", expect=("nâng cao", "2020")), answer).passed


def test_near_miss_passes_only_without_a_lead():
    related = Answer("answer", "q")  # passages shown as related, no lead
    assert judge(Turn("q", no_lead=True), related).passed
    assert not judge(Turn("q", no_lead=True), Answer("answer", "q", lead=Lead("Một câu không trả lời."))).passed
    assert not judge(Turn("q", no_lead=True), Answer("special", "q", message="thẻ xã")).passed


def test_off_topic_passes_only_when_nothing_was_found():
    assert judge(Turn("q", not_found=True), Answer("not_found", "q")).passed
    assert not judge(Turn("q", not_found=True), Answer("answer", "q")).passed


def test_turns_of_a_conversation_share_one_chat_and_conversations_do_not(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "class": "followup", "turns": [{"q": "một", "expect": ["x"]}, {"q": "hai", "expect": ["x"]}]},
            {"id": "b", "class": "fact", "turns": [{"q": "ba", "not_found": True}]}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert is_conversation_file(path)
    chats = []

    def ask(text, chat):
        chats.append(chat)
        return Answer("answer", text, lead=Lead("x"))

    results = evaluate_conversations(ask, load_conversations(path))
    assert chats[0] == chats[1] != chats[2]
    assert per_class(results) == {"fact": (0, 1), "followup": (2, 2)}


def test_a_turn_without_an_expectation_is_refused(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "turns": [{"q": "một"}]}), encoding="utf-8")
    try:
        load_conversations(path)
    except ValueError as exc:
        assert "dòng 1" in str(exc)
    else:
        raise AssertionError("accepted a turn with nothing to check")
