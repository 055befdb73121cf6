//! `codegen.toml`: the generated crate's name and version, and which operations of which
//! service (in which model files) go into it.
//!
//! ```toml
//! [crate]
//! name = "aws-lite"
//! version = "0.1.0"
//! out = "generated"                                # optional: where the crate is written
//!
//! [[service]]
//! models = ["models/athena.json"]
//! service = "com.amazonaws.athena#AmazonAthena"   # optional when the files hold one service
//! operations = ["GetSession"]                      # or "*" for every operation
//! module = "athena"                                # optional: the module and feature name
//! ```

use crate::select::Operations;
use crate::{Error, Result};
use std::path::{Path, PathBuf};
use toml::Value;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub crate_name: String,
    pub version: String,
    pub services: Vec<ServiceEntry>,
    /// Where the crate is written, resolved against the manifest's folder (`generated` there
    /// when the manifest does not say).
    pub out: PathBuf,
}

/// One service of the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceEntry {
    /// Model files, resolved against the manifest's folder.
    pub models: Vec<PathBuf>,
    /// The service shape id; `None` when the files define exactly one service.
    pub service: Option<String>,
    pub operations: Operations,
    /// The service's module and cargo feature name; `None` to take it from the `sdkId`.
    pub module: Option<String>,
}

impl Manifest {
    /// Reads a manifest file; relative model paths are resolved against its folder.
    pub fn load(path: &Path) -> Result<Manifest> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::msg(format!("cannot read the manifest: {e}")).in_file(&name))?;
        let base = path.parent().unwrap_or(Path::new("."));
        Manifest::parse(&text, base).map_err(|e| e.in_file(&name))
    }

    /// Parses manifest text.
    pub fn parse(text: &str, base: &Path) -> Result<Manifest> {
        let doc: toml::Table = text.parse().map_err(|e| Error::msg(format!("invalid TOML: {e}")))?;
        let krate = doc.get("crate").and_then(Value::as_table).ok_or_else(|| Error::msg("missing the [crate] table"))?;
        let field = |key: &str| {
            krate
                .get(key)
                .and_then(Value::as_str)
                .map(String::from)
                .ok_or_else(|| Error::msg(format!("[crate] needs a `{key}` string")))
        };
        let mut services = Vec::new();
        let entries = doc.get("service").and_then(Value::as_array).cloned().unwrap_or_default();
        for (i, entry) in entries.iter().enumerate() {
            let at = |msg: &str| Error::msg(format!("[[service]] #{}: {msg}", i + 1));
            let models = entry
                .get("models")
                .and_then(Value::as_array)
                .ok_or_else(|| at("needs `models`, a list of model files"))?
                .iter()
                .map(|m| m.as_str().map(|m| base.join(m)).ok_or_else(|| at("`models` holds strings")))
                .collect::<Result<Vec<_>>>()?;
            let operations = match entry.get("operations") {
                Some(Value::String(s)) if s == "*" => Operations::All,
                Some(Value::Array(ops)) => Operations::Named(
                    ops.iter()
                        .map(|o| o.as_str().map(String::from).ok_or_else(|| at("`operations` holds strings")))
                        .collect::<Result<_>>()?,
                ),
                _ => return Err(at("needs `operations`: a list of operation names, or \"*\"")),
            };
            let service = entry.get("service").and_then(Value::as_str).map(String::from);
            let module = match entry.get("module") {
                None => None,
                Some(Value::String(m)) if is_module_name(m) => Some(m.clone()),
                Some(_) => return Err(at("`module` must be a lower-case Rust identifier (`a-z`, `0-9`, `_`, not starting with a digit)")),
            };
            services.push(ServiceEntry { models, service, operations, module });
        }
        if services.is_empty() {
            return Err(Error::msg("the manifest names no [[service]]"));
        }
        let out = match krate.get("out") {
            None => base.join("generated"),
            Some(Value::String(out)) if !out.is_empty() => base.join(out),
            Some(_) => return Err(Error::msg("[crate] `out` must be a folder path")),
        };
        Ok(Manifest { crate_name: field("name")?, version: field("version")?, services, out })
    }
}

/// A module name a user may choose: lower-case ASCII letters, digits and `_`, starting with a
/// letter, and not a Rust keyword.
fn is_module_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && crate::naming::member_name(name) == name
}
