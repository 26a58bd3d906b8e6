"""Copy held in MDX component props is linted; code in props is not.

An MDX landing page often keeps its claims in components: ``<Hero title=...>``,
``<FAQ items={[{ q, a }]}>``, review carousels. These tests run the real CLI
on such pages and check where the findings land.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from medlint.documents import mdx

PAGE = """import { Hero, FAQ } from "../components"

<Hero title="Our drip cures hangovers for good" image="/img/hero.png" className="mt-4 text-lg font-bold" />

The clinic is open on weekdays.

<FAQ items={[
  { q: "Does it hurt?", a: "Not at all, and there are no side effects whatsoever." },
  { q: "Do you bill insurance?", a: "We do not bill insurance." }
]} />
"""


def findings(page: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--no-cache", "--format", "json", str(page)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    found: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return found


def test_claims_in_component_props_are_found_where_they_stand(tmp_path: Path) -> None:
    page = tmp_path / "landing.mdx"
    page.write_text(PAGE, encoding="utf-8")
    spans = {(item["rule"], item["line"]) for item in findings(page)}
    assert ("EFF001", 3) in spans  # "cures hangovers for good", in the hero's title
    assert ("SAF001", 8) in spans  # "no side effects", in an FAQ answer


def test_code_props_stay_blanked() -> None:
    document = mdx.parse("landing.mdx", PAGE)
    assert "cures hangovers" in document.masked
    for code in ("text-lg", "/img/hero.png", "../components", "items={"):
        assert code not in document.masked


def test_a_short_or_lowercase_string_is_not_prose() -> None:
    document = mdx.parse("page.mdx", '<Badge label="new" tone="calm soft glow" />\n\nPlain text here.\n')
    assert "calm soft glow" not in document.masked
    assert "new" not in document.masked.split("Plain")[0]


def test_an_inline_string_in_a_paragraph_stays_blanked() -> None:
    """Inside a paragraph with visible text, an inline ``{"..."}`` is left as code: no sentence is read twice."""
    document = mdx.parse("inline.mdx", 'Our tea {"melts fat overnight and cures diabetes."} Try it.\n')
    assert "cures" not in document.masked
    assert "Our tea" in document.masked


def test_sentences_of_a_prop_stay_inside_it() -> None:
    document = mdx.parse("landing.mdx", PAGE)
    texts = [PAGE[segment.start : segment.end] for segment in document.segments]
    assert "Not at all, and there are no side effects whatsoever." in texts
    assert all('"' not in text for text in texts)
