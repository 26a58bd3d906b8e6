"""Masking keeps offsets; segmentation finds the sentences a reviewer reads."""

from __future__ import annotations

import pytest

from medlint.documents import html, markdown, mdx, plaintext
from medlint.documents.base import Document

PARSERS = {"md": markdown.parse, "mdx": mdx.parse, "html": html.parse, "txt": plaintext.parse}


def visible(document: Document) -> list[str]:
    """The masked text of each segment, whitespace folded."""
    return [" ".join(document.masked[s.start : s.end].split()) for s in document.segments]


def assert_same_shape(document: Document) -> None:
    assert len(document.masked) == len(document.text)
    for index, char in enumerate(document.text):
        if char in "\r\n":
            assert document.masked[index] == char


@pytest.mark.parametrize(
    ("source", "hidden", "kept"),
    [
        ("Try `cure_all()` now.\n", "cure_all", "Try"),
        ("```\nguaranteed results\n```\nPlain words.\n", "guaranteed", "Plain words."),
        ("    indented code cures\n\nText.\n", "cures", "Text."),
        ("See [our page](https://x.test/cure-now) today.\n", "cure-now", "our page"),
        ("Visit https://x.test/miracle for more.\n", "miracle", "for more."),
        ('Text <span class="cure">inside</span> tag.\n', "cure", "inside"),
        ("A <!-- miracle --> comment.\n", "miracle", "comment."),
        ("![miracle pill photo](pill.png)\n", "pill.png", "miracle pill photo"),
        ("[ref]: https://x.test/guaranteed\n\nBody text.\n", "guaranteed", "Body text."),
    ],
)
def test_markdown_masks_markup_but_keeps_prose(source: str, hidden: str, kept: str) -> None:
    document = markdown.parse("page.md", source)
    assert_same_shape(document)
    assert hidden not in document.masked
    assert kept in document.masked


def test_front_matter_lints_title_and_description_only() -> None:
    source = '---\ntitle: Miracle drip\nslug: cure-everything\ndescription: "Fast relief."\n---\n\nBody.\n'
    document = markdown.parse("page.md", source)
    assert_same_shape(document)
    assert "Miracle drip" in document.masked
    assert "Fast relief." in document.masked
    assert "cure-everything" not in document.masked
    assert "slug" not in document.masked and "title" not in document.masked
    assert visible(document)[:2] == ["Miracle drip", "Fast relief."]


def test_toml_front_matter() -> None:
    source = '+++\ntitle = "Detox reset"\ndraft = true\n+++\nBody.\n'
    document = markdown.parse("page.md", source)
    assert "Detox reset" in document.masked
    assert "draft" not in document.masked


def test_html_keeps_visible_text_only() -> None:
    source = (
        "<html><head><title>Clinic</title><style>.cure{}</style></head>\n"
        "<body><h1>Relief today</h1><p class='miracle'>We help.</p>"
        "<script>let guaranteed = 1;</script></body></html>\n"
    )
    document = html.parse("page.html", source)
    assert_same_shape(document)
    assert "miracle" not in document.masked and "guaranteed" not in document.masked and ".cure" not in document.masked
    assert visible(document) == ["Clinic", "Relief today", "We help."]
    assert [s.kind for s in document.segments] == ["heading", "heading", "sentence"]


def test_mdx_blanks_esm_and_expressions() -> None:
    source = "import Box from './box'\n\n# Title\n\n<Box tone={'miracle'}>Cures nothing.</Box>\n"
    document = mdx.parse("page.mdx", source)
    assert_same_shape(document)
    assert "import" not in document.masked and "miracle" not in document.masked
    assert "Cures nothing." in document.masked


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_with_any_line_ending(newline: str) -> None:
    source = newline.join(["# Title", "", "First line.", "Déjà vu 🎉 cures."]) + newline
    document = markdown.parse("page.md", source)
    offset = source.index("cures")
    assert document.position(offset) == (4, source.split(newline)[3].index("cures") + 1)


def test_columns_count_code_points_for_emoji_and_accents() -> None:
    source = "🎉🎉 é cures\n"
    document = plaintext.parse("a.txt", source)
    assert document.position(source.index("cures")) == (1, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith said so. It works.", ["Dr. Smith said so.", "It works."]),
        ("Take 2.5 mg daily. Then stop.", ["Take 2.5 mg daily.", "Then stop."]),
        ("Use e.g. water. Also rest.", ["Use e.g. water.", "Also rest."]),
        ("Approved in the U.S. for adults.", ["Approved in the U.S. for adults."]),
        ("Smith et al. found this. Others did not.", ["Smith et al. found this.", "Others did not."]),
        ("Ketamine vs. placebo was tested.", ["Ketamine vs. placebo was tested."]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert visible(plaintext.parse("a.txt", text + "\n")) == expected


def test_markdown_blocks_headings_lists_and_wrapped_paragraphs() -> None:
    source = (
        "## Fast Relief\n\n- Works in minutes\n- No downtime\n\n"
        "This paragraph is wrapped\nover two lines. Second one.\n"
    )
    document = markdown.parse("page.md", source)
    assert visible(document) == [
        "Fast Relief",
        "Works in minutes",
        "No downtime",
        "This paragraph is wrapped over two lines.",
        "Second one.",
    ]
    assert document.segments[0].kind == "heading"


def test_table_cells_are_separate_segments() -> None:
    source = "| Therapy | Claim |\n|---|---|\n| NAD+ | Reverses aging |\n"
    document = markdown.parse("page.md", source)
    segments = visible(document)
    assert "Reverses aging" in segments
    assert "NAD+" in segments


def test_plaintext_title_lines_are_headings() -> None:
    document = plaintext.parse("a.txt", "Why Drips Work\n\nThey hydrate you. Many feel better.\n")
    assert [s.kind for s in document.segments] == ["heading", "sentence", "sentence"]


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_every_parser_keeps_length_on_mixed_input(kind: str) -> None:
    source = "---\ntitle: T\n---\n# H\r\n\t<b>x</b> `y` [z](u) 😀 \u202eRTL\u202c e\u0301\n\x00end\n"
    document = PARSERS[kind](f"page.{kind}", source)
    assert_same_shape(document)
