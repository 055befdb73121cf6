//! The endpointTests loader and checker shared with `cargo xtask endpoint-tests` (the
//! `endpoint-cases` crate), on small hand-written models: BDD-only services, malformed cases,
//! operation inputs, failure reports.

use std::path::Path;

use endpoint_cases::{check_case, load_model, run_to, Expect};
use runtime::endpoint::{ParamValue, Partitions};

fn partitions_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../models/partitions.json")
        .to_string_lossy()
        .into_owned()
}

fn partitions() -> Partitions {
    Partitions::parse(&std::fs::read_to_string(partitions_path()).unwrap()).unwrap()
}

const RULES: &str = r#"{"version": "1.0",
  "parameters": {"Region": {"type": "String", "builtIn": "AWS::Region"},
                 "Bucket": {"type": "String"}, "Keys": {"type": "stringArray"}, "Mode": {"type": "String"}},
  "rules": [{"type": "endpoint",
             "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}, {"fn": "isSet", "argv": [{"ref": "Bucket"}]},
                            {"fn": "getAttr", "argv": [{"ref": "Keys"}, "[0]"], "assign": "k"},
                            {"fn": "isSet", "argv": [{"ref": "Mode"}]}],
             "endpoint": {"url": "https://{Bucket}.{k}.{Mode}.{Region}",
                          "headers": {"x-k": ["{k}"]}, "properties": {"p": {"region": "{Region}"}}}},
            {"type": "error", "conditions": [], "error": "incomplete"}]}"#;

fn model(tests: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
  "ex#Svc": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Put"}}],
             "traits": {{"smithy.rules#endpointRuleSet": {RULES}, "smithy.rules#endpointTests": {tests}}}}},
  "ex#Put": {{"type": "operation", "input": {{"target": "ex#PutInput"}},
             "traits": {{"smithy.rules#staticContextParams": {{"Mode": {{"value": "static"}}}},
                        "smithy.rules#operationContextParams": {{"Keys": {{"path": "Items[*].Key"}}}}}}}},
  "ex#PutInput": {{"type": "structure", "members": {{
      "Name": {{"target": "smithy.api#String", "traits": {{"smithy.rules#contextParam": {{"name": "Bucket"}}}}}},
      "Items": {{"target": "ex#Items"}}}}}},
  "ex#Odd": {{"type": "operation", "traits": {{"smithy.rules#operationContextParams": {{"Keys": {{"path": "length(Items)"}}}}}}}}
}}}}"#
    )
}

const PASSING: &str = r#"{"version": "1.0", "testCases": [
  {"documentation": "all from params",
   "params": {"Region": "us-east-1", "Bucket": "b", "Keys": ["k1", "k2"], "Mode": "m"},
   "expect": {"endpoint": {"url": "https://b.k1.m.us-east-1", "headers": {"x-k": ["k1"]},
                           "properties": {"p": {"region": "us-east-1"}}}}},
  {"documentation": "derived from an operation call",
   "params": {"Region": "eu-west-1", "Bucket": "n", "Keys": ["a", "b"], "Mode": "static"},
   "operationInputs": [{"operationName": "Put", "builtInParams": {"AWS::Region": "eu-west-1", "AWS::Other": "x"},
                        "operationParams": {"Name": "n", "Items": [{"Key": "a"}, {"Key": "b"}, {"Other": 1}]}}],
   "expect": {"endpoint": {"url": "https://n.a.static.eu-west-1", "headers": {"x-k": ["a"]},
                           "properties": {"p": {"region": "eu-west-1"}}}}},
  {"documentation": "missing pieces", "expect": {"error": "incomplete"}}]}"#;

#[test]
fn passing_cases_including_operation_inputs() {
    let services = load_model("ex", &model(PASSING)).unwrap();
    assert_eq!(services.len(), 1);
    let service = &services[0];
    assert_eq!(
        (
            service.model.as_str(),
            service.service.as_str(),
            service.cases.len()
        ),
        ("ex", "ex#Svc", 3)
    );
    let derived = service.cases[1].spec.as_ref().unwrap().operation_inputs[0]
        .params
        .as_ref()
        .unwrap();
    assert_eq!(
        derived.get("Region"),
        Some(&ParamValue::String("eu-west-1".into()))
    );
    assert_eq!(derived.get("Bucket"), Some(&ParamValue::String("n".into())));
    assert_eq!(
        derived.get("Mode"),
        Some(&ParamValue::String("static".into()))
    );
    assert_eq!(
        derived.get("Keys"),
        Some(&ParamValue::StringArray(vec!["a".into(), "b".into()]))
    );
    for case in &service.cases {
        assert_eq!(
            check_case(service, case, &partitions()),
            Ok(Vec::new()),
            "case {}",
            case.index
        );
    }
    assert!(
        matches!(service.cases[2].spec.as_ref().unwrap().expect, Expect::Error(ref m) if m == "incomplete")
    );
}

#[test]
fn failures_show_expected_and_got() {
    let tests = r#"{"version": "1.0", "testCases": [
      {"documentation": "wrong url", "params": {"Region": "r", "Bucket": "b", "Keys": ["k"], "Mode": "m"},
       "expect": {"endpoint": {"url": "https://other", "headers": {"x-k": ["k"]}, "properties": {"p": {"region": "r"}}}}},
      {"documentation": "headers must match too", "params": {"Region": "r", "Bucket": "b", "Keys": ["k"], "Mode": "m"},
       "expect": {"endpoint": {"url": "https://b.k.m.r", "properties": {"p": {"region": "r"}}}}},
      {"documentation": "wrong message", "params": {}, "expect": {"error": "other"}},
      {"documentation": "operation input disagrees", "params": {"Region": "r", "Bucket": "n", "Keys": ["a"], "Mode": "static"},
       "operationInputs": [{"operationName": "Put", "builtInParams": {"AWS::Region": "r"}, "operationParams": {"Name": "zzz", "Items": [{"Key": "a"}]}}],
       "expect": {"endpoint": {"url": "https://n.a.static.r", "headers": {"x-k": ["a"]}, "properties": {"p": {"region": "r"}}}}}]}"#;
    let services = load_model("ex", &model(tests)).unwrap();
    let s = &services[0];
    let fail = |i: usize| check_case(s, &s.cases[i], &partitions()).unwrap_err();
    assert_eq!(
        fail(0),
        "  expected: endpoint https://other headers {\"x-k\":[\"k\"]} properties {\"p\":{\"region\":\"r\"}}\n  \
         got:      endpoint https://b.k.m.r headers {\"x-k\":[\"k\"]} properties {\"p\":{\"region\":\"r\"}}"
    );
    assert!(
        fail(1).starts_with("  expected: endpoint https://b.k.m.r headers {} properties"),
        "{}",
        fail(1)
    );
    assert_eq!(
        fail(2),
        "  expected: error \"other\"\n  got:      error \"incomplete\""
    );
    assert!(
        fail(3).starts_with(
            "  via operationInputs[0] (Put):\n  expected: endpoint https://n.a.static.r"
        ),
        "{}",
        fail(3)
    );
    assert!(
        fail(3).contains("got:      endpoint https://zzz.a.static.r"),
        "{}",
        fail(3)
    );
}

#[test]
fn malformed_cases_and_underivable_inputs_are_reported() {
    let tests = r#"{"version": "1.0", "testCases": [
      {"documentation": "no expect", "params": {}},
      {"documentation": "both", "params": {}, "expect": {"error": "x", "endpoint": {"url": "u"}}},
      {"documentation": "bad param", "params": {"Keys": "not-a-list"}, "expect": {"error": "incomplete"}},
      {"documentation": "odd path", "params": {}, "operationInputs": [{"operationName": "Odd"}], "expect": {"error": "incomplete"}}]}"#;
    let services = load_model("ex", &model(tests)).unwrap();
    let s = &services[0];
    let result = |i: usize| check_case(s, &s.cases[i], &partitions());
    assert_eq!(
        result(0),
        Err("  malformed test case: missing `expect`".into())
    );
    assert_eq!(
        result(1),
        Err(
            "  malformed test case: `expect` must hold exactly one of `endpoint` and `error`"
                .into()
        )
    );
    assert_eq!(
        result(2),
        Err("  malformed test case: parameter value \"not-a-list\" is not a stringArray".into())
    );
    assert_eq!(
        result(3),
        Ok(vec!["operationInputs[0] (Odd) not checked: unsupported operationContextParams path `length(Items)`".into()])
    );
}

#[test]
fn a_bdd_only_service_is_unsupported_and_its_cases_fail() {
    let text = r#"{"smithy": "2.0", "shapes": {"ex#Svc": {"type": "service", "traits": {
        "smithy.rules#endpointBdd": {"version": "1.1", "parameters": {}, "conditions": [], "results": [], "nodes": ""},
        "smithy.rules#endpointTests": {"version": "1.0", "testCases": [{"params": {}, "expect": {"error": "e"}}]}}}}}"#;
    let services = load_model("bdd", text).unwrap();
    let expected = "ex#Svc: unsupported: only `smithy.rules#endpointBdd` is present (no `smithy.rules#endpointRuleSet`)";
    assert_eq!(services[0].rules.as_ref().unwrap_err(), expected);
    assert_eq!(
        check_case(&services[0], &services[0].cases[0], &partitions()),
        Err(format!("  cannot run: {expected}"))
    );
}

#[test]
fn the_command_reports_each_failure_and_ends_with_the_totals() {
    let dir = std::env::temp_dir().join(format!("endpoint-harness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let passing = dir.join("ok.json");
    let failing = dir.join("bad.json");
    std::fs::write(&passing, model(PASSING)).unwrap();
    std::fs::write(&failing, model(r#"{"version": "1.0", "testCases": [{"documentation": "d", "params": {}, "expect": {"error": "nope"}}]}"#))
        .unwrap();
    let args: Vec<String> = [
        "--partitions",
        &partitions_path(),
        "--model",
        &passing.to_string_lossy(),
        "--model",
        &failing.to_string_lossy(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut out = Vec::new();
    let all_passed = run_to(&args, &mut out).unwrap();
    let report = String::from_utf8(out).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!all_passed);
    assert!(report.contains("FAIL bad::case_000 (ex#Svc): d\n  expected: error \"nope\"\n  got:      error \"incomplete\"\n"), "{report}");
    assert_eq!(report.lines().last(), Some("3 passed, 1 failed"));

    let mut out = Vec::new();
    assert_eq!(
        run_to(&["--model".to_string()], &mut out),
        Err("--model needs a FILE".into())
    );
    assert_eq!(
        run_to(&["--bogus".to_string()], &mut out),
        Err("unknown argument `--bogus` (see --help)".into())
    );
    assert_eq!(
        run_to(&[], &mut out),
        Err("no --model given (see --help)".into())
    );
}
