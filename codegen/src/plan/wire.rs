//! Protocol decisions of the plan: how operations travel, where members are bound, which
//! timestamp format applies where, and which types need a serializer or a deserializer.

use super::ir::{Binding, HostPart, HttpRequestLine, PathPart, Protocol, RustType, Scalar, StructPlan};
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, SimpleType, TimestampFormat};
use crate::Result;
use std::collections::BTreeSet;

/// Where a value travels, for its default timestamp format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Body,
    Header,
    LabelOrQuery,
}

/// The one timestamp rule: the member's `@timestampFormat`, else the target's, else the
/// location's default: epoch-seconds in a JSON body, http-date in a header, date-time in a
/// label or query string.
pub fn timestamp_format(model: &Model, member: &Member, target: &Shape, location: Location) -> Result<TimestampFormat> {
    let fail = |e: String| model.error(&member.id, e);
    if let Some(format) = member.traits.timestamp_format().map_err(fail)? {
        return Ok(format);
    }
    if let Some(format) = target.traits.timestamp_format().map_err(fail)? {
        return Ok(format);
    }
    Ok(match location {
        Location::Body => TimestampFormat::EpochSeconds,
        Location::Header => TimestampFormat::HttpDate,
        Location::LabelOrQuery => TimestampFormat::DateTime,
    })
}

/// The format of a timestamp (or list of timestamps) bound outside the body.
pub fn binding_timestamp_format(
    model: &Model,
    member: &Member,
    target: &Shape,
    binding: &Binding,
) -> Result<Option<TimestampFormat>> {
    let location = match binding {
        Binding::Header(_) => Location::Header,
        Binding::Label { .. } | Binding::Query(_) => Location::LabelOrQuery,
        _ => return Ok(None),
    };
    match &target.kind {
        ShapeKind::Simple(SimpleType::Timestamp) => timestamp_format(model, member, target, location).map(Some),
        ShapeKind::List(item) => {
            let item_target = model.expect(&item.target)?;
            if !matches!(item_target.kind, ShapeKind::Simple(SimpleType::Timestamp)) {
                return Ok(None);
            }
            // A format on the list member itself applies, else on the element.
            if let Some(format) = member.traits.timestamp_format().map_err(|e| model.error(&member.id, e))? {
                return Ok(Some(format));
            }
            timestamp_format(model, item, item_target, location).map(Some)
        }
        _ => Ok(None),
    }
}

/// The restJson1 binding of a top-level member from its HTTP traits.
pub fn binding(model: &Model, member: &Member, target: &Shape, input: bool) -> Result<Binding> {
    let t = &member.traits;
    let bindings = [
        t.http_label().then_some(Binding::Label { greedy: false }),
        t.http_query().map(|q| Binding::Query(q.to_string())),
        t.http_query_params().then_some(Binding::QueryParams),
        t.http_header().map(|h| Binding::Header(h.to_string())),
        t.http_prefix_headers().map(|p| Binding::PrefixHeaders(p.to_string())),
        t.http_payload().then_some(Binding::Payload),
        t.http_response_code().then_some(Binding::ResponseCode),
    ];
    let mut found = bindings.into_iter().flatten();
    let binding = found.next().unwrap_or(Binding::Body);
    if found.next().is_some() {
        return Err(model.error(&member.id, "a member may have only one HTTP binding trait"));
    }
    // Labels, query strings and query maps only exist on requests; a response code only on responses.
    let binding = match binding {
        Binding::Label { .. } | Binding::Query(_) | Binding::QueryParams if !input => Binding::Body,
        Binding::ResponseCode if input => Binding::Body,
        other => other,
    };
    if let Binding::Payload = binding {
        // aws-restjson1-protocol.rst: structures, documents, strings (enums are strings), blobs
        // (streaming or not) and unions.
        let ok = matches!(
            target.kind,
            ShapeKind::Structure(_)
                | ShapeKind::Union(_)
                | ShapeKind::Enum(_)
                | ShapeKind::Simple(SimpleType::Blob | SimpleType::String | SimpleType::Document)
        );
        let event_stream = matches!(target.kind, ShapeKind::Union(_)) && target.traits.streaming();
        if !ok || event_stream {
            return Err(model.error(&member.id, "an httpPayload must target a structure, union, document, string, enum or blob (event streams are not supported)"));
        }
    }
    if let Binding::Header(_) | Binding::Label { .. } | Binding::Query(_) = binding {
        let scalar = |s: &Shape| {
            matches!(s.kind, ShapeKind::Simple(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_))
                && !matches!(s.kind, ShapeKind::Simple(SimpleType::Document))
        };
        let ok = match &target.kind {
            ShapeKind::List(item) if !matches!(binding, Binding::Label { .. }) => scalar(model.expect(&item.target)?),
            _ => scalar(target),
        };
        if !ok {
            return Err(model.error(&member.id, "an HTTP label, query or header binding must target a scalar (or a list of scalars)"));
        }
    }
    Ok(binding)
}

/// The request line of an operation, and a check that its labels and the URI pattern agree.
pub fn request_line(model: &Model, protocol: Protocol, operation: &Shape, input: &StructPlan) -> Result<HttpRequestLine> {
    match protocol {
        // aws-json-1_0-protocol.rst "Protocol behaviors": every request is a POST to `/`.
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Ok(HttpRequestLine {
            method: "POST".to_string(),
            path: vec![PathPart::Literal("/".to_string())],
            query: vec![],
            code: 200,
        }),
        Protocol::RestJson1 => rest_request_line(model, operation, input),
    }
}

/// The headers every request of an operation carries for its protocol: `X-Amz-Target` under
/// the awsJson protocols, `<service shape name>.<operation shape name>` (never the `sdkId` or a
/// renamed name).
pub fn protocol_headers(protocol: Protocol, service: &ShapeId, operation: &Shape) -> Vec<(String, String)> {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            vec![("x-amz-target".to_string(), format!("{}.{}", service.name(), operation.id.name()))]
        }
        Protocol::RestJson1 => vec![],
    }
}

fn rest_request_line(model: &Model, operation: &Shape, input: &StructPlan) -> Result<HttpRequestLine> {
    let fail = |msg: String| model.error(&operation.id, msg);
    let (method, uri, code) =
        operation.traits.http().ok_or_else(|| fail("a restJson1 operation needs the `http` trait".into()))?;
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    if !path.starts_with('/') {
        return Err(fail(format!("the URI pattern `{uri}` must start with `/`")));
    }
    let mut parts: Vec<PathPart> = Vec::new();
    let mut literal = String::new();
    let mut labels_seen = BTreeSet::new();
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            literal.push('/');
        }
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(label) => {
                let (name, greedy) = match label.strip_suffix('+') {
                    Some(name) => (name, true),
                    None => (label, false),
                };
                let field = input
                    .fields
                    .iter()
                    .find(|f| f.smithy_name == name && matches!(f.binding, Binding::Label { .. }))
                    .ok_or_else(|| fail(format!("the URI label `{{{label}}}` has no input member with @httpLabel")))?;
                if !labels_seen.insert(name.to_string()) {
                    return Err(fail(format!("the URI label `{name}` appears twice")));
                }
                if !literal.is_empty() {
                    parts.push(PathPart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(PathPart::Label { field: field.names.field.clone(), greedy });
            }
            None if segment.contains(['{', '}']) => {
                return Err(fail(format!("a label must fill a whole path segment in `{uri}`")));
            }
            None => literal.push_str(segment),
        }
    }
    if !literal.is_empty() {
        parts.push(PathPart::Literal(literal));
    }
    for f in &input.fields {
        if matches!(f.binding, Binding::Label { .. }) && !labels_seen.contains(&f.smithy_name) {
            return Err(model.error(&f.member_id, format!("@httpLabel member is not in the URI pattern `{uri}`")));
        }
    }
    let query = query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| match q.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (q.to_string(), None),
        })
        .collect();
    Ok(HttpRequestLine { method: method.to_string(), path: parts, query, code })
}

/// Which way data flows through a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From operation inputs: serialized.
    Input,
    /// From outputs and errors: deserialized.
    Output,
}

/// The structures and unions reachable from the operations' inputs (or outputs and errors),
/// through members, lists and maps; the top-level input/output structures themselves excluded.
pub fn reachable_aggregates<'a>(
    model: &Model,
    operations: impl Iterator<Item = &'a ShapeId>,
    direction: Direction,
) -> Result<BTreeSet<ShapeId>> {
    let mut roots: Vec<ShapeId> = Vec::new();
    for op in operations {
        let ShapeKind::Operation(o) = &model.expect(op)?.kind else { continue };
        match direction {
            Direction::Input => roots.push(o.input.clone()),
            Direction::Output => {
                roots.push(o.output.clone());
                roots.extend(o.errors.iter().cloned());
            }
        }
    }
    let mut found = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = roots
        .iter()
        .flat_map(|r| model.get(r).map(|s| s.kind.all_members()).unwrap_or_default())
        .map(|m| m.target.clone())
        .collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let shape = model.expect(&id)?;
        if matches!(shape.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
            found.insert(id.clone());
        }
        stack.extend(shape.kind.all_members().into_iter().map(|m| m.target.clone()));
    }
    Ok(found)
}

/// The `@endpoint` host prefix of an operation, split into literal text and labels, each
/// label an `@hostLabel` string member of the input (endpoint-traits.rst "Labels").
pub fn host_prefix(model: &Model, operation: &Shape, input: &StructPlan) -> Result<Option<Vec<HostPart>>> {
    let Some(prefix) = operation.traits.host_prefix() else { return Ok(None) };
    let fail = |msg: String| model.error(&operation.id, msg);
    let mut parts = Vec::new();
    let mut rest = prefix;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(HostPart::Literal(rest[..open].to_string()));
        }
        let close = rest[open..].find('}').ok_or_else(|| fail(format!("unclosed label in the host prefix `{prefix}`")))?;
        let name = &rest[open + 1..open + close];
        let field = input
            .fields
            .iter()
            .find(|f| f.smithy_name == name)
            .ok_or_else(|| fail(format!("the host prefix label `{{{name}}}` names no input member")))?;
        let member = model.expect(&input.shape_id)?.kind.members().iter().find(|m| m.name == name).cloned();
        if !member.is_some_and(|m| m.traits.host_label()) || field.ty != RustType::Scalar(Scalar::String) {
            return Err(fail(format!("the host prefix label `{{{name}}}` must be an @hostLabel string member")));
        }
        parts.push(HostPart::Label { field: field.names.field.clone(), name: name.to_string() });
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(HostPart::Literal(rest.to_string()));
    }
    Ok(Some(parts))
}
