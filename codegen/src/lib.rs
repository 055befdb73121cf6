//! Generates Rust clients for AWS services from Smithy models (IDL or JSON AST).
//!
//! The pipeline, one module per stage:
//! [`model`] (load IDL and JSON AST files) → [`select`] (the closure of the chosen operations) →
//! [`plan`] (every Rust decision, once) → [`emit`] (token streams per concern) →
//! [`write`] (format, header, atomic write or `--check`).

pub mod api;
pub mod api_diff;
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

/// The AWS partitions table (`models/partitions.json`) that generated crates ship as their
/// default for `aws.partition` in endpoint rules.
pub const DEFAULT_PARTITIONS: &str = include_str!("../../models/partitions.json");

use model::{Model, ShapeId};

/// Everything one generation produced.
pub struct Generated {
    /// The crate's files, relative path → text.
    pub files: write::Files,
    /// Notes for the user that are not errors (for example a 1.0 `set`).
    pub warnings: Vec<String>,
}

/// Loads a service's model files and selects its operations.
fn load_and_select(entry: &manifest::ServiceEntry, warnings: &mut Vec<String>) -> Result<(Model, select::Closure)> {
    let (model, mut w) = model::load_files(&entry.models)?;
    warnings.append(&mut w);
    let files = entry.models.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
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
    let closure = select::select(&model, &service, &entry.operations)?;
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
    let mut selections: Vec<(Model, select::Closure)> = Vec::new();
    let mut warnings = Vec::new();
    for entry in &manifest.services {
        selections.push(load_and_select(entry, &mut warnings)?);
    }
    let inputs: Vec<plan::ServiceInput> = selections
        .iter()
        .zip(&manifest.services)
        .map(|((model, closure), entry)| plan::ServiceInput { model, closure, module: entry.module.as_deref() })
        .collect();
    let plan = plan::plan_crate(&manifest.crate_name, &manifest.version, &inputs)?;
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
    let (model, closure) = load_and_select(&entry, &mut Vec::new())?;
    let ast = closure.to_ast(&model)?;
    let mut text = serde_json::to_string_pretty(&ast).map_err(|e| Error::msg(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Runs the whole pipeline for a manifest, returning the files without writing them.
pub fn generate(manifest: &manifest::Manifest) -> Result<Generated> {
    let Planned { plan, warnings, .. } = self::plan(manifest)?;
    generate_planned(&plan, warnings)
}

/// Emits and formats the files of a planned crate: its code, then the runtime modules that
/// code names, as the generator carries them (no file of this source tree is read).
pub fn generate_planned(plan: &plan::CratePlan, warnings: Vec<String>) -> Result<Generated> {
    let paths = emit::paths::Paths::new(&["crate"]);
    let mut files = write::render(emit::emit_crate(&paths, plan, &runtime_manifest()?))?;
    let texts: Vec<&str> = files.values().map(String::as_str).collect();
    let runtime = emit::runtime_files(plan, &texts)?;
    files.extend(write::render(runtime)?);
    files.insert("api.json".to_string(), api::api_json(plan));
    Ok(Generated { files, warnings })
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
