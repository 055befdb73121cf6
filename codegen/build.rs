//! Embeds the runtime (`runtime/src` and `runtime/Cargo.toml`) in the generator, so that
//! generating a crate reads no file of this source tree: the binary works from any folder.
//! Writes `$OUT_DIR/runtime_sources.rs`: the manifest's text and every source file but
//! `lib.rs` (relative path, text), sorted by path.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
    let src = root.join("src");
    println!("cargo::rerun-if-changed={}", src.display());
    println!("cargo::rerun-if-changed={}", root.join("Cargo.toml").display());
    let mut files = Vec::new();
    collect(&src, &mut files);
    files.sort();
    let mut out = String::from("/// The runtime's source files: path relative to `src/`, text.\n");
    out.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let relative: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let relative = relative.join("/");
        if relative == "lib.rs" {
            continue;
        }
        writeln!(out, "    ({relative:?}, include_str!({:?})),", file.display().to_string()).unwrap();
    }
    out.push_str("];\n\n/// The runtime's `Cargo.toml`.\n");
    writeln!(out, "pub const MANIFEST: &str = include_str!({:?});", root.join("Cargo.toml").display().to_string()).unwrap();
    let dest = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("runtime_sources.rs");
    std::fs::write(dest, out).expect("write runtime_sources.rs");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("read runtime/src").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            println!("cargo::rerun-if-changed={}", path.display());
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
