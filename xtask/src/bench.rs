//! `cargo run --release -p xtask -- bench`: how long generation takes, measured over repeated
//! runs (median and fastest), so the numbers in the README come from a command anyone can rerun.
//! `bench --against-sdk` is the comparison with the AWS SDK for Rust (`against_sdk.rs`).

use codegen::manifest::Manifest;
use std::time::{Duration, Instant};

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().is_some_and(|a| a == "--against-sdk") {
        return crate::against_sdk::run(&args[1..]);
    }
    let iterations = match args {
        [] => 20,
        [flag, n] if flag == "--iterations" => n.parse().map_err(|_| format!("--iterations takes a number, not `{n}`"))?,
        _ => return Err("usage: bench [--iterations N] | bench --against-sdk [--calls N] [--skip-builds] [--out FILE]".into()),
    };
    if cfg!(debug_assertions) {
        println!("note: a debug build; run `cargo run --release -p xtask -- bench` for real figures");
    }
    let manifest = Manifest::load(&crate::root().join("codegen.toml")).map_err(|e| e.to_string())?;
    report("codegen of codegen.toml (load, select, plan, emit, format)", iterations, || {
        codegen::generate(&manifest).map(|g| g.files.len()).map_err(|e| e.to_string())
    })?;

    endpoint_resolution(iterations)?;

    idl_loading(iterations)?;

    let shared = crate::root().join("../shared/aws-models");
    if !shared.is_dir() {
        println!("skipping the upstream models: ../shared/aws-models not found");
        return Ok(());
    }
    let models: Vec<_> =
        ["mpa", "athena", "emr", "lambda", "dynamodb"].iter().map(|m| shared.join(format!("{m}.json"))).collect();
    report("loading the five upstream models (each file on its own)", iterations, || {
        let mut shapes = 0;
        for model in &models {
            let (model, _) = codegen::model::load_files(std::slice::from_ref(model)).map_err(|e| e.to_string())?;
            shapes += model.shapes().count();
        }
        Ok(shapes)
    })
}

fn report(what: &str, iterations: usize, mut f: impl FnMut() -> Result<usize, String>) -> Result<(), String> {
    let mut times: Vec<Duration> = Vec::with_capacity(iterations);
    let mut size = 0;
    for _ in 0..iterations.max(1) {
        let start = Instant::now();
        size = std::hint::black_box(f()?);
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    println!("{what}: median {median:.1?}, fastest {:.1?} over {} runs ({size} items)", times[0], times.len());
    Ok(())
}

/// One endpoint resolution with the generated crates' engine: Athena's rule set (from our model)
/// for `us-east-1`, parsed once (the generated clients carry the same parsed form as static data,
/// and resolve once per configuration).
fn endpoint_resolution(iterations: usize) -> Result<(), String> {
    use runtime::endpoint::{Params, Partitions, RuleSet};
    let model: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::root().join("models/athena.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let rules = model["shapes"]["com.amazonaws.athena#AmazonAthena"]["traits"]["smithy.rules#endpointRuleSet"].to_string();
    let rules = RuleSet::parse(&rules).map_err(|e| e.to_string())?;
    let partitions = Partitions::parse(codegen::DEFAULT_PARTITIONS).map_err(|e| e.to_string())?;
    let params = Params::new().with("Region", "us-east-1").with("UseFIPS", false).with("UseDualStack", false);
    const PER_RUN: usize = 10_000;
    report(&format!("endpoint resolution, Athena us-east-1 (x{PER_RUN})"), iterations, || {
        let mut n = 0;
        for _ in 0..PER_RUN {
            let endpoint = rules.resolve(std::hint::black_box(&params), &partitions).map_err(|e| e.to_string())?;
            n += endpoint.url.len();
        }
        Ok(n)
    })
}

/// Loading every protocol-test and trait file of `../shared/smithy` (IDL) into one model:
/// read, parse, resolve, assemble, flatten.
fn idl_loading(iterations: usize) -> Result<(), String> {
    let dirs = ["protocol-tests", "traits"].map(|d| crate::root().join("../shared/smithy").join(d));
    if !dirs.iter().all(|d| d.is_dir()) {
        println!("skipping IDL loading: ../shared/smithy not found");
        return Ok(());
    }
    fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                collect(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "smithy") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for dir in &dirs {
        collect(dir, &mut files).map_err(|e| e.to_string())?;
    }
    files.sort();
    let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let what = format!("loading the protocol-test and trait IDL files ({} files, {:.1} MB)", files.len(), bytes as f64 / 1e6);
    report(&what, iterations, || {
        let (model, _) = codegen::model::load_files(&files).map_err(|e| e.to_string())?;
        Ok(model.shapes().count())
    })
}
