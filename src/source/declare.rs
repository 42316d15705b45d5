//! The one macro the tables of the format are declared with (see [`raw`](super::raw)).

/// Declares the tables of the format, each once: the struct of the raw model, its
/// [`Schema`] and its reader, plus [`ALL`](super::raw::ALL), every schema.
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
                                required: $crate::source::declare::tables!(@required $need),
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
