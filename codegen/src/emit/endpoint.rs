//! A service's endpoint resolution: its rule set (written as `static` data, see
//! `endpoint_data.rs`) and the configuration's built-in parameters, resolved once per
//! configuration; or, for a model without rules, the configuration's endpoint URL.

use super::endpoint_data;
use super::paths::{Paths, Rt};
use super::tokens::ident;
use crate::plan::ServicePlan;
use proc_macro2::TokenStream;
use quote::quote;

/// The docs and items of `src/<service>/endpoint.rs`.
pub fn endpoint_module(paths: &Paths, s: &ServicePlan) -> (Vec<String>, TokenStream) {
    let config = paths.rt(Rt::Config);
    let endpoint = paths.rt(Rt::Endpoint);
    let endpoint_error = paths.rt(Rt::EndpointError);
    let resolve = ident(&s.resolve_endpoint.name);
    let Some(rules) = &s.endpoint_rule_set else {
        let docs = vec![format!("Endpoints of {}: its model has no endpoint rule set, so the configuration's endpoint URL is used.", s.title)];
        return (docs, quote! {
            /// The configuration's endpoint URL (the model has no rules to resolve one).
            pub fn #resolve(config: &#config) -> ::std::result::Result<::std::sync::Arc<#endpoint>, #endpoint_error> {
                let url = config.checked_endpoint_url()?.ok_or(#endpoint_error::NoEndpointUrl)?;
                Ok(::std::sync::Arc::new(#endpoint::new(url)))
            }
        });
    };
    let rule_set = paths.rt(Rt::RuleSet);
    let data = paths.rt(Rt::RuleSetData);
    let default_partitions = paths.rt(Rt::DefaultPartitions);
    let parsed = endpoint_data::rule_set(&rules.0);
    let docs = vec![format!("Endpoint resolution for {}, from the endpoint rule set of its model.", s.title)];
    (docs, quote! {
        /// Resolves the endpoint of the service's operations (none of them adds endpoint
        /// parameters): region, FIPS, dual-stack and the endpoint override come from `config`,
        /// which keeps the result for its later calls (and shares it with them).
        pub fn #resolve(config: &#config) -> ::std::result::Result<::std::sync::Arc<#endpoint>, #endpoint_error> {
            use #data::*;
            use ::std::borrow::Cow::Borrowed as B;
            // The model's rule set as the generator parsed it: `B` borrows every text and list.
            static RULES: #rule_set = #rule_set(#parsed);
            config.resolve_cached(&RULES, #default_partitions())
        }
    })
}
