//! `api-diff`: what the generated public API gained or lost since an older `api.json`,
//! classified for a Rust user, with the suggested version bump (the logic is
//! [`crate::api_diff`]).

use super::output::Output;
use super::Failure;
use crate::manifest::Manifest;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Args)]
pub(crate) struct ApiDiffArgs {
    /// The manifest, whose `out` folder holds the newer api.json.
    #[arg(long, value_name = "FILE", default_value = "codegen.toml")]
    manifest: PathBuf,
    /// Compare with that api.json as committed at this git revision (default: HEAD).
    #[arg(long, value_name = "REV", conflicts_with = "old")]
    base: Option<String>,
    /// Compare with this api.json instead.
    #[arg(long, value_name = "FILE")]
    old: Option<PathBuf>,
    /// The newer api.json (default: `api.json` in the manifest's `out` folder).
    #[arg(long, value_name = "FILE")]
    new: Option<PathBuf>,
    /// Also add the report, dated, to CHANGELOG.md beside the newer file.
    #[arg(long)]
    write_changelog: bool,
}

pub(crate) fn run(args: &ApiDiffArgs, out: &mut Output) -> Result<(), Failure> {
    let new_file = match &args.new {
        Some(file) => file.clone(),
        None => Manifest::load(&args.manifest).map_err(|e| Failure::new(e).context("finding the newer api.json"))?.out.join("api.json"),
    };
    let (old_text, old_name) = match &args.old {
        Some(file) => (read(file)?, file.display().to_string()),
        None => {
            let rev = args.base.clone().unwrap_or_else(|| "HEAD".to_string());
            git_show(&new_file, &rev)?
        }
    };
    let new_text = read(&new_file)?;
    let parse = |text: &str, name: &str| crate::api_diff::parse(text).map_err(|e| Failure::new(format!("{name}: {e}")));
    let old = parse(&old_text, &old_name)?;
    let new = parse(&new_text, &new_file.display().to_string())?;
    let report = crate::api_diff::diff(&old, &new).map_err(|e| Failure::new(format!("{e} ({old_name} → {})", new_file.display())))?;
    print!("{}", report.render());
    if args.write_changelog {
        let path = new_file.parent().unwrap_or(Path::new(".")).join("CHANGELOG.md");
        // A missing changelog starts empty; any other read error stops before writing.
        let current = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Failure::new(format!("{}: {e}", path.display()))),
        };
        let text = crate::api_diff::prepend_changelog(&current, &report, &crate::api_diff::today());
        std::fs::write(&path, text).map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
        out.result(&format!("\nadded the entry to {}", super::generate::shown(&path)));
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::new(format!("{}: {e}", path.display())))
}

/// `file` as committed at `rev` in its git repository: (text, `rev:path`).
fn git_show(file: &Path, rev: &str) -> Result<(String, String), Failure> {
    let dir = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let git = |args: &[&str]| Command::new("git").args(args).current_dir(dir).output();
    let top = git(&["rev-parse", "--show-toplevel"]).map_err(|e| Failure::new(format!("running git: {e}")))?;
    if !top.status.success() {
        return Err(Failure::new(format!("{} is not in a git repository; name an older file with --old", file.display())));
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let absolute = std::env::current_dir().unwrap_or_default().join(file);
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    let top = top.canonicalize().unwrap_or(top);
    let relative = absolute.strip_prefix(&top).unwrap_or(&absolute);
    let name = format!("{rev}:{}", relative.display());
    let shown = git(&["show", &name]).map_err(|e| Failure::new(format!("running git: {e}")))?;
    if !shown.status.success() {
        let why = String::from_utf8_lossy(&shown.stderr).trim().to_string();
        return Err(Failure::new(format!("no {name} ({why}); name another revision with --base or a file with --old")));
    }
    let text = String::from_utf8(shown.stdout).map_err(|e| Failure::new(format!("{name}: {e}")))?;
    Ok((text, name))
}
