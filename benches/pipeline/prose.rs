//! Deterministic pseudo-English for synthetic guides: a seeded generator and a vocabulary
//! of the words resource guides use, so line breaking and shaping see realistic text.

/// SplitMix64: tiny, fast and good enough to vary text; the same seed gives the same guide.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator whose whole output follows from `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub(crate) fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next_u64() % (high - low + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of `items`.
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

const NOUNS: &[&str] = &[
    "families",
    "children",
    "parents",
    "caregivers",
    "survivors",
    "youth",
    "residents",
    "veterans",
    "students",
    "seniors",
    "advocates",
    "counselors",
    "volunteers",
    "case managers",
    "agencies",
    "schools",
    "clinics",
    "shelters",
    "courts",
    "communities",
    "neighborhoods",
    "referrals",
    "services",
    "programs",
    "appointments",
    "resources",
    "workshops",
    "hotlines",
    "reports",
    "interpreters",
    "legal clinics",
    "support groups",
    "health centers",
    "food pantries",
];

const VERBS: &[&str] = &[
    "provides",
    "offers",
    "connects",
    "supports",
    "coordinates",
    "helps",
    "trains",
    "assists",
    "refers",
    "protects",
    "serves",
    "guides",
    "represents",
    "shelters",
    "counsels",
    "funds",
];

const ADJECTIVES: &[&str] = &[
    "confidential",
    "free",
    "local",
    "bilingual",
    "emergency",
    "short-term",
    "long-term",
    "statewide",
    "accessible",
    "trauma-informed",
    "culturally specific",
    "low-cost",
    "walk-in",
    "ongoing",
    "practical",
    "specialized",
    "independent",
    "community-based",
    "voluntary",
];

const OBJECTS: &[&str] = &[
    "safety planning",
    "legal advocacy",
    "crisis counseling",
    "housing assistance",
    "transportation to appointments",
    "help with protective orders",
    "food and clothing",
    "medical accompaniment",
    "information about victims’ rights",
    "child care during sessions",
    "help applying for benefits",
    "referrals to other agencies",
    "peer support",
    "parenting classes",
    "job training",
    "translation services",
    "follow-up calls",
];

const CONNECTORS: &[&str] = &[
    "and",
    "as well as",
    "together with",
    "in partnership with",
    "alongside",
    "through",
];

const CLOSERS: &[&str] = &[
    "across the county",
    "in English and Spanish",
    "at no cost to callers",
    "without an appointment",
    "for as long as needed",
    "in every school district",
    "on weekdays and most evenings",
    "at several neighborhood offices",
    "by phone or in person",
];

/// Words that organization and section names are made from.
pub(crate) const PLACES: &[&str] = &[
    "Riverside",
    "Lakeview",
    "Northfield",
    "Cedar Valley",
    "Harbor",
    "Pine Ridge",
    "Maple Grove",
    "Eastside",
    "Westbrook",
    "Clearwater",
    "Granite County",
    "Fairview",
    "Oak Hill",
    "Summit",
];

/// Kinds of organizations, for names.
pub(crate) const KINDS: &[&str] = &[
    "Family Resource Center",
    "Legal Aid Society",
    "Crisis Line",
    "Youth Services Bureau",
    "Community Health Clinic",
    "Victim Assistance Program",
    "Housing Coalition",
    "Child Advocacy Center",
    "Food Bank",
    "Counseling Collaborative",
    "Senior Services",
];

/// Topics that sections are named after.
pub(crate) const TOPICS: &[&str] = &[
    "Reporting and Emergencies",
    "Housing and Shelter",
    "Legal Help",
    "Health and Counseling",
    "Food and Basic Needs",
    "Children and Youth",
    "Education and Training",
    "Older Adults",
];

/// One plain sentence, capitalized and ending in a period.
pub(crate) fn sentence(rng: &mut Rng) -> String {
    let text = format!(
        "{} {} {} {} {} {} {}",
        rng.pick(&[
            "The program",
            "The center",
            "Staff",
            "A trained volunteer",
            "The team"
        ]),
        rng.pick(VERBS),
        rng.pick(NOUNS),
        rng.pick(&["with", "by offering", "through"]),
        rng.pick(ADJECTIVES),
        rng.pick(OBJECTS),
        rng.pick(CLOSERS),
    );
    if rng.chance(40) {
        format!("{text}, {} {}.", rng.pick(CONNECTORS), clause(rng))
    } else {
        format!("{text}.")
    }
}

fn clause(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(ADJECTIVES),
        rng.pick(OBJECTS),
        rng.pick(CLOSERS)
    )
}

/// Sentences adding up to at least `words` words.
pub(crate) fn sentences(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    while text.split_whitespace().count() < words {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&sentence(rng));
    }
    text
}

/// A paragraph of rich text: sentences with, now and then, an emphasis, a strong phrase
/// or a link, written in the Markdown subset guides accept.
pub(crate) fn rich_paragraph(rng: &mut Rng, words: usize) -> String {
    let mut text = sentences(rng, words);
    if rng.chance(30) {
        text.push_str(&format!(" Services are *{}*.", rng.pick(ADJECTIVES)));
    }
    if rng.chance(25) {
        text.push_str(&format!(
            " **{}** is available.",
            capitalized(rng.pick(OBJECTS))
        ));
    }
    if rng.chance(20) {
        let host = rng.pick(PLACES).to_lowercase().replace(' ', "");
        text.push_str(&format!(
            " Read more on [the {host} site](https://{host}.example.org/help)."
        ));
    }
    text
}

/// `text` with its first letter in upper case.
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An organization's summary: one sentence of at most 200 characters.
pub(crate) fn summary(rng: &mut Rng) -> String {
    let mut text = sentence(rng);
    while text.chars().count() > 200 {
        text = sentence(rng);
    }
    text
}
