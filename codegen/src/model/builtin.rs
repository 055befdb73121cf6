//! The definitions every model may refer to without loading them: the prelude.

use super::raw::RawFile;
use crate::Result;
use std::sync::OnceLock;

/// The built-in definition files, read once per process.
pub fn files() -> Result<&'static [RawFile]> {
    static FILES: OnceLock<Vec<RawFile>> = OnceLock::new();
    Ok(FILES.get_or_init(|| vec![super::prelude::raw_file()]))
}
