"""The shape the code keeps: services are plain Python, and every module stays short enough to read in one go."""

from __future__ import annotations

import ast
from pathlib import Path

import magicloop

PACKAGE = Path(magicloop.__file__).parent
LONGEST_MODULE = 300  # lines


def _modules(folder: Path = PACKAGE) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _imported(module: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_layout_is_read_from_the_package():
    assert len(_modules(PACKAGE / "services")) > 40 and len(_modules()) > 150


def test_services_import_nothing_of_the_web_framework():
    assert [m.name for m in _modules(PACKAGE / "services") if "reflex" in _imported(m)] == []


def test_no_module_is_longer_than_a_careful_read():
    lengths = {str(m.relative_to(PACKAGE)): len(m.read_text().splitlines()) for m in _modules()}
    assert {name: n for name, n in lengths.items() if n > LONGEST_MODULE} == {}
