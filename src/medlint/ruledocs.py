"""Render the rule reference (``docs/rules.md``) from the rule files themselves.

The YAML rule files are the single source: ``medlint rules --format markdown``
prints this page and a test checks that the committed ``docs/rules.md``
equals it for the built-in rules (``docs/generate.py`` rewrites it), so the
reference never drifts from the rules. The output depends
only on the rules given (no dates, paths or config), so it is reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable

from medlint.rules.model import Rule

REGENERATE = "python docs/generate.py"

HEADER = f"""# Rule reference

Generated from the built-in rule files in `rulesets/`; do not edit by hand.
After changing a rule, run `{REGENERATE}`. For your own rulesets,
`medlint rules --format markdown` prints the same page for every rule loaded.

## Severity policy

- **error**: deceptive on its face; no context or evidence makes it
  acceptable, or it can cause harm. Cure and guarantee claims, a product
  offered as the answer to suicidal thoughts, suicide method details, a page
  that sells a treatment and names no risk at all.
- **warning**: needs substantiation, a status statement or balance nearby.
  Unapproved (off-label) indications, unsourced "studies show", a missing
  medical disclaimer, stigmatising wording.
- **info**: tone; wording a careful editor would soften, but not a
  compliance problem by itself.

Every rule can be re-graded in the configuration (`rules: {{ID: {{severity: ...}}}}`)
or turned off (`rules: {{ID: off}}`). Span rules flag a sentence or heading;
document rules (scope `document`) flag the page once, at its first line.
"""


def render_markdown(rules: Iterable[Rule]) -> str:
    """Return the Markdown reference for ``rules``: an index table, then one section per rule."""
    ordered = sorted(rules, key=lambda rule: rule.id)
    parts = [HEADER, _index(ordered)]
    parts.extend(_section(rule) for rule in ordered)
    return "\n".join(parts).rstrip("\n") + "\n"


def _index(rules: list[Rule]) -> str:
    rows = ["## Rules", "", "| id | name | category | severity | scope |", "|---|---|---|---|---|"]
    for rule in rules:
        anchor = rule.id.lower()
        rows.append(
            f"| [{rule.id}](#{anchor}) | `{rule.name}` | {rule.category} | {rule.severity.value} | {rule.scope.value} |"
        )
    return "\n".join(rows) + "\n"


def _section(rule: Rule) -> str:
    docs = rule.docs
    lines = [
        f"## {rule.id}",
        "",
        f"`{rule.name}` · category **{rule.category}** · severity **{rule.severity.value}** · "
        f"scope {rule.scope.value} · kind `{rule.kind}`",
        "",
        f"**What it flags.** {_prose(docs.what)}",
        "",
        f"**Why.** {_prose(docs.why)}",
        "",
        "**Example** (fires):",
        "",
        _block(docs.example),
        "",
        "**Instead** (does not fire):",
        "",
        _block(docs.instead),
        "",
    ]
    if rule.supersedes:
        replaced = _listed(rule.supersedes)
        lines += [f"**Supersedes** {replaced}: where both flag the same words, only this one reports.", ""]
    if docs.references:
        lines += ["**References.**", "", *(f"- {reference}" for reference in docs.references), ""]
    return "\n".join(lines)


def _listed(ids: Iterable[str]) -> str:
    return ", ".join(f"[{rule_id}](#{rule_id.lower()})" for rule_id in ids)


def _prose(text: str) -> str:
    return " ".join(text.split()) or "(not documented)"


def _block(text: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}text\n{text.strip()}\n{fence}"


def builtin_reference() -> str:
    """The reference page of the built-in rulesets alone (no config file, no plugins)."""
    import os

    from medlint.api import Linter
    from medlint.config import Config

    previous = os.environ.get("MEDLINT_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["MEDLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        linter = Linter.create(Config())
    finally:
        if previous is None:
            del os.environ["MEDLINT_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["MEDLINT_DISABLE_PLUGIN_AUTOLOAD"] = previous
    return render_markdown(linter.rules)
