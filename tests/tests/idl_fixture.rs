//! A model written in the IDL generates the same crate as the same model in JSON AST.

use codegen::select::Operations;

#[test]
fn idl_and_json_models_generate_the_same_crate() {
    let json = tests::manifest_for(&[tests::fixture("defaults.json")], Operations::All);
    let idl = tests::manifest_for(&[tests::fixture("idl/defaults.smithy")], Operations::All);
    let json = codegen::generate(&json).unwrap_or_else(|e| panic!("{e}")).files;
    let idl = codegen::generate(&idl).unwrap_or_else(|e| panic!("{e}")).files;
    assert_eq!(json.keys().collect::<Vec<_>>(), idl.keys().collect::<Vec<_>>());
    for (path, text) in &json {
        assert!(idl[path] == *text, "{path} differs");
    }
    assert!(json.contains_key("src/defaults/types.rs"));
}

#[test]
fn a_trait_applied_in_an_idl_file_reaches_a_json_shape() {
    let dir = tests::temp_dir("mixed");
    let extra = dir.join("docs.smithy");
    std::fs::write(
        &extra,
        "$version: \"2\"\nnamespace fixture.defaults\n\napply Config$Name @documentation(\"The name.\")\napply Mode @deprecated\n",
    )
    .unwrap();
    let (model, _) = codegen::model::load_files(&[tests::fixture("defaults.json"), extra]).unwrap_or_else(|e| panic!("{e}"));
    let config = model.get(&codegen::model::ShapeId::parse("fixture.defaults#Config").unwrap()).unwrap();
    assert_eq!(config.kind.members()[0].traits.documentation(), Some("The name."));
    let mode = model.get(&codegen::model::ShapeId::parse("fixture.defaults#Mode").unwrap()).unwrap();
    assert!(mode.traits.deprecated().is_some());
}
