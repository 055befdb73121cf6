//! `cargo run --release -p xtask -- bench`: how long generation takes, measured over repeated
//! runs (median and fastest), so the numbers in the README come from a command anyone can rerun.

use codegen::manifest::Manifest;
use std::time::{Duration, Instant};

pub fn run(args: &[String]) -> Result<(), String> {
    let iterations = match args {
        [] => 20,
        [flag, n] if flag == "--iterations" => n.parse().map_err(|_| format!("--iterations takes a number, not `{n}`"))?,
        _ => return Err("usage: bench [--iterations N]".into()),
    };
    if cfg!(debug_assertions) {
        println!("note: a debug build; run `cargo run --release -p xtask -- bench` for real figures");
    }
    let manifest = Manifest::load(&crate::root().join("codegen.toml")).map_err(|e| e.to_string())?;
    report("codegen of codegen.toml (load, select, plan, emit, format)", iterations, || {
        codegen::generate(&manifest).map(|g| g.files.len()).map_err(|e| e.to_string())
    })?;

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
