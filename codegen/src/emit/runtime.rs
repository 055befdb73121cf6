//! The runtime a generated crate ships: the hand-written modules of `runtime/src`, embedded in
//! the generator when it is built, cut down to what the crate's code uses.
//!
//! Three cuts, each mechanical so that the copy stays the tested code:
//! - a file's `#[cfg(test)]` module (always its last item) stays behind: it runs in the
//!   runtime's own tests;
//! - regions between `// ship-if: <need>` and `// ship-end` lines stay behind when the plan
//!   says the crate does not need them ([`RuntimeNeeds`]; for example the endpoint rules
//!   engine, or the JSON codecs of documents);
//! - a module ships only when something shipped names it: the generated code
//!   (`runtime::<module>`), or another shipped module (`super::<module>`, or a directory
//!   module naming its child), and the declarations of the children left behind are removed.

use crate::plan::RuntimeNeeds;
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/runtime_sources.rs"));
}

/// The runtime's `Cargo.toml`, as embedded.
pub fn manifest_text() -> &'static str {
    embedded::MANIFEST
}

/// A module of the runtime by its path (`["wire", "json_read"]`).
type ModulePath = Vec<String>;

/// One runtime file after the test and region cuts.
struct File {
    /// Relative to `src/` (`wire/json_read.rs`).
    path: &'static str,
    module: ModulePath,
    /// Whether it is a directory module (`x/mod.rs`), whose children are files of `x/`.
    directory: bool,
    text: String,
}

/// The runtime files the crate ships (path relative to the runtime folder, text), and the
/// top-level modules to declare, for the crate whose generated code is `generated`.
pub fn ship(needs: &RuntimeNeeds, generated: &[&str]) -> Result<Shipped> {
    let mut files: Vec<File> = Vec::new();
    for (path, text) in embedded::FILES {
        let text = cut_regions(&format!("runtime/src/{path}"), &cut_tests(path, text)?, needs)?;
        let (module, directory) = module_of(path);
        files.push(File { path, module, directory, text });
    }
    let modules: BTreeSet<ModulePath> = files.iter().map(|f| f.module.clone()).collect();

    // What the generated code names, then what each shipped module names, transitively.
    let mut wanted: Vec<ModulePath> = Vec::new();
    for text in generated {
        for path in paths_in(text) {
            if let Some(at) = path.iter().position(|s| *s == "runtime") {
                wanted.extend(known_prefix(&modules, &path[at + 1..]));
            }
        }
    }
    let by_module: BTreeMap<&ModulePath, &File> = files.iter().map(|f| (&f.module, f)).collect();
    let mut shipped: BTreeSet<ModulePath> = BTreeSet::new();
    while let Some(module) = wanted.pop() {
        // A module needs its parents, which declare it.
        for len in 1..=module.len() {
            let prefix = module[..len].to_vec();
            if shipped.insert(prefix.clone()) {
                if let Some(file) = by_module.get(&prefix) {
                    wanted.extend(references(file, &modules));
                }
            }
        }
    }

    let mut out = Vec::new();
    for file in &files {
        if !shipped.contains(&file.module) {
            continue;
        }
        let text = if file.directory { drop_child_declarations(&file.text, &file.module, &shipped) } else { file.text.clone() };
        out.push((file.path.to_string(), text));
    }
    let top_level = shipped.iter().filter(|m| m.len() == 1).map(|m| m[0].clone()).collect();
    Ok(Shipped { files: out, top_level })
}

/// What [`ship`] chose.
pub struct Shipped {
    /// Path relative to the runtime folder (`wire/json_read.rs`), text.
    pub files: Vec<(String, String)>,
    /// The top-level modules, sorted, for the runtime's `mod.rs`.
    pub top_level: Vec<String>,
}

/// The module a file holds, and whether it is a directory module.
fn module_of(path: &str) -> (ModulePath, bool) {
    let mut segments: Vec<String> = path.trim_end_matches(".rs").split('/').map(String::from).collect();
    let directory = segments.last().is_some_and(|s| s == "mod");
    if directory {
        segments.pop();
    }
    (segments, directory)
}

/// The text without its `#[cfg(test)]` module, which must be the file's last item.
fn cut_tests(path: &str, text: &str) -> Result<String> {
    let Some(at) = text.find("\n#[cfg(test)]\n") else { return Ok(text.to_string()) };
    let tail = &text[at + 1..];
    let well_formed = tail.starts_with("#[cfg(test)]\nmod tests {\n")
        && tail.trim_end().ends_with("\n}")
        && tail.lines().skip(2).filter(|l| *l == "}").count() == 1
        && tail.trim_end().lines().last() == Some("}");
    if !well_formed {
        return Err(Error::msg(format!(
            "runtime/src/{path}: a `#[cfg(test)]` item must be the file's last, a `mod tests {{ .. }}` closed by the file's last line"
        )));
    }
    Ok(text[..at + 1].trim_end().to_string() + "\n")
}

/// The text without the regions whose need is absent (markers removed either way); `file`
/// names the text in errors. Code shipped beside the runtime (the protocol test harness) uses
/// the same regions.
pub fn cut_regions(file: &str, text: &str, needs: &RuntimeNeeds) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<(usize, bool)> = None;
    let mut skipped_region = false;
    for (i, line) in text.lines().enumerate() {
        let at = || format!("{file}:{}", i + 1);
        let trimmed = line.trim_start();
        if let Some(names) = trimmed.strip_prefix("// ship-if:") {
            if let Some((start, _)) = open {
                return Err(Error::msg(format!("{}: a `ship-if` region inside the one opened on line {}", at(), start + 1)));
            }
            let mut keep = false;
            for name in names.split('|').map(str::trim) {
                keep |= needs.get(name).ok_or_else(|| Error::msg(format!("{}: no runtime need is called `{name}`", at())))?;
            }
            open = Some((i, keep));
            continue;
        }
        if trimmed == "// ship-end" {
            let Some((_, keep)) = open.take() else {
                return Err(Error::msg(format!("{}: `ship-end` without a `ship-if`", at())));
            };
            skipped_region = !keep;
            continue;
        }
        if matches!(open, Some((_, false))) {
            continue;
        }
        // A blank line after a cut region whose blank line before it stayed would double it.
        if std::mem::take(&mut skipped_region) && line.trim().is_empty() && out.ends_with("\n\n") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if let Some((start, _)) = open {
        return Err(Error::msg(format!("{file}:{}: a `ship-if` region is never closed", start + 1)));
    }
    Ok(out)
}

/// Every path-like sequence `a::b::c` of the text (also `a::*`, as `[a]`), as the segments;
/// `use` trees are spread (`a::{b, c::d}` gives `[a, b]` and `[a, c, d]`).
fn paths_in(text: &str) -> Vec<Vec<&str>> {
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i]) || (i > 0 && is_ident(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && is_ident(bytes[j]) {
                j += 1;
            }
            segments.push(&text[start..j]);
            if text[j..].starts_with("::") && bytes.get(j + 2).is_some_and(|b| is_ident(*b)) {
                j += 2;
            } else {
                break;
            }
        }
        if text[j..].starts_with("::{") {
            // A use tree: each item of the group continues the prefix.
            if let Some(len) = group_len(&text[j + 2..]) {
                let group = &text[j + 3..j + 2 + len - 1];
                for item in top_level_items(group) {
                    let item = item.trim();
                    if item == "self" {
                        out.push(segments.clone());
                    }
                    for mut rest in paths_in(item).into_iter().chain(single(item)) {
                        let mut full = segments.clone();
                        full.append(&mut rest);
                        out.push(full);
                    }
                }
                i = j + 2 + len;
                continue;
            }
        }
        if segments.len() > 1 || text[j..].starts_with("::") {
            out.push(segments);
        }
        i = j.max(i + 1);
    }
    out
}

/// A use-tree item that is one identifier (`Endpoint`, `Endpoint as E`), as a one-segment path.
fn single(item: &str) -> Option<Vec<&str>> {
    let name = item.split_whitespace().next()?;
    (name != "self" && !name.contains("::") && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')).then(|| vec![name])
}

/// The length of the `{...}` group at the start of `text`, braces included.
fn group_len(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The comma-separated items of a group's inside, nested groups kept whole.
fn top_level_items(inside: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inside.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inside[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inside[start..]);
    items.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// The longest prefix of `path` that is a runtime module.
fn known_prefix(modules: &BTreeSet<ModulePath>, path: &[&str]) -> Option<ModulePath> {
    (1..=path.len()).rev().map(|n| path[..n].iter().map(|s| s.to_string()).collect::<ModulePath>()).find(|p| modules.contains(p))
}

/// The modules a file names: `super::` paths from its parent, `self::` paths, and (in a
/// directory module) paths that start with one of its children.
fn references(file: &File, modules: &BTreeSet<ModulePath>) -> Vec<ModulePath> {
    // What `self` is: the module itself, whose parent is what `super` is.
    let this = &file.module;
    let mut out = Vec::new();
    for path in paths_in(&file.text) {
        let mut base: ModulePath = this.clone();
        let mut rest = &path[..];
        if rest[0] == "self" {
            rest = &rest[1..];
        } else if rest[0] == "super" {
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
        } else if !file.directory {
            continue;
        }
        let full: Vec<String> = base.iter().cloned().chain(rest.iter().map(|s| s.to_string())).collect();
        let full: Vec<&str> = full.iter().map(String::as_str).collect();
        if let Some(found) = known_prefix(modules, &full) {
            if found.len() > this.len() || !found.starts_with(this) {
                out.push(found);
            }
        }
    }
    out
}

/// A directory module's text without the declarations (and their attributes and docs) of the
/// children that do not ship.
fn drop_child_declarations(text: &str, module: &ModulePath, shipped: &BTreeSet<ModulePath>) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut keep = vec![true; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        let declared = line.trim_start().trim_start_matches("pub ").trim_start_matches("pub(crate) ");
        let Some(name) = declared.strip_prefix("mod ").and_then(|d| d.strip_suffix(';')) else { continue };
        let child: ModulePath = module.iter().cloned().chain([name.to_string()]).collect();
        if shipped.contains(&child) {
            continue;
        }
        keep[i] = false;
        let mut j = i;
        while j > 0 && (lines[j - 1].trim_start().starts_with("#[") || lines[j - 1].trim_start().starts_with("///")) {
            j -= 1;
            keep[j] = false;
        }
    }
    let mut out = String::with_capacity(text.len());
    for (line, kept) in lines.iter().zip(keep) {
        if kept {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_needs() -> RuntimeNeeds {
        let mut needs = RuntimeNeeds::default();
        for name in RuntimeNeeds::NAMES {
            needs.set(name, true);
        }
        needs
    }

    #[test]
    fn every_runtime_file_cuts_cleanly() {
        for (path, text) in embedded::FILES {
            let cut = cut_tests(path, text).unwrap();
            assert!(!cut.contains("#[cfg(test)]"), "{path}: a test item is left");
            for needs in [RuntimeNeeds::default(), all_needs()] {
                let text = cut_regions(path, &cut, &needs).unwrap();
                assert!(!text.contains("ship-if") && !text.contains("ship-end"), "{path}: a marker is left");
                syn::parse_file(&text).unwrap_or_else(|e| panic!("{path} does not parse after the cuts: {e}"));
            }
            assert!(!text.contains("crate::"), "{path}: runtime modules name each other by `super::` only");
        }
    }

    #[test]
    fn regions_go_with_their_need() {
        let text = "a\n\n// ship-if: documents\nb\n// ship-end\n\nc\n";
        assert_eq!(cut_regions("x.rs", text, &RuntimeNeeds::default()).unwrap(), "a\n\nc\n");
        let needs = RuntimeNeeds { documents: true, ..RuntimeNeeds::default() };
        assert_eq!(cut_regions("x.rs", text, &needs).unwrap(), "a\n\nb\n\nc\n");
        let either = "// ship-if: blobs | documents\nb\n// ship-end\n";
        assert_eq!(cut_regions("x.rs", either, &needs).unwrap(), "b\n");
    }

    #[test]
    fn bad_regions_are_errors_naming_the_line() {
        let needs = RuntimeNeeds::default();
        let e = cut_regions("x.rs", "// ship-if: nothing\n// ship-end\n", &needs).unwrap_err().to_string();
        assert!(e.contains("x.rs:1") && e.contains("`nothing`"), "{e}");
        let e = cut_regions("x.rs", "a\n// ship-end\n", &needs).unwrap_err().to_string();
        assert!(e.contains("x.rs:2"), "{e}");
        let e = cut_regions("x.rs", "// ship-if: blobs\n", &needs).unwrap_err().to_string();
        assert!(e.contains("never closed"), "{e}");
        let e = cut_regions("x.rs", "// ship-if: blobs\n// ship-if: blobs\n", &needs).unwrap_err().to_string();
        assert!(e.contains("inside"), "{e}");
    }

    #[test]
    fn a_test_module_must_come_last() {
        assert_eq!(cut_tests("x.rs", "fn a() {}\n\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\n").unwrap(), "fn a() {}\n");
        assert!(cut_tests("x.rs", "#[cfg(test)]\nmod tests {\n}\n\nfn b() {}\n\n#[cfg(test)]\nmod tests {\n}\nfn c() {}\n").is_err());
    }

    #[test]
    fn paths_are_found_with_their_segments() {
        let text = "use super::super::json::{Reader, Token};\nlet x = crate::runtime::wire::json_read::string(r)?; a::b\nuse super::{stdlib, x::{y, z::w}, self};";
        let paths = paths_in(text);
        assert!(paths.contains(&vec!["super", "super", "json", "Reader"]));
        assert!(paths.contains(&vec!["super", "stdlib"]), "{paths:?}");
        assert!(paths.contains(&vec!["super", "x", "z", "w"]), "{paths:?}");
        assert!(paths.contains(&vec!["super", "x", "y"]), "{paths:?}");
        assert!(paths.contains(&vec!["super"]), "{paths:?}");
        assert!(paths.contains(&vec!["crate", "runtime", "wire", "json_read", "string"]));
        assert!(paths.contains(&vec!["a", "b"]));
    }

    #[test]
    fn only_what_is_named_ships() {
        // A crate naming only the JSON reader: the reader, what it needs, and the parents.
        let generated = "fn f() { crate::runtime::wire::json_read::string(r, t); }";
        let shipped = ship(&RuntimeNeeds::default(), &[generated]).unwrap();
        let paths: Vec<&str> = shipped.files.iter().map(|(p, _)| p.as_str()).collect();
        assert!(paths.contains(&"wire/json_read.rs") && paths.contains(&"wire/mod.rs") && paths.contains(&"json.rs"), "{paths:?}");
        assert!(!paths.contains(&"wire/http_binding.rs"), "{paths:?}");
        assert!(!paths.iter().any(|p| p.starts_with("endpoint/") && *p != "endpoint/mod.rs"), "no rules engine: {paths:?}");
        assert!(!paths.contains(&"bignum.rs") && !paths.contains(&"document.rs"), "{paths:?}");
        let wire = &shipped.files.iter().find(|(p, _)| p == "wire/mod.rs").unwrap().1;
        assert!(!wire.contains("mod http_binding;") && wire.contains("pub mod json_read;"), "{wire}");
        assert!(shipped.top_level.contains(&"wire".to_string()));
        // With documents needed, the reader's document functions name the document module.
        let needs = RuntimeNeeds { documents: true, ..RuntimeNeeds::default() };
        let shipped = ship(&needs, &[generated]).unwrap();
        assert!(shipped.files.iter().any(|(p, _)| p == "document.rs"));
    }
}
