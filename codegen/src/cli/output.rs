//! What the tool prints: results on standard output; progress, warnings and errors on standard
//! error (so a command's output can be piped), each stage as it ends with its timing unless
//! `--quiet`, and an error as one line (with what the tool was doing under `--verbose`).

use super::Failure;
use std::io::Write;
use std::time::Duration;

pub(crate) struct Output {
    quiet: bool,
    verbose: bool,
    /// The current folder with a trailing separator: paths below it print relative.
    cwd: String,
}

impl Output {
    pub(crate) fn new(quiet: bool, verbose: bool) -> Self {
        let cwd = std::env::current_dir().map(|d| format!("{}{}", d.display(), std::path::MAIN_SEPARATOR)).unwrap_or_default();
        Output { quiet, verbose, cwd }
    }

    /// `text` with paths below the current folder made relative.
    fn relative(&self, text: &str) -> String {
        if self.cwd.len() > 1 {
            text.replace(&self.cwd, "")
        } else {
            text.to_string()
        }
    }

    /// A result line (`wrote 71 files to generated`), on standard output.
    pub(crate) fn result(&mut self, line: &str) {
        if !self.quiet {
            println!("{line}");
        }
    }

    /// A detail only `--verbose` shows.
    pub(crate) fn detail(&mut self, line: &str) {
        if self.verbose {
            eprintln!("  {line}");
        }
    }

    pub(crate) fn warning(&mut self, warning: &str) {
        eprintln!("warning: {}", self.relative(warning));
    }

    pub(crate) fn failure(&mut self, failure: &Failure) {
        match failure {
            Failure::Error { message, context } => {
                eprintln!("error: {}", self.relative(message));
                if self.verbose {
                    for doing in context {
                        eprintln!("  while {}", self.relative(doing));
                    }
                }
            }
            Failure::Reported => {}
            Failure::Usage(message) => eprintln!("error: {message}"),
        }
    }
}

/// Each stage of a generation as it ends: `  load     models/athena.json: 2,113 shapes  (41 ms)`.
impl crate::Progress for Output {
    fn stage(&mut self, stage: &str, detail: &str, elapsed: Duration) {
        if !self.quiet {
            eprintln!("  {stage:<8} {}  ({})", self.relative(detail), duration(elapsed));
        }
    }
}

/// `41 ms`, `1.3 s`.
pub(crate) fn duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
pub(crate) fn write_stdout(text: &str) -> Result<(), Failure> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::new(format!("cannot write the output: {e}"))),
        _ => Ok(()),
    }
}
