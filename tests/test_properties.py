"""Property tests: whatever text arrives, parsing and linting keep their promises.

For every document type (Markdown, MDX, HTML, plain text, and Markdown with
YAML or TOML front matter) and text built from markup fragments, stray
bytes, line endings and awkward Unicode:

- parsing never raises;
- masking keeps the length and every line break, and adds none;
- segments lie inside the text, in order, without overlapping;
- every finding's span lies inside the text, its line and column agree with
  its offset, and it covers what its rule matched;
- linting is deterministic and does not depend on the order of the files.

The rules are the small ``props`` set in ``tests/fixtures/bad_input`` (one
rule per kind), not the built-in rulesets.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.api import Linter
from medlint.config import Config
from medlint.documents import html, markdown, mdx, plaintext
from medlint.documents.base import Document
from medlint.models import Finding

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad_input"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    # markup of every document type
    "# ", "## ", "\n#", "*", "**", "_", "__", "~~", "`", "```", "```\n", "~~~", "    ", "> ", "- ", "1. ", "+ ",
    "[", "]", "(", ")", "![", "](", "][", "[x]: ", "<", ">", "</", "<p>", "</p>", "<h1>", "</h1>", "<br>", "<img alt='",
    "'>", '"', "'", "<script>", "</script>", "<style>", "<!--", "-->", "<!-- medlint-disable-next-line PRP001 -->",
    "<!-- medlint-disable -->", "<!-- medlint-enable -->", "&amp;", "&#233;", "&nbsp;", "&", "#", "|", "| --- |",
    "---", "---\n", "+++\n", "title: ", "description: ", "=", "{", "}", "{/* x */}", "import a from 'b'\n",
    "export const x = 1\n", "<Note>", "</Note>", "http://example.org/a_b", "www.example.org", "\\", "\\*",
    # line endings, whitespace, control characters
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "\x00", "\x0b", "\x0c", "\u2028", "\x85", "\ufeff",
    # Unicode that is wide, combining, right-to-left or outside the BMP
    "é", "e\u0301", "😀", "👩\u200d⚕\ufe0f", "🇺🇸", "שלום", "\u202e", "\u200f", "ß", "İ", "\U0001d400",
    # words the rules look for, and sentence punctuation
    "miracle", "Miracle", "wonder drug", "zaps", "Zaps", "ketamine", "sadness", "gloom", "results vary",
    "not medical advice", ". ", "! ", "? ", "Dr. ", "e.g. ", "2.5 mg", "…",
]  # fmt: skip

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map("".join)


def with_front_matter(body: str, fence: str, item: str) -> str:
    return f"{fence}\n{item}{body.replace(fence, '')}\n{fence}\n"


front_matter_texts = st.builds(
    lambda head, body, fence, key: with_front_matter(head, fence, f"{key}{'=' if fence == '+++' else ':'} ") + body,
    texts,
    texts,
    st.sampled_from(["---", "+++"]),
    st.sampled_from(["title", "description", "tags", "title: |\n  "]),
)

PARSERS: dict[str, Callable[[str, str], Document]] = {
    "page.md": markdown.parse,
    "page.mdx": mdx.parse,
    "page.html": html.parse,
    "page.txt": plaintext.parse,
}
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@cache
def linter() -> Linter:
    return Linter.create(Config(root=FIXTURES, rulesets=("props",), cache=False, rule_timeout=5.0))


def check_masking(text: str, document: Document) -> None:
    assert document.text == text
    assert len(document.masked) == len(text)
    for index, (original, masked) in enumerate(zip(text, document.masked, strict=True)):
        if original in "\r\n" or masked in "\r\n":
            assert masked == original, f"line break changed at offset {index}"


def check_segments(text: str, document: Document) -> None:
    end = 0
    for segment in document.segments:
        assert end <= segment.start < segment.end <= len(text)
        end = segment.end


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` computed independently: breaks are CRLF, CR or LF."""
    line, line_start = 1, 0
    for found in LINE_BREAK.finditer(text, 0, offset):
        line, line_start = line + 1, found.end()
    return line, offset - line_start + 1


def check_finding(text: str, finding: Finding) -> None:
    assert 0 <= finding.offset <= finding.end_offset <= len(text)
    assert (finding.line, finding.column) == expected_position(text, finding.offset)
    assert (finding.end_line, finding.end_column) == expected_position(text, finding.end_offset)
    covered = text[finding.offset : finding.end_offset]
    if finding.scope == "span":
        assert covered == finding.match
    words = {"PRP001": ("miracle", "wonder"), "PRP002": ("zaps",), "PRP003": ("ketamine",)}.get(finding.rule)
    if words is not None:
        assert any(word in covered.casefold() for word in words), (finding.rule, covered)
    if finding.rule == "PRP002":
        assert finding.fix is not None and (finding.fix.start, finding.fix.end) == (finding.offset, finding.end_offset)


@SETTINGS
@given(text=texts, name=st.sampled_from(sorted(PARSERS)))
def test_parsing_never_raises_and_masking_keeps_length_and_line_breaks(text: str, name: str) -> None:
    document = PARSERS[name](name, text)
    check_masking(text, document)
    check_segments(text, document)


@SETTINGS
@given(text=front_matter_texts, name=st.sampled_from(["page.md", "page.mdx"]))
def test_front_matter_parsing_keeps_length_and_line_breaks(text: str, name: str) -> None:
    document = PARSERS[name](name, text)
    check_masking(text, document)
    check_segments(text, document)


@SETTINGS
@given(text=st.one_of(texts, front_matter_texts), name=st.sampled_from(sorted(PARSERS)))
def test_findings_lie_inside_the_text_and_cover_what_matched(text: str, name: str) -> None:
    findings = linter().lint_text(text, name)
    for finding in findings:
        check_finding(text, finding)
    assert findings == linter().lint_text(text, name)  # deterministic


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pages=st.lists(st.tuples(st.sampled_from(sorted(PARSERS)), texts), min_size=2, max_size=5),
    order=st.randoms(use_true_random=False),
)
def test_linting_does_not_depend_on_file_order(pages: list[tuple[str, str]], order: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (name, text) in enumerate(pages):
            path = Path(folder) / f"{index}-{name}"
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            paths.append(str(path))
        first = linter().lint_paths(paths, jobs=1)
        shuffled = list(paths)
        order.shuffle(shuffled)  # type: ignore[attr-defined]
        second = linter().lint_paths(shuffled, jobs=1)
        assert first.findings == second.findings
        assert first.errors == second.errors
        alone = [finding for path in paths for finding in linter().lint_paths([path], jobs=1).findings]
        assert sorted(alone, key=Finding.sort_key) == list(first.findings)
