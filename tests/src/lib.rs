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

/// The upstream models folder (`../shared/aws-models`, not part of the repository). Tests that
/// call it are marked `#[cfg_attr(not(shared), ignore = ...)]`, so they run only where it is.
pub fn upstream_models() -> PathBuf {
    shared_dir("aws-models").expect("../shared/aws-models")
}

/// A manifest for one service with every operation.
pub fn manifest_for(models: &[PathBuf], operations: Operations) -> Manifest {
    Manifest {
        crate_name: "fixture".into(),
        version: "0.0.0".into(),
        services: vec![ServiceEntry { models: models.to_vec(), service: None, operations, module: None }],
        out: PathBuf::from("generated"),
    }
}

/// A fresh, empty temporary folder below the target directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = root().join("target/test-tmp").join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Whether reference material under `../shared` must be present: always in CI (`.ci/run` sets
/// `AWS_LITE_REQUIRE_SHARED`; a `CI` variable counts too), where a test that needs it fails
/// when it is missing instead of skipping.
pub fn shared_required() -> bool {
    std::env::var_os("AWS_LITE_REQUIRE_SHARED").is_some() || std::env::var_os("CI").is_some()
}

/// A folder of the reference material in `../shared` (outside the repository): `Some` when it
/// exists; `None` when it does not and it is not required (the caller reports its tests as
/// ignored); a panic when it is required.
pub fn shared_dir(sub: &str) -> Option<PathBuf> {
    let dir = root().join("../shared").join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(!shared_required(), "../shared/{sub} is required here (CI) but missing");
    None
}
