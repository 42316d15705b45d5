//! The shape of each table of the format: the keys it accepts, which of them it needs,
//! and what each one holds (see `source-format.md`). The tables themselves are declared
//! once, in [`raw`](super::raw), with the macro of [`declare`](super::declare).

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

/// How the top level of the file is named; its schema is [`raw::ROOT`](super::raw::ROOT).
pub(super) const TOP_LEVEL: &str = "the top level of the file";

impl Schema {
    /// Whether this is the top level of the file, whose keys are tables.
    pub fn is_top_level(&self) -> bool {
        self.header == TOP_LEVEL
    }

    /// The key called `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|key| key.name == name)
    }

    /// Every key name, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|key| key.name).collect()
    }
}
