"""Whole-engine evaluation on conversations (knowledge/eval/blind/*.jsonl): what a person would read.

Retrieval evaluation (`knowledge.application.evaluation`) asks whether the
right passage is in the top 5; an official reads the reply. So here each turn
goes through the same `ask(text, chat)` the bot uses, turns of a conversation
share one chat (follow-ups), and a turn passes when:
- `expect`: every string is in the reply's main answer: the lead sentence of a
  passage answer, or the text of a structured answer (commune card, criteria,
  targets); compared without case, diacritics kept, spaces folded;
- `no_lead` (near-miss): the reply shows no lead as if it answered;
- `not_found` (off-topic): the reply says nothing was found.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.application.answer.model import Answer
from knowledge.text.normalize import normalize

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Turn:
    question: str
    expect: tuple[str, ...] = ()
    no_lead: bool = False
    not_found: bool = False


@dataclass(frozen=True)
class Conversation:
    id: str
    kind: str  # the question class: fact, nodiac, followup, ...
    turns: tuple[Turn, ...]


@dataclass
class TurnResult:
    turn: Turn
    passed: bool
    shown: str  # the main answer as compared (or the reply kind)
    note: str = ""


@dataclass
class ConversationResult:
    conversation: Conversation
    turns: list[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.turns)


def load_conversations(path: Path) -> list[Conversation]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        turns = tuple(Turn(t["q"], tuple(t.get("expect", ())), bool(t.get("no_lead")), bool(t.get("not_found")))
                      for t in row["turns"])
        if any(not (t.expect or t.no_lead or t.not_found) for t in turns):
            raise ValueError(f"dòng {n}: mỗi lượt cần expect, no_lead hoặc not_found")
        out.append(Conversation(str(row.get("id", n)), row.get("class", "fact"), turns))
    return out


def is_conversation_file(path: Path) -> bool:
    """True for the conversation format (lines with "turns"), False for the retrieval format."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return "turns" in json.loads(line)
    return False


def canon(text: str) -> str:
    return re.sub(r"\s+", " ", normalize(html.unescape(_TAG.sub(" ", text)))).strip().casefold()


def main_answer(answer: Answer) -> str:
    """What the reply presents as the answer: the lead, or a structured answer's text; '' when neither."""
    if answer.lead is not None:
        return answer.lead.text
    if answer.kind == "special":
        return answer.message
    return ""


def judge(turn: Turn, answer: Answer) -> TurnResult:
    shown = main_answer(answer)
    if turn.not_found:
        ok = answer.kind == "not_found"
        return TurnResult(turn, ok, answer.kind, "" if ok else "có trả lời")
    if turn.no_lead:
        ok = not shown
        return TurnResult(turn, ok, shown or answer.kind, "" if ok else "đưa câu dẫn cho câu không có đáp án")
    text = canon(shown)
    missing = [e for e in turn.expect if canon(e) not in text]
    return TurnResult(turn, not missing, shown or answer.kind, "thiếu: " + ", ".join(missing) if missing else "")


def evaluate_conversations(ask: Callable[[str, Hashable], Answer],
                           conversations: list[Conversation]) -> list[ConversationResult]:
    """Each conversation in a chat of its own; its turns in order, as one person would send them."""
    results = []
    for n, conversation in enumerate(conversations):
        chat = f"eval-{n}-{conversation.id}"
        result = ConversationResult(conversation)
        for turn in conversation.turns:
            result.turns.append(judge(turn, ask(turn.question, chat)))
        results.append(result)
    return results


def per_class(results: list[ConversationResult]) -> dict[str, tuple[int, int]]:
    """Question class -> (turns passed, turns)."""
    table: dict[str, tuple[int, int]] = {}
    for r in results:
        ok, total = table.get(r.conversation.kind, (0, 0))
        table[r.conversation.kind] = (ok + sum(t.passed for t in r.turns), total + len(r.turns))
    return dict(sorted(table.items()))
