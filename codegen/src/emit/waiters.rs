//! Each service's waiters (`src/<service>/waiters.rs`) and the client's `wait_until_*` methods.
//!
//! A waiter's builder holds the operation's fluent builder and forwards its setters, so the
//! input is set exactly as for a call (`client.wait_until_table_exists().table_name("t")`);
//! `wait(max_wait)` and `wait_blocking(max_wait)` then run the runtime's waiter loop with
//! the fluent builder's `send()`, so every call signs, retries and times out as any other. The
//! acceptors are one function of a call's result; each path matcher is a function that reads
//! the generated structs' fields, written here from the plan's typed JMESPath expression.

use super::client::forwarding_setters;
use super::paths::{Paths, Rt};
use super::tokens::{doc_attrs, ident};
use crate::plan::{
    AcceptorPlan, CompareOp, Expr, ExprKind, ItemPath, JmesType, Literal, NamedKind, OperationPlan, PathComparator, PathMatcher, Presence,
    RustType, Scalar, ServicePlan, StructPlan, TypeDef, WaiterMatcher, WaiterPlan, WaiterState,
};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The client method that starts a waiter.
pub fn client_method(paths: &Paths, s: &ServicePlan, w: &WaiterPlan) -> TokenStream {
    let method = ident(&w.method);
    let builder = paths.item(&w.builder);
    let op = operation(s, w);
    let call = ident(&op.module);
    let docs = doc_attrs(&w.docs);
    let deprecated = w.deprecated.then(|| quote!(#[deprecated(note = "the model marks this waiter deprecated")]));
    quote! {
        #docs
        #deprecated
        pub fn #method(&self) -> #builder {
            #builder::new(self.config.clone(), self.#call())
        }
    }
}

fn operation<'a>(s: &'a ServicePlan, w: &WaiterPlan) -> &'a OperationPlan {
    s.operations.iter().find(|o| o.shape_id == w.operation).expect("a waiter's operation is planned")
}

/// The items of `src/<service>/waiters.rs`.
pub fn waiters_module(paths: &Paths, s: &ServicePlan) -> TokenStream {
    let mut structs: BTreeMap<&ItemPath, &StructPlan> = BTreeMap::new();
    for t in &s.types {
        if let TypeDef::Struct(st) = t {
            structs.insert(&st.path, st);
        }
    }
    for op in &s.operations {
        structs.insert(&op.input.path, &op.input);
        structs.insert(&op.output.path, &op.output);
    }
    let reexports = [Rt::AcceptorState, Rt::FinalPoll, Rt::WaiterError].map(|item| paths.rt(item));
    let waiters = s.waiters.iter().map(|w| waiter(paths, s, w, &structs));
    quote! {
        #(pub use #reexports;)*

        #(#waiters)*
    }
}

fn waiter(paths: &Paths, s: &ServicePlan, w: &WaiterPlan, structs: &BTreeMap<&ItemPath, &StructPlan>) -> TokenStream {
    let WaiterPlan { name, operation: _, method, builder, docs, min_delay, max_delay, deprecated, acceptors, reads_input } = w;
    let op = operation(s, w);
    let config = paths.rt(Rt::Config);
    let info = paths.rt(Rt::WaiterInfo);
    let sdk_error = paths.rt(Rt::SdkError);
    let fluent = paths.item(&op.fluent_builder);
    let input_builder = paths.item(&op.input.builder.path);
    let input_ty = paths.item(&op.input.path);
    let output_ty = paths.item(&op.output.path);
    let error_ty = paths.item(&op.error.path);
    let ident_builder = ident(&builder.name);
    let setters = forwarding_setters(paths, &op.input, "inner");
    let (wait, wait_blocking) = (paths.rt(Rt::Wait), paths.rt(Rt::WaitBlocking));
    let op_name = &op.name;
    let mut struct_docs = vec![
        format!("The `{name}` waiter of `{op_name}` (from `Client::{method}`)."),
        String::new(),
        "Set the input as for the call, then `wait` (or `wait_blocking`) with the longest time".to_string(),
        "to wait.".to_string(),
        String::new(),
    ];
    struct_docs.extend(docs.iter().cloned());
    if *deprecated {
        struct_docs.push(String::new());
        struct_docs.push("Deprecated: the model marks this waiter deprecated.".into());
    }
    let struct_docs = doc_attrs(&struct_docs);
    let result_ty = quote!(::std::result::Result<FinalPoll<#output_ty, #error_ty>, WaiterError<#output_ty, #error_ty>>);
    let wait_docs = doc_attrs(&[
        format!("Calls `{op_name}` until an acceptor ends the wait or `max_wait` has passed by the"),
        "configuration's clock (the call is made at least once), with the configuration's async".to_string(),
        "HTTP client and sleep. No call starts after `max_wait`; the last one, which Smithy's".to_string(),
        "waiter retries place at its very end, runs to its own end, bounded by the configuration's".to_string(),
        "operation timeout when one is set. The last call comes back in a [`FinalPoll`]: as `Ok`".to_string(),
        "when an acceptor reached `success`, in a [`WaiterError`] otherwise.".to_string(),
    ]);

    let input = if *reads_input { quote!(input) } else { quote!(_input) };
    let arms = acceptor_arms(paths, acceptors);
    let matchers = acceptors.iter().filter(|a| !a.shadowed).filter_map(|a| match &a.matcher {
        WaiterMatcher::Path(p) => Some(path_matcher(paths, op, p, structs)),
        _ => None,
    });
    let name_lit = name.as_str();
    quote! {
        #struct_docs
        #[derive(Clone, Debug)]
        pub struct #ident_builder {
            config: ::std::sync::Arc<#config>,
            inner: #fluent,
        }

        impl #ident_builder {
            const WAITER: #info = #info {
                name: #name_lit,
                min_delay: ::std::time::Duration::from_secs(#min_delay),
                max_delay: ::std::time::Duration::from_secs(#max_delay),
            };

            pub(crate) fn new(config: ::std::sync::Arc<#config>, inner: #fluent) -> Self {
                #ident_builder { config, inner }
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                self.inner.as_input()
            }

            #setters

            #wait_docs
            pub async fn wait(self, max_wait: ::std::time::Duration) -> #result_ty {
                let input = self.inner.as_input().clone().build();
                let inner = &self.inner;
                #wait(&self.config, &Self::WAITER, max_wait, || inner.clone().send(), |result| Self::state(&input, result)).await
            }

            /// [`Self::wait`] with the configuration's blocking HTTP client and sleep.
            #[allow(clippy::result_large_err, reason = "the last call's output or error is returned inline, as `send_blocking` does")]
            pub fn wait_blocking(self, max_wait: ::std::time::Duration) -> #result_ty {
                let input = self.inner.as_input().clone().build();
                let inner = &self.inner;
                #wait_blocking(&self.config, &Self::WAITER, max_wait, || inner.clone().send_blocking(), |result| Self::state(&input, result))
            }

            /// The state the waiter's acceptors give a call's result with the input as set:
            /// the first acceptor that matches decides; `None` when none does.
            pub fn acceptor_state(&self, result: ::std::result::Result<&#output_ty, &#sdk_error<#error_ty>>) -> ::std::option::Option<AcceptorState> {
                Self::state(&self.inner.as_input().clone().build(), result)
            }

            fn state(#input: &#input_ty, result: ::std::result::Result<&#output_ty, &#sdk_error<#error_ty>>) -> ::std::option::Option<AcceptorState> {
                #arms
            }

            #(#matchers)*
        }
    }
}

/// The acceptors as the arms of one `match` on the call's result, in the model's order (the
/// first that matches decides), without those the plan found shadowed by an earlier one.
fn acceptor_arms(paths: &Paths, acceptors: &[AcceptorPlan]) -> TokenStream {
    let sdk_error = paths.rt(Rt::SdkError);
    let mut arms = Vec::new();
    for a in acceptors.iter().filter(|a| !a.shadowed) {
        let state = match a.state {
            WaiterState::Success => quote!(AcceptorState::Success),
            WaiterState::Failure => quote!(AcceptorState::Failure),
            WaiterState::Retry => quote!(AcceptorState::Retry),
        };
        let pattern = match &a.matcher {
            WaiterMatcher::Success(true) => quote!(::std::result::Result::Ok(_)),
            WaiterMatcher::Success(false) => quote!(::std::result::Result::Err(_)),
            WaiterMatcher::ErrorVariant { variant: _, is_fn } => {
                let is_fn = ident(is_fn);
                quote!(::std::result::Result::Err(#sdk_error::Service(error)) if error.#is_fn())
            }
            WaiterMatcher::ErrorCode(code) => {
                quote!(::std::result::Result::Err(#sdk_error::Service(error)) if error.code() == ::std::option::Option::Some(#code))
            }
            WaiterMatcher::Path(p) => {
                let f = ident(&p.function);
                let args = if p.input_output { quote!(input, output) } else { quote!(output) };
                quote!(::std::result::Result::Ok(output) if Self::#f(#args))
            }
        };
        arms.push(quote!(#pattern => ::std::option::Option::Some(#state),));
    }
    // No fallback when `success: true` and `success: false` between them cover every result.
    let covers = |b: bool| acceptors.iter().any(|a| !a.shadowed && matches!(a.matcher, WaiterMatcher::Success(x) if x == b));
    if !(covers(true) && covers(false)) {
        arms.push(quote!(_ => ::std::option::Option::None,));
    }
    quote! {
        match result {
            #(#arms)*
        }
    }
}

/// The function of a path matcher: the expression's statements, then the comparator.
fn path_matcher(paths: &Paths, op: &OperationPlan, p: &PathMatcher, structs: &BTreeMap<&ItemPath, &StructPlan>) -> TokenStream {
    let f = ident(&p.function);
    let input_ty = paths.item(&op.input.path);
    let output_ty = paths.item(&op.output.path);
    let params = if p.input_output { quote!(input: &#input_ty, output: &#output_ty) } else { quote!(output: &#output_ty) };
    let mut body = Body { paths, structs, temps: 0, fails: false };
    let mut stmts = Vec::new();
    let value = body.value(&p.expr, &mut stmts);
    let compared = comparator(&value, &p.expr, &p.comparator);
    let doc = format!(" {} with {}.", code_span(&p.path), comparator_name(&p.comparator));
    let (failed, result) = if body.fails {
        (quote!(let failed = ::std::cell::Cell::new(false);), quote!(!failed.get() && #compared))
    } else {
        (quote!(), compared)
    };
    let (stmts, result) = finish(stmts, result);
    quote! {
        #[doc = #doc]
        fn #f(#params) -> bool {
            #failed
            #(#stmts)*
            #result
        }
    }
}

/// Inline code in rustdoc, fenced so that backticks inside (JSON literals) stay code.
fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn comparator_name(c: &PathComparator) -> String {
    match c {
        PathComparator::StringEquals(e) => format!("stringEquals {e:?}"),
        PathComparator::BooleanEquals(b) => format!("booleanEquals {b}"),
        PathComparator::AllStringEquals(e) => format!("allStringEquals {e:?}"),
        PathComparator::AnyStringEquals(e) => format!("anyStringEquals {e:?}"),
    }
}

/// The comparator applied to the path's value (waiters.rst, "PathComparator enum"). Each
/// requires a value of its type, so a null matches none; `allStringEquals` also requires at
/// least one element, and a null element is not a string equal to the expected one.
fn comparator(value: &TokenStream, e: &Expr, c: &PathComparator) -> TokenStream {
    let some = |x: TokenStream| quote!(::std::option::Option::Some(#x));
    match c {
        PathComparator::StringEquals(expected) => {
            let expected = if e.nullable { some(quote!(#expected)) } else { quote!(#expected) };
            quote!(#value == #expected)
        }
        PathComparator::BooleanEquals(expected) => match (e.nullable, expected) {
            (true, b) => quote!(#value == ::std::option::Option::Some(#b)),
            (false, true) => quote!(#value),
            (false, false) => quote!(!#value),
        },
        PathComparator::AllStringEquals(expected) | PathComparator::AnyStringEquals(expected) => {
            let JmesType::List(_, element_nullable) = &e.ty else { unreachable!("the plan checks the type") };
            let element = if *element_nullable { some(quote!(#expected)) } else { quote!(#expected) };
            let test = |list: TokenStream| match c {
                // At least one value, and every value the expected string.
                PathComparator::AllStringEquals(_) => quote!(!#list.is_empty() && #list.iter().all(|e| *e == #element)),
                _ => quote!(#list.contains(&#element)),
            };
            if e.nullable {
                let inner = test(quote!(v));
                quote!(#value.as_ref().is_some_and(|v| #inner))
            } else {
                test(value.clone())
            }
        }
    }
}

/// A statement of a matcher: `let name = code;`.
struct Stmt {
    name: Ident,
    code: TokenStream,
}

/// Statements, then `result`: the statements to write and the final expression, a last
/// statement that only binds the result inlined (no `let x = ..; x`).
fn finish(mut stmts: Vec<Stmt>, result: TokenStream) -> (Vec<TokenStream>, TokenStream) {
    if let Some(last) = stmts.last() {
        if last.name != "_" && last.name == result.to_string() {
            let last = stmts.pop().expect("checked");
            return (stmts.iter().map(render).collect(), last.code);
        }
    }
    (stmts.iter().map(render).collect(), result)
}

/// [`finish`] as one expression: a block when there are statements.
fn block(stmts: Vec<Stmt>, result: TokenStream) -> TokenStream {
    let (stmts, result) = finish(stmts, result);
    if stmts.is_empty() {
        result
    } else {
        quote!({ #(#stmts)* #result })
    }
}

/// [`finish`] as the inside of braces that are there already (a branch of an `if`).
fn branch(stmts: Vec<Stmt>, result: TokenStream) -> TokenStream {
    let (stmts, result) = finish(stmts, result);
    quote!(#(#stmts)* #result)
}

fn render(stmt: &Stmt) -> TokenStream {
    let Stmt { name, code } = stmt;
    if name == "_" {
        return quote!(let _ = #code;);
    }
    quote!(let #name = #code;)
}

/// Writes a typed expression as statements binding temporaries, in evaluation order.
struct Body<'a> {
    paths: &'a Paths,
    structs: &'a BTreeMap<&'a ItemPath, &'a StructPlan>,
    temps: usize,
    /// Whether a function's failure is recorded (in the `failed` cell).
    fails: bool,
}

/// How the generated code turns a member's value (`&T`) into its JMESPath value.
enum Conv {
    /// Kept as the reference: structures, unions, maps.
    Same,
    /// Copied out: booleans and doubles.
    Copied,
    /// Anything else: a function of the reference.
    Func,
}

fn conv_kind(ty: &RustType) -> Conv {
    match ty {
        RustType::Scalar(Scalar::Boolean | Scalar::Double) => Conv::Copied,
        RustType::Named { kind: NamedKind::Struct(_) | NamedKind::Union(_), .. } | RustType::Map { .. } => Conv::Same,
        _ => Conv::Func,
    }
}

/// The JMESPath value of a reference `v` to a member value of type `ty`.
fn conv_ref(v: &TokenStream, ty: &RustType) -> TokenStream {
    match ty {
        RustType::Scalar(Scalar::String) | RustType::Named { kind: NamedKind::Enum, .. } => quote!(#v.as_str()),
        RustType::Scalar(Scalar::Boolean | Scalar::Double) => quote!(*#v),
        RustType::Scalar(Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Float) => quote!(f64::from(*#v)),
        RustType::Scalar(Scalar::Long) => quote!(*#v as f64),
        RustType::Timestamp(_) => quote!(#v.as_secs_f64()),
        RustType::Named { kind: NamedKind::IntEnum, .. } => quote!(f64::from(#v.as_i32())),
        RustType::List { member, sparse } => {
            let adapter = element_adapter(member, *sparse);
            quote!(#v.iter()#adapter.collect::<::std::vec::Vec<_>>())
        }
        // The plan rejects the rest (`jmespath::jmes_type`).
        _ => quote!(#v),
    }
}

/// What maps an iterator of `&T` (or `&Option<T>` when sparse) to JMESPath values.
fn element_adapter(member: &RustType, sparse: bool) -> TokenStream {
    match (conv_kind(member), sparse) {
        (Conv::Copied, _) => quote!(.copied()),
        (Conv::Same, false) => quote!(),
        (Conv::Same, true) => quote!(.map(|v| v.as_ref())),
        (Conv::Func, true) if *member == RustType::Scalar(Scalar::String) => quote!(.map(|v| v.as_deref())),
        (Conv::Func, false) => {
            let c = conv_ref(&quote!(v), member);
            quote!(.map(|v| #c))
        }
        (Conv::Func, true) => {
            let c = conv_ref(&quote!(v), member);
            quote!(.map(|v| v.as_ref().map(|v| #c)))
        }
    }
}

/// The JMESPath value of the field at `place` (`s.field`): an `Option` when the field is.
fn read_field(place: TokenStream, ty: &RustType, optional: bool, boxed: bool) -> TokenStream {
    if optional {
        if boxed {
            return quote!(#place.as_deref());
        }
        return match ty {
            RustType::Scalar(Scalar::String) => quote!(#place.as_deref()),
            RustType::Scalar(Scalar::Boolean | Scalar::Double) => place,
            RustType::Scalar(Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Float) => quote!(#place.map(f64::from)),
            RustType::Scalar(Scalar::Long) => quote!(#place.map(|v| v as f64)),
            _ => match conv_kind(ty) {
                Conv::Same => quote!(#place.as_ref()),
                _ => {
                    let c = conv_ref(&quote!(v), ty);
                    quote!(#place.as_ref().map(|v| #c))
                }
            },
        };
    }
    if boxed {
        return quote!(&*#place);
    }
    match ty {
        RustType::Scalar(Scalar::Boolean | Scalar::Double) => place,
        RustType::Scalar(Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Float) => quote!(f64::from(#place)),
        RustType::Scalar(Scalar::Long) => quote!(#place as f64),
        _ => match conv_kind(ty) {
            Conv::Same => quote!(&#place),
            _ => conv_ref(&place, ty),
        },
    }
}

/// Whether `e` reads the element of the projection at `depth`.
fn uses_element(e: &Expr, depth: usize) -> bool {
    let any = |es: &[&Expr]| es.iter().any(|e| uses_element(e, depth));
    match &e.kind {
        ExprKind::Element(d) => *d == depth,
        ExprKind::Root | ExprKind::Input | ExprKind::Output | ExprKind::Literal(_) => false,
        ExprKind::Field { of, .. } | ExprKind::Variant { of, .. } | ExprKind::MapValue { of, .. } | ExprKind::Index { of, .. } => {
            uses_element(of, depth)
        }
        // A nested projection's `each` reads its own element, and may read outer ones.
        ExprKind::Project { of, each, .. } => any(&[of, each]),
        ExprKind::Flatten(x) | ExprKind::Not(x) | ExprKind::Length(x) => uses_element(x, depth),
        ExprKind::Condition { test, then } => any(&[test, then]),
        ExprKind::Compare { left, right, .. } => any(&[left, right]),
        ExprKind::And(l, r) | ExprKind::Or(l, r) | ExprKind::Contains(l, r) => any(&[l, r]),
    }
}

fn element_ident(depth: usize) -> Ident {
    format_ident!("e{}", depth)
}

fn some(x: TokenStream) -> TokenStream {
    quote!(::std::option::Option::Some(#x))
}

fn none() -> TokenStream {
    quote!(::std::option::Option::None)
}

impl Body<'_> {
    fn temp(&mut self) -> Ident {
        self.temps += 1;
        Ident::new(&format!("t{}", self.temps), Span::call_site())
    }

    /// Binds `code` to a new temporary; returns its name.
    fn bind(&mut self, code: TokenStream, out: &mut Vec<Stmt>) -> TokenStream {
        let name = self.temp();
        let t = quote!(#name);
        out.push(Stmt { name, code });
        t
    }

    /// Applies `f` to the value `of` (a name): directly, or inside the `Option` when it can
    /// be null; `f` gives an `Option` when `inner_nullable`.
    fn through(of: &TokenStream, nullable: bool, inner_nullable: bool, f: impl FnOnce(TokenStream) -> TokenStream) -> TokenStream {
        if !nullable {
            return f(of.clone());
        }
        let inner = f(quote!(v));
        if inner_nullable {
            quote!(#of.and_then(|v| #inner))
        } else {
            quote!(#of.map(|v| #inner))
        }
    }

    /// Statements computing `e` go to `out`; the result is a name or literal holding its
    /// value: `R`, or `Option<R>` when `e` can be null.
    fn value(&mut self, e: &Expr, out: &mut Vec<Stmt>) -> TokenStream {
        match &e.kind {
            ExprKind::Root | ExprKind::Output => quote!(output),
            ExprKind::Input => quote!(input),
            ExprKind::Element(depth) => {
                let e = element_ident(*depth);
                quote!(#e)
            }
            ExprKind::Literal(literal) => self.literal(literal),
            ExprKind::Field { of, field, optional, boxed, ty } => {
                let o = self.value(of, out);
                let field = ident(field);
                let code = Self::through(&o, of.nullable, *optional, |s| read_field(quote!(#s.#field), ty, *optional, *boxed));
                self.bind(code, out)
            }
            ExprKind::Variant { of, union, variant, boxed, ty } => {
                let o = self.value(of, out);
                let union = self.paths.item(union);
                let variant = ident(variant);
                let v = if *boxed { quote!(&**v) } else { quote!(v) };
                let c = match conv_kind(ty) {
                    Conv::Same => v.clone(),
                    _ => conv_ref(&v, ty),
                };
                let arm = some(c);
                let code = Self::through(&o, of.nullable, true, |u| {
                    quote!(match #u {
                        #union::#variant(v) => #arm,
                        _ => ::std::option::Option::None,
                    })
                });
                self.bind(code, out)
            }
            ExprKind::MapValue { of, key } => {
                let o = self.value(of, out);
                let JmesType::Map { value, sparse } = &of.ty else { unreachable!("typed as a map") };
                let sparse_get = if *sparse { quote!(.and_then(|v| v.as_ref())) } else { quote!() };
                let convert = match conv_kind(value) {
                    Conv::Same => quote!(),
                    Conv::Copied => quote!(.copied()),
                    Conv::Func => {
                        let c = conv_ref(&quote!(v), value);
                        quote!(.map(|v| #c))
                    }
                };
                let code = Self::through(&o, of.nullable, true, |m| quote!(#m.get(#key)#sparse_get #convert));
                self.bind(code, out)
            }
            ExprKind::Index { of, index } => {
                let o = self.value(of, out);
                let JmesType::List(_, element_nullable) = &of.ty else { unreachable!("typed as an array") };
                let flatten = if *element_nullable { quote!(.flatten()) } else { quote!() };
                let code = Self::through(&o, of.nullable, true, |l| {
                    if *index == 0 {
                        quote!(#l.first().cloned()#flatten)
                    } else if *index > 0 {
                        let i = *index as usize;
                        quote!(#l.get(#i).cloned()#flatten)
                    } else {
                        let back = index.unsigned_abs() as usize;
                        quote!(#l.len().checked_sub(#back).and_then(|i| #l.get(i).cloned())#flatten)
                    }
                });
                self.bind(code, out)
            }
            ExprKind::Project { of, depth, each } => {
                let o = self.value(of, out);
                let element = element_ident(*depth);
                if each.kind == ExprKind::Element(*depth) {
                    // `a[*]`: the list itself, without its nulls.
                    if !each.nullable {
                        return o;
                    }
                    let code = Self::through(&o, of.nullable, false, |l| quote!(#l.into_iter().flatten().collect::<::std::vec::Vec<_>>()));
                    return self.bind(code, out);
                }
                let param = if uses_element(each, *depth) { quote!(#element) } else { quote!(_) };
                let projection = match &each.kind {
                    // `a[?test]`: the elements that pass.
                    ExprKind::Condition { test, then } if then.kind == ExprKind::Element(*depth) && !then.nullable => {
                        let mut inner = Vec::new();
                        let value = self.value(test, &mut inner);
                        let truthy = self.truthy(&value, test, &mut inner);
                        let body = block(inner, truthy);
                        if is_copy(&then.ty) {
                            quote!(.filter(|&#element| #body))
                        } else {
                            // A list: the test reads the element by value.
                            quote!(.filter(|#element| {
                                let #element = (*#element).clone();
                                #body
                            }))
                        }
                    }
                    _ => {
                        let mut inner = Vec::new();
                        let r = self.value(each, &mut inner);
                        let adapter = if each.nullable { quote!(filter_map) } else { quote!(map) };
                        let body = block(inner, r);
                        quote!(.#adapter(|#param| #body))
                    }
                };
                let code = Self::through(&o, of.nullable, false, |l| quote!(#l.into_iter()#projection.collect::<::std::vec::Vec<_>>()));
                self.bind(code, out)
            }
            ExprKind::Flatten(inner) => {
                let o = self.value(inner, out);
                let JmesType::List(element, element_nullable) = &inner.ty else { unreachable!("typed as an array") };
                let JmesType::List(_, nested_nullable) = &**element else {
                    // No element is an array: nothing to spread.
                    return o;
                };
                let spread = match (element_nullable, nested_nullable) {
                    (false, _) => quote!(.flatten()),
                    (true, true) => quote!(.flat_map(|v| match v {
                        ::std::option::Option::Some(v) => v,
                        ::std::option::Option::None => ::std::vec![::std::option::Option::None],
                    })),
                    (true, false) => quote!(.flat_map(|v| match v {
                        ::std::option::Option::Some(v) => v.into_iter().map(::std::option::Option::Some).collect::<::std::vec::Vec<_>>(),
                        ::std::option::Option::None => ::std::vec![::std::option::Option::None],
                    })),
                };
                let code = Self::through(&o, inner.nullable, false, |l| quote!(#l.into_iter()#spread.collect::<::std::vec::Vec<_>>()));
                self.bind(code, out)
            }
            ExprKind::Condition { test, then } => {
                let t = self.value(test, out);
                let truthy = self.truthy(&t, test, out);
                let mut inner = Vec::new();
                let r = self.value(then, &mut inner);
                let r = if then.nullable { r } else { some(r) };
                let then = branch(inner, r);
                let none = none();
                self.bind(quote!(if #truthy { #then } else { #none }), out)
            }
            ExprKind::Compare { op, left, right } => {
                let l = self.value(left, out);
                let r = self.value(right, out);
                let code = compare(*op, (&l, left), (&r, right));
                self.bind(code, out)
            }
            ExprKind::And(left, right) | ExprKind::Or(left, right) => {
                let and = matches!(e.kind, ExprKind::And(..));
                let l = self.value(left, out);
                let lt = if e.ty == JmesType::Truth { self.truthy_operand(&l, left, out) } else { self.truthy(&l, left, out) };
                let mut inner = Vec::new();
                let r = self.value(right, &mut inner);
                if e.ty == JmesType::Truth {
                    let rt = self.truthy_operand(&r, right, &mut inner);
                    let rhs = block(inner, rt);
                    let code = if and { quote!(#lt && #rhs) } else { quote!(#lt || #rhs) };
                    return self.bind(code, out);
                }
                // The value of the side that decides, as the result holds it.
                let as_result = |v: &TokenStream, side: &Expr| match (e.nullable, side.ty == JmesType::Null, side.nullable) {
                    (_, true, _) => none(),
                    (true, false, false) => some(v.clone()),
                    _ => v.clone(),
                };
                let (lv, rv) = (as_result(&l, left), as_result(&r, right));
                let rv = branch(inner, rv);
                let code = if and { quote!(if #lt { #rv } else { #lv }) } else { quote!(if #lt { #lv } else { #rv }) };
                self.bind(code, out)
            }
            ExprKind::Not(inner) => {
                let v = self.value(inner, out);
                let (falsy, _) = self.truth(&v, inner, true, out);
                self.bind(falsy, out)
            }
            ExprKind::Length(inner) => {
                let v = self.value(inner, out);
                let length = |x: TokenStream| match &inner.ty {
                    // The number of code points.
                    JmesType::String => quote!(#x.chars().count() as f64),
                    _ => quote!(#x.len() as f64),
                };
                let code = if inner.nullable {
                    self.fails = true;
                    let l = length(quote!(v));
                    quote!(match #v {
                        ::std::option::Option::Some(v) => #l,
                        ::std::option::Option::None => {
                            failed.set(true);
                            0f64
                        }
                    })
                } else {
                    length(v)
                };
                self.bind(code, out)
            }
            ExprKind::Contains(subject, search) => {
                let s = self.value(subject, out);
                let x = self.value(search, out);
                let test = |s: TokenStream| match (&subject.ty, &search.ty) {
                    (JmesType::String, _) if search.nullable => quote!(#x.is_some_and(|x| #s.contains(x))),
                    (JmesType::String, _) => quote!(#s.contains(#x)),
                    (JmesType::List(_, element_nullable), _) => match (element_nullable, search.nullable) {
                        (false, false) | (true, true) => quote!(#s.contains(&#x)),
                        (true, false) => quote!(#s.contains(&::std::option::Option::Some(#x))),
                        (false, true) => quote!(#x.is_some_and(|x| #s.contains(&x))),
                    },
                    _ => unreachable!("the plan checks the types"),
                };
                let code = if subject.nullable {
                    self.fails = true;
                    let t = test(quote!(v));
                    quote!(match #s {
                        ::std::option::Option::Some(v) => #t,
                        ::std::option::Option::None => {
                            failed.set(true);
                            false
                        }
                    })
                } else {
                    test(s)
                };
                self.bind(code, out)
            }
        }
    }

    fn literal(&self, literal: &Literal) -> TokenStream {
        match literal {
            Literal::Null => none(),
            Literal::Bool(b) => quote!(#b),
            Literal::Number(n) => {
                let lit = proc_macro2::Literal::f64_suffixed(n.abs());
                if n.is_sign_negative() {
                    quote!(-#lit)
                } else {
                    quote!(#lit)
                }
            }
            Literal::String(s) => quote!(#s),
            Literal::List(items) => {
                let items = items.iter().map(|i| self.literal(i));
                quote!(::std::vec![#(#items),*])
            }
        }
    }

    /// Whether the value `v` of `e` is truthy (JMESPath, "Truthiness": not false, null, an
    /// empty string, array or object), or with `negate` whether it is not; the expression and
    /// whether it needs parentheses as an operand. A structure is an object whose keys are its
    /// members that are set. A value whose truthiness the type decides is still read (in
    /// `out`), so that it counts as used.
    fn truth(&self, v: &TokenStream, e: &Expr, negate: bool, out: &mut Vec<Stmt>) -> (TokenStream, bool) {
        let mut fixed = |x: bool| {
            out.push(Stmt { name: Ident::new("_", Span::call_site()), code: quote!(&#v) });
            let x = x != negate;
            (quote!(#x), false)
        };
        let some_true = quote!(::std::option::Option::Some(true));
        match (&e.ty, e.nullable, negate) {
            (JmesType::Null, _, _) => {
                let x = negate;
                (quote!(#x), false)
            }
            (JmesType::Bool | JmesType::Truth, false, false) => (v.clone(), false),
            (JmesType::Bool | JmesType::Truth, false, true) => (quote!(!#v), false),
            (JmesType::Bool, true, false) => (quote!(#v == #some_true), true),
            (JmesType::Bool, true, true) => (quote!(#v != #some_true), true),
            (JmesType::Number | JmesType::Union(_), false, _) => fixed(true),
            (JmesType::Number | JmesType::Union(_), true, false) => (quote!(#v.is_some()), false),
            (JmesType::Number | JmesType::Union(_), true, true) => (quote!(#v.is_none()), false),
            (JmesType::String | JmesType::List(..) | JmesType::Map { .. }, false, false) => (quote!(!#v.is_empty()), true),
            (JmesType::String | JmesType::List(..) | JmesType::Map { .. }, false, true) => (quote!(#v.is_empty()), false),
            (JmesType::String | JmesType::List(..) | JmesType::Map { .. }, true, false) => {
                (quote!(#v.as_ref().is_some_and(|v| !v.is_empty())), false)
            }
            (JmesType::String | JmesType::List(..) | JmesType::Map { .. }, true, true) => {
                (quote!(#v.as_ref().is_none_or(|v| v.is_empty())), false)
            }
            (JmesType::Struct(path), nullable, _) => {
                let fields = self.structs.get(path).map(|s| s.fields.as_slice()).unwrap_or_default();
                if fields.iter().any(|f| f.presence != Presence::Optional) {
                    return match (nullable, negate) {
                        (false, _) => fixed(true),
                        (true, false) => (quote!(#v.is_some()), false),
                        (true, true) => (quote!(#v.is_none()), false),
                    };
                }
                // Set members are keys: truthy when one is set.
                let keys = |s: TokenStream| {
                    let tests = fields.iter().map(|f| {
                        let n = ident(&f.names.field);
                        if negate {
                            quote!(#s.#n.is_none())
                        } else {
                            quote!(#s.#n.is_some())
                        }
                    });
                    match (fields.is_empty(), negate) {
                        (true, x) => quote!(#x),
                        (false, false) => quote!(#(#tests)||*),
                        (false, true) => quote!(#(#tests)&&*),
                    }
                };
                match (nullable, negate) {
                    (false, _) => (keys(v.clone()), fields.len() > 1),
                    (true, false) => {
                        let keys = keys(quote!(s));
                        (quote!(#v.is_some_and(|s| #keys)), false)
                    }
                    (true, true) => {
                        let keys = keys(quote!(s));
                        (quote!(#v.is_none_or(|s| #keys)), false)
                    }
                }
            }
            (JmesType::Truth | JmesType::InputOutput, _, _) => {
                let x = !negate;
                (quote!(#x), false)
            }
        }
    }

    /// [`Self::truth`] as the condition of an `if`.
    fn truthy(&self, v: &TokenStream, e: &Expr, out: &mut Vec<Stmt>) -> TokenStream {
        self.truth(v, e, false, out).0
    }

    /// [`Self::truth`] as an operand: in parentheses when it needs them.
    fn truthy_operand(&self, v: &TokenStream, e: &Expr, out: &mut Vec<Stmt>) -> TokenStream {
        match self.truth(v, e, false, out) {
            (code, true) => quote!((#code)),
            (code, false) => code,
        }
    }
}

/// Whether a JMESPath value is `Copy` as the generated code holds it (all but arrays).
fn is_copy(ty: &JmesType) -> bool {
    !matches!(ty, JmesType::List(..))
}

/// A comparison of two values (names or literals) of the types the plan checked.
fn compare(op: CompareOp, (l, left): (&TokenStream, &Expr), (r, right): (&TokenStream, &Expr)) -> TokenStream {
    let eq = op == CompareOp::Eq;
    match op {
        CompareOp::Eq | CompareOp::Ne => {
            // With null: whether the other side is null.
            for (v, this, other) in [(l, left, right), (r, right, left)] {
                if other.ty == JmesType::Null {
                    return match (this.nullable, eq) {
                        (true, true) => quote!(#v.is_none()),
                        (true, false) => quote!(#v.is_some()),
                        (false, eq) => {
                            let never = !eq;
                            quote!({ let _ = &#v; #never })
                        }
                    };
                }
            }
            let (l, r) = match (left.nullable, right.nullable) {
                (true, false) => (l.clone(), some(r.clone())),
                (false, true) => (some(l.clone()), r.clone()),
                _ => (l.clone(), r.clone()),
            };
            if eq {
                quote!(#l == #r)
            } else {
                quote!(#l != #r)
            }
        }
        _ => {
            let symbol = match op {
                CompareOp::Lt => quote!(<),
                CompareOp::Le => quote!(<=),
                CompareOp::Gt => quote!(>),
                _ => quote!(>=),
            };
            if !left.nullable && !right.nullable {
                return quote!(#l #symbol #r);
            }
            match (left.nullable, right.nullable) {
                (true, false) => quote!(#l.map(|a| a #symbol #r)),
                (false, true) => quote!(#r.map(|b| #l #symbol b)),
                _ => quote!(#l.zip(#r).map(|(a, b)| a #symbol b)),
            }
        }
    }
}
