"""Every CI output format, produced by the real CLI and checked against its schema or documented shape."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import xmlschema

from ci_support import SCHEMAS, make_workspace, medlint
from medlint.formatters.github import escape_data, escape_property


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_workspace(tmp_path, monkeypatch)


def load(name: str) -> Any:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def by_rule(items: list[dict[str, Any]], key: str, rule: str) -> list[dict[str, Any]]:
    return [item for item in items if item[key] == rule]


# --- SARIF -----------------------------------------------------------------


def test_sarif_is_valid_and_describes_rules(workspace: Path) -> None:
    result = medlint("check", "risky.md", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(load("sarif-schema-2.1.0.json")).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(ids) and {"CIA001", "CIA005"} <= set(ids)
    for rule in rules:  # what GitHub code scanning requires, non-empty
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    cia001 = rules[ids.index("CIA001")]
    assert cia001["shortDescription"]["text"] == "Wording that promises a certain outcome."
    assert "Outcome promises are deceptive" in cia001["fullDescription"]["text"]
    assert cia001["helpUri"] == "https://example.invalid/medlint/rules/CIA001"
    assert cia001["defaultConfiguration"]["level"] == "error"


def test_sarif_result_points_at_the_claim(workspace: Path) -> None:
    log = json.loads(medlint("check", "risky.md", "--format", "sarif").stdout)
    run = log["runs"][0]
    [first, _second] = by_rule(run["results"], "ruleId", "CIA001")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "risky.md", "uriBaseId": "SRCROOT"}
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == workspace.resolve().as_uri() + "/"
    assert location["region"] == {
        "startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 31, "snippet": {"text": "miracle cure"},
    }  # fmt: skip
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "CIA001"
    assert first["level"] == "error"
    assert re.fullmatch(r"[0-9a-f]{32}", first["partialFingerprints"]["medlintFingerprint/v1"])
    [swap] = by_rule(run["results"], "ruleId", "CIA003")
    replacement = swap["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "lives with"


def test_sarif_fingerprint_is_the_gitlab_fingerprint(workspace: Path) -> None:
    sarif = json.loads(medlint("check", "risky.md", "--format", "sarif").stdout)["runs"][0]["results"]
    gitlab = json.loads(medlint("check", "risky.md", "--format", "gitlab").stdout)
    assert [result["partialFingerprints"]["medlintFingerprint/v1"] for result in sarif] == [
        issue["fingerprint"] for issue in gitlab
    ]


def test_sarif_of_a_clean_page_has_no_results(workspace: Path) -> None:
    result = medlint("check", "clean.md", "--format", "sarif", "--output", "out.sarif")
    assert result.exit_code == 0 and result.stdout == ""
    log = json.loads((workspace / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(load("sarif-schema-2.1.0.json")).validate(log)
    assert log["runs"][0]["results"] == []


# --- GitHub workflow commands ------------------------------------------------


def runner_parse(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command the way the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, props = line[2:end].partition(" ")

    def unescape(text: str, prop: bool) -> str:
        pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else []) + [("%25", "%")]
        for old, new in pairs:
            text = text.replace(old, new)
        return text

    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value, True)
    return name, properties, unescape(line[end + 2 :], False)


def test_github_annotations_have_positions(workspace: Path) -> None:
    result = medlint("check", "risky.md", "--format", "github")
    assert result.exit_code == 1
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 6
    name, props, message = runner_parse(commands[1])
    assert name == "error"
    assert props == {
        "file": "risky.md", "line": "3", "endLine": "3", "col": "19", "endColumn": "30",
        "title": "CIA001 miracle-wording",
    }  # fmt: skip
    assert message == "'miracle cure' promises a result no treatment can guarantee."
    assert {runner_parse(line)[0] for line in commands} == {"error", "warning", "notice"}
    assert result.stdout.splitlines()[-1].startswith("medlint: Found 6 problems")


def test_github_escaping_round_trips_through_the_runner_parser() -> None:
    title = "CIA001: 100% cure, guaranteed"
    message = "line one\nline two: 50% off, now :: really\r"
    line = f"::error file={escape_property('a b,c:d.md')},title={escape_property(title)}::{escape_data(message)}"
    _, props, data = runner_parse(line)
    assert props == {"file": "a b,c:d.md", "title": title}
    assert data == message


# --- GitLab Code Quality ------------------------------------------------------


def test_gitlab_code_quality_shape(workspace: Path) -> None:
    issues = json.loads(medlint("check", "risky.md", "--format", "gitlab").stdout)
    assert isinstance(issues, list) and len(issues) == 6
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert "\n" not in issue["description"]
        assert issue["location"]["path"] == "risky.md"
        assert 1 <= issue["location"]["lines"]["begin"] <= issue["location"]["lines"]["end"]
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    [miracle, guaranteed] = by_rule(issues, "check_name", "CIA001")
    assert miracle["severity"] == "major" and miracle["location"]["lines"] == {"begin": 3, "end": 3}
    assert guaranteed["location"]["lines"]["begin"] == 5


def test_gitlab_fingerprints_survive_edits_above(workspace: Path) -> None:
    before = json.loads(medlint("check", "risky.md", "--format", "gitlab").stdout)
    page = workspace / "risky.md"
    page.write_text("# Added intro\n\nA calm paragraph.\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(medlint("check", "risky.md", "--format", "gitlab").stdout)
    assert [issue["location"]["lines"]["begin"] for issue in after if issue["check_name"] == "CIA001"] == [7, 9]
    assert sorted(issue["fingerprint"] for issue in before) == sorted(issue["fingerprint"] for issue in after)


def test_gitlab_identical_claims_get_distinct_fingerprints(workspace: Path) -> None:
    (workspace / "twice.md").write_text("A miracle cure.\n\nAnother miracle cure.\n", encoding="utf-8")
    issues = by_rule(json.loads(medlint("check", "twice.md", "--format", "gitlab").stdout), "check_name", "CIA001")
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]


# --- JUnit ------------------------------------------------------------------------


def test_junit_one_testcase_per_file_valid_against_xsd(workspace: Path) -> None:
    result = medlint("check", "risky.md", "clean.md", "--format", "junit", "-o", "junit.xml")
    assert result.exit_code == 1
    schema = xmlschema.XMLSchema(str(SCHEMAS / "junit-jenkins-xunit-10.xsd"))
    schema.validate(str(workspace / "junit.xml"))
    suite = ElementTree.parse(workspace / "junit.xml").getroot().findall("testsuite")[0]
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"risky.md", "clean.md"}
    assert cases["clean.md"].findall("failure") == []
    failures = cases["risky.md"].findall("failure")
    assert len(failures) == 6
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    miracle = next(failure for failure in failures if failure.get("message", "").startswith("risky.md:3:19:"))
    assert miracle.get("type") == "CIA001"
    assert miracle.text == "risky.md:3:19: error: 'miracle cure' promises a result no treatment can guarantee. [CIA001]"


def test_junit_escapes_markup_in_paths_and_messages(workspace: Path) -> None:
    (workspace / 'ads & "offers" <1>.md').write_text("# Deals\n\nA miracle cure.\n", encoding="utf-8")
    result = medlint("check", 'ads & "offers" <1>.md', "--format", "junit")
    xmlschema.XMLSchema(str(SCHEMAS / "junit-jenkins-xunit-10.xsd")).validate(result.stdout)
    [case] = ElementTree.fromstring(result.stdout).iter("testcase")
    assert case.get("name") == 'ads & "offers" <1>.md'
    assert [failure.get("type") for failure in case.iter("failure")] == ["CIA005", "CIA001"]


# --- reviewdog rdjson / rdjsonl -----------------------------------------------------------


def test_rdjson_valid_and_counts_utf8_bytes(workspace: Path) -> None:
    result = medlint("check", "unicode.md", "--format", "rdjson")
    document = json.loads(result.stdout)
    jsonschema.Draft4Validator(load("reviewdog-rdf/DiagnosticResult.json")).validate(document)
    [diagnostic] = [item for item in document["diagnostics"] if item["code"]["value"] == "CIA001"]
    line = "Our 😀 café drip is a miracle cure for fatigue."
    start = len(line[: line.index("miracle")].encode("utf-8")) + 1
    assert start == 26  # 21 code points before it; the emoji takes 4 bytes and "é" 2
    assert diagnostic["location"] == {
        "path": "unicode.md",
        "range": {"start": {"line": 3, "column": start}, "end": {"line": 3, "column": start + len("miracle cure")}},
    }
    assert diagnostic["severity"] == "ERROR"
    code_points = json.loads(medlint("check", "unicode.md", "--format", "json").stdout)["findings"]
    assert [item["column"] for item in code_points if item["rule"] == "CIA001"] == [22]


def test_rdjsonl_lines_valid_with_suggestions(workspace: Path) -> None:
    result = medlint("check", "risky.md", "--format", "rdjsonl")
    schema = jsonschema.Draft4Validator(load("reviewdog-rdf/Diagnostic.json"))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 6
    for line in lines:
        schema.validate(line)
    [swap] = [line for line in lines if line["code"]["value"] == "CIA003"]
    assert swap["suggestions"] == [
        {"range": {"start": {"line": 7, "column": 5}, "end": {"line": 7, "column": 17}}, "text": "lives with"}
    ]


# --- HTML ------------------------------------------------------------------------------------


def test_html_report_is_self_contained(workspace: Path) -> None:
    result = medlint("check", "risky.md", "clean.md", "--format", "html", "-o", "report.html")
    assert result.exit_code == 1
    page = (workspace / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "no network resources"
    assert "<script" not in page
    assert '<mark class="error">miracle cure</mark>' in page
    assert "Rewrite: <q>lives with</q>" in page
    assert "Instead, for example: <q>Some clients report feeling better; results vary.</q>" in page
    assert "clean.md" in page


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_html_renders_in_headless_chromium(workspace: Path) -> None:
    browser = chromium()
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium); the HTML report was not rendered")
    medlint("check", "risky.md", "clean.md", "--format", "html", "-o", "report.html")
    with tempfile.TemporaryDirectory() as profile:
        flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", f"--user-data-dir={profile}"]  # fmt: skip
        url = (workspace / "report.html").as_uri()
        dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
        shot = subprocess.run(
            [*flags, "--window-size=1280,900", f"--screenshot={workspace / 'shot.png'}", url],
            capture_output=True, timeout=120,
        )  # fmt: skip
    assert dom.returncode == 0, dom.stderr
    assert '<mark class="error">miracle cure</mark>' in dom.stdout
    assert re.search(r'id="severity-counts".*?error</span></td><td class="n">2<', dom.stdout)
    assert re.search(r'id="category-counts".*?efficacy</td><td class="n">2<', dom.stdout)
    assert shot.returncode == 0
    assert (workspace / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- registry -------------------------------------------------------------------------------


def test_formats_command_lists_every_ci_format(workspace: Path) -> None:
    listed = {line.split()[0] for line in medlint("formats").stdout.splitlines()}
    assert {"sarif", "github", "gitlab", "junit", "rdjson", "rdjsonl", "html"} <= listed
