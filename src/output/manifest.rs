//! `output/manifest.json`: what each artifact is, and what it was made from.
//!
//! For every artifact: its path, size and SHA-256, the format that made it, and a hash of
//! the inputs that made it (guidepress version, source, settings, and the templates its
//! format reads). An artifact whose inputs and bytes still match needs no rebuild;
//! `verify` checks the folder against it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name inside the output folder.
pub const FILE_NAME: &str = "manifest.json";

/// The copy of the guide the output folder was built from, beside the manifest, so that
/// `guidepress diff` can say what changed since the last build without any other history.
pub const SOURCE_COPY: &str = "guide-as-built.toml";

/// The manifest's `format` of [`SOURCE_COPY`].
pub const SOURCE_FORMAT: &str = "source";

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The guidepress version that wrote it.
    pub guidepress: String,
    /// Artifacts by path (relative to the output folder, `/` separators), sorted.
    pub artifacts: BTreeMap<String, Entry>,
    /// Formats that made no files (the cards of a guide without cards), with the hash of
    /// the inputs they were made from, so that they too can be found up to date.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub no_files: BTreeMap<String, String>,
}

/// One artifact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The name of the format that made it (see `Format::name`), or `source`.
    pub format: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// SHA-256 of everything that went into making it, hex.
    pub inputs: String,
    /// The edition it belongs to; `None`: the full guide at the top of the folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// The translation it belongs to, a BCP 47 tag; `None`: the guide's own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Manifest {
    /// Reads the manifest in `out`; a missing or unreadable one is an empty manifest.
    pub fn read(out: &Path) -> Self {
        std::fs::read(out.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// The manifest as pretty JSON with a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest serializes");
        bytes.push(b'\n');
        bytes
    }

    /// The entries a format made for the full guide.
    pub fn of_format<'a>(
        &'a self,
        format: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a Entry)> {
        self.of_edition_format(None, format)
    }

    /// The entries a format made for an edition (`None`: for the full guide), in the
    /// guide's own language.
    pub fn of_edition_format<'a>(
        &'a self,
        edition: Option<&'a str>,
        format: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a Entry)> {
        self.of_variant_format(edition, None, format)
    }

    /// The entries a format made for an edition (`None`: the full guide) in a language
    /// (`None`: the guide's own).
    pub fn of_variant_format<'a>(
        &'a self,
        edition: Option<&'a str>,
        language: Option<&'a str>,
        format: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a Entry)> {
        self.artifacts.iter().filter(move |(_, entry)| {
            entry.format == format
                && entry.edition.as_deref() == edition
                && entry.language.as_deref() == language
        })
    }

    /// The languages of the translations it has files of, sorted.
    pub fn languages(&self) -> Vec<&str> {
        let mut languages: Vec<&str> = self
            .artifacts
            .values()
            .filter_map(|e| e.language.as_deref())
            .collect();
        languages.sort_unstable();
        languages.dedup();
        languages
    }

    /// Whether any entry belongs to an edition.
    pub fn has_editions(&self) -> bool {
        self.artifacts.values().any(|e| e.edition.is_some())
    }
}

/// What [`SOURCE_COPY`] is made from: the source text, and the guidepress that copied it.
pub fn source_copy_inputs(source: &str) -> String {
    let mut hasher = InputsHasher::default();
    hasher
        .part("guidepress", env!("CARGO_PKG_VERSION").as_bytes())
        .part(SOURCE_FORMAT, source.as_bytes());
    hasher.finish()
}

/// SHA-256 of bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of a file, as lower-case hex, read in pieces: a no-op build checks every
/// earlier file, and reading each whole into memory would cost more than hashing it.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let mut hasher = Sha256::new();
    std::io::copy(&mut reader, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// Builds an inputs hash from labelled parts, so that no two different inputs collide by
/// concatenation.
#[derive(Default)]
pub struct InputsHasher(Sha256);

impl InputsHasher {
    /// Adds one labelled part.
    pub fn part(&mut self, label: &str, bytes: &[u8]) -> &mut Self {
        for piece in [label.as_bytes(), bytes] {
            self.0.update((piece.len() as u64).to_le_bytes());
            self.0.update(piece);
        }
        self
    }

    /// The hash, as lower-case hex.
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}
