//! Paginators: `client.list_x().into_paginator()` pages through a `@paginated` operation's
//! results, feeding each output's token into the next input, until a page has no token (or an
//! empty one). A token that comes back unchanged ends it with an error, never a loop.
//!
//! Each paginator is its own type with an async `next()` (and `blocking()` for an `Iterator`):
//! no stream trait, so the crate takes no `futures` dependency; `futures::stream::unfold` turns
//! one into a `Stream` in two lines where a caller wants that.

use super::paths::{Paths, Rt};
use super::rust_types::{element, ty};
use super::tokens::ident;
use crate::plan::{OperationPlan, OutputStep, PageItem, PageSize, PaginatorItems, PaginatorPlan};
use proc_macro2::TokenStream;
use quote::quote;

/// `into_paginator()` on the fluent builder, when the operation is paginated.
pub fn into_paginator(paths: &Paths, op: &OperationPlan) -> TokenStream {
    let Some(PaginatorPlan { paginator, .. }) = &op.paginator else { return quote!() };
    let paginator = paths.item(paginator);
    quote! {
        /// Pages through the results: each page's token is sent for the next, until the last.
        pub fn into_paginator(self) -> #paginator {
            #paginator::new(self)
        }
    }
}

/// The items of `src/<service>/operation/<op>/paginator.rs`.
pub fn paginator_module(paths: &Paths, op: &OperationPlan) -> Option<TokenStream> {
    let PaginatorPlan { paginator, input_token, token, output_token, page_size, items } = op.paginator.as_ref()?;
    let name = ident(&paginator.name);
    let builder = paths.item(&op.fluent_builder);
    let output = paths.item(&op.output.path);
    let error = paths.item(&op.error.path);
    let sdk_error = paths.rt(Rt::SdkError);
    let construction = paths.rt(Rt::ConstructionError);
    let token_ty = ty(paths, token);
    let get = ident(&input_token.get);
    let set = ident(&input_token.set);
    let next_token = read_path(output_token, quote!(output));
    let op_name = &op.name;
    let doc = format!(" The pages of `{op_name}`, from `into_paginator()` on its call builder.");
    let page_size = page_size.as_ref().map(|PageSize { setter, ty: size_ty }| {
        let setter = ident(setter);
        let size_ty = ty(paths, size_ty);
        quote! {
            /// Asks for pages of at most `size` results (the service may return fewer).
            pub fn page_size(mut self, size: #size_ty) -> Self {
                self.builder = self.builder.#setter(size);
                self
            }
        }
    });
    let items_fn = items.as_ref().map(|PaginatorItems { items, .. }| {
        let items = paths.item(items);
        quote! {
            /// The items of every page, one by one.
            pub fn items(self) -> #items {
                #items { pages: self, buffer: ::std::collections::VecDeque::new() }
            }
        }
    });
    let items_type = items.as_ref().map(|i| items_type(paths, op, i, &name));
    let page = quote!(::std::result::Result<#output, #sdk_error<#error>>);
    let result = quote!(Page);
    Some(quote! {
        /// A page, or why there is none.
        type Page = #page;

        #[doc = #doc]
        #[derive(Debug)]
        pub struct #name {
            builder: #builder,
            /// The token of the next request: the caller's to begin with, then each page's.
            token: ::std::option::Option<#token_ty>,
            done: bool,
        }

        impl #name {
            pub(crate) fn new(builder: #builder) -> Self {
                let token = builder.as_input().#get().clone();
                #name { builder, token, done: false }
            }

            #page_size

            /// The next page, or `None` after the last (or after an error).
            pub async fn next(&mut self) -> ::std::option::Option<#result> {
                if self.done {
                    return ::std::option::Option::None;
                }
                let result = self.builder.clone().#set(self.token.clone()).send().await;
                ::std::option::Option::Some(self.after(result))
            }

            /// The next page, with the blocking client.
            #[allow(clippy::result_large_err, reason = "errors carry their metadata inline, as the AWS SDK's do")]
            pub fn next_blocking(&mut self) -> ::std::option::Option<#result> {
                if self.done {
                    return ::std::option::Option::None;
                }
                let result = self.builder.clone().#set(self.token.clone()).send_blocking();
                ::std::option::Option::Some(self.after(result))
            }

            /// The pages as an iterator, with the blocking client.
            pub fn blocking(mut self) -> impl ::std::iter::Iterator<Item = #result> {
                ::std::iter::from_fn(move || self.next_blocking())
            }

            #items_fn

            /// Takes the next token from a page; stops after the last page, an error, or a token
            /// the service sent twice in a row (which would page forever).
            #[allow(clippy::result_large_err, reason = "errors carry their metadata inline, as the AWS SDK's do")]
            fn after(&mut self, result: #result) -> #result {
                let output = match result {
                    ::std::result::Result::Ok(output) => output,
                    ::std::result::Result::Err(e) => {
                        self.done = true;
                        return ::std::result::Result::Err(e);
                    }
                };
                match #next_token {
                    ::std::option::Option::Some(next) if !next.is_empty() => {
                        if self.token.as_ref() == ::std::option::Option::Some(&next) {
                            self.done = true;
                            return ::std::result::Result::Err(#sdk_error::Construction(#construction::new(
                                "the service sent the same pagination token twice in a row: stopped, as the next page would repeat",
                            )));
                        }
                        self.token = ::std::option::Option::Some(next);
                    }
                    _ => self.done = true,
                }
                ::std::result::Result::Ok(output)
            }
        }

        #items_type
    })
}

/// The paginator over the items of the pages.
fn items_type(paths: &Paths, op: &OperationPlan, items: &PaginatorItems, pages: &proc_macro2::Ident) -> TokenStream {
    let PaginatorItems { items, path, item } = items;
    let name = ident(&items.name);
    let item = match item {
        PageItem::Element { ty: t, sparse } => element(paths, t, *sparse),
        PageItem::Entry { key, value, sparse } => {
            let key = ty(paths, key);
            let value = element(paths, value, *sparse);
            quote!((#key, #value))
        }
    };
    let sdk_error = paths.rt(Rt::SdkError);
    let error = paths.item(&op.error.path);
    let take = take_path(path, quote!(page));
    let item_result = quote!(::std::result::Result<#item, #sdk_error<#error>>);
    let result = quote!(Item);
    let doc = format!(" The items of `{}`'s pages, one by one, from `into_paginator().items()`.", op.name);
    quote! {
        /// An item, or why there is none.
        type Item = #item_result;

        #[doc = #doc]
        #[derive(Debug)]
        pub struct #name {
            pages: #pages,
            buffer: ::std::collections::VecDeque<#item>,
        }

        impl #name {
            /// The next item, or `None` after the last (or after an error).
            pub async fn next(&mut self) -> ::std::option::Option<#result> {
                loop {
                    if let ::std::option::Option::Some(item) = self.buffer.pop_front() {
                        return ::std::option::Option::Some(::std::result::Result::Ok(item));
                    }
                    match self.pages.next().await? {
                        ::std::result::Result::Ok(page) => self.buffer.extend(#take),
                        ::std::result::Result::Err(e) => return ::std::option::Option::Some(::std::result::Result::Err(e)),
                    }
                }
            }

            /// The next item, with the blocking client.
            #[allow(clippy::result_large_err, reason = "errors carry their metadata inline, as the AWS SDK's do")]
            pub fn next_blocking(&mut self) -> ::std::option::Option<#result> {
                loop {
                    if let ::std::option::Option::Some(item) = self.buffer.pop_front() {
                        return ::std::option::Option::Some(::std::result::Result::Ok(item));
                    }
                    match self.pages.next_blocking()? {
                        ::std::result::Result::Ok(page) => self.buffer.extend(#take),
                        ::std::result::Result::Err(e) => return ::std::option::Option::Some(::std::result::Result::Err(e)),
                    }
                }
            }

            /// The items as an iterator, with the blocking client.
            pub fn blocking(mut self) -> impl ::std::iter::Iterator<Item = #result> {
                ::std::iter::from_fn(move || self.next_blocking())
            }
        }
    }
}

/// An expression reading a clone of the path's last field from `value` (a reference), as an
/// `Option<T>`.
fn read_path(steps: &[OutputStep], value: TokenStream) -> TokenStream {
    let reach = |on: TokenStream, step: &OutputStep| {
        let OutputStep { field, optional, boxed } = step;
        let f = ident(field);
        match (optional, boxed) {
            (true, true) => quote!(#on.#f.as_deref()),
            (true, false) => quote!(#on.#f.as_ref()),
            (false, true) => quote!(::std::option::Option::Some(&*#on.#f)),
            (false, false) => quote!(::std::option::Option::Some(&#on.#f)),
        }
    };
    let Some((first, rest)) = steps.split_first() else { return quote!(::std::option::Option::None) };
    let mut expr = reach(value, first);
    for OutputStep { field, optional, boxed } in rest {
        let f = ident(field);
        expr = match (optional, boxed) {
            (true, true) => quote!(#expr.and_then(|v| v.#f.as_deref())),
            (true, false) => quote!(#expr.and_then(|v| v.#f.as_ref())),
            (false, true) => quote!(#expr.map(|v| &*v.#f)),
            (false, false) => quote!(#expr.map(|v| &v.#f)),
        };
    }
    quote!(#expr.cloned())
}

/// An expression moving the path's last field (a list or map) out of `value` (owned); empty
/// when a field on the way is absent. Through required members only, the field itself (no
/// `Some(..).unwrap_or_default()`, which clippy rejects).
fn take_path(steps: &[OutputStep], value: TokenStream) -> TokenStream {
    if steps.is_empty() {
        return quote!(::std::default::Default::default());
    }
    // `expr` is an `Option` once an optional member is on the way.
    let (mut expr, mut optional_so_far) = (value, false);
    for (i, OutputStep { field, optional, boxed }) in steps.iter().enumerate() {
        let f = ident(field);
        expr = match (optional_so_far, optional, boxed) {
            (false, true, true) => quote!(#expr.#f.map(|b| *b)),
            // A box's fields move out of it as they are read; the last field moves out whole.
            (false, false, true) if i + 1 == steps.len() => quote!(*#expr.#f),
            (false, _, _) => quote!(#expr.#f),
            (true, true, true) => quote!(#expr.and_then(|v| v.#f.map(|b| *b))),
            (true, true, false) => quote!(#expr.and_then(|v| v.#f)),
            (true, false, true) => quote!(#expr.map(|v| *v.#f)),
            (true, false, false) => quote!(#expr.map(|v| v.#f)),
        };
        optional_so_far |= *optional;
    }
    if optional_so_far {
        quote!(#expr.unwrap_or_default())
    } else {
        expr
    }
}
