//! Waiters (`smithy.waiters#waitable`, waiters.rst): for each waiter of a selected operation,
//! its client method and builder, its delays, and its acceptors resolved: `errorType` to the
//! operation's error variant (or, for an error the model does not define, to the error code),
//! and `output`/`inputOutput` paths compiled against the planned types (`jmespath`).

use super::ir::*;
use super::jmespath::{self, Root, Types};
use super::names::Names;
use crate::model::{Model, ShapeId};
use crate::naming;
use crate::Result;
use serde_json::Value;
use std::collections::BTreeMap;

const WAITABLE: &str = "smithy.waiters#waitable";

/// The waiters of the service's selected operations, ordered by operation then name; their
/// names registered: the `waiters` module, each builder, its methods and the client's.
pub fn plan_waiters(
    model: &Model,
    module: &str,
    operations: &[OperationPlan],
    types: &[TypeDef],
    names: &mut Names,
) -> Result<Vec<WaiterPlan>> {
    let mut lookup = Types::default();
    for t in types {
        match t {
            TypeDef::Struct(s) => {
                lookup.structs.insert(&s.path, s);
            }
            TypeDef::Union(u) => {
                lookup.unions.insert(&u.path, u);
            }
            TypeDef::Enum(_) => {}
        }
    }
    for op in operations {
        lookup.structs.insert(&op.input.path, &op.input);
        lookup.structs.insert(&op.output.path, &op.output);
    }

    let mut waiters = Vec::new();
    // Waiter names are unique in a service, ignoring case (waiters.rst, "Waiter names").
    let mut seen: BTreeMap<String, (String, ShapeId)> = BTreeMap::new();
    for op in operations {
        let shape = model.expect(&op.shape_id)?;
        let Some(value) = shape.traits.get(WAITABLE) else { continue };
        let Value::Object(map) = value else {
            return Err(model.error(&op.shape_id, "`smithy.waiters#waitable` must be a map of waiter names to waiters"));
        };
        let mut entries: Vec<(&String, &Value)> = map.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (name, waiter) in entries {
            if let Some((other, other_op)) = seen.insert(name.to_ascii_lowercase(), (name.clone(), op.shape_id.clone())) {
                return Err(model.error(
                    &op.shape_id,
                    format!("the waiter name `{name}` is also that of `{other}` of `{other_op}` (waiter names are unique in a service, ignoring case)"),
                ));
            }
            let plan = waiter_plan(module, op, name, waiter, &lookup)
                .map_err(|message| model.error(&op.shape_id, format!("waiter `{name}`: {message}")))?;
            waiters.push(plan);
        }
    }
    if waiters.is_empty() {
        return Ok(waiters);
    }

    names.define(&ItemPath::new(&[module], "waiters"), "the module of the service's waiters")?;
    let client = ItemPath::new(&[module, "client", "Client"], "");
    for method in ["new", "config"] {
        names.define(&client.sibling(method), &format!("the generated method `{method}`"))?;
    }
    for op in operations {
        names.define(&client.sibling(&op.module), op.shape_id.as_str())?;
    }
    for w in &waiters {
        let owner = format!("{} (waiter `{}`)", w.operation, w.name);
        names.define(&w.builder, &owner)?;
        names.define(&client.sibling(&w.method), &owner)?;
        let scope = ItemPath { module: [w.builder.module.clone(), vec![w.builder.name.clone()]].concat(), name: String::new() };
        let mut fixed = vec!["WAITER", "new", "as_input", "wait", "wait_blocking", "acceptor_state", "state"];
        let functions: Vec<&str> = w
            .acceptors
            .iter()
            .filter_map(|a| match &a.matcher {
                WaiterMatcher::Path(p) => Some(p.function.as_str()),
                _ => None,
            })
            .collect();
        fixed.extend(functions);
        for item in fixed {
            names.define(&scope.sibling(item), &format!("the generated item `{item}` of waiters"))?;
        }
        let op = operations.iter().find(|o| o.shape_id == w.operation).expect("the waiter's operation");
        for f in &op.input.fields {
            for setter in [&f.names.field, &f.names.set] {
                names.define(&scope.sibling(setter), f.member_id.as_str())?;
            }
        }
    }
    Ok(waiters)
}

/// One waiter, checked; errors are messages the caller puts after the operation and waiter.
fn waiter_plan(module: &str, op: &OperationPlan, name: &str, waiter: &Value, types: &Types) -> Result<WaiterPlan, String> {
    let valid_name = name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid_name {
        return Err("a waiter name is UpperCamelCase letters and digits (waiters.rst, \"Waiter names\")".into());
    }
    let Value::Object(waiter) = waiter else { return Err("a waiter is a structure".into()) };
    let delay = |key: &str, default: u64| -> Result<u64, String> {
        match waiter.get(key) {
            None => Ok(default),
            Some(v) => v.as_u64().filter(|d| *d >= 1).ok_or_else(|| format!("`{key}` must be an integer of at least 1, not `{v}`")),
        }
    };
    // waiters.rst, "Waiter structure": defaults 2 and 120.
    let min_delay = delay("minDelay", 2)?;
    let max_delay = delay("maxDelay", 120)?;
    if min_delay > max_delay {
        return Err(format!("`minDelay` ({min_delay}) must not exceed `maxDelay` ({max_delay})"));
    }
    let deprecated = match waiter.get("deprecated") {
        None => false,
        Some(v) => v.as_bool().ok_or_else(|| format!("`deprecated` must be a boolean, not `{v}`"))?,
    };
    let Some(Value::Array(list)) = waiter.get("acceptors") else {
        return Err("`acceptors` (a list) is required".into());
    };
    if list.is_empty() {
        return Err("`acceptors` must not be empty".into());
    }
    let snake = naming::snake(name);
    let mut acceptors = Vec::new();
    for (i, acceptor) in list.iter().enumerate() {
        let n = i + 1;
        let plan = acceptor_plan(op, acceptor, &format!("matches_{n}"), types).map_err(|e| format!("acceptor {n}: {e}"))?;
        acceptors.push(plan);
    }
    if !acceptors.iter().any(|a| a.state == WaiterState::Success) {
        return Err("no acceptor has the `success` state (waiters.rst requires one)".into());
    }
    shadow(&mut acceptors);
    let reads_input = acceptors.iter().any(|a| !a.shadowed && matches!(&a.matcher, WaiterMatcher::Path(p) if p.input_output));

    let mut docs = super::doc_lines(waiter.get("documentation").and_then(Value::as_str));
    if !docs.is_empty() {
        docs.push(String::new());
    }
    let between = if min_delay == max_delay { format!("{min_delay} s") } else { format!("{min_delay} s to {max_delay} s") };
    docs.extend(wrap(&format!(
        "Calls `{}` until an acceptor ends the wait, waiting {between} between calls (exponential backoff with jitter, never past the maximum wait). The acceptors, the first that matches deciding:",
        op.name
    )));
    docs.push(String::new());
    for a in &acceptors {
        let mut lines = wrap(&describe_acceptor(a));
        for (i, line) in lines.iter_mut().enumerate() {
            line.insert_str(0, if i == 0 { "- " } else { "  " });
        }
        docs.extend(lines);
    }
    docs.push(String::new());
    docs.extend(wrap("A call that fails with an error no acceptor matches ends the wait; any other call no acceptor matches is retried."));
    Ok(WaiterPlan {
        name: name.to_string(),
        operation: op.shape_id.clone(),
        method: format!("wait_until_{snake}"),
        builder: ItemPath::new(&[module, "waiters"], format!("{name}Waiter")),
        docs,
        min_delay,
        max_delay,
        deprecated,
        acceptors,
        reads_input,
    })
}

fn acceptor_plan(op: &OperationPlan, acceptor: &Value, function: &str, types: &Types) -> Result<AcceptorPlan, String> {
    let state = match acceptor.get("state").and_then(Value::as_str) {
        Some("success") => WaiterState::Success,
        Some("failure") => WaiterState::Failure,
        Some("retry") => WaiterState::Retry,
        Some(other) => return Err(format!("unknown state `{other}` (expected success, failure or retry)")),
        None => return Err("`state` is required".into()),
    };
    let Some(Value::Object(matcher)) = acceptor.get("matcher") else {
        return Err("`matcher` is required".into());
    };
    let [(kind, value)] = matcher.iter().collect::<Vec<_>>()[..] else {
        return Err("a matcher sets exactly one of `output`, `inputOutput`, `success` and `errorType`".into());
    };
    let unit = |id: &ShapeId| id.namespace() == "smithy.api" && id.name() == "Unit";
    let matcher = match kind.as_str() {
        "success" => WaiterMatcher::Success(value.as_bool().ok_or("`success` must be a boolean")?),
        "errorType" => {
            let error = value.as_str().ok_or("`errorType` must be a string")?;
            // An absolute shape id matches by its name only (waiters.rst, "Matcher union").
            let name = error.rsplit_once('#').map_or(error, |(_, name)| name);
            match op.error.variants.iter().find(|v| v.shape_id.name() == name) {
                Some(v) => WaiterMatcher::ErrorVariant { variant: v.name.clone(), is_fn: v.is_fn.clone() },
                None => WaiterMatcher::ErrorCode(name.to_string()),
            }
        }
        "output" | "inputOutput" => {
            let input_output = kind == "inputOutput";
            if unit(&op.output.shape_id) {
                return Err(format!("`{kind}` cannot be used on an operation without output"));
            }
            if input_output && unit(&op.input.shape_id) {
                return Err("`inputOutput` cannot be used on an operation without input".into());
            }
            let field = |key: &str| value.get(key).and_then(Value::as_str).ok_or_else(|| format!("`{kind}.{key}` (a string) is required"));
            let (path, expected, comparator) = (field("path")?, field("expected")?, field("comparator")?);
            let root = if input_output { Root::InputOutput { input: &op.input, output: &op.output } } else { Root::Output(&op.output) };
            let expr = jmespath::compile(path, &root, types).map_err(|e| format!("path `{path}`: {e}"))?;
            let comparator = path_comparator(comparator, expected, &expr.ty).map_err(|e| format!("path `{path}`: {e}"))?;
            WaiterMatcher::Path(Box::new(PathMatcher {
                path: path.to_string(),
                input_output,
                function: function.to_string(),
                expr,
                comparator,
            }))
        }
        other => return Err(format!("unknown matcher `{other}`")),
    };
    Ok(AcceptorPlan { state, matcher, shadowed: false })
}

/// Marks the acceptors that never decide: the first that matches does (waiters.rst, "Waiter
/// workflow"), and after `success: true` no output, after `success: false` no error, is left.
fn shadow(acceptors: &mut [AcceptorPlan]) {
    let (mut every_output, mut every_error) = (false, false);
    for a in acceptors {
        let on_output = match &a.matcher {
            WaiterMatcher::Success(true) | WaiterMatcher::Path(_) => true,
            WaiterMatcher::Success(false) | WaiterMatcher::ErrorVariant { .. } | WaiterMatcher::ErrorCode(_) => false,
        };
        a.shadowed = if on_output { every_output } else { every_error };
        match a.matcher {
            WaiterMatcher::Success(true) => every_output = true,
            WaiterMatcher::Success(false) => every_error = true,
            _ => {}
        }
    }
}

/// The comparator, checked against the type the path gives (waiters.rst, "PathComparator
/// enum": the JMESPath return type each requires).
fn path_comparator(name: &str, expected: &str, ty: &JmesType) -> Result<PathComparator, String> {
    let wanted = match name {
        "stringEquals" => (matches!(ty, JmesType::String), "a string"),
        "booleanEquals" => (matches!(ty, JmesType::Bool), "a boolean"),
        "allStringEquals" | "anyStringEquals" => {
            (matches!(ty, JmesType::List(element, _) if **element == JmesType::String), "an array of strings")
        }
        other => {
            return Err(format!(
                "unknown comparator `{other}` (expected stringEquals, booleanEquals, allStringEquals or anyStringEquals)"
            ))
        }
    };
    if !wanted.0 {
        return Err(format!("`{name}` compares {}, but the path gives {}", wanted.1, jmespath::describe(ty)));
    }
    Ok(match name {
        "stringEquals" => PathComparator::StringEquals(expected.to_string()),
        "booleanEquals" => PathComparator::BooleanEquals(match expected {
            "true" => true,
            "false" => false,
            other => return Err(format!("`booleanEquals` expects \"true\" or \"false\", not \"{other}\"")),
        }),
        "allStringEquals" => PathComparator::AllStringEquals(expected.to_string()),
        _ => PathComparator::AnyStringEquals(expected.to_string()),
    })
}

/// Text as doc lines of at most 90 characters, broken between words (outside code spans).
fn wrap(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut in_code = false;
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && !in_code && line.len() + 1 + word.len() > 90 {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if word.matches('`').count() % 2 == 1 {
            in_code = !in_code;
        }
    }
    lines
}

/// Inline code in rustdoc, fenced so that backticks inside (JSON literals) stay code.
fn code(text: &str) -> String {
    if text.is_empty() {
        "the empty string".into()
    } else if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn describe_acceptor(a: &AcceptorPlan) -> String {
    let state = match a.state {
        WaiterState::Success => "success",
        WaiterState::Failure => "failure",
        WaiterState::Retry => "retry",
    };
    let when = match &a.matcher {
        WaiterMatcher::Success(true) => "when the call succeeds".to_string(),
        WaiterMatcher::Success(false) => "when the call fails".to_string(),
        WaiterMatcher::ErrorVariant { variant, .. } => format!("when the call fails with `{variant}`"),
        WaiterMatcher::ErrorCode(code) => format!("when the call fails with a service error of code `{code}`"),
        WaiterMatcher::Path(p) => {
            let of = if p.input_output { " (of `{input, output}`)" } else { "" };
            let path = code(&p.path);
            match &p.comparator {
                PathComparator::StringEquals(e) => format!("when {path}{of} is the string {}", code(e)),
                PathComparator::BooleanEquals(b) => format!("when {path}{of} is `{b}`"),
                PathComparator::AllStringEquals(e) => format!("when {path}{of} is a non-empty array of strings all {}", code(e)),
                PathComparator::AnyStringEquals(e) => format!("when {path}{of} is an array with a string {}", code(e)),
            }
        }
    };
    format!("`{state}` {when}")
}
