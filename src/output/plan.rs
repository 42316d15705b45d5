//! A build: decide which formats are out of date, render those in parallel, and hand every
//! new file, the manifest last, to the one writer.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{BuildConfig, CommandLine, Settings};
use crate::diag::SourceText;
use crate::diag::error::{Error, Result};
use crate::output::manifest::{
    Entry, FILE_NAME, InputsHasher, Manifest, SOURCE_COPY, SOURCE_FORMAT, sha256_file, sha256_hex,
    source_copy_inputs,
};
use crate::output::{Written, remove_stale, write_atomic};
use crate::pipeline::{Loaded, Said, render_formats};
use crate::render::{Artifact, Format, RenderContext};
use crate::sandbox::Root;

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written.
    pub written: Vec<Written>,
    /// Formats whose files were already up to date.
    pub skipped: Vec<Format>,
    /// Files of an earlier build that no longer exist in the guide (stale cards).
    pub removed: Vec<PathBuf>,
    /// Wall time.
    pub elapsed: Duration,
}

/// What a build must do, decided from the inputs alone, before the guide is parsed.
pub struct Plan {
    templates: Root,
    previous: Manifest,
    /// Out-of-date formats with their inputs hashes.
    to_render: Vec<(Format, String)>,
    skipped: Vec<Format>,
    /// The inputs hash of the copy of the source, when it must be written again.
    copy: Option<String>,
    started: Instant,
}

impl Plan {
    /// Compares the manifest in `out` with the inputs of each of `formats`; `force` renders
    /// them all.
    pub fn new(
        source: &SourceText,
        command_line: &Settings,
        templates_dir: Option<&Path>,
        out: &Path,
        formats: &[Format],
        force: bool,
    ) -> Result<Self> {
        let started = Instant::now();
        let templates = crate::sandbox::open_templates(templates_dir)?;
        let previous = Manifest::read(out);
        let shared = shared_inputs(source, command_line);
        let template_files = read_templates(&templates)?;
        let mut to_render = Vec::new();
        let mut skipped = Vec::new();
        for &format in formats {
            let inputs = format_inputs(&shared, &template_files, format);
            if !force && up_to_date(&previous, out, format, &inputs) {
                skipped.push(format);
            } else {
                to_render.push((format, inputs));
            }
        }
        let copy = source_copy_inputs(&source.text);
        let copy = (!copy_up_to_date(&previous, out, &copy)).then_some(copy);
        Ok(Self {
            templates,
            previous,
            to_render,
            skipped,
            copy,
            started,
        })
    }

    /// Whether every format and the copy of the source are up to date: then the guide
    /// need not even be parsed.
    pub fn is_noop(&self) -> bool {
        self.to_render.is_empty() && self.copy.is_none()
    }

    /// The report of a build that had nothing to do.
    pub fn noop_report(&self) -> Report {
        Report {
            skipped: self.skipped.clone(),
            elapsed: self.started.elapsed(),
            ..Report::default()
        }
    }

    /// Renders the out-of-date formats of the loaded guide and writes them, manifest last;
    /// the renderers' notes and warnings come back whether or not the build succeeded.
    pub fn build(self, loaded: &Loaded, config: &BuildConfig) -> (Result<Report>, Said) {
        let mut said = Said::default();
        let report = self.render_and_write(loaded, config, &mut said);
        (report, said)
    }

    fn render_and_write(
        self,
        loaded: &Loaded,
        config: &BuildConfig,
        said: &mut Said,
    ) -> Result<Report> {
        let Self {
            templates,
            previous,
            to_render,
            skipped,
            copy,
            started,
        } = self;
        let mut manifest = Manifest {
            guidepress: env!("CARGO_PKG_VERSION").into(),
            ..previous.clone()
        };
        let cx = RenderContext {
            guide: &loaded.checked.guide,
            source: &loaded.source,
            config,
            templates: &templates,
        };
        let formats: Vec<Format> = to_render.iter().map(|(format, _)| *format).collect();
        let rendering = render_formats(&formats, &cx, &loaded.unprintable);
        *said = rendering.said;
        let rendered = rendering.result?;
        let mut stale = Vec::new();
        let mut artifacts = Vec::new();
        for ((format, inputs), files) in to_render.iter().zip(rendered) {
            let name = format.name();
            let old: Vec<String> = manifest
                .of_format(name)
                .map(|(path, _)| path.clone())
                .collect();
            for path in old {
                manifest.artifacts.remove(&path);
                if !files.iter().any(|a| slash_path(&a.path) == path) {
                    stale.push(PathBuf::from(path));
                }
            }
            for artifact in &files {
                manifest
                    .artifacts
                    .insert(slash_path(&artifact.path), entry(name, inputs, artifact));
            }
            if files.is_empty() {
                manifest.no_files.insert(name.to_owned(), inputs.clone());
            } else {
                manifest.no_files.remove(name);
            }
            artifacts.extend(files);
        }
        // Written with the rest, so it is always the guide the folder's files were made from.
        if let Some(inputs) = copy {
            let artifact = Artifact {
                path: SOURCE_COPY.into(),
                bytes: crate::source::directory::as_built(&loaded.source).into_bytes(),
            };
            manifest.artifacts.insert(
                SOURCE_COPY.to_owned(),
                entry(SOURCE_FORMAT, &inputs, &artifact),
            );
            artifacts.push(artifact);
        }
        let mut written = Vec::new();
        if !artifacts.is_empty() || manifest != previous {
            artifacts.push(Artifact {
                path: FILE_NAME.into(),
                bytes: manifest.to_bytes(),
            });
            written = write_atomic(&config.out, &artifacts)?;
        }
        let removed = remove_stale(&config.out, &stale);
        Ok(Report {
            written,
            skipped,
            removed,
            elapsed: started.elapsed(),
        })
    }
}

fn entry(format: &str, inputs: &str, artifact: &Artifact) -> Entry {
    Entry {
        format: format.to_owned(),
        size: artifact.bytes.len() as u64,
        sha256: sha256_hex(&artifact.bytes),
        inputs: inputs.to_owned(),
    }
}

/// Whether the manifest says `format` was made from these inputs and its files still match.
fn up_to_date(manifest: &Manifest, out: &Path, format: Format, inputs: &str) -> bool {
    let name = format.name();
    let mut entries = manifest.of_format(name).peekable();
    if entries.peek().is_none() {
        return manifest
            .no_files
            .get(name)
            .is_some_and(|made| made == inputs);
    }
    entries.all(|(path, entry)| {
        entry.inputs == inputs
            && sha256_file(&out.join(path)).is_ok_and(|hash| hash == entry.sha256)
    })
}

/// Whether the folder holds the copy of this source, unchanged since it was written.
fn copy_up_to_date(manifest: &Manifest, out: &Path, inputs: &str) -> bool {
    manifest.artifacts.get(SOURCE_COPY).is_some_and(|entry| {
        entry.format == SOURCE_FORMAT
            && entry.inputs == inputs
            && sha256_file(&out.join(SOURCE_COPY)).is_ok_and(|hash| hash == entry.sha256)
    })
}

/// Everything a format's files are made from: program version, source, command-line
/// settings, and the template files the format reads. The guide's own settings are part
/// of the source, so the hash is known before the guide is parsed.
pub(crate) fn inputs_hash(
    format: Format,
    source: &SourceText,
    command_line: &Settings,
    templates: &Root,
) -> Result<String> {
    Ok(format_inputs(
        &shared_inputs(source, command_line),
        &read_templates(templates)?,
        format,
    ))
}

/// The hash of what every format is made from but the templates; hashed once per build.
fn shared_inputs(source: &SourceText, command_line: &Settings) -> String {
    let mut hasher = InputsHasher::default();
    hasher
        .part("guidepress", env!("CARGO_PKG_VERSION").as_bytes())
        .part("source", source.text.as_bytes())
        .part(
            "settings",
            &serde_json::to_vec(&CommandLine(command_line)).expect("settings serialize"),
        );
    hasher.finish()
}

/// Every template file with its bytes, by relative path; read once per build.
fn read_templates(templates: &Root) -> Result<Vec<(String, Vec<u8>)>> {
    templates
        .files()
        .into_iter()
        .map(|relative| {
            let bytes = templates
                .read(&relative)
                .map_err(|e| Error::io("read", templates.shown().join(&relative), &e))?;
            Ok((relative, bytes))
        })
        .collect()
}

/// One format's inputs: the shared inputs, the template files it reads, its name.
fn format_inputs(shared: &str, templates: &[(String, Vec<u8>)], format: Format) -> String {
    let mut hasher = InputsHasher::default();
    hasher.part("inputs", shared.as_bytes());
    for (relative, bytes) in templates {
        if format.reads_template(relative) {
            hasher.part(relative, bytes);
        }
    }
    hasher.part("format", format.name().as_bytes());
    hasher.finish()
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
