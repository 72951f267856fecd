"""The layer contract holds: no lower layer imports a higher one (pyproject's [tool.importlinter]).

The same check as `make lint`, in-process, so `make test` and `make test-fast` fail on a new upward import.
"""

from __future__ import annotations

import re
import tomllib

from importlinter.cli import lint_imports

from tests.auxil.paths import REPO

PYPROJECT = REPO / "pyproject.toml"


def test_the_contract_puts_every_package_in_a_layer():
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    [layers] = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    names = {name.strip() for layer in layers for name in re.split(r"[:|]", layer)}
    for root in config["root_packages"]:
        assert any(n == root or n.startswith(f"{root}.") for n in names), f"{root} is in no layer"


def test_no_layer_imports_a_higher_one():
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0
