"""``region`` picks the regulators' references that ``medlint explain`` shows."""

from __future__ import annotations

import subprocess
import sys

from medlint.regions import references_for

REFERENCES = [
    "FTC Health Products Compliance Guidance (2022)",
    "UK CAP Code, rule 12.1",
    "EU Directive 2001/83/EC, Art 90",
    "TGA Therapeutic Goods Advertising Code 2021",
    "WHO: Preventing suicide, a resource for media professionals (2023)",
]


def test_no_region_shows_every_reference() -> None:
    assert references_for(REFERENCES, None) == REFERENCES


def test_region_keeps_its_regulators_and_the_universal_references() -> None:
    assert references_for(REFERENCES, "uk") == [REFERENCES[1], REFERENCES[4]]
    assert references_for(REFERENCES, "au") == [REFERENCES[3], REFERENCES[4]]
    assert references_for(REFERENCES, "ie") == [REFERENCES[2], REFERENCES[4]]


def test_a_region_with_no_match_falls_back_to_all() -> None:
    assert references_for(REFERENCES[:2], "nz") == REFERENCES[:2]


def test_explain_with_region_through_the_cli() -> None:
    env = {"PATH": "", "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    command = [sys.executable, "-m", "medlint", "explain", "EFF001"]
    everything = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    uk_only = subprocess.run([*command, "--region", "uk"], capture_output=True, text=True, env=env, check=True).stdout
    assert "References (uk):" in uk_only
    assert "- FTC Health Products" in everything and "- FTC Health Products" not in uk_only
