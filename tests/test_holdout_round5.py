"""The built-in rules on a fifth round of held-out pages, scored by the shared scorer.

``tests/fixtures/holdout_round5`` was written and annotated before any rule
was changed for it (and before its author read the rule patterns), in
verticals no earlier round had: EBOO/ozone blood filtration, a rapamycin and
methylene-blue longevity clinic, a mold/Lyme detox newsletter with DMSA
chelation, laser therapy for neuropathy (a podcast transcript), lipotropic
B12 shots (social captions), an ear-clip vagus nerve stimulator, neurofeedback
for children with ADHD, a biological dentist, glutathione skin-lightening
drips, a long-COVID clinic, ketamine-assisted couples therapy and an
eating-disorder coaching page that mentions self-harm with no crisis line,
plus four balanced pages in the style of the FDA, CDC, NHS and Cleveland
Clinic. First run: recall 0.20, precision 0.81, document recall 0.88, and one
finding on a balanced page (a warning against products that promise to
"cure" tinnitus).

The rules were then widened to classes of wording, not to these sentences:
quoted first-person stories, the practitioner's own tally ("parents tell
us", "I see it every week"), celebrity and expert endorsement; put-downs of
the alternative in their own clause ("just numbs the signal", "instead of
covering up symptoms", "who needs Ozempic when"); repair and removal verbs
("the nerves regenerate", "strips out toxins", "slowed, stopped and
reversed"); event-bound time frames ("the same afternoon", "on day one",
"before you're back in your car"); natural-so-safe reasoning ("nothing
foreign going into your body", "it's just vitamins", "impossible to overdo
it"); side effects recast as a good sign; renewal metaphors ("rocket fuel",
"an oil change for your blood", "hack your nervous system"). Recall rose to
0.49 with precision 0.93, no noise, and every earlier set unchanged or better.

Still missed, and why: conditions given as bare list items on pages about
products outside the indication table (ozone, chelation, B12), copy inside
MDX component props (``<FAQ items={[...]} />`` is masked as code), and stories
told with no outcome word ("We were two weeks from signing divorce papers").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import needs_shared, rules_on_sales_page

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ('"After two sessions my back pain is gone and I sleep through the night."', "TST003"),
        ("Parents often tell us their kids sleep better after a few visits.", "TST001"),
        ("Honestly, the results speak for themselves.", "TST001"),
        ("Our IV therapy targets the root drivers of fatigue.", "EFF002"),
        ("The cartilage actually regenerates.", "EFF002"),
        ("Our sauna protocol pulls heavy metals out of your tissues.", "EFF002"),
        ("Most clients feel calmer the same evening.", "SPD002"),
        ("Many patients feel the pain ease before they even leave the clinic.", "SPD002"),
        ("Painkillers just numb the pain; our adjustments fix it.", "CMP001"),
        ("Who needs Botox when you have our serum?", "CMP001"),
        ("It is just vitamins, so there is nothing to worry about.", "SAF001"),
        ("Feeling worse at first is a great sign that the toxins are leaving.", "SAF003"),
        ("Our peptide blend is rocket fuel for your joints.", "HYP001"),
        ("Hack your metabolism with our morning drip.", "HYP002"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    """Each class the round taught, in words of its own, on a page that sells."""
    assert rule in rules_on_sales_page(tmp_path, sentence)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("She gives every shot herself and knows each client by name.", "CRS004"),
        ("Orange urine is expected and harmless, and clears in a day.", "SAF001"),
        ("Tell your doctor about dizziness, a slow heart rate or fainting.", "EFF002"),
        ('Be cautious about products that promise to "cure" arthritis.', "EFF001"),
    ],
)
def test_round5_false_alarms_stay_quiet(tmp_path: Path, sentence: str, rule: str) -> None:
    """The first run's false alarms, reworded: a nurse at work, an expected harmless effect, a warning."""
    assert rule not in rules_on_sales_page(tmp_path, sentence)
