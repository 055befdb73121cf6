//! Smithy's own IDL loader test cases (`../shared/smithy/idl-tests`, see its SOURCES.md), one
//! test per file:
//!
//! - `valid_pair::<path>`: `x.smithy` and the `x.json` beside it (each with `__shared.json`, as
//!   the reference runner loads them) give the same assembled model (shapes with their own
//!   members, traits and mixins; metadata) and the same flattened model.
//! - `flattened::<path>`: flattening the mixins of `x.smithy` gives the model of
//!   `x.flattened.smithy`.
//! - `valid_loads::<path>`: any other valid file loads.
//! - `invalid::<path>`: the file is rejected for the reason the reference gives on its first
//!   line: at the same line and column for a syntax error, else naming the same shape id, else
//!   with the same message.
//! - `round_trip::<path>`: `cargo xtask ast`'s JSON of a valid file loads back to the same model.
//!
//! A case we cannot meet is listed, with the reason, in `idl-suite-known-failures.txt`; the run
//! fails for a case that fails unlisted, and for a listed case that passes.

use codegen::model::{load_ast, AstModel, Model, ShapeId, Source};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let trials = match tests::shared_dir("smithy/idl-tests") {
        Some(dir) => trials(&dir),
        None => vec![Trial::test("idl_tests_need_shared_smithy_idl_tests", || Ok(())).with_ignored_flag(true)],
    };
    libtest_mimic::run(&args, trials).exit();
}

fn trials(dir: &Path) -> Vec<Trial> {
    let known = known_failures();
    let mut trials = Vec::new();
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let shared = dir.join("valid/__shared.json");
    for file in files {
        let rel = file.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let name = rel.trim_end_matches(".smithy").trim_end_matches(".json").replace('/', "::");
        let mut add = |kind: &str, test: Box<dyn FnOnce() -> Result<(), String> + Send>| {
            let case = format!("{kind}::{name}");
            let listed = known.get(&case).cloned();
            trials.push(Trial::test(case.clone(), move || judge(&case, listed, test())));
        };
        let shared = shared.clone();
        if rel.starts_with("valid/") {
            if rel.ends_with("__shared.json") || rel.ends_with(".json") {
                continue;
            }
            let json = file.with_extension("json");
            if let Some(base) = rel.strip_suffix(".flattened.smithy") {
                let original = dir.join(format!("{base}.smithy"));
                add("flattened", Box::new(move || flattened(&shared, &original, &file)));
                continue;
            }
            if json.is_file() {
                let (f, s) = (file.clone(), shared.clone());
                add("valid_pair", Box::new(move || valid_pair(&s, &f, &json)));
            } else {
                let (f, s) = (file.clone(), shared.clone());
                add("valid_loads", Box::new(move || load(&[&s, &f]).map(drop)));
            }
            add("round_trip", Box::new(move || round_trip(&shared, &file)));
        } else if rel.starts_with("invalid/") {
            add("invalid", Box::new(move || invalid(&file)));
        }
    }
    trials
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy" || e == "json") {
            out.push(path);
        }
    }
}

/// `idl-suite-known-failures.txt`: `case-name  # reason`, one per line.
fn known_failures() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(tests::root().join("tests/idl-suite-known-failures.txt")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('#') {
            Some((case, reason)) => (case.trim().to_string(), reason.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

fn judge(case: &str, listed: Option<String>, outcome: Result<(), String>) -> Result<(), Failed> {
    match (outcome, listed) {
        (Ok(()), None) => Ok(()),
        (Err(e), Some(_)) => {
            println!("{case}: known failure: {e}");
            Ok(())
        }
        (Ok(()), Some(reason)) => {
            Err(format!("{case} passes but is listed in idl-suite-known-failures.txt ({reason}): remove it").into())
        }
        (Err(e), None) => Err(e.into()),
    }
}

fn load(paths: &[&Path]) -> Result<(AstModel, Model), String> {
    let sources: Vec<Source> = paths
        .iter()
        .map(|p| Source { name: p.display().to_string(), text: std::fs::read_to_string(p).unwrap() })
        .collect();
    let (ast, _) = load_ast(&sources).map_err(|e| e.to_string())?;
    let model = Model::from_ast(&ast).map_err(|e| e.to_string())?;
    Ok((ast, model))
}

/// The two assembled models hold the same shapes and metadata, and flatten the same way.
fn valid_pair(shared: &Path, smithy: &Path, json: &Path) -> Result<(), String> {
    let (idl_ast, idl_model) = load(&[shared, smithy]).map_err(|e| format!("the .smithy file: {e}"))?;
    let (json_ast, json_model) = load(&[shared, json]).map_err(|e| format!("the .json file: {e}"))?;
    same_ast(&idl_ast, &json_ast)?;
    same_flattened(&idl_ast, &idl_model, &json_ast, &json_model, false)
}

fn same_ast(ours: &AstModel, theirs: &AstModel) -> Result<(), String> {
    if ours.metadata != theirs.metadata {
        return Err(format!("metadata differs:\n  smithy: {:?}\n  json:   {:?}", ours.metadata, theirs.metadata));
    }
    let a = ours.to_json();
    let b = theirs.to_json();
    let (a, b) = (&a["shapes"], &b["shapes"]);
    if ours.shapes != theirs.shapes {
        let mut diff = String::new();
        let ids: std::collections::BTreeSet<&String> =
            a.as_object().unwrap().keys().chain(b.as_object().unwrap().keys()).collect();
        for id in ids {
            if a.get(id) != b.get(id) {
                diff.push_str(&format!("\n  {id}:\n    smithy: {}\n    json:   {}", show(a.get(id)), show(b.get(id))));
            }
        }
        return Err(format!("the models differ:{diff}"));
    }
    Ok(())
}

fn show(v: Option<&serde_json::Value>) -> String {
    v.map_or("(absent)".into(), |v| v.to_string())
}

/// The flattened models agree on the user shapes (mixins left out when `drop_mixins`).
fn same_flattened(a_ast: &AstModel, a: &Model, b_ast: &AstModel, b: &Model, drop_mixins: bool) -> Result<(), String> {
    let ids = |ast: &AstModel, m: &Model| -> Vec<ShapeId> {
        ast.user_shapes()
            .map(|s| s.id.clone())
            .filter(|id| !(drop_mixins && m.get(id).is_some_and(|s| s.traits.mixin())))
            .collect()
    };
    let (a_ids, b_ids) = (ids(a_ast, a), ids(b_ast, b));
    if a_ids != b_ids {
        return Err(format!("the flattened models define different shapes:\n  {a_ids:?}\n  {b_ids:?}"));
    }
    for id in &a_ids {
        if a.get(id) != b.get(id) {
            return Err(format!("{id} flattens differently:\n  {:?}\n  {:?}", a.get(id), b.get(id)));
        }
    }
    Ok(())
}

fn flattened(shared: &Path, original: &Path, flattened: &Path) -> Result<(), String> {
    let (a_ast, a) = load(&[shared, original]).map_err(|e| format!("the mixed file: {e}"))?;
    let (b_ast, b) = load(&[shared, flattened]).map_err(|e| format!("the flattened file: {e}"))?;
    same_flattened(&a_ast, &a, &b_ast, &b, true)
}

/// The AST printer's output loads back into the same model.
fn round_trip(shared: &Path, file: &Path) -> Result<(), String> {
    let (ast, _) = load(&[shared, file])?;
    let text = serde_json::to_string_pretty(&ast.to_json()).unwrap();
    let sources = [Source { name: "printed.json".into(), text: text.clone() }];
    let (again, _) = load_ast(&sources).map_err(|e| format!("the printed AST does not load: {e}\n{text}"))?;
    same_ast(&again, &ast)
}

/// The reference's error, from the first line of the file (a JSON file without one shares
/// the expectation of the `.smithy` file beside it).
fn expectation(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let first = text.lines().next().unwrap_or_default();
    match first.strip_prefix("//") {
        Some(rest) => rest.trim().to_string(),
        None => expectation(&file.with_extension("smithy")),
    }
}

fn invalid(file: &Path) -> Result<(), String> {
    let expected = expectation(file);
    // The event id the reference appends (` | Model`, ` | EnumShape`) is not part of the message.
    let expected = expected.split(" | ").next().unwrap_or_default().trim().to_string();
    let error = match load(&[file]) {
        Ok(_) => return Err(format!("loaded without an error; the reference says: {expected}")),
        Err(e) => e,
    };
    let name = file.display().to_string();
    if !error.starts_with(&name) {
        return Err(format!("the error does not name the file: {error}"));
    }
    if let Some((line, column)) = syntax_position(&expected) {
        let at = format!("{name}:{line}:{column}: ");
        return match error.starts_with(&at) {
            true => Ok(()),
            false => Err(format!("expected an error at {line}:{column} ({expected}), got: {error}")),
        };
    }
    if let Some(id) = first_shape_id(&expected) {
        return match error.contains(&id) {
            true => Ok(()),
            false => Err(format!("expected an error naming `{id}` ({expected}), got: {error}")),
        };
    }
    match error.to_lowercase().contains(&expected.to_lowercase()) {
        true => Ok(()),
        false => Err(format!("expected an error saying `{expected}`, got: {error}")),
    }
}

/// `Syntax error at line L, column C`, anywhere in the reference's message.
fn syntax_position(expected: &str) -> Option<(usize, usize)> {
    let rest = &expected[expected.find("Syntax error at line ")? + "Syntax error at line ".len()..];
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The first absolute shape id (`ns#Name`, `ns#Name$member`) the message names.
fn first_shape_id(text: &str) -> Option<String> {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '#' || c == '$';
    text.split(|c: char| !is_id_char(c))
        .map(|w| w.trim_end_matches('.'))
        .find(|w| w.contains('#') && ShapeId::parse(w).is_ok())
        .map(String::from)
}
