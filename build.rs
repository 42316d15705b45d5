//! Rebuilds the crate when anything under `templates/` changes.
//!
//! `guidepress init` embeds the whole template folder with `include_dir!`, which on stable
//! Rust cannot tell Cargo which files it read; without this, a new or edited template would
//! not reach the binary until some Rust file changed too.

fn main() {
    println!("cargo:rerun-if-changed=templates");
}
