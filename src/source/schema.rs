//! The shape of each table of the format: the keys it accepts, which of them it needs,
//! and what each one holds (see `source-format.md`). The tables themselves are declared
//! once, in [`raw`](super::raw), with the [`tables!`] macro defined here.

pub(super) use super::raw::ALL;
use super::raw::{ContactTable, OrganizationTable, SourceGuide};
use super::reader::Table;

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

/// The top level of the file.
pub const ROOT: &Schema = SourceGuide::SCHEMA;

/// `[[organization]]`.
pub const ORGANIZATION: &Schema = OrganizationTable::SCHEMA;

/// `[[organization.contact]]`.
pub const CONTACT: &Schema = ContactTable::SCHEMA;

/// Declares the tables of the format, each once: the struct of the raw model, its
/// [`Schema`] and its reader, plus [`ALL`](crate::source::raw::ALL), every schema.
///
/// Each key is written `required name: Type = "example"` or `optional …`; its [`Kind`]
/// comes from its type (see [`Field`](super::reader::Field)). Fields after `also` are not
/// keys of the file: the reader leaves them at their default.
macro_rules! tables {
    (@required required) => { true };
    (@required optional) => { false };
    ($(
        $(#[$meta:meta])*
        pub struct $name:ident in $header:literal {
            $(
                $(#[$key_meta:meta])*
                $need:ident $key:ident: $ty:ty = $example:literal
            ),* $(,)?
        }
        $(also {
            $(
                $(#[$also_meta:meta])*
                $also:ident: $also_ty:ty
            ),* $(,)?
        })?
    )*) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Default)]
            pub struct $name {
                $(
                    $(#[$key_meta])*
                    pub $key: $ty,
                )*
                $($(
                    $(#[$also_meta])*
                    pub $also: $also_ty,
                )*)?
            }

            impl $crate::source::reader::Table for $name {
                const SCHEMA: &'static $crate::source::schema::Schema =
                    &$crate::source::schema::Schema {
                        header: $header,
                        keys: &[$(
                            $crate::source::schema::Key {
                                name: stringify!($key),
                                kind: <$ty as $crate::source::reader::Field>::KIND,
                                required: $crate::source::schema::tables!(@required $need),
                                example: $example,
                            },
                        )*],
                    };

                fn read(
                    reader: &mut $crate::source::reader::Reader<'_>,
                    fields: &$crate::source::reader::Fields<'_, '_>,
                ) -> Self {
                    Self {
                        $(
                            $key: <$ty as $crate::source::reader::Field>::read(
                                reader,
                                fields,
                                stringify!($key),
                            ),
                        )*
                        $($($also: Default::default(),)*)?
                    }
                }
            }
        )*

        /// Every schema, for checks that must hold for all of them.
        pub(in crate::source) const ALL: &[&$crate::source::schema::Schema] =
            &[$(<$name as $crate::source::reader::Table>::SCHEMA),*];
    };
}

pub(super) use tables;
