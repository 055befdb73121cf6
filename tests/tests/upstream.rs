//! The real upstream models (read from `../shared/aws-models/`, skipped with a notice where
//! absent): they all load, and our three operations generate from the current models too.

use codegen::manifest::{Manifest, ServiceEntry};
use codegen::select::Operations;

const MODELS: &[&str] = &[
    "mpa.json",
    "athena.json",
    "emr.json",
    "lambda.json",
    "dynamodb.json",
    "seed-era/mpa.json",
    "seed-era/athena.json",
    "seed-era/emr.json",
];

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn all_upstream_models_load() {
    let dir = tests::upstream_models();
    for name in MODELS {
        let (model, warnings) = codegen::model::load_files(&[dir.join(name)]).unwrap_or_else(|e| panic!("{e}"));
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_eq!(model.services().count(), 1, "{name}");
        let service = model.services().next().unwrap().id.clone();
        let operations = codegen::select::service_operations(&model, &service).unwrap();
        assert!(operations.len() > 20, "{name}: {} operations", operations.len());
    }
}

/// The manifest of our three operations, pointed at other model files.
fn our_operations(mpa: &str, athena: &str, emr: &str) -> Manifest {
    let dir = tests::upstream_models();
    let entry = |file: &str, op: &str| ServiceEntry {
        models: vec![dir.join(file)],
        service: None,
        operations: Operations::Named(vec![op.to_string()]),
        module: None,
    };
    // The crate's name and version as codegen.toml has them.
    let ours = Manifest::load(&tests::root().join("codegen.toml")).unwrap();
    Manifest {
        crate_name: ours.crate_name,
        version: ours.version,
        services: vec![entry(athena, "GetSession"), entry(emr, "GetStudioSessionMapping"), entry(mpa, "GetSession")],
        out: ours.out,
    }
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn our_operations_generate_from_the_current_models() {
    let manifest = our_operations("mpa.json", "athena.json", "emr.json");
    let files = codegen::generate(&manifest).unwrap_or_else(|e| panic!("{e}")).files;
    let athena = &files["src/athena/types.rs"];
    assert!(athena.contains("pub struct MonitoringConfiguration"), "the new Athena shapes are generated");
    assert!(athena.contains("pub(crate) classifications:"));
    let mpa = &files["src/mpa/types.rs"];
    assert!(mpa.contains("AllApproversInSession"), "the new MPA enum value is generated");
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn seed_era_models_generate_what_models_hold() {
    // Our models/ are the seed-era closures: generating from the full seed-era files gives the
    // same bytes as generating from the trimmed files in models/.
    let from_seed = our_operations("seed-era/mpa.json", "seed-era/athena.json", "seed-era/emr.json");
    let ours = Manifest::load(&tests::root().join("codegen.toml")).unwrap();
    assert_eq!(codegen::generate(&from_seed).unwrap().files, codegen::generate(&ours).unwrap().files);
}
