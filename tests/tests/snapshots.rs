//! One snapshot per concern: the service files generated from each small fixture model.
//! Review every change before accepting it.

use codegen::select::Operations;
use tests::{fixture, manifest_for};

/// The service's files (not the copied runtime or the crate frame), with file markers.
fn service_source(model: &str) -> String {
    let manifest = manifest_for(&[fixture(model)], Operations::All);
    let generated = codegen::generate(&manifest).unwrap_or_else(|e| panic!("{model}: {e}"));
    let mut out = String::new();
    for (path, text) in &generated.files {
        let is_service = path.starts_with("src/") && !path.starts_with("src/runtime/") && path.matches('/').count() >= 2;
        if is_service {
            out.push_str(&format!("==== {path}\n{text}\n"));
        }
    }
    out
}

macro_rules! snapshot {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), service_source($file));
        }
    };
}

snapshot!(every_simple_type, "simple_types.json");
snapshot!(nested_collections, "collections.json");
snapshot!(enum_values_that_need_renaming, "enums.json");
snapshot!(union_with_unknown_member, "unions.json");
snapshot!(sensitive_map_and_string, "sensitive.json");
snapshot!(recursive_shapes, "recursion.json");
snapshot!(keyword_members_and_shape_names, "keywords.json");
snapshot!(defaults_and_optionality, "defaults.json");
