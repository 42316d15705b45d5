//! The in-memory Typst world: one template folder, one virtual data file, embedded fonts,
//! and guidepress's internal module.
//!
//! Nothing else is reachable: no system fonts, no packages but the internal module, no file
//! outside the template folder (symlinks included), and `today` is the guide's date, so the same input gives
//! the same PDF on every machine.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::model::Date;
use crate::sandbox::Root;
use crate::typst::fonts::FontSet;
use crate::typst::internal;

/// Where templates find the guide data: `json("/guide.json")`.
pub const DATA_PATH: &str = "/guide.json";

/// Typst's standard library, built once per process and shared by every document of a
/// build (the pamphlet, the card sheet, the cover, the previews), like the font book.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// A sandboxed world for compiling one template against one guide.
pub struct GuideWorld {
    library: &'static LazyHash<Library>,
    fonts: &'static FontSet,
    root: Root,
    main: FileId,
    // Files that exist only in memory: the guide data, generated images.
    virtual_files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl GuideWorld {
    /// A world whose main file is `main` (relative to the template folder).
    pub fn new(root: &Root, main: &str, data: Vec<u8>, date: Date) -> Self {
        let date = date.0;
        Self {
            library: &LIBRARY,
            fonts: FontSet::get(),
            root: root.clone(),
            main: file_id(main),
            virtual_files: HashMap::from([(file_id(DATA_PATH), Bytes::new(data))]),
            today: Datetime::from_ymd(date.year(), date.month().into(), date.day())
                .expect("a validated date is a Typst date"),
        }
    }

    /// Adds an in-memory file at an absolute virtual path such as `/qr/ncmec.svg`.
    #[must_use]
    pub fn with_file(mut self, path: &str, bytes: Bytes) -> Self {
        self.virtual_files.insert(file_id(path), bytes);
        self
    }

    /// The template folder.
    pub(super) fn root(&self) -> &Root {
        &self.root
    }

    /// How messages name the file `id`: its path in the template folder, or in the
    /// internal module.
    pub(super) fn shown_name(&self, id: FileId) -> String {
        let path = id.vpath().get_without_slash();
        match id.root() {
            VirtualRoot::Project => self.root.shown().join(path).display().to_string(),
            VirtualRoot::Package(spec) => format!("{spec}/{path}"),
        }
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.virtual_files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(text) = internal::file(id.root(), id.vpath().get_without_slash()) {
            return Ok(Bytes::from_string(text));
        }
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "packages cannot be used in guidepress templates".into(),
            )));
        }
        let relative = id.vpath().get_without_slash();
        match self.root.read(relative) {
            Ok(bytes) => Ok(Bytes::new(bytes)),
            Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
                Err(FileError::Other(Some(error.to_string().into())))
            }
            Err(error) => Err(FileError::from_io(error, &self.root.shown().join(relative))),
        }
    }
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed template path is valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for GuideWorld {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let bytes = self.read(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Splits a BCP 47 tag into Typst's language and region (`en-US` → `en`, `US`).
pub fn split_language(tag: &str) -> (&str, Option<&str>) {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("en");
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
    (lang, region)
}
