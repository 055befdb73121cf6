//! The rules-engine standard library, one group per function, with the spec's edge cases.
//! Expected values are written from the rules engine spec (rules-engine/standard-library.rst,
//! aws/rules-engine/library-functions.rst) and, where that text and the rules-engine tests
//! disagree (`parseURL`'s `path` and `authority`), from the Java reference implementation.

use runtime::endpoint::regex::Regex;
use runtime::endpoint::stdlib::{
    is_valid_host_label, is_virtual_hostable_s3_bucket, parse_arn, parse_url, split, substring,
    uri_encode, Arn, Url,
};

fn url(input: &str) -> (String, String, String, String, bool) {
    let u: Url<'_> = parse_url(input).unwrap_or_else(|| panic!("{input} must parse"));
    (
        u.scheme.into_owned(),
        u.authority.to_owned(),
        u.path.to_owned(),
        u.normalized_path.into_owned(),
        u.is_ip,
    )
}

fn s(v: &str) -> String {
    v.to_owned()
}

#[test]
fn parse_url_without_path_keeps_path_empty() {
    assert_eq!(
        url("https://example.com"),
        (s("https"), s("example.com"), s(""), s("/"), false)
    );
    assert_eq!(
        url("https://example.com/"),
        (s("https"), s("example.com"), s("/"), s("/"), false)
    );
}

#[test]
fn parse_url_with_path_normalizes_only_normalized_path() {
    assert_eq!(
        url("http://example.com:80/foo/bar"),
        (
            s("http"),
            s("example.com:80"),
            s("/foo/bar"),
            s("/foo/bar/"),
            false
        )
    );
    assert_eq!(
        url("https://authority.com/custom-path/"),
        (
            s("https"),
            s("authority.com"),
            s("/custom-path/"),
            s("/custom-path/"),
            false
        )
    );
    // Percent-encoding in the path is kept as written.
    assert_eq!(url("https://h/a%2Fb").2, "/a%2Fb");
}

#[test]
fn parse_url_keeps_the_port_as_written() {
    assert_eq!(
        url("https://authority.com:8000/port").1,
        "authority.com:8000"
    );
    assert_eq!(url("https://example.com:443").1, "example.com:443");
    assert!(parse_url("http://abc.com:a/foo").is_none());
    assert!(parse_url("http://abc.com:/foo").is_none());
    assert!(parse_url("http://abc.com:65536").is_none());
}

#[test]
fn parse_url_rejects_queries_and_other_schemes() {
    assert!(parse_url("https://example.com:8443?foo=bar&faz=baz").is_none());
    assert!(parse_url("https://example.com/path?query1=foo").is_none());
    assert!(parse_url("https://example.com/?").is_none());
    assert!(parse_url("acbd://example.com").is_none());
    assert!(parse_url("ftp://example.com").is_none());
    assert!(parse_url("example.com").is_none());
    assert!(parse_url("https://").is_none());
    assert!(parse_url("https://exa mple.com").is_none());
    // The scheme is case-insensitive and reported lower-cased.
    assert_eq!(url("HTTPS://Example.com").0, "https");
    assert_eq!(url("HTTPS://Example.com").1, "Example.com");
}

#[test]
fn parse_url_drops_fragment_and_userinfo() {
    assert_eq!(
        url("https://example.com/a#frag?x"),
        (s("https"), s("example.com"), s("/a"), s("/a/"), false)
    );
    assert_eq!(url("https://user:pw@example.com:9/p").1, "example.com:9");
}

#[test]
fn parse_url_detects_ip_addresses() {
    assert_eq!(
        url("https://127.0.0.1"),
        (s("https"), s("127.0.0.1"), s(""), s("/"), true)
    );
    assert_eq!(
        url("http://192.168.1.1:1234/foo/"),
        (
            s("http"),
            s("192.168.1.1:1234"),
            s("/foo/"),
            s("/foo/"),
            true
        )
    );
    assert!(!url("https://999.999.abc.blah").4);
    assert!(!url("https://256.1.1.1").4);
    assert!(!url("https://1.2.3").4);
    assert!(!url("https://1.2.3.4.5").4);
}

#[test]
fn parse_url_ipv6() {
    assert_eq!(
        url("https://[fe80::1]"),
        (s("https"), s("[fe80::1]"), s(""), s("/"), true)
    );
    assert_eq!(
        url("https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443"),
        (
            s("https"),
            s("[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443"),
            s(""),
            s("/"),
            true
        )
    );
    assert_eq!(url("http://[::1]:8080/x").3, "/x/");
    assert!(parse_url("https://[fe80::1").is_none());
    assert!(parse_url("https://[zz]").is_none());
    assert!(parse_url("https://[fe80::1]x").is_none());
    assert!(parse_url("https://fe80::1]").is_none());
}

#[test]
fn parse_url_does_not_validate_host_labels() {
    assert_eq!(url("http://99_ab-.com").1, "99_ab-.com");
}

#[test]
fn substring_forward_and_reversed() {
    assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
    assert_eq!(substring("abcdefg", 1, 4, false), Some("bcd"));
    // Reversed counts from the end: [len-end, len-start).
    assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 4, true), Some("def"));
    assert_eq!(substring("abcd", 0, 4, false), Some("abcd"));
    assert_eq!(substring("abcd", 0, 4, true), Some("abcd"));
}

#[test]
fn substring_out_of_range_or_empty_is_none() {
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abc", 0, 4, true), None);
    assert_eq!(substring("abc", 2, 2, false), None);
    assert_eq!(substring("abc", 3, 1, false), None);
    assert_eq!(substring("", 0, 1, false), None);
}

#[test]
fn substring_of_non_ascii_is_none() {
    assert_eq!(substring("\u{1f600}abcdef", 0, 1, false), None);
    // Even when the slice itself would be ASCII.
    assert_eq!(substring("abcdef\u{e9}", 0, 2, false), None);
}

#[test]
fn uri_encode_reserved_and_unicode() {
    assert_eq!(uri_encode("abcXYZ019-_.~"), "abcXYZ019-_.~");
    assert_eq!(
        uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
        "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
    );
    assert_eq!(uri_encode("\u{e9}\u{1f600}"), "%C3%A9%F0%9F%98%80");
    assert_eq!(uri_encode(""), "");
}

#[test]
fn host_labels() {
    assert!(is_valid_host_label("abc", false));
    assert!(is_valid_host_label("a", false));
    assert!(is_valid_host_label("111111111111", false));
    assert!(is_valid_host_label("a-b-", false)); // only a leading `-` is forbidden
    assert!(is_valid_host_label(&"a".repeat(63), false));
    assert!(!is_valid_host_label(&"a".repeat(64), false));
    assert!(!is_valid_host_label("", false));
    assert!(!is_valid_host_label("-abc", false));
    assert!(!is_valid_host_label("a_b", false));
    assert!(!is_valid_host_label("\u{e9}", false));
}

#[test]
fn host_labels_with_dots() {
    assert!(!is_valid_host_label("a.b", false));
    assert!(is_valid_host_label("a.b", true));
    assert!(is_valid_host_label("foo.bar-baz.x1", true));
    assert!(!is_valid_host_label("a..b", true));
    assert!(!is_valid_host_label(".a", true));
    assert!(!is_valid_host_label("a.", true));
    assert!(!is_valid_host_label("a.-b", true));
    assert!(is_valid_host_label(
        &format!("{}.{}", "a".repeat(63), "b".repeat(63)),
        true
    ));
}

#[test]
fn arn_with_all_parts() {
    let arn = parse_arn("arn:aws:dynamodb:us-east-1:222222222222:table/table_name").unwrap();
    assert_eq!(
        arn,
        Arn {
            partition: "aws",
            service: "dynamodb",
            region: "us-east-1",
            account_id: "222222222222",
            resource_id: vec!["table", "table_name"]
        }
    );
}

#[test]
fn arn_with_empty_region_and_account() {
    let arn = parse_arn("arn:aws:s3:::bucket").unwrap();
    assert_eq!(
        (arn.region, arn.account_id, arn.resource_id),
        ("", "", vec!["bucket"])
    );
}

#[test]
fn arn_with_many_resource_parts() {
    let arn = parse_arn(
        "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/accesspoint:myap",
    )
    .unwrap();
    assert_eq!(
        arn.resource_id,
        ["outpost", "op-01ac5d28a6a232904", "accesspoint", "myap"]
    );
    // Empty parts between separators are kept.
    assert_eq!(
        parse_arn("arn:aws:svc:r:a:x//y:").unwrap().resource_id,
        ["x", "", "y", ""]
    );
}

#[test]
fn arn_invalid_forms() {
    assert_eq!(parse_arn("arn:aws:s3:us-east-1:1234"), None); // only five parts
    assert_eq!(parse_arn("arn:aws:s3:us-east-1:1234:"), None); // empty resource
    assert_eq!(parse_arn("arn::s3:r:a:res"), None); // empty partition
    assert_eq!(parse_arn("arn:aws::r:a:res"), None); // empty service
    assert_eq!(parse_arn("nar:aws:s3:r:a:res"), None);
    assert_eq!(parse_arn(""), None);
}

#[test]
fn s3_bucket_names() {
    for ok in [
        "bucket-name",
        "bucket-with-number-1",
        "bucket--with-multiple-dash",
        "abc",
        &"a".repeat(63),
    ] {
        assert!(is_virtual_hostable_s3_bucket(ok, false), "{ok}");
    }
    for bad in [
        "BucketName",
        "bucket_name",
        "-bucket-name",
        "bucket-name-",
        "aa",
        &"a".repeat(64),
        "bucket.name",
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bad, false), "{bad}");
    }
}

#[test]
fn s3_bucket_names_with_dots() {
    assert!(is_virtual_hostable_s3_bucket("bucket.name", true));
    assert!(is_virtual_hostable_s3_bucket(
        "bucket.name.multiple.dots1",
        true
    ));
    for bad in [
        ".bucket-name",
        "bucket-name.",
        "bucket-.name",
        "bucket.-name",
        "bucket..name",
        "abc.de",
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bad, true), "{bad}");
    }
}

#[test]
fn s3_bucket_names_that_look_like_ip_addresses() {
    assert!(!is_virtual_hostable_s3_bucket("192.168.5.4", true));
    // Every label is 3 characters, so only the IP rule rejects this one.
    assert!(!is_virtual_hostable_s3_bucket("192.168.100.200", true));
    assert!(!is_virtual_hostable_s3_bucket("192.168.5.4", false));
    // Not an address: five parts, or parts above 255.
    assert!(is_virtual_hostable_s3_bucket("192.168.100.200.111", true));
    assert!(is_virtual_hostable_s3_bucket("999.999.999.999", true));
}

#[test]
fn split_limits() {
    assert_eq!(split("a--b--c", "--", 0), Some(vec!["a", "b", "c"]));
    assert_eq!(split("a--b--c", "--", 1), Some(vec!["a--b--c"]));
    assert_eq!(split("a--b--c", "--", 2), Some(vec!["a", "b--c"]));
    assert_eq!(
        split("--x-s3--azid--suffix", "--", 4),
        Some(vec!["", "x-s3", "azid", "suffix"])
    );
    assert_eq!(split("", "--", 0), Some(vec![""]));
    assert_eq!(split("aaaa", "aa", 0), Some(vec!["", "", ""]));
    assert_eq!(split("aaa", "aa", 0), Some(vec!["", "a"]));
    assert_eq!(split("a.*b", ".*", 0), Some(vec!["a", "b"])); // literal, not a regex
    assert_eq!(split("a\u{1f31f}b", "\u{1f31f}", 0), Some(vec!["a", "b"]));
    assert_eq!(split("abc", "", 0), None);
}

#[test]
fn regex_subset_used_by_partition_tables() {
    let aws = Regex::new(r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$").unwrap();
    assert!(aws.is_match("us-east-1"));
    assert!(aws.is_match("mx-central-1"));
    assert!(!aws.is_match("eu-isoe-west-1")); // `\w` excludes `-`, so `isoe-west` is no word
    assert!(!aws.is_match("cn-north-1"));
    assert!(!aws.is_match("us-east-1x"));
    assert!(!aws.is_match("xus-east-1"));
    assert!(!aws.is_match("us--1"));
    assert!(!aws.is_match("us-east-"));
    let eusc = Regex::new(r"^eusc\-(de)\-\w+\-\d+$").unwrap();
    assert!(eusc.is_match("eusc-de-east-1"));
    assert!(!eusc.is_match("eusc-fr-east-1"));
}

#[test]
fn regex_general_features_and_search_semantics() {
    let r = Regex::new(r"[a-c]+x?\.(?:d|e){2,3}").unwrap();
    assert!(r.is_match("zzabcx.dez"));
    assert!(r.is_match("a.dd"));
    assert!(!r.is_match("a.d"));
    assert!(Regex::new("b").unwrap().is_match("abc")); // unanchored search
    assert!(Regex::new("^$").unwrap().is_match(""));
    assert!(Regex::new("[^0-9]").unwrap().is_match("1a"));
    assert!(!Regex::new("[^0-9]").unwrap().is_match("123"));
    assert!(Regex::new(r"^\s*$").unwrap().is_match(" \t"));
    assert!(Regex::new("a|").unwrap().is_match("zzz")); // empty branch matches
}

#[test]
fn regex_rejects_unsupported_syntax_and_stays_linear() {
    for bad in [
        "(", "a)", "[a-", r"\1", "a**", "a+?", "*a", "(?=a)", r"\", "a{2,1}", "a{5000}",
    ] {
        assert!(Regex::new(bad).is_err(), "{bad}");
    }
    // Catastrophic for a backtracking engine; instant for the NFA simulation.
    let evil = Regex::new("^(a+)+$").unwrap();
    assert!(!evil.is_match(&format!("{}b", "a".repeat(5000))));
    // Repetition that would expand past the program cap is refused, not built.
    assert_eq!(
        Regex::new("(a{1000}){1000}").unwrap_err().reason,
        "pattern too large"
    );
    let nested = Regex::new(&format!("{}a{}", "(".repeat(64), ")".repeat(64))).unwrap();
    assert!(nested.is_match("a"));
    assert!(Regex::new(&format!("{}a{}", "(".repeat(65), ")".repeat(65))).is_err());
}
