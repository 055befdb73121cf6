//! Emission: the plan to files, one module per concern. Emitters read the plan's names and
//! rules and never make their own; nothing here does I/O.
//!
//! - `frame`: `Cargo.toml`, `lib.rs`, the public modules over the runtime, module files
//! - `shapes`, `builders`: structures, enums, unions; the builders of structures
//! - `errors`: each operation's error enum
//! - `operation`: `serialize_request` and `parse_response`, around the service's protocol
//!   (`protocol/`: one module per protocol family, and the one place that picks it)
//! - `client`, `endpoint`, `customizations`: the client and fluent builders, endpoint
//!   resolution, service customizations
//! - `waiters`: each service's waiters, their acceptors and compiled JMESPath paths
//! - `runtime`: which of the runtime's modules the crate ships
//! - `paths`, `imports`, `tokens`: every path the code names, the short names of the common
//!   ones, and small token builders

mod builders;
mod client;
mod customizations;
mod endpoint;
mod endpoint_data;
mod errors;
mod files;
mod frame;
mod imports;
mod operation;
mod paginators;
pub mod paths;
mod protocol;
pub mod runtime;
mod rust_types;
mod shapes;
mod tokens;
mod waiters;

pub use files::{Content, EmittedFile, Origin};
pub use frame::RuntimeManifest;

use crate::plan::{CratePlan, ServicePlan, StructRole, TypeDef};
use paths::Paths;
use proc_macro2::TokenStream;
use quote::quote;
use tokens::{ident, inner_doc_attrs};

/// Every file of the crate but the runtime's (which depend on what these name: [`runtime_files`]).
pub fn emit_crate(paths: &Paths, plan: &CratePlan, runtime: &RuntimeManifest) -> Vec<EmittedFile> {
    let mut files = vec![frame::cargo_toml(plan, runtime)];
    files.extend(frame::crate_files(paths, plan, frame::Root::Crate));
    for service in &plan.services {
        files.extend(service_files(paths, service));
    }
    files
}

/// The files of a module tree for another crate (`codegen::ModuleTree`): the same modules as
/// a crate's, under `paths`' root, without a `Cargo.toml`, crate attributes or service features
/// (the manifest chose the services).
pub fn emit_module_tree(paths: &Paths, plan: &CratePlan) -> Vec<EmittedFile> {
    let mut files = frame::crate_files(paths, plan, frame::Root::Module);
    for service in &plan.services {
        files.extend(service_files(paths, service));
    }
    files
}

/// The runtime's files the crate ships, given the text of every other file: the runtime's
/// `mod.rs` and the cut-down modules.
pub fn runtime_files(plan: &CratePlan, generated: &[&str]) -> crate::Result<Vec<EmittedFile>> {
    let shipped = runtime::ship(&plan.needs, generated)?;
    let mut files = vec![frame::runtime_mod(plan, &shipped.top_level)];
    for (path, text) in shipped.files {
        files.push(EmittedFile { path: format!("src/runtime/{path}"), origin: Origin::Runtime, content: Content::Text(text) });
    }
    Ok(files)
}

/// A Rust file of a service module: its docs, its module declarations, then its items with the
/// common runtime names shortened.
struct RustFile<'a> {
    paths: Paths,
    path: String,
    origin: &'a Origin,
    docs: Vec<String>,
    mods: TokenStream,
    items: TokenStream,
}

impl RustFile<'_> {
    fn emit(self) -> EmittedFile {
        let RustFile { paths, path, origin, docs, mods, items } = self;
        let docs = inner_doc_attrs(&docs);
        let (uses, items) = imports::shorten(&paths, items);
        EmittedFile {
            path,
            origin: origin.clone(),
            content: Content::Rust(quote! {
                #docs

                #mods

                #uses

                #items
            }),
        }
    }
}

/// The files of one service module.
fn service_files(paths: &Paths, s: &ServicePlan) -> Vec<EmittedFile> {
    // What the files read here; the rest is read by the emitters they call with `s`.
    let ServicePlan {
        shape_id,
        module,
        title: _,
        docs: _,
        version: _,
        protocol: _,
        signing_name: _,
        closure_hash,
        endpoint_rule_set: _,
        resolve_endpoint: _,
        client: _,
        operations,
        types,
        errors,
        query_compatible: _,
        customization: _,
        waiters,
    } = s;
    let origin = Origin::Service { shape_id: shape_id.to_string(), hash: closure_hash.clone() };
    let dir = format!("src/{module}");
    let m = module.as_str();
    let file = |module: &[&str], path: String, docs: &[&str], mods: TokenStream, items: TokenStream| {
        let docs = docs.iter().map(|d| d.to_string()).collect();
        RustFile { paths: paths.within(module), path, origin: &origin, docs, mods, items }
    };
    let mut files = vec![EmittedFile {
        path: format!("{dir}/mod.rs"),
        origin: origin.clone(),
        content: Content::Rust(frame::service_mod(s)),
    }];
    let here = paths.within(&[m, "protocol"]);
    files.push(
        file(
            &[m, "protocol"],
            format!("{dir}/protocol.rs"),
            &["How the service's structures and unions travel in bodies, and how its error responses", "are read."],
            quote!(),
            protocol_items(&here, s),
        )
        .emit(),
    );
    let here = paths.within(&[m, "client"]);
    files.push(file(&[m, "client"], format!("{dir}/client.rs"), &["The service's client."], quote!(), client::client_module(&here, s)).emit());
    if !waiters.is_empty() {
        let here = paths.within(&[m, "waiters"]);
        files.push(
            file(
                &[m, "waiters"],
                format!("{dir}/waiters.rs"),
                &["Waiters: each calls an operation until the resource reaches the state it names (Smithy", "waiters), from `Client::wait_until_*`."],
                quote!(),
                waiters::waiters_module(&here, s),
            )
            .emit(),
        );
    }
    let here = paths.within(&[m, "endpoint"]);
    let (docs, items) = endpoint::endpoint_module(&here, s);
    let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
    files.push(file(&[m, "endpoint"], format!("{dir}/endpoint.rs"), &docs, quote!(), items).emit());

    // `types`, its builders, and `types::error` with its builders.
    let structs: Vec<_> = types.iter().filter_map(|t| if let TypeDef::Struct(st) = t { Some(st) } else { None }).collect();
    let here = paths.within(&[m, "types"]);
    let defs = types.iter().map(|t| match t {
        TypeDef::Struct(st) => shapes::structure(&here, st),
        TypeDef::Enum(e) => shapes::enumeration(&here, e),
        TypeDef::Union(u) => shapes::union(&here, u),
    });
    let builders_mod = (!structs.is_empty()).then(|| quote!(pub mod builders;));
    let error_mod = (!errors.is_empty()).then(|| quote!(pub mod error;));
    files.push(
        file(
            &[m, "types"],
            format!("{dir}/types.rs"),
            &["Structures, enums and unions of the service."],
            quote!(#builders_mod #error_mod),
            quote!(#(#defs)*),
        )
        .emit(),
    );
    if !structs.is_empty() {
        let here = paths.within(&[m, "types", "builders"]);
        let builders = structs.iter().map(|st| builders::builder(&here, st));
        files.push(
            file(
                &[m, "types", "builders"],
                format!("{dir}/types/builders.rs"),
                &["Builders of the service's structures."],
                quote!(),
                quote!(#(#builders)*),
            )
            .emit(),
        );
    }
    if !errors.is_empty() {
        let here = paths.within(&[m, "types", "error"]);
        let structures = errors.iter().map(|e| shapes::structure(&here, e));
        files.push(
            file(
                &[m, "types", "error"],
                format!("{dir}/types/error.rs"),
                &["The errors the service's operations can return."],
                quote!(pub mod builders;),
                quote!(#(#structures)*),
            )
            .emit(),
        );
        let here = paths.within(&[m, "types", "error", "builders"]);
        let builders = errors.iter().map(|e| builders::builder(&here, e));
        files.push(
            file(
                &[m, "types", "error", "builders"],
                format!("{dir}/types/error/builders.rs"),
                &["Builders of the service's errors."],
                quote!(),
                quote!(#(#builders)*),
            )
            .emit(),
        );
    }

    // `operation`, one module per operation with its `builders`.
    let op_mods = operations.iter().map(|op| {
        let m = ident(&op.module);
        let doc = format!(" The `{}` operation.", op.name);
        quote! {
            #[doc = #doc]
            pub mod #m;
        }
    });
    files.push(
        file(
            &[m, "operation"],
            format!("{dir}/operation/mod.rs"),
            &["One module per operation: its input, output and errors, how its requests are built", "and its responses read, and its builders."],
            quote!(#(#op_mods)*),
            quote!(),
        )
        .emit(),
    );
    for op in operations {
        let file_name = op.module.trim_start_matches("r#");
        let mut docs = op.docs.clone();
        if docs.is_empty() {
            docs.push(format!("The `{}` operation.", op.name));
        }
        let module = [m, "operation", op.module.as_str()];
        let here = paths.within(&module);
        let input = shapes::structure(&here, &op.input);
        let output = shapes::structure(&here, &op.output);
        let items = operation::operation_items(&here, s, op);
        let error = errors::error_enum(&here, &op.name, &op.error);
        let paginator_mod = op.paginator.is_some().then(|| quote!(pub mod paginator;));
        files.push(
            RustFile {
                paths: here,
                path: format!("{dir}/operation/{file_name}.rs"),
                origin: &origin,
                docs,
                mods: quote!(pub mod builders; #paginator_mod),
                items: quote!(#input #output #items #error),
            }
            .emit(),
        );
        let module = [m, "operation", op.module.as_str(), "builders"];
        let here = paths.within(&module);
        let input_builder = builders::builder(&here, &op.input);
        let output_builder = builders::builder(&here, &op.output);
        let fluent = client::fluent_builder(&here, s, op);
        files.push(
            RustFile {
                paths: here,
                path: format!("{dir}/operation/{file_name}/builders.rs"),
                origin: &origin,
                docs: vec![format!("Builders of `{}`: of its input and output, and the client's call builder.", op.name)],
                mods: quote!(),
                items: quote!(#input_builder #output_builder #fluent),
            }
            .emit(),
        );
        let module = [m, "operation", op.module.as_str(), "paginator"];
        let here = paths.within(&module);
        if let Some(items) = paginators::paginator_module(&here, op) {
            files.push(
                RustFile {
                    paths: here,
                    path: format!("{dir}/operation/{file_name}/paginator.rs"),
                    origin: &origin,
                    docs: vec![format!("Paging through `{}`'s results.", op.name)],
                    mods: quote!(),
                    items,
                }
                .emit(),
            );
        }
    }
    files
}

/// The items of `src/<service>/protocol.rs`: the body codecs of the service's types and the
/// readers of its error responses.
fn protocol_items(paths: &Paths, s: &ServicePlan) -> TokenStream {
    let protocol = protocol::of(s.protocol);
    let codecs = protocol.codecs(paths, s);
    let readers = s.errors.iter().filter_map(|e| match &e.role {
        StructRole::Error(traits) => Some(protocol.response_reader(paths, e, &traits.parser.name)),
        _ => None,
    });
    quote!(#codecs #(#readers)*)
}
