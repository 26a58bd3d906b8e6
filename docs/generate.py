"""Regenerate docs/rules.md from the built-in rule files: ``python docs/generate.py``.

tests/test_ruledocs.py fails when the committed page and the rules disagree.
"""

from __future__ import annotations

from pathlib import Path

from medlint.ruledocs import builtin_reference


def main() -> None:
    """Write the rule reference next to this script."""
    target = Path(__file__).resolve().parent / "rules.md"
    target.write_text(builtin_reference(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
