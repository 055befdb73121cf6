//! `cargo xtask endpoint-tests [--partitions FILE] --model FILE...`: the command-line part. The
//! loader, the comparison and the report are the `endpoint-cases` crate's
//! (`tests/endpoint-cases/`), which the runtime's endpoint tests use too.

/// Entry point of `cargo xtask endpoint-tests`; `args` excludes the subcommand name.
/// `Ok(true)` when every case passed; `Err` for bad arguments or unreadable files.
pub fn run(args: &[String]) -> Result<bool, String> {
    endpoint_cases::run_to(args, &mut std::io::stdout().lock())
}
