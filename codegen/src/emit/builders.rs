//! The builder of each structure: one `Option` per member, the setter trio of each, `build()`
//! (fallible when a required member has no default), and for what responses read,
//! `build_lenient()`, which never fails.

use super::paths::{Paths, Rt};
use super::shapes::{boxed, redacting_debug};
use super::tokens::{deprecated_attr, doc_attrs, ident};
use super::rust_types::{is_copy, or_default, ty};
use crate::plan::{BuilderPlan, FieldNames, FieldPlan, Presence, RustType, StructPlan, StructRole};
use proc_macro2::TokenStream;
use quote::quote;

/// The builder of a structure.
pub fn builder(paths: &Paths, s: &StructPlan) -> TokenStream {
    let StructPlan { shape_id: _, name, path, role, docs: _, fields, builder, eq: _, codec: _ } = s;
    let BuilderPlan { name: builder_name, path: _, fallible, lenient } = builder;
    let builder_ident = ident(builder_name);
    let target = paths.item(path);
    let stored = fields.iter().map(|f| {
        let n = ident(&f.names.field);
        let t = stored_type(paths, f);
        quote!(pub(crate) #n: #t,)
    });
    let setters = fields.iter().map(|f| setters(paths, f));
    let sensitive = fields.iter().any(|f| f.sensitive);
    let derive_debug = if sensitive { quote!() } else { quote!(Debug,) };
    let debug_impl = sensitive.then(|| redacting_debug(&builder_ident, builder_name, fields));
    let hidden = hidden_fields(role);

    let build_error = paths.rt(Rt::BuildError);
    let strict = fields.iter().map(|f| {
        let n = ident(&f.names.field);
        let label = &f.smithy_name;
        let value = match &f.presence {
            Presence::Optional => quote!(self.#n),
            Presence::Defaulted(d) => or_default(paths, quote!(self.#n), d, &f.ty),
            Presence::Required { zero: _ } => quote!(self.#n.ok_or_else(|| #build_error::missing_field(#label, #name))?),
        };
        quote!(#n: #value,)
    });
    let value = quote!(#target { #(#strict)* #hidden });
    // Builders live in a `builders` module: links name the structure by its path.
    let link = format!("[`{name}`]({})", paths.doc_path(path));
    let (build_ret, build_body, build_doc) = if *fallible {
        (
            quote!(::std::result::Result<#target, #build_error>),
            quote!(::std::result::Result::Ok(#value)),
            format!(" Builds a {link}, or says which required member is missing."),
        )
    } else {
        (target.clone(), value, format!(" Builds a {link}."))
    };
    let lenient_fn = lenient.then(|| {
        let inits = fields.iter().map(|f| {
            let n = ident(&f.names.field);
            let value = match &f.presence {
                Presence::Optional => quote!(self.#n),
                Presence::Defaulted(d) | Presence::Required { zero: d } => or_default(paths, quote!(self.#n), d, &f.ty),
            };
            quote!(#n: #value,)
        });
        quote! {
            /// Builds from what a response held: missing members take their default, or the zero
            /// value of their type when the model requires them (error correction); never fails.
            #[allow(clippy::unnecessary_lazy_evaluations, reason = "one form for every default")]
            pub(crate) fn build_lenient(self) -> #target {
                #target {
                    #(#inits)*
                    #hidden
                }
            }
        }
    });
    let doc = format!(" A builder for {link}.");
    quote! {
        #[doc = #doc]
        #[derive(Clone, Default, PartialEq, #derive_debug)]
        pub struct #builder_ident {
            #(#stored)*
        }

        impl #builder_ident {
            #(#setters)*

            #[doc = #build_doc]
            pub fn build(self) -> #build_ret {
                #build_body
            }

            #lenient_fn
        }

        #debug_impl
    }
}

/// Initializers of what a structure holds beside its members: an error's metadata, an
/// output's request id (both filled in by the response parser).
fn hidden_fields(role: &StructRole) -> TokenStream {
    match role {
        StructRole::Error(_) => quote!(meta: ::std::default::Default::default(),),
        StructRole::Output => quote!(_request_id: ::std::option::Option::None,),
        StructRole::Input | StructRole::Plain => quote!(),
    }
}

/// The builder's storage type of a field: always an `Option`.
pub fn stored_type(paths: &Paths, f: &FieldPlan) -> TokenStream {
    let t = boxed(paths, f);
    quote!(::std::option::Option<#t>)
}

/// The parameters of a field's first setter (`x(v)`; `x(k, v)` for maps) and the arguments
/// that pass them on, for the fluent builders that forward to the input builders.
pub fn setter_params(paths: &Paths, f: &FieldPlan) -> (TokenStream, TokenStream) {
    let element = |t: &RustType, sparse: bool| {
        let t = ty(paths, t);
        if sparse {
            quote!(::std::option::Option<#t>)
        } else {
            quote!(impl ::std::convert::Into<#t>)
        }
    };
    match &f.ty {
        RustType::List { member, sparse } => {
            let arg = element(member, *sparse);
            (quote!(input: #arg), quote!(input))
        }
        RustType::Map { key, value, sparse } => {
            let k = ty(paths, key);
            let v = element(value, *sparse);
            (quote!(key: impl ::std::convert::Into<#k>, value: #v), quote!(key, value))
        }
        t if is_copy(t) => {
            let t = ty(paths, t);
            (quote!(input: #t), quote!(input))
        }
        t => {
            let t = ty(paths, t);
            (quote!(input: impl ::std::convert::Into<#t>), quote!(input))
        }
    }
}

/// The setter trio: `x(v)` (appends for lists, inserts for maps), `set_x(Option)`, `get_x()`.
fn setters(paths: &Paths, f: &FieldPlan) -> TokenStream {
    let FieldPlan {
        member_id: _,
        smithy_name,
        names: FieldNames { field, set, get },
        ty: field_ty,
        presence: _,
        boxed,
        sensitive: _,
        docs,
        deprecated,
        wire_name: _,
        binding: _,
        timestamp_format: _,
        media_type: _,
    } = f;
    let n = ident(field);
    let set = ident(set);
    let get = ident(get);
    let stored = stored_type(paths, f);
    let docs = doc_attrs(docs);
    let dep = deprecated_attr(deprecated);
    let set_doc = format!(" Sets or clears `{smithy_name}`.");
    let get_doc = format!(" The value set for `{smithy_name}`, if any.");
    let first = match field_ty {
        RustType::List { member, sparse } => {
            let item = ty(paths, member);
            let (arg, push) = if *sparse {
                (quote!(::std::option::Option<#item>), quote!(input))
            } else {
                (quote!(impl ::std::convert::Into<#item>), quote!(input.into()))
            };
            let doc = format!(" Appends an item to `{smithy_name}`.");
            quote! {
                #[doc = #doc]
                #docs
                #dep
                pub fn #n(mut self, input: #arg) -> Self {
                    self.#n.get_or_insert_with(::std::vec::Vec::new).push(#push);
                    self
                }
            }
        }
        RustType::Map { key, value, sparse } => {
            let k = ty(paths, key);
            let v = ty(paths, value);
            let (arg, val) = if *sparse {
                (quote!(::std::option::Option<#v>), quote!(value))
            } else {
                (quote!(impl ::std::convert::Into<#v>), quote!(value.into()))
            };
            let doc = format!(" Adds an entry to `{smithy_name}`.");
            quote! {
                #[doc = #doc]
                #docs
                #dep
                pub fn #n(mut self, key: impl ::std::convert::Into<#k>, value: #arg) -> Self {
                    self.#n.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), #val);
                    self
                }
            }
        }
        t => {
            let t_tokens = ty(paths, t);
            let (arg, value) =
                if is_copy(t) { (t_tokens, quote!(input)) } else { (quote!(impl ::std::convert::Into<#t_tokens>), quote!(input.into())) };
            let value = if *boxed { quote!(::std::boxed::Box::new(#value)) } else { value };
            quote! {
                #docs
                #dep
                pub fn #n(mut self, input: #arg) -> Self {
                    self.#n = ::std::option::Option::Some(#value);
                    self
                }
            }
        }
    };
    quote! {
        #first
        #[doc = #set_doc]
        #dep
        pub fn #set(mut self, input: #stored) -> Self {
            self.#n = input;
            self
        }
        #[doc = #get_doc]
        #dep
        pub fn #get(&self) -> &#stored {
            &self.#n
        }
    }
}
