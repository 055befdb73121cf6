//! The compiled waiter paths against an independent JMESPath implementation (the `jmespath`
//! crate): crafted JSON responses are read by the generated response parser and given to a
//! waiter's acceptors, and the same JSON goes through the `jmespath` crate with the same paths,
//! the comparators of waiters.rst ("PathComparator enum") and the acceptor order of "Waiter
//! workflow". Both must pick the same acceptor, for:
//! - the fixture's waiters (`tests/fixtures/waiters.smithy`), one JMESPath expression each,
//!   beyond what the AWS models use: projections, flattening, filters, indexes, functions,
//!   comparisons, boolean operators, literals, unions, maps, sparse lists, `inputOutput`;
//! - every waiter of the upstream models (the checked-in `tests/upstream-waiters`), on responses
//!   made from their paths.

use codegen::plan::{PathComparator, WaiterMatcher, WaiterPlan, WaiterState};
use codegen::select::Operations;
use jmespath::ast::{Ast, KeyValuePair};
use jmespath::{Rcvar, Variable};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The `jmespath` crate's value of a JSON value, built by hand: this workspace's `serde_json`
/// keeps numbers as text (`arbitrary_precision`), which the crate's own JSON reader turns into
/// objects.
fn variable(value: &Value) -> Variable {
    match value {
        Value::Null => Variable::Null,
        Value::Bool(b) => Variable::Bool(*b),
        Value::Number(n) => Variable::Number(n.clone()),
        Value::String(s) => Variable::String(s.clone()),
        Value::Array(items) => Variable::Array(items.iter().map(|i| Rcvar::new(variable(i))).collect()),
        Value::Object(map) => Variable::Object(map.iter().map(|(k, v)| (k.clone(), Rcvar::new(variable(v)))).collect()),
    }
}

/// The same repair for the literals of a parsed expression (`` `0.5` `` reads as an object).
fn repair(ast: &mut Ast) {
    fn fix(v: &Variable) -> Variable {
        match v {
            Variable::Object(map) => match map.get("$serde_json::private::Number").and_then(|n| n.as_string().cloned()) {
                Some(text) if map.len() == 1 => Variable::Number(text.parse().expect("a number")),
                _ => Variable::Object(map.iter().map(|(k, v)| (k.clone(), Rcvar::new(fix(v)))).collect()),
            },
            Variable::Array(items) => Variable::Array(items.iter().map(|i| Rcvar::new(fix(i))).collect()),
            other => other.clone(),
        }
    }
    match ast {
        Ast::Literal { value, .. } => *value = Rcvar::new(fix(value)),
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => {
            repair(lhs);
            repair(rhs);
        }
        Ast::Condition { predicate, then, .. } => {
            repair(predicate);
            repair(then);
        }
        Ast::Expref { ast, .. } => repair(ast),
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } => repair(node),
        Ast::Function { args, .. } | Ast::MultiList { elements: args, .. } => args.iter_mut().for_each(repair),
        Ast::MultiHash { elements, .. } => elements.iter_mut().for_each(|KeyValuePair { value, .. }| repair(value)),
        Ast::Identity { .. } | Ast::Field { .. } | Ast::Index { .. } | Ast::Slice { .. } => {}
    }
}

/// Whether the path matches the data by the comparator, as the `jmespath` crate evaluates it
/// (an evaluation error matches nothing).
fn reference_matches(path: &str, data: &Value, comparator: &PathComparator) -> bool {
    let mut ast = jmespath::parse(path).unwrap_or_else(|e| panic!("`{path}` does not parse: {e}"));
    repair(&mut ast);
    // `interpret` with the value as built: `search` would serialize it again.
    let mut context = jmespath::Context::new(path, &jmespath::DEFAULT_RUNTIME);
    let Ok(result) = jmespath::interpret(&Rcvar::new(variable(data)), &ast, &mut context) else { return false };
    let is = |v: &Rcvar, expected: &str| v.as_string().is_some_and(|s| s == expected);
    match comparator {
        PathComparator::StringEquals(e) => is(&result, e),
        PathComparator::BooleanEquals(b) => result.as_boolean() == Some(*b),
        PathComparator::AllStringEquals(e) => result.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(|v| is(v, e))),
        PathComparator::AnyStringEquals(e) => result.as_array().is_some_and(|a| a.iter().any(|v| is(v, e))),
    }
}

/// A call's result as the reference sees it.
enum Outcome<'a> {
    Output(&'a Value),
    /// A service error, by code.
    Error(&'a str),
}

/// Which acceptor (by index) matches first, by the reference.
fn reference_acceptor(waiter: &WaiterPlan, input: &Value, outcome: &Outcome) -> Option<usize> {
    waiter.acceptors.iter().position(|a| match (&a.matcher, outcome) {
        (WaiterMatcher::Success(b), Outcome::Output(_)) => *b,
        (WaiterMatcher::Success(b), Outcome::Error(_)) => !*b,
        (WaiterMatcher::ErrorVariant { variant, .. }, Outcome::Error(code)) => variant == code,
        (WaiterMatcher::ErrorCode(expected), Outcome::Error(code)) => expected == code,
        (WaiterMatcher::Path(p), Outcome::Output(output)) => {
            let data = if p.input_output { json!({"input": input, "output": output}) } else { (*output).clone() };
            reference_matches(&p.path, &data, &p.comparator)
        }
        _ => false,
    })
}

fn state_name(state: WaiterState) -> String {
    format!("{state:?}")
}

/// The waiters of a manifest's only service.
fn planned_waiters(manifest: &codegen::manifest::Manifest) -> Vec<WaiterPlan> {
    let planned = codegen::plan(manifest).unwrap_or_else(|e| panic!("{e}"));
    planned.plan.services.iter().flat_map(|s| s.waiters.clone()).collect()
}

// ---------------------------------------------------------------------------------------------
// The fixture's waiters.

/// The input a waiter is given (its `inputOutput` paths read it).
struct Input {
    name: Option<&'static str>,
    groups: Option<Vec<&'static str>>,
}

impl Input {
    fn json(&self) -> Value {
        let mut input = serde_json::Map::new();
        if let Some(name) = self.name {
            input.insert("name".into(), json!(name));
        }
        if let Some(groups) = &self.groups {
            input.insert("groups".into(), json!(groups));
        }
        Value::Object(input)
    }
}

/// One function that gives a fixture waiter's state for a parsed `GetThing` output.
macro_rules! fixture_waiters {
    ($($name:ident => $method:ident),* $(,)?) => {
        fn fixture_state(name: &str, input: &Input, output: &fixtures::waitable::operation::get_thing::GetThingOutput) -> Option<String> {
            let client = fixtures::waitable::Client::new(&fixtures::config::Config::builder().build());
            let name_set = input.name.map(String::from);
            let groups = input.groups.as_ref().map(|g| g.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            let state = match name {
                $(stringify!($name) => client.$method().set_name(name_set).set_groups(groups).acceptor_state(Ok(output)),)*
                other => panic!("no waiter `{other}` in this test's list"),
            };
            state.map(|s| format!("{s:?}"))
        }
    };
}

fixture_waiters! {
    AllItemTagsBlue => wait_until_all_item_tags_blue,
    AllTagsWithE => wait_until_all_tags_with_e,
    BigItemTagRed => wait_until_big_item_tag_red,
    ChoiceItemNamedA => wait_until_choice_item_named_a,
    ChoiceText => wait_until_choice_text,
    ColorBlue => wait_until_color_blue,
    CountAboveFive => wait_until_count_above_five,
    CountIsSize => wait_until_count_is_size,
    CreatedAfter => wait_until_created_after,
    ExactTags => wait_until_exact_tags,
    FirstItemNamedA => wait_until_first_item_named_a,
    FirstNameByPipe => wait_until_first_name_by_pipe,
    GroupsAsTags => wait_until_groups_as_tags,
    HasBlueTag => wait_until_has_blue_tag,
    HasStatus => wait_until_has_status,
    InputGroupTagged => wait_until_input_group_tagged,
    ItemNameLengths => wait_until_item_name_lengths,
    ItemNamedB => wait_until_item_named_b,
    ItemsAllReady => wait_until_items_all_ready,
    ItemsAnyFailed => wait_until_items_any_failed,
    ItemsOrTagsBlue => wait_until_items_or_tags_blue,
    LastItemReady => wait_until_last_item_ready,
    LastTagBlue => wait_until_last_tag_blue,
    LevelTwo => wait_until_level_two,
    LongName => wait_until_long_name,
    MatrixHasX => wait_until_matrix_has_x,
    MatrixRowsWithX => wait_until_matrix_rows_with_x,
    NameHasThing => wait_until_name_has_thing,
    NestedFirstTagRed => wait_until_nested_first_tag_red,
    NoChoiceItem => wait_until_no_choice_item,
    NoName => wait_until_no_name,
    NotReady => wait_until_not_ready,
    NotReadyStatus => wait_until_not_ready_status,
    OneLargeItem => wait_until_one_large_item,
    OtherThanRed => wait_until_other_than_red,
    QuotedEscapedName => wait_until_quoted_escaped_name,
    RatioAtLeastCount => wait_until_ratio_at_least_count,
    ReadyItemNamedA => wait_until_ready_item_named_a,
    ReadyOrMany => wait_until_ready_or_many,
    SameName => wait_until_same_name,
    SixthItemNamedA => wait_until_sixth_item_named_a,
    SizedItemNamedA => wait_until_sized_item_named_a,
    SmallRatio => wait_until_small_ratio,
    SparseAllRed => wait_until_sparse_all_red,
    SparseAnyRed => wait_until_sparse_any_red,
    StatusOrName => wait_until_status_or_name,
    TwoBigItems => wait_until_two_big_items,
    TwoTags => wait_until_two_tags,
}

/// `GetThing` outputs (awsJson1_0 bodies) chosen so that every fixture waiter matches some and
/// not others.
fn fixture_outputs() -> Vec<Value> {
    vec![
        json!({}),
        json!({
            "status": "READY", "ready": true, "count": 7, "size": 7, "ratio": 0.25, "created": 1_700_000_001,
            "name": "thing", "tags": ["red", "blue"], "sparseTags": ["red", null, "red"],
            "items": [
                {"name": "a", "state": "READY", "size": 3, "tags": ["blue"]},
                {"name": "b", "state": "READY", "size": 5, "tags": ["blue", "blue"]}
            ],
            "matrix": [["x", "y"], ["z"]], "attributes": {"color": "blue"}, "choice": {"text": "hi"}, "level": 2,
            "nested": {"tags": ["red"]}
        }),
        json!({
            "status": "FAILED", "ready": false, "count": 2, "size": 12, "ratio": 0.75, "created": 1_600_000_000,
            "name": "it's", "tags": ["blue"], "sparseTags": ["red", "red"],
            "items": [
                {"name": "c", "state": "FAILED", "size": 1, "tags": ["red"]},
                {"name": "a", "state": "PENDING", "size": 2}
            ],
            "matrix": [["x"], []], "attributes": {"color": "red"}, "choice": {"item": {"name": "a"}}, "level": 1,
            "nested": {"tags": []}
        }),
        json!({
            "status": "PENDING", "count": 3, "size": 3, "tags": [], "items": [], "matrix": [], "attributes": {},
            "sparseTags": [], "choice": {"item": {"name": "b", "tags": ["blue"]}}, "nested": {}
        }),
        json!({
            "name": "thing-1", "ready": true, "tags": ["red", "blue", "green"], "sparseTags": [null, null],
            "items": [
                {"name": "a", "size": 0, "tags": ["red"]},
                {"name": "b", "size": 4, "tags": ["blue", "red"], "state": "READY"},
                {"state": "READY", "size": 9},
                {"name": "d", "size": 1, "tags": []},
                {"name": "e", "size": 1},
                {"name": "a", "size": 1}
            ],
            "matrix": [["y", "x"], ["x"]]
        }),
        json!({
            "ready": false, "count": 10, "size": 10, "ratio": 10.0, "name": "abcd", "tags": ["green"],
            "items": [{"name": "aa", "state": "READY", "size": 2, "tags": ["blue"]}, {"tags": ["blue"]}],
            "level": 2, "status": "READY"
        }),
        json!({"ratio": 0.5, "count": 0, "size": 0, "tags": ["red", "blue"], "name": "my thing", "status": "PENDING"}),
        json!({"items": [{"name": "a", "size": 5}, {"name": "bb", "size": 1, "state": "FAILED"}], "tags": ["blue", "red"]}),
    ]
}

#[test]
fn fixture_paths_agree_with_jmespath() {
    let waiters = planned_waiters(&tests::manifest_for(&[tests::fixture("waiters.smithy")], Operations::All));
    let inputs = [
        Input { name: Some("thing-1"), groups: Some(vec!["red", "blue"]) },
        Input { name: Some("thing"), groups: None },
        Input { name: None, groups: Some(vec!["green"]) },
    ];
    let outputs = fixture_outputs();
    let mut checked = 0;
    for waiter in waiters.iter().filter(|w| w.operation.name() == "GetThing") {
        let (mut matched, mut unmatched) = (0, 0);
        for input in &inputs {
            for output in &outputs {
                let parsed = fixtures::waitable::operation::get_thing::parse_response(
                    200,
                    &http::HeaderMap::new(),
                    output.to_string().as_bytes(),
                )
                .unwrap();
                let ours = fixture_state(&waiter.name, input, &parsed);
                let expected = reference_acceptor(waiter, &input.json(), &Outcome::Output(output)).map(|i| state_name(waiter.acceptors[i].state));
                let WaiterMatcher::Path(p) = &waiter.acceptors[0].matcher else { unreachable!("one path acceptor") };
                assert_eq!(ours, expected, "{}: `{}` on {output} with input {}", waiter.name, p.path, input.json());
                if expected.is_some() {
                    matched += 1;
                } else {
                    unmatched += 1;
                }
                checked += 1;
            }
        }
        assert!(matched > 0 && unmatched > 0, "{}: matched {matched}, unmatched {unmatched}: the outputs do not exercise it", waiter.name);
    }
    assert_eq!(checked, 48 * 3 * 8);
}

// ---------------------------------------------------------------------------------------------
// The upstream models' waiters.

/// A response: status, `x-amzn-errortype`, body.
struct Response {
    status: u16,
    error: Option<String>,
    body: String,
}

impl Response {
    fn output(body: &Value) -> Self {
        Response { status: 200, error: None, body: body.to_string() }
    }

    fn error(code: &str) -> Self {
        let body = json!({"__type": code, "message": "from the test"}).to_string();
        Response { status: 400, error: Some(code.to_string()), body }
    }

    fn headers(&self) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        if let Some(code) = &self.error {
            headers.insert("x-amzn-errortype", code.parse().unwrap());
        }
        headers
    }
}

/// For each operation of the upstream crate: a function from a waiter's name and a response
/// to the state its acceptors give.
macro_rules! upstream_waiters {
    ($($service:ident :: $operation:ident { $($name:ident => $method:ident),* $(,)? })*) => {
        fn upstream_state(operation: &str, name: &str, response: &Response) -> Option<String> {
            let config = upstream_waiters::config::Config::builder().build();
            $(
                if operation == stringify!($operation) {
                    use upstream_waiters::$service::operation::$operation::parse_response;
                    use upstream_waiters::error::SdkError;
                    let client = upstream_waiters::$service::Client::new(&config);
                    let result = parse_response(response.status, &response.headers(), response.body.as_bytes()).map_err(SdkError::Service);
                    let state = match name {
                        $(stringify!($name) => client.$method().acceptor_state(result.as_ref()),)*
                        other => panic!("no waiter `{other}` of `{operation}` in this test's list"),
                    };
                    return state.map(|s| format!("{s:?}"));
                }
            )*
            panic!("no operation `{operation}` in this test's list")
        }
    };
}

upstream_waiters! {
    dynamodb::describe_table { TableExists => wait_until_table_exists, TableNotExists => wait_until_table_not_exists }
    emr::describe_cluster { ClusterRunning => wait_until_cluster_running, ClusterTerminated => wait_until_cluster_terminated }
    emr::describe_step { StepComplete => wait_until_step_complete }
    lambda::get_function {
        FunctionActiveV2 => wait_until_function_active_v2,
        FunctionExists => wait_until_function_exists,
        FunctionUpdatedV2 => wait_until_function_updated_v2,
    }
    lambda::get_function_configuration {
        FunctionActive => wait_until_function_active,
        FunctionUpdated => wait_until_function_updated,
        PublishedVersionActive => wait_until_published_version_active,
    }
}

/// The JSON object that has `value` at the dotted `path` (`A.B` → `{"A": {"B": value}}`).
fn at_path(path: &str, value: Value) -> Value {
    path.rsplit('.').fold(value, |inner, key| json!({ key: inner }))
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn upstream_paths_agree_with_jmespath() {
    tests::upstream_models();
    let waiters = planned_waiters(&codegen::manifest::Manifest::load(&tests::fixture("upstream-waiters.toml")).unwrap());
    assert_eq!(waiters.len(), 11, "{:?}", waiters.iter().map(|w| &w.name).collect::<Vec<_>>());
    // Responses for each operation, from the paths and error types of all its waiters: each
    // path at its expected value and at another, the path's first member alone, nothing, and
    // each error type, and an error none expects.
    let mut responses: BTreeMap<String, Vec<(Response, Value)>> = BTreeMap::new();
    for waiter in &waiters {
        let list = responses.entry(codegen::naming::snake(waiter.operation.name())).or_default();
        let mut add = |output: Value| list.push((Response::output(&output), output));
        add(json!({}));
        for a in &waiter.acceptors {
            if let WaiterMatcher::Path(p) = &a.matcher {
                let PathComparator::StringEquals(expected) = &p.comparator else { panic!("{}: an upstream path compared otherwise", waiter.name) };
                assert!(p.path.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'), "{}: `{}` is not a dotted path", waiter.name, p.path);
                add(at_path(&p.path, json!(expected)));
                add(at_path(&p.path, json!("SOMETHING_ELSE")));
                add(json!({ p.path.split('.').next().unwrap(): {} }));
            }
        }
        for a in &waiter.acceptors {
            if let WaiterMatcher::ErrorVariant { variant: code, .. } | WaiterMatcher::ErrorCode(code) = &a.matcher {
                list.push((Response::error(code), json!(code)));
            }
        }
        list.push((Response::error("AccessDeniedException"), json!("AccessDeniedException")));
    }
    let mut decided = BTreeMap::new();
    for waiter in &waiters {
        let operation = codegen::naming::snake(waiter.operation.name());
        for (response, value) in &responses[&operation] {
            let outcome = match &response.error {
                None => Outcome::Output(value),
                Some(code) => Outcome::Error(code),
            };
            let reference = reference_acceptor(waiter, &json!({}), &outcome);
            let ours = upstream_state(&operation, &waiter.name, response);
            assert_eq!(ours, reference.map(|i| state_name(waiter.acceptors[i].state)), "{}: {}", waiter.name, response.body);
            if let Some(i) = reference {
                decided.insert((waiter.name.clone(), i), true);
            }
        }
        // Every acceptor decides some response.
        for i in 0..waiter.acceptors.len() {
            assert!(decided.contains_key(&(waiter.name.clone(), i)), "{}: acceptor {} never decided", waiter.name, i + 1);
        }
    }
}

