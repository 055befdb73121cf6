//! `init`: a starter manifest for some operations of a model, checked before it is written (the
//! model loads, the service and the operations exist), so the first `generate` works.

use super::generate::shown;
use super::output::Output;
use super::{Failure, OperationsArg};
use crate::select::Operations;
use clap::Args;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The model files of the service (JSON AST or IDL).
    #[arg(long = "model", value_name = "FILE", num_args = 1.., required = true)]
    models: Vec<PathBuf>,
    /// The service shape id, when the files hold several services.
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    #[command(flatten)]
    operations: OperationsArg,
    /// The generated crate's name.
    #[arg(long, default_value = "aws-lite")]
    name: String,
    /// The folder the crate is generated into, relative to the manifest (default: the name).
    #[arg(long, value_name = "DIR")]
    out: Option<String>,
    /// The manifest to write.
    #[arg(long, value_name = "FILE", default_value = "codegen.toml")]
    manifest: PathBuf,
    /// Replace an existing manifest.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: &InitArgs, out: &mut Output) -> Result<(), Failure> {
    if args.manifest.exists() && !args.force {
        return Err(Failure::new(format!("{} already exists; pass --force to replace it", args.manifest.display())));
    }
    if !is_crate_name(&args.name) {
        return Err(Failure::Usage(format!("`{}` is not a valid crate name (letters, digits, `-` and `_`)", args.name)));
    }
    let selection = args.operations.selection();
    // Check what the manifest will say, and learn the service id when the files hold one.
    let planned = {
        let entry = crate::manifest::ServiceEntry {
            models: args.models.clone(),
            service: args.service.clone(),
            operations: selection.clone(),
            module: None,
        };
        let manifest = crate::manifest::Manifest {
            crate_name: args.name.clone(),
            version: "0.1.0".to_string(),
            services: vec![entry],
            out: PathBuf::new(),
        };
        crate::plan(&manifest).map_err(|e| Failure::new(e).context("checking the model and the operations"))?
    };
    let service = &planned.plan.services[0];
    let base = absolute(args.manifest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")));
    let models: Vec<String> = args.models.iter().map(|m| relative(&base, &absolute(m)).display().to_string()).collect();
    let operations = match &selection {
        Operations::All => toml_string("*"),
        Operations::Named(names) => {
            let items: Vec<String> = names.iter().map(|n| format!("    {},\n", toml_string(n))).collect();
            format!("[\n{}]", items.concat())
        }
    };
    let out_dir = args.out.clone().unwrap_or_else(|| args.name.clone());
    let text = format!(
        "# What `aws-lite-codegen generate` writes: the crate, and the operations of each service in it.\n\
         # Paths are relative to this file. Add an operation by adding its name.\n\
         \n\
         [crate]\n\
         name = {name}\n\
         version = \"0.1.0\"\n\
         out = {out_dir}\n\
         \n\
         [[service]]\n\
         models = [{models}]\n\
         service = {service}\n\
         operations = {operations}\n",
        name = toml_string(&args.name),
        out_dir = toml_string(&out_dir),
        models = models.iter().map(|m| toml_string(m)).collect::<Vec<_>>().join(", "),
        service = toml_string(service.shape_id.as_str()),
    );
    std::fs::write(&args.manifest, text).map_err(|e| Failure::new(format!("{}: {e}", args.manifest.display())))?;
    let manifest = shown(&args.manifest);
    out.result(&format!(
        "wrote {manifest}: {} of {} into `{out_dir}`; next: aws-lite-codegen generate{}",
        match service.operations.len() {
            1 => "1 operation".to_string(),
            n => format!("{n} operations"),
        },
        service.shape_id,
        if args.manifest == Path::new("codegen.toml") { String::new() } else { format!(" --manifest {manifest}") },
    ));
    Ok(())
}

/// A crate name cargo accepts: ASCII letters, digits, `-` and `_`, starting with a letter.
fn is_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `path` from the current folder, with `.` and `..` resolved as far as the text allows.
fn absolute(path: &Path) -> PathBuf {
    let joined = std::env::current_dir().unwrap_or_default().join(path);
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `target` relative to the folder `base` (both absolute), or `target` when they share no root.
fn relative(base: &Path, target: &Path) -> PathBuf {
    let base: Vec<Component> = base.components().collect();
    let target_parts: Vec<Component> = target.components().collect();
    let common = base.iter().zip(&target_parts).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return target.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for part in &target_parts[common..] {
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_and_down() {
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/b/m.json")), PathBuf::from("m.json"));
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/c/m.json")), PathBuf::from("../c/m.json"));
        assert_eq!(absolute(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn crate_names_and_toml_strings() {
        assert!(is_crate_name("aws-lite") && is_crate_name("my_clients2"));
        assert!(!is_crate_name("2x") && !is_crate_name("a b") && !is_crate_name(""));
        for text in ["a\"b", "it's", "C:\\models\\x.json", "plain"] {
            let parsed: toml::Table = format!("x = {}", toml_string(text)).parse().unwrap();
            assert_eq!(parsed["x"].as_str(), Some(text));
        }
    }
}
