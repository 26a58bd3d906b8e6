"""The built-in rules on a fourteenth round of held-out pages: Markdown exported from a CMS.

``tests/fixtures/holdout_round14`` holds eight selling pages as a CMS exports
them (front matter, headings, lists, bold, links, blockquote testimonials, an
FAQ, a call to action): compounded tirzepatide by telehealth, hormone pellets
for women, an NAD+/peptide longevity clinic, a psilocybin retreat in Jamaica,
a chiropractor on "subluxation" and immunity, a nootropic product page,
at-home ketamine lozenges and a med spa's "Detox Drip"; and two balanced
pages (a UK mental-health charity on psychedelic therapy, a National Institute
on Aging style page on anti-aging products). Written and annotated before any
rule was changed for it and before its author read the rules. First run:
recall 0.42 (80 of 136 quotes flagged at all), precision 0.92, document
precision 0.91, and four findings on the NIA page, which quotes scam wording
("promises a "miracle"", "relies mainly on customer testimonials",
"supplements that promise to turn back the clock") in order to warn about it.

The balanced page came first: an item of a warning list and what other
sellers promise are mentions, not claims (HYP001, HYP002, TST002). Fair
balance learnt the contraindication with its subject first ("people with
kidney disease should not have this drip") and rare reactions. Then the
classes of wording the sellers used: the rival put down ("twice the power
of", "results that shots can't match", "beat creams and pills", "pills have
to pass through your liver", "the way antidepressants do", "switched off my
prescription", "haven't needed an antibiotic in years", competitors named);
safety talked down ("tummy trouble is usually mild", "much less can go
wrong", "the body flushes out the excess", "pregnancy-safe"); benefit before
the drip is finished; a noise that "goes silent", getting "sick less", detox
mechanics, disease prevention; exposure as evidence ("studied in thousands
of people"); professionals "switching over"; parents as witnesses; star
ratings; deadlines next to a suicide mention; and, for IND001, hormone
pellets, mould illness and "heavy metal buildup", melasma and acne, the
clinic's prescribers as the subject ("Our providers also prescribe it
for ..."), and cues such as "a tool in recovery", "gets you through",
"protect against". Final: recall 0.77 (117 of 136), precision 0.98, document
recall and precision 1.00, no finding on either balanced page; thresholds in
``tests/test_holdout_rounds.py``. List items under a lead sentence that ends
in a colon ("We welcome guests working through:") are still reported on the
lead sentence only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import SALES, fair_balance_missing, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared

WARNING_PAGE = (
    "# Longevity products\n\n"
    "There is little evidence that anti-aging supplements work, and side effects include nausea.\n\n"
    "Be wary when a product:\n\n"
    '- promises a "miracle" or a "breakthrough"\n'
    "- relies mostly on customer testimonials\n\n"
    "Pills that promise to turn back the clock are rarely tested in people.\n"
)


def test_warning_list_items_are_mentions_not_claims(tmp_path: Path) -> None:
    """A patient page that lists scam wording in order to warn about it is not itself hype or testimony."""
    assert rules_on_text(tmp_path, WARNING_PAGE).isdisjoint({"HYP001", "HYP002", "TST002"})


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Our drops are double the strength of the leading gummy.", "CMP001"),
        ("Injections give results that creams just can't touch.", "CMP001"),
        ("Why our patches beat pills and injections", "CMP001"),
        ("Capsules must pass through the liver before they do anything.", "CMP001"),
        ("Patients say it works better than anything they have tried.", "CMP001"),
        ("Ashwagandha doesn't sedate you the way benzodiazepines do.", "CMP001"),
        ("My son hasn't needed his inhaler since March.", "CMP001"),
        ("Way easier than a colonoscopy prep.", "CMP001"),
        ("After four sessions this did what nothing else could.", "CMP001"),
        ("Unlike the cheap telehealth apps, we check your labs.", "CMP001"),
        ("She came off her ADHD meds and focuses better than ever.", "CMP001"),
        ("Standard antidepressants usually take several weeks to kick in.", "CMP001"),
        ("Why risk statins when your arteries could clear themselves?", "CMP001"),
        ("It's the peptide everybody is buzzing about.", "HYP002"),
        ("Ten times the potency of regular turmeric.", "HYP002"),
        ("Think of magnesium as a volume knob for stress.", "HYP001"),
        ("A sauna session gives your body an instant reboot.", "HYP001"),
        ("Any queasiness tends to be mild.", "SAF003"),
        ("With a patch, nothing can go wrong.", "SAF003"),
        ("Your kidneys just pee out any excess.", "SAF003"),
        ("Our oil is a nursing-safe choice.", "SAF002"),
        ("Most people feel clearer before the IV is even done.", "SPD002"),
        ("You'll start sleeping better this weekend.", "SPD001"),
        ("Relief after only two lozenges.", "SPD001"),
        ("Our peptide has been used by tens of thousands of people.", "EVI002"),
        ("A famous Harvard study showed that fasting resets the immune system.", "EVI002"),
        ("Physicians nationwide are turning to our probiotic.", "EVI003"),
        ("Stress chatter falls quiet within a week.", "EFF002"),
        ("Zeolite traps heavy metals in your gut.", "EFF002"),
        ("Our clients catch fewer colds every winter.", "EFF002"),
        ("The tincture helps with colic and ear infections.", "EFF002"),
        ("Estrogen guards against dementia.", "EFF002"),
        ("He finally has his energy back.", "EFF004"),
        ("Guests walk out with more energy.", "EFF004"),
        ("Lose it once and keep it off.", "EFF003"),
        ("Most parents notice a calmer baby within days.", "TST001"),
        ("Members with arthritis tell us the stiffness eases.", "TST001"),
        ('★★★★★ "Best purchase this year."', "TST003"),
        ("Our glutathione drip lightens melasma.", "IND001"),
        ("NAD+ gets clients through alcohol withdrawal.", "IND001"),
        ("Our IV drips are perfect for mold toxicity.", "IND001"),
        ("Estradiol pellets protect your brain from memory loss.", "IND001"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)


def test_a_deadline_next_to_a_suicide_mention_is_a_crisis_pitch(tmp_path: Path) -> None:
    pitch = "If suicidal thoughts keep coming back, this program may be your way out. Seats for March fill fast."
    assert "CRS002" in rules_on_sales_page(tmp_path, pitch)


def test_the_clinics_prescribers_speak_for_the_pages_product(tmp_path: Path) -> None:
    """ "Our doctors also prescribe it for PCOS" on a semaglutide page names semaglutide, as "We" would."""
    page = (
        "# Semaglutide\n\nSemaglutide is a weekly injection. Semaglutide lowers appetite. "
        "Our semaglutide plans include coaching.\n\nOur doctors also prescribe it for PCOS." + SALES
    )
    assert "IND001" in rules_on_text(tmp_path, page)


@pytest.mark.parametrize(
    "limits",
    [
        "People who have heart failure shouldn't get this drip.",
        "Occasionally the drip causes phlebitis or an allergic reaction.",
    ],
)
def test_who_should_not_have_it_and_rare_reactions_count_as_fair_balance(tmp_path: Path, limits: str) -> None:
    claims = "Our drip flushes out toxins. It restores your energy. It clears brain fog within hours."
    assert fair_balance_missing(tmp_path, claims, limits) == (True, False)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("How soon will I see a difference?", "EFF004"),
        ("Booking ahead guarantees your table.", "EFF001"),
        ("If your vision changes, stop taking it and get help right away.", "SPD002"),
        ("Leptin is a hormone that tells the brain you are full and helps the body regulate blood sugar.", "EFF002"),
    ],
)
def test_questions_bookings_and_physiology_are_not_claims(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule not in rules_on_sales_page(tmp_path, sentence)
