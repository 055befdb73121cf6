//! The rules-engine standard library (and the AWS extensions) as plain string functions.
//!
//! The evaluator wraps these; they are public so request builders and tests can use them too.

use std::borrow::Cow;

/// `substring(input, start, end, reverse)`: the ASCII slice `[start, end)`, counted from the end
/// when `reverse` (`len-end .. len-start`). `None` when the input is not ASCII, too short, or
/// `start >= end`.
pub fn substring(input: &str, start: usize, end: usize, reverse: bool) -> Option<&str> {
    if start >= end || end > input.len() || !input.is_ascii() {
        return None;
    }
    let (from, to) = if reverse {
        (input.len() - end, input.len() - start)
    } else {
        (start, end)
    };
    input.get(from..to)
}

/// `uriEncode`: RFC 3986 percent-encoding of every byte except `A-Z a-z 0-9 - _ . ~`, with
/// uppercase hex digits (space becomes `%20`).
pub fn uri_encode(input: &str) -> String {
    super::super::percent::encode(input, false)
}

/// The record `parseURL` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'s> {
    /// `http` or `https`, lower-cased.
    pub scheme: Cow<'s, str>,
    /// Host and port as written (userinfo removed).
    pub authority: &'s str,
    /// Path as written: `""` for `https://example.com`, `/` for `https://example.com/`.
    pub path: &'s str,
    /// Path starting and ending with `/` (just `/` when empty).
    pub normalized_path: Cow<'s, str>,
    /// True for a dotted-quad IPv4 host or a bracketed IPv6 host.
    pub is_ip: bool,
}

/// `parseURL` (rules-engine/standard-library.rst, "`parseURL` function"); where that text and the
/// rules-engine tests disagree, as the Java reference implementation behaves:
/// - only `http`/`https` (any case); no whitespace or control characters anywhere;
/// - a query (`?` before any `#`) makes the URL invalid; a `#fragment` is dropped;
/// - `authority` is host and port as written (a default port is kept), without `user@`;
/// - a port must be decimal and at most 65535; host labels are not validated.
pub fn parse_url(input: &str) -> Option<Url<'_>> {
    let (scheme, rest) = input.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    if input.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return None;
    }
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    if rest.contains('?') {
        return None;
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, hostport)| hostport);
    let (host, port, bracketed) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, after) = authority.split_at(close + 1);
        let inner = &host[1..host.len() - 1];
        let ipv6_chars = inner
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        if !ipv6_chars || !inner.contains(':') {
            return None;
        }
        let port = if after.is_empty() {
            None
        } else {
            Some(after.strip_prefix(':')?)
        };
        (host, port, true)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port), false),
            None => (authority, None, false),
        }
    };
    if host.is_empty() || (!bracketed && host.contains(['[', ']'])) {
        return None;
    }
    if let Some(port) = port {
        let digits =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        if !digits || port.parse::<u32>().ok()? > 65535 {
            return None;
        }
    }
    let scheme = if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(scheme.to_ascii_lowercase())
    } else {
        Cow::Borrowed(scheme)
    };
    let normalized_path = match (path.starts_with('/'), path.ends_with('/')) {
        _ if path.is_empty() => Cow::Borrowed("/"),
        (true, true) => Cow::Borrowed(path),
        (true, false) => Cow::Owned(format!("{path}/")),
        (false, true) => Cow::Owned(format!("/{path}")),
        (false, false) => Cow::Owned(format!("/{path}/")),
    };
    Some(Url {
        scheme,
        authority,
        path,
        normalized_path,
        is_ip: bracketed || is_ipv4(host),
    })
}

/// Four dot-separated decimal parts of 1 to 3 digits, each at most 255.
fn is_ipv4(host: &str) -> bool {
    let mut count = 0;
    for part in host.split('.') {
        count += 1;
        let ok = (1..=3).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u16>().is_ok_and(|v| v <= 255);
        if !ok || count > 4 {
            return false;
        }
    }
    count == 4
}

/// `isValidHostLabel`: an RFC 1123 label (1 to 63 of `A-Z a-z 0-9 -`, not starting with `-`);
/// with `allow_sub_domains`, every `.`-separated part must be one.
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    let label = |s: &str| {
        (1..=63).contains(&s.len())
            && !s.starts_with('-')
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if allow_sub_domains {
        value.split('.').all(label)
    } else {
        label(value)
    }
}

/// The record `aws.parseArn` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn<'s> {
    /// Partition (`aws`, `aws-cn`, ...), never empty.
    pub partition: &'s str,
    /// Service namespace, never empty.
    pub service: &'s str,
    /// Region, possibly empty.
    pub region: &'s str,
    /// Account id, possibly empty.
    pub account_id: &'s str,
    /// The resource split on every `:` and `/` (`vpc/vpc-0e98` → `["vpc", "vpc-0e98"]`).
    pub resource_id: Vec<&'s str>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, split on the first five
/// colons. `None` unless it starts with `arn` and partition, service and resource are non-empty.
pub fn parse_arn(input: &str) -> Option<Arn<'_>> {
    let mut parts = input.splitn(6, ':');
    let (arn, partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let (region, account_id, resource) = (parts.next()?, parts.next()?, parts.next()?);
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource.split([':', '/']).collect();
    Some(Arn {
        partition,
        service,
        region,
        account_id,
        resource_id,
    })
}

/// `aws.isVirtualHostableS3Bucket` (aws/rules-engine/library-functions.rst; where the
/// implementations disagree, as smithy-rs behaves): valid host label(s); only `a-z 0-9 . -`; no
/// `.-` or `-.`; not shaped like an IPv4 address; and every label (the whole value when
/// `allow_sub_domains` is false) 3 to 63 characters long, starting and ending with a letter or
/// digit.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    if !is_valid_host_label(value, allow_sub_domains) {
        return false;
    }
    let charset = value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if !charset || value.contains(".-") || value.contains("-.") || is_ipv4(value) {
        return false;
    }
    let segment = |s: &str| {
        let edge = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        (3..=63).contains(&s.len()) && edge(s.bytes().next()) && edge(s.bytes().last())
    };
    if allow_sub_domains {
        value.split('.').all(segment)
    } else {
        segment(value)
    }
}

/// `split(value, delimiter, limit)`: parts between non-overlapping occurrences of `delimiter`,
/// left to right; `limit` 0 means all parts, otherwise at most `limit` parts (the last holds the
/// rest). `None` for an empty delimiter.
pub fn split<'s>(value: &'s str, delimiter: &str, limit: usize) -> Option<Vec<&'s str>> {
    if delimiter.is_empty() {
        return None;
    }
    Some(if limit == 0 {
        value.split(delimiter).collect()
    } else {
        value.splitn(limit, delimiter).collect()
    })
}
