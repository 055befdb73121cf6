//! The JSON AST loader: every shape type, prelude, mixins, `apply`, resources, merging files,
//! and a clear error (file, shape id, reason) for each kind of bad input.

use codegen::model::{load_sources, Model, ShapeId, ShapeKind, Source};
use codegen::select::{select, service_operations, Operations};

fn load(files: &[(&str, &str)]) -> Result<(Model, Vec<String>), codegen::Error> {
    let sources: Vec<Source> = files.iter().map(|(n, t)| Source { name: n.to_string(), text: t.to_string() }).collect();
    load_sources(&sources)
}

fn id(s: &str) -> ShapeId {
    ShapeId::parse(s).unwrap()
}

fn members(model: &Model, shape: &str) -> Vec<(String, String)> {
    model.get(&id(shape)).unwrap().kind.all_members().iter().map(|m| (m.name.clone(), m.target.to_string())).collect()
}

#[test]
fn every_shape_type_loads() {
    let text = r#"{"smithy":"2.0","shapes":{
      "ex#Blob":{"type":"blob"},"ex#Bool":{"type":"boolean"},"ex#Str":{"type":"string"},
      "ex#Byte":{"type":"byte"},"ex#Short":{"type":"short"},"ex#Int":{"type":"integer"},
      "ex#Long":{"type":"long"},"ex#Float":{"type":"float"},"ex#Double":{"type":"double"},
      "ex#BigI":{"type":"bigInteger"},"ex#BigD":{"type":"bigDecimal"},"ex#Ts":{"type":"timestamp"},
      "ex#Doc":{"type":"document"},
      "ex#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit"}}},
      "ex#IE":{"type":"intEnum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}},
      "ex#L":{"type":"list","member":{"target":"ex#Str"}},
      "ex#M":{"type":"map","key":{"target":"ex#Str"},"value":{"target":"ex#Int"}},
      "ex#S":{"type":"structure","members":{"a":{"target":"ex#L"},"b":{"target":"smithy.api#PrimitiveLong"}}},
      "ex#U":{"type":"union","members":{"x":{"target":"smithy.api#Unit"},"y":{"target":"ex#S"}}},
      "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"resources":[{"target":"ex#R"}]},
      "ex#R":{"type":"resource","identifiers":{"id":{"target":"ex#Str"}},"read":{"target":"ex#Get"}},
      "ex#Op":{"type":"operation","input":{"target":"ex#S"}},
      "ex#Get":{"type":"operation","output":{"target":"ex#S"},"errors":[{"target":"ex#Err"}]},
      "ex#Err":{"type":"structure","traits":{"smithy.api#error":"client"}}
    }}"#;
    let (model, warnings) = load(&[("a.json", text)]).unwrap();
    assert!(warnings.is_empty());
    let kinds: Vec<(&str, &str)> = [
        ("ex#Blob", "simple"), ("ex#E", "enum"), ("ex#IE", "intEnum"), ("ex#L", "list"), ("ex#M", "map"),
        ("ex#S", "structure"), ("ex#U", "union"), ("ex#Svc", "service"), ("ex#R", "resource"), ("ex#Op", "operation"),
    ]
    .into();
    for (shape, kind) in kinds {
        assert_eq!(model.get(&id(shape)).unwrap().kind.type_name(), kind, "{shape}");
    }
    // Absent input/output is Unit; prelude shapes resolve.
    let ShapeKind::Operation(op) = &model.get(&id("ex#Op")).unwrap().kind else { panic!() };
    assert_eq!(op.output.as_str(), "smithy.api#Unit");
    let prim = model.get(&id("smithy.api#PrimitiveLong")).unwrap();
    assert_eq!(prim.traits.default_value(), Some(&serde_json::json!(0)));
    // Member order is the declared order.
    assert_eq!(members(&model, "ex#U"), [("x".into(), "smithy.api#Unit".into()), ("y".into(), "ex#S".into())]);
}

#[test]
fn resources_are_walked() {
    let text = r#"{"smithy":"2.0","shapes":{
      "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Top"}],"resources":[{"target":"ex#Parent"}]},
      "ex#Parent":{"type":"resource","create":{"target":"ex#Create"},"put":{"target":"ex#Put"},"read":{"target":"ex#Read"},
         "update":{"target":"ex#Update"},"delete":{"target":"ex#Delete"},"list":{"target":"ex#List"},
         "operations":[{"target":"ex#Extra"}],"collectionOperations":[{"target":"ex#Batch"}],
         "resources":[{"target":"ex#Child"}]},
      "ex#Child":{"type":"resource","read":{"target":"ex#ReadChild"}},
      "ex#Top":{"type":"operation"},"ex#Create":{"type":"operation"},"ex#Put":{"type":"operation"},
      "ex#Read":{"type":"operation"},"ex#Update":{"type":"operation"},"ex#Delete":{"type":"operation"},
      "ex#List":{"type":"operation"},"ex#Extra":{"type":"operation"},"ex#Batch":{"type":"operation"},
      "ex#ReadChild":{"type":"operation"}
    }}"#;
    let (model, _) = load(&[("r.json", text)]).unwrap();
    let ops: Vec<String> =
        service_operations(&model, &id("ex#Svc")).unwrap().into_iter().map(|(op, _)| op.name().to_string()).collect();
    assert_eq!(ops, ["Top", "Create", "Put", "Read", "Update", "Delete", "List", "Extra", "Batch", "ReadChild"]);
    let closure = select(&model, &id("ex#Svc"), &Operations::Named(vec!["ReadChild".into()])).unwrap();
    let resources: Vec<&str> = closure.resources.iter().map(ShapeId::name).collect();
    assert_eq!(resources, ["Child", "Parent"]);
}

#[test]
fn mixins_flatten_members_and_traits_in_order() {
    let text = r#"{"smithy":"2.0","shapes":{
      "ex#Base":{"type":"structure","members":{"a":{"target":"smithy.api#String"},"b":{"target":"smithy.api#String"}},
        "traits":{"smithy.api#mixin":{"localTraits":["ex#local"]},"ex#local":{},"ex#shared":"base","smithy.api#documentation":"base"}},
      "ex#Other":{"type":"structure","members":{"c":{"target":"smithy.api#Integer"}},
        "traits":{"smithy.api#mixin":{},"ex#shared":"other"}},
      "ex#Mid":{"type":"structure","mixins":[{"target":"ex#Base"}],"members":{"m":{"target":"smithy.api#String"}},
        "traits":{"smithy.api#mixin":{}}},
      "ex#User":{"type":"structure","mixins":[{"target":"ex#Mid"},{"target":"ex#Other"}],
        "members":{"b":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}},"z":{"target":"smithy.api#String"}},
        "traits":{"smithy.api#documentation":"mine"}},
      "ex#User$a":{"type":"apply","traits":{"smithy.api#documentation":"applied to an inherited member"}}
    }}"#;
    let (model, _) = load(&[("m.json", text)]).unwrap();
    let names: Vec<String> = members(&model, "ex#User").into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["a", "b", "m", "c", "z"]);
    let user = model.get(&id("ex#User")).unwrap();
    assert!(!user.traits.mixin(), "the mixin trait is not inherited");
    assert!(!user.traits.has("ex#local"), "localTraits are not inherited");
    assert_eq!(user.traits.get("ex#shared"), Some(&serde_json::json!("other")), "later mixins win");
    assert_eq!(user.traits.documentation(), Some("mine"), "the shape's own traits win");
    let b = &user.kind.members()[1];
    assert!(b.traits.required(), "a redeclared member keeps its own traits");
    assert_eq!(user.kind.members()[0].traits.documentation(), Some("applied to an inherited member"));
}

#[test]
fn apply_adds_traits_and_list_traits_concatenate() {
    let a = r#"{"smithy":"2.0","shapes":{
      "ex#S":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},"traits":{"ex#tags":["a"]}},
      "ex#S$x":{"type":"apply","traits":{"smithy.api#required":{}}}
    }}"#;
    let b = r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"apply","traits":{"ex#tags":["b"],"ex#unknown":{"kept":true}}}}}"#;
    let (model, _) = load(&[("a.json", a), ("b.json", b)]).unwrap();
    let s = model.get(&id("ex#S")).unwrap();
    assert_eq!(s.traits.get("ex#tags"), Some(&serde_json::json!(["a", "b"])));
    assert_eq!(s.traits.get("ex#unknown"), Some(&serde_json::json!({"kept": true})), "unknown traits are kept");
    assert!(s.kind.members()[0].traits.required());
}

#[test]
fn files_merge_and_conflicts_name_both_files() {
    let a = r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},"traits":{"ex#t":1}}}}"#;
    let same = r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},"traits":{"ex#u":2}}}}"#;
    let (model, _) = load(&[("a.json", a), ("same.json", same)]).unwrap();
    let s = model.get(&id("ex#S")).unwrap();
    assert!(s.traits.has("ex#t") && s.traits.has("ex#u"));

    let other = r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"x":{"target":"smithy.api#Integer"}}}}}"#;
    let err = load(&[("a.json", a), ("other.json", other)]).unwrap_err().to_string();
    assert!(err.contains("ex#S") && err.contains("a.json") && err.contains("other.json"), "{err}");

    let clash = r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"x":{"target":"smithy.api#String"}},"traits":{"ex#t":2}}}}"#;
    let err = load(&[("a.json", a), ("clash.json", clash)]).unwrap_err().to_string();
    assert!(err.contains("clash.json") && err.contains("ex#S") && err.contains("conflicting values for trait `ex#t`"), "{err}");
}

#[test]
fn legacy_set_is_a_list_with_a_warning() {
    let text = r#"{"smithy":"2.0","shapes":{"ex#Tags":{"type":"set","member":{"target":"smithy.api#String"}}}}"#;
    let (model, warnings) = load(&[("set.json", text)]).unwrap();
    assert!(matches!(model.get(&id("ex#Tags")).unwrap().kind, ShapeKind::List(_)));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("set.json") && warnings[0].contains("ex#Tags"), "{}", warnings[0]);
}

/// Loads one bad file and returns the error text.
fn error_of(text: &str) -> String {
    load(&[("bad.json", text)]).unwrap_err().to_string()
}

#[test]
fn invalid_json_names_line_and_column() {
    let err = error_of("{\"smithy\":\"2.0\",\n\"shapes\": {,}}");
    assert!(err.starts_with("bad.json: invalid JSON at line 2, column 12"), "{err}");
}

#[test]
fn unknown_shape_type_is_an_error() {
    let err = error_of(r#"{"smithy":"2.0","shapes":{"ex#X":{"type":"tuple"}}}"#);
    assert_eq!(err, "bad.json: ex#X: unknown shape type `tuple`");
}

#[test]
fn dangling_target_is_an_error() {
    let err = error_of(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"m":{"target":"ex#Nope"}}}}}"#);
    assert_eq!(err, "bad.json: ex#S$m: target `ex#Nope` not found");
}

#[test]
fn mixin_cycle_is_an_error() {
    let err = error_of(
        r#"{"smithy":"2.0","shapes":{
          "ex#A":{"type":"structure","mixins":[{"target":"ex#B"}],"traits":{"smithy.api#mixin":{}}},
          "ex#B":{"type":"structure","mixins":[{"target":"ex#A"}],"traits":{"smithy.api#mixin":{}}}}}"#,
    );
    assert!(err.starts_with("bad.json: ex#") && err.contains("mixin cycle: ex#A -> ex#B -> ex#A"), "{err}");
}

#[test]
fn other_bad_input_is_reported_not_panicked() {
    let cases = [
        (r#"{"shapes":{}}"#, "missing the `smithy` version"),
        (r#"{"smithy":"3.0","shapes":{}}"#, "unsupported Smithy version `3.0`"),
        (r#"[]"#, "must be a JSON object"),
        (r#"{"smithy":"2.0","shapes":{"Nope":{"type":"string"}}}"#, "not an absolute shape id"),
        (r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"m":{}}}}}"#, "ex#S$m: missing `target`"),
        (r#"{"smithy":"2.0","shapes":{"ex#E":{"type":"intEnum","members":{"A":{"target":"smithy.api#Unit"}}}}}"#, "ex#E$A: intEnum members require integer values"),
        (r#"{"smithy":"2.0","shapes":{"ex#U":{"type":"union","members":{}}}}"#, "ex#U: a union needs at least one member"),
        (r#"{"smithy":"2.0","shapes":{"ex#X$m":{"type":"apply","traits":{}}}}"#, "ex#X$m: `apply` names a shape that is not defined"),
        (r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"a":{"target":"ex#M"}}},"ex#M":{"type":"structure","traits":{"smithy.api#mixin":{}}}}}"#, "is a mixin and cannot be targeted"),
        (r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"a":{"target":"smithy.api#String"},"A":{"target":"smithy.api#String"}}}}}"#, "members differ only by case"),
    ];
    for (text, want) in cases {
        let err = error_of(text);
        assert!(err.starts_with("bad.json: ") && err.contains(want), "{text}\n=> {err}");
    }
}

#[test]
fn naming_collisions_name_both_shapes() {
    let text = r#"{"smithy":"2.0","shapes":{
      "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#awsJson1_1":{}}},
      "ex#Op":{"type":"operation","input":{"target":"ex#In"}},
      "ex#In":{"type":"structure","members":{"a":{"target":"ex#DBProxy"},"b":{"target":"ex#DbProxy"}}},
      "ex#DBProxy":{"type":"structure"},"ex#DbProxy":{"type":"structure"}
    }}"#;
    let dir = tests::temp_dir("collision");
    let path = dir.join("collision.json");
    std::fs::write(&path, text).unwrap();
    let manifest = tests::manifest_for(&[path], Operations::All);
    let err = codegen::generate(&manifest).err().expect("a collision").to_string();
    assert!(err.contains("ex#DBProxy") && err.contains("ex#DbProxy") && err.contains("`DbProxy`"), "{err}");
}

#[test]
fn unsupported_protocol_is_a_clear_error() {
    let text = r#"{"smithy":"2.0","shapes":{
      "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#awsQuery":{}}},
      "ex#Op":{"type":"operation"}}}"#;
    let dir = tests::temp_dir("protocol");
    let path = dir.join("query.json");
    std::fs::write(&path, text).unwrap();
    let err = codegen::generate(&tests::manifest_for(&[path], Operations::All)).err().unwrap().to_string();
    assert!(err.contains("query.json: ex#Svc: unsupported protocol (found: aws.protocols#awsQuery)"), "{err}");
}

#[test]
fn headers_the_generated_code_makes_when_compiled_are_checked_here() {
    let generate = |name: &str, text: &str| {
        let path = tests::temp_dir(name).join(format!("{name}.json"));
        std::fs::write(&path, text).unwrap();
        codegen::generate(&tests::manifest_for(&[path], Operations::All)).err().map(|e| e.to_string())
    };
    // A payload's media type becomes its Content-Type.
    let payload = |media: &str| {
        format!(
            r#"{{"smithy":"2.0","shapes":{{
      "ex#Svc":{{"type":"service","version":"1","operations":[{{"target":"ex#Op"}}],"traits":{{"aws.protocols#restJson1":{{}}}}}},
      "ex#Op":{{"type":"operation","input":{{"target":"ex#In"}},"traits":{{"smithy.api#http":{{"method":"PUT","uri":"/"}}}}}},
      "ex#In":{{"type":"structure","members":{{"data":{{"target":"ex#Data","traits":{{"smithy.api#httpPayload":{{}}}}}}}}}},
      "ex#Data":{{"type":"blob","traits":{{"smithy.api#mediaType":{media}}}}}
    }}}}"#
        )
    };
    assert_eq!(generate("media-ok", &payload(r#""image/png; q=1""#)), None);
    let err = generate("media-bad", &payload(r#""image/png\r\nx-evil: 1""#)).expect("a bad media type");
    assert!(err.contains("media-bad.json") && err.contains("ex#Data") && err.contains(r"`image/png\r\nx-evil: 1`"), "{err}");
    // Glacier's requests carry the service version as `x-amz-glacier-version`.
    let glacier = r#"{"smithy":"2.0","shapes":{
      "com.amazonaws.glacier#Glacier":{"type":"service","version":"2012-06-01\u0007","operations":[{"target":"com.amazonaws.glacier#Op"}],"traits":{"aws.protocols#restJson1":{}}},
      "com.amazonaws.glacier#Op":{"type":"operation","traits":{"smithy.api#http":{"method":"GET","uri":"/"}}}
    }}"#;
    let err = generate("glacier-bad", glacier).expect("a bad fixed header");
    assert!(err.contains("com.amazonaws.glacier#Op") && err.contains(r"`x-amz-glacier-version: 2012-06-01\u{7}`"), "{err}");
}
