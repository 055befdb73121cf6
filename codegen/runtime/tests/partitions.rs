//! `models/partitions.json` (our transcription of the table) and the `aws.partition` lookup.

use std::path::{Path, PathBuf};

use runtime::endpoint::Partitions;
use runtime::json::{self, Value};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn our_table() -> String {
    std::fs::read_to_string(repo_root().join("models/partitions.json"))
        .expect("models/partitions.json")
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn our_partitions_json_equals_the_shared_table() {
    let shared = repo_root().join("../shared/aws-models/partitions.json");
    let theirs = std::fs::read(&shared).unwrap_or_else(|e| panic!("{}: {e}", shared.display()));
    let ours = json::parse(our_table().as_bytes()).unwrap();
    assert_eq!(
        ours,
        json::parse(&theirs).unwrap(),
        "models/partitions.json differs from {}",
        shared.display()
    );
}

fn name_of(table: &Partitions, region: &str) -> Option<String> {
    table
        .lookup(region)
        .map(|o| o.get("name").and_then(Value::as_str).unwrap().to_owned())
}

#[test]
fn lookup_by_exact_region_then_regex_then_aws() {
    let table = Partitions::parse(&our_table()).unwrap();
    assert_eq!(
        table.ids().collect::<Vec<_>>(),
        [
            "aws",
            "aws-cn",
            "aws-eusc",
            "aws-iso",
            "aws-iso-b",
            "aws-iso-e",
            "aws-iso-f",
            "aws-us-gov"
        ]
    );
    for (region, partition) in [
        ("us-east-1", "aws"),
        ("aws-global", "aws"),
        ("ap-east-2", "aws"),
        ("cn-north-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"),
        ("eu-isoe-west-1", "aws-iso-e"),
        ("us-isof-south-1", "aws-iso-f"),
        ("eusc-de-east-1", "aws-eusc"),
        // Not listed, but matched by a regionRegex.
        ("us-west-9", "aws"),
        ("cn-south-7", "aws-cn"),
        ("us-gov-central-4", "aws-us-gov"),
        ("us-iso-north-3", "aws-iso"),
        ("eusc-de-west-2", "aws-eusc"),
        // Matched by nothing: the `aws` partition, as Java and smithy-rs do.
        ("xx-foo-1", "aws"),
        ("local", "aws"),
        ("", "aws"),
    ] {
        assert_eq!(
            name_of(&table, region).as_deref(),
            Some(partition),
            "{region}"
        );
    }
    let iso = table.lookup("us-iso-east-1").unwrap();
    assert_eq!(
        iso.get("dnsSuffix").and_then(Value::as_str),
        Some("c2s.ic.gov")
    );
    assert_eq!(
        iso.get("supportsDualStack").and_then(Value::as_bool),
        Some(true)
    );
}

const TABLE: &str = r#"{"version": "1.1", "partitions": [
  {"id": "other", "regionRegex": "^zz\\-\\w+\\-\\d+$",
   "regions": {"zz-special-1": {"description": "x", "dnsSuffix": "special.example", "supportsFIPS": false}},
   "outputs": {"name": "other", "dnsSuffix": "other.example", "dualStackDnsSuffix": "ds.other.example",
               "supportsFIPS": true, "supportsDualStack": false}}]}"#;

#[test]
fn region_entries_override_outputs() {
    let table = Partitions::parse(TABLE).unwrap();
    let special = table.lookup("zz-special-1").unwrap();
    assert_eq!(
        special.get("dnsSuffix").and_then(Value::as_str),
        Some("special.example")
    );
    assert_eq!(
        special.get("supportsFIPS").and_then(Value::as_bool),
        Some(false)
    );
    assert_eq!(special.get("name").and_then(Value::as_str), Some("other"));
    assert_eq!(special.get("description"), None);
    let plain = table.lookup("zz-plain-2").unwrap();
    assert_eq!(
        plain.get("dnsSuffix").and_then(Value::as_str),
        Some("other.example")
    );
    // No `aws` partition to fall back to: nothing.
    assert!(table.lookup("us-east-1").is_none());
}

#[test]
fn malformed_tables_name_the_field() {
    let err = |text: &str| Partitions::parse(text).unwrap_err().to_string();
    assert_eq!(
        err("[]"),
        "invalid partitions table at partitions: expected an array"
    );
    assert_eq!(
        err("{"),
        "invalid partitions table at $: unexpected end of input at byte 1"
    );
    let no_suffix = TABLE.replace(r#""dnsSuffix": "other.example", "#, "");
    assert_eq!(
        err(&no_suffix),
        "invalid partitions table at partitions[0].outputs.dnsSuffix: expected a string"
    );
    let bad_regex = TABLE.replace(r#"^zz\\-\\w+\\-\\d+$"#, "(zz");
    assert_eq!(err(&bad_regex), "invalid partitions table at partitions[0].regionRegex: invalid regex `(zz`: unclosed group");
    let bad_bool = TABLE.replace(
        r#""supportsDualStack": false"#,
        r#""supportsDualStack": "no""#,
    );
    assert_eq!(
        err(&bad_bool),
        "invalid partitions table at partitions[0].outputs.supportsDualStack: expected a boolean"
    );
}
