//! Bad IDL input: one clear error naming the file and the place, never a panic, a hang or
//! unbounded recursion, whatever the bytes.

use codegen::model::{load_sources, Source};

fn load(files: &[(&str, &str)]) -> Result<(), String> {
    let sources: Vec<Source> = files.iter().map(|(n, t)| Source { name: n.to_string(), text: t.to_string() }).collect();
    load_sources(&sources).map(drop).map_err(|e| e.to_string())
}

#[test]
fn syntax_errors_name_the_file_line_column_and_what_was_expected() {
    let text = "$version: \"2\"\nnamespace ex\n\nstructure S {\n    a: String\n";
    assert_eq!(load(&[("m.smithy", text)]).unwrap_err(), "m.smithy:6:1: Expected RBRACE('}') but found EOF");
    let text = "$version: \"2\"\nnamespace ex\nstring A string B\n";
    assert_eq!(load(&[("m.smithy", text)]).unwrap_err(), "m.smithy:3:10: Expected a line break, but found IDENTIFIER('string')");
    let text = "$version: \"2\"\nnamespace ex\n@documentation(\"x\\q\")\nstring A\n";
    let err = load(&[("m.smithy", text)]).unwrap_err();
    assert!(err.starts_with("m.smithy:3:16: Error parsing quoted string: Invalid escape"), "{err}");
}

#[test]
fn an_unresolved_shape_id_is_named_with_where_it_is_used() {
    let text = "$version: \"2\"\nnamespace ex\n\nstructure S {\n    a: String\n    b: Nope\n}\n";
    let err = load(&[("m.smithy", text)]).unwrap_err();
    assert_eq!(err, "m.smithy:6:5: ex#S$b: target `ex#Nope` not found");
    let text = "$version: \"2\"\nnamespace ex\n@tags([Unknown])\nstring S\n";
    let err = load(&[("m.smithy", text)]).unwrap_err();
    assert!(err.starts_with("m.smithy:3:8: Syntactic shape ID `Unknown` does not resolve"), "{err}");
}

#[test]
fn relative_ids_resolve_through_use_then_the_namespace_then_the_prelude() {
    let other = "$version: \"2\"\nnamespace other\nstring String\nstring Id\n";
    let main = "$version: \"2\"\nnamespace ex\nuse other#Id\n\nstructure S {\n    a: String\n    b: Id\n    c: Later\n    d: Integer\n}\n\nstring Integer\nstring Later\n";
    let sources = [("other.smithy", other), ("main.smithy", main)];
    let sources: Vec<Source> = sources.iter().map(|(n, t)| Source { name: n.to_string(), text: t.to_string() }).collect();
    let (model, _) = load_sources(&sources).unwrap();
    let s = model.get(&codegen::model::ShapeId::parse("ex#S").unwrap()).unwrap();
    let targets: Vec<String> = s.kind.members().iter().map(|m| m.target.to_string()).collect();
    assert_eq!(targets, ["smithy.api#String", "other#Id", "ex#Later", "ex#Integer"]);
}

#[test]
fn the_built_in_definitions_may_be_repeated_only_identically() {
    let same = "$version: \"2.0\"\nnamespace smithy.api\n\nstring String\n";
    load(&[("prelude-copy.smithy", same)]).unwrap();
    let changed = "$version: \"2.0\"\nnamespace smithy.api\n\n@sensitive\nstring String\n";
    let err = load(&[("mine.smithy", changed)]).unwrap_err();
    assert!(err.starts_with("mine.smithy:5:8: smithy.api#String: conflicts with the built-in definition"), "{err}");
    assert!(err.contains("<built-in>/prelude.smithy"), "{err}");
    let trait_def = "$version: \"2.0\"\nnamespace aws.protocols\n\nstructure restJson1 {}\n";
    let err = load(&[("mine.smithy", trait_def)]).unwrap_err();
    assert!(err.contains("aws.protocols#restJson1") && err.contains("<built-in>/aws.protocols.smithy"), "{err}");
}

#[test]
fn trait_definitions_give_value_less_traits_their_value() {
    let text = "$version: \"2\"\nnamespace ex\nuse aws.protocols#restJson1\n\n@restJson1\n@tags\n@trait\nstructure custom {}\n\n@custom\nstring S\n";
    let sources = [Source { name: "m.smithy".into(), text: text.into() }];
    let (ast, _) = codegen::model::load_ast(&sources).unwrap();
    let custom = &ast.shapes[&codegen::model::ShapeId::parse("ex#custom").unwrap()];
    assert_eq!(custom.traits.get("aws.protocols#restJson1"), Some(&serde_json::json!({})));
    assert_eq!(custom.traits.get("smithy.api#tags"), Some(&serde_json::json!([])));
    let s = &ast.shapes[&codegen::model::ShapeId::parse("ex#S").unwrap()];
    assert_eq!(s.traits.get("ex#custom"), Some(&serde_json::json!({})));
}

#[test]
fn a_1_0_file_gets_its_2_0_meaning() {
    let text = "namespace ex\n\ninteger Count\n\n@box\ninteger MaybeCount\n\nstructure S {\n    a: Count\n    b: MaybeCount\n    c: PrimitiveBoolean\n    @box\n    d: PrimitiveInteger\n    e: Integer\n}\n\nset Tags {\n    member: String\n}\n";
    let sources = [Source { name: "v1.smithy".into(), text: text.into() }];
    let (ast, _) = codegen::model::load_ast(&sources).unwrap();
    let id = |s: &str| codegen::model::ShapeId::parse(s).unwrap();
    assert_eq!(ast.shapes[&id("ex#Count")].traits.default_value(), Some(&serde_json::json!(0)));
    assert_eq!(ast.shapes[&id("ex#MaybeCount")].traits.default_value(), None);
    let defaults: Vec<Option<serde_json::Value>> =
        ast.shapes[&id("ex#S")].members.iter().map(|m| m.traits.default_value().cloned()).collect();
    assert_eq!(defaults, [Some(serde_json::json!(0)), None, Some(serde_json::json!(false)), Some(serde_json::Value::Null), None]);
    let tags = &ast.shapes[&id("ex#Tags")];
    assert_eq!(tags.shape_type, codegen::model::ShapeType::List);
    assert!(tags.traits.has("smithy.api#uniqueItems"));
    let err = load(&[("v1.smithy", "namespace ex\nenum E { A }\n")]).unwrap_err();
    assert!(err.contains("enum shapes cannot be used in Smithy version 1.0"), "{err}");
    let err = load(&[("v1.smithy", "namespace ex\nstructure S {\n    a: String = \"x\"\n}\n")]).unwrap_err();
    assert_eq!(err, "v1.smithy:3:15: @default assignment is only supported in IDL version 2 or later");
}

/// Deep nesting stops at a fixed depth with an error; huge and degenerate files are errors or
/// load, never a crash.
#[test]
fn hostile_input_is_an_error_not_a_crash() {
    let header = "$version: \"2\"\nnamespace ex\n";
    let brackets = format!("{header}@tags({})\nstring S\n", "[".repeat(1_000_000));
    let err = load(&[("deep.smithy", &brackets)]).unwrap_err();
    assert!(err.contains("maximum allowed depth of 64"), "{err}");
    let objects = format!("$version: \"2\"\nmetadata x = {}\n", "{a: ".repeat(100_000));
    let err = load(&[("deep.smithy", &objects)]).unwrap_err();
    assert!(err.contains("maximum allowed depth"), "{err}");
    let only_brackets = "[".repeat(1_000_000);
    assert!(load(&[("brackets.smithy", &only_brackets)]).is_err());
    let block = format!("{header}@documentation(\"\"\"\n{}\"\"\")\nstring S\n", "    x\n".repeat(500_000));
    load(&[("big.smithy", &block)]).unwrap();
    let unclosed = format!("{header}@documentation(\"\"\"\n{}", "x".repeat(1_000_000));
    let err = load(&[("unclosed.smithy", &unclosed)]).unwrap_err();
    assert!(err.contains("never closed"), "{err}");
    let many_traits = format!("{header}{}string S\n", "@deprecated\n".repeat(100_000));
    load(&[("traits.smithy", &many_traits)]).unwrap();
    for text in ["\u{0}", "\u{feff}namespace ex\nstring S\n", "namespace ex\nstring S\r\nstring T\rstring U\n", "/", "\"", "_", "-", "@", "$"] {
        let _ = load(&[("odd.smithy", text)]);
    }
}

/// Every valid file of Smithy's loader suite, cut short at each character and with bytes
/// changed, gives a model or an error: never a panic.
#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/smithy/idl-tests")]
fn truncated_and_mangled_valid_files_never_panic() {
    let dir = tests::shared_dir("smithy/idl-tests/valid").expect("../shared/smithy/idl-tests");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    assert!(files.len() > 60);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut loads = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.display().to_string();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &cut in cuts.iter().step_by(3) {
            let _ = load(&[(&name, &text[..cut])]);
            loads += 1;
        }
        let bytes = text.as_bytes();
        for _ in 0..40 {
            let mut mangled = bytes.to_vec();
            let at = (random() as usize) % mangled.len().max(1);
            if let Some(b) = mangled.get_mut(at) {
                *b = b" \n\"{}[]():@$#=,./\\_aZ09-"[(random() as usize) % 24];
            }
            let _ = load(&[(&name, &String::from_utf8_lossy(&mangled))]);
            loads += 1;
        }
    }
    assert!(loads > 5_000, "{loads}");
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy") {
            out.push(path);
        }
    }
}
