//! `generate`: the crate a manifest describes (`codegen.toml` by default), or an ad hoc
//! selection (`--model`), written atomically into its folder, or compared with it (`--check`).

use super::output::{duration, Output};
use super::Failure;
use crate::manifest::{Manifest, ServiceEntry};
use crate::select::Operations;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// The manifest (its model paths are relative to its folder).
    #[arg(long, value_name = "FILE", default_value = "codegen.toml")]
    manifest: PathBuf,
    /// Generate from these model files instead of the manifest's services (needs --out).
    #[arg(long = "model", value_name = "FILE", num_args = 1..)]
    models: Vec<PathBuf>,
    /// With --model: the service shape id, when the files hold several services.
    #[arg(long, value_name = "ID", requires = "models")]
    service: Option<String>,
    /// With --model: the operations, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "A,B", requires = "models", conflicts_with = "all_operations")]
    operations: Vec<String>,
    /// With --model: every operation of the service.
    #[arg(long, requires = "models")]
    all_operations: bool,
    /// The folder to write (default: the manifest's `out`, `generated` beside it).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Compare the folder with what the models produce, write nothing, and fail naming the
    /// stale files.
    #[arg(long)]
    check: bool,
}

/// The manifest the arguments describe, and the folder to write.
fn manifest_and_out(args: &GenerateArgs) -> Result<(Manifest, PathBuf), Failure> {
    if args.models.is_empty() {
        let manifest = Manifest::load(&args.manifest).map_err(|e| Failure::new(e).context(format!("reading {}", args.manifest.display())))?;
        let out = args.out.clone().unwrap_or_else(|| manifest.out.clone());
        return Ok((manifest, out));
    }
    let Some(out) = args.out.clone() else {
        return Err(Failure::Usage("--model needs --out, so an ad hoc run never overwrites the manifest's crate".into()));
    };
    let operations = match (args.all_operations, args.operations.is_empty()) {
        (true, _) => Operations::All,
        (false, false) => Operations::Named(args.operations.iter().map(|o| o.trim().to_string()).collect()),
        (false, true) => return Err(Failure::Usage("--model needs --operations A,B or --all-operations".into())),
    };
    // The crate's name and version still come from the manifest when there is one.
    let (crate_name, version) = match Manifest::load(&args.manifest) {
        Ok(m) => (m.crate_name, m.version),
        Err(_) => ("aws-lite".to_string(), "0.1.0".to_string()),
    };
    let services = vec![ServiceEntry { models: args.models.clone(), service: args.service.clone(), operations, module: None }];
    Ok((Manifest { crate_name, version, services, out: out.clone() }, out))
}

pub(crate) fn run(args: &GenerateArgs, out: &mut Output) -> Result<(), Failure> {
    let (manifest, dir) = manifest_and_out(args)?;
    let shown = shown(&dir);
    let started = Instant::now();
    let generated = crate::generate_with(&manifest, out).map_err(|e| Failure::new(e).context(format!("generating {shown}")))?;
    for warning in &generated.warnings {
        out.warning(warning);
    }
    if args.check {
        let stale = crate::write::check(&dir, &generated.files).map_err(Failure::new)?;
        if stale.is_empty() {
            out.result(&format!("{shown} is up to date ({} files)", generated.files.len()));
            return Ok(());
        }
        eprintln!("error: {shown} is stale; regenerate it and commit the result:");
        for file in &stale {
            eprintln!("  {file}");
        }
        return Err(Failure::Reported);
    }
    let writing = Instant::now();
    crate::write::Writer::default().write(&dir, &generated.files).map_err(|e| Failure::new(e).context(format!("writing {shown}")))?;
    for path in generated.files.keys() {
        out.detail(&format!("wrote {shown}/{path}"));
    }
    crate::Progress::stage(out, "write", &format!("{} files", generated.files.len()), writing.elapsed());
    out.result(&format!("wrote {} files to {shown} in {}", generated.files.len(), duration(started.elapsed())));
    Ok(())
}

/// A path as the user would type it: relative to the current folder when it is below it.
pub(crate) fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd).unwrap_or(path).display().to_string()
}
