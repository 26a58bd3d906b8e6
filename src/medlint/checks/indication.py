"""``indication``: a product presented as a treatment for a condition it is not approved for.

A word list cannot say this: "ketamine" is fine, "depression" is fine,
"Spravato for treatment-resistant depression" is an approved use, and
"ketamine infusions for depression" is not. The approvals live in a data
file (``params.data``, relative to the rule file) listing products and
their approved conditions; this kind fires on a sentence that names a
product, an unapproved condition and a treatment cue ("treats", "relief",
"for"), unless the sentence discloses status ("not FDA-approved",
"off-label": ``disclosures``) in the sentence itself or the next one, where
the FTC expects a disclosure to sit. ``unless`` (research status, a risk
sentence) counts in the sentence itself only.

Two page-level habits of health marketing are followed on purpose:

* the *topic product*: a page about ketamine says "It may offer rapid relief
  from anxiety" several sentences later. When one product dominates the page
  (``topic_min`` mentions and most of all product mentions), a sentence that
  *starts* with an ``anaphora`` term ("It", "This therapy", also after a
  connective such as "However,") speaks of it;
* a sentence ending in a colon ("... can be used to treat:") introduces a
  list, so the conditions of the next short lines belong to it
  (``list_lookahead`` lines).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from medlint.checks.base import Check, Hit, RunContext
from medlint.checks.indication_data import Catalogue, Mention, load_catalogue
from medlint.checks.patterns import compile_list, compile_tokens, is_negated
from medlint.checks.sentences import SentenceFilter
from medlint.documents.base import Document, Segment
from medlint.models import Scope
from medlint.rules.params import Params

_FOR = regex.compile(
    r"(?<!\b(?:check|test|screen|look|monitor|assess|evaluat)(?:s|ed|ing|e|es)? )(?<!\brisks? )"
    r"\bfor\s+(?:[\w'’-]+,?\s+){0,3}\Z",
    regex.IGNORECASE,
)
"""A bare "for" before a condition ("X for PTSD"), but not a test or a risk for it ("used to check for cancer")."""
_LEAD = regex.compile(
    r"[\W_]*(?:(?:however|also|additionally|moreover|furthermore|in addition|in fact|importantly|plus|and|but|so"
    r"|for (?:example|instance))\W+)?",
    regex.IGNORECASE,
)
_LIST_LINE_WORDS = 10
_BARE_LIST_LINE_WORDS = 6
"""A heading-like line this short that names a condition is taken for a list line (plain text has no bullets)."""


@dataclass(frozen=True, slots=True)
class Indication(Check):
    """Compiled ``indication`` parameters and the approvals table."""

    catalogue: Catalogue
    cues: regex.Pattern[str]
    anaphora: regex.Pattern[str] | None
    filter: SentenceFilter
    disclosures: regex.Pattern[str] | None
    topic_min: int
    list_lookahead: int

    @classmethod
    def from_params(cls, params: Params) -> Indication:
        """Read ``data``, ``cues``, ``anaphora``, ``disclosures``, ``topic_min``, ``list_lookahead``, ``unless``."""
        cues = compile_tokens(params, "cues", ignorecase=True, required=True)
        assert cues is not None
        return cls(
            _catalogue(params),
            cues,
            compile_tokens(params, "anaphora", ignorecase=True),
            SentenceFilter.from_params(params, ignorecase=True),
            compile_list(params, "disclosures", params.strings("disclosures"), ignorecase=True, words=False),
            params.integer("topic_min", 3, minimum=1),
            params.integer("list_lookahead", 6),
        )

    def scanned_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """``unless``, searched in the sentences the rule flags."""
        return self.filter.sentence_patterns()

    def page_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The catalogue's product and condition terms, each looked for on the page, and the page gate's."""
        terms = (*(product.term for product in self.catalogue.products), *self.catalogue.conditions)
        return (*(term.pattern for term in terms), *self.filter.page_patterns())

    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield one hit per sentence that presents a product for an unapproved condition."""
        masked = document.masked
        if not self.filter.on_page(masked, context.timeout):
            return
        products = self.catalogue.product_mentions(masked, context.timeout)
        conditions = self.catalogue.condition_mentions(masked, context.timeout)
        topic = self._topic(products)
        segments = document.segments
        listed: set[int] = set()  # list items already reported under their heading
        for index, segment in enumerate(segments):
            if scope is Scope.HEADING and segment.kind != "heading":
                continue
            if segment.kind == "heading" and scope is not Scope.HEADING:
                for item, hit in self._heading_list(document, index, products, conditions, topic, context):
                    listed.add(item)
                    yield hit
            if index in listed:
                continue
            named = _inside(products, segment)
            ids = {item.id for item in named} or self._anaphoric(masked, segment, topic, context)
            if not ids:
                continue
            found = _inside(conditions, segment) or self._listed(masked, segments, index, conditions)
            unapproved = self._unapproved(ids, found)
            if not unapproved or not self._cued(masked, segment, unapproved, bool(named), context):
                continue
            if self.filter.mitigated(masked, segment, context.timeout, document.text) or self._disclosed(
                masked, segments[index : index + 2], context
            ):
                continue
            yield self._hit(document, segment, ids, unapproved)

    def _heading_list(
        self,
        document: Document,
        index: int,
        products: list[Mention],
        conditions: list[Mention],
        topic: str | None,
        context: RunContext,
    ) -> Iterator[tuple[int, Hit]]:
        """Hits on the list items under a heading such as "Conditions we treat" on a page about one product.

        Clinic pages list the uses of their main product under a heading, one
        condition per item; each item naming an unapproved condition is its
        own claim, so each is reported where it stands.
        """
        masked, segments = document.masked, document.segments
        heading = segments[index]
        ids = {item.id for item in _inside(products, heading)} or ({topic} if topic is not None else set())
        if not ids or not self._cue_in(masked, heading, context):
            return
        for position in range(index + 1, min(len(segments), index + 1 + self.list_lookahead)):
            item = segments[position]
            words = masked[item.start : item.end]
            named = _inside(conditions, item)
            if _ends_list(item, words, named):
                return  # past the list, or a lead sentence ("It helps with:") that speaks for it
            unapproved = self._unapproved(ids, named)
            if not unapproved or _inside(products, item):
                continue  # an item naming its own product is judged on its own
            if self.filter.mitigated(masked, item, context.timeout, document.text):
                continue
            if self._disclosed(masked, segments[position : position + 2], context):
                continue
            yield position, self._hit(document, item, ids, unapproved)

    def _cue_in(self, masked: str, segment: Segment, context: RunContext) -> bool:
        """True when a cue ("treat", "helps") stands in ``segment``, not negated."""
        for match in self.cues.finditer(masked, segment.start, segment.end, timeout=context.timeout):
            if not (self.filter.negation and is_negated(masked, segment.start, match.start())):
                return True
        return False

    def _disclosed(self, masked: str, nearby: tuple[Segment, ...], context: RunContext) -> bool:
        if self.disclosures is None:
            return False
        return any(self.disclosures.search(masked, item.start, item.end, timeout=context.timeout) for item in nearby)

    def _topic(self, products: list[Mention]) -> str | None:
        if self.anaphora is None or not products:
            return None
        counts = Counter(item.id for item in products).most_common()
        product_id, count = counts[0]
        if count < self.topic_min or count * 2 <= len(products):
            return None
        return product_id

    def _anaphoric(self, masked: str, segment: Segment, topic: str | None, context: RunContext) -> set[str]:
        """The topic product when the sentence opens with "It" / "This therapy" (after a connective)."""
        if topic is None or self.anaphora is None:
            return set()
        lead = _LEAD.match(masked, segment.start, segment.end)
        start = lead.end() if lead else segment.start
        found = self.anaphora.match(masked, start, segment.end, timeout=context.timeout)
        return {topic} if found else set()

    def _listed(
        self, masked: str, segments: tuple[Segment, ...], index: int, conditions: list[Mention]
    ) -> list[Mention]:
        segment = segments[index]
        if not masked[segment.start : segment.end].rstrip().endswith(":"):
            return []
        found: list[Mention] = []
        for following in segments[index + 1 : index + 1 + self.list_lookahead]:
            if len(masked[following.start : following.end].split()) > _LIST_LINE_WORDS:
                break
            found.extend(_inside(conditions, following))
        return found

    def _unapproved(self, product_ids: set[str], conditions: list[Mention]) -> list[Mention]:
        approved: set[str] = set()
        for product_id in product_ids:
            approved |= self.catalogue.product(product_id).approved
        return [item for item in conditions if item.id not in approved]

    def _cued(self, masked: str, segment: Segment, conditions: list[Mention], named: bool, context: RunContext) -> bool:
        if self._cue_in(masked, segment, context):
            return True
        if not named:
            return False
        return any(_FOR.search(masked, segment.start, item.start) for item in conditions)

    def _hit(self, document: Document, segment: Segment, ids: set[str], conditions: list[Mention]) -> Hit:
        products = sorted((self.catalogue.product(item) for item in ids), key=lambda p: p.term.label)
        labels = list(dict.fromkeys(self.catalogue.condition_label(item.id) for item in conditions))
        return Hit(
            segment.start,
            segment.end,
            {
                "match": document.text[segment.start : segment.end],
                "product": ", ".join(item.term.label for item in products),
                "condition": _join(labels),
                "note": "; ".join(item.note for item in products if item.note),
                "source": " | ".join(source for item in products for source in item.sources),
                "sentence": document.text[segment.start : segment.end],
            },
        )


def _catalogue(params: Params) -> Catalogue:
    name = params.string("data")
    if not name:
        raise params.error("is required: the approvals data file, relative to the rule file", "data")
    base = params.base_dir or Path.cwd()
    path = (base / name).resolve()
    if not path.is_file():
        raise params.error(f"data file {name!r} not found (looked in {base})", "data")
    return load_catalogue(path, trusted=params.trusted)


def _ends_list(item: Segment, words: str, conditions: list[Mention]) -> bool:
    """True when ``item`` is not one more line of a list: a long line, a lead ending in ':', a real heading.

    In plain text every bare line reads as a heading, so a short one that
    names a condition ("Cerebral palsy") is a list line, not the next section.
    """
    if len(words.split()) > _LIST_LINE_WORDS or words.rstrip().endswith(":"):
        return True
    return item.kind == "heading" and (len(words.split()) > _BARE_LIST_LINE_WORDS or not conditions)


def _inside(mentions: list[Mention], segment: Segment) -> list[Mention]:
    return [item for item in mentions if segment.start <= item.start and item.end <= segment.end]


def _join(labels: list[str]) -> str:
    if len(labels) <= 2:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]
