//! The generated client configuration resolves each service's endpoint from its model's rule
//! set (rules-engine/specification.rst): expectations written by hand from the rule sets'
//! documented behaviour.

use aws_lite::config::{Config, EndpointError};
use aws_lite::endpoint::{Partitions, ResolveError};
use aws_lite::{athena, emr, mpa};

fn url(result: Result<aws_lite::endpoint::Endpoint, EndpointError>) -> String {
    result.unwrap_or_else(|e| panic!("{e}")).url
}

fn rule_error(result: Result<aws_lite::endpoint::Endpoint, EndpointError>) -> String {
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
