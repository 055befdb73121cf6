//! Hand-written rule sets exercising the language: templates, headers, properties, parameters,
//! scoping, trees, the 1.1 functions, and clear errors for bad rule sets.

use std::path::Path;

use runtime::endpoint::{
    Endpoint, ParamType, ParamValue, Params, Partitions, ResolveError, RuleSet,
};
use runtime::json::{self, Value};

fn partitions() -> Partitions {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/partitions.json");
    Partitions::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A rule set with the given parameters and rules (both JSON text).
fn rules(parameters: &str, rules: &str) -> RuleSet {
    let text = format!(r#"{{"version": "1.1", "parameters": {parameters}, "rules": {rules}}}"#);
    RuleSet::parse(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn resolve(rs: &RuleSet, params: Params) -> Result<Endpoint, ResolveError> {
    rs.resolve(&params, &partitions())
}

fn url(rs: &RuleSet, params: Params) -> String {
    resolve(rs, params).unwrap_or_else(|e| panic!("{e}")).url
}

fn parse_error(text: &str) -> String {
    RuleSet::parse(text).unwrap_err().to_string()
}

const REGION: &str = r#"{"Region": {"type": "string", "builtIn": "AWS::Region"}}"#;

#[test]
fn templates_expand_variables_attributes_and_escaped_braces() {
    let rs = rules(
        REGION,
        r#"[{"type": "endpoint",
             "conditions": [{"fn": "aws.partition", "argv": ["{Region}"], "assign": "P"}],
             "endpoint": {"url": "https://{{lit}}.{Region}.{P#dnsSuffix}/}}{{x}}/{P#name}"}}]"#,
    );
    assert_eq!(
        url(&rs, Params::new().with("Region", "eu-west-1")),
        "https://{lit}.eu-west-1.amazonaws.com/}{x}/aws"
    );
    assert_eq!(
        url(&rs, Params::new().with("Region", "cn-north-1")),
        "https://{lit}.cn-north-1.amazonaws.com.cn/}{x}/aws-cn"
    );
}

#[test]
fn headers_and_properties_are_expanded_recursively() {
    let rs = rules(
        REGION,
        r#"[{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
             "endpoint": {
               "url": {"ref": "Region"},
               "headers": {"x-amz-region": ["{Region}", "static"],
                           "x-encoded": [{"fn": "uriEncode", "argv": ["a b/{Region}"]}]},
               "properties": {
                 "authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}",
                                  "disableDoubleEncoding": true}],
                 "nested": {"list": [1, "{{{Region}}}", [false]]}}}}]"#,
    );
    let ep = resolve(&rs, Params::new().with("Region", "us-west-2")).unwrap();
    assert_eq!(ep.url, "us-west-2");
    assert_eq!(
        ep.headers,
        vec![
            (
                "x-amz-region".to_owned(),
                vec!["us-west-2".to_owned(), "static".to_owned()]
            ),
            ("x-encoded".to_owned(), vec!["a%20b%2Fus-west-2".to_owned()]),
        ]
    );
    assert_eq!(
        ep.header("X-Amz-Region"),
        Some(&["us-west-2".to_owned(), "static".to_owned()][..])
    );
    let expected = json::parse(
        br#"{"authSchemes": [{"signingRegion": "us-west-2", "name": "sigv4", "signingName": "svc",
                              "disableDoubleEncoding": true}],
             "nested": {"list": [1, "{us-west-2}", [false]]}}"#,
    )
    .unwrap();
    assert_eq!(Value::Object(ep.properties.clone()), expected);
    assert_eq!(
        ep.auth_schemes()[0]
            .get("signingRegion")
            .and_then(Value::as_str),
        Some("us-west-2")
    );
}

#[test]
fn parameter_defaults_required_types_and_builtins() {
    let rs = rules(
        r#"{"Region": {"type": "String", "builtIn": "AWS::Region", "required": false, "documentation": "d"},
            "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
            "Bucket": {"type": "STRING", "required": true},
            "Old": {"type": "string", "deprecated": {"message": "gone"}}}"#,
        r#"[{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
             "endpoint": {"url": "https://fips.{Bucket}"}},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Bucket}"}}]"#,
    );
    let p = rs.parameter("UseFIPS").unwrap();
    assert_eq!(
        (p.ty(), p.built_in(), p.required(), p.default()),
        (
            ParamType::Boolean,
            Some("AWS::UseFIPS"),
            true,
            Some(ParamValue::Bool(false))
        )
    );
    assert_eq!(rs.parameter("Region").unwrap().documentation(), Some("d"));
    assert!(rs.parameter("Old").unwrap().deprecated());
    assert_eq!(
        rs.parameters().iter().map(|p| p.name()).collect::<Vec<_>>(),
        ["Region", "UseFIPS", "Bucket", "Old"]
    );
    assert_eq!(rs.version(), "1.1");

    // The default applies; undeclared names are ignored.
    assert_eq!(
        url(&rs, Params::new().with("Bucket", "b").with("Unknown", true)),
        "https://b"
    );
    assert_eq!(
        url(&rs, Params::new().with("Bucket", "b").with("UseFIPS", true)),
        "https://fips.b"
    );
    // A required parameter without a value fails before any rule runs.
    assert_eq!(
        resolve(&rs, Params::new()),
        Err(ResolveError::MissingParameter("Bucket".into()))
    );
    assert_eq!(
        resolve(
            &rs,
            Params::new().with("Bucket", "b").with("UseFIPS", "yes")
        ),
        Err(ResolveError::InvalidParameter {
            name: "UseFIPS".into(),
            expected: ParamType::Boolean
        })
    );
    assert_eq!(
        resolve(&rs, Params::new()).unwrap_err().to_string(),
        "missing required endpoint parameter `Bucket`"
    );
}

#[test]
fn string_array_parameters_and_indexes() {
    let rs = rules(
        r#"{"Items": {"type": "stringArray", "required": true, "default": ["first", "second", "third"]}}"#,
        r#"[{"type": "endpoint",
             "conditions": [
               {"fn": "getAttr", "argv": [{"ref": "Items"}, "[0]"], "assign": "head"},
               {"fn": "getAttr", "argv": [{"ref": "Items"}, "[-1]"], "assign": "last"},
               {"fn": "coalesce", "argv": [{"fn": "getAttr", "argv": [{"ref": "Items"}, "[5]"]}, "none"], "assign": "sixth"}],
             "endpoint": {"url": "https://{head}.{last}.{sixth}"}},
            {"type": "error", "conditions": [], "error": "empty list"}]"#,
    );
    assert_eq!(url(&rs, Params::new()), "https://first.third.none");
    let custom = Params::new().with("Items", &["a", "b", "c", "d", "e", "f"][..]);
    assert_eq!(url(&rs, custom), "https://a.f.f");
    let empty = Params::new().with("Items", Vec::<String>::new());
    assert_eq!(
        resolve(&rs, empty),
        Err(ResolveError::Rule("empty list".into()))
    );
}

#[test]
fn an_exhausted_tree_is_terminal() {
    let rs = rules(
        REGION,
        r#"[{"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
             "rules": [{"type": "endpoint",
                        "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "special"]}],
                        "endpoint": {"url": "https://special"}}]},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://fallback"}}]"#,
    );
    assert_eq!(
        url(&rs, Params::new().with("Region", "special")),
        "https://special"
    );
    // The tree applied but none of its rules did: no fallback to the sibling.
    assert_eq!(
        resolve(&rs, Params::new().with("Region", "other")),
        Err(ResolveError::NoMatch {
            path: "rules[0]".into()
        })
    );
    // The tree did not apply: the sibling is used.
    assert_eq!(url(&rs, Params::new()), "https://fallback");
}

#[test]
fn running_off_the_top_level_is_an_error_and_empty_trees_always_apply() {
    let rs = rules(
        REGION,
        r#"[{"type": "tree", "conditions": [],
             "rules": [{"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
                        "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region}"}}]}]}]"#,
    );
    assert_eq!(url(&rs, Params::new().with("Region", "r")), "https://r");
    assert_eq!(
        resolve(&rs, Params::new()),
        Err(ResolveError::NoMatch {
            path: "rules[0]".into()
        })
    );
    let none = rules(
        REGION,
        r#"[{"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "error": "x"}]"#,
    );
    let err = resolve(&none, Params::new()).unwrap_err();
    assert_eq!(
        err,
        ResolveError::NoMatch {
            path: "rules".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "no endpoint rule matched (rules exhausted at rules)"
    );
}

#[test]
fn error_rules_expand_templates() {
    let rs = rules(
        REGION,
        r#"[{"type": "error", "conditions": [{"fn": "not", "argv": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]}]}],
             "error": "Invalid region `{Region}`: {{not a label}}"},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region}"}}]"#,
    );
    let err = resolve(&rs, Params::new().with("Region", "a/b")).unwrap_err();
    assert_eq!(
        err,
        ResolveError::Rule("Invalid region `a/b`: {not a label}".into())
    );
    assert_eq!(err.to_string(), "Invalid region `a/b`: {not a label}");
    assert_eq!(url(&rs, Params::new().with("Region", "ok")), "https://ok");
}

#[test]
fn assigned_variables_flow_to_later_conditions_and_descendants() {
    let rs = rules(
        r#"{"Endpoint": {"type": "string"}}"#,
        r#"[{"type": "tree",
             "conditions": [{"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"},
                            {"fn": "getAttr", "argv": [{"ref": "url"}, "authority"], "assign": "host"}],
             "rules": [{"type": "endpoint",
                        "conditions": [{"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "url"}, "isIp"]}, true]}],
                        "endpoint": {"url": "{url#scheme}://{host}{url#normalizedPath}ip"}},
                       {"type": "endpoint", "conditions": [],
                        "endpoint": {"url": "{url#scheme}://{host}{url#path}"}}]},
            {"type": "error", "conditions": [], "error": "invalid endpoint"}]"#,
    );
    assert_eq!(
        url(&rs, Params::new().with("Endpoint", "http://10.0.0.1:81")),
        "http://10.0.0.1:81/ip"
    );
    assert_eq!(
        url(
            &rs,
            Params::new().with("Endpoint", "https://beta.example.com")
        ),
        "https://beta.example.com"
    );
    assert_eq!(
        url(
            &rs,
            Params::new().with("Endpoint", "https://h.example.com/base")
        ),
        "https://h.example.com/base"
    );
    assert_eq!(
        resolve(&rs, Params::new().with("Endpoint", "https://h?q=1")),
        Err(ResolveError::Rule("invalid endpoint".into()))
    );
}

#[test]
fn partition_and_arn_functions() {
    let rs = rules(
        r#"{"Arn": {"type": "string", "required": true}, "UseDualStack": {"type": "boolean", "required": true, "default": false}}"#,
        r#"[{"type": "tree",
             "conditions": [{"fn": "aws.parseArn", "argv": [{"ref": "Arn"}], "assign": "arn"},
                            {"fn": "getAttr", "argv": [{"ref": "arn"}, "region"], "assign": "region"},
                            {"fn": "aws.partition", "argv": [{"ref": "region"}], "assign": "p"}],
             "rules": [
               {"type": "endpoint",
                "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseDualStack"}, true]},
                               {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "p"}, "supportsDualStack"]}, true]}],
                "endpoint": {"url": "https://{arn#accountId}.{arn#resourceId[1]}.{region}.{p#dualStackDnsSuffix}"}},
               {"type": "error", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseDualStack"}, true]}],
                "error": "no dual-stack in {p#name}"},
               {"type": "endpoint", "conditions": [],
                "endpoint": {"url": "https://{arn#service}.{region}.{p#dnsSuffix}"}}]},
            {"type": "error", "conditions": [], "error": "bad arn"}]"#,
    );
    let arn = "arn:aws:dynamodb:us-east-1:222222222222:table/orders";
    assert_eq!(
        url(&rs, Params::new().with("Arn", arn)),
        "https://dynamodb.us-east-1.amazonaws.com"
    );
    assert_eq!(
        url(
            &rs,
            Params::new().with("Arn", arn).with("UseDualStack", true)
        ),
        "https://222222222222.orders.us-east-1.api.aws"
    );
    let cn = "arn:aws-cn:dynamodb:cn-north-1:1:table/t";
    assert_eq!(
        url(&rs, Params::new().with("Arn", cn)),
        "https://dynamodb.cn-north-1.amazonaws.com.cn"
    );
    assert_eq!(
        resolve(&rs, Params::new().with("Arn", "arn:aws:dynamodb")),
        Err(ResolveError::Rule("bad arn".into()))
    );
    // An empty region still resolves through the `aws` fallback.
    assert_eq!(
        url(&rs, Params::new().with("Arn", "arn:aws:s3:::bucket")),
        "https://s3..amazonaws.com"
    );
}

#[test]
fn functions_of_rules_engine_1_1() {
    let rs = rules(
        r#"{"Input": {"type": "string", "required": true}, "Flag": {"type": "boolean"}}"#,
        r#"[{"type": "endpoint",
             "conditions": [
               {"fn": "split", "argv": ["{Input}", "--", 0], "assign": "parts"},
               {"fn": "coalesce", "argv": [{"fn": "getAttr", "argv": [{"ref": "parts"}, "[1]"]}, "<none>"], "assign": "second"},
               {"fn": "ite", "argv": [{"fn": "coalesce", "argv": [{"ref": "Flag"}, false]}, "-on", "-off"], "assign": "suffix"},
               {"fn": "coalesce", "argv": [{"fn": "substring", "argv": [{"ref": "Input"}, 0, 3, true]}, "short"], "assign": "tail"}],
             "endpoint": {"url": "https://{second}{suffix}.{tail}"}}]"#,
    );
    assert_eq!(
        url(&rs, Params::new().with("Input", "a--b--c")),
        "https://b-off.--c"
    );
    assert_eq!(
        url(&rs, Params::new().with("Input", "ab").with("Flag", true)),
        "https://<none>-on.short"
    );
    assert_eq!(
        url(
            &rs,
            Params::new()
                .with("Input", "x--y\u{e9}")
                .with("Flag", false)
        ),
        "https://y\u{e9}-off.short"
    );
}

#[test]
fn misuse_at_run_time_is_an_error_naming_the_condition() {
    let rs = rules(
        r#"{"Region": {"type": "string"}, "Flag": {"type": "boolean"}}"#,
        r#"[{"type": "tree", "conditions": [],
             "rules": [{"type": "endpoint",
                        "conditions": [{"fn": "isSet", "argv": [{"ref": "Flag"}]},
                                       {"fn": "booleanEquals", "argv": [{"ref": "Region"}, true]}],
                        "endpoint": {"url": "https://x"}},
                       {"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "a"]}],
                        "endpoint": {"url": "https://a"}}]}]"#,
    );
    assert_eq!(
        resolve(&rs, Params::new().with("Flag", true).with("Region", "r")),
        Err(ResolveError::Invalid {
            path: "rules[0].rules[0].conditions[1]".into(),
            message: "argument 1 of `booleanEquals` must be a boolean, got string".into()
        })
    );
    let unset = resolve(&rs, Params::new()).unwrap_err();
    assert_eq!(
        unset.to_string(),
        "endpoint rule set error at rules[0].rules[1].conditions[0]: argument 1 of `stringEquals` is unset (guard it with `isSet`)"
    );
}

#[test]
fn one_rule_set_resolves_many_times() {
    let rs = rules(
        REGION,
        r#"[{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region}.x"}}]"#,
    );
    let p = partitions();
    for region in ["a", "b", "c"] {
        assert_eq!(
            rs.resolve(&Params::new().with("Region", region), &p)
                .unwrap()
                .url,
            format!("https://{region}.x")
        );
    }
    let mut params = Params::new();
    params.set("Region", "one").set("Region", "two");
    assert_eq!(
        params.get("Region"),
        Some(&ParamValue::String("two".into()))
    );
    assert_eq!(
        params.remove("Region"),
        Some(ParamValue::String("two".into()))
    );
    assert_eq!(params.iter().count(), 0);
}

const HEADER: &str =
    r#"{"version": "1.0", "parameters": {"Region": {"type": "string"}}, "rules": "#;

#[test]
fn malformed_rule_sets_name_the_rule() {
    let nested = |condition: &str| {
        format!(
            r#"{HEADER}[{{"type": "error", "conditions": [], "error": "e"}},
                       {{"type": "tree", "conditions": [], "rules": [
                          {{"type": "endpoint",
                            "conditions": [{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}}, {condition}],
                            "endpoint": {{"url": "https://x"}}}}]}}]}}"#
        )
    };
    let at = "invalid endpoint rule set at rules[1].rules[0].conditions[1]";
    assert_eq!(
        parse_error(&nested(r#"{"fn": "frobnicate", "argv": []}"#)),
        format!("{at}: unknown function `frobnicate`")
    );
    assert_eq!(
        parse_error(&nested(r#"{"fn": "stringEquals", "argv": ["a"]}"#)),
        format!("{at}: `stringEquals` takes 2 arguments, got 1")
    );
    assert_eq!(
        parse_error(&nested(r#"{"fn": "coalesce", "argv": ["a"]}"#)),
        format!("{at}: `coalesce` takes at least 2 arguments, got 1")
    );
    assert_eq!(
        parse_error(&nested(r#"{"fn": "isSet", "argv": [{"ref": "Nope"}]}"#)),
        format!("{at}.argv[0]: unknown reference `Nope`")
    );
    assert_eq!(
        parse_error(&nested(
            r#"{"fn": "isSet", "argv": [{"ref": "Region"}], "assign": "Region"}"#
        )),
        format!("{at}: `assign` would shadow `Region`, which is already in scope")
    );
    assert_eq!(
        parse_error(&nested(
            r#"{"fn": "getAttr", "argv": [{"ref": "Region"}, "a[x]"]}"#
        )),
        format!("{at}.argv[1]: invalid getAttr path `a[x]`: `x` is not an index")
    );
    assert_eq!(
        parse_error(&nested(
            r#"{"fn": "getAttr", "argv": [{"ref": "Region"}, {"ref": "Region"}]}"#
        )),
        format!("{at}.argv[1]: getAttr path must be a string literal")
    );
    assert_eq!(
        parse_error(&nested(r#"{"fn": "isSet"}"#)),
        format!("{at}: `isSet` needs an `argv` array")
    );
    assert_eq!(
        parse_error(&nested("true")),
        format!("{at}: a condition must be a function call (`fn`)")
    );
    assert_eq!(
        parse_error(&nested(
            r#"{"fn": "stringEquals", "argv": ["{Region", "a"]}"#
        )),
        format!("{at}.argv[0]: unclosed `{{` in template `{{Region`")
    );
    assert_eq!(
        parse_error(&nested(r#"{"fn": "stringEquals", "argv": ["a}b", "a"]}"#)),
        format!("{at}.argv[0]: unmatched `}}` in template `a}}b`")
    );
    assert_eq!(
        parse_error(&nested(
            r#"{"fn": "stringEquals", "argv": ["{Later}", "a"]}"#
        )),
        format!("{at}.argv[0]: unknown reference `Later` in template `{{Later}}`")
    );
    assert_eq!(
        parse_error(&nested(
            r#"{"fn": "substring", "argv": ["a", 0.5, 1, false]}"#
        )),
        format!("{at}.argv[1]: numbers must be integers")
    );
}

#[test]
fn malformed_rules_and_parameters() {
    let one = |rule: &str| parse_error(&format!("{HEADER}[{rule}]}}"));
    assert_eq!(
        one(r#"{"type": "magic", "conditions": []}"#),
        "invalid endpoint rule set at rules[0]: unknown rule type `magic`"
    );
    assert_eq!(
        one(r#"{"type": "endpoint"}"#),
        "invalid endpoint rule set at rules[0].conditions: expected an array"
    );
    assert_eq!(
        one(r#"{"type": "endpoint", "conditions": [], "endpoint": {}}"#),
        "invalid endpoint rule set at rules[0].endpoint.url: missing"
    );
    assert_eq!(
        one(r#"{"type": "tree", "conditions": []}"#),
        "invalid endpoint rule set at rules[0].rules: expected an array"
    );
    assert_eq!(
        one(r#"{"type": "error", "conditions": []}"#),
        "invalid endpoint rule set at rules[0].error: missing"
    );
    assert_eq!(
        one(
            r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "u", "headers": {"h": "v"}}}"#
        ),
        "invalid endpoint rule set at rules[0].endpoint.headers.h: expected an array"
    );
    assert_eq!(
        one(r#"[]"#),
        "invalid endpoint rule set at rules[0]: expected a rule object"
    );
    // A variable assigned in one rule is out of scope in its sibling.
    let sibling = r#"{"type": "tree", "conditions": [{"fn": "aws.partition", "argv": ["x"], "assign": "P"}], "rules": []},
                     {"type": "endpoint", "conditions": [], "endpoint": {"url": "{P#name}"}}"#;
    assert_eq!(one(sibling), "invalid endpoint rule set at rules[1].endpoint.url: unknown reference `P` in template `{P#name}`");

    assert_eq!(
        parse_error("{"),
        "invalid endpoint rule set at $: unexpected end of input at byte 1"
    );
    assert_eq!(
        parse_error(r#"{"version": "2.0", "parameters": {}, "rules": []}"#),
        "invalid endpoint rule set at version: unsupported rule set version `2.0` (expected 1.x)"
    );
    assert_eq!(
        parse_error(r#"{"version": "1.0", "parameters": {"A": {"type": "int"}}, "rules": []}"#),
        "invalid endpoint rule set at parameters.A.type: unknown parameter type `int`"
    );
    assert_eq!(
        parse_error(
            r#"{"version": "1.0", "parameters": {"A": {"type": "boolean", "default": "no"}}, "rules": []}"#
        ),
        "invalid endpoint rule set at parameters.A.default: expected a boolean value"
    );
    assert_eq!(
        parse_error(r#"{"version": "1.0", "parameters": {}}"#),
        "invalid endpoint rule set at rules: expected an array"
    );
}

#[test]
fn upstream_style_rule_set_parses_from_a_json_value() {
    let doc = json::parse(br#"{"version": "1.0", "parameters": {}, "rules": [
        {"documentation": "d", "type": "endpoint", "conditions": [], "endpoint": {"url": "https://x", "properties": {}, "headers": {}}}]}"#)
    .unwrap();
    let rs = RuleSet::from_json(&doc).unwrap();
    assert_eq!(
        rs.resolve(&Params::new(), &partitions()).unwrap(),
        Endpoint::new("https://x")
    );
}

#[test]
fn parsed_tables_and_results_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<RuleSet>();
    shareable::<Partitions>();
    shareable::<Params>();
    shareable::<Endpoint>();
    shareable::<ResolveError>();
}

/// The parsed form is public so generated crates can write it as `static` data; data built by
/// hand that breaks what parsing guarantees (a slot out of range, a call short of arguments)
/// resolves to an error naming the rule, not a panic.
#[test]
fn hand_built_data_out_of_range_is_an_error() {
    use runtime::endpoint::ruleset::{
        Condition, EndpointSpec, Expr, Func, Literal, Parsed, Rule, RuleKind,
    };
    use std::borrow::Cow::Borrowed as B;
    let text = |t: &'static str| Expr::Literal(Literal::Text(B(t)));
    let url = text("https://example.com");
    let endpoint = || RuleKind::Endpoint(EndpointSpec { url: url.clone(), headers: B(&[]), properties: B(&[]) });
    let with_condition = |expr: Expr, assign: Option<usize>| {
        let rule = Rule { conditions: vec![Condition { expr, assign }].into(), kind: endpoint() };
        RuleSet(Parsed { version: B("1.0"), parameters: B(&[]), rules: vec![rule].into(), slots: 1 })
    };
    let invalid = |rs: RuleSet| match resolve(&rs, Params::new()) {
        Err(ResolveError::Invalid { path, message }) => format!("{path}: {message}"),
        other => panic!("expected an invalid rule set, got {other:?}"),
    };
    let missing_slot = with_condition(Expr::Call(Func::IsSet, vec![Expr::Ref(7)].into()), None);
    assert_eq!(invalid(missing_slot), "rules[0].conditions[0]: variable slot 7 is out of range");
    let short_call = with_condition(Expr::Call(Func::StringEquals, vec![text("a")].into()), None);
    assert_eq!(invalid(short_call), "rules[0].conditions[0]: `stringEquals` has no argument 2");
    let not_false = Expr::Call(Func::Not, vec![Expr::Literal(Literal::Bool(false))].into());
    let bad_assign = with_condition(not_false, Some(3));
    assert_eq!(invalid(bad_assign), "rules[0].conditions[0]: variable slot 3 is out of range");
}
