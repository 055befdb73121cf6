//! Rule sets and the partitions table as `static` Rust data: the runtime's parsed form written
//! out with every text and list borrowed (`B(..)`, that is `Cow::Borrowed`), so a generated crate
//! evaluates them with the same engine without parsing JSON at run time.
//!
//! The data is written as struct and tuple-variant literals rather than through `const fn`
//! helpers: only literals extend the lifetime of the nested `&[..]` temporaries to `'static` in a
//! `static`'s initializer (the Rust Reference, "Temporary lifetime extension"); a `const fn`
//! argument is not extended, and the lists' items cannot be promoted because they have
//! destructors (the owned form of the same types).

use proc_macro2::{Literal as Lit, TokenStream};
use quote::{format_ident, quote};
use runtime::endpoint::partition::{Data, PartitionData};
use runtime::endpoint::ruleset::{
    Condition, DefaultValue, EndpointSpec, Expr, Literal, ParamType, Parameter, Parsed, PathSegment, Rule, RuleKind,
    TemplatePart,
};

/// `Parsed { .. }` of a rule set (the argument of `RuleSet(..)`).
pub fn rule_set(p: &Parsed) -> TokenStream {
    let version = &*p.version;
    let parameters = p.parameters.iter().map(parameter);
    let rules = p.rules.iter().map(rule);
    let slots = Lit::usize_unsuffixed(p.slots);
    quote! {
        Parsed { version: B(#version), parameters: B(&[#(#parameters),*]), rules: B(&[#(#rules),*]), slots: #slots }
    }
}

fn parameter(p: &Parameter) -> TokenStream {
    let name = &*p.name;
    let ty = match p.ty {
        ParamType::String => quote!(ParamType::String),
        ParamType::Boolean => quote!(ParamType::Boolean),
        ParamType::StringArray => quote!(ParamType::StringArray),
    };
    let built_in = option(p.built_in.as_deref().map(|s| quote!(B(#s))));
    let required = p.required;
    let default = option(p.default.as_ref().map(|d| match d {
        DefaultValue::String(s) => quote!(DefaultValue::String(B(#s))),
        DefaultValue::Bool(b) => quote!(DefaultValue::Bool(#b)),
        DefaultValue::StringArray(items) => {
            let items = items.iter().map(|s| &**s);
            quote!(DefaultValue::StringArray(B(&[#(B(#items)),*])))
        }
    }));
    let documentation = option(p.documentation.as_deref().map(|s| quote!(B(#s))));
    let deprecated = p.deprecated;
    quote! {
        Parameter { name: B(#name), ty: #ty, built_in: #built_in, required: #required, default: #default,
            documentation: #documentation, deprecated: #deprecated }
    }
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn rule(r: &Rule) -> TokenStream {
    let conditions = r.conditions.iter().map(condition);
    let kind = match &r.kind {
        RuleKind::Endpoint(spec) => {
            let spec = endpoint(spec);
            quote!(RuleKind::Endpoint(#spec))
        }
        RuleKind::Error(message) => {
            let message = expr(message);
            quote!(RuleKind::Error(#message))
        }
        RuleKind::Tree(rules) => {
            let rules = rules.iter().map(rule);
            quote!(RuleKind::Tree(B(&[#(#rules),*])))
        }
    };
    quote!(Rule { conditions: B(&[#(#conditions),*]), kind: #kind })
}

fn condition(c: &Condition) -> TokenStream {
    let e = expr(&c.expr);
    let assign = option(c.assign.map(|slot| {
        let slot = Lit::usize_unsuffixed(slot);
        quote!(#slot)
    }));
    quote!(Condition { expr: #e, assign: #assign })
}

fn endpoint(spec: &EndpointSpec) -> TokenStream {
    let url = expr(&spec.url);
    let headers = spec.headers.iter().map(|(name, values)| {
        let (name, values) = (&**name, values.iter().map(expr));
        quote!((B(#name), B(&[#(#values),*])))
    });
    let properties = spec.properties.iter().map(|(name, value)| {
        let (name, value) = (&**name, literal(value));
        quote!((B(#name), #value))
    });
    quote!(EndpointSpec { url: #url, headers: B(&[#(#headers),*]), properties: B(&[#(#properties),*]) })
}

fn expr(e: &Expr) -> TokenStream {
    match e {
        Expr::Literal(l) => {
            let l = literal(l);
            quote!(Expr::Literal(#l))
        }
        Expr::Ref(slot) => {
            let slot = Lit::usize_unsuffixed(*slot);
            quote!(Expr::Ref(#slot))
        }
        Expr::Call(func, args) => {
            // The variant's name is its `Debug` text.
            let func = format_ident!("{func:?}");
            let args = args.iter().map(expr);
            quote!(Expr::Call(Func::#func, B(&[#(#args),*])))
        }
        Expr::GetAttr(target, path) => {
            let target = target.iter().map(expr);
            let path = path.iter().map(segment);
            quote!(Expr::GetAttr(B(&[#(#target),*]), B(&[#(#path),*])))
        }
    }
}

fn segment(s: &PathSegment) -> TokenStream {
    match s {
        PathSegment::Key(key) => {
            let key = &**key;
            quote!(PathSegment::Key(B(#key)))
        }
        PathSegment::Index(i) => {
            let i = int(*i);
            quote!(PathSegment::Index(#i))
        }
    }
}

fn int(n: i64) -> TokenStream {
    let magnitude = Lit::u64_unsuffixed(n.unsigned_abs());
    if n < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

fn literal(l: &Literal) -> TokenStream {
    match l {
        Literal::Text(text) => {
            let text = &**text;
            quote!(Literal::Text(B(#text)))
        }
        Literal::Template(parts) => {
            let parts = parts.iter().map(|part| match part {
                TemplatePart::Text(text) => {
                    let text = &**text;
                    quote!(TemplatePart::Text(B(#text)))
                }
                TemplatePart::Var(slot, name, path) => {
                    let (slot, name) = (Lit::usize_unsuffixed(*slot), &**name);
                    let path = path.iter().map(segment);
                    quote!(TemplatePart::Var(#slot, B(#name), B(&[#(#path),*])))
                }
            });
            quote!(Literal::Template(B(&[#(#parts),*])))
        }
        Literal::Bool(b) => quote!(Literal::Bool(#b)),
        Literal::Int(n) => {
            let n = int(*n);
            quote!(Literal::Int(#n))
        }
        Literal::Array(items) => {
            let items = items.iter().map(literal);
            quote!(Literal::Array(B(&[#(#items),*])))
        }
        Literal::Record(fields) => {
            let fields = fields.iter().map(|(k, v)| {
                let (k, v) = (&**k, literal(v));
                quote!((B(#k), #v))
            });
            quote!(Literal::Record(B(&[#(#fields),*])))
        }
    }
}

/// The list of a partitions table's partitions (the argument of `Partitions(..)`).
pub fn partitions(list: &[PartitionData]) -> TokenStream {
    let partitions = list.iter().map(|p| {
        let (id, regex) = (&*p.id, &*p.region_regex);
        let regions = p.regions.iter().map(|(name, merged)| {
            let name = &**name;
            let merged = option(merged.as_ref().map(data));
            quote!((B(#name), #merged))
        });
        let outputs = data(&p.outputs);
        quote! {
            PartitionData { id: B(#id), region_regex: B(#regex), regions: B(&[#(#regions),*]), outputs: #outputs }
        }
    });
    quote!(B(&[#(#partitions),*]))
}

fn data(d: &Data) -> TokenStream {
    match d {
        Data::Null => quote!(Data::Null),
        Data::Bool(b) => quote!(Data::Bool(#b)),
        Data::Number(n) => {
            let n = &**n;
            quote!(Data::Number(B(#n)))
        }
        Data::String(s) => {
            let s = &**s;
            quote!(Data::String(B(#s)))
        }
        Data::Array(items) => {
            let items = items.iter().map(data);
            quote!(Data::Array(B(&[#(#items),*])))
        }
        Data::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let (k, v) = (&**k, data(v));
                quote!((B(#k), #v))
            });
            quote!(Data::Object(B(&[#(#members),*])))
        }
    }
}
