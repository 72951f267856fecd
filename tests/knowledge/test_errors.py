"""One family of errors: `NtmError` for every deliberate failure, `UserError` for the ones a person fixes."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

from indexer.build import IndexBusy
from indexer.readers import DocumentError
from knowledge.application.admin.caption import CaptionError
from knowledge.application.admin.documents import UploadRejected
from knowledge.application.admin.indexing import RunnerBusy
from knowledge.domain.communes.stats import ProvinceNotFound
from knowledge.domain.communes.tabular import FileError
from knowledge.domain.criteria.lookup import UnknownPeriod
from knowledge.errors import NtmError, UserError
from knowledge.retrieval.embedding.errors import ModelNotFound
from knowledge.retrieval.search import IndexNotFound
from knowledge.settings import ConfigError

REPO = Path(__file__).resolve().parents[2]


def test_user_error_carries_its_line_and_exit_code():
    error = UserError("Không tìm thấy tệp.")
    assert str(error) == error.message == "Không tìm thấy tệp." and error.exit_code == 1
    assert isinstance(error, NtmError) and isinstance(error, Exception)
    assert UserError("x", exit_code=3).exit_code == 3 and UserError.exit_code == 1


@pytest.mark.parametrize("error, exit_code, builtin", [
    (ConfigError("Thiếu TELEGRAM_BOT_TOKEN"), 2, None),
    (ModelNotFound("/no/model"), 2, FileNotFoundError),
    (IndexNotFound(Path("/no/index")), 2, RuntimeError),
    (IndexBusy(), 1, RuntimeError),
    (RunnerBusy(None), 1, RuntimeError),
    (DocumentError("Tệp rỗng", path="a.txt"), 1, None),
    (UploadRejected("Tệp rỗng"), 1, None),
    (CaptionError("Không hiểu ngày"), 1, ValueError),
    (FileError("Tệp rỗng"), 1, None),
    (ProvinceNotFound("Narnia"), 1, LookupError),
])
def test_user_facing_errors(error, exit_code, builtin):
    assert isinstance(error, UserError) and error.exit_code == exit_code
    assert str(error) == error.message and "\n" not in str(error)
    if builtin is not None:  # callers that catch the built-in kind still do
        assert isinstance(error, builtin)


def test_ntm_index_and_model_messages_say_what_to_do():
    assert "ntm index" in str(IndexNotFound(Path("/x")))
    assert "NTM_EMBEDDING_MODEL" in str(ModelNotFound("/x")) and isinstance(ModelNotFound("/x"), OSError)


def test_internal_errors_are_in_the_family_but_not_shown():
    error = UnknownPeriod("2031-2035")
    assert isinstance(error, NtmError) and isinstance(error, LookupError) and not isinstance(error, UserError)


def test_every_exception_class_in_the_tree_joins_the_family():
    """A class based on a built-in exception must also name NtmError or UserError (first), so the CLI
    and the bot catch one type."""
    builtin_errors = {name for name, obj in vars(builtins).items()
                      if isinstance(obj, type) and issubclass(obj, BaseException)}
    outside = []
    for package in ("knowledge", "indexer", "bot", "ntm"):
        for path in sorted((REPO / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ClassDef):
                    continue
                bases = [ast.unparse(b) for b in node.bases]
                if node.name == "NtmError":
                    continue
                if any(b in builtin_errors for b in bases) and bases[0] not in ("NtmError", "UserError"):
                    outside.append(f"{path.relative_to(REPO)}:{node.name}")
    assert outside == []
