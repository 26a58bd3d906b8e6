"""A deterministic corpus of health-marketing articles in Markdown, for benchmarks.

Every article is built from a seeded random generator, so the same ``count``
and ``seed`` always give the same bytes. The text is written for this file
(not taken from any real page): ten verticals, each with its own products,
conditions and claims, mixed with neutral, hedged and sourced sentences, and
the Markdown a CMS exports: front matter, headings, lists, links, emphasis,
block quotes, tables and the odd code block. About 4 KB per article.

    python benchmarks/corpus.py OUT_DIR COUNT [--seed N]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

TARGET_BYTES = 4096
VERSION = 2
"""Bump when the generator changes, so corpora written by an older one are rewritten."""


@dataclass(frozen=True)
class Vertical:
    name: str
    products: tuple[str, ...]
    conditions: tuple[str, ...]
    benefits: tuple[str, ...]
    clinicians: tuple[str, ...]


VERTICALS = (
    Vertical(
        "ketamine",
        ("ketamine infusions", "esketamine sessions", "our ketamine program", "low-dose ketamine"),
        ("treatment-resistant depression", "PTSD", "chronic pain", "anxiety", "OCD"),
        ("a lifted mood", "fewer intrusive thoughts", "better sleep", "a calmer baseline"),
        ("anesthesiologist", "psychiatric nurse practitioner", "integration coach"),
    ),
    Vertical(
        "iv-therapy",
        ("the Myers' cocktail", "our hydration drip", "NAD+ infusions", "vitamin C drips", "glutathione pushes"),
        ("fatigue", "hangovers", "migraines", "brain fog", "jet lag"),
        ("more energy", "glowing skin", "faster recovery", "sharper focus"),
        ("registered nurse", "paramedic", "medical director"),
    ),
    Vertical(
        "weight-loss",
        ("semaglutide", "compounded tirzepatide", "our metabolic reset", "the GLP-1 program", "lipo shots"),
        ("obesity", "type 2 diabetes", "insulin resistance", "PCOS", "stubborn belly fat"),
        ("steady weight loss", "fewer cravings", "lower blood sugar", "a slimmer waist"),
        ("bariatric physician", "dietitian", "health coach"),
    ),
    Vertical(
        "tms",
        ("TMS therapy", "deep TMS", "accelerated TMS", "theta-burst stimulation"),
        ("major depression", "OCD", "smoking cessation", "bipolar depression"),
        ("remission", "better concentration", "renewed motivation", "steadier moods"),
        ("TMS technician", "psychiatrist", "care coordinator"),
    ),
    Vertical(
        "supplements",
        ("our adaptogen blend", "ashwagandha gummies", "the gut-health powder", "omega-3 softgels", "collagen"),
        ("stress", "joint pain", "bloating", "hair thinning", "low immunity"),
        ("deeper sleep", "healthier joints", "a happier gut", "thicker hair"),
        ("naturopath", "nutritionist", "formulator"),
    ),
    Vertical(
        "med-spa",
        ("Botox", "dermal fillers", "microneedling", "laser resurfacing", "CoolSculpting"),
        ("wrinkles", "acne scars", "sun damage", "cellulite", "rosacea"),
        ("smoother skin", "a refreshed look", "tighter contours", "even tone"),
        ("aesthetic injector", "dermatologist", "esthetician"),
    ),
    Vertical(
        "chiropractic",
        ("spinal adjustments", "decompression therapy", "our posture program", "cold laser therapy"),
        ("sciatica", "back pain", "neck pain", "headaches", "ear infections"),
        ("better posture", "easier movement", "less stiffness", "restful nights"),
        ("chiropractor", "physical therapist", "massage therapist"),
    ),
    Vertical(
        "teletherapy",
        ("online therapy", "our app-based CBT", "text coaching", "video counseling"),
        ("anxiety", "burnout", "insomnia", "grief", "panic attacks"),
        ("coping skills", "clearer thinking", "healthier habits", "more confidence"),
        ("licensed therapist", "clinical psychologist", "peer coach"),
    ),
    Vertical(
        "fertility",
        ("IVF", "egg freezing", "fertility acupuncture", "our conception bundle"),
        ("infertility", "low egg reserve", "recurrent miscarriage", "endometriosis"),
        ("a growing family", "healthier cycles", "more options", "peace of mind"),
        ("reproductive endocrinologist", "embryologist", "fertility nurse"),
    ),
    Vertical(
        "hormones",
        ("testosterone therapy", "bioidentical hormones", "HRT pellets", "peptide therapy"),
        ("low T", "menopause symptoms", "hot flashes", "low libido", "andropause"),
        ("renewed drive", "stronger muscles", "balanced moods", "fewer night sweats"),
        ("hormone specialist", "gynecologist", "men's health physician"),
    ),
)

CLAIMS = (
    "{Product} cures {condition} for good.",
    "Most clients feel {benefit} within 24 hours of {product}.",
    "{Product} is 100% safe and has no side effects.",
    "Clinically proven: {product} works for {condition} every single time.",
    "We guarantee {benefit} or your money back.",
    "Forget medication: {product} is the natural alternative your doctor won't mention.",
    "{Product} reverses {condition} in as little as one visit.",
    "Say goodbye to {condition} forever with {product}.",
    '"I was cured after two sessions," says one delighted client.',
    "{Product} is a miracle breakthrough that doctors can't explain.",
    "Unlike other clinics, our {product} is the only treatment that really works.",
    "{Product} instantly eliminates {condition} with zero downtime.",
)
NEUTRAL = (
    "Our team includes a {clinician} who reviews every intake form before the first appointment.",
    "Appointments run about forty-five minutes, and you can bring a friend for company.",
    "Parking is free behind the building, and the entrance has step-free access.",
    "We publish our prices up front so there are no surprises at checkout.",
    "Many people ask how {product} fits around work, school runs and travel.",
    "Before you book, write down the medicines and supplements you take each day.",
    "The {clinician} will walk you through what a typical visit looks like.",
    "Our waiting room has tea, quiet music and plenty of natural light.",
    "You can reschedule online up to a day ahead without a fee.",
    "Insurance rules differ by plan, so check with your provider about coverage for {product}.",
    "We keep our intake paperwork short and plain.",
    "Evening and weekend slots tend to fill first during the winter months.",
    "If you are new to {product}, the first consultation is mostly questions and answers.",
    "Our front-desk staff can explain payment plans and receipts for health savings accounts.",
)
HEDGED = (
    "Some people with {condition} notice {benefit} after {product}, but results vary.",
    "Research on {product} for {condition} is still early, and not everyone responds.",
    "A {clinician} can help you weigh the risks and benefits of {product}.",
    "Side effects of {product} can include nausea, dizziness or headache; tell us if they last.",
    "{Product} is not right for everyone, especially during pregnancy.",
    "In a small 2021 trial, about a third of participants reported {benefit}.",
    "Talk with your own doctor before starting {product}, and keep taking prescribed medicine.",
    "Evidence for {product} in {condition} is mixed; we will share what the studies show.",
)
HEADINGS = (
    "What is {product}?",
    "Who is {product} for?",
    "How {product} works",
    "What to expect at your first visit",
    "Costs and insurance",
    "Frequently asked questions",
    "Is {product} right for you?",
    "Risks and side effects",
    "Meet the team",
    "Why clients choose us",
)
OPENERS = (
    "In our experience,",
    "Honestly,",
    "For many families,",
    "At our {city} clinic,",
    "This spring,",
    "As our {clinician} likes to say,",
    "Put simply,",
    "Between appointments,",
    "For first-time visitors,",
    "According to our front desk,",
)
CLOSERS = (
    "Ask us if anything is unclear.",
    "We are happy to talk it through on the phone.",
    "Bring your questions to the first visit.",
    "Our {city} team answers messages within a day.",
)
CITIES = ("Austin", "Denver", "Leeds", "Perth", "Toronto", "Dublin", "Auckland", "Phoenix", "Bristol", "Calgary")
TITLES = (
    "{Product} for {condition} in {city}",
    "A plain guide to {product}",
    "{Product}: benefits, risks and costs",
    "Everything about {product} and {condition}",
    "How our {city} clinic approaches {condition}",
)
CODE_SNIPPETS = (
    '<script type="application/ld+json">{"@type": "MedicalClinic", "name": "Clinic"}</script>',
    '{{< booking-widget service="consult" >}}',
    "export const cta = { label: 'Book now', href: '/book' };",
)


class ArticleWriter:
    """Writes one article from a seeded random generator."""

    def __init__(self, rng: random.Random, index: int):
        self.rng = rng
        self.index = index
        self.vertical = rng.choice(VERTICALS)
        self.city = rng.choice(CITIES)

    def fill(self, template: str) -> str:
        rng, vertical = self.rng, self.vertical
        product = rng.choice(vertical.products)
        values = {
            "product": product,
            "Product": product[:1].upper() + product[1:],
            "condition": rng.choice(vertical.conditions),
            "benefit": rng.choice(vertical.benefits),
            "clinician": rng.choice(vertical.clinicians),
            "city": self.city,
        }
        return template.format(**values)

    def sentence(self) -> str:
        roll = self.rng.random()
        pool = CLAIMS if roll < 0.18 else HEDGED if roll < 0.38 else NEUTRAL
        text = self.fill(self.rng.choice(pool))
        if pool is not CLAIMS and self.rng.random() < 0.3:
            opener = self.fill(self.rng.choice(OPENERS))
            text = f"{opener} {text[:1].lower()}{text[1:]}" if not text[1:2].isupper() else f"{opener} {text}"
        elif self.rng.random() < 0.1:
            text = f"{text} {self.fill(self.rng.choice(CLOSERS))}"
        return self.emphasise(text)

    def emphasise(self, text: str) -> str:
        words = text.split(" ")
        if len(words) > 6 and self.rng.random() < 0.25:
            position = self.rng.randrange(1, len(words) - 2)
            marker = self.rng.choice(("**", "_", "*"))
            words[position] = f"{marker}{words[position]}{marker}"
        if len(words) > 8 and self.rng.random() < 0.15:
            position = self.rng.randrange(2, len(words) - 3)
            slug = self.vertical.name
            words[position] = f"[{words[position]}](https://example.com/{slug}/{self.index}?ref=blog)"
        return " ".join(words)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def bullet_list(self) -> str:
        ordered = self.rng.random() < 0.3
        items = [self.sentence() for _ in range(self.rng.randint(3, 5))]
        return "\n".join(f"{n + 1}. {item}" if ordered else f"- {item}" for n, item in enumerate(items))

    def block(self) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            return self.paragraph()
        if roll < 0.8:
            return self.bullet_list()
        if roll < 0.88:
            return "> " + self.sentence() + "\n> -- a client from " + self.city
        if roll < 0.94:
            return "| Option | Details |\n|---|---|\n" + "\n".join(
                f"| {self.fill('{Product}')} | {self.sentence()} |" for _ in range(2)
            )
        return "```html\n" + self.rng.choice(CODE_SNIPPETS) + "\n```"

    def front_matter(self) -> str:
        title = self.fill(self.rng.choice(TITLES))
        description = self.fill(self.rng.choice(HEDGED + NEUTRAL)).replace('"', "'")
        day = 1 + self.index % 28
        return (
            "---\n"
            f'title: "{title}"\n'
            f'description: "{description}"\n'
            f"date: 2025-{1 + self.index % 12:02d}-{day:02d}\n"
            f"tags: [{self.vertical.name}, {self.city.lower()}]\n"
            f"slug: {self.vertical.name}-{self.index}\n"
            "---\n"
        )

    def write(self) -> str:
        parts = [self.front_matter(), "# " + self.fill(self.rng.choice(TITLES)), self.paragraph()]
        size = sum(len(part) for part in parts)
        while size < TARGET_BYTES - 300:
            heading = "## " + self.fill(self.rng.choice(HEADINGS))
            body = [self.block() for _ in range(self.rng.randint(1, 3))]
            parts += [heading, *body]
            size += len(heading) + sum(len(item) + 2 for item in body)
        if self.rng.random() < 0.5:
            parts.append("*This page is general information, not medical advice. Results vary.*")
        return "\n\n".join(parts) + "\n"


def article(index: int, seed: int = 2026) -> str:
    """The text of article ``index`` (independent of how many are generated)."""
    return ArticleWriter(random.Random(seed * 1_000_003 + index), index).write()


def articles(count: int, seed: int = 2026) -> list[tuple[str, str]]:
    """``count`` articles as (file name, text) pairs."""
    return [(f"article-{index:05d}.md", article(index, seed)) for index in range(count)]


def write_corpus(folder: Path, count: int, seed: int = 2026) -> Path:
    """Write ``count`` articles under ``folder`` (reused when already complete)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / ".complete"
    if stamp.exists() and stamp.read_text() == f"{count} {seed} v{VERSION}":
        return folder
    for name, text in articles(count, seed):
        (folder / name).write_text(text, encoding="utf-8")
    stamp.write_text(f"{count} {seed} v{VERSION}")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    write_corpus(args.out, args.count, args.seed)
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
