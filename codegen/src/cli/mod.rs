//! The command-line tool, `aws-lite-codegen`: `init`, `generate`, `trim`, `ast`, `api-diff`
//! and `endpoint-tests` (`cargo xtask` in this repository calls the same code).
//!
//! Exit codes: 0 done, 1 the work failed (a model error, a stale crate, a failing case), 2 the
//! command line is wrong.

mod api_diff;
mod generate;
mod init;
mod output;

use crate::select::Operations;
use clap::{Args, Parser, Subcommand};
use output::Output;
use std::path::PathBuf;
use std::process::ExitCode;

/// Generates Rust clients for AWS services from Smithy models (IDL or JSON AST): one
/// self-contained crate with just the operations you ask for.
#[derive(Debug, Parser)]
#[command(name = "aws-lite-codegen", version, propagate_version = true, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors and warnings.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every stage as it ends, with its timing, and the context of an error.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a starter manifest (codegen.toml) for some operations of a model.
    Init(init::InitArgs),
    /// Generate the crate a manifest describes, or an ad hoc selection.
    Generate(generate::GenerateArgs),
    /// Write a small model holding only a service and the closure of some operations.
    Trim(TrimArgs),
    /// Print the loaded model (IDL or JSON AST files) as Smithy 2.0 JSON AST.
    Ast(AstArgs),
    /// What the generated API gained or lost since an older api.json, with the version bump.
    ApiDiff(api_diff::ApiDiffArgs),
    /// Run every endpointTests case of models through the endpoint rules engine.
    EndpointTests(EndpointTestsArgs),
}

/// Which operations of a model: named, or all.
#[derive(Debug, Args, Clone)]
#[group(required = true, multiple = false)]
pub(crate) struct OperationsArg {
    /// The operations, by shape name, comma-separated (`GetSession,ListSessions`).
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    operations: Vec<String>,
    /// Every operation of the service.
    #[arg(long)]
    all_operations: bool,
}

impl OperationsArg {
    fn selection(&self) -> Operations {
        if self.all_operations {
            Operations::All
        } else {
            Operations::Named(self.operations.iter().map(|o| o.trim().to_string()).collect())
        }
    }
}

#[derive(Debug, Args)]
struct TrimArgs {
    /// The model files (JSON AST or IDL).
    #[arg(long = "model", value_name = "FILE", num_args = 1.., required = true)]
    models: Vec<PathBuf>,
    /// The service shape id, when the files hold several services.
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    #[command(flatten)]
    operations: OperationsArg,
    /// Where to write the model (default: standard output).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct AstArgs {
    /// The model files (JSON AST or IDL); several files merge into one model.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct EndpointTestsArgs {
    /// `[--partitions FILE] --model FILE... [--partitions FILE --model FILE...]`: each model's
    /// cases use the partitions table given before it (default: the table this tool carries).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    args: Vec<String>,
}

/// Runs the tool with the process's arguments.
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs the tool with `args` (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        // Help and version print to stdout and exit 0; usage errors to stderr and exit 2.
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let mut out = Output::new(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Init(args) => init::run(&args, &mut out),
        Command::Generate(args) => generate::run(&args, &mut out),
        Command::Trim(args) => trim(&args),
        Command::Ast(args) => ast(&args, &mut out),
        Command::ApiDiff(args) => api_diff::run(&args, &mut out),
        Command::EndpointTests(args) => endpoint_tests(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            out.failure(&failure);
            failure.exit_code()
        }
    }
}

/// Why a command failed, and what it was doing.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The work failed: one line for the user, and (shown with `--verbose`) what the tool was
    /// doing.
    Error { message: String, context: Vec<String> },
    /// The work ran and found problems it already reported (a stale crate, failing cases).
    Reported,
    /// The arguments are wrong in a way the parser cannot see.
    Usage(String),
}

impl Failure {
    pub(crate) fn new(message: impl std::fmt::Display) -> Self {
        Failure::Error { message: message.to_string(), context: Vec::new() }
    }

    /// Adds what the tool was doing when it failed (outermost last).
    pub(crate) fn context(self, doing: impl Into<String>) -> Self {
        match self {
            Failure::Error { message, mut context } => {
                context.push(doing.into());
                Failure::Error { message, context }
            }
            other => other,
        }
    }

    fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Error { .. } | Failure::Reported => ExitCode::FAILURE,
            Failure::Usage(_) => ExitCode::from(2),
        }
    }
}

impl From<crate::Error> for Failure {
    fn from(e: crate::Error) -> Self {
        Failure::new(e)
    }
}

fn trim(args: &TrimArgs) -> Result<(), Failure> {
    let text = crate::trim(&args.models, args.service.as_deref(), &args.operations.selection())?;
    match &args.out {
        Some(out) => std::fs::write(out, text).map_err(|e| Failure::new(format!("{}: {e}", out.display()))),
        None => output::write_stdout(&text),
    }
}

/// Prints the loaded model as Smithy 2.0 JSON AST: shapes sorted by id, the built-in
/// definitions left out, mixins kept as references, `apply` merged into the shapes.
fn ast(args: &AstArgs, out: &mut Output) -> Result<(), Failure> {
    let sources = crate::model::read_sources(&args.files)?;
    let (ast, warnings) = crate::model::load_ast(&sources)?;
    // Flattening checks mixins and references, so a model that prints is a model that loads.
    crate::model::Model::from_ast(&ast)?;
    for warning in &warnings {
        out.warning(warning);
    }
    let mut text = serde_json::to_string_pretty(&ast.to_json()).map_err(Failure::new)?;
    text.push('\n');
    output::write_stdout(&text)
}

fn endpoint_tests(args: &EndpointTestsArgs) -> Result<(), Failure> {
    let default = ("the partitions table built into the tool", crate::DEFAULT_PARTITIONS);
    match endpoint_cases::run_with_default_table(&args.args, Some(default), &mut std::io::stdout().lock()) {
        Ok(true) => Ok(()),
        Ok(false) => Err(Failure::Reported),
        Err(message) => Err(Failure::Usage(message)),
    }
}
