//! `cargo xtask codegen` on bad input: one clear error naming the file and the shape, exit
//! code 1, no panic, and the output folder exactly as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

fn temp_dir(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = root.join("target/test-tmp").join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SERVICE: &str = r#""ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#awsJson1_1":{}}},
  "ex#Op":{"type":"operation","input":{"target":"ex#In"}}"#;

/// Runs codegen on a model text into an output folder holding one marker file; returns
/// (exit code, stderr) after checking that the folder is untouched.
fn run(name: &str, model: Option<&str>, operations: &str) -> (i32, String, String) {
    let dir = temp_dir(name);
    let model_path = dir.join("model.json");
    if let Some(text) = model {
        std::fs::write(&model_path, text).unwrap();
    }
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("marker.txt"), "before").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--model"])
        .arg(&model_path)
        .args(["--operations", operations, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let entries: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, vec![std::ffi::OsString::from("marker.txt")], "{name}: output folder changed");
    assert_eq!(std::fs::read_to_string(out.join("marker.txt")).unwrap(), "before");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    (output.status.code().unwrap_or(-1), stderr, model_path.display().to_string())
}

fn assert_error(name: &str, model: Option<&str>, operations: &str, shape: Option<&str>, reason: &str) {
    let (code, stderr, file) = run(name, model, operations);
    assert_eq!(code, 1, "{name}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{name}: one error line, got {stderr}");
    let expected_start = match shape {
        Some(shape) => format!("error: {file}: {shape}: "),
        None => format!("error: {file}: "),
    };
    assert!(stderr.starts_with(&expected_start), "{name}: {stderr}");
    assert!(stderr.contains(reason), "{name}: {stderr}");
}

#[test]
fn missing_file() {
    assert_error("missing", None, "Op", None, "cannot read model file");
}

#[test]
fn invalid_json() {
    assert_error("json", Some("{\"smithy\": \"2.0\",\n  \"shapes\": {\n}"), "Op", None, "invalid JSON at line 3, column 1");
}

#[test]
fn unknown_shape_type() {
    let model = format!(r#"{{"smithy":"2.0","shapes":{{{SERVICE},"ex#In":{{"type":"record"}}}}}}"#);
    assert_error("type", Some(&model), "Op", Some("ex#In"), "unknown shape type `record`");
}

#[test]
fn dangling_target() {
    let model = format!(
        r#"{{"smithy":"2.0","shapes":{{{SERVICE},"ex#In":{{"type":"structure","members":{{"a":{{"target":"ex#Gone"}}}}}}}}}}"#
    );
    assert_error("dangling", Some(&model), "Op", Some("ex#In$a"), "target `ex#Gone` not found");
}

#[test]
fn operation_the_model_lacks() {
    let model = format!(r#"{{"smithy":"2.0","shapes":{{{SERVICE},"ex#In":{{"type":"structure"}}}}}}"#);
    assert_error("operation", Some(&model), "Op,DeleteEverything", Some("ex#Svc"), "no operation named `DeleteEverything`");
}

#[test]
fn mixin_cycle() {
    let model = format!(
        r#"{{"smithy":"2.0","shapes":{{{SERVICE},"ex#In":{{"type":"structure","mixins":[{{"target":"ex#In"}}],"traits":{{"smithy.api#mixin":{{}}}}}}}}}}"#
    );
    assert_error("mixin", Some(&model), "Op", Some("ex#In"), "mixin cycle");
}

#[test]
fn check_fails_naming_stale_files() {
    let dir = temp_dir("check");
    let model = format!(r#"{{"smithy":"2.0","shapes":{{{SERVICE},"ex#In":{{"type":"structure"}}}}}}"#);
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, model).unwrap();
    let out = dir.join("out");
    let codegen = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["codegen", "--model"])
            .arg(&model_path)
            .args(["--operations", "Op", "--out"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    assert!(codegen(&[]).status.success());
    assert!(codegen(&["--check"]).status.success());
    std::fs::write(out.join("src/lib.rs"), "// edited").unwrap();
    let failed = codegen(&["--check"]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("is stale") && stderr.contains("changed: src/lib.rs"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.join("src/lib.rs")).unwrap(), "// edited", "--check wrote");
}

/// `ast` prints the loaded model; its output loads back to the same text.
#[test]
fn ast_prints_the_model_and_round_trips() {
    let dir = temp_dir("ast");
    let idl = dir.join("model.smithy");
    std::fs::write(
        &idl,
        "$version: \"2\"\nnamespace ex\n\n/// Docs.\n@mixin\nstructure Base {\n    id: String\n}\n\nstructure S with [Base] {\n    count: Integer = 1\n}\n\napply S$id @required\n",
    )
    .unwrap();
    let run = |file: &Path| Command::new(env!("CARGO_BIN_EXE_xtask")).arg("ast").arg(file).output().unwrap();
    let first = run(&idl);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let text = String::from_utf8(first.stdout).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["smithy"], "2.0");
    assert_eq!(json["shapes"]["ex#S"]["mixins"][0]["target"], "ex#Base", "mixins stay references");
    assert_eq!(json["shapes"]["ex#S"]["members"]["id"]["traits"]["smithy.api#required"], serde_json::json!({}));
    assert_eq!(json["shapes"]["ex#Base"]["traits"]["smithy.api#documentation"], "Docs.");
    assert!(json["shapes"].get("smithy.api#String").is_none(), "the prelude is left out");
    let keys: Vec<&String> = json["shapes"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["ex#Base", "ex#S"], "sorted by id");
    let printed = dir.join("printed.json");
    std::fs::write(&printed, &text).unwrap();
    let second = run(&printed);
    assert_eq!(String::from_utf8(second.stdout).unwrap(), text);
    let bad = dir.join("bad.smithy");
    std::fs::write(&bad, "$version: \"2\"\nnamespace ex\nstring\n").unwrap();
    let failed = run(&bad);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(stderr.trim(), format!("error: {}:3:7: Expected SPACE(' ') but found NEWLINE('\\n')", bad.display()));
}
