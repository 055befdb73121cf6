//! The crate's frame: `Cargo.toml`, `lib.rs`, the public modules that re-export the runtime's
//! user-facing items (`config`, `endpoint`, `error`, `primitives`, and `testing` under the
//! test-util feature), the runtime's `mod.rs`, and each service's module files.

use super::endpoint_data;
use super::paths::{Paths, Rt};
use super::tokens::{ident, inner_doc_attrs};
use super::files::{Content, EmittedFile, Origin};
use crate::plan::{CratePlan, RuntimeNeeds, ServicePlan};
use proc_macro2::TokenStream;
use quote::quote;
use runtime::endpoint::Partitions;

/// The runtime manifest's tables the generated crate takes over (name, TOML value).
#[derive(Debug, Clone, Default)]
pub struct RuntimeManifest {
    /// The minimum supported Rust version of the generated crate.
    pub rust_version: String,
    pub dependencies: Vec<(String, String)>,
    pub features: Vec<(String, String)>,
}

/// The runtime feature that turns request compression on.
const COMPRESSION_FEATURE: &str = "request-compression";

/// The runtime feature of the test doubles (the crate's `testing` module).
const TEST_UTIL_FEATURE: &str = "test-util";

/// The origin of crate-level files: every service with its closure hash.
pub fn crate_origin(plan: &CratePlan) -> Origin {
    Origin::Crate(plan.services.iter().map(|s| (s.shape_id.to_string(), s.closure_hash.clone())).collect())
}

/// `Cargo.toml`: one feature per service, then the runtime's (transports, `serde`, `test-util`,
/// and compression when an operation compresses); the default is every service with the async
/// transport. Optional dependencies that no kept feature names are left out.
pub fn cargo_toml(plan: &CratePlan, runtime: &RuntimeManifest) -> EmittedFile {
    let CratePlan { name, version, services, needs } = plan;
    let compression = needs.request_compression;
    let mut features: Vec<String> = services
        .iter()
        .map(|s| match s.operations.iter().any(|o| o.request_compression.is_some()) {
            true => format!("{} = [\"{COMPRESSION_FEATURE}\"]", s.module),
            false => format!("{} = []", s.module),
        })
        .collect();
    let kept: Vec<&(String, String)> = runtime
        .features
        .iter()
        .filter(|(n, _)| n != "default" && (compression || n != COMPRESSION_FEATURE))
        .collect();
    features.extend(kept.iter().map(|(n, v)| format!("{n} = {v}")));
    let mut default: Vec<String> = services.iter().map(|s| format!("\"{}\"", s.module)).collect();
    if runtime.features.iter().any(|(n, _)| n == "rt-tokio") {
        default.push("\"rt-tokio\"".to_string());
    }
    let dependencies: String = runtime
        .dependencies
        .iter()
        .filter(|(name, value)| {
            let optional = value.contains("optional = true");
            !optional || kept.iter().any(|(_, v)| v.contains(&format!("\"dep:{name}\"")))
        })
        .map(|(n, v)| format!("{n} = {v}\n"))
        .collect();
    let text = format!(
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
        name = name,
        version = version,
        rust_version = runtime.rust_version,
        default = default.join(", "),
        features = features.join("\n"),
    );
    EmittedFile { path: "Cargo.toml".into(), origin: crate_origin(plan), content: Content::Text(text) }
}

/// What `src/lib.rs` is the root of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// A crate: its docs and attributes, one cargo feature per service.
    Crate,
    /// A module of another crate, `include!`d there: items only, every service in.
    Module,
}

/// `src/lib.rs` and the public modules over the runtime (with the partitions table when a
/// service resolves endpoints with rules).
pub fn crate_files(paths: &Paths, plan: &CratePlan, root: Root) -> Vec<EmittedFile> {
    let origin = crate_origin(plan);
    let modules = plan.services.iter().map(|s| {
        let m = ident(&s.module);
        let feature = &s.module;
        let doc = format!(" {} (`{}`, API version {}).", s.title, s.shape_id, s.version);
        let gate = (root == Root::Crate).then(|| quote!(#[cfg(feature = #feature)]));
        quote! {
            #[doc = #doc]
            #gate
            pub mod #m;
        }
    });
    let mut crate_docs = vec![
        "Clients for AWS services, generated from their Smithy models.".to_string(),
        String::new(),
        "One module per service, each behind a cargo feature of the same name:".to_string(),
        String::new(),
    ];
    crate_docs.extend(plan.services.iter().map(|s| format!("- `{}`: {} (feature `{}`)", s.module, s.title, s.module)));
    crate_docs.extend([
        String::new(),
        "Other features: `rt-tokio` (default) and `blocking`, the async and blocking transports;".to_string(),
        "`serde`, `Serialize` and `Deserialize` for every type; `test-util`, the test doubles of".to_string(),
        "the `testing` module.".to_string(),
    ]);
    // An included file holds items only: no inner attributes.
    let crate_attrs = match root {
        Root::Crate => {
            let docs = inner_doc_attrs(&crate_docs);
            quote!(#docs #![forbid(unsafe_code)])
        }
        Root::Module => quote!(),
    };
    let lib = quote! {
        #crate_attrs

        pub mod config;
        pub mod endpoint;
        pub mod error;
        pub mod primitives;
        #[doc(hidden)]
        pub mod runtime;
        #[cfg(feature = #TEST_UTIL_FEATURE)]
        pub mod testing;

        #(#modules)*
    };
    let rust = |path: &str, tokens: TokenStream| EmittedFile { path: path.into(), origin: origin.clone(), content: Content::Rust(tokens) };
    let files = vec![
        rust("src/lib.rs", lib),
        rust("src/primitives.rs", primitives(paths, &plan.needs)),
        rust("src/endpoint.rs", endpoint(paths, &plan.needs)),
        rust("src/config.rs", config(paths, &plan.needs)),
        rust("src/error.rs", error(paths)),
        rust("src/testing.rs", testing(paths)),
    ];
    files
}

/// `pub use <runtime>::<module>::{names};`, when `on`.
fn reexport(paths: &Paths, on: bool, module: &[&str], names: &[&str]) -> TokenStream {
    if !on {
        return quote!();
    }
    let root = paths.root();
    let module = module.iter().map(|m| ident(m));
    let names: Vec<_> = names.iter().map(|n| ident(n)).collect();
    if names.len() == 1 {
        quote!(pub use #root::runtime #(::#module)*::#(#names)*;)
    } else {
        quote!(pub use #root::runtime #(::#module)*::{#(#names),*};)
    }
}

fn primitives(paths: &Paths, needs: &RuntimeNeeds) -> TokenStream {
    let RuntimeNeeds {
        endpoint_rules: _,
        big_numbers,
        documents,
        blobs,
        timestamps,
        byte_streams,
        open_enums,
        int_enums,
        idempotency_tokens: _,
        request_compression: _,
    } = *needs;
    let uses = [
        reexport(paths, big_numbers, &["bignum"], &["BigDecimal", "BigInteger"]),
        reexport(paths, blobs, &["blob"], &["Blob"]),
        reexport(paths, true, &["build_error"], &["BuildError"]),
        reexport(paths, byte_streams, &["byte_stream"], &["ByteStream"]),
        reexport(paths, timestamps, &["datetime"], &["DateTime"]),
        reexport(paths, documents, &["document"], &["Document", "Number"]),
        reexport(paths, open_enums, &["unknown"], &["UnknownValue"]),
        reexport(paths, int_enums, &["unknown"], &["UnknownIntValue"]),
    ];
    quote! {
        //! Value types that members of the crate's services use.

        #(#uses)*
    }
}

fn endpoint(paths: &Paths, needs: &RuntimeNeeds) -> TokenStream {
    if !needs.endpoint_rules {
        let endpoint = reexport(paths, true, &["endpoint"], &["Endpoint"]);
        return quote! {
            //! Endpoints: what request builders take. (No service of the crate has endpoint rules:
            //! each request goes to the configuration's endpoint URL.)

            #endpoint
        };
    }
    let uses = reexport(
        paths,
        true,
        &["endpoint"],
        &["Endpoint", "ParamValue", "Params", "Partitions", "PartitionsError", "ResolveError", "RuleSet"],
    );
    // The whole table, once for all the crate's services: which partition a call needs depends
    // on the region it is configured with, known only at run time.
    let table = match Partitions::parse(crate::DEFAULT_PARTITIONS) {
        Ok(table) => endpoint_data::partitions(&table.0),
        Err(e) => {
            let message = format!("the built-in partitions table is invalid: {e}");
            quote!(compile_error!(#message))
        }
    };
    let data = paths.rt(Rt::PartitionData);
    quote! {
        //! Endpoints: what request builders take, and the rules engine that resolves them from a
        //! service's endpoint rule set.

        #uses

        /// The AWS partitions table built into this crate (as published when it was generated);
        /// `Config::builder().partitions(..)` supplies a newer one without regenerating.
        pub fn default_partitions() -> &'static Partitions {
            use #data::{Data, PartitionData};
            use ::std::borrow::Cow::Borrowed as B;
            static TABLE: Partitions = Partitions(#table);
            &TABLE
        }
    }
}

fn config(paths: &Paths, needs: &RuntimeNeeds) -> TokenStream {
    let uses = [
        reexport(paths, true, &["config"], &["Config", "ConfigBuilder", "ConfigError", "EndpointError", "SystemClock", "TimeSource"]),
        reexport(paths, true, &["credentials"], &["Credentials", "CredentialsError", "Env", "ProvideCredentials"]),
        reexport(
            paths,
            needs.idempotency_tokens,
            &["idempotency"],
            &["FixedIdempotencyToken", "IdempotencyTokenProvider", "RandomIdempotencyToken", "COMPLIANCE_TEST_TOKEN"],
        ),
        reexport(paths, true, &["retry"], &["AsyncSleep", "BlockingSleep", "RandomSource", "RetryConfig"]),
        reexport(
            paths,
            true,
            &["transport"],
            &["BlockingHttpClient", "BoxFuture", "HttpClient", "HttpResponse", "StalledStreamProtection", "TransportSettings"],
        ),
    ];
    let root = paths.root();
    quote! {
        //! Client configuration: region, FIPS, dual-stack, endpoint override, credentials,
        //! HTTP clients (with their proxies and CA bundle), retries and timeouts.

        #(#uses)*
        #[cfg(feature = "blocking")]
        pub use #root::runtime::transport::BlockingClient;
        #[cfg(feature = "rt-tokio")]
        pub use #root::runtime::transport::TokioHttpClient;
        #[cfg(any(feature = "rt-tokio", feature = "blocking"))]
        pub use #root::runtime::transport::{CaBundle, CaBundleError, ProxyConfig, ProxyError};
    }
}

fn error(paths: &Paths) -> TokenStream {
    let uses = [
        reexport(paths, true, &["client"], &["ConstructionError", "SdkError"]),
        reexport(paths, true, &["transport"], &["TransportError", "TransportErrorKind"]),
        reexport(paths, true, &["wire", "error"], &["ErrorMetadata", "RequestId", "RetryKind", "Unhandled"]),
        reexport(paths, true, &["wire"], &["DeserializeError", "SerializeError"]),
    ];
    quote! {
        //! What every operation error carries, and the errors of building a request or reading a
        //! response.

        #(#uses)*
    }
}

/// `src/testing.rs`, under the test-util feature: the test doubles.
fn testing(paths: &Paths) -> TokenStream {
    let uses = reexport(
        paths,
        true,
        &["testing"],
        &[
            "config_builder",
            "FixedTime",
            "InstantSleep",
            "RecordedRequest",
            "ReplayClient",
            "ReplayResponse",
            "ACCESS_KEY_ID",
            "FIXED_TIME_SECS",
            "REGION",
            "SECRET_ACCESS_KEY",
        ],
    );
    quote! {
        //! Test doubles for code that calls the clients (the `test-util` feature, for
        //! `[dev-dependencies]`): [`ReplayClient`], an in-memory transport that answers canned
        //! responses by operation and records every request, and [`config_builder`], a
        //! configuration with static credentials, a fixed region and clock (so requests are signed
        //! alike on every run) and sleeps that return at once. Nothing here opens a connection.
        //!
        //! An operation is named as its requests show it: `"GetSession"` for an awsJson
        //! service (by the `X-Amz-Target` header; `"AmazonAthena.GetSession"` names the service
        //! too), `"GET /sessions/{SessionArn}"` for a restJson1 one (the method and URI of its
        //! `@http` trait; a label is any path segment).
        //!
        //! ```text
        //! let replay = ReplayClient::new()
        //!     .on("GetSession", ReplayResponse::ok(r#"{"SessionId": "s-1", "Status": {"State": "IDLE"}}"#))
        //!     .on("GetStudioSessionMapping", ReplayResponse::error(400, "InvalidRequestException", "no such studio"));
        //! let config = replay.config_builder().build();
        //! // ... run the code under test with `config` ...
        //! replay.assert_sent("GetSession", |request| assert!(request.body_str().unwrap().contains("s-1")));
        //! ```

        #uses
    }
}

/// `src/runtime/mod.rs`: the runtime modules the crate ships.
pub fn runtime_mod(plan: &CratePlan, top_level: &[String]) -> EmittedFile {
    let modules = top_level.iter().map(|m| {
        let m = ident(m);
        quote!(pub mod #m;)
    });
    let tokens = quote! {
        //! Hand-written support code, copied from the generator: the modules this crate's
        //! services use.

        #(#modules)*
    };
    EmittedFile { path: "src/runtime/mod.rs".into(), origin: crate_origin(plan), content: Content::Rust(tokens) }
}

/// `src/<service>/mod.rs`.
pub fn service_mod(s: &ServicePlan) -> TokenStream {
    let mut docs = vec![format!("{} (`{}`, API version {}).", s.title, s.shape_id, s.version)];
    if !s.docs.is_empty() {
        docs.push(String::new());
        docs.extend(s.docs.iter().cloned());
    }
    let docs = inner_doc_attrs(&docs);
    let client = ident(&s.client.name);
    let waiters = (!s.waiters.is_empty()).then(|| quote!(pub mod waiters;));
    quote! {
        #docs

        pub mod client;
        pub mod endpoint;
        pub mod operation;
        pub(crate) mod protocol;
        pub mod types;
        #waiters

        pub use client::#client;
    }
}
