//! A service's endpoint resolution: its rule set (shipped beside it as JSON, parsed once) and
//! the configuration's built-in parameters; or, for a model without rules, the configuration's
//! endpoint URL.

use super::paths::{Paths, Rt};
use super::tokens::ident;
use crate::plan::ServicePlan;
use proc_macro2::TokenStream;
use quote::quote;

/// The file name of a service's rule set, beside its `endpoint.rs`.
pub const RULES_FILE: &str = "endpoint_rules.json";

/// The docs and items of `src/<service>/endpoint.rs`.
pub fn endpoint_module(paths: &Paths, s: &ServicePlan) -> (Vec<String>, TokenStream) {
    let config = paths.rt(Rt::Config);
    let endpoint = paths.rt(Rt::Endpoint);
    let endpoint_error = paths.rt(Rt::EndpointError);
    let resolve = ident(&s.resolve_endpoint.name);
    if s.endpoint_rule_set.is_none() {
        let docs = vec![format!("Endpoints of {}: its model has no endpoint rule set, so the configuration's endpoint URL is used.", s.title)];
        return (docs, quote! {
            /// The configuration's endpoint URL (the model has no rules to resolve one).
            pub fn #resolve(config: &#config) -> ::std::result::Result<#endpoint, #endpoint_error> {
                config.checked_endpoint_url()?.map(#endpoint::new).ok_or(#endpoint_error::NoEndpointUrl)
            }
        });
    }
    let rule_set = paths.rt(Rt::RuleSet);
    let default_partitions = paths.rt(Rt::DefaultPartitions);
    let docs = vec![format!("Endpoint resolution for {}, from the endpoint rule set of its model.", s.title)];
    (docs, quote! {
        /// Resolves the endpoint of the service's operations (none of them adds endpoint
        /// parameters): region, FIPS, dual-stack and the endpoint override come from `config`.
        pub fn #resolve(config: &#config) -> ::std::result::Result<#endpoint, #endpoint_error> {
            static RULES: ::std::sync::OnceLock<::std::result::Result<#rule_set, ::std::string::String>> = ::std::sync::OnceLock::new();
            let rules = RULES
                .get_or_init(|| #rule_set::parse(::std::include_str!(#RULES_FILE)).map_err(|e| e.to_string()))
                .as_ref()
                .map_err(|e| #endpoint_error::RuleSet(e.clone()))?;
            let partitions = #default_partitions().map_err(|e| #endpoint_error::RuleSet(e.to_string()))?;
            config.resolve(rules, partitions)
        }
    })
}
