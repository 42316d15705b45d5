//! What `guidepress diff` found: the changes between two guides, as plain data.
//!
//! These types are the stable shape of `guidepress diff --format json` (documented in the
//! README); the human report is rendered from the same values.

use serde::Serialize;

/// A value before or after a change, in the shape the source writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// The key is not set (`null` in JSON).
    Absent,
    /// A string, or rich text written back as Markdown.
    Text(String),
    /// A date, `YYYY-MM-DD`.
    Date(String),
    /// A whole number.
    Number(u64),
    /// A yes-or-no setting.
    Bool(bool),
    /// A list of strings (regions, tags, ids, card contacts, services).
    List(Vec<String>),
}

impl Value {
    /// An optional string.
    pub fn opt(text: Option<&str>) -> Self {
        text.map_or(Self::Absent, |t| Self::Text(t.to_owned()))
    }

    /// A list of strings.
    pub fn list<S: AsRef<str>>(items: &[S]) -> Self {
        Self::List(items.iter().map(|s| s.as_ref().to_owned()).collect())
    }
}

/// One field whose value differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The source key (`value`, `about`, `print.paper`) or an order (`contact order`).
    pub field: String,
    /// Before.
    pub old: Value,
    /// After.
    pub new: Value,
    /// For rich text: what changed in plain words, e.g. `2 paragraphs → 3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// Whether an item is new, gone, or present on both sides with changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Only in the new guide.
    Added,
    /// Only in the old guide.
    Removed,
    /// In both, with at least one change.
    Changed,
}

/// A contact that was added, removed or changed.
#[derive(Debug, Clone, Serialize)]
pub struct ContactDiff {
    /// Its id (the new one when it changed).
    pub id: String,
    /// The old id, when the contact kept its kind and label but got a new id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    /// Its kind (the new one when it changed).
    pub kind: &'static str,
    /// Its label (the new one when it changed).
    pub label: String,
    /// Its value (the new one when it changed).
    pub value: String,
    /// Added, removed or changed.
    pub status: Status,
    /// Whether it is confidential (shown only by staff editions); absent when not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confidential: bool,
    /// The fields that differ (empty when added or removed).
    pub changes: Vec<FieldChange>,
}

/// An organization that was added, removed or changed, with its contacts' changes.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationDiff {
    /// Its id (the new one when it changed).
    pub id: String,
    /// The old id, when the organization kept its name but got a new id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    /// Its name (the new one when it was renamed).
    pub name: String,
    /// Added, removed or changed.
    pub status: Status,
    /// Changed fields of the organization itself (`name` when it was renamed).
    pub changes: Vec<FieldChange>,
    /// Contacts added, removed or changed, in guide order.
    pub contacts: Vec<ContactDiff>,
}

impl OrganizationDiff {
    /// The old name, when the organization was renamed.
    pub fn old_name(&self) -> Option<&str> {
        self.changes
            .iter()
            .find(|c| c.field == "name")
            .and_then(|c| match &c.old {
                Value::Text(name) => Some(name.as_str()),
                _ => None,
            })
    }
}

/// A section, or a wallet card, that was added, removed or changed.
#[derive(Debug, Clone, Serialize)]
pub struct ItemDiff {
    /// Its id.
    pub id: String,
    /// Its title (the new one when it changed).
    pub title: String,
    /// Added, removed or changed.
    pub status: Status,
    /// The fields that differ (empty when added or removed).
    pub changes: Vec<FieldChange>,
}

/// A wallet card that must be printed, reprinted or withdrawn.
#[derive(Debug, Clone, Serialize)]
pub struct CardReprint {
    /// The card's id (`output/cards/<id>.txt`).
    pub id: String,
    /// The card's title.
    pub title: String,
    /// `added`: print it for the first time; `removed`: withdraw it; `changed`: reprint it.
    pub status: Status,
    /// Why, in plain words, e.g. `contact ncmec.tipline changed`.
    pub reasons: Vec<String>,
}

/// What must be printed again because of the changes: one entry per printed format, in
/// format order (see each format's [`crate::render::reprint::Reprint`]).
///
/// In JSON an object: each format printed whole as `key: true|false`, then each format
/// printed card by card as `key: [cards]` (`pamphlet`, `epub`, `card_sheet`, `cards`).
#[derive(Debug, Clone, Default)]
pub struct Reprint {
    /// Each printed format and what of it must be printed again.
    pub formats: Vec<FormatReprint>,
}

/// What of one printed format must be printed again.
#[derive(Debug, Clone)]
pub struct FormatReprint {
    /// Its key in JSON.
    pub key: &'static str,
    /// How the human report names it.
    pub label: &'static str,
    /// What must be printed again.
    pub reprint: Reprinted,
}

/// What of a format must be printed again.
#[derive(Debug, Clone)]
pub enum Reprinted {
    /// A format printed whole: whether it shows something that changed.
    Whole(bool),
    /// A format printed card by card: the cards whose shown content changed, in guide order.
    Cards(Vec<CardReprint>),
}

impl Reprint {
    /// Whether nothing needs printing again.
    pub fn is_empty(&self) -> bool {
        self.formats.iter().all(|format| match &format.reprint {
            Reprinted::Whole(reprint) => !reprint,
            Reprinted::Cards(cards) => cards.is_empty(),
        })
    }
}

impl Serialize for Reprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.formats.len()))?;
        for format in &self.formats {
            if let Reprinted::Whole(reprint) = format.reprint {
                map.serialize_entry(format.key, &reprint)?;
            }
        }
        for format in &self.formats {
            if let Reprinted::Cards(cards) = &format.reprint {
                map.serialize_entry(format.key, cards)?;
            }
        }
        map.end()
    }
}

/// An old contact value that the new guide's text still mentions.
#[derive(Debug, Clone, Serialize)]
pub struct StaleMention {
    /// The contact whose value changed, `organization-id.contact-id`.
    pub contact: String,
    /// Its old value.
    pub old_value: String,
    /// Where the old value still appears, e.g. `crisis-line about`, `guide intro`.
    pub places: Vec<String>,
}

/// The version of the `diff --format json` shape.
pub const JSON_VERSION: u32 = 1;

/// Every difference between two guides, and what must be reprinted.
#[derive(Debug, Clone, Serialize)]
pub struct GuideDiff {
    /// The version of this JSON shape; it grows only by new keys until it changes.
    pub version: u32,
    /// The old guide's name as given (`-` for standard input).
    pub old: String,
    /// The new guide's name as given.
    pub new: String,
    /// True when the two guides build the same outputs and carry the same data.
    pub equivalent: bool,
    /// Changes to `[guide]` keys and to the order of sections and organizations.
    pub guide: Vec<FieldChange>,
    /// Changes to `[print]` and `[cards]`.
    pub settings: Vec<FieldChange>,
    /// Sections added, removed or changed.
    pub sections: Vec<ItemDiff>,
    /// Organizations added, removed or changed, in guide order.
    pub organizations: Vec<OrganizationDiff>,
    /// Wallet cards added, removed or changed.
    pub cards: Vec<ItemDiff>,
    /// Old contact values that the new guide's text still mentions.
    pub still_mentioned: Vec<StaleMention>,
    /// What of the full guide (the top of the output folder) must be printed again.
    pub reprint: Reprint,
    /// What of each edition must be printed again, in the guide's order, then each
    /// edition the new guide no longer has; absent for a guide without editions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantReprint>,
}

/// Whether a variant (an edition) must be printed, reprinted, withdrawn, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VariantStatus {
    /// Only in the new guide: print it for the first time.
    Added,
    /// Only in the old guide: withdraw its printed copies.
    Removed,
    /// Something it shows changed: see `reprint`.
    Changed,
    /// Nothing it shows changed.
    Unchanged,
}

/// What one variant of the guide (an edition, in `output/<edition>/`) must reprint, and
/// why. A language would be a second field beside `edition`.
#[derive(Debug, Clone, Serialize)]
pub struct VariantReprint {
    /// The edition's id.
    pub edition: String,
    /// Its folder inside the output folder, `/`-terminated (`staff/`).
    pub folder: String,
    /// Whether it is a staff edition (it shows confidential contacts).
    pub staff_only: bool,
    /// Added, removed, changed or unchanged.
    pub status: VariantStatus,
    /// The keys of its `[[edition]]` table that changed (`tags`, `cards`, `layout`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub definition: Vec<String>,
    /// Why, in plain words, from what this edition shows alone. A public edition's
    /// reasons never name a confidential contact.
    pub reasons: Vec<String>,
    /// What of the formats it is built in must be printed again.
    pub reprint: Reprint,
    /// What the comparison could not see for it, e.g. the confidential contacts that the
    /// copy of the last build leaves out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}
