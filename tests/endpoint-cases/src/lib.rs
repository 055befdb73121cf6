//! The loader and the comparison of `smithy.rules#endpointTests` cases, shared by
//! `cargo xtask endpoint-tests` and the runtime's endpoint tests
//! (`codegen/runtime/tests/endpoint_harness.rs` and `upstream_endpoint_tests.rs`), so the
//! command and `cargo test` run the same code.
//!
//! [`load_model`] reads the cases of every service shape of a Smithy JSON AST model,
//! [`check_case`] runs one case through the runtime's endpoint resolver, and [`run_to`] is the
//! whole command, `cargo xtask endpoint-tests [--partitions FILE] --model FILE...`: it runs every
//! case of the given models, prints each failure (case index, documentation, expected, got) and
//! ends with the line `N passed, M failed`.
//!
//! Each `--model` uses the table of the `--partitions` given before it (default:
//! `models/partitions.json`), so models of different dates can be pinned to the table of their
//! date in one run:
//! `--partitions p-2025-04.json --model lambda.json --partitions p.json --model mpa.json`.
//!
//! A case passes when the URL, headers and properties deep-equal the expectation (object member
//! order ignored), or, for an error case, when the error message is exactly equal. When a case
//! has `operationInputs`, the parameters are also derived from each operation input (built-ins,
//! client parameters, `staticContextParams`, `contextParam` members and `operationContextParams`
//! paths) and resolved again; both must meet the expectation. An input whose parameters cannot
//! be derived (an unsupported JMESPath form) is reported as a notice, never silently skipped.

use std::fmt::Write as _;
use std::io::Write;

use runtime::endpoint::{
    Endpoint, ParamType, ParamValue, Params, Partitions, ResolveError, RuleSet,
};
use runtime::json::{self, Value};

/// The table used when no `--partitions` precedes a `--model`: the repository's
/// `models/partitions.json` (this crate is `tests/endpoint-cases/`).
const DEFAULT_PARTITIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/partitions.json");

/// `cargo xtask endpoint-tests`, writing the report to `out`; `args` excludes the subcommand
/// name. `Ok(true)` when every case passed; `Err` for bad arguments or unreadable files.
pub fn run_to(args: &[String], out: &mut dyn Write) -> Result<bool, String> {
    run_with_default_table(args, None, out)
}

/// [`run_to`] with another default table: `(name shown, JSON text)` (the command-line tool
/// passes the table it carries); `None` reads the repository's `models/partitions.json`.
pub fn run_with_default_table(args: &[String], default_table: Option<(&str, &str)>, out: &mut dyn Write) -> Result<bool, String> {
    let io = |e: std::io::Error| e.to_string();
    let (default_name, default_text) = match default_table {
        Some((name, text)) => (name.to_string(), Some(text)),
        None => (DEFAULT_PARTITIONS.to_string(), None),
    };
    let mut partitions_path: Option<String> = None;
    let mut jobs: Vec<(String, String)> = Vec::new();
    let mut it = args.iter().peekable();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--partitions" => {
                partitions_path = Some(it.next().ok_or("--partitions needs a FILE")?.clone())
            }
            "--model" => {
                let model = it.next().ok_or("--model needs a FILE")?.clone();
                let table = partitions_path.clone().unwrap_or_else(|| default_name.clone());
                jobs.push((model, table.clone()));
                // `--model A B C`: every following argument up to the next flag is a model too.
                while let Some(more) = it.next_if(|a| !a.starts_with("--")) {
                    jobs.push((more.clone(), table.clone()));
                }
            }
            "-h" | "--help" => {
                writeln!(out, "usage: endpoint-tests [--partitions FILE] --model FILE... [--partitions FILE --model FILE...]")
                    .map_err(io)?;
                writeln!(out, "  each --model uses the --partitions given before it (default: {default_name})")
                    .map_err(io)?;
                return Ok(true);
            }
            other => return Err(format!("unknown argument `{other}` (see --help)")),
        }
    }
    if jobs.is_empty() {
        return Err("no --model given (see --help)".into());
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for (model_path, table_path) in &jobs {
        let table = match default_text {
            Some(text) if *table_path == default_name => text.to_string(),
            _ => std::fs::read_to_string(table_path).map_err(|e| format!("{table_path}: {e}"))?,
        };
        let partitions = Partitions::parse(&table).map_err(|e| format!("{table_path}: {e}"))?;
        let text = std::fs::read_to_string(model_path).map_err(|e| format!("{model_path}: {e}"))?;
        let name = model_name(model_path);
        let services = load_model(&name, &text).map_err(|e| format!("{model_path}: {e}"))?;
        if services.is_empty() {
            writeln!(
                out,
                "{name}: no service shape carries smithy.rules#endpointTests"
            )
            .map_err(io)?;
        }
        for service in &services {
            writeln!(
                out,
                "{name}: {} ({} cases, partitions {table_path})",
                service.service,
                service.cases.len()
            )
            .map_err(io)?;
            for case in &service.cases {
                match check_case(service, case, &partitions) {
                    Ok(notices) => {
                        passed += 1;
                        for notice in notices {
                            writeln!(out, "NOTE {}: {notice}", case_label(service, case))
                                .map_err(io)?;
                        }
                    }
                    Err(failure) => {
                        failed += 1;
                        writeln!(out, "FAIL {}\n{failure}", case_label(service, case))
                            .map_err(io)?;
                    }
                }
            }
        }
    }
    writeln!(out, "{passed} passed, {failed} failed").map_err(io)?;
    Ok(failed == 0)
}

/// `models/dynamodb.json` → `dynamodb`.
pub fn model_name(path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.strip_suffix(".json").unwrap_or(file).to_owned()
}

/// The endpoint tests of one service shape.
pub struct ServiceTests {
    /// Model name (file stem).
    pub model: String,
    /// Service shape id.
    pub service: String,
    /// The parsed rule set, or why there is none (BDD only, malformed, missing).
    pub rules: Result<RuleSet, String>,
    /// Cases in document order.
    pub cases: Vec<Case>,
}

/// One `endpointTests` case; `spec` holds why the case itself is malformed, if it is.
pub struct Case {
    /// Position in `testCases`.
    pub index: usize,
    /// The case's `documentation` (empty when absent).
    pub documentation: String,
    /// The parsed case, or why it is malformed.
    pub spec: Result<CaseSpec, String>,
}

/// A well-formed case.
pub struct CaseSpec {
    /// Values from the case's `params`.
    pub params: Params,
    /// Parameters derived from each entry of `operationInputs`.
    pub operation_inputs: Vec<OperationInput>,
    /// What resolution must produce.
    pub expect: Expect,
}

/// Parameters derived from one `operationInputs` entry.
pub struct OperationInput {
    /// `operationName`.
    pub operation: String,
    /// The derived parameters, or why they could not be derived.
    pub params: Result<Params, String>,
}

/// A case's expectation.
#[derive(Debug)]
pub enum Expect {
    /// `expect.endpoint`: headers and properties default to empty objects.
    Endpoint {
        /// Expected URL.
        url: String,
        /// Expected headers, an object of string arrays.
        headers: Value,
        /// Expected properties, an object.
        properties: Value,
    },
    /// `expect.error`: the exact message.
    Error(String),
}

/// Loads every service shape carrying `smithy.rules#endpointTests` from a JSON AST model.
pub fn load_model(model: &str, text: &str) -> Result<Vec<ServiceTests>, String> {
    let doc = json::parse(text.as_bytes()).map_err(|e| e.to_string())?;
    let shapes = doc
        .get("shapes")
        .and_then(Value::as_object)
        .ok_or("model has no `shapes` object")?;
    let mut services = Vec::new();
    for (id, shape) in shapes {
        if shape.get("type").and_then(Value::as_str) != Some("service") {
            continue;
        }
        let traits = shape.get("traits");
        let Some(tests) = traits.and_then(|t| t.get("smithy.rules#endpointTests")) else {
            continue;
        };
        let rules = match traits.and_then(|t| t.get("smithy.rules#endpointRuleSet")) {
            Some(rs) => RuleSet::from_json(rs).map_err(|e| e.to_string()),
            None if traits.and_then(|t| t.get("smithy.rules#endpointBdd")).is_some() => Err(format!(
                "{id}: unsupported: only `smithy.rules#endpointBdd` is present (no `smithy.rules#endpointRuleSet`)"
            )),
            None => Err(format!("{id}: no `smithy.rules#endpointRuleSet` trait")),
        };
        let cases = match tests.get("testCases").and_then(Value::as_array) {
            Some(list) => list
                .iter()
                .enumerate()
                .map(|(index, case)| Case {
                    index,
                    documentation: case
                        .get("documentation")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                    spec: parse_case(case, rules.as_ref().ok(), shapes, id),
                })
                .collect(),
            None => {
                return Err(format!(
                    "{id}: `smithy.rules#endpointTests` has no `testCases` array"
                ))
            }
        };
        services.push(ServiceTests {
            model: model.to_owned(),
            service: id.clone(),
            rules,
            cases,
        });
    }
    Ok(services)
}

fn parse_case(
    case: &Value,
    rules: Option<&RuleSet>,
    shapes: &[(String, Value)],
    service: &str,
) -> Result<CaseSpec, String> {
    let mut params = Params::new();
    if let Some(p) = case.get("params") {
        let members = p.as_object().ok_or("`params` is not an object")?;
        for (name, value) in members {
            params.set(
                name.clone(),
                json_param(value, rules.and_then(|r| r.parameter(name)).map(|p| p.ty()))?,
            );
        }
    }
    let expect = case.get("expect").ok_or("missing `expect`")?;
    let expect = match (expect.get("endpoint"), expect.get("error")) {
        (Some(endpoint), None) => Expect::Endpoint {
            url: endpoint
                .get("url")
                .and_then(Value::as_str)
                .ok_or("`expect.endpoint.url` is not a string")?
                .to_owned(),
            headers: endpoint
                .get("headers")
                .cloned()
                .unwrap_or(Value::Object(Vec::new())),
            properties: endpoint
                .get("properties")
                .cloned()
                .unwrap_or(Value::Object(Vec::new())),
        },
        (None, Some(error)) => Expect::Error(
            error
                .as_str()
                .ok_or("`expect.error` is not a string")?
                .to_owned(),
        ),
        _ => return Err("`expect` must hold exactly one of `endpoint` and `error`".into()),
    };
    let mut operation_inputs = Vec::new();
    if let Some(inputs) = case.get("operationInputs") {
        for input in inputs
            .as_array()
            .ok_or("`operationInputs` is not an array")?
        {
            let operation = input
                .get("operationName")
                .and_then(Value::as_str)
                .ok_or("operationInputs entry without `operationName`")?;
            let params = match rules {
                Some(rules) => operation_params(input, operation, rules, shapes, service),
                None => Err("no rule set".into()),
            };
            operation_inputs.push(OperationInput {
                operation: operation.to_owned(),
                params,
            });
        }
    }
    Ok(CaseSpec {
        params,
        operation_inputs,
        expect,
    })
}

/// A test value as a parameter value: typed by the declaration when known, else by its shape.
fn json_param(value: &Value, ty: Option<ParamType>) -> Result<ParamValue, String> {
    let ty = ty.unwrap_or(match value {
        Value::Bool(_) => ParamType::Boolean,
        Value::Array(_) => ParamType::StringArray,
        _ => ParamType::String,
    });
    ParamValue::from_json(value, ty)
        .ok_or_else(|| format!("parameter value {value} is not a {}", ty.as_str()))
}

/// Parameters a client would build for one operation call (later sources override earlier).
fn operation_params(
    input: &Value,
    operation: &str,
    rules: &RuleSet,
    shapes: &[(String, Value)],
    service: &str,
) -> Result<Params, String> {
    let mut params = Params::new();
    let mut set = |name: &str, value: &Value| -> Result<(), String> {
        if let Some(p) = rules.parameter(name) {
            params.set(name, json_param(value, Some(p.ty()))?);
        }
        Ok(())
    };
    for (built_in, value) in input
        .get("builtInParams")
        .and_then(Value::as_object)
        .unwrap_or(&[])
    {
        // Built-ins the rule set does not declare are ignored, as a client would.
        if let Some(p) = rules
            .parameters()
            .iter()
            .find(|p| p.built_in() == Some(built_in))
        {
            set(p.name(), value)?;
        }
    }
    for (name, value) in input
        .get("clientParams")
        .and_then(Value::as_object)
        .unwrap_or(&[])
    {
        set(name, value)?;
    }
    let namespace = service.split('#').next().unwrap_or("");
    let op_id = format!("{namespace}#{operation}");
    let op = shapes
        .iter()
        .find(|(id, _)| *id == op_id)
        .map(|(_, s)| s)
        .ok_or_else(|| format!("operation {op_id} not found"))?;
    let op_traits = op.get("traits");
    for (name, def) in op_traits
        .and_then(|t| t.get("smithy.rules#staticContextParams"))
        .and_then(Value::as_object)
        .unwrap_or(&[])
    {
        set(
            name,
            def.get("value")
                .ok_or("staticContextParams entry without `value`")?,
        )?;
    }
    let op_params = input.get("operationParams");
    let input_shape = op
        .get("input")
        .and_then(|i| i.get("target"))
        .and_then(Value::as_str);
    let members = input_shape
        .and_then(|id| shapes.iter().find(|(sid, _)| sid == id))
        .and_then(|(_, s)| s.get("members"))
        .and_then(Value::as_object)
        .unwrap_or(&[]);
    for (member, def) in members {
        let context = def
            .get("traits")
            .and_then(|t| t.get("smithy.rules#contextParam"));
        if let (Some(context), Some(value)) = (context, op_params.and_then(|p| p.get(member))) {
            set(
                context
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or("contextParam without `name`")?,
                value,
            )?;
        }
    }
    for (name, def) in op_traits
        .and_then(|t| t.get("smithy.rules#operationContextParams"))
        .and_then(Value::as_object)
        .unwrap_or(&[])
    {
        let path = def
            .get("path")
            .and_then(Value::as_str)
            .ok_or("operationContextParams entry without `path`")?;
        if let Some(value) = jmespath(path, op_params.unwrap_or(&Value::Null))? {
            set(name, &value)?;
        }
    }
    Ok(params)
}

/// The JMESPath subset `operationContextParams` use: `a.b`, `a[*].b` projections, `keys(expr)`.
/// `Ok(None)` when the path selects nothing; `Err` for syntax outside the subset.
fn jmespath(path: &str, input: &Value) -> Result<Option<Value>, String> {
    if let Some(inner) = path.strip_prefix("keys(").and_then(|p| p.strip_suffix(')')) {
        return Ok(jmespath(inner, input)?.and_then(|v| {
            v.as_object()
                .map(|m| Value::Array(m.iter().map(|(k, _)| Value::from(k.as_str())).collect()))
        }));
    }
    // Each selected value, with whether a projection (`[*]`) has made the result a list.
    let mut current = vec![input.clone()];
    let mut projected = false;
    for part in path.split('.') {
        let (field, wildcard) = match part.strip_suffix("[*]") {
            Some(field) => (field, true),
            None => (part, false),
        };
        if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("unsupported operationContextParams path `{path}`"));
        }
        current = current
            .iter()
            .filter_map(|v| v.get(field).filter(|v| !v.is_null()).cloned())
            .collect();
        if wildcard {
            current = current
                .iter()
                .filter_map(Value::as_array)
                .flatten()
                .cloned()
                .collect();
            projected = true;
        }
    }
    Ok(if projected {
        Some(Value::Array(current))
    } else {
        current.pop()
    })
}

/// `model::case_007 (service): documentation`, for messages.
pub fn case_label(service: &ServiceTests, case: &Case) -> String {
    format!(
        "{}::case_{:03} ({}): {}",
        service.model, case.index, service.service, case.documentation
    )
}

/// Runs one case. `Ok` carries notices (inputs that could not be checked); `Err` describes the
/// failure with the expected and the actual outcome.
pub fn check_case(
    service: &ServiceTests,
    case: &Case,
    partitions: &Partitions,
) -> Result<Vec<String>, String> {
    let rules = service
        .rules
        .as_ref()
        .map_err(|e| format!("  cannot run: {e}"))?;
    let spec = case
        .spec
        .as_ref()
        .map_err(|e| format!("  malformed test case: {e}"))?;
    let mut failures = String::new();
    let got = rules.resolve(&spec.params, partitions);
    if let Some(diff) = compare(&spec.expect, &got) {
        failures.push_str(&diff);
    }
    let mut notices = Vec::new();
    for (i, input) in spec.operation_inputs.iter().enumerate() {
        match &input.params {
            Ok(params) => {
                if let Some(diff) = compare(&spec.expect, &rules.resolve(params, partitions)) {
                    let _ = writeln!(
                        failures,
                        "  via operationInputs[{i}] ({}):",
                        input.operation
                    );
                    failures.push_str(&diff);
                }
            }
            Err(why) => notices.push(format!(
                "operationInputs[{i}] ({}) not checked: {why}",
                input.operation
            )),
        }
    }
    if failures.is_empty() {
        Ok(notices)
    } else {
        Err(failures.trim_end().to_owned())
    }
}

/// `None` when `got` meets `expect`; otherwise an "expected / got" description.
fn compare(expect: &Expect, got: &Result<Endpoint, ResolveError>) -> Option<String> {
    let ok = match (expect, got) {
        (
            Expect::Endpoint {
                url,
                headers,
                properties,
            },
            Ok(endpoint),
        ) => {
            *url == endpoint.url
                && *headers == headers_json(endpoint)
                && *properties == Value::Object(endpoint.properties.clone())
        }
        (Expect::Error(message), Err(ResolveError::Rule(got))) => message == got,
        _ => false,
    };
    if ok {
        return None;
    }
    let expected = match expect {
        Expect::Endpoint {
            url,
            headers,
            properties,
        } => {
            format!("endpoint {url} headers {headers} properties {properties}")
        }
        Expect::Error(message) => format!("error {message:?}"),
    };
    let got = match got {
        Ok(endpoint) => format!(
            "endpoint {} headers {} properties {}",
            endpoint.url,
            headers_json(endpoint),
            Value::Object(endpoint.properties.clone())
        ),
        Err(ResolveError::Rule(message)) => format!("error {message:?}"),
        Err(other) => format!("resolution failure: {other}"),
    };
    Some(format!("  expected: {expected}\n  got:      {got}\n"))
}

fn headers_json(endpoint: &Endpoint) -> Value {
    Value::Object(
        endpoint
            .headers
            .iter()
            .map(|(name, values)| {
                (
                    name.clone(),
                    Value::Array(values.iter().map(|v| Value::from(v.as_str())).collect()),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_default_partitions_are_the_repositorys() {
        // The repository root is the folder of `codegen.toml`, above this crate.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .find(|dir| dir.join("codegen.toml").is_file())
            .expect("the repository root");
        let expected = root.join("models/partitions.json").canonicalize().unwrap();
        assert_eq!(Path::new(DEFAULT_PARTITIONS).canonicalize().unwrap(), expected);
        Partitions::parse(&std::fs::read_to_string(DEFAULT_PARTITIONS).unwrap()).unwrap();
    }

    #[test]
    fn model_names_are_file_stems() {
        assert_eq!(model_name("models/dynamodb.json"), "dynamodb");
        assert_eq!(model_name(r"C:\models\mpa.json"), "mpa");
        assert_eq!(model_name("lambda"), "lambda");
    }
}
