"""The fast block scanner finds exactly the blocks markdown-it finds, or steps aside.

``markdown_blocks.simple_block_tokens`` replaces markdown-it's block pass on
plain pages. It must either return markdown-it's answer or None (markdown-it
then decides); these tests compare the two on generated Markdown:

- whole pages built from blocks (headings, paragraphs with emphasis and links,
  bullet and ordered lists with lazy lines, tables, fences, indented code,
  HTML blocks and comments, block quotes, rules, setext headings, front matter);
- "line soup": lines picked from a pool of awkward ones (markers without
  content, pipes in list items, underlines after list items, unclosed fences),
  which is how the equivalence was first broken and fixed.

Two plain tests make sure the fast path is really taken for ordinary pages
(so the equivalence is not checked on None alone) and declined for markup it
does not handle.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.documents import markdown
from medlint.documents.markdown import markdown_it_block_tokens
from medlint.documents.markdown_blocks import simple_block_tokens

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.sampled_from(
    ["Our", "clinic", "cures", "*fast*", "**safe**", "_care_", "[link](https://x.org)", "`dose`", "2.5", "mg."]
)
prose = st.lists(words, min_size=1, max_size=6).map(" ".join)
markers = st.sampled_from(["- ", "* ", "+ ", "1. ", "2. ", "1) ", "10. "])


@st.composite
def lists(draw: st.DrawFn) -> str:
    items = draw(st.lists(st.tuples(markers, prose, st.lists(prose, max_size=2)), min_size=1, max_size=4))
    gap = draw(st.sampled_from(["\n", "\n\n"]))
    return gap.join(marker + first + "".join("\n" + lazy for lazy in lazies) for marker, first, lazies in items)


@st.composite
def tables(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 3))
    outer = draw(st.booleans())
    cell = draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"]))

    def row(cells: list[str]) -> str:
        inner = " | ".join(cells)
        return f"| {inner} |" if outer else inner

    header = row(draw(st.lists(prose, min_size=columns, max_size=columns)))
    body = [row(draw(st.lists(prose, min_size=1, max_size=columns + 1))) for _ in range(draw(st.integers(0, 3)))]
    return "\n".join([header, row([cell] * draw(st.sampled_from([columns, columns + 1]))), *body])


fences = st.builds(
    lambda fence, info, body, closed: f"{fence}{info}\n{body}" + (f"\n{fence}" if closed else ""),
    st.sampled_from(["```", "~~~", "````"]),
    st.sampled_from(["", "html", "py `x`"]),
    st.sampled_from(["<div>x</div>", "  indented", "# not a heading", "", "- no list"]),
    st.booleans(),
)
quotes = st.lists(st.tuples(st.sampled_from(["> ", ">", "> ", "> > ", ">  "]), prose), min_size=1, max_size=3).map(
    lambda lines: "\n".join(marker + text for marker, text in lines)
)
# Blocks the fast scanner leaves to markdown-it, drawn less often so that
# most pages still take the fast path.
declined_blocks = st.one_of(
    st.builds(lambda text: "    " + text, prose),  # indented code
    st.builds(lambda text, lazy: f"> {text}\n{lazy}", prose, prose),  # lazy block-quote line
    st.sampled_from(["<div>\nhi\n</div>", "[ref]: https://example.org", "- outer\n  - inner", "\tx"]),
)
blocks = st.one_of(
    prose,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), prose),
    st.builds(lambda text, line: f"{text}\n{line}", prose, st.sampled_from(["===", "---", "-", "- x"])),
    lists(),
    tables(),
    fences,
    quotes,
    st.sampled_from(["---", "***", "* * *", "<!-- medlint-disable -->", "<!--\nnote\n-->"]),
    declined_blocks,
)
pages = st.builds(
    lambda parts, gaps, front, end: front + "".join(part + gap for part, gap in zip(parts, gaps, strict=False)) + end,
    st.lists(blocks, min_size=1, max_size=8),
    st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n  \n"]), min_size=8, max_size=8),
    st.sampled_from(["", "---\ntitle: A page\n---\n"]),
    st.sampled_from(["", "\n", "   "]),
)

SOUP = [
    "", " ", "text", "Some words.", "# Head", "## Head ##", "####### no", "#tag", "- item", "-     item", "-", "- ",
    "* item", "+ item", "*emphasis* first", "1. one", "2. two", "1) one", "1.", "1.5 mg", "> quote", ">", "> > deep",
    "> ===", "---", "***", "- - -", "--", "===", "```", "``` a`b", "~~~", "  ```", "| a | b |", "|---|---|", "a | b",
    "--|--", "- | -", "| a \\| b |", "- item | pipe", "<!-- c -->", "<!--", "-->", "<div>", "  two", "\xa0", "text\r",
]  # fmt: skip
soup = st.lists(st.sampled_from(SOUP), min_size=1, max_size=16).map("\n".join)


def assert_same_blocks(source: str) -> None:
    fast = simple_block_tokens(source)
    if fast is not None:
        assert fast == markdown_it_block_tokens(source), source


@SETTINGS
@given(pages)
def test_fast_scanner_matches_markdown_it_on_generated_pages(source: str) -> None:
    assert_same_blocks(source)


@SETTINGS
@given(soup)
def test_fast_scanner_matches_markdown_it_on_awkward_lines(source: str) -> None:
    assert_same_blocks(source)


TYPICAL_PAGE = """\
# Laser care in Leeds

Our clinic offers *gentle* treatment. See [our prices](https://example.org/prices).
Results vary.

## What to expect

- A short consultation first.
- Most sessions take **twenty minutes**,
and you can drive home after.

1. Book online.
2. Fill in the form.

> We felt looked after.
> -- a client

| Option | Price |
|:-------|------:|
| Small  | £40   |

```html
<script>track()</script>
```

<!-- medlint-disable-next-line -->
Setext heading
--------------
"""


def test_fast_scanner_takes_ordinary_pages() -> None:
    fast = simple_block_tokens(TYPICAL_PAGE)
    assert fast is not None
    assert fast == markdown_it_block_tokens(TYPICAL_PAGE)
    assert {kind for kind, _first, _end in fast} == {"heading", "paragraph", "row", "code", "html_block"}


def test_fast_scanner_declines_what_it_does_not_handle() -> None:
    declined = ["    code\n", "<div>\nhi\n</div>\n", "- outer\n  - nested\n", "[a]: /b\n", "a\tb\n", "> a\nz\n"]
    for source in declined:
        assert simple_block_tokens(source) is None, source
        assert markdown.parse("page.md", source).masked  # and markdown-it still parses it


def test_table_delimiter_rows_with_spaces_are_masked() -> None:
    # The marker patterns now run only on lines that pass a cheap test; a
    # delimiter row with spaces inside must still pass it.
    document = markdown.parse("page.md", "| Option | Price |\n| :--- | ---: |\n| Small | £40 |\n")
    assert document.masked.splitlines()[1].strip() == ""
    assert [document.text[item.start : item.end] for item in document.segments] == ["Option", "Price", "Small", "£40"]


def test_trim_set_is_markdown_its_own() -> None:
    """The scanner trims table cells with a copy of markdown-it's set (so plain pages need not import it)."""
    from markdown_it.common.utils import MD_TRIM_CHARS

    from medlint.documents.markdown_blocks import MD_TRIM_CHARS as OURS

    assert OURS == MD_TRIM_CHARS


def test_a_plain_page_does_not_import_markdown_it() -> None:
    """markdown-it is imported for the pages the scanner declines, not for every run."""
    script = (
        "import sys\n"
        "from medlint.documents import markdown\n"
        "markdown.parse('post.md', '# Title\\n\\nA plain paragraph.\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n')\n"
        "print('markdown_it' in sys.modules)\n"
        "markdown.parse('post.md', 'text\\n\\n    indented code\\n')\n"
        "print('markdown_it' in sys.modules)\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False", "True"]
