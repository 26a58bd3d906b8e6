"""Core modules never import the CLI, the language server or the formatters (DESIGN.md layout)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "medlint"
CORE = ["models.py", "rules", "checks", "documents", "engine.py"]
FORBIDDEN = ("medlint.cli", "medlint.lsp", "medlint.formatters", "medlint.runner")


def core_files() -> list[Path]:
    files: list[Path] = []
    for entry in CORE:
        path = SRC / entry
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", core_files(), ids=lambda path: str(path.relative_to(SRC)))
def test_core_module_does_not_import_outer_layers(path: Path) -> None:
    bad = sorted(name for name in imported_modules(path) if name.startswith(FORBIDDEN))
    assert not bad, f"{path.relative_to(SRC)} imports {bad}"
