//! The client test cases of a service: `smithy.test#httpRequestTests` and `httpResponseTests`
//! on its operations and error structures whose `appliesTo` is absent or `"client"` and whose
//! protocol is the service's (http-protocol-compliance-tests.rst).

use codegen::model::{Model, ShapeId};
use codegen::plan::{OperationPlan, Protocol, ServicePlan};
use serde_json::Value;

/// Whether a case describes a request or a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
}

/// One test case of a service.
pub struct Case<'a> {
    pub kind: Kind,
    pub id: String,
    /// The operation the case runs (for an error's case: one that can return it).
    pub operation: &'a OperationPlan,
    /// For a response case on an error structure: the error's shape id.
    pub error: Option<ShapeId>,
    /// The case as the trait holds it.
    pub case: &'a Value,
}

impl Case<'_> {
    /// The test's name: `request_<id>` or `response_<id>`.
    pub fn name(&self) -> String {
        match self.kind {
            Kind::Request => format!("request_{}", self.id),
            Kind::Response => format!("response_{}", self.id),
        }
    }
}

fn protocol_id(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
        Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
        Protocol::RestJson1 => "aws.protocols#restJson1",
    }
}

/// The client cases of one service, in operation order.
pub fn cases<'a>(model: &'a Model, service: &'a ServicePlan) -> Result<Vec<Case<'a>>, String> {
    let protocol = protocol_id(service.protocol);
    let applies = |case: &&Value| {
        case.get("appliesTo").and_then(Value::as_str).is_none_or(|a| a == "client")
            && case.get("protocol").and_then(Value::as_str) == Some(protocol)
    };
    let tests = |id: &ShapeId, trait_id: &str| -> Vec<&'a Value> {
        model
            .get(id)
            .and_then(|s| s.traits.get(trait_id))
            .and_then(Value::as_array)
            .map(|cases| cases.iter().filter(applies).collect())
            .unwrap_or_default()
    };
    let id_of = |case: &Value| -> Result<String, String> {
        case.get("id").and_then(Value::as_str).map(String::from).ok_or_else(|| "a test case without an id".to_string())
    };
    let mut out = Vec::new();
    for op in &service.operations {
        for (kind, trait_id) in [(Kind::Request, "smithy.test#httpRequestTests"), (Kind::Response, "smithy.test#httpResponseTests")] {
            for case in tests(&op.shape_id, trait_id) {
                out.push(Case { kind, id: id_of(case)?, operation: op, error: None, case });
            }
        }
    }
    for error in &service.errors {
        let cases = tests(&error.shape_id, "smithy.test#httpResponseTests");
        if cases.is_empty() {
            continue;
        }
        let Some(op) = service.operations.iter().find(|o| o.error.variants.iter().any(|v| v.shape_id == error.shape_id)) else {
            return Err(format!("{}: no operation of {} returns it", error.shape_id, service.shape_id));
        };
        for case in cases {
            out.push(Case { kind: Kind::Response, id: id_of(case)?, operation: op, error: Some(error.shape_id.clone()), case });
        }
    }
    let mut names: Vec<String> = out.iter().map(Case::name).collect();
    names.sort();
    if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("{}: two cases are named `{}`", service.shape_id, pair[0]));
    }
    Ok(out)
}
