"""The built-in rules on a sixteenth round of held-out pages: HTML as clinic and brand sites serve it.

``tests/fixtures/holdout_round16`` holds ten selling pages saved as served
HTML (doctype, ``<title>`` and meta description, nav, header, main with
sections, FAQ in ``<details>`` or h3 + p, testimonial and review blocks,
footer with address and links, inline scripts, JSON-LD), in verticals earlier
rounds barely covered: a luxury addiction rehab with NAD+ detox ("95% ...
remain substance-free"), an alternative cancer clinic in Tijuana (insulin
potentiation, whole-body hyperthermia, a dendritic cell vaccine), a Shopify
parasite cleanse, a spinal-cord-stimulator and stem-cell pain institute, a
Miami BBL clinic, telehealth sublingual allergy drops, a children's
homeopath (with "homeoprophylaxis" instead of vaccines), a testosterone
booster, a tinnitus supplement lander and detox foot pads; and two balanced
pages (a government-style tinnitus page that gives 988 and 911, and a UK
hospital leaflet on spinal cord stimulation). Written and annotated before
any rule was changed for it and before its author read the rules. First
run: recall 0.50 (83 of 120 quotes flagged at all; 3 of 22 indication
span-categories), precision 0.96, document recall 0.69, document precision
1.00, and one finding on the balanced tinnitus page ("customer stories", in
a sentence that warns readers about products offering only customer stories
as proof).

The balanced pages came first: a sentence that warns the reader ("be
cautious with products that ... offer only customer stories as proof") is
not a testimonial; "trials have not found that ...", "there is currently no
treatment that ..." and "the evidence for the others is weak" state the
limit that marks patient information; and the reader's own "my" in a
patient question ("When should I see my healthcare provider?") is not sales
voice, which also silenced a round 7 balanced page that had started to
fire. A US ZIP code (AZ 85258) no longer passes for the UK Shout line.

Then the classes of wording the sellers used. For IND001: products sold by
clinics and shops with no approval for what they are sold for (insulin
potentiation, hyperthermia and personalised or dendritic cell vaccines as one
"alternative cancer therapy", spinal cord stimulators with their approved
pain uses, cosmetic surgery, liquid sublingual allergy drops, homeopathy,
testosterone-booster and ear-health supplement ingredients, detox foot pads,
parasite cleanses); conditions such as food allergy, vertigo, hearing loss,
sinus infections, pelvic pain, teething, erections and the diseases vaccines
prevent; cues such as "detox with", rewiring, going "straight into" or
hunting down the disease, "remarkable success using", "use X for", "try a
remedy", children brought "to me for"; "Because it ..." and the clientele
("customers use", "parents bring") as the topic product. For the other
rules: outcomes kept ("stay sober", "walk out in remission"), results that
"speak for themselves", cells that "cannot survive" it, scans that came back
clear, markers that fell, symptoms "half as loud", "N% less pain", avoided
or cancelled surgery, "X works" as a conclusion, success "using" it,
stopping one's pills; children's symptoms that stopped, "can finally ...
again", back at the desk, "this year I ran", slogans ("Stop the ringing",
"Feel the surge", "Better sleep from ..."); what works "when others fail",
rivals that "just hand you" something, what you "won't find" elsewhere,
"why replace it when you can regenerate it", doctors who "won't tell you" or
treat "the wrong organ", "none of the side effects of", "few clinics can
match", the safest X in a city; risk "eliminated", "zero chance of", "gentle
on tissue", "easily managed", a "simple outpatient procedure"; featured in
journals, endorsed by an organisation, "confirmed by modern research",
professionals who recommend it, "up to N% of Americans", rates "N times
higher than"; testimonials that open on years of suffering, "best decision I
ever made"; rapid detox, "by the third infusion", "in just 30 days", "by
week two", drawn out "overnight"; "the easiest detox ever invented". Final:
recall 0.95 (119 of 120 quotes flagged at all; 17 of 22 indication
span-categories), precision 0.99, document recall 0.75, document precision
1.00, no finding on either balanced page; thresholds in
``tests/test_holdout_rounds.py``.

Still missed: the four supplement pages whose only notice is the DSHEA
footnote (DOC001 accepts it as a disclaimer, as docs/rules.md says; the
annotators of rounds 6 to 16 do not); sentences whose product is a brand
name the catalogue cannot know ("TitanT also supports firmer erections");
"Beyond seasonal allergies, our drops are used to treat:", where the
approved condition in the lead hides the list; a rival product named in the
sentence lending its approval ("... no longer need stimulant medication").
Those need the indication kind to change, not the rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import needs_shared, rules_on_sales_page, rules_on_text

pytestmark = needs_shared


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Express opioid withdrawal with NAD+ drips.", "IND001"),
        ("Deep TMS can rewire the cravings circuit behind alcoholism.", "IND001"),
        ("Insulin potentiation therapy goes straight into the tumour.", "IND001"),
        ("A dendritic cell vaccine teaches your immune system to seek out melanoma cells.", "IND001"),
        ("We have seen remarkable results using neurostimulators for interstitial cystitis.", "IND001"),
        ("Try a homeopathic remedy for colic.", "IND001"),
        ("Our homeoprophylaxis kits are a gentle alternative to measles shots.", "IND001"),
        ("Liposuction can even ease sciatica.", "IND001"),
        ("Sublingual immunotherapy drops clear up eczema in children.", "IND001"),
        ("Fenugreek extract restores firmer erections.", "IND001"),
        ("Hawthorn berry quiets vertigo.", "IND001"),
        ("Ionic foot baths help with diabetes.", "IND001"),
        ("Black walnut hull clears up acne and anxiety.", "IND001"),
        ("Four in five of our residents remain alcohol-free after a year.", "EFF002"),
        ("Many walk out of the hospital cancer-free.", "EFF002"),
        ("Bacteria simply can't survive in our ozone sauna.", "EFF002"),
        ("Our formula hunts down parasites hiding in the gut.", "EFF002"),
        ("My CT scans came back clean.", "EFF002"),
        ("Within weeks her tumour markers had plummeted.", "EFF002"),
        ("Clients say their hot flashes are half as intense.", "EFF002"),
        ("The tincture kills all parasites and their eggs.", "EFF002"),
        ("Customers tell us that their rosacea has cleared up.", "EFF002"),
        ("Parents notice a happier, calmer child.", "EFF002"),
        ("Expect 70% less swelling.", "EFF002"),
        ("Nine in ten of our clients skip hip replacement.", "EFF002"),
        ("Thousands of men have reversed their diabetes with our plan.", "EFF002"),
        ("Three decades of practice confirm it: cupping works.", "EFF002"),
        ("Our capsules wake up the body's own collagen production.", "EFF002"),
        ("We have had tremendous success with ozone for Lyme disease.", "EFF002"),
        ("Half of our members come off their diabetes pills.", "EFF002"),
        ("A single session resolved his vertigo.", "EFF002"),
        ("His nightmares disappeared after a month.", "EFF004"),
        ("Now she can finally sleep through the night again.", "EFF004"),
        ("Within a month I was back at the office.", "EFF004"),
        ("Last summer he climbed Kilimanjaro.", "EFF004"),
        ("End the buzzing for good.", "EFF004"),
        ("Feel a surge of focus by lunchtime.", "EFF004"),
        ("I feel twenty again.", "EFF004"),
        ("Put on 12 pounds of muscle in ten weeks.", "EFF004"),
        ("My hip pain went down within days.", "EFF004"),
        ("Calmer mood from the first capsule.", "EFF004"),
        ("The retreat saved our family and our marriage.", "EFF004"),
        ("Our method succeeds where others fail.", "CMP001"),
        ("Typical treatment centres simply give you a bunk and a schedule.", "CMP001"),
        ("Amenities you won't find in any other rehab.", "CMP001"),
        ("Why remove a gallbladder when you can cleanse it?", "CMP001"),
        ("Oncologists won't tell you about this therapy.", "CMP001"),
        ("Doctors keep treating the wrong gland.", "CMP001"),
        ("Our supplements reach the cancer cells radiation left behind.", "CMP001"),
        ("Our recovery figures run 40 percent higher than the national norm.", "CMP001"),
        ("Your liver is nourished instead of poisoned.", "CMP001"),
        ("She ditched her inhalers in spring.", "CMP001"),
        ("Many patients no longer need painkillers.", "CMP001"),
        ("The Most Natural Facelift in Los Angeles", "CMP001"),
        ("Few surgeons anywhere can match our safety record.", "CMP001"),
        ("Voted the safest lipo clinic in Houston.", "SAF003"),
        ("Our protocol eliminates the risk of rejection.", "SAF003"),
        ("There is zero possibility of an allergic reaction.", "SAF003"),
        ("The laser is easy on the skin.", "SAF003"),
        ("Expect less swelling and a shorter recovery.", "SAF003"),
        ("Discomfort is easily controlled with paracetamol.", "SAF003"),
        ("It's a routine in-office procedure.", "SAF003"),
        ("Our formula won't suppress your own hormones.", "SAF003"),
        ("Dr. Patel's protocol was showcased at international congresses.", "EVI002"),
        ("Endorsed by the International Society of Natural Health.", "EVI002"),
        ("Ancient wisdom, validated by modern research.", "EVI002"),
        ("Dentists and pharmacists trust our rinse.", "EVI002"),
        ("Over 70% of adults are running low on magnesium.", "EVI002"),
        ("90 percent of our graduates stay clean.", "EVI004"),
        ("Survival is four times higher than with chemotherapy.", "EVI004"),
        ("Many of our patients were written off by their cardiologists.", "TST001"),
        ('"After five years of eczema, one cream cleared it."', "TST002"),
        ("Smartest decision we've ever made.", "TST002"),
        ("Our neighbours asked what she had changed.", "TST002"),
        ("Fast detox in a private suite.", "SPD001"),
        ("Most feel lighter by the 2nd bottle.", "SPD001"),
        ("Smoother skin in only 10 days.", "SPD001"),
        ("By day five, the itching had stopped.", "SPD001"),
        ("These pads draw impurities out of the body overnight.", "SPD001"),
        ("The most effective detox ever developed.", "HYP001"),
    ],
)
def test_new_classes_of_wording_fire(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule in rules_on_sales_page(tmp_path, sentence)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Spinal cord stimulators are approved for pain after back surgery and for diabetic neuropathy.", "IND001"),
        ("Some people stay sober without any treatment.", "EFF002"),
        ("You should avoid surgery for six weeks after a heart attack.", "EFF002"),
        ("My doctor said my labs were normal.", "EFF002"),
        ("Doctors may suggest a hearing test first.", "EVI002"),
        ("Our doctors prescribe only approved medicines.", "EVI002"),
        ("The safest amount of alcohol is none.", "SAF003"),
        ("The device holds your jaw in place while you sleep.", "SPD001"),
        ("Lab results arrive by week two.", "SPD001"),
        ("When nothing else has worked, ask your GP about a referral.", "CMP001"),
        ("No shots, no needles, no waiting rooms.", "SAF001"),
        ("Our Services Patient Stories Locations Contact", "TST002"),
    ],
)
def test_plain_facts_advice_and_menus_are_not_claims(tmp_path: Path, sentence: str, rule: str) -> None:
    assert rule not in rules_on_sales_page(tmp_path, sentence)


LEAFLET = (
    "# Shockwave therapy for erectile dysfunction\n\n"
    "A wand sends pulses of sound to the penis.\n\n"
    "Side effects include bruising and discomfort. It has not been approved by the FDA for this use.\n\n"
    "## When should I see my doctor?\n\n"
    "See your doctor if the problem lasts more than a few weeks.\n"
)


def test_the_readers_own_doctor_is_not_sales_voice(tmp_path: Path) -> None:
    """A patient question ("When should I see my doctor?") keeps a leaflet balanced; a call to action does not."""
    assert "IND001" not in rules_on_text(tmp_path, LEAFLET)
    assert "IND001" in rules_on_text(tmp_path, LEAFLET + "\nBook your consultation today.\n")


def test_a_stated_limit_in_other_words_marks_patient_information(tmp_path: Path) -> None:
    page = (
        "# Supplements for tinnitus\n\n"
        "Trials have not found that ginkgo works better than a placebo for tinnitus. "
        "Ginkgo can raise the risk of bleeding in people who take blood thinners.\n"
    )
    assert "IND001" not in rules_on_text(tmp_path, page)


def test_a_warning_about_testimonials_is_not_one(tmp_path: Path) -> None:
    page = (
        "# Choosing a treatment\n\n"
        "Be wary of sellers that offer nothing but customer stories as evidence. "
        "There is currently no treatment that cures the condition, and side effects include nausea.\n"
    )
    assert "TST002" not in rules_on_text(tmp_path, page)


@pytest.mark.parametrize(
    ("line", "missing"),
    [
        ("Visit us at 8700 Via Linda, Scottsdale, AZ 85258.", True),
        ("In the UK you can text SHOUT to 85258 at any time.", False),
    ],
)
def test_a_zip_code_is_not_the_shout_line(tmp_path: Path, line: str, missing: bool) -> None:
    page = f"# Pain and mood\n\nLong-term pain can bring thoughts of suicide.\n\n{line}\n"
    assert ("DOC003" in rules_on_text(tmp_path, page)) is missing
