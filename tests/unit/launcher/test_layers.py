"""No arrow runs upward (docs/architecture.md, "Layers and the launcher").

`make lint` (import-linter) checks import statements; this also catches what it cannot
see: a module named in a string, as importlib.import_module("ui.app") or __import__ would
take it. The core, forms, crypto and sync never name ui/ or Qt at all."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BELOW_UI = ("desktop", "crypto", "forms", "sync")
UPWARD = re.compile(r"^(ui|PySide6|shiboken6)(\.\w+)*$")


def _upward_references(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]
        found += [f"{path.relative_to(root)}:{node.lineno} {n}" for n in names
                  if UPWARD.match(n)]
    return found


def test_nothing_below_ui_names_ui_or_qt():
    files = [p for top in BELOW_UI for p in (ROOT / top).rglob("*.py")]
    assert files
    assert [hit for p in files for hit in _upward_references(p)] == []


def test_the_scan_finds_a_dynamic_import(tmp_path):
    planted = tmp_path / "x.py"
    planted.write_text("import importlib\nimportlib.import_module('ui.app')\n"
                       "def f():\n    from PySide6 import QtCore\n")
    assert sorted(_upward_references(planted, tmp_path)) == ["x.py:2 ui.app", "x.py:4 PySide6"]
