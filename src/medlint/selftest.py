"""``medlint test``: run every rule's inline tests and docs examples, like ``vale test``.

A rule file carries its own cases: each ``tests.fail`` text and
``docs.example`` must fire the rule; each ``tests.pass`` text and
``docs.instead`` must not. Cases are linted as Markdown, without inline
suppressions and without a region (so any region's crisis line counts). A
span rule runs alone; a document rule runs with every span rule of the run,
because ``when_categories`` reads their findings. Failures name the rule file
and the case's line, the text, what was expected and what came out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from medlint.api import Linter
from medlint.config import load_config
from medlint.engine import lint_document
from medlint.errors import RuleError
from medlint.models import Finding
from medlint.rules.model import Rule
from medlint.yamlsource import YamlDoc, load_yaml

CASE_PATH = "case.md"


@dataclass(frozen=True, slots=True)
class Case:
    """One text a rule must (``should_fire``) or must not flag, and where it is written."""

    rule: Rule
    text: str
    should_fire: bool
    key: tuple[str | int, ...]

    @property
    def label(self) -> str:
        """The case's key path in the rule file, e.g. ``tests.fail[0]`` or ``docs.example``."""
        head = ".".join(str(part) for part in self.key if isinstance(part, str))
        index = [part for part in self.key if isinstance(part, int)]
        return f"{head}[{index[0]}]" if index else head


@dataclass(frozen=True, slots=True)
class CaseFailure:
    """A case whose outcome differs from its expectation, with every finding the rule produced."""

    case: Case
    location: str
    findings: tuple[Finding, ...]
    others: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SelfTestResult:
    """The outcome of ``medlint test``: counts and the failing cases."""

    rules: int
    cases: int
    failures: tuple[CaseFailure, ...]
    untested: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        """0 when every case passed, 1 otherwise."""
        return 1 if self.failures else 0

    def render(self) -> str:
        """The report: one block per failing case, then a summary line."""
        lines = [line for failure in self.failures for line in _failure_lines(failure)]
        if self.untested:
            lines.append(f"note: {len(self.untested)} rule(s) have no test cases: {', '.join(self.untested)}")
        failed_rules = len({failure.case.rule.id for failure in self.failures})
        if self.failures:
            lines.append(f"{len(self.failures)} of {self.cases} cases failed in {failed_rules} of {self.rules} rules.")
        else:
            lines.append(f"All {self.cases} cases of {self.rules} rules passed.")
        return "\n".join(lines) + "\n"


def run_selftest(config_path: Path | None, rulesets: Sequence[str] = (), plugins: Sequence[str] = ()) -> SelfTestResult:
    """Test the rules of ``rulesets`` (names or folders), or every rule the config loads."""
    config = load_config(config_path)
    if rulesets:
        config = config.override(rulesets=tuple(_ruleset_entry(entry) for entry in rulesets))
    linter = Linter.create(config, plugins)
    return check_rules(linter, linter.rules)


def _ruleset_entry(entry: str) -> str:
    """A folder given on the command line is relative to the working folder, not the config."""
    folder = Path(entry)
    return str(folder.resolve()) if folder.is_dir() else entry


def check_rules(linter: Linter, rules: Iterable[Rule]) -> SelfTestResult:
    """Run the cases of ``rules``; the linter supplies the parser and the span rules document rules need."""
    tested = list(rules)
    span_rules = [rule for rule in linter.rules if not rule.is_document_rule]
    failures: list[CaseFailure] = []
    count = 0
    for rule in tested:
        context = [rule] if not rule.is_document_rule else [*span_rules, rule]
        for case in cases_of(rule):
            count += 1
            findings = lint_document(linter.parse(case.text, CASE_PATH), context, timeout=linter.config.rule_timeout)
            own = tuple(finding for finding in findings if finding.rule == rule.id)
            if bool(own) != case.should_fire:
                others = tuple(sorted({finding.rule for finding in findings} - {rule.id}))
                failures.append(CaseFailure(case, case_location(case), own, others))
    untested = tuple(rule.id for rule in tested if not cases_of(rule))
    return SelfTestResult(len(tested), count, tuple(failures), untested)


def cases_of(rule: Rule) -> list[Case]:
    """The cases a rule file defines, in file order: fail, pass, docs.example, docs.instead."""
    cases = [Case(rule, text, True, ("tests", "fail", index)) for index, text in enumerate(rule.tests.fail)]
    cases += [Case(rule, text, False, ("tests", "pass", index)) for index, text in enumerate(rule.tests.passing)]
    if rule.docs.example:
        cases.append(Case(rule, rule.docs.example, True, ("docs", "example")))
    if rule.docs.instead:
        cases.append(Case(rule, rule.docs.instead, False, ("docs", "instead")))
    return cases


def case_location(case: Case) -> str:
    """``file:line`` of the case in its rule file (the file's path alone if it cannot be re-read)."""
    doc = _rule_doc(case.rule.path)
    shown = _shown(case.rule.path)
    return f"{shown}:{doc.line(*case.key)}" if doc is not None else shown


def _shown(path: str) -> str:
    """The rule file relative to the working folder when it is inside it (shorter, clickable)."""
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def _rule_doc(path: str) -> YamlDoc | None:
    try:
        return load_yaml(Path(path).read_text(encoding="utf-8-sig"), path, error=RuleError)
    except (OSError, UnicodeDecodeError, RuleError):
        return None


def _failure_lines(failure: CaseFailure) -> list[str]:
    case = failure.case
    rule = case.rule.id
    if case.should_fire:
        verdict, expected = "did not fire", f"{rule} fires"
        got = f"no {rule} finding" + (f" (other rules fired: {', '.join(failure.others)})" if failure.others else "")
    else:
        verdict, expected = "fired", f"no {rule} finding"
        got = "; ".join(
            f"{rule} at {item.line}:{item.column} on {item.match!r}: {item.message}" for item in failure.findings
        )
    return [
        f"FAIL {failure.location}: {rule} {case.label} {verdict}",
        f"  text:     {case.text!r}",
        f"  expected: {expected}",
        f"  got:      {got}",
    ]
