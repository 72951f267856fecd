"""Targets (chỉ tiêu) as data: extracted from passages at index time, queried and rendered.

Public API; the modules behind it each do one job (model, extract, query,
answer, render).
"""

from knowledge.targets.extract import extract_targets
from knowledge.targets.model import Kind, Target, dump_targets, load_targets

__all__ = ["Kind", "Target", "dump_targets", "extract_targets", "load_targets"]
