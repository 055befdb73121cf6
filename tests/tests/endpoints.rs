//! The generated client configuration resolves each service's endpoint from its model's rule
//! set (rules-engine/specification.rst): expectations written by hand from the rule sets'
//! documented behaviour.

use aws_lite::config::{Config, EndpointError};
use aws_lite::endpoint::{Partitions, ResolveError};
use aws_lite::{athena, emr, mpa};
use std::sync::Arc;

fn url(result: Result<Arc<aws_lite::endpoint::Endpoint>, EndpointError>) -> String {
    result.unwrap_or_else(|e| panic!("{e}")).url.clone()
}

fn rule_error(result: Result<Arc<aws_lite::endpoint::Endpoint>, EndpointError>) -> String {
    match result {
        Err(EndpointError::Resolve(ResolveError::Rule(message))) => message,
        other => panic!("expected an error rule, got {other:?}"),
    }
}

#[test]
fn regional_endpoints() {
    let config = Config::builder().region("us-east-1").build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&config)), "https://athena.us-east-1.amazonaws.com");
    assert_eq!(url(emr::endpoint::resolve_endpoint(&config)), "https://elasticmapreduce.us-east-1.amazonaws.com");
    assert_eq!(url(mpa::endpoint::resolve_endpoint(&config)), "https://mpa.us-east-1.api.aws");
    let china = Config::builder().region("cn-north-1").build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&china)), "https://athena.cn-north-1.amazonaws.com.cn");
    // An unknown region still resolves, in the `aws` partition.
    let future = Config::builder().region("xx-future-9").build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&future)), "https://athena.xx-future-9.amazonaws.com");
}

#[test]
fn fips_and_dual_stack() {
    let fips = Config::builder().region("us-east-1").use_fips(true).build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&fips)), "https://athena-fips.us-east-1.amazonaws.com");
    assert_eq!(url(mpa::endpoint::resolve_endpoint(&fips)), "https://mpa-fips.us-east-1.api.aws");
    let gov = Config::builder().region("us-gov-west-1").use_fips(true).build();
    assert_eq!(url(emr::endpoint::resolve_endpoint(&gov)), "https://elasticmapreduce.us-gov-west-1.amazonaws.com");
    let dual = Config::builder().region("eu-west-1").use_dual_stack(true).build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&dual)), "https://athena.eu-west-1.api.aws");
    let both = Config::builder().region("eu-west-1").use_dual_stack(true).use_fips(true).build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&both)), "https://athena-fips.eu-west-1.api.aws");
}

#[test]
fn endpoint_override() {
    let custom = Config::builder().region("us-east-1").endpoint_url("http://127.0.0.1:8080/base").build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&custom)), "http://127.0.0.1:8080/base");
    assert_eq!(url(mpa::endpoint::resolve_endpoint(&custom)), "http://127.0.0.1:8080/base");
    let with_fips = Config::builder().endpoint_url("https://example.com").use_fips(true).build();
    assert_eq!(
        rule_error(athena::endpoint::resolve_endpoint(&with_fips)),
        "Invalid Configuration: FIPS and custom endpoint are not supported"
    );
}

#[test]
fn missing_and_invalid_regions() {
    let none = Config::builder().build();
    assert_eq!(rule_error(athena::endpoint::resolve_endpoint(&none)), "Invalid Configuration: Missing Region");
    let evil = Config::builder().region("x/evil").build();
    assert_eq!(athena::endpoint::resolve_endpoint(&evil).unwrap_err(), EndpointError::InvalidRegion("x/evil".into()));
}

#[test]
fn a_user_supplied_partitions_table() {
    // A table whose `aws` partition lacks dual-stack: the rule set's own error message comes back.
    let table = r#"{"version":"1.1","partitions":[{"id":"aws","regionRegex":"^(us|eu)\\-\\w+\\-\\d+$","regions":{},
      "outputs":{"name":"aws","dnsSuffix":"example.net","dualStackDnsSuffix":"example.org",
                 "supportsFIPS":false,"supportsDualStack":false,"implicitGlobalRegion":"us-east-1"}}]}"#;
    let partitions = Partitions::parse(table).unwrap();
    let config = Config::builder().region("us-east-1").partitions(partitions.clone()).build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&config)), "https://athena.us-east-1.example.net");
    let dual = Config::builder().region("us-east-1").use_dual_stack(true).partitions(partitions).build();
    assert_eq!(
        rule_error(athena::endpoint::resolve_endpoint(&dual)),
        "DualStack is enabled but this partition does not support DualStack"
    );
}

/// Every `endpointTests` case of the three models whose parameters are the configuration's
/// built-ins (`Region`, `UseFIPS`, `UseDualStack`, `Endpoint`: all of theirs), resolved by the
/// generated crate from its `static` rule sets and partitions table: the generator wrote the
/// rules as data the models' own expectations still hold for.
#[test]
fn static_rule_sets_pass_the_models_endpoint_tests() {
    use endpoint_cases::Expect;
    use runtime::endpoint::ParamValue;
    type Resolve = fn(&Config) -> Result<Arc<aws_lite::endpoint::Endpoint>, EndpointError>;
    let services: [(&str, Resolve, usize); 3] = [
        ("athena", athena::endpoint::resolve_endpoint, 47),
        ("emr", emr::endpoint::resolve_endpoint, 50),
        ("mpa", mpa::endpoint::resolve_endpoint, 9),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (model, resolve, expected_cases) in services {
        let text = std::fs::read_to_string(root.join(format!("models/{model}.json"))).unwrap();
        let tests = endpoint_cases::load_model(model, &text).unwrap();
        let cases: Vec<_> = tests.iter().flat_map(|s| s.cases.iter().map(move |c| (s, c))).collect();
        assert_eq!(cases.len(), expected_cases, "{model}");
        for (service, case) in cases {
            let label = endpoint_cases::case_label(service, case);
            let spec = case.spec.as_ref().unwrap_or_else(|e| panic!("{label}: {e}"));
            let mut builder = Config::builder();
            for (name, value) in spec.params.iter() {
                builder = match (name, value) {
                    ("Region", ParamValue::String(region)) => builder.region(region),
                    ("UseFIPS", ParamValue::Bool(on)) => builder.use_fips(*on),
                    ("UseDualStack", ParamValue::Bool(on)) => builder.use_dual_stack(*on),
                    ("Endpoint", ParamValue::String(url)) => builder.endpoint_url(url),
                    other => panic!("{label}: a parameter the configuration cannot set: {other:?}"),
                };
            }
            let got = resolve(&builder.build());
            match (&spec.expect, &got) {
                (Expect::Endpoint { url, headers, properties }, Ok(endpoint)) => {
                    assert_eq!(&endpoint.url, url, "{label}");
                    assert!(endpoint.headers.is_empty() && *headers == runtime::json::parse(b"{}").unwrap(), "{label}");
                    // The generated crate's JSON type is its own copy of the runtime's: compare as text.
                    let ours = aws_lite::runtime::json::Value::Object(endpoint.properties.clone()).to_string();
                    assert_eq!(runtime::json::parse(ours.as_bytes()).unwrap(), *properties, "{label}");
                }
                (Expect::Error(message), Err(EndpointError::Resolve(ResolveError::Rule(got)))) => {
                    assert_eq!(got, message, "{label}")
                }
                (expect, got) => panic!("{label}: expected {expect:?}, got {got:?}"),
            }
        }
    }
}

/// Each configuration resolves an endpoint once per service and keeps it; a configuration built
/// with other settings resolves its own, even from a clone of the same builder.
#[test]
fn resolution_is_kept_per_configuration() {
    let builder = Config::builder().region("us-east-1");
    let east = builder.clone().build();
    let west = builder.clone().region("us-west-2").build();
    for _ in 0..3 {
        assert_eq!(url(athena::endpoint::resolve_endpoint(&east)), "https://athena.us-east-1.amazonaws.com");
        assert_eq!(url(emr::endpoint::resolve_endpoint(&east)), "https://elasticmapreduce.us-east-1.amazonaws.com");
        assert_eq!(url(athena::endpoint::resolve_endpoint(&west)), "https://athena.us-west-2.amazonaws.com");
        assert_eq!(url(athena::endpoint::resolve_endpoint(&east.clone())), "https://athena.us-east-1.amazonaws.com");
    }
    let fips = builder.use_fips(true).build();
    assert_eq!(url(athena::endpoint::resolve_endpoint(&fips)), "https://athena-fips.us-east-1.amazonaws.com");
    assert_eq!(url(athena::endpoint::resolve_endpoint(&east)), "https://athena.us-east-1.amazonaws.com");
}
