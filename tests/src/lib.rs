//! Shared helpers for the generator's integration tests (in `tests/tests/`).

use codegen::manifest::{Manifest, ServiceEntry};
use codegen::select::Operations;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// A fixture model of `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The upstream models folder, or `None` (with a printed notice) where `../shared` is absent.
pub fn upstream_models() -> Option<PathBuf> {
    let dir = root().join("../shared/aws-models");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipping: ../shared/aws-models not found (upstream models are not part of the repo)");
        None
    }
}

/// A manifest for one service with every operation.
pub fn manifest_for(models: &[PathBuf], operations: Operations) -> Manifest {
    Manifest {
        crate_name: "fixture".into(),
        version: "0.0.0".into(),
        services: vec![ServiceEntry { models: models.to_vec(), service: None, operations }],
    }
}

/// A fresh, empty temporary folder below the target directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = root().join("target/test-tmp").join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}
