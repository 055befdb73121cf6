//! Waiters at generation time: every waiter of the upstream models generates (compiling them is
//! CI's: `.ci/run` builds the crates), the checked-in `tests/upstream-waiters` is what the
//! upstream models give, and a waiter the generator cannot compile faithfully is one error
//! naming the operation, the waiter and the part, never code that is silently wrong.

use codegen::manifest::{Manifest, ServiceEntry};
use codegen::select::Operations;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tests::{fixture, root, temp_dir};

/// Each operation with waiters of a JSON AST model, with its waiters' names; and the model's
/// protocol trait.
fn waitable_operations(model: &Value) -> (BTreeMap<String, Vec<String>>, Option<String>) {
    let shapes = model["shapes"].as_object().expect("shapes");
    let mut operations = BTreeMap::new();
    let mut protocol = None;
    for (id, shape) in shapes {
        let traits = shape.get("traits").and_then(Value::as_object);
        if shape["type"] == "service" {
            protocol = traits.and_then(|t| t.keys().find(|k| k.starts_with("aws.protocols#") && !k.contains("Compatible")).cloned());
        }
        if let Some(Value::Object(waiters)) = traits.and_then(|t| t.get("smithy.waiters#waitable")) {
            let name = id.rsplit_once('#').expect("an absolute id").1.to_string();
            operations.insert(name, waiters.keys().cloned().collect());
        }
    }
    (operations, protocol)
}

fn entry(model: PathBuf, operations: &[String]) -> ServiceEntry {
    ServiceEntry { models: vec![model], service: None, operations: Operations::Named(operations.to_vec()), module: None }
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn every_upstream_waiter_generates() {
    let dir = tests::upstream_models();
    let upstream = Manifest::load(&fixture("upstream-waiters.toml")).unwrap();
    let mut total = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let text = std::fs::read_to_string(path).unwrap();
        let mut model: Value = serde_json::from_str(&text).unwrap();
        if model.get("shapes").is_none() {
            continue; // the partitions tables
        }
        let (operations, protocol) = waitable_operations(&model);
        if operations.is_empty() {
            continue;
        }
        let names: Vec<String> = operations.keys().cloned().collect();
        let protocol = protocol.expect("a protocol");
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let supported = ["aws.protocols#awsJson1_0", "aws.protocols#awsJson1_1", "aws.protocols#restJson1"].contains(&protocol.as_str());
        let manifest = if supported {
            // Those the generator supports are all in the checked-in crate.
            let listed = upstream.services.iter().find(|s| s.models[0].ends_with(&file)).unwrap_or_else(|| panic!("{file} is missing from upstream-waiters.toml"));
            assert_eq!(listed.operations, Operations::Named(names.clone()), "{file}: the operations with waiters");
            Manifest { services: vec![listed.clone()], ..upstream.clone() }
        } else {
            // awsQuery (IAM) and restXml (S3) are not protocols the generator writes, but waiter
            // code does not depend on the protocol: the service generates with its protocol
            // trait swapped for awsJson1_0, and its waiters are those of the real model.
            let shapes = model["shapes"].as_object_mut().unwrap();
            let service = shapes.values_mut().find(|s| s["type"] == "service").unwrap();
            let traits = service["traits"].as_object_mut().unwrap();
            traits.remove(&protocol);
            traits.insert("aws.protocols#awsJson1_0".into(), serde_json::json!({}));
            let out = temp_dir(&format!("swapped-{file}"));
            let swapped = out.join(&file);
            std::fs::write(&swapped, serde_json::to_string(&model).unwrap()).unwrap();
            Manifest { services: vec![entry(swapped, &names)], ..upstream.clone() }
        };
        let planned = codegen::plan(&manifest).unwrap_or_else(|e| panic!("{file}: {e}"));
        let service = &planned.plan.services[0];
        let generated = codegen::generate_planned(&planned.plan, vec![]).unwrap_or_else(|e| panic!("{file}: {e}"));
        let waiters_file = &generated.files[&format!("src/{}/waiters.rs", service.module)];
        let client_file = &generated.files[&format!("src/{}/client.rs", service.module)];
        for (operation, waiters) in &operations {
            for name in waiters {
                let plan = service.waiters.iter().find(|w| &w.name == name).unwrap_or_else(|| panic!("{file}: {name} not planned"));
                assert_eq!(plan.operation.name(), operation);
                assert!(waiters_file.contains(&format!("pub struct {name}Waiter")), "{file}: {name}");
                assert!(client_file.contains(&format!("pub fn {}(", plan.method)), "{file}: {}", plan.method);
                total += 1;
            }
        }
    }
    // EMR 3, Lambda 6, DynamoDB 2, IAM 4, S3 4.
    assert_eq!(total, 19);
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn checked_in_upstream_waiters_crate_is_fresh() {
    tests::upstream_models();
    let manifest = Manifest::load(&fixture("upstream-waiters.toml")).unwrap();
    let files = codegen::generate(&manifest).unwrap().files;
    let stale = codegen::write::check(&root().join("tests/upstream-waiters"), &files).unwrap();
    assert!(
        stale.is_empty(),
        "tests/upstream-waiters is stale, run `cargo xtask codegen --manifest tests/fixtures/upstream-waiters.toml`: {stale:?}"
    );
}

/// Generates a service of one IDL file; the error's text when it fails.
fn generate(dir: &Path, idl: &str) -> Result<codegen::Generated, String> {
    let model = dir.join("model.smithy");
    std::fs::write(&model, idl).unwrap();
    let manifest = tests::manifest_for(&[model], Operations::All);
    codegen::generate(&manifest).map_err(|e| e.to_string())
}

/// A service with `GetThing` and the given waiters.
fn with_waiters(waiters: &str) -> String {
    format!(
        r#"$version: "2"
namespace ex
use aws.protocols#awsJson1_0
use smithy.waiters#waitable

@awsJson1_0
service Things {{ version: "1", operations: [GetThing, DeleteThing] }}

@waitable({waiters})
operation GetThing {{
    input := {{ name: String, groups: Strings }}
    output := {{ status: Status, count: Integer, tags: Strings, items: Items, choice: Choice, blob: Blob }}
    errors: [NotFound]
}}

operation DeleteThing {{
    input := {{ name: String }}
}}

enum Status {{ READY, FAILED }}
list Strings {{ member: String }}
list Items {{ member: Item }}
structure Item {{ name: String }}
union Choice {{ a: String, b: Unit }}
@error("client")
structure NotFound {{}}
"#
    )
}

fn path_waiter(path: &str, comparator: &str, expected: &str) -> String {
    let path = path.replace('\\', "\\\\").replace('"', "\\\"");
    format!(r#"W: {{ acceptors: [{{ state: "success", matcher: {{ output: {{ path: "{path}", comparator: "{comparator}", expected: "{expected}" }} }} }}] }}"#)
}

#[test]
fn paths_the_subset_cannot_compile_are_errors_naming_the_part() {
    let dir = temp_dir("waiter-errors");
    for (path, comparator, expected) in [
        ("status.nope", "stringEquals", "`nope` is read from a string, which has no members"),
        ("nope", "stringEquals", "`nope` is not a member of `ex#GetThingOutput` (its members: `status`, `count`, `tags`, `items`, `choice`, `blob`)"),
        ("items.name", "anyStringEquals", "`name` is read from an array of objects (structure `Item`), which has no members (to read it from each element, project: `[].name`)"),
        ("tags[0:2]", "anyStringEquals", "a slice `[a:b]` (at offset 6) is not supported in waiter paths"),
        ("items[*].[name]", "anyStringEquals", "a multi-select list `.[a, b]` (at offset 9) is not supported in waiter paths"),
        ("choice.*", "anyStringEquals", "the object wildcard `.*` (at offset 7) is not supported"),
        ("{a: status}", "stringEquals", "a multi-select hash `{...}` (at offset 0) is not supported"),
        ("sort_by(items, &name)", "anyStringEquals", "an expression reference `&` (at offset 15) is not supported"),
        ("to_string(count)", "stringEquals", "the function `to_string()` is not supported in waiter paths (supported: `length()`, `contains()`)"),
        ("length(count) == `1`", "booleanEquals", "`length()` takes a string, an array or an object, here a number"),
        ("count", "stringEquals", "`stringEquals` compares a string, but the path gives a number"),
        ("tags", "stringEquals", "`stringEquals` compares a string, but the path gives an array of strings"),
        ("status", "allStringEquals", "`allStringEquals` compares an array of strings, but the path gives a string"),
        ("status < 'x'", "booleanEquals", "`<` orders numbers only (anything else gives null), here a string and a string"),
        ("count == 'x'", "booleanEquals", "`==` compares a number with a string, which are never equal"),
        ("status && count", "booleanEquals", "`booleanEquals` compares a boolean, but the path gives the value of `&&` or `||` between different types"),
        ("blob", "stringEquals", "`blob` is a blob, which waiter paths do not read"),
        ("choice.b", "stringEquals", "`b` is a unit member of `ex#Choice`, which waiter paths do not read"),
        ("contains(tags, `1`)", "booleanEquals", "`contains()`: an array of strings never holds a number"),
        ("status ==", "booleanEquals", "expected an expression but found the end of the expression at offset 9"),
        ("status == null", "booleanEquals", "`null` is not a member of `ex#GetThingOutput`"),
    ] {
        let err = generate(&dir, &with_waiters(&path_waiter(path, comparator, "true"))).err().unwrap_or_else(|| panic!("{path} generated"));
        // The operation (with the file and place), the waiter and the acceptor, then the part.
        assert!(err.starts_with(&format!("{}", dir.join("model.smithy").display())), "{err}");
        assert!(err.contains(&format!("ex#GetThing: waiter `W`: acceptor 1: path `{path}`: {expected}")), "{path}:\n{err}");
    }
}

#[test]
fn waiters_that_break_the_specification_are_errors() {
    let dir = temp_dir("waiter-spec-errors");
    let success = r#"{ state: "success", matcher: { success: true } }"#;
    for (waiters, expected) in [
        (r#"W: { acceptors: [{ state: "retry", matcher: { success: true } }] }"#.to_string(), "no acceptor has the `success` state"),
        (format!("W: {{ minDelay: 10, maxDelay: 5, acceptors: [{success}] }}"), "`minDelay` (10) must not exceed `maxDelay` (5)"),
        (r#"W: { acceptors: [{ state: "done", matcher: { success: true } }] }"#.to_string(), "acceptor 1: unknown state `done`"),
        (path_waiter("status", "stringEquals", "x").replace("stringEquals", "sameAs"), "unknown comparator `sameAs`"),
        (path_waiter("status == 'READY'", "booleanEquals", "yes"), "`booleanEquals` expects \"true\" or \"false\", not \"yes\""),
        (r#"W: { acceptors: [{ state: "success", matcher: { success: true, errorType: "X" } }] }"#.to_string(), "exactly one of"),
    ] {
        let err = generate(&dir, &with_waiters(&waiters)).err().unwrap_or_else(|| panic!("{waiters} generated"));
        assert!(err.contains("ex#GetThing: waiter `W`: ") && err.contains(expected), "{waiters}:\n{err}");
    }

    // Waiter names are unique in a service, ignoring case (waiters.rst, "Waiter names").
    let idl = with_waiters(&format!("ThingGone: {{ acceptors: [{success}] }}"))
        .replace("operation DeleteThing {", &format!("@waitable(THINGGONE: {{ acceptors: [{success}] }})\noperation DeleteThing {{"));
    let err = generate(&dir, &idl).err().expect("a name clash");
    assert!(err.contains("ex#GetThing: the waiter name `ThingGone` is also that of `THINGGONE` of `ex#DeleteThing`"), "{err}");

    // `output` on an operation without output.
    let idl = with_waiters(&format!("ThingGone: {{ acceptors: [{success}] }}")).replace(
        "operation DeleteThing {",
        "@waitable(Deleted: { acceptors: [{ state: \"success\", matcher: { output: { path: \"a\", comparator: \"stringEquals\", expected: \"x\" } } }] })\noperation DeleteThing {",
    );
    let err = generate(&dir, &idl).err().expect("no output");
    assert!(err.contains("ex#DeleteThing: waiter `Deleted`: acceptor 1: `output` cannot be used on an operation without output"), "{err}");
}

#[test]
fn a_waiter_resolves_its_error_types_and_delays() {
    let dir = temp_dir("waiter-plan");
    let waiters = r#"
        Gone: { minDelay: 5, acceptors: [
            { state: "success", matcher: { errorType: "ex#NotFound" } }
            { state: "success", matcher: { errorType: "Vanished" } }
        ] }
        Ready: { deprecated: true, acceptors: [
            { state: "success", matcher: { inputOutput: { path: "length(input.groups) == length(output.tags)", comparator: "booleanEquals", expected: "true" } } }
        ] }
    "#;
    let generated = generate(&dir, &with_waiters(waiters)).unwrap();
    let waiters = &generated.files["src/things/waiters.rs"];
    // A modeled error by its variant, an unknown one by its code; the delays as given, else
    // the defaults of waiters.rst (2 and 120 seconds).
    assert!(waiters.contains("if error.is_not_found()"), "{waiters}");
    assert!(waiters.contains(r#"if error.code() == ::std::option::Option::Some("Vanished")"#), "{waiters}");
    assert!(waiters.contains("min_delay: ::std::time::Duration::from_secs(5u64),\n        max_delay: ::std::time::Duration::from_secs(120u64),"), "{waiters}");
    assert!(waiters.contains("min_delay: ::std::time::Duration::from_secs(2u64),"), "{waiters}");
    let client = &generated.files["src/things/client.rs"];
    assert!(client.contains("#[deprecated(note = \"the model marks this waiter deprecated\")]\n    pub fn wait_until_ready("), "{client}");
    assert!(client.contains("pub fn wait_until_gone("), "{client}");
}

#[test]
fn acceptors_an_earlier_success_matcher_covers_are_not_emitted() {
    // `success: true` matches every output, so the path acceptors after it never decide
    // (waiters.rst, "Waiter workflow": the first acceptor that matches decides). Their
    // functions would be dead code, and an unused `input` a warning, in a crate built with
    // `-D warnings`; an `errorType` after `success: false` likewise.
    let dir = temp_dir("waiter-shadowed");
    let waiters = r#"
        W: { acceptors: [
            { state: "success", matcher: { success: true } }
            { state: "failure", matcher: { output: { path: "status", comparator: "stringEquals", expected: "FAILED" } } }
            { state: "retry", matcher: { inputOutput: { path: "input.name == output.status", comparator: "booleanEquals", expected: "true" } } }
            { state: "retry", matcher: { success: false } }
            { state: "success", matcher: { errorType: "NotFound" } }
        ] }
    "#;
    let generated = generate(&dir, &with_waiters(waiters)).unwrap();
    let file = &generated.files["src/things/waiters.rs"];
    assert!(!file.contains("fn matches_"), "{file}");
    assert!(!file.contains("is_not_found"), "{file}");
    assert!(file.contains("fn state(\n        _input:"), "{file}");
    // Each result has its one arm, and nothing is left for a fallback.
    assert!(!file.contains("_ => ::std::option::Option::None"), "{file}");
    // The documentation still lists every acceptor the model gives.
    assert!(file.contains("`failure` when `status` is the string `FAILED`"), "{file}");
}
