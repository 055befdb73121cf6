//! The emitted side of service customizations (`plan/customizations.rs`): statements that
//! `serialize_request` runs at fixed points, so each customization stays in this one place.
//! (Headers every request carries are in the plan's `fixed_headers`.)

use super::paths::{Paths, Rt};
use super::tokens::ident;
use crate::plan::{Binding, Customization, OperationPlan, RustType};
use proc_macro2::TokenStream;
use quote::quote;

/// Before anything is read from `input`: Glacier's `accountId` defaults to `-` (the caller's
/// own account) when unset or empty.
pub fn input_fixups(customization: Option<&Customization>, op: &OperationPlan) -> TokenStream {
    let Some(Customization::Glacier { version: _, account_id_fields }) = customization else { return quote!() };
    let Some((_, field)) = account_id_fields.iter().find(|(module, _)| *module == op.module) else { return quote!() };
    let n = ident(field);
    quote! {
        let defaulted;
        let input = if input.#n.as_deref().is_none_or(str::is_empty) {
            let mut copy = input.clone();
            copy.#n = ::std::option::Option::Some(::std::string::String::from("-"));
            defaulted = copy;
            &defaulted
        } else {
            input
        };
    }
}

/// Headers computed from the payload (`body`, an `Option<(HeaderValue, Vec<u8>)>`): Glacier's
/// `x-amz-content-sha256` and `x-amz-sha256-tree-hash` when the caller did not set them.
pub fn body_headers(paths: &Paths, customization: Option<&Customization>, op: &OperationPlan) -> Option<TokenStream> {
    let Some(Customization::Glacier { .. }) = customization else { return None };
    let streams = op.input.fields.iter().any(|f| f.binding == Binding::Payload && f.ty == RustType::ByteStream);
    if !streams {
        return None;
    }
    let sha256 = paths.rt(Rt::Sha256Hex);
    let tree_hash = paths.rt(Rt::GlacierTreeHash);
    Some(quote! {
        let payload: &[u8] = body.as_ref().map_or(&[], |(_, bytes)| bytes.as_slice());
        for (name, value) in [
            ("x-amz-content-sha256", #sha256(payload)),
            ("x-amz-sha256-tree-hash", #tree_hash(payload)),
        ] {
            if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                headers.push((::std::borrow::Cow::Borrowed(name), ::std::borrow::Cow::Owned(value)));
            }
        }
    })
}

/// Machine Learning's `Predict` goes to the input's `PredictEndpoint` when it is set.
pub fn endpoint_override(paths: &Paths, customization: Option<&Customization>, op: &OperationPlan) -> TokenStream {
    let Some(Customization::MachineLearning { predict_endpoint: Some((module, field)) }) = customization else { return quote!() };
    if *module != op.module {
        return quote!();
    }
    let n = ident(field);
    let endpoint_ty = paths.rt(Rt::Endpoint);
    quote! {
        let predict_endpoint;
        let endpoint = match input.#n.as_deref() {
            ::std::option::Option::Some(url) if !url.is_empty() => {
                predict_endpoint = #endpoint_ty { url: url.to_string(), ..endpoint.clone() };
                &predict_endpoint
            }
            _ => endpoint,
        };
    }
}
