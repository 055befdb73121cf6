//! Names the generator makes meet names the model has: builders live in `builders` modules, so
//! a shape called like another's builder generates (the fixture crate's `names` service, from
//! `tests/fixtures/names.smithy`); names that do clash are one error naming both owners.

use codegen::manifest::{Manifest, ServiceEntry};
use codegen::select::Operations;
use fixtures::endpoint::Endpoint;
use fixtures::names::operation::create_app_block_builder::{parse_response, serialize_request, CreateAppBlockBuilderInput};
use fixtures::names::types::{AppBlock, AppBlockBuilder, AppBlockBuilderState};
use tests::temp_dir;

#[test]
fn a_shape_named_like_a_builder_is_its_own_type() {
    // `AppBlock`'s builder and the shape `AppBlockBuilder` are two types of two modules.
    let builder: fixtures::names::types::builders::AppBlockBuilder = AppBlock::builder();
    let shape_builder: fixtures::names::types::builders::AppBlockBuilderBuilder = AppBlockBuilder::builder();
    let instance = shape_builder.name("b-1").state(AppBlockBuilderState::Running).build().unwrap();
    // (A member called `Builder` is `builder_value`: `builder()` makes the builder.)
    let block = builder.name("block").builder_value(instance.clone()).build().unwrap();
    assert_eq!(block.builder_value(), Some(&instance));

    let input = CreateAppBlockBuilderInput::builder().name("n").app_block(block).build();
    let request = serialize_request(&input, &Endpoint::new("https://example.com")).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"Name":"n","AppBlock":{"Name":"block","Builder":{"Name":"b-1","State":"RUNNING"}}}"#
    );
    let output = parse_response(200, &http::HeaderMap::new(), br#"{"AppBlockBuilder":{"Name":"b-2","State":"STOPPED"}}"#).unwrap();
    let read = output.app_block_builder().unwrap();
    assert_eq!((read.name(), read.state()), ("b-2", Some(&AppBlockBuilderState::Stopped)));
}

/// The error of generating, which must fail.
fn error_of(result: Result<codegen::Generated, codegen::Error>) -> String {
    match result {
        Ok(_) => panic!("generation succeeded"),
        Err(e) => e.to_string(),
    }
}

/// Generates one service from IDL `text`, with the manifest's `module` when given.
fn generate(name: &str, text: &str, module: Option<&str>) -> Result<codegen::Generated, codegen::Error> {
    let dir = temp_dir(name);
    let file = dir.join("model.smithy");
    std::fs::write(&file, text).unwrap();
    let manifest = Manifest {
        crate_name: "names".into(),
        version: "0.0.0".into(),
        services: vec![ServiceEntry { models: vec![file], service: None, operations: Operations::All, module: module.map(String::from) }],
        out: dir.join("out"),
    };
    codegen::generate(&manifest)
}

const SERVICE: &str = r#"$version: "2"
namespace example
use aws.api#service
use aws.protocols#awsJson1_1
@service(sdkId: "SDK_ID")
@awsJson1_1
service Example { version: "1", operations: [Op] }
operation Op { input := { A: Foo_Bar, B: FooBar } }
structure Foo_Bar {}
structure FooBar {}
"#;

#[test]
fn two_shapes_with_one_rust_name_are_one_error_naming_both() {
    let error = error_of(generate("clash", &SERVICE.replace("SDK_ID", "Example"), None));
    assert!(error.contains("example#Foo_Bar") && error.contains("example#FooBar"), "{error}");
    assert!(error.contains("`FooBar`") && error.contains("example::types"), "{error}");
}

#[test]
fn a_service_module_named_like_a_crate_module_is_renamed_or_refused() {
    let text = SERVICE.replace("SDK_ID", "Config").replace("B: FooBar", "B: String");
    // The sdkId's module would be the crate's `config`: the generator picks another.
    let files = generate("config-sdk-id", &text, None).map_err(|e| e.to_string()).unwrap().files;
    assert!(files.contains_key("src/config_value/mod.rs"), "{:?}", files.keys().collect::<Vec<_>>());
    // A module the manifest asks for is taken as it is, or refused with the reason.
    assert!(generate("chosen-module", &text, Some("cfg")).map_err(|e| e.to_string()).unwrap().files.contains_key("src/cfg/mod.rs"));
    let error = error_of(generate("clashing-module", &text, Some("error")));
    assert!(error.contains("module name `error`") && error.contains("`module` in the manifest"), "{error}");
}
