"""The built-in rules on a fifteenth round of held-out pages: plain text in verticals earlier rounds barely covered.

``tests/fixtures/holdout_round15`` holds ten selling pages saved the way a
scraper saves a clinic blog post (title line, byline, headings on their own
lines, bare list lines, testimonials, "Book Now" and footer lines): a ketamine
infusion centre on CRPS, a peptide clinic (BPC-157, semaglutide
"microdosing"), an exosome/stem-cell institute in Mexico selling treatment for
long COVID and autism, an MDMA-assisted therapy retreat "before approval", a
hyperbaric centre on autism and stroke, high-dose IV vitamin C at a
naturopathic oncology clinic, acupuncture and Chinese herbs for fertility, a
men's TRT clinic, a cryotherapy/red-light studio and a functional-medicine
"leaky gut" post; and two balanced pages (a university hospital's hyperbaric
sheet, a UK pain charity on ketamine that gives Samaritans 116 123). Written
and annotated before any rule was changed for it and before its author read
the rules. First run: recall 0.44 (93 of 149 quotes flagged at all; 11 of 60
indication span-categories), precision 0.92, document precision 0.93 (extra
fair-balance on the vitamin C page), and four findings on the balanced pages
("crush injuries", "reduce some kinds of pain", "trials in CRPS have found",
"pain scores fell ... shortly after infusions").

The balanced pages came first: a "Contact us" item of a footer navigation
line is site chrome, not a call to action, so the charity page no longer
reads as selling; an injury or burn named as a noun ("crush injuries", "cold
burns if skin is wet") is not a benefit verb. Then the classes of wording the
sellers used. For IND001: GLP-1 drugs named as a class, high-dose IV vitamin
C, acupuncture and Chinese herbs, whole-body cryotherapy, red light
(photobiomodulation) and dermal fillers as products; "semaglutide
microdosing" as semaglutide rather than a psychedelic; "oxygen under
pressure" as hyperbaric oxygen; long-haulers, phantom limb pain, sperm count
and ovarian reserve, endometriosis, autoimmune disease, shingles, sepsis,
healing after surgery and "normal testosterone levels" as conditions; cues
such as "an ally against", "the most powerful tool ... against", "patients are
turning to", "welcomes patients with", kills, shrinks, wakes up, fixes, burns,
raises, doubles survival, remission, "the closest thing to"; and the people
named by their condition ("our CRPS patients") or a named programme ("our
pain program") as the subject. For the other rules: a customer's quote that
tells an outcome (opening or closing sentence), including a family's ("our son
spoke his first full sentence"); outcome rates, survival, remission, a lost
diagnosis, "-free" outcomes, fertility and blood-flow mechanics; witnesses
with a condition or in a programme; more first-visit units (dive, plunge),
"N weeks after my drip", a fraction of the recovery time; the rival that
"just dulls the pain", "X without the toxicity", stopping one's medicines,
surgery "off the table", care "you can't get at home"; "a complete reset",
"all disease begins in the gut"; harm only to the target ("leaving healthy
cells untouched"), a safety record that "speaks for itself"; science that has
"caught up", fears "debunked"; and, for fair balance, "can raise the risk of
kidney stones" and "breakdown of red blood cells". Final: recall 0.86 (128 of
149), precision 0.98, document recall and precision 1.00, no finding on
either balanced page; thresholds in ``tests/test_holdout_rounds.py``.

Still missed: bare list lines under a heading in plain text ("More
conditions we support" / "Lyme disease" / ...), because the plain-text parser
makes every unpunctuated line a heading and IND001's heading-list reading
stops at the first heading; sentences that name no product on a page without
one dominant product ("Clients with rheumatoid arthritis ... tell us").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import SALES, fair_balance_missing, findings_on, needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Photobiomodulation clears up rosacea.", "IND001"),
        ("Electroacupuncture raises sperm counts.", "IND001"),
        ("High-dose vitamin C is a natural weapon against tumours.", "IND001"),
        ("GLP-1 drugs can protect you from Alzheimer's.", "IND001"),
        ("Whole-body cryotherapy eases lupus flares.", "IND001"),
        ("Microdosed semaglutide is the closest thing to a longevity drug.", "IND001"),
        ("Pressurized oxygen wakes up brain cells after a stroke.", "IND001"),
        ("Even men with normal T levels benefit from testosterone.", "IND001"),
        ("Fibromyalgia patients are turning to ketamine infusions.", "IND001"),
        ("Juvederm fillers can relieve TMJ pain.", "IND001"),
        ("Cupping improves live birth rates.", "EFF002"),
        ("Most of our kids are seizure-free by spring.", "EFF002"),
        ("Some of our patients have lost their ADHD diagnosis.", "EFF002"),
        ("Chemo patients sail through radiation with our drips.", "EFF002"),
        ("Stroke patients regain their speech in our chamber.", "EFF002"),
        ("Heal your hormones, transform your life.", "EFF004"),
        ("Clients are usually back at the gym within days.", "EFF004"),
        ('"After my third pellet I was off my antidepressants.', "EFF004"),
        ("Finally, a protocol that actually works.", "EFF004"),
        ("Clients with eczema, acne and rosacea have told us their skin calmed down.", "TST001"),
        ("Families routinely notice calmer bedtimes.", "TST001"),
        ("Runners in our recovery plan report fewer injuries.", "TST001"),
        ("For most, the relief lasts a full season.", "TST001"),
        ('"Our son took his first steps after his second round of infusions.', "TST003"),
        ("You'll feel lighter after your very first plunge.", "SPD002"),
        ("Ten days after my pellet I was sleeping again.", "SPD002"),
        ("Our herbs regulate cycles within two months.", "SPD002"),
        ("The cold plunge switches off soreness instantly.", "SPD001"),
        ("It is like ten years of counseling in one weekend.", "SPD001"),
        ("Painkillers merely dull the pain, whereas our adjustments end it.", "CMP001"),
        ("It's Ozempic without the side effects.", "CMP001"),
        ("Mainstream medicine was designed to manage illness, not to find its cause.", "CMP001"),
        ("Many of our members have stopped taking their statins.", "CMP001"),
        ("Surgery is no longer needed for most of our patients.", "CMP001"),
        ("Our centre offers therapies you can't get at home.", "CMP001"),
        ("It is the most potent tool we have ever offered.", "CMP002"),
        ("Think of it as a full restart for your body.", "HYP001"),
        ("Every illness starts in the colon.", "HYP001"),
        ("The enzyme targets tumour cells while leaving normal tissue intact.", "SAF003"),
        ("Our track record of safety is impeccable.", "SAF003"),
        ("Modern medicine has finally caught up with what grandmothers knew.", "EVI002"),
        ("The myths about fillers and cancer have been debunked.", "EVI002"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Hyperbaric oxygen is cleared for carbon monoxide poisoning and crush injuries.", "EFF002"),
        ("Cryotherapy can cause cold burns if your skin is damp.", "EFF002"),
        ("These effects fade within an hour of stopping the drip.", "SPD002"),
        ("Do not start it if you are planning to get pregnant within two months.", "SPD002"),
        ("Ketamine raises heart rate and can cause jaw clenching.", "IND001"),
        ("Do I need to stop my current medications?", "CMP001"),
        ("Patients with kidney disease should tell us before the drip.", "TST001"),
        ("You may be looking for ways to protect your energy during chemotherapy.", "EFF002"),
    ],
)
def test_risks_precautions_and_questions_are_not_claims(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule not in rules_on_sales_page(tmp_path, sentence)


BALANCED_PAGE = (
    "Ketamine for long-term pain\n\n"
    "Ketamine can reduce some kinds of pain for a few weeks. The evidence is limited.\n\n"
    "Side effects include dizziness, nausea and raised blood pressure.\n\n"
    "Privacy | Accessibility | {footer}\n"
)


def test_a_contact_link_in_the_footer_does_not_make_a_page_sell(tmp_path: Path) -> None:
    """Patient information keeps its gate with a footer "Contact us"; a real call to action still opens it."""
    assert "EFF002" not in rules_on_text(tmp_path, BALANCED_PAGE.format(footer="Contact us"))
    selling = BALANCED_PAGE.format(footer="Site map") + "\nCall us today to reserve your infusion.\n"
    assert "EFF002" in rules_on_text(tmp_path, selling)


def test_semaglutide_microdosing_is_judged_as_semaglutide(tmp_path: Path) -> None:
    """ "Semaglutide microdosing for anti-aging" names semaglutide, not a psychedelic."""
    page = tmp_path / "page.md"
    page.write_text("# Our clinic\n\nWe offer semaglutide microdosing for anti-aging." + SALES, encoding="utf-8")
    messages = [f["message"] for f in findings_on(page) if f["rule"] == "IND001"]
    assert messages
    assert all(message.startswith("semaglutide for") for message in messages), messages


@pytest.mark.parametrize(
    "risks",
    [
        "High doses can raise the risk of kidney stones.",
        "It may cause breakdown of red blood cells in people with G6PD deficiency.",
    ],
)
def test_named_harms_count_as_fair_balance(tmp_path: Path, risks: str) -> None:
    claims = "Our drip shrinks tumours. It restores your energy. You will feel the difference within days."
    assert fair_balance_missing(tmp_path, claims, risks) == (True, False)
