//! Structures with their accessors, open enums, and tagged unions; error structures also get
//! `Display`, `Error` and their metadata. Builders are in `builders.rs`.

use super::paths::{Paths, Rt};
use super::tokens::{deprecated_attr, doc_attrs, ident};
use super::rust_types::{element, is_copy, ty};
use crate::plan::{
    BuilderPlan, EnumPlan, EnumVariant, ErrorTraits, FieldNames, FieldPlan, MessageField, Presence, RustType, Scalar, StructPlan,
    StructRole, UnionPlan, UnionVariant,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// What `Debug` prints instead of a sensitive value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A structure, its accessors and, for errors and outputs, what they carry beside members.
pub fn structure(paths: &Paths, s: &StructPlan) -> TokenStream {
    let StructPlan { shape_id: _, name, path: _, role, docs, fields, builder, eq, codec: _ } = s;
    let BuilderPlan { name: _, path: builder_path, fallible: _, lenient: _ } = builder;
    let ident_name = ident(name);
    let builder_ty = paths.item(builder_path);
    let docs = doc_attrs(docs);
    let field_defs = fields.iter().map(|f| {
        let n = ident(&f.names.field);
        let t = field_type(paths, f);
        quote!(pub(crate) #n: #t,)
    });
    let accessors = fields.iter().map(|f| accessor(paths, f));
    let meta = paths.rt(Rt::ErrorMetadata);
    let request_id = paths.rt(Rt::RequestId);
    // Errors carry the response's metadata, outputs its request id, beside the members.
    let (hidden_field, hidden_accessor, request_id_read) = match role {
        StructRole::Error(_) => (
            quote!(pub(crate) meta: #meta,),
            quote! {
                /// Code, message, request id and HTTP status of the response it came from.
                pub fn meta(&self) -> &#meta {
                    &self.meta
                }
            },
            Some(quote!(self.meta.request_id())),
        ),
        StructRole::Output => {
            (quote!(pub(crate) _request_id: ::std::option::Option<::std::string::String>,), quote!(), Some(quote!(self._request_id.as_deref())))
        }
        StructRole::Input | StructRole::Plain => (quote!(), quote!(), None),
    };
    let request_id_impl = request_id_read.map(|read| {
        quote! {
            impl #request_id for #ident_name {
                fn request_id(&self) -> ::std::option::Option<&str> {
                    #read
                }
            }
        }
    });
    let eq = if *eq { quote!(Eq,) } else { quote!() };
    let sensitive = fields.iter().any(|f| f.sensitive);
    let derive_debug = if sensitive { quote!() } else { quote!(Debug,) };
    let debug_impl = sensitive.then(|| redacting_debug(&ident_name, name, fields));
    let error_impls = match role {
        StructRole::Error(traits) => error_impls(paths, name, traits),
        _ => quote!(),
    };
    let builder_doc = format!(" A builder for [`{name}`].");
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, #eq #derive_debug)]
        pub struct #ident_name {
            #(#field_defs)*
            #hidden_field
        }

        impl #ident_name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder_ty {
                #builder_ty::default()
            }
            #(#accessors)*
            #hidden_accessor
        }

        #debug_impl
        #error_impls
        #request_id_impl
    }
}

/// The stored type of a field: `Option<T>`, `Option<Box<T>>` or `T`.
fn field_type(paths: &Paths, f: &FieldPlan) -> TokenStream {
    let t = boxed(paths, f);
    match f.presence {
        Presence::Optional => quote!(::std::option::Option<#t>),
        Presence::Defaulted(_) | Presence::Required { .. } => t,
    }
}

/// The field's type inside any `Option`: `T` or `Box<T>`.
pub fn boxed(paths: &Paths, f: &FieldPlan) -> TokenStream {
    let t = ty(paths, &f.ty);
    if f.boxed {
        quote!(::std::boxed::Box<#t>)
    } else {
        t
    }
}

/// An accessor: `&str` for strings, a slice for lists, copies of copy types, references else.
fn accessor(paths: &Paths, f: &FieldPlan) -> TokenStream {
    let FieldPlan {
        member_id: _,
        smithy_name: _,
        names: FieldNames { field, set: _, get: _ },
        ty: field_ty,
        presence,
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
    let t = ty(paths, field_ty);
    let this = quote!(self.#n);
    let optional = *presence == Presence::Optional;
    let (ret, read) = match (field_ty, optional) {
        (RustType::Scalar(Scalar::String), true) => (quote!(::std::option::Option<&str>), quote!(#this.as_deref())),
        (RustType::Scalar(Scalar::String), false) => (quote!(&str), quote!(&#this)),
        (RustType::List { member, sparse }, optional) => {
            let item = element(paths, member, *sparse);
            let read = if optional { quote!(#this.as_deref().unwrap_or_default()) } else { quote!(&#this) };
            (quote!(&[#item]), read)
        }
        (t2, true) if is_copy(t2) => (quote!(::std::option::Option<#t>), quote!(#this)),
        (t2, false) if is_copy(t2) => (t, quote!(#this)),
        (_, true) if *boxed => (quote!(::std::option::Option<&#t>), quote!(#this.as_deref())),
        (_, true) => (quote!(::std::option::Option<&#t>), quote!(#this.as_ref())),
        (_, false) => (quote!(&#t), quote!(&#this)),
    };
    let d = doc_attrs(docs);
    let dep = deprecated_attr(deprecated);
    quote! {
        #d
        #dep
        pub fn #n(&self) -> #ret {
            #read
        }
    }
}

/// `Debug` that prints every field but redacts the sensitive ones.
pub fn redacting_debug(ty_name: &proc_macro2::Ident, label: &str, fields: &[FieldPlan]) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let n = ident(&f.names.field);
        let field_label = f.names.field.trim_start_matches("r#");
        if f.sensitive {
            quote!(.field(#field_label, &#REDACTED))
        } else {
            quote!(.field(#field_label, &self.#n))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label)
                    #(#entries)*
                    .finish()
            }
        }
    }
}

/// `Display` (the name, then the message, escaped, when there is one) and `std::error::Error`.
fn error_impls(paths: &Paths, name: &str, traits: &ErrorTraits) -> TokenStream {
    let ErrorTraits { server: _, retryable: _, code: _, parser: _, message } = traits;
    let ty_name = ident(name);
    let with_message = format!("{name}: {{}}");
    // The message is the service's text: a newline or a terminal escape in it is shown escaped.
    let escaped = paths.rt(Rt::Escaped);
    let display = match message {
        Some(MessageField { field, optional: true }) => {
            let n = ident(field);
            quote! {
                match &self.#n {
                    ::std::option::Option::Some(message) => write!(f, #with_message, #escaped(message)),
                    ::std::option::Option::None => f.write_str(#name),
                }
            }
        }
        Some(MessageField { field, optional: false }) => {
            let n = ident(field);
            quote!(write!(f, #with_message, #escaped(&self.#n)))
        }
        None => quote!(f.write_str(#name)),
    };
    quote! {
        impl ::std::fmt::Display for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #ty_name {}
    }
}

/// An open enum (or intEnum) with an `Unknown` variant keeping the received value.
pub fn enumeration(paths: &Paths, e: &EnumPlan) -> TokenStream {
    let EnumPlan { shape_id: _, name, path: _, docs, int, variants } = e;
    let ty_name = ident(name);
    let docs = doc_attrs(docs);
    let variant_defs = variants.iter().map(|v| {
        let EnumVariant { smithy_name: _, name, value, docs, deprecated } = v;
        let n = ident(name);
        let mut lines = docs.clone();
        if lines.is_empty() {
            lines.push(format!("`{value}`"));
        }
        let d = doc_attrs(&lines);
        let dep = deprecated_attr(deprecated);
        quote!(#d #dep #n,)
    });
    let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let allow_deprecated = variants.iter().any(|v| v.deprecated.is_some()).then(|| quote!(#[allow(deprecated)]));
    if *int {
        let unknown = paths.rt(Rt::UnknownIntValue);
        let values: Vec<Literal> = variants.iter().map(|v| Literal::i32_unsuffixed(v.value.parse().unwrap_or_default())).collect();
        return quote! {
            #docs
            #[non_exhaustive]
            #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
            pub enum #ty_name {
                #(#variant_defs)*
                /// A value this version of the model does not know.
                Unknown(#unknown),
            }

            #allow_deprecated
            impl #ty_name {
                /// The value on the wire.
                pub fn as_i32(&self) -> i32 {
                    match self {
                        #(Self::#names => #values,)*
                        Self::Unknown(value) => value.value(),
                    }
                }

                /// Every value the model knows.
                pub const fn values() -> &'static [i32] {
                    &[#(#values),*]
                }
            }

            #allow_deprecated
            impl ::std::convert::From<i32> for #ty_name {
                fn from(value: i32) -> Self {
                    match value {
                        #(#values => Self::#names,)*
                        other => Self::Unknown(#unknown::new(other)),
                    }
                }
            }
        };
    }
    let unknown = paths.rt(Rt::UnknownValue);
    let values: Vec<&String> = variants.iter().map(|v| &v.value).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum #ty_name {
            #(#variant_defs)*
            /// A value this version of the model does not know, kept as received.
            Unknown(#unknown),
        }

        #allow_deprecated
        impl #ty_name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model knows.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        #allow_deprecated
        impl ::std::convert::From<&str> for #ty_name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::Unknown(#unknown::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #ty_name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #ty_name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// A tagged union: one variant per member, plus `Unknown` keeping an unknown member's name.
pub fn union(paths: &Paths, u: &UnionPlan) -> TokenStream {
    let UnionPlan { shape_id: _, name, path: _, docs, variants, eq, codec: _ } = u;
    let ty_name = ident(name);
    let docs = doc_attrs(docs);
    let unknown = paths.rt(Rt::UnknownValue);
    let mut defs = Vec::new();
    let mut methods = Vec::new();
    let mut debug_arms = Vec::new();
    for v in variants {
        let UnionVariant { member_id: _, smithy_name, name, as_fn, is_fn, ty: variant_ty, boxed, sensitive, docs, deprecated, wire_name: _ } = v;
        let n = ident(name);
        let d = doc_attrs(docs);
        let dep = deprecated_attr(deprecated);
        defs.push(match variant_ty {
            None => quote!(#d #dep #n,),
            Some(t) => {
                let t = ty(paths, t);
                let t = if *boxed { quote!(::std::boxed::Box<#t>) } else { t };
                quote!(#d #dep #n(#t),)
            }
        });
        let as_fn = ident(as_fn);
        let is_fn = ident(is_fn);
        let as_doc = format!(" The `{smithy_name}` value, or `Err(self)` when another member is set.");
        let is_doc = format!(" Whether this is `{smithy_name}`.");
        let (value_ty, pat, val, is_pat) = match variant_ty {
            None => (quote!(()), quote!(Self::#n), quote!(&()), quote!(Self::#n)),
            Some(t) => (ty(paths, t), quote!(Self::#n(value)), quote!(value), quote!(Self::#n(_))),
        };
        methods.push(quote! {
            #[doc = #as_doc]
            pub fn #as_fn(&self) -> ::std::result::Result<&#value_ty, &Self> {
                if let #pat = self { ::std::result::Result::Ok(#val) } else { ::std::result::Result::Err(self) }
            }
            #[doc = #is_doc]
            pub fn #is_fn(&self) -> bool {
                ::std::matches!(self, #is_pat)
            }
        });
        let label = name.as_str();
        debug_arms.push(match (variant_ty, sensitive) {
            (None, _) => quote!(Self::#n => f.write_str(#label),),
            (Some(_), true) => quote!(Self::#n(_) => f.debug_tuple(#label).field(&#REDACTED).finish(),),
            (Some(_), false) => quote!(Self::#n(value) => f.debug_tuple(#label).field(value).finish(),),
        });
    }
    let eq = if *eq { quote!(Eq,) } else { quote!() };
    let sensitive = variants.iter().any(|v| v.sensitive);
    let derive_debug = if sensitive { quote!() } else { quote!(Debug,) };
    let debug_impl = sensitive.then(|| {
        quote! {
            impl ::std::fmt::Debug for #ty_name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#debug_arms)*
                        Self::Unknown(name) => f.debug_tuple("Unknown").field(name).finish(),
                    }
                }
            }
        }
    });
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq, #eq #derive_debug)]
        pub enum #ty_name {
            #(#defs)*
            /// A member this version of the model does not know; keeps the member's name.
            Unknown(#unknown),
        }

        impl #ty_name {
            #(#methods)*
            /// Whether this is a member this version of the model does not know.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown(_))
            }
        }

        #debug_impl
    }
}
