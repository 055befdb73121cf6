//! `api.json` and `api-diff`: each kind of model change (fixture pairs in
//! `tests/fixtures/api-diff/`) is found and classified; the upstream update of our three
//! operations reports exactly what `SOURCES.md` lists; and trimming a model never changes
//! what it generates.

use codegen::api_diff::{ChangeKind, Impact, Report, Scope};
use codegen::manifest::{Manifest, ServiceEntry};
use codegen::select::Operations;
use serde_json::Value;
use std::path::PathBuf;

use ChangeKind::*;
use Impact::{Additive, Breaking};

/// The api.json generated for a manifest.
fn api_of(manifest: &Manifest) -> Value {
    let files = codegen::generate(manifest).unwrap_or_else(|e| panic!("{e}")).files;
    serde_json::from_str(&files["api.json"]).expect("api.json is JSON")
}

/// The api.json of a fixture of `tests/fixtures/api-diff/`, every operation, crate version 1.2.3.
fn fixture_api(name: &str) -> Value {
    let mut manifest = tests::manifest_for(&[tests::fixture(&format!("api-diff/{name}"))], Operations::All);
    manifest.version = "1.2.3".into();
    api_of(&manifest)
}

fn fixture_report(old: &str, new: &str) -> Report {
    codegen::api_diff::diff(&fixture_api(old), &fixture_api(new)).unwrap()
}

/// An expected change: where, what, about what, and its classification.
type Expected<'a> = (Scope, ChangeKind, &'a str, Impact);

fn ty(name: &str) -> Scope {
    Scope::Type(name.into())
}

fn op(name: &str) -> Scope {
    Scope::Operation(name.into())
}

/// Every expected change is in the report, classified as expected, and nothing else is.
fn assert_changes(report: &Report, service: &str, expected: &[Expected]) {
    let text = report.render();
    for (scope, kind, subject, impact) in expected {
        let found = report
            .changes
            .iter()
            .find(|c| c.service == service && &c.scope == scope && c.kind == *kind && c.subject == *subject)
            .unwrap_or_else(|| panic!("missing {kind:?} of `{subject}` in {scope:?}:\n{text}"));
        assert_eq!(found.impact, *impact, "{kind:?} of `{subject}`:\n{text}");
        assert!(text.contains(&found.detail), "the text shows `{}`", found.detail);
    }
    assert_eq!(report.changes.len(), expected.len(), "unexpected changes:\n{text}");
}

#[test]
fn api_json_describes_the_public_api() {
    let api = fixture_api("base.json");
    assert_eq!(api["crate"], "fixture");
    assert_eq!(api["version"], "1.2.3");
    let service = &api["services"][0];
    assert_eq!(service["module"], "widgets");
    assert_eq!(service["shape"], "fixture.diff#Widgets");
    assert_eq!(service["version"], "2024-01-01");
    let get = &service["operations"][1];
    assert_eq!(get["module"], "get_widget");
    assert_eq!(get["input"]["name"], "GetWidgetInput");
    assert_eq!(get["input"]["build_returns_result"], false);
    assert_eq!(
        get["input"]["members"][0],
        serde_json::json!({ "name": "id", "smithy_name": "Id", "type": "Option<String>", "optional": true })
    );
    assert_eq!(get["output"]["members"][0]["type"], "Option<crate::widgets::types::Widget>");
    assert_eq!(get["errors"], serde_json::json!(["NotFound"]));
    let types = service["types"].as_array().unwrap();
    let names: Vec<&str> = types.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Color", "Outline", "Widget"]);
    assert_eq!(types[0]["kind"], "enum");
    assert_eq!(types[0]["values"][0], serde_json::json!({ "name": "Red", "value": "red" }));
    assert_eq!(types[1]["members"][0]["type"], "f64");
    let widget = &types[2];
    assert_eq!(widget["build_returns_result"], true);
    assert_eq!(widget["members"][0]["type"], "String");
    assert_eq!(widget["members"][0]["optional"], false);
    assert_eq!(widget["members"][2]["type"], "Option<i32>");
    assert_eq!(service["errors"][0]["name"], "NotFound");
}

#[test]
fn member_added() {
    let report = fixture_report("base.json", "member-added.json");
    assert_changes(&report, "widgets", &[(ty("Widget"), MemberAdded, "Widget.weight", Additive)]);
    assert_eq!(report.suggested_version().unwrap().1, "1.3.0");
}

#[test]
fn required_member_added() {
    let report = fixture_report("base.json", "required-member-added.json");
    assert_changes(
        &report,
        "widgets",
        &[
            // Input builders never fail: a required input member is still an `Option`.
            (op("get_widget"), MemberAdded, "GetWidgetInput.version", Additive),
            // `Widget`'s build() already returned a Result; now it fails without `owner` too.
            (ty("Widget"), MemberAdded, "Widget.owner", Breaking),
            // `NotFound`'s build() did not return a Result; now it does.
            (Scope::Error("NotFound".into()), BuilderChanged, "NotFound", Breaking),
            (Scope::Error("NotFound".into()), MemberAdded, "NotFound.code", Breaking),
        ],
    );
    assert_eq!(report.suggested_version().unwrap().1, "2.0.0");
}

#[test]
fn member_removed() {
    let report = fixture_report("base.json", "member-removed.json");
    assert_changes(&report, "widgets", &[(ty("Widget"), MemberRemoved, "Widget.size", Breaking)]);
}

#[test]
fn enum_value_added_and_removed() {
    let report = fixture_report("base.json", "enum-values.json");
    assert_changes(
        &report,
        "widgets",
        &[(ty("Color"), EnumValueAdded, "blue", Additive), (ty("Color"), EnumValueRemoved, "green", Breaking)],
    );
}

#[test]
fn member_type_and_optionality_changed() {
    let report = fixture_report("base.json", "type-changed.json");
    assert_changes(
        &report,
        "widgets",
        &[
            (ty("Widget"), MemberOptionalityChanged, "Widget.color", Breaking),
            (ty("Widget"), MemberTypeChanged, "Widget.size", Breaking),
        ],
    );
    let text = report.render();
    assert!(text.contains("`Option<i32>` → `Option<i64>`"), "{text}");
    assert!(text.contains("`Option<crate::widgets::types::Color>` → `crate::widgets::types::Color`"), "{text}");
}

#[test]
fn union_member_added() {
    let report = fixture_report("base.json", "union-member-added.json");
    assert_changes(&report, "widgets", &[(ty("Outline"), UnionMemberAdded, "Outline::Triangle", Additive)]);
}

#[test]
fn operation_added_and_removed() {
    let report = fixture_report("base.json", "operations.json");
    assert_changes(
        &report,
        "widgets",
        &[(op("put_widget"), OperationAdded, "put_widget", Additive), (op("delete_widget"), OperationRemoved, "delete_widget", Breaking)],
    );
}

#[test]
fn error_added_and_removed() {
    let report = fixture_report("base.json", "error-added.json");
    let throttled = Scope::Error("Throttled".into());
    assert_changes(
        &report,
        "widgets",
        &[(op("get_widget"), ErrorAdded, "Throttled", Additive), (throttled.clone(), TypeAdded, "Throttled", Additive)],
    );
    let report = fixture_report("error-added.json", "base.json");
    assert_changes(
        &report,
        "widgets",
        &[(op("get_widget"), ErrorRemoved, "Throttled", Breaking), (throttled, TypeRemoved, "Throttled", Breaking)],
    );
}

#[test]
fn no_change_is_no_api_change() {
    let report = fixture_report("base.json", "base.json");
    assert!(report.changes.is_empty());
    assert!(report.render().starts_with("No API change"));
    assert_eq!(report.suggested_version().unwrap().1, "1.2.4");
}

/// `codegen.toml` with every service's models replaced by the shared upstream file of that name.
fn upstream_manifest(dir: &std::path::Path) -> (Manifest, Manifest) {
    let mut ours = Manifest::load(&tests::root().join("codegen.toml")).unwrap();
    // A fixed version, so the suggested bump does not depend on the current release.
    ours.version = "0.1.0".into();
    let mut upstream = ours.clone();
    for entry in &mut upstream.services {
        let file = entry.models[0].file_name().unwrap().to_owned();
        entry.models = vec![dir.join(file)];
    }
    (ours, upstream)
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn the_upstream_update_reports_exactly_what_sources_md_lists() {
    let dir = tests::upstream_models();
    let (ours, upstream) = upstream_manifest(&dir);
    let report = codegen::api_diff::diff(&api_of(&ours), &api_of(&upstream)).unwrap();
    println!("{}", report.render());
    let mut expected: Vec<(&str, Expected)> = vec![
        (
            "athena",
            (op("get_session"), MemberAdded, "GetSessionOutput.monitoring_configuration", Additive),
        ),
        ("athena", (ty("EngineConfiguration"), MemberAdded, "EngineConfiguration.classifications", Additive)),
        (
            "athena",
            (ty("SessionConfiguration"), MemberAdded, "SessionConfiguration.session_idle_timeout_in_minutes", Additive),
        ),
        // `@required` → `@default(20)` + `@addedDefault`: we keep `@addedDefault` members
        // optional, so `i32` becomes `Option<i32>` (breaking), and EngineConfiguration's
        // builder, whose only required member it was, stops returning a Result (breaking).
        (
            "athena",
            (ty("EngineConfiguration"), MemberOptionalityChanged, "EngineConfiguration.max_concurrent_dpus", Breaking),
        ),
        ("athena", (ty("EngineConfiguration"), BuilderChanged, "EngineConfiguration", Breaking)),
        ("mpa", (ty("SessionStatusCode"), EnumValueAdded, "ALL_APPROVERS_IN_SESSION", Additive)),
    ];
    // The new shapes that become Rust types (the other eleven are strings, lists, maps, numbers).
    for new_type in [
        "Classification",
        "CloudWatchLoggingConfiguration",
        "ManagedLoggingConfiguration",
        "MonitoringConfiguration",
        "S3LoggingConfiguration",
    ] {
        expected.push(("athena", (ty(new_type), TypeAdded, new_type, Additive)));
    }
    for service in ["athena", "mpa"] {
        let mine: Vec<Expected> = expected.iter().filter(|(s, _)| *s == service).map(|(_, e)| e.clone()).collect();
        let only = Report {
            changes: report.changes.iter().filter(|c| c.service == service).cloned().collect(),
            ..report.clone()
        };
        assert_changes(&only, service, &mine);
    }
    assert!(report.changes.iter().all(|c| c.service != "emr"), "EMR did not change");
    let detail = |subject: &str| &report.changes.iter().find(|c| c.subject == subject).unwrap().detail;
    assert!(detail("EngineConfiguration.max_concurrent_dpus").contains("`i32` → `Option<i32>`"));
    assert!(report.render().contains("`@addedDefault`"), "the text explains the optionality change");
    assert_eq!(report.suggested_version().unwrap().1, "0.2.0");
}

/// The first three operations of a model's service, plus `extra` where the service has it.
fn some_operations(model: &std::path::Path, extra: &str) -> Vec<String> {
    let (m, _) = codegen::model::load_files(&[model.to_path_buf()]).unwrap();
    let service = m.services().next().unwrap().id.clone();
    let all = codegen::select::service_operations(&m, &service).unwrap();
    let mut names: Vec<String> = all.iter().take(3).map(|(id, _)| id.name().to_string()).collect();
    if all.iter().any(|(id, _)| id.name() == extra) && !names.iter().any(|n| n == extra) {
        names.push(extra.to_string());
    }
    names
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn trimming_a_model_never_changes_what_it_generates() {
    let dir = tests::upstream_models();
    let tmp = tests::temp_dir("trim-round-trip");
    let models = [
        ("mpa.json", "GetSession"),
        ("athena.json", "GetSession"),
        ("emr.json", "GetStudioSessionMapping"),
        ("lambda.json", ""),
        ("dynamodb.json", ""),
        ("seed-era/mpa.json", "GetSession"),
        ("seed-era/athena.json", "GetSession"),
        ("seed-era/emr.json", "GetStudioSessionMapping"),
    ];
    let mut failures = Vec::new();
    for (name, ours) in models {
        let full: PathBuf = dir.join(name);
        let names = some_operations(&full, ours);
        assert!(names.len() >= 3, "{name}: {names:?}");
        println!("{name}: {}", names.join(", "));
        let operations = Operations::Named(names);
        let trimmed = tmp.join(name.replace('/', "-"));
        std::fs::write(&trimmed, codegen::trim(std::slice::from_ref(&full), None, &operations).unwrap()).unwrap();
        let generate = |model: PathBuf| {
            let manifest = Manifest {
                crate_name: "trim".into(),
                version: "0.0.0".into(),
                services: vec![ServiceEntry { models: vec![model], service: None, operations: operations.clone(), module: None }],
                out: std::path::PathBuf::from("generated"),
            };
            codegen::generate(&manifest).unwrap_or_else(|e| panic!("{name}: {e}")).files
        };
        let (from_full, from_trimmed) = (generate(full), generate(trimmed));
        let differing: Vec<&String> = from_full
            .keys()
            .chain(from_trimmed.keys())
            .filter(|path| from_full.get(*path) != from_trimmed.get(*path))
            .collect();
        if !differing.is_empty() {
            failures.push(format!("{name} {operations:?}: {differing:?}"));
        }
    }
    assert!(failures.is_empty(), "trimmed models generate differently:\n{}", failures.join("\n"));
}
