//! `cargo xtask`: the project's commands. Those users have too are the `aws-lite-codegen` tool's
//! (`codegen/src/cli/`), run with this repository's manifest (`codegen.toml`, writing
//! `generated/`):
//!
//! - `cargo xtask codegen [--check]` (`aws-lite-codegen generate`), and ad hoc
//!   `cargo xtask codegen --model FILE... (--operations A,B | --all-operations) --out DIR`;
//! - `cargo xtask trim`, `ast`, `api-diff`, `endpoint-tests`, `init`: the tool's subcommands.
//!
//! The project's own:
//! - `cargo xtask protocol-tests [--protocol P] [--case NAME]`: the official protocol compliance
//!   cases of the JSON protocols against generated clients; last line `N passed, M failed`;
//! - `cargo run --release -p xtask -- bench [--iterations N]`: load-time benchmark of the model
//!   reader;
//! - `cargo xtask bench --against-sdk [--calls N] [--rounds N] [--runs N] [--skip-builds] [--out FILE]`:
//!   our client against the AWS SDK for Rust (builds, binary size, per call, first call), written
//!   to `BENCHMARKS.md`.

mod against_sdk;
mod bench;
mod protocol_tests;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--check] [...]   (aws-lite-codegen generate; --help for the rest)
  cargo xtask trim | ast | api-diff | endpoint-tests | init ...   (aws-lite-codegen's; --help each)
  cargo xtask protocol-tests [--protocol P] [--case NAME] [--generate-only]
  cargo run --release -p xtask -- bench [--iterations N]
  cargo xtask bench --against-sdk [--calls N] [--rounds N] [--runs N] [--skip-builds] [--out FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => return tool("generate", &args[1..]),
        Some(command @ ("trim" | "ast" | "api-diff" | "endpoint-tests" | "init")) => return tool(command, &args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("protocol-tests") => match protocol_tests::run(&args[1..]) {
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

/// Runs the tool's `command` with `args`, on this repository's `codegen.toml` unless the
/// arguments name another manifest.
fn tool(command: &str, args: &[String]) -> ExitCode {
    let mut argv: Vec<OsString> = vec!["cargo xtask".into(), command.into()];
    let takes_manifest = matches!(command, "generate" | "api-diff");
    if takes_manifest && !args.iter().any(|a| a == "--manifest" || a.starts_with("--manifest=")) {
        argv.push("--manifest".into());
        argv.push(root().join("codegen.toml").into());
    }
    argv.extend(args.iter().map(OsString::from));
    codegen::cli::run(argv)
}

/// The repository root (the parent of `xtask/`).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}
