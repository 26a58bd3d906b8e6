"""Which regulators' references apply to a reader's region.

A rule's ``docs.references`` mix jurisdictions (FTC and FDA, the UK CAP Code,
EU directives, the TGA). With ``region`` configured, ``medlint explain`` shows
the references of that region's regulators and the ones that belong to no
jurisdiction (safe-messaging guidelines, WHO); with none, all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

JURISDICTIONS = {
    "us": regex.compile(r"\b(?:FTC|FDA|CFR|U\.?S\.?C|FDCA|Federal Trade|United States|US)\b"),
    "uk": regex.compile(r"\b(?:UK|CAP|ASA|MHRA|Human Medicines Regulations|NHS)\b"),
    "eu": regex.compile(r"\b(?:EU|EC|Directive|European)\b"),
    "au": regex.compile(r"\b(?:TGA|AU|Ahpra|Therapeutic Goods|Australia\w*|National Law)\b"),
    "ca": regex.compile(r"\b(?:Canada|Canadian|Health Canada)\b"),
    "nz": regex.compile(r"\b(?:NZ|New Zealand|Medsafe)\b"),
    "ie": regex.compile(r"\b(?:Ireland|Irish|HPRA|CCPC)\b"),
}
REGION_JURISDICTIONS = {
    "us": {"us"},
    "uk": {"uk"},
    "eu": {"eu"},
    "ie": {"ie", "eu"},
    "au": {"au"},
    "nz": {"nz"},
    "ca": {"ca"},
}


def jurisdictions_of(reference: str) -> set[str]:
    """The jurisdictions a reference names (empty: it applies everywhere)."""
    return {name for name, pattern in JURISDICTIONS.items() if pattern.search(reference)}


def references_for(references: Sequence[str], region: str | None) -> list[str]:
    """The references that apply in ``region`` (all of them when no region is set)."""
    if not region:
        return list(references)
    wanted = REGION_JURISDICTIONS.get(region, {region})
    kept = [item for item in references if not jurisdictions_of(item) or jurisdictions_of(item) & wanted]
    return kept or list(references)
