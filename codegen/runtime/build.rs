//! For the runtime's own tests (this script is not part of generated crates): sets `cfg(shared)` when the reference material in `../shared` is there (or CI requires it),
//! so tests that need it run; elsewhere they show as ignored, never as passed.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared)");
    println!("cargo::rerun-if-env-changed=AWS_LITE_REQUIRE_SHARED");
    println!("cargo::rerun-if-env-changed=CI");
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    println!("cargo::rerun-if-changed={}", shared.display());
    let required = std::env::var_os("AWS_LITE_REQUIRE_SHARED").is_some() || std::env::var_os("CI").is_some();
    if required || shared.is_dir() {
        println!("cargo::rustc-cfg=shared");
    }
}
