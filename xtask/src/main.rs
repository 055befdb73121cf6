//! `cargo xtask`: the project's commands.
//!
//! - `cargo xtask codegen [--check]`: generate what `codegen.toml` says into `generated/`.
//! - `cargo xtask codegen --model FILE... [--service ID] (--operations A,B | --all-operations) --out DIR`:
//!   generate an ad hoc selection.
//! - `cargo xtask codegen --out DIR`: what the manifest says, into DIR.
//! - `cargo xtask api-diff [--base REV | --old FILE] [--write-changelog]`: what changed in the
//!   generated API since a commit, classified additive or breaking, with the semver bump.
//! - `cargo xtask endpoint-tests [--partitions FILE] --model FILE...`: every endpointTests case
//!   of the models through the endpoint rules engine; last line `N passed, M failed`.
//! - `cargo xtask protocol-tests [--protocol P] [--case NAME]`: the official protocol compliance
//!   cases of the JSON protocols against generated clients; last line `N passed, M failed`.
//! - `cargo xtask trim --model FILE... --operations A,B [--out FILE]`: a small model holding only
//!   the service and the closure of those operations.
//! - `cargo xtask ast FILE...`: the loaded model (JSON AST or IDL files) as Smithy 2.0 JSON AST.
//! - `cargo xtask bench [--iterations N]`: how long generation and its parts take.
//! - `cargo xtask bench --against-sdk [--calls N] [--rounds N] [--runs N] [--skip-builds] [--out FILE]`:
//!   our client against the AWS SDK for Rust (builds, binary size, per call, first call), written
//!   to `BENCHMARKS.md`.

mod against_sdk;
mod api_diff;
mod bench;
mod endpoint_tests;
mod protocol_tests;

use codegen::manifest::{Manifest, ServiceEntry};
use codegen::select::Operations;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--manifest FILE] [--out DIR] [--check]
  cargo xtask codegen --model FILE... [--service ID] (--operations A,B | --all-operations) --out DIR [--check]
  cargo xtask trim --model FILE... [--service ID] --operations A,B [--out FILE]
  cargo xtask ast FILE...
  cargo xtask api-diff [--base REV | --old FILE] [--new FILE] [--write-changelog]
  cargo xtask endpoint-tests [--partitions FILE] --model FILE...
  cargo xtask protocol-tests [--protocol P] [--case NAME] [--generate-only]
  cargo run --release -p xtask -- bench [--iterations N]
  cargo xtask bench --against-sdk [--calls N] [--rounds N] [--runs N] [--skip-builds] [--out FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("trim") => trim(&args[1..]),
        Some("ast") => ast(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("api-diff") => api_diff::run(&args[1..]),
        Some("protocol-tests") => match protocol_tests::run(&args[1..]) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        },
        Some("endpoint-tests") => match endpoint_tests::run(&args[1..]) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        },
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the parent of `xtask/`).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

#[derive(Default)]
struct CodegenArgs {
    manifest: Option<PathBuf>,
    models: Vec<PathBuf>,
    service: Option<String>,
    operations: Option<Operations>,
    out: Option<PathBuf>,
    check: bool,
}

fn parse_codegen(args: &[String]) -> Result<CodegenArgs, String> {
    let mut parsed = CodegenArgs::default();
    let mut it = args.iter().peekable();
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--manifest" => parsed.manifest = Some(cwd.join(value("--manifest")?)),
            "--model" => {
                parsed.models.push(cwd.join(value("--model")?));
                while let Some(more) = it.peek().filter(|a| !a.starts_with("--")) {
                    parsed.models.push(cwd.join(more));
                    it.next();
                }
            }
            "--service" => parsed.service = Some(value("--service")?),
            "--operations" => {
                let list = value("--operations")?;
                parsed.operations = Some(Operations::Named(list.split(',').map(|s| s.trim().to_string()).collect()));
            }
            "--all-operations" => parsed.operations = Some(Operations::All),
            "--out" => parsed.out = Some(cwd.join(value("--out")?)),
            "--check" => parsed.check = true,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

fn codegen(args: &[String]) -> Result<(), String> {
    let args = parse_codegen(args)?;
    let manifest_path = args.manifest.clone().unwrap_or_else(|| root().join("codegen.toml"));
    let (manifest, out) = if args.models.is_empty() {
        if args.service.is_some() || args.operations.is_some() {
            return Err(format!("--service and --operations go with --model\n{USAGE}"));
        }
        let manifest = Manifest::load(&manifest_path).map_err(|e| e.to_string())?;
        (manifest, args.out.clone().unwrap_or_else(|| root().join("generated")))
    } else {
        let out = args.out.clone().ok_or(format!("--model needs --out, so an ad hoc run never overwrites generated/\n{USAGE}"))?;
        let operations = args.operations.clone().ok_or(format!("--model needs --operations or --all-operations\n{USAGE}"))?;
        // The crate name and version still come from the manifest when there is one.
        let (crate_name, version) = match Manifest::load(&manifest_path) {
            Ok(m) => (m.crate_name, m.version),
            Err(_) => ("aws-lite".to_string(), "0.1.0".to_string()),
        };
        let services = vec![ServiceEntry { models: args.models.clone(), service: args.service.clone(), operations, module: None }];
        (Manifest { crate_name, version, services }, out)
    };
    let generated = codegen::generate(&manifest).map_err(|e| e.to_string())?;
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let shown = out.strip_prefix(root()).unwrap_or(&out).display().to_string();
    if args.check {
        let stale = codegen::write::check(&out, &generated.files).map_err(|e| e.to_string())?;
        if stale.is_empty() {
            println!("{shown} is up to date ({} files)", generated.files.len());
            return Ok(());
        }
        let list: Vec<String> = stale.iter().map(|s| format!("  {s}")).collect();
        return Err(format!("{shown} is stale; run `cargo xtask codegen` and commit the result:\n{}", list.join("\n")));
    }
    codegen::write::Writer::default().write(&out, &generated.files).map_err(|e| e.to_string())?;
    println!("wrote {} files to {shown}", generated.files.len());
    Ok(())
}

fn trim(args: &[String]) -> Result<(), String> {
    let args = parse_codegen(args)?;
    if args.models.is_empty() {
        return Err(format!("trim needs --model\n{USAGE}"));
    }
    let operations = args.operations.clone().ok_or(format!("trim needs --operations\n{USAGE}"))?;
    let text = codegen::trim(&args.models, args.service.as_deref(), &operations).map_err(|e| e.to_string())?;
    match &args.out {
        Some(out) => std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display())),
        None => write_stdout(&text),
    }
}

/// Prints the loaded model as Smithy 2.0 JSON AST: shapes sorted by id, the built-in
/// definitions left out, mixins kept as references, `apply` merged into the shapes.
fn ast(args: &[String]) -> Result<(), String> {
    if args.is_empty() || args.iter().any(|a| a.starts_with("--")) {
        return Err(format!("ast takes model files\n{USAGE}"));
    }
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let paths: Vec<PathBuf> = args.iter().map(|a| cwd.join(a)).collect();
    let sources = codegen::model::read_sources(&paths).map_err(|e| e.to_string())?;
    let (ast, warnings) = codegen::model::load_ast(&sources).map_err(|e| e.to_string())?;
    // Flattening checks mixins and references, so a model that prints is a model that loads.
    codegen::model::Model::from_ast(&ast).map_err(|e| e.to_string())?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    let mut text = serde_json::to_string_pretty(&ast.to_json()).map_err(|e| e.to_string())?;
    text.push('\n');
    write_stdout(&text)
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error.
fn write_stdout(text: &str) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write the output: {e}")),
        _ => Ok(()),
    }
}
