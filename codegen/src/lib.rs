//! Generates Rust clients for AWS services from Smithy models (IDL or JSON AST): the library
//! behind the `aws-lite-codegen` tool ([`cli`], with the default `cli` feature).
//!
//! As a library (`default-features = false` leaves the command line out):
//! - [`manifest::Manifest::load`] reads a `codegen.toml`; [`generate`] makes the crate's files
//!   (relative path → text), [`write::Writer`] writes them atomically and [`write::check`]
//!   compares them with a folder;
//! - [`build_script::generate`] writes a manifest's clients into `OUT_DIR` as one module tree
//!   to `include!` ([`ModuleTree`]).
//!
//! The pipeline, one module per stage:
//! [`model`] (load IDL and JSON AST files) → [`select`] (the closure of the chosen operations) →
//! [`plan`](mod@plan) (every Rust decision, once) → [`emit`] (token streams per concern) →
//! [`write`](mod@write) (format, header, atomic write or `--check`).

pub mod api;
pub mod api_diff;
#[cfg(feature = "cli")]
pub mod cli;
pub mod docs;
pub mod emit;
pub mod error;
pub mod manifest;
pub mod model;
pub mod naming;
pub mod plan;
pub mod select;
pub mod write;

pub use error::{Error, Result};

/// The AWS partitions table (`models/partitions.json`) that generated crates carry (as `static`
/// data) as their default for `aws.partition` in endpoint rules.
pub const DEFAULT_PARTITIONS: &str = include_str!("../../models/partitions.json");

use model::{Model, ShapeId};
use std::time::{Duration, Instant};

/// What a generation reports as it goes: each stage once done, with what it did and how long
/// it took (a command line prints these; a build script ignores them with `()`).
pub trait Progress {
    /// `stage` (`load`, `select`, `plan`, `emit`, `format`, `runtime`) finished: `detail`
    /// says what it did.
    fn stage(&mut self, stage: &str, detail: &str, elapsed: Duration);
}

/// No progress output.
impl Progress for () {
    fn stage(&mut self, _: &str, _: &str, _: Duration) {}
}

/// Times `run` and reports it as `stage`, with the detail it returns.
fn timed<T>(progress: &mut dyn Progress, stage: &str, run: impl FnOnce() -> Result<(T, String)>) -> Result<T> {
    let started = Instant::now();
    let (value, detail) = run()?;
    progress.stage(stage, &detail, started.elapsed());
    Ok(value)
}

/// `1 operation`, `3 operations`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Everything one generation produced.
pub struct Generated {
    /// The crate's files, relative path → text.
    pub files: write::Files,
    /// Notes for the user that are not errors (for example a 1.0 `set`).
    pub warnings: Vec<String>,
}

/// Loads a service's model files and selects its operations.
fn load_and_select(
    entry: &manifest::ServiceEntry,
    warnings: &mut Vec<String>,
    progress: &mut dyn Progress,
) -> Result<(Model, select::Closure)> {
    let files = entry.models.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    let model = timed(progress, "load", || {
        let (model, mut w) = model::load_files(&entry.models)?;
        warnings.append(&mut w);
        let detail = format!("{files}: {} shapes", model.shapes().count());
        Ok((model, detail))
    })?;
    let service = match &entry.service {
        Some(id) => ShapeId::parse(id).map_err(|e| Error::msg(e).in_file(&files))?,
        None => {
            let services: Vec<_> = model.services().map(|s| s.id.clone()).collect();
            match services.as_slice() {
                [one] => one.clone(),
                [] => return Err(Error::msg("the model defines no service").in_file(&files)),
                _ => {
                    return Err(
                        Error::msg("the model defines several services; name one with `service`").in_file(&files)
                    )
                }
            }
        }
    };
    if model.get(&service).is_none() {
        return Err(Error::shape(&service, "no such service in the model").in_file(&files));
    }
    let closure = timed(progress, "select", || {
        let closure = select::select(&model, &service, &entry.operations)?;
        let detail = format!("{service}: {}, {} shapes", count(closure.operations.len(), "operation"), closure.shapes.len());
        Ok((closure, detail))
    })?;
    for (op, reason) in &closure.skipped {
        warnings.push(format!("{}: {op} is left out: {reason}", model.file_of(op).unwrap_or(&files)));
    }
    Ok((model, closure))
}

/// What planning a manifest produced: each service's model and selection, and the plan.
pub struct Planned {
    pub selections: Vec<(Model, select::Closure)>,
    pub plan: plan::CratePlan,
    /// Notes for the user that are not errors.
    pub warnings: Vec<String>,
}

/// Loads, selects and plans what a manifest asks for, without emitting anything.
pub fn plan(manifest: &manifest::Manifest) -> Result<Planned> {
    plan_with(manifest, &mut ())
}

/// [`plan()`], reporting each stage to `progress`.
pub fn plan_with(manifest: &manifest::Manifest, progress: &mut dyn Progress) -> Result<Planned> {
    let mut selections: Vec<(Model, select::Closure)> = Vec::new();
    let mut warnings = Vec::new();
    for entry in &manifest.services {
        selections.push(load_and_select(entry, &mut warnings, progress)?);
    }
    let inputs: Vec<plan::ServiceInput> = selections
        .iter()
        .zip(&manifest.services)
        .map(|((model, closure), entry)| plan::ServiceInput { model, closure, module: entry.module.as_deref() })
        .collect();
    let plan = timed(progress, "plan", || {
        let plan = plan::plan_crate(&manifest.crate_name, &manifest.version, &inputs)?;
        let operations: usize = plan.services.iter().map(|s| s.operations.len()).sum();
        let types: usize = plan.services.iter().map(|s| s.types.len() + s.errors.len()).sum();
        let detail = format!("{}, {}, {types} types", count(plan.services.len(), "service"), count(operations, "operation"));
        Ok((plan, detail))
    })?;
    Ok(Planned { selections, plan, warnings })
}

/// A small model holding only the service and the closure of the operations, as
/// deterministic pretty JSON text (what `cargo xtask trim` writes).
pub fn trim(models: &[std::path::PathBuf], service: Option<&str>, operations: &select::Operations) -> Result<String> {
    let entry = manifest::ServiceEntry {
        models: models.to_vec(),
        service: service.map(String::from),
        operations: operations.clone(),
        module: None,
    };
    let (model, closure) = load_and_select(&entry, &mut Vec::new(), &mut ())?;
    let ast = closure.to_ast(&model)?;
    let mut text = serde_json::to_string_pretty(&ast).map_err(|e| Error::msg(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Runs the whole pipeline for a manifest, returning the files without writing them.
pub fn generate(manifest: &manifest::Manifest) -> Result<Generated> {
    generate_with(manifest, &mut ())
}

/// [`generate`], reporting each stage to `progress`.
pub fn generate_with(manifest: &manifest::Manifest, progress: &mut dyn Progress) -> Result<Generated> {
    let Planned { plan, warnings, .. } = plan_with(manifest, progress)?;
    generate_planned_with(&plan, warnings, progress)
}

/// Emits and formats the files of a planned crate: its code, then the runtime modules that
/// code names, as the generator carries them (no file of this source tree is read).
pub fn generate_planned(plan: &plan::CratePlan, warnings: Vec<String>) -> Result<Generated> {
    generate_planned_with(plan, warnings, &mut ())
}

fn generate_planned_with(plan: &plan::CratePlan, warnings: Vec<String>, progress: &mut dyn Progress) -> Result<Generated> {
    let paths = emit::paths::Paths::new(&["crate"]);
    let runtime_manifest = runtime_manifest()?;
    let emitted = timed(progress, "emit", || {
        let files = emit::emit_crate(&paths, plan, &runtime_manifest);
        let detail = format!("{} files", files.len());
        Ok((files, detail))
    })?;
    let mut files = timed(progress, "format", || {
        let files = write::render(emitted)?;
        let lines: usize = files.values().map(|t| t.lines().count()).sum();
        let detail = format!("{} files, {lines} lines", files.len());
        Ok((files, detail))
    })?;
    let runtime = timed(progress, "runtime", || {
        let texts: Vec<&str> = files.values().map(String::as_str).collect();
        let runtime = write::render(emit::runtime_files(plan, &texts)?)?;
        let detail = format!("{} modules of the runtime", runtime.len() - 1);
        Ok((runtime, detail))
    })?;
    files.extend(runtime);
    files.insert("api.json".to_string(), api::api_json(plan));
    Ok(Generated { files, warnings })
}

/// Where and how generated code goes into another crate, as a module tree that crate
/// `include!`s (for build scripts: a whole crate cannot be included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleTree {
    /// The module the including crate puts the code in, from its root: `["aws"]` for
    /// `mod aws { include!(concat!(env!("OUT_DIR"), "/aws.rs")); }` at the crate root. Its last
    /// segment names the file written (`aws.rs`) and the folder of its data files (`aws/`).
    pub module: Vec<String>,
    /// The transports compiled in: `rt-tokio` (async, hyper on Tokio) and/or `blocking`. The
    /// including crate then needs their dependencies ([`ModuleTree::dependencies`]).
    pub transports: Vec<String>,
}

impl ModuleTree {
    /// The dependencies the including crate needs (name, TOML value), for the transports
    /// chosen and the services generated.
    pub fn dependencies(&self, plan: &plan::CratePlan) -> Result<Vec<(String, String)>> {
        let manifest = runtime_manifest()?;
        let on = |feature: &str| self.feature_on(feature, plan);
        let features: Vec<&(String, String)> = manifest.features.iter().filter(|(f, _)| on(f)).collect();
        Ok(manifest
            .dependencies
            .into_iter()
            .filter(|(name, value)| {
                !value.contains("optional = true") || features.iter().any(|(_, v)| v.contains(&format!("\"dep:{name}\"")))
            })
            .collect())
    }

    /// Whether the crate feature `feature` is compiled in.
    fn feature_on(&self, feature: &str, plan: &plan::CratePlan) -> bool {
        self.transports.iter().any(|t| t == feature) || (feature == "request-compression" && plan.needs.request_compression)
    }
}

/// Generates what a manifest describes as a module tree (see [`ModuleTree`]): the files
/// `<name>.rs` and `<name>/...` (data it reads), relative to the folder they go in.
pub fn generate_module_tree(manifest: &manifest::Manifest, tree: &ModuleTree) -> Result<Generated> {
    let Some(name) = tree.module.last() else { return Err(Error::msg("a module tree needs a module name")) };
    let Planned { plan, warnings, .. } = self::plan(manifest)?;
    let root: Vec<&str> = std::iter::once("crate").chain(tree.module.iter().map(String::as_str)).collect();
    let paths = emit::paths::Paths::new(&root);
    let mut files = write::render(emit::emit_module_tree(&paths, &plan))?;
    let texts: Vec<&str> = files.values().map(String::as_str).collect();
    let runtime = write::render(emit::runtime_files(&plan, &texts)?)?;
    files.extend(runtime);
    let mut tree_files = write::module_tree(&files, name, &|feature| tree.feature_on(feature, &plan))?;
    // What the including crate must provide, first in the file.
    let dependencies = tree.dependencies(&plan)?;
    let needs: Vec<String> = dependencies.iter().map(|(n, v)| format!("// {n} = {}", required(v))).collect();
    if let Some(text) = tree_files.get_mut(&format!("{name}.rs")) {
        *text = format!(
            "// Include this file in module `crate::{}` (`aws-lite-codegen`'s module-tree layout);\n// the including crate needs these [dependencies]:\n{}\n\n{text}",
            tree.module.join("::"),
            needs.join("\n")
        );
    }
    Ok(Generated { files: tree_files, warnings })
}

/// A dependency's TOML value without `optional = true` (the including crate needs it).
fn required(value: &str) -> String {
    let parsed = format!("dependency = {value}").parse::<toml::Table>().ok().and_then(|mut t| t.remove("dependency"));
    match parsed {
        Some(toml::Value::Table(mut table)) => {
            table.remove("optional");
            match table.len() {
                1 if table.contains_key("version") => table["version"].to_string(),
                _ => toml::Value::Table(table).to_string(),
            }
        }
        _ => value.to_string(),
    }
}

/// For build scripts: generate a manifest's crate as a module tree into `OUT_DIR`.
pub mod build_script {
    use super::{manifest::Manifest, Error, ModuleTree, Result};
    use std::path::{Path, PathBuf};

    /// Generates the module tree of the manifest at `manifest` into `OUT_DIR`, tells cargo to
    /// run the build script again when the manifest or a model changes, prints the generator's
    /// warnings as cargo warnings, and returns the path of the Rust file to `include!`.
    ///
    /// ```no_run
    /// // build.rs
    /// let tree = aws_lite_codegen::ModuleTree { module: vec!["aws".into()], transports: vec!["blocking".into()] };
    /// aws_lite_codegen::build_script::generate("codegen.toml", &tree).unwrap();
    /// // src/lib.rs: pub mod aws { include!(concat!(env!("OUT_DIR"), "/aws.rs")); }
    /// ```
    pub fn generate(manifest: impl AsRef<Path>, tree: &ModuleTree) -> Result<PathBuf> {
        let manifest_path = manifest.as_ref();
        println!("cargo::rerun-if-changed={}", manifest_path.display());
        let manifest = Manifest::load(manifest_path)?;
        for entry in &manifest.services {
            for model in &entry.models {
                println!("cargo::rerun-if-changed={}", model.display());
            }
        }
        let out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| Error::msg("OUT_DIR is not set: call this from a build script"))?;
        let generated = super::generate_module_tree(&manifest, tree)?;
        for warning in &generated.warnings {
            println!("cargo::warning={warning}");
        }
        for (path, text) in &generated.files {
            let target = out_dir.join(path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::msg(format!("{}: {e}", dir.display())))?;
            }
            // Unchanged files keep their time stamps, so cargo does not rebuild for nothing.
            if std::fs::read(&target).ok().as_deref() != Some(text.as_bytes()) {
                std::fs::write(&target, text).map_err(|e| Error::msg(format!("{}: {e}", target.display())))?;
            }
        }
        let name = tree.module.last().map(String::as_str).unwrap_or_default();
        Ok(out_dir.join(format!("{name}.rs")))
    }
}

/// The runtime's `rust-version`, `[dependencies]` and `[features]` (name → TOML value), which the
/// generated crate takes over: the runtime's `Cargo.toml` is the one place they are declared.
pub fn runtime_manifest() -> Result<emit::RuntimeManifest> {
    let bad = |e: String| Error::msg(format!("the runtime's Cargo.toml (built into the generator): {e}"));
    let doc: toml::Table = emit::runtime::manifest_text().parse().map_err(|e: toml::de::Error| bad(e.to_string()))?;
    let table = |key: &str| -> Vec<(String, String)> {
        let t = doc.get(key).and_then(toml::Value::as_table).cloned().unwrap_or_default();
        t.into_iter().map(|(name, value)| (name, value.to_string())).collect()
    };
    let rust_version = doc
        .get("package")
        .and_then(|p| p.get("rust-version"))
        .and_then(toml::Value::as_str)
        .ok_or_else(|| bad("`package.rust-version` must be a string".to_string()))?
        .to_string();
    Ok(emit::RuntimeManifest { rust_version, dependencies: table("dependencies"), features: table("features") })
}
