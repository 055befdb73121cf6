//! `cargo xtask protocol-tests [--protocol P] [--case NAME]`: the official AWS protocol
//! compliance tests (`../shared/smithy/protocol-tests`, http-protocol-compliance-tests.rst) for
//! the JSON protocols, run against our generated clients.
//!
//! For each protocol family it generates one crate holding the family's test services with
//! every operation (through the normal pipeline), adds a `#[test]` per client case inside it
//! (`src/protocol_tests/`: the cases and the harness), and runs them with the in-memory
//! transport and no default features. It prints each failing case and, last,
//! `N passed, M failed`. A case that cannot pass is listed, with why, in
//! `tests/protocol-tests-known-failures.txt`.

mod cases;
mod render;

use codegen::manifest::{Manifest, ServiceEntry};
use codegen::select::Operations;
use quote::quote;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A protocol family: the crate's name, the protocol's name on the command line, its services.
struct Family {
    crate_name: &'static str,
    protocol: &'static str,
    services: &'static [&'static str],
}

const FAMILIES: &[Family] = &[
    Family {
        crate_name: "protocol-tests-aws-json-1-0",
        protocol: "awsJson1_0",
        services: &["aws.protocoltests.json10#JsonRpc10", "aws.protocoltests.json10#QueryCompatibleJsonRpc10"],
    },
    Family {
        crate_name: "protocol-tests-aws-json-1-1",
        protocol: "awsJson1_1",
        services: &["aws.protocoltests.json#JsonProtocol", "com.amazonaws.machinelearning#AmazonML_20141212"],
    },
    Family {
        crate_name: "protocol-tests-rest-json-1",
        protocol: "restJson1",
        services: &[
            "aws.protocoltests.restjson#RestJson",
            // Its cases are for servers, but for one client request case.
            "aws.protocoltests.restjson.validation#RestJsonValidation",
            "com.amazonaws.glacier#Glacier",
            "com.amazonaws.apigateway#BackplaneControlService",
        ],
    },
];

const USAGE: &str = "usage: cargo xtask protocol-tests [--protocol awsJson1_0|awsJson1_1|restJson1] [--case NAME] [--generate-only]";

struct Args {
    protocol: Option<String>,
    case: Option<String>,
    generate_only: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args { protocol: None, case: None, generate_only: false };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--protocol" => parsed.protocol = Some(it.next().ok_or(USAGE)?.clone()),
            "--case" => parsed.case = Some(it.next().ok_or(USAGE)?.clone()),
            "--generate-only" => parsed.generate_only = true,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if let Some(p) = &parsed.protocol {
        if !FAMILIES.iter().any(|f| f.protocol == p) {
            return Err(format!("unknown protocol `{p}`\n{USAGE}"));
        }
    }
    Ok(parsed)
}

/// Runs the command; `Ok(false)` when a case failed.
pub fn run(args: &[String]) -> Result<bool, String> {
    let args = parse(args)?;
    let shared = crate::root().join("../shared/smithy");
    let mut models = Vec::new();
    for dir in ["protocol-tests", "traits"] {
        collect(&shared.join(dir), &mut models).map_err(|e| format!("{}: {e}", shared.join(dir).display()))?;
    }
    models.sort();
    let out_root = target_dir().join("protocol-tests");
    let (mut passed, mut failed) = (0, 0);
    for family in FAMILIES.iter().filter(|f| args.protocol.as_deref().is_none_or(|p| p == f.protocol)) {
        let dir = out_root.join(family.crate_name);
        let features = generate(family, &models, &dir)?;
        if args.generate_only {
            println!("generated {}", dir.display());
            continue;
        }
        let (p, f) = run_crate(&dir, &features, args.case.as_deref())?;
        println!("{}: {p} passed, {f} failed", family.protocol);
        passed += p;
        failed += f;
    }
    if !args.generate_only {
        println!("{passed} passed, {failed} failed");
    }
    Ok(failed == 0)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
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

/// The workspace's target directory (where the test crates are built too).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| crate::root().join("target"))
}

/// Generates a family's crate with its cases into `dir`; returns its service features.
fn generate(family: &Family, models: &[PathBuf], dir: &Path) -> Result<Vec<String>, String> {
    let manifest = Manifest {
        crate_name: family.crate_name.to_string(),
        version: "0.0.0".to_string(),
        services: family
            .services
            .iter()
            .map(|s| ServiceEntry { models: models.to_vec(), service: Some(s.to_string()), operations: Operations::All, module: None })
            .collect(),
        out: dir.to_path_buf(),
    };
    let planned = codegen::plan(&manifest).map_err(|e| e.to_string())?;
    for warning in &planned.warnings {
        eprintln!("warning: {warning}");
    }
    let known = known_failures()?;
    let mut modules = Vec::new();
    let mut service_modules = Vec::new();
    for (service, (model, _)) in planned.plan.services.iter().zip(sorted_selections(&planned)) {
        let types = render::Types::new(service);
        let cases = cases::cases(model, service)?;
        let tests = cases.iter().map(|c| render::case_test(service, &types, c)).collect::<Result<Vec<_>, _>>()?;
        let impls = render::to_value_impls(&types);
        let m = render::ident(&service.module);
        modules.push(quote! {
            mod #m {
                #[allow(unused_imports)]
                use super::harness::{self, ToValue};
                #impls
                #(#tests)*
            }
        });
        service_modules.push(service.module.clone());
    }
    let known: Vec<proc_macro2::TokenStream> = known.iter().map(|(case, reason)| quote!((#case, #reason))).collect();
    let cases_file = quote! {
        //! The protocol compliance cases of this crate's services (`cargo xtask protocol-tests`).
        #![allow(non_snake_case, clippy::all, reason = "test names are the cases' ids; generated values")]

        mod harness;

        /// Cases that cannot pass, with why (`tests/protocol-tests-known-failures.txt`).
        const KNOWN_FAILURES: &[(&str, &str)] = &[#(#known),*];

        #(#modules)*
    };
    let mut files = codegen::generate_planned(&planned.plan, planned.warnings.clone()).map_err(|e| e.to_string())?.files;
    let syntax = syn::parse2::<syn::File>(cases_file).map_err(|e| format!("generated cases do not parse: {e}"))?;
    files.insert("src/protocol_tests/mod.rs".into(), prettyplease::unparse(&syntax));
    // The harness names only what the crate's runtime has (the same `ship-if` regions).
    let harness = codegen::emit::runtime::cut_regions("protocol-harness/harness.rs", include_str!("../../protocol-harness/harness.rs"), &planned.plan.needs)
        .map_err(|e| e.to_string())?;
    files.insert("src/protocol_tests/harness.rs".into(), harness);
    let lib = files.get_mut("src/lib.rs").ok_or("no lib.rs")?;
    lib.push_str("\n#[cfg(test)]\nmod protocol_tests;\n");
    codegen::write::Writer::default().write(dir, &files).map_err(|e| e.to_string())?;
    Ok(service_modules)
}

/// The selections in the order of the plan's services (sorted by module name).
fn sorted_selections(planned: &codegen::Planned) -> Vec<&(codegen::model::Model, codegen::select::Closure)> {
    planned
        .plan
        .services
        .iter()
        .filter_map(|s| planned.selections.iter().find(|(_, c)| c.service == s.shape_id))
        .collect()
}

/// `tests/protocol-tests-known-failures.txt`: `service::case  # why`, one per line.
fn known_failures() -> Result<Vec<(String, String)>, String> {
    let path = crate::root().join("tests/protocol-tests-known-failures.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('#') {
            Some((case, why)) => (case.trim().to_string(), why.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect())
}

/// Builds and runs a crate's cases; returns (passed, failed).
fn run_crate(dir: &Path, features: &[String], case: Option<&str>) -> Result<(usize, usize), String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .arg("test")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(["--lib", "--no-default-features", "--features"])
        .arg(features.join(","))
        .env("CARGO_TARGET_DIR", target_dir())
        .env("RUST_BACKTRACE", "0")
        .arg("--")
        .arg("--test-threads=2");
    // Only the cases (the crate's own unit tests are not compliance cases).
    command.arg(case.unwrap_or("protocol_tests::"));
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stdout.lines().rev().find(|l| l.starts_with("test result:"));
    let Some(summary) = summary else {
        return Err(format!("the cases of {} did not run:\n{stderr}", dir.display()));
    };
    for line in stdout.lines().filter(|l| l.starts_with("test ") && l.ends_with("FAILED")) {
        println!("{line}");
    }
    if !output.status.success() {
        // The failures' messages, as the test harness printed them.
        if let Some(start) = stdout.find("failures:") {
            println!("{}", &stdout[start..]);
        }
    }
    let count = |word: &str| -> usize {
        summary
            .split(';')
            .find_map(|part| part.trim().strip_suffix(word).and_then(|n| n.trim().rsplit(' ').next()?.parse().ok()))
            .unwrap_or(0)
    };
    Ok((count("passed"), count("failed")))
}
