//! Every `smithy.rules#endpointTests` case of the upstream models, one test per case
//! (`dynamodb::case_042`), each model pinned to the partitions table of its date (SOURCES.md).
//!
//! The loader and the comparison are those of `cargo xtask endpoint-tests` (the
//! `endpoint-cases` crate). Shown as ignored where `../shared/aws-models` is absent (in CI it
//! is required).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use runtime::endpoint::Partitions;

/// Model, the partitions file it is pinned to, and its number of cases.
const MODELS: [(&str, &str, usize); 5] = [
    ("mpa", "partitions.json", 9),
    ("athena", "partitions.json", 47),
    ("emr", "partitions.json", 50),
    ("lambda", "partitions-2025-04.json", 75),
    ("dynamodb", "partitions-2025-04.json", 367),
];

fn shared_models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/aws-models")
}

fn main() {
    let args = Arguments::from_args();
    let dir = shared_models();
    if !cfg!(shared) {
        // Shown as ignored, not passed, where the upstream models are absent.
        let ignored = Trial::test("upstream_endpoint_tests_need_shared_aws_models", || Ok(()));
        libtest_mimic::run(&args, vec![ignored.with_ignored_flag(true)]).exit();
    }
    let trials = match trials(&dir) {
        Ok(trials) => trials,
        Err(e) => vec![Trial::test("load_upstream_models", move || {
            Err(Failed::from(e))
        })],
    };
    libtest_mimic::run(&args, trials).exit();
}

fn trials(dir: &Path) -> Result<Vec<Trial>, String> {
    let mut trials = Vec::new();
    let mut counts = Vec::new();
    for (model, table, expected_cases) in MODELS {
        let read = |file: &str| {
            std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))
        };
        let partitions = Arc::new(Partitions::parse(&read(table)?).map_err(|e| e.to_string())?);
        let services = endpoint_cases::load_model(model, &read(&format!("{model}.json"))?)?;
        let total: usize = services.iter().map(|s| s.cases.len()).sum();
        counts.push((model, total, expected_cases));
        for service in services {
            let service = Arc::new(service);
            for i in 0..service.cases.len() {
                let (service, partitions) = (Arc::clone(&service), Arc::clone(&partitions));
                let name = format!("{model}::case_{i:03}");
                trials.push(Trial::test(name, move || {
                    let case = &service.cases[i];
                    match endpoint_cases::check_case(&service, case, &partitions) {
                        Ok(notices) => {
                            for notice in notices {
                                println!(
                                    "note: {}: {notice}",
                                    endpoint_cases::case_label(&service, case)
                                );
                            }
                            Ok(())
                        }
                        Err(failure) => Err(format!(
                            "{}\n{failure}",
                            endpoint_cases::case_label(&service, case)
                        )
                        .into()),
                    }
                }));
            }
        }
    }
    // The models' `endpointTests` as published: 9 + 47 + 50 + 75 + 367 = 548 cases.
    trials.push(Trial::test("case_counts", move || {
        for (model, got, want) in &counts {
            if got != want {
                return Err(format!("{model}: {got} endpointTests cases, expected {want}").into());
            }
        }
        Ok(())
    }));
    // The xtask command itself, over all five models pinned as above: same totals, same verdict.
    let mut args = Vec::new();
    for (model, table, _) in MODELS {
        for (flag, file) in [
            ("--partitions", table.to_owned()),
            ("--model", format!("{model}.json")),
        ] {
            args.push(flag.to_owned());
            args.push(dir.join(file).to_string_lossy().into_owned());
        }
    }
    trials.push(Trial::test("xtask_endpoint_tests_command", move || {
        let mut out = Vec::new();
        let all_passed = endpoint_cases::run_to(&args, &mut out)?;
        let report = String::from_utf8_lossy(&out);
        let last = report.lines().last().unwrap_or("");
        if !all_passed || last != "548 passed, 0 failed" {
            return Err(format!("unexpected report (last line `{last}`):\n{report}").into());
        }
        Ok(())
    }));
    Ok(trials)
}
