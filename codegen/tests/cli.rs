//! The `aws-lite-codegen` tool as a user runs it, in temporary folders: help and usage errors,
//! `init` then `generate`, `--check`, `ast`; and bad input: one clear error line naming the
//! file and the shape, exit code 1, no panic, and the output folder exactly as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

fn temp_dir(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = root.join("target/test-tmp").join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The tool, run in `dir`.
fn tool(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aws-lite-codegen"));
    command.current_dir(dir);
    command
}

/// The `error:` lines of a run's standard error (progress lines go there too).
fn errors(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("error:")).collect()
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
    let output = tool(&dir)
        .args(["generate", "--model"])
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
    let errors = errors(&stderr);
    assert_eq!(errors.len(), 1, "{name}: one error line, got {stderr}");
    // The tool runs in the model's folder, so the file is named as the user would type it.
    let file = Path::new(&file).file_name().unwrap().to_string_lossy().into_owned();
    let expected_start = match shape {
        Some(shape) => format!("error: {file}: {shape}: "),
        None => format!("error: {file}: "),
    };
    assert!(errors[0].starts_with(&expected_start), "{name}: {stderr}");
    assert!(errors[0].contains(reason), "{name}: {stderr}");
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
        tool(&dir)
            .args(["generate", "--model"])
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
    let run = |file: &Path| tool(&dir).arg("ast").arg(file).output().unwrap();
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
    assert_eq!(stderr.trim(), "error: bad.smithy:3:7: Expected SPACE(' ') but found NEWLINE('\\n')");
}

#[test]
fn every_subcommand_has_help_and_the_tool_a_version() {
    let dir = temp_dir("help");
    for command in ["init", "generate", "trim", "ast", "api-diff", "endpoint-tests"] {
        let output = tool(&dir).args([command, "--help"]).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{command}: {stdout}");
        assert!(stdout.contains(&format!("Usage: aws-lite-codegen {command}")), "{command}: {stdout}");
    }
    let version = tool(&dir).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("aws-lite-codegen {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_name_the_flag_and_exit_with_2() {
    let dir = temp_dir("usage");
    let unknown = tool(&dir).args(["generate", "--bogus"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unexpected argument '--bogus'"));
    let typo = tool(&dir).arg("genrate").output().unwrap();
    assert_eq!(typo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("a similar subcommand exists: 'generate'"));
    // --operations only means something with --model; --model needs --out.
    let alone = tool(&dir).args(["generate", "--operations", "A"]).output().unwrap();
    assert_eq!(alone.status.code(), Some(2), "{}", String::from_utf8_lossy(&alone.stderr));
    std::fs::write(dir.join("m.json"), r#"{"smithy":"2.0","shapes":{}}"#).unwrap();
    let no_out = tool(&dir).args(["generate", "--model", "m.json", "--operations", "A"]).output().unwrap();
    assert_eq!(no_out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_out.stderr).contains("--model needs --out"));
}

const IDL_MODEL: &str = r#"$version: "2"
namespace ex
use aws.protocols#awsJson1_1
@awsJson1_1
service Svc { version: "1", operations: [Get, Put] }
operation Get { input := { Id: String }, output := { Name: String } }
operation Put { input := { Name: String } }
"#;

#[test]
fn init_then_generate_in_an_empty_folder() {
    let dir = temp_dir("init");
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::write(dir.join("models/svc.smithy"), IDL_MODEL).unwrap();
    let init = tool(&dir).args(["init", "--model", "models/svc.smithy", "--operations", "Get", "--name", "my-clients"]).output().unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let manifest = std::fs::read_to_string(dir.join("codegen.toml")).unwrap();
    assert!(manifest.contains("name = \"my-clients\"") && manifest.contains("models = [\"models/svc.smithy\"]"), "{manifest}");
    assert!(manifest.contains("service = \"ex#Svc\"") && manifest.contains("\"Get\""), "{manifest}");
    // init checks what it writes, and never replaces a manifest unasked.
    let again = tool(&dir).args(["init", "--model", "models/svc.smithy", "--operations", "Get"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let typo = tool(&dir).args(["init", "--model", "models/svc.smithy", "--operations", "Gt", "--manifest", "other.toml"]).output().unwrap();
    assert_eq!(typo.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("no operation named `Gt`"));
    assert!(!dir.join("other.toml").exists());

    let generate = tool(&dir).arg("generate").output().unwrap();
    let stderr = String::from_utf8_lossy(&generate.stderr);
    assert!(generate.status.success(), "{stderr}");
    for stage in ["load", "select", "plan", "emit", "format", "runtime", "write"] {
        assert!(stderr.lines().any(|l| l.trim_start().starts_with(stage) && l.ends_with(')')), "stage {stage}: {stderr}");
    }
    let stdout = String::from_utf8_lossy(&generate.stdout);
    assert!(stdout.starts_with("wrote ") && stdout.contains(" files to my-clients"), "{stdout}");
    for file in ["Cargo.toml", "src/lib.rs", "src/svc/operation/get.rs", "src/runtime/mod.rs", "api.json"] {
        assert!(dir.join("my-clients").join(file).is_file(), "{file}");
    }
    assert!(!dir.join("my-clients/src/svc/operation/put.rs").exists(), "only the operation asked for");
    let cargo = std::fs::read_to_string(dir.join("my-clients/Cargo.toml")).unwrap();
    assert!(cargo.contains("name = \"my-clients\""), "{cargo}");

    // Run from another folder: the manifest's paths stay relative to the manifest.
    let elsewhere = temp_dir("init-elsewhere");
    let check = tool(&elsewhere).args(["--quiet", "generate", "--check", "--manifest"]).arg(dir.join("codegen.toml")).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(check.stdout.is_empty() && check.stderr.is_empty(), "--quiet prints nothing on success");
}
