//! Short names for the runtime items a file names often: emitters write full paths, and this
//! pass turns `crate::runtime::json::Reader` into `Reader` with one `use` at the top, for the
//! items [`SHORT`] lists, in files where the short name means nothing else.

use super::paths::{Paths, Rt};
use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::quote;

/// The items that get a short name, and the name; a module is named by its alias.
const SHORT: &[(Rt, &str)] = &[
    (Rt::Config, "Config"),
    (Rt::Endpoint, "Endpoint"),
    (Rt::EndpointError, "EndpointError"),
    (Rt::JsonRead, "read"),
    (Rt::JsonReader, "Reader"),
    (Rt::JsonToken, "Token"),
    (Rt::JsonWriter, "JsonWriter"),
    (Rt::SerializeError, "SerializeError"),
    (Rt::DeserializeError, "DeserializeError"),
    (Rt::Escaped, "escaped"),
];

/// `items` with the listed paths shortened, and the `use` lines they then need (sorted).
pub fn shorten(paths: &Paths, items: TokenStream) -> (TokenStream, TokenStream) {
    let mut items = items;
    let mut uses = Vec::new();
    for (item, short) in SHORT {
        let full = segments(&paths.rt(*item));
        let (replaced, count, other) = replace(items.clone(), &full, short);
        // A short name that already means something else in the file stays long.
        if count == 0 || other {
            continue;
        }
        items = replaced;
        let path = paths.rt(*item);
        let last = full.last().map(String::as_str).unwrap_or_default();
        let short_ident = Ident::new(short, Span::call_site());
        uses.push(if last == *short { quote!(use #path;) } else { quote!(use #path as #short_ident;) });
    }
    uses.sort_by_key(|u| u.to_string());
    (quote!(#(#uses)*), items)
}

/// The identifiers of a path, in order.
fn segments(path: &TokenStream) -> Vec<String> {
    path.clone().into_iter().filter_map(|t| if let TokenTree::Ident(i) = t { Some(i.to_string()) } else { None }).collect()
}

/// `tokens` with every occurrence of the path `full` replaced by `short`; how many there were,
/// and whether `short` occurs otherwise (as an identifier anywhere else).
fn replace(tokens: TokenStream, full: &[String], short: &str) -> (TokenStream, usize, bool) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
    let (mut count, mut other) = (0, false);
    let mut i = 0;
    while i < trees.len() {
        if let Some(len) = path_at(&trees[i..], full) {
            out.push(TokenTree::Ident(Ident::new(short, Span::call_site())));
            count += 1;
            i += len;
            continue;
        }
        match &trees[i] {
            TokenTree::Group(g) => {
                let (inner, c, o) = replace(g.stream(), full, short);
                count += c;
                other |= o;
                let mut group = Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            TokenTree::Ident(id) if id == short => {
                other = true;
                out.push(trees[i].clone());
            }
            tree => out.push(tree.clone()),
        }
        i += 1;
    }
    (out.into_iter().collect(), count, other)
}

/// The number of trees the path `full` takes at the start of `trees` (`a :: b :: c`), if it
/// is there (what follows, such as `::new`, stays).
fn path_at(trees: &[TokenTree], full: &[String]) -> Option<usize> {
    let mut at = 0;
    for (n, segment) in full.iter().enumerate() {
        if n > 0 {
            for _ in 0..2 {
                match trees.get(at) {
                    Some(TokenTree::Punct(p)) if p.as_char() == ':' => at += 1,
                    _ => return None,
                }
            }
        }
        match trees.get(at) {
            Some(TokenTree::Ident(id)) if id == segment => at += 1,
            _ => return None,
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shortened(tokens: TokenStream) -> String {
        let paths = Paths::new(&["crate"]);
        let (uses, items) = shorten(&paths, tokens);
        format!("{uses} | {items}")
    }

    #[test]
    fn listed_paths_get_a_use_and_a_short_name() {
        let text = shortened(quote!(fn f(r: &mut crate::runtime::json::Reader<'a>) { crate::runtime::wire::json_read::string(r)?; }));
        assert_eq!(
            text,
            "use crate :: runtime :: json :: Reader ; use crate :: runtime :: wire :: json_read as read ; | fn f (r : & mut Reader < 'a >) { read :: string (r) ? ; }"
        );
    }

    #[test]
    fn a_name_that_means_something_else_stays_long() {
        let text = shortened(quote!(fn f(t: crate::runtime::json::Token, u: crate::svc::types::Token) {}));
        assert!(!text.contains("use crate :: runtime :: json :: Token"), "{text}");
        assert!(text.contains("t : crate :: runtime :: json :: Token"), "{text}");
    }
}
