//! `cargo xtask api-diff [--base REV | --old FILE] [--new FILE] [--write-changelog]`: what the
//! generated public API gained or lost since an older `api.json`, classified for a Rust user,
//! with the suggested version bump. The logic is [`codegen::api_diff`]; this is the command line.

use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "usage: cargo xtask api-diff [--base REV | --old FILE] [--new FILE] [--write-changelog]
  --base REV         compare with generated/api.json as committed at REV (default: HEAD)
  --old FILE         compare with this api.json instead
  --new FILE         the newer api.json (default: generated/api.json)
  --write-changelog  also add the report, dated, to CHANGELOG.md beside the newer file";

/// Runs the command with the arguments after `api-diff`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut base: Option<String> = None;
    let mut old_file: Option<PathBuf> = None;
    let mut new_file: Option<PathBuf> = None;
    let mut write_changelog = false;
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--base" => base = Some(value("--base")?),
            "--old" => old_file = Some(cwd.join(value("--old")?)),
            "--new" => new_file = Some(cwd.join(value("--new")?)),
            "--write-changelog" => write_changelog = true,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let root = root();
    let (old_text, old_name) = match (old_file, base) {
        (Some(_), Some(_)) => return Err(format!("--base and --old exclude each other\n{USAGE}")),
        (Some(file), None) => (read(&file)?, file.display().to_string()),
        (None, base) => {
            let rev = base.unwrap_or_else(|| "HEAD".to_string());
            (git_show(&root, &rev)?, format!("{rev}:generated/api.json"))
        }
    };
    let new_file = new_file.unwrap_or_else(|| root.join("generated/api.json"));
    let new_text = read(&new_file)?;
    let parse = |text: &str, name: &str| codegen::api_diff::parse(text).map_err(|e| format!("{name}: {e}"));
    let old = parse(&old_text, &old_name)?;
    let new = parse(&new_text, &new_file.display().to_string())?;
    let report = codegen::api_diff::diff(&old, &new).map_err(|e| format!("{e} ({old_name} → {})", new_file.display()))?;
    print!("{}", report.render());
    if write_changelog {
        let path = new_file.parent().unwrap_or(Path::new(".")).join("CHANGELOG.md");
        // A missing changelog starts empty; any other read error stops before writing.
        let current = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let text = codegen::api_diff::prepend_changelog(&current, &report, &codegen::api_diff::today());
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("\nadded the entry to {}", path.strip_prefix(&root).unwrap_or(&path).display());
    }
    Ok(())
}

/// The repository root (the parent of `xtask/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// `generated/api.json` as committed at `rev`.
fn git_show(root: &Path, rev: &str) -> Result<String, String> {
    let out = Command::new("git")
        .arg("show")
        .arg(format!("{rev}:generated/api.json"))
        .current_dir(root)
        .output()
        .map_err(|e| format!("running git: {e}"))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(format!("no generated/api.json at `{rev}` ({why}); name another revision with --base or a file with --old"));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{rev}:generated/api.json: {e}"))
}
