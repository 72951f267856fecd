"""Targets (chỉ tiêu) as data: extracted from passages at index time, queried and rendered.

The modules behind this API each do one job: `model` (the record and its
JSONL file), `extract` (Vietnamese patterns -> targets), `query` (province and
year filter, one row per fact), `answer` (numeric questions), `render`
(Telegram HTML and console text), `places` (province names), `bundled` (the
shipped articles, for when no index exists).
"""

from knowledge.targets.answer import NumericAnswer, answer_numeric_question
from knowledge.targets.bundled import bundled_targets
from knowledge.targets.extract import extract_targets
from knowledge.targets.model import Kind, Target, dump_targets, load_targets
from knowledge.targets.places import detect_provinces
from knowledge.targets.query import group_targets, provinces_with_targets, query_targets
from knowledge.targets.render import (
    not_found_message,
    render_numeric_answer_html,
    render_numeric_answer_text,
    render_targets_html,
    render_targets_text,
    targets_reply,
)

__all__ = [
    "Kind", "NumericAnswer", "Target", "answer_numeric_question", "bundled_targets", "detect_provinces",
    "dump_targets", "extract_targets", "group_targets", "load_targets", "not_found_message",
    "provinces_with_targets", "query_targets", "render_numeric_answer_html", "render_numeric_answer_text",
    "render_targets_html", "render_targets_text", "targets_reply",
]
