"""Targets (chỉ tiêu) as data: extracted from passages at index time, queried and rendered.

The modules behind this API each do one job: `model` (the record and its
JSONL file), `extract` (Vietnamese patterns -> targets), `query` (province and
year filter, one row per fact), `answer` (numeric questions), `render`
(Telegram HTML and console text), `places` (province names), `bundled` (the
shipped articles, for when no index exists).
"""

from knowledge.domain.targets.answer import NumericAnswer, answer_numeric_question
from knowledge.domain.targets.extract import extract_targets
from knowledge.domain.targets.model import Kind, Target, copy_targets, dump_targets, load_targets
from knowledge.domain.targets.query import group_targets, provinces_with_targets, query_targets

__all__ = [
    "Kind", "NumericAnswer", "Target", "answer_numeric_question", "copy_targets",
    "dump_targets", "extract_targets", "group_targets", "load_targets",
    "provinces_with_targets", "query_targets",
]
