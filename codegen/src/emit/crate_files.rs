//! The crate's frame: `Cargo.toml`, `lib.rs`, the runtime module, and each service's modules.

use super::types::{structure, type_def};
use super::{ident, inner_doc_attrs, Content, EmittedFile, Origin};
use crate::plan::{CratePlan, OperationPlan, ServicePlan};
use quote::quote;

/// The runtime modules copied into every crate, by file stem (the generator lists its folder).
pub fn runtime_module_names(files: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = files
        .iter()
        .filter_map(|(path, _)| {
            let first = path.split('/').next()?;
            Some(first.strip_suffix(".rs").unwrap_or(first).to_string())
        })
        .filter(|n| n != "lib")
        .collect();
    names.sort();
    names.dedup();
    names
}

pub fn crate_files(plan: &CratePlan, runtime_modules: &[String], runtime: &super::RuntimeManifest) -> Vec<EmittedFile> {
    let origin = Origin::Crate(
        plan.services.iter().map(|s| (s.shape_id.to_string(), s.closure_hash.clone())).collect(),
    );
    // One feature per service, then the runtime's own (the transports); the default is every
    // service with the async transport.
    // A service whose operations compress requests turns the compressor on.
    let mut features: Vec<String> = plan
        .services
        .iter()
        .map(|s| match s.operations.iter().any(|o| o.request_compression.is_some()) {
            true => format!("{} = [\"request-compression\"]", s.module),
            false => format!("{} = []", s.module),
        })
        .collect();
    features.extend(runtime.features.iter().filter(|(n, _)| n != "default").map(|(n, v)| format!("{n} = {v}")));
    let mut default: Vec<String> = plan.services.iter().map(|s| format!("\"{}\"", s.module)).collect();
    if runtime.features.iter().any(|(n, _)| n == "rt-tokio") {
        default.push("\"rt-tokio\"".to_string());
    }
    let cargo = format!(
        r#"[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "{rust_version}"
description = "Rust clients for AWS services, generated from their Smithy models."
license = "Apache-2.0"
publish = false

[features]
default = [{default}]
{features}

[dependencies]
{dependencies}"#,
        dependencies = runtime.dependencies.iter().map(|(n, v)| format!("{n} = {v}\n")).collect::<String>(),
        name = plan.name,
        version = plan.version,
        rust_version = runtime.rust_version,
        default = default.join(", "),
        features = features.join("\n"),
    );

    let modules = plan.services.iter().map(|s| {
        let m = ident(&s.module);
        let feature = &s.module;
        let doc = format!(" {} (`{}`, API version {}).", s.title, s.shape_id, s.version);
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub mod #m;
        }
    });
    let service_list: Vec<String> = plan
        .services
        .iter()
        .map(|s| format!("- `{}`: {} (feature `{}`)", s.module, s.title, s.module))
        .collect();
    let mut crate_docs = vec![
        "Clients for AWS services, generated from their Smithy models.".to_string(),
        String::new(),
        "One module per service, each behind a cargo feature of the same name:".to_string(),
        String::new(),
    ];
    crate_docs.extend(service_list);
    let crate_docs = inner_doc_attrs(&crate_docs);
    let lib = quote! {
        #crate_docs
        #![forbid(unsafe_code)]

        pub mod config;
        pub mod endpoint;
        pub mod error;
        pub mod primitives;
        #[doc(hidden)]
        pub mod runtime;

        #(#modules)*
    };

    let primitives = quote! {
        //! Value types that members of every service use.

        pub use crate::runtime::bignum::{BigDecimal, BigInteger};
        pub use crate::runtime::blob::Blob;
        pub use crate::runtime::byte_stream::ByteStream;
        pub use crate::runtime::build_error::BuildError;
        pub use crate::runtime::datetime::DateTime;
        pub use crate::runtime::document::{Document, Number};
        pub use crate::runtime::unknown::{UnknownIntValue, UnknownValue};
    };

    let endpoint = quote! {
        //! Endpoints: what request builders take, and the rules engine that resolves them from a
        //! service's endpoint rule set.

        pub use crate::runtime::endpoint::{Endpoint, ParamValue, Params, Partitions, PartitionsError, ResolveError, RuleSet};

        /// The AWS partitions table built into this crate (as published when it was generated);
        /// `Config::builder().partitions(..)` supplies a newer one without regenerating.
        pub fn default_partitions() -> ::std::result::Result<&'static Partitions, &'static PartitionsError> {
            static TABLE: ::std::sync::OnceLock<::std::result::Result<Partitions, PartitionsError>> = ::std::sync::OnceLock::new();
            TABLE.get_or_init(|| Partitions::parse(::std::include_str!("partitions.json"))).as_ref()
        }
    };

    let config = quote! {
        //! Client configuration: region, FIPS, dual-stack, endpoint override, partitions table.

        pub use crate::runtime::config::{Config, ConfigBuilder, ConfigError, EndpointError, SystemClock, TimeSource};
        pub use crate::runtime::credentials::{Credentials, CredentialsError, Env, ProvideCredentials};
        pub use crate::runtime::idempotency::{FixedIdempotencyToken, IdempotencyTokenProvider, RandomIdempotencyToken, COMPLIANCE_TEST_TOKEN};
        pub use crate::runtime::retry::{AsyncSleep, BlockingSleep, RandomSource, RetryConfig};
        pub use crate::runtime::transport::{BlockingHttpClient, BoxFuture, HttpClient, HttpResponse, TransportSettings};
        #[cfg(feature = "blocking")]
        pub use crate::runtime::transport::BlockingClient;
        #[cfg(feature = "rt-tokio")]
        pub use crate::runtime::transport::TokioHttpClient;
    };

    let error = quote! {
        //! What every operation error carries, and the errors of building a request or reading a
        //! response.

        pub use crate::runtime::client::{ConstructionError, SdkError};
        pub use crate::runtime::transport::{TransportError, TransportErrorKind};
        pub use crate::runtime::wire::error::{ErrorMetadata, RequestId, RetryKind, Unhandled};
        pub use crate::runtime::wire::{DeserializeError, SerializeError};
    };

    let runtime_mods = runtime_modules.iter().map(|m| {
        let m = ident(m);
        quote!(pub mod #m;)
    });
    let runtime = quote! {
        //! Hand-written support code, copied from the generator.
        #![allow(dead_code, reason = "a crate with one service feature uses part of the runtime")]

        #(#runtime_mods)*
    };

    vec![
        EmittedFile { path: "Cargo.toml".into(), origin: origin.clone(), content: Content::Text(cargo) },
        EmittedFile { path: "src/lib.rs".into(), origin: origin.clone(), content: Content::Rust(lib) },
        EmittedFile { path: "src/primitives.rs".into(), origin: origin.clone(), content: Content::Rust(primitives) },
        EmittedFile { path: "src/endpoint.rs".into(), origin: origin.clone(), content: Content::Rust(endpoint) },
        EmittedFile { path: "src/config.rs".into(), origin: origin.clone(), content: Content::Rust(config) },
        EmittedFile { path: "src/partitions.json".into(), origin: origin.clone(), content: Content::Text(crate::DEFAULT_PARTITIONS.to_string()) },
        EmittedFile { path: "src/error.rs".into(), origin: origin.clone(), content: Content::Rust(error) },
        EmittedFile { path: "src/runtime/mod.rs".into(), origin, content: Content::Rust(runtime) },
    ]
}

pub fn service_files(s: &ServicePlan) -> Vec<EmittedFile> {
    let origin = Origin::Service { shape_id: s.shape_id.to_string(), hash: s.closure_hash.clone() };
    let dir = format!("src/{}", s.module);
    let file = |path: String, content| EmittedFile { path, origin: origin.clone(), content: Content::Rust(content) };

    let mut docs = vec![format!("{} (`{}`, API version {}).", s.title, s.shape_id, s.version)];
    if !s.docs.is_empty() {
        docs.push(String::new());
        docs.extend(s.docs.iter().cloned());
    }
    let docs = inner_doc_attrs(&docs);
    let module = quote! {
        #docs

        pub mod client;
        pub mod endpoint;
        pub mod operation;
        pub(crate) mod protocol;
        pub mod types;

        pub use client::Client;
    };

    let type_defs = s.types.iter().map(|t| {
        let id = match t {
            crate::plan::TypeDef::Struct(st) => &st.shape_id,
            crate::plan::TypeDef::Enum(e) => &e.shape_id,
            crate::plan::TypeDef::Union(u) => &u.shape_id,
        };
        type_def(t, s.deserialized.contains(id))
    });
    let error_mod = if s.errors.is_empty() { quote!() } else { quote!(pub mod error;) };
    let types = quote! {
        //! Structures, enums and unions of the service.

        #error_mod

        #(#type_defs)*
    };

    let error_defs = s.errors.iter().map(|e| structure(e, true));
    let errors = quote! {
        //! The errors the service's operations can return.

        #(#error_defs)*
    };

    let op_mods = s.operations.iter().map(|op| {
        let m = ident(&op.module);
        let doc = format!(" The `{}` operation.", op.shape_id.name());
        quote! {
            #[doc = #doc]
            pub mod #m;
        }
    });
    let operations = quote! {
        //! One module per operation: its input and output.

        #(#op_mods)*
    };

    let mut files = vec![
        file(format!("{dir}/mod.rs"), module),
        file(format!("{dir}/protocol.rs"), super::json::protocol_module(s)),
        file(format!("{dir}/types.rs"), types),
        file(format!("{dir}/operation/mod.rs"), operations),
    ];
    if !s.errors.is_empty() {
        files.push(file(format!("{dir}/types/error.rs"), errors));
    }
    files.push(file(format!("{dir}/client.rs"), super::client::client_module(s)));
    files.push(file(format!("{dir}/endpoint.rs"), endpoint_module(s)));
    if let Some(rules) = &s.endpoint_rule_set {
        files.push(EmittedFile {
            path: format!("{dir}/endpoint_rules.json"),
            origin: origin.clone(),
            content: Content::Text(rules.clone()),
        });
    }
    for op in &s.operations {
        let file_name = op.module.trim_start_matches("r#");
        files.push(file(format!("{dir}/operation/{file_name}.rs"), operation(s, op)));
    }
    files
}

fn operation(service: &ServicePlan, op: &OperationPlan) -> proc_macro2::TokenStream {
    let mut docs = op.docs.clone();
    if docs.is_empty() {
        docs.push(format!("The `{}` operation.", op.shape_id.name()));
    }
    let docs = inner_doc_attrs(&docs);
    let input = structure(&op.input, false);
    let output = structure(&op.output, true);
    let wire = super::operation::operation_items(service, op);
    let fluent = super::client::fluent_builder(service, op);
    quote! {
        #docs

        #input
        #output
        #wire
        #fluent
    }
}

/// A service's endpoint resolution: its rule set (shipped beside it as JSON, parsed once) and
/// the configuration's built-in parameters.
fn endpoint_module(s: &ServicePlan) -> proc_macro2::TokenStream {
    if s.endpoint_rule_set.is_none() {
        let doc = format!(" Endpoints of {}: its model has no endpoint rule set, so the configuration's endpoint URL is used.", s.title);
        return quote! {
            #![doc = #doc]

            use crate::config::{Config, EndpointError};
            use crate::endpoint::Endpoint;

            /// The configuration's endpoint URL (the model has no rules to resolve one).
            pub fn resolve_endpoint(config: &Config) -> ::std::result::Result<Endpoint, EndpointError> {
                config.endpoint_url().map(Endpoint::new).ok_or_else(|| {
                    EndpointError::RuleSet(::std::string::String::from("the model has no endpoint rule set: set an endpoint URL"))
                })
            }
        };
    }
    let doc = format!(" Endpoint resolution for {}, from the endpoint rule set of its model.", s.title);
    quote! {
        #![doc = #doc]

        use crate::config::{Config, EndpointError};
        use crate::endpoint::{Endpoint, RuleSet};

        /// Resolves the endpoint of the service's operations (none of them adds endpoint
        /// parameters): region, FIPS, dual-stack and the endpoint override come from `config`.
        pub fn resolve_endpoint(config: &Config) -> ::std::result::Result<Endpoint, EndpointError> {
            static RULES: ::std::sync::OnceLock<::std::result::Result<RuleSet, ::std::string::String>> = ::std::sync::OnceLock::new();
            let rules = RULES
                .get_or_init(|| RuleSet::parse(::std::include_str!("endpoint_rules.json")).map_err(|e| e.to_string()))
                .as_ref()
                .map_err(|e| EndpointError::RuleSet(e.clone()))?;
            let partitions = crate::endpoint::default_partitions().map_err(|e| EndpointError::RuleSet(e.to_string()))?;
            config.resolve(rules, partitions)
        }
    }
}
