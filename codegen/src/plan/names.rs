//! Every item the generated crate defines, by module: the plan registers each name where it
//! makes it, so two items that would share a name in one module are found here, once, with
//! both named (a shape `AppBlockBuilder` beside the builder of `AppBlock` cannot clash: builders
//! live in their own `builders` modules).

use super::ir::ItemPath;
use crate::{Error, Result};
use std::collections::BTreeMap;

/// The names defined so far, by module, with what defines each.
#[derive(Debug, Default)]
pub struct Names {
    modules: BTreeMap<Vec<String>, BTreeMap<String, String>>,
}

impl Names {
    /// Registers `path`, defined by `owner` (a shape id, or a description of a fixed item).
    pub fn define(&mut self, path: &ItemPath, owner: &str) -> Result<()> {
        let module = self.modules.entry(path.module.clone()).or_default();
        match module.get(&path.name) {
            Some(other) if other != owner => {
                // Shape ids in backticks; descriptions of generated items as they are.
                let other = if other.contains('#') { format!("`{other}`") } else { other.clone() };
                Err(Error::shape(
                    owner,
                    format!(
                        "its Rust name `{}` in module `{}` is also that of {other}; give one of them another name (the service shape's `rename` property renames shapes)",
                        path.name,
                        path.module.join("::")
                    ),
                ))
            }
            Some(_) => Ok(()),
            None => {
                module.insert(path.name.clone(), owner.to_string());
                Ok(())
            }
        }
    }
}
