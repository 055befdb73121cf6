//! Every Rust naming rule in one place: AWS-aware word splitting, casing, keyword escaping.
//!
//! heck alone splits `ARNs` into `ar_ns` and `IPv6` into `i_pv6`; AWS names need acronym
//! plurals and a few fixed words kept whole, so words are split here and heck only capitalizes them.

use heck::ToUpperCamelCase;

/// Words AWS writes with mixed case that must stay one word.
const WHOLE_WORDS: &[&str] = &["IPv4", "IPv6", "SigV4", "SigV2", "OAuth", "MiB", "GiB", "KiB", "TiB"];

/// Splits an AWS name into words: `DBProxyARNs` → `DB`, `Proxy`, `ARNs`; `IPv6Address` →
/// `IPv6`, `Address`; `S3Bucket` → `S3`, `Bucket`; `MofN` → `Mof`, `N`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    let flush = |current: &mut String, words: &mut Vec<String>| {
        if !current.is_empty() {
            words.push(std::mem::take(current));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if !c.is_alphanumeric() {
            flush(&mut current, &mut words);
            i += 1;
            continue;
        }
        if let Some(w) = WHOLE_WORDS.iter().find(|w| starts_with_at(&chars, i, w)) {
            // A whole word may be followed by digits or lowercase only if they continue it.
            flush(&mut current, &mut words);
            words.push(w.to_string());
            i += w.len();
            continue;
        }
        if c.is_uppercase() {
            let run_end = (i..chars.len()).find(|&j| !chars[j].is_uppercase()).unwrap_or(chars.len());
            let run = run_end - i;
            let next = chars.get(run_end).copied();
            let prev_is_lower_or_digit = current.chars().last().is_some_and(|p| p.is_lowercase() || p.is_ascii_digit());
            if prev_is_lower_or_digit || (!current.is_empty() && run > 1) {
                flush(&mut current, &mut words);
            }
            if run > 1 && next == Some('s') && !chars.get(run_end + 1).is_some_and(|c| c.is_lowercase()) {
                // An acronym plural: `ARNs`, `ACLs`, `IDs`.
                flush(&mut current, &mut words);
                current.extend(&chars[i..=run_end]);
                flush(&mut current, &mut words);
                i = run_end + 1;
                continue;
            }
            if run > 1 && next.is_some_and(|n| n.is_lowercase()) {
                // `DBProxy`: the last capital starts the next word.
                flush(&mut current, &mut words);
                current.extend(&chars[i..run_end - 1]);
                flush(&mut current, &mut words);
                i = run_end - 1;
                continue;
            }
            if !current.is_empty() && !current.chars().all(|p| p.is_uppercase()) {
                flush(&mut current, &mut words);
            }
            current.extend(&chars[i..run_end]);
            i = run_end;
            continue;
        }
        if c.is_ascii_digit() {
            // Digits stay with the word before them: `S3`, `Ec2`, `Route53`, `V2`.
            current.push(c);
            i += 1;
            continue;
        }
        // Lowercase continues the current word (`Md5hash` stays one word).
        current.push(c);
        i += 1;
    }
    flush(&mut current, &mut words);
    words
}

fn starts_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    if chars.len() < i + w.len() || chars[i..i + w.len()] != w[..] {
        return false;
    }
    // Must end at a word boundary: not followed by more lowercase letters.
    !chars.get(i + w.len()).is_some_and(|c| c.is_lowercase())
}

/// `snake_case` for fields, methods and modules (not escaped).
pub fn snake(name: &str) -> String {
    words(name).iter().map(|w| w.to_lowercase()).collect::<Vec<_>>().join("_")
}

/// `UpperCamelCase` for types and variants (not escaped).
pub fn pascal(name: &str) -> String {
    let mut out = String::new();
    for w in words(name) {
        let lower = w.to_lowercase();
        let cased = lower.to_upper_camel_case();
        // Keep a separator between two digit-bounded words (`V1` `2` would fuse ambiguously).
        if out.chars().last().is_some_and(|c| c.is_ascii_digit()) && cased.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push_str(&cased);
    }
    out
}

/// Rust keywords (strict and reserved, all editions up to 2024).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
    "union",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// A snake_case name made safe as a field or method: keywords become raw identifiers
/// (`r#type`), the few that cannot (`self`, `crate`, `super`) take a `_value` suffix.
/// `reserved` lists names the surrounding code already uses (`build`, `builder`, ...).
pub fn escape_snake(name: &str, reserved: &[&str]) -> String {
    if NOT_RAW.contains(&name) || reserved.contains(&name) {
        format!("{name}_value")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("_{name}")
    } else {
        name.to_string()
    }
}

/// A PascalCase name made safe as a type or variant: `Self` → `SelfValue`; `reserved` names
/// (`Unknown` for enum and union variants) take a `Value` suffix.
pub fn escape_pascal(name: &str, reserved: &[&str]) -> String {
    if name == "Self" || reserved.contains(&name) {
        format!("{name}Value")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("_{name}")
    } else {
        name.to_string()
    }
}

/// Field and accessor names that would clash with the methods every structure and builder has.
pub const RESERVED_MEMBER_NAMES: &[&str] = &["build", "builder"];

/// Variant names taken by the generated unknown variant.
pub const RESERVED_VARIANT_NAMES: &[&str] = &["Unknown"];

/// The field / method name of a member.
pub fn member_name(smithy_name: &str) -> String {
    escape_snake(&snake(smithy_name), RESERVED_MEMBER_NAMES)
}

/// The variant name of an enum or union member.
pub fn variant_name(smithy_name: &str) -> String {
    escape_pascal(&pascal(smithy_name), RESERVED_VARIANT_NAMES)
}

/// The Rust type name of a shape (its local name after the service's `rename`).
pub fn type_name(local_name: &str) -> String {
    escape_pascal(&pascal(local_name), &[])
}

/// The module and cargo feature of a service: its `sdkId` lower-cased with everything but
/// letters and digits dropped, as the AWS SDK for Rust names its crates (`DynamoDB` →
/// `dynamodb`, `Cognito Identity Provider` → `cognitoidentityprovider`).
pub fn service_module(sdk_id: &str) -> String {
    let name: String = sdk_id.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    escape_snake(&name, &["config", "endpoint", "error", "primitives", "runtime"])
}

/// A module name: `get_session`.
pub fn module_name(name: &str) -> String {
    escape_snake(&snake(name), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_word_splitting() {
        let cases = [
            ("ARNs", "arns"),
            ("IPv6", "ipv6"),
            ("IPv6Address", "ipv6_address"),
            ("DBProxy", "db_proxy"),
            ("DBProxyARNs", "db_proxy_arns"),
            ("SessionArn", "session_arn"),
            ("MofN", "mof_n"),
            ("MinApprovalsRequired", "min_approvals_required"),
            ("S3Bucket", "s3_bucket"),
            ("Ec2InstanceId", "ec2_instance_id"),
            ("SSEKMSKeyId", "ssekms_key_id"),
            ("ALL_APPROVERS_IN_SESSION", "all_approvers_in_session"),
            ("userName", "user_name"),
            ("HTTPHeaders", "http_headers"),
            ("KmsKey", "kms_key"),
            ("VpcIDs", "vpc_ids"),
            ("AWSFluffyCoreService", "aws_fluffy_core_service"),
            ("GetStudioSessionMapping", "get_studio_session_mapping"),
            ("SessionIdleTimeoutInMinutes", "session_idle_timeout_in_minutes"),
            ("Route53", "route53"),
            ("SigV4Auth", "sigv4_auth"),
            ("MemorySizeInMiB", "memory_size_in_mib"),
        ];
        for (input, want) in cases {
            assert_eq!(snake(input), want, "{input}");
        }
    }

    #[test]
    fn pascal_names() {
        for (input, want) in [
            ("DBProxy", "DbProxy"),
            ("MofN", "MofN"),
            ("ALL_APPROVERS_IN_SESSION", "AllApproversInSession"),
            ("PENDING", "Pending"),
            ("ARNs", "Arns"),
            ("IPv6", "Ipv6"),
            ("GetSessionRequest", "GetSessionRequest"),
            ("dual-stack", "DualStack"),
            ("python3.9", "Python3_9"),
        ] {
            assert_eq!(pascal(input), want, "{input}");
        }
    }

    #[test]
    fn keywords_and_reserved() {
        assert_eq!(member_name("type"), "r#type");
        assert_eq!(member_name("Match"), "r#match");
        assert_eq!(member_name("self"), "self_value");
        assert_eq!(member_name("Build"), "build_value");
        assert_eq!(member_name("builder"), "builder_value");
        assert_eq!(variant_name("Self"), "SelfValue");
        assert_eq!(variant_name("Unknown"), "UnknownValue");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
        assert_eq!(type_name("Result"), "Result");
        assert_eq!(member_name("3d"), "_3d");
        assert_eq!(service_module("DynamoDB"), "dynamodb");
        assert_eq!(service_module("Simple Types"), "simpletypes");
        assert_eq!(service_module("MPA"), "mpa");
        assert_eq!(service_module("Runtime"), "runtime_value");
    }
}
