//! Small snapshots, one concern each: one type, one builder, one reader or writer, one error
//! enum, cut from the code generated for the fixture models. The whole of that code is pinned
//! once, by the checked-in fixture crate (`tests/fixture-crate`, kept fresh by
//! `generated_crate.rs`); these show each concern on its own, readable in review. Review every
//! change before accepting it.

use codegen::manifest::Manifest;
use codegen::write::Files;
use std::sync::OnceLock;
use tests::root;

/// The fixture crate's files, generated once per test run.
fn fixtures() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let manifest = Manifest::load(&root().join("tests/fixtures/codegen.toml")).unwrap();
        codegen::generate(&manifest).unwrap().files
    })
}

/// The items of `file` called `name` (a struct, enum, function, constant or type alias) and the `impl`
/// blocks for it, formatted.
fn items(file: &str, names: &[&str]) -> String {
    let text = fixtures().get(file).unwrap_or_else(|| panic!("no file {file}"));
    let parsed: syn::File = syn::parse_file(text).unwrap();
    let named = |ident: &syn::Ident| names.iter().any(|n| ident == n);
    let chosen: Vec<syn::Item> = parsed
        .items
        .into_iter()
        .filter(|item| match item {
            syn::Item::Struct(s) => named(&s.ident),
            syn::Item::Enum(e) => named(&e.ident),
            syn::Item::Fn(f) => named(&f.sig.ident),
            syn::Item::Const(c) => named(&c.ident),
            syn::Item::Type(t) => named(&t.ident),
            syn::Item::Impl(i) => match &*i.self_ty {
                syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| named(&s.ident)),
                _ => false,
            },
            _ => false,
        })
        .collect();
    assert!(!chosen.is_empty(), "{file} has none of {names:?}");
    prettyplease::unparse(&syn::File { shebang: None, attrs: vec![], items: chosen })
}

macro_rules! snapshot {
    ($(#[doc = $doc:literal])* $name:ident, $file:literal, [$($item:literal),+]) => {
        $(#[doc = $doc])*
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), items($file, &[$($item),+]));
        }
    };
}

snapshot!(
    /// An open enum: known values, `Unknown` keeping what was received, and its conversions.
    open_enum, "src/enums/types.rs", ["EndpointMode"]
);
snapshot!(
    /// An intEnum.
    int_enum, "src/enums/types.rs", ["Priority"]
);
snapshot!(
    /// A tagged union with a unit member and the unknown-member variant.
    tagged_union, "src/unions/types.rs", ["Action"]
);
snapshot!(
    /// A union written as JSON: one key, and the unknown member refused.
    union_writer, "src/unions/protocol.rs", ["ser_action"]
);
snapshot!(
    /// A union read from JSON: exactly one member set, unknown members kept by name.
    union_reader, "src/unions/protocol.rs", ["de_action"]
);
snapshot!(
    /// A structure whose members have model defaults and `@required`: the accessors.
    structure_with_defaults, "src/defaults/types.rs", ["Config"]
);
snapshot!(
    /// Its builder: `build()` fails for a missing required member, `build_lenient()` fills
    /// defaults and zero values.
    builder_with_defaults, "src/defaults/types/builders.rs", ["ConfigBuilder"]
);
snapshot!(
    /// Shape and member names that are Rust keywords or std names.
    keyword_names, "src/keywords/types.rs", ["Option", "Result", "Box"]
);
snapshot!(
    /// A structure that closes a cycle holds it boxed.
    recursive_structure, "src/recursion/types.rs", ["Tree"]
);
snapshot!(
    /// `Debug` redacts sensitive members.
    sensitive_debug, "src/sensitive/types.rs", ["Card"]
);
snapshot!(
    /// Nested lists and maps read from JSON, sparse and dense.
    collections_reader, "src/collections/protocol.rs", ["de_holder"]
);
snapshot!(
    /// Every simple type written to a JSON body.
    simple_types_writer, "src/simpletypes/protocol.rs", ["ser_nested"]
);
snapshot!(
    /// An error structure: its metadata and `Display`.
    error_structure, "src/jsonunions/types/error.rs", ["ComplexError"]
);
snapshot!(
    /// An operation's error enum.
    error_enum, "src/jsonunions/operation/echo.rs", ["EchoError"]
);
snapshot!(
    /// The response side of an operation: errors dispatched by code, then the output.
    parse_response, "src/jsonunions/operation/echo.rs", ["parse_response"]
);
snapshot!(
    /// restJson1 labels, greedy and not, in the request path.
    http_labels_request, "src/httplabels/operation/greedy_label.rs", ["serialize_request"]
);
snapshot!(
    /// restJson1 query parameters: bound members, lists, and a query map.
    http_query_request, "src/httpquery/operation/query_params.rs", ["serialize_request"]
);
snapshot!(
    /// restJson1 response headers and the status code read into the output.
    http_headers_response, "src/httpheaders/operation/headers.rs", ["de_headers_output_response"]
);
snapshot!(
    /// A structure payload: the whole body, `{}` when unset.
    http_structure_payload, "src/httppayloads/operation/structure_payload.rs", ["serialize_request"]
);
snapshot!(
    /// A paginator: the token of each page sent for the next, and the items of the pages.
    paginator, "src/paginators/operation/list_things/paginator.rs", ["Page", "Item", "ListThingsPaginator", "ListThingsPaginatorItems"]
);
snapshot!(
    /// The client's call builder and what the orchestrator knows of the operation.
    fluent_builder, "src/defaults/operation/echo/builders.rs", ["OPERATION", "EchoFluentBuilder"]
);

/// What of the runtime ships with the generated crate of our three operations (awsJson1_1 and
/// restJson1 services with endpoint rules, timestamps and enums; no documents, big numbers,
/// blobs, streams, compression or idempotency tokens).
#[test]
fn runtime_modules_shipped() {
    let manifest = Manifest::load(&root().join("codegen.toml")).unwrap();
    let files = codegen::generate(&manifest).unwrap().files;
    let shipped: Vec<&str> = files.keys().filter(|p| p.starts_with("src/runtime/")).map(String::as_str).collect();
    insta::assert_snapshot!("runtime_modules_shipped", shipped.join("\n"));
}
