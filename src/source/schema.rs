//! The shape of each table of the format: the keys it accepts, which of them it needs,
//! and what each one holds (see `source-format.md`).

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Text,
    /// A list of strings.
    Texts,
    /// A date without a time.
    Date,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Bool,
    /// One table, `[name]`.
    Table,
    /// A list of tables, `[[name]]`.
    Tables,
}

/// One accepted key.
#[derive(Debug)]
pub struct Key {
    /// The key as written.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether the table must have it.
    pub required: bool,
    /// A typical value (for tables, how the header is written), used in hints.
    pub example: &'static str,
}

/// The accepted keys of one table.
#[derive(Debug)]
pub struct Schema {
    /// How the table is written in the file, e.g. `[[organization.contact]]`.
    pub header: &'static str,
    /// Its keys, in the order the documentation lists them.
    pub keys: &'static [Key],
}

impl Schema {
    /// The key called `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|key| key.name == name)
    }

    /// Every key name, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|key| key.name).collect()
    }
}

const fn required(name: &'static str, kind: Kind, example: &'static str) -> Key {
    Key {
        name,
        kind,
        required: true,
        example,
    }
}

const fn optional(name: &'static str, kind: Kind, example: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        example,
    }
}

/// The top level of the file.
pub const ROOT: Schema = Schema {
    header: "the top level of the file",
    keys: &[
        required("guide", Kind::Table, "[guide]"),
        optional("section", Kind::Tables, "[[section]]"),
        optional("organization", Kind::Tables, "[[organization]]"),
        optional("card", Kind::Tables, "[[card]]"),
        optional("print", Kind::Table, "[print]"),
        optional("cards", Kind::Table, "[cards]"),
    ],
};

/// `[guide]`.
pub const GUIDE: Schema = Schema {
    header: "[guide]",
    keys: &[
        required("id", Kind::Text, "\"my-guide\""),
        required("title", Kind::Text, "\"…\""),
        optional("subtitle", Kind::Text, "\"…\""),
        optional("publisher", Kind::Text, "\"…\""),
        required("language", Kind::Text, "\"en\""),
        required("date", Kind::Date, "2026-01-15"),
        optional("edition", Kind::Text, "\"…\""),
        optional("intro", Kind::Text, "\"…\""),
        optional("closing", Kind::Text, "\"…\""),
        optional("emergency", Kind::Text, "\"In an emergency, call 911.\""),
        optional("review_every_days", Kind::Integer, "365"),
    ],
};

/// `[[section]]`.
pub const SECTION: Schema = Schema {
    header: "[[section]]",
    keys: &[
        required("id", Kind::Text, "\"my-section\""),
        required("title", Kind::Text, "\"…\""),
        optional("intro", Kind::Text, "\"…\""),
    ],
};

/// `[[organization]]`.
pub const ORGANIZATION: Schema = Schema {
    header: "[[organization]]",
    keys: &[
        required("id", Kind::Text, "\"my-organization\""),
        required("name", Kind::Text, "\"…\""),
        optional("short_name", Kind::Text, "\"…\""),
        optional("section", Kind::Text, "\"section-id\""),
        required("summary", Kind::Text, "\"…\""),
        required("about", Kind::Text, "\"…\""),
        optional("services_intro", Kind::Text, "\"…\""),
        optional("services", Kind::Texts, "[\"…\", \"…\"]"),
        optional("closing", Kind::Text, "\"…\""),
        optional("tags", Kind::Texts, "[\"my-tag\"]"),
        optional("contact", Kind::Tables, "[[organization.contact]]"),
    ],
};

/// `[[organization.contact]]`.
pub const CONTACT: Schema = Schema {
    header: "[[organization.contact]]",
    keys: &[
        required("id", Kind::Text, "\"my-contact\""),
        required("kind", Kind::Text, "\"phone\""),
        required("label", Kind::Text, "\"…\""),
        required("value", Kind::Text, "\"1-800-843-5678\""),
        optional("hours", Kind::Text, "\"…\""),
        optional("regions", Kind::Texts, "[\"United States\"]"),
        optional("verified", Kind::Date, "2026-01-15"),
    ],
};

/// `[[card]]`.
pub const CARD: Schema = Schema {
    header: "[[card]]",
    keys: &[
        required("id", Kind::Text, "\"my-card\""),
        required("title", Kind::Text, "\"…\""),
        required("contacts", Kind::Texts, "[\"organization-id.contact-id\"]"),
        optional("note", Kind::Text, "\"…\""),
    ],
};

/// `[print]`.
pub const PRINT: Schema = Schema {
    header: "[print]",
    keys: &[
        optional("paper", Kind::Text, "\"us-letter\""),
        optional("layout", Kind::Text, "\"handout\""),
        optional("large_print", Kind::Bool, "true"),
        optional("bleed", Kind::Text, "\"3mm\""),
        optional("qr", Kind::Bool, "false"),
        optional("pdf_a", Kind::Bool, "true"),
    ],
};

/// `[cards]`.
pub const CARDS: Schema = Schema {
    header: "[cards]",
    keys: &[
        optional("width", Kind::Integer, "40"),
        optional("height", Kind::Integer, "14"),
    ],
};

/// Every schema, for checks that must hold for all of them.
pub const ALL: [&Schema; 8] = [
    &ROOT,
    &GUIDE,
    &SECTION,
    &ORGANIZATION,
    &CONTACT,
    &CARD,
    &PRINT,
    &CARDS,
];
