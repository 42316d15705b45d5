//! What a build makes beside the full guide: each edition in its own folder, with its own
//! guide (the selection), its own settings, and its own formats found up to date or not.
//!
//! A variant is an edition (`output/<edition>/`), a translation of the full guide
//! (`output/<lang>/`), or a translation of an edition (`output/<edition>/<lang>/`); the
//! manifest's entries carry both.

use std::path::{Path, PathBuf};

use crate::config::{BuildConfig, CommandLine, Settings};
use crate::model::Guide;
use crate::output::manifest::{InputsHasher, Manifest, sha256_file};
use crate::render::Format;

/// One printed variant of the guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The edition's id; `None`: the full guide.
    pub edition: Option<String>,
    /// The translation's language; `None`: the guide's own.
    pub language: Option<String>,
}

impl Variant {
    /// Its folder inside the output folder.
    pub fn folder(&self) -> PathBuf {
        PathBuf::from(self.key())
    }

    /// How the manifest and the build report name it: `students`, `es`, `students/es`.
    pub fn key(&self) -> String {
        let parts: Vec<&str> = [self.edition.as_deref(), self.language.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        parts.join("/")
    }
}

/// One variant of a build: what it is made from and what must be rendered.
pub struct VariantPlan {
    /// Which variant.
    pub variant: Variant,
    /// Its guide, as the edition selects it.
    pub guide: Guide,
    /// Its settings, resolved; `out` is the build's output folder.
    pub config: BuildConfig,
    /// Out-of-date formats with their inputs hashes.
    pub to_render: Vec<(Format, String)>,
    /// Formats whose files are up to date.
    pub skipped: Vec<Format>,
    /// What its pamphlet and card sheet cannot print; `None`: the guide's.
    pub unprintable: Option<crate::validate::printable::Unprintable>,
    /// A translation's texts of confidential contacts, as (reference, text), which its
    /// public files must not show.
    pub secret_texts: Vec<(String, String)>,
    /// The guide its card sheet's backs are printed from (`cards.back_language`).
    pub card_back: Option<Guide>,
}

/// What a variant's files are made from but the templates: the program, its selected
/// guide and its settings. Not the whole source, so that a change to a contact another
/// edition alone shows leaves this one up to date.
pub fn variant_inputs(guide: &Guide, settings: &Settings) -> String {
    let mut hasher = InputsHasher::default();
    hasher
        .part("guidepress", env!("CARGO_PKG_VERSION").as_bytes())
        .part(
            "guide",
            &serde_json::to_vec(guide).expect("a guide serializes"),
        )
        .part(
            "settings",
            &serde_json::to_vec(&CommandLine(settings)).expect("settings serialize"),
        );
    hasher.finish()
}

/// The key under which the manifest records that a variant's format made no files.
pub fn no_files_key(variant: &Variant, format: Format) -> String {
    format!("{}/{}", variant.key(), format.name())
}

/// Whether the manifest says the variant's format was made from these inputs and its
/// files still match.
pub fn up_to_date(
    manifest: &Manifest,
    out: &Path,
    variant: &Variant,
    format: Format,
    inputs: &str,
) -> bool {
    let mut entries = manifest
        .of_variant_format(
            variant.edition.as_deref(),
            variant.language.as_deref(),
            format.name(),
        )
        .peekable();
    if entries.peek().is_none() {
        return manifest
            .no_files
            .get(&no_files_key(variant, format))
            .is_some_and(|made| made == inputs);
    }
    entries.all(|(path, entry)| {
        entry.inputs == inputs
            && sha256_file(&out.join(path)).is_ok_and(|hash| hash == entry.sha256)
    })
}
