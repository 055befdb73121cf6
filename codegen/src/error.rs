//! The one error type of the generator: every failure names where it comes from.

use crate::model::Position;
use std::fmt;

/// A generation failure: the model file and shape it concerns (when known) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The model file the problem was found in, as the user named it.
    pub file: Option<String>,
    /// The line and column in the file (1-based), where known.
    pub position: Option<Position>,
    /// The shape (or member) id the problem concerns.
    pub shape: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl Error {
    /// An error with only a message.
    pub fn msg(message: impl Into<String>) -> Self {
        Error { file: None, position: None, shape: None, message: message.into() }
    }

    /// An error about a shape.
    pub fn shape(shape: impl fmt::Display, message: impl Into<String>) -> Self {
        Error { file: None, position: None, shape: Some(shape.to_string()), message: message.into() }
    }

    /// Sets the file when none is set yet.
    pub fn in_file(mut self, file: &str) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_string());
        }
        self
    }

    /// Sets the position in the file when none is set yet.
    pub fn at(mut self, position: Position) -> Self {
        if self.position.is_none() {
            self.position = Some(position);
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some(p)) => write!(f, "{file}:{}:{}: ", p.line, p.column)?,
            (Some(file), None) => write!(f, "{file}: ")?,
            (None, Some(p)) => write!(f, "line {}, column {}: ", p.line, p.column)?,
            (None, None) => {}
        }
        if let Some(shape) = &self.shape {
            write!(f, "{shape}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
