//! Planning: from a model and a selected closure to the Rust plan ([`ir`]). Every naming,
//! optionality, boxing and default decision is made here and nowhere else.

mod customizations;
pub mod ir;
mod optionality;
mod recursion;
mod wire;

pub use ir::*;

use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, SimpleType};
use crate::naming;
use crate::select::Closure;
use crate::{Error, Result};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Plans the whole crate from one selection per service.
pub fn plan_crate(name: &str, version: &str, services: &[(&Model, &Closure)]) -> Result<CratePlan> {
    let mut planned: Vec<ServicePlan> = Vec::new();
    for (model, closure) in services {
        let service = plan_service(model, closure)?;
        if let Some(other) = planned.iter().find(|s| s.module == service.module) {
            return Err(Error::shape(
                &service.shape_id,
                format!("its module name `{}` is also that of `{}`", service.module, other.shape_id),
            ));
        }
        planned.push(service);
    }
    planned.sort_by(|a, b| a.module.cmp(&b.module));
    Ok(CratePlan { name: name.to_string(), version: version.to_string(), services: planned })
}

/// Model documentation as rustdoc lines.
pub fn doc_lines(html: Option<&str>) -> Vec<String> {
    match html {
        None => vec![],
        Some(html) => {
            let md = crate::docs::html_to_markdown(html);
            if md.trim().is_empty() {
                vec![]
            } else {
                md.lines().map(String::from).collect()
            }
        }
    }
}

/// The protocol of a service, or an error naming what it has instead.
fn protocol_of(model: &Model, service: &Shape) -> Result<Protocol> {
    let known = [
        ("aws.protocols#awsJson1_0", Protocol::AwsJson1_0),
        ("aws.protocols#awsJson1_1", Protocol::AwsJson1_1),
        ("aws.protocols#restJson1", Protocol::RestJson1),
    ];
    if let Some((_, p)) = known.iter().find(|(id, _)| service.traits.has(id)) {
        return Ok(*p);
    }
    let others: Vec<&str> = service
        .traits
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#"))
        .collect();
    let found = if others.is_empty() { "none".to_string() } else { others.join(", ") };
    Err(model.error(
        &service.id,
        format!(
            "unsupported protocol (found: {found}); supported: awsJson1_0, awsJson1_1, restJson1"
        ),
    ))
}

/// Plans one service.
fn plan_service(model: &Model, closure: &Closure) -> Result<ServicePlan> {
    let service = model.expect(&closure.service)?;
    let ShapeKind::Service(svc) = &service.kind else {
        return Err(model.error(&service.id, "not a service shape"));
    };
    let protocol = protocol_of(model, service)?;
    let sdk_id = service.traits.sdk_id().unwrap_or(service.id.name());
    let module = naming::service_module(sdk_id);
    let renames: BTreeMap<&ShapeId, &str> = svc.rename.iter().map(|(id, to)| (id, to.as_str())).collect();
    let mut op_io = BTreeSet::new();
    for op in &closure.operations {
        if let ShapeKind::Operation(o) = &model.expect(op)?.kind {
            op_io.insert(o.input.clone());
            op_io.insert(o.output.clone());
        }
    }
    let planner = Planner {
        model,
        module: module.clone(),
        protocol,
        renames,
        recursion: recursion::Cycles::new(model, &closure.shapes),
    };

    // Types targeted by members go to `types`; `@error` structures to `types::error`.
    let mut targeted: BTreeSet<&ShapeId> = BTreeSet::new();
    for id in &closure.shapes {
        for m in model.expect(id)?.kind.all_members() {
            targeted.insert(&m.target);
        }
    }
    let mut types = Vec::new();
    let mut errors = Vec::new();
    for id in &closure.shapes {
        let shape = model.expect(id)?;
        if id.namespace() == "smithy.api" {
            continue;
        }
        match &shape.kind {
            ShapeKind::Structure(_) if shape.traits.error().is_some() => {
                errors.push(planner.structure(shape, StructRole::Error, planner.named_path(id, shape))?);
            }
            ShapeKind::Structure(_) if targeted.contains(id) || !op_io.contains(id) => {
                types.push(TypeDef::Struct(planner.structure(shape, StructRole::Plain, planner.named_path(id, shape))?));
            }
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => types.push(TypeDef::Enum(planner.enumeration(shape)?)),
            ShapeKind::Union(_) => types.push(TypeDef::Union(planner.union(shape)?)),
            ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_) => {
                return Err(model.error(id, "a member cannot target a service, operation or resource"));
            }
            _ => {}
        }
    }
    types.sort_by(|a, b| a.rust_name().cmp(b.rust_name()));
    errors.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    check_unique(
        types.iter().map(|t| match t {
            TypeDef::Struct(s) => (&s.shape_id, s.rust_name.clone()),
            TypeDef::Enum(e) => (&e.shape_id, e.rust_name.clone()),
            TypeDef::Union(u) => (&u.shape_id, u.rust_name.clone()),
        })
        .chain(types.iter().filter_map(|t| match t {
            TypeDef::Struct(s) => Some((&s.shape_id, format!("{}Builder", s.rust_name))),
            _ => None,
        })),
        "type name",
    )?;
    check_unique(
        errors.iter().flat_map(|e| [(&e.shape_id, e.rust_name.clone()), (&e.shape_id, format!("{}Builder", e.rust_name))]),
        "error type name",
    )?;

    let mut operations = Vec::new();
    for op_id in &closure.operations {
        let op_shape = model.expect(op_id)?;
        let ShapeKind::Operation(op) = &op_shape.kind else { continue };
        // `{Op}Input` / `{Op}Output`, whatever the model calls them.
        let op_name = naming::type_name(op_id.name());
        let op_path = format!("crate::{module}::operation::{}", naming::module_name(op_id.name()));
        let input_path = format!("{op_path}::{op_name}Input");
        let output_path = format!("{op_path}::{op_name}Output");
        let mut input = planner.structure(model.expect(&op.input)?, StructRole::Input, input_path)?;
        let mut output = planner.structure(model.expect(&op.output)?, StructRole::Output, output_path)?;
        if input.docs.is_empty() {
            input.docs.push(format!("The input of `{}`.", op_id.name()));
        }
        if output.docs.is_empty() {
            output.docs.push(format!("The output of `{}`.", op_id.name()));
        }
        let mut op_errors = op.errors.clone();
        for e in &svc.errors {
            if !op_errors.contains(e) {
                op_errors.push(e.clone());
            }
        }
        for e in &op_errors {
            if model.expect(e)?.traits.error().is_none() {
                return Err(model.error(op_id, format!("error `{e}` lacks the `@error` trait")));
            }
        }
        let wire = wire::operation_wire(model, protocol, &service.id, op_shape, &input)?;
        let host_prefix = wire::host_prefix(model, op_shape, &input)?;
        let idempotency_token = idempotency_token(model, &op.input, &input)?;
        operations.push(OperationPlan {
            shape_id: op_id.clone(),
            module: naming::module_name(op_id.name()),
            docs: doc_lines(op_shape.traits.documentation()),
            input,
            output,
            errors: op_errors,
            wire,
            host_prefix,
            checksum_required: op_shape.traits.http_checksum_required(),
            request_compression: request_compression(model, op_shape, &op.input)?,
            idempotency_token,
        });
    }
    check_unique(operations.iter().map(|o| (&o.shape_id, o.module.clone())), "operation module name")?;

    Ok(ServicePlan {
        shape_id: service.id.clone(),
        module,
        title: service.traits.title().unwrap_or(sdk_id).to_string(),
        docs: doc_lines(service.traits.documentation()),
        version: svc.version.clone(),
        protocol,
        signing_name: service.traits.sigv4_name().map(String::from),
        closure_hash: closure.hash(model)?,
        endpoint_rule_set: endpoint_rule_set(model, service)?,
        serialized: wire::reachable_aggregates(model, closure.operations.iter(), wire::Direction::Input)?,
        deserialized: wire::reachable_aggregates(model, closure.operations.iter(), wire::Direction::Output)?,
        operations,
        types,
        errors,
        query_compatible: service.traits.aws_query_compatible(),
        customization: customizations::for_service(&service.id, &svc.version),
    })
}

/// When the operation's requests are compressed: only with gzip among the trait's encodings
/// (the one the client applies; behavior-traits.rst says to use the first supported one), and
/// always for a streaming payload without `@requiresLength`.
fn request_compression(model: &Model, operation: &Shape, input: &ShapeId) -> Result<Option<RequestCompression>> {
    let Some(encodings) = operation.traits.request_compression() else { return Ok(None) };
    if !encodings.contains(&"gzip") {
        return Ok(None);
    }
    for member in model.expect(input)?.kind.members() {
        let target = model.expect(&member.target)?;
        if target.traits.streaming() && !target.traits.has("smithy.api#requiresLength") {
            return Ok(Some(RequestCompression::Always));
        }
    }
    Ok(Some(RequestCompression::AboveMinimumSize))
}

/// The input member that `@idempotencyToken` marks, if any (a string; at most one).
fn idempotency_token(model: &Model, input_id: &ShapeId, input: &StructPlan) -> Result<Option<String>> {
    let input_shape = model.expect(input_id)?;
    let marked: Vec<&Member> = input_shape.kind.members().iter().filter(|m| m.traits.idempotency_token()).collect();
    match marked[..] {
        [] => Ok(None),
        [member] => {
            let field = input.fields.iter().find(|f| f.member_id == member.id).ok_or_else(|| model.error(&member.id, "not planned"))?;
            if field.ty != RustType::Simple(SimpleType::String) {
                return Err(model.error(&member.id, "an @idempotencyToken member must target a string"));
            }
            Ok(Some(field.rust_name.clone()))
        }
        _ => Err(model.error(input_id, "only one member may be an @idempotencyToken")),
    }
}

/// The service's endpoint rule set as compact JSON, checked with the same engine the generated
/// crate runs, so a malformed rule set is a generation error naming the rule, not a runtime one.
fn endpoint_rule_set(model: &Model, service: &Shape) -> Result<Option<String>> {
    let Some(value) = service.traits.get("smithy.rules#endpointRuleSet") else {
        if service.traits.has("smithy.rules#endpointBdd") {
            return Err(model.error(&service.id, "only the endpointBdd form of endpoint rules is present, which is not supported"));
        }
        return Ok(None);
    };
    let mut text = serde_json::to_string_pretty(value).map_err(|e| model.error(&service.id, e.to_string()))?;
    text.push('\n');
    runtime::endpoint::RuleSet::parse(&text)
        .map_err(|e| model.error(&service.id, format!("invalid endpoint rule set: {e}")))?;
    Ok(Some(text))
}

/// Two shapes that would get the same Rust name: an error naming both.
fn check_unique<'a>(names: impl Iterator<Item = (&'a ShapeId, String)>, what: &str) -> Result<()> {
    let mut seen: BTreeMap<String, &ShapeId> = BTreeMap::new();
    for (id, name) in names {
        if let Some(other) = seen.insert(name.clone(), id) {
            if other != id {
                return Err(Error::shape(
                    id,
                    format!("{what} `{name}` collides with the one of `{other}`; rename one of them (service `rename`)"),
                ));
            }
        }
    }
    Ok(())
}

struct Planner<'a> {
    model: &'a Model,
    module: String,
    protocol: Protocol,
    renames: BTreeMap<&'a ShapeId, &'a str>,
    recursion: recursion::Cycles,
}

impl Planner<'_> {
    fn type_name(&self, id: &ShapeId) -> String {
        naming::type_name(self.renames.get(id).copied().unwrap_or(id.name()))
    }

    fn structure(&self, shape: &Shape, role: StructRole, path: String) -> Result<StructPlan> {
        let rust_name = path.rsplit("::").next().unwrap_or_default().to_string();
        let fields = shape
            .kind
            .members()
            .iter()
            .map(|m| self.field(shape, m, role))
            .collect::<Result<Vec<_>>>()?;
        check_unique(fields.iter().map(|f| (&f.member_id, f.rust_name.clone())), "field name")?;
        let error = shape.traits.error().map(|kind| ErrorTraits {
            server: kind == "server",
            http_status: shape.traits.http_error(),
            retryable: shape.traits.retryable(),
            code: shape.id.name().to_string(),
        });
        Ok(StructPlan {
            shape_id: shape.id.clone(),
            rust_name,
            path,
            role,
            docs: doc_lines(shape.traits.documentation()),
            fields,
            error,
        })
    }

    fn field(&self, container: &Shape, member: &Member, role: StructRole) -> Result<FieldPlan> {
        let target = self.model.expect(&member.target)?;
        if target.id.name() == "Unit" && target.id.namespace() == "smithy.api" {
            return Err(self.model.error(&member.id, "a structure member cannot target smithy.api#Unit"));
        }
        let ty = self.rust_type(member, target)?;
        let decision = optionality::decide(container, member, target, role == StructRole::Input);
        let default = match (&decision, member.traits.default_value()) {
            (optionality::Optionality::Defaulted, Some(value)) => Some(self.default_value(member, target, value)?),
            _ => None,
        };
        let zero = match decision {
            optionality::Optionality::Required => Some(zero_value(&ty)),
            _ => None,
        };
        // HTTP bindings mean something only on the top level of restJson1 inputs, outputs and errors.
        let binding = match (self.protocol, role) {
            (Protocol::RestJson1, StructRole::Input | StructRole::Output | StructRole::Error) => {
                wire::binding(self.model, member, target, role == StructRole::Input)?
            }
            _ => Binding::Body,
        };
        let timestamp_format = wire::binding_timestamp_format(self.model, member, target, &binding)?;
        Ok(FieldPlan {
            member_id: member.id.clone(),
            smithy_name: member.name.clone(),
            rust_name: naming::member_name(&member.name),
            ty,
            optional: decision == optionality::Optionality::Optional,
            default,
            boxed: self.recursion.is_cyclic(&container.id, &member.target),
            sensitive: self.sensitive(&member.target, &mut BTreeSet::new()),
            required: member.traits.required(),
            docs: self.member_docs(member, target),
            deprecated: member.traits.deprecated(),
            wire_name: self.wire_name(member),
            binding,
            timestamp_format,
            media_type: target.traits.media_type().map(String::from),
            zero,
        })
    }

    /// The JSON key of a member: restJson1 honours `@jsonName`, the awsJson protocols do not.
    fn wire_name(&self, member: &Member) -> String {
        match (self.protocol, member.traits.json_name()) {
            (Protocol::RestJson1, Some(name)) => name.to_string(),
            _ => member.name.clone(),
        }
    }

    fn member_docs(&self, member: &Member, target: &Shape) -> Vec<String> {
        let own = doc_lines(member.traits.documentation());
        if own.is_empty() && !matches!(target.kind, ShapeKind::Simple(_)) {
            doc_lines(target.traits.documentation())
        } else {
            own
        }
    }

    /// Sensitive: the target is `@sensitive`, or a collection whose elements are.
    fn sensitive(&self, target: &ShapeId, seen: &mut BTreeSet<ShapeId>) -> bool {
        let Some(shape) = self.model.get(target) else { return false };
        if shape.traits.sensitive() {
            return true;
        }
        if !seen.insert(target.clone()) {
            return false;
        }
        match &shape.kind {
            ShapeKind::List(m) => self.sensitive(&m.target, seen),
            ShapeKind::Map { key, value } => self.sensitive(&key.target, seen) || self.sensitive(&value.target, seen),
            _ => false,
        }
    }

    fn named_path(&self, id: &ShapeId, shape: &Shape) -> String {
        if shape.traits.error().is_some() {
            format!("crate::{}::types::error::{}", self.module, self.type_name(id))
        } else {
            format!("crate::{}::types::{}", self.module, self.type_name(id))
        }
    }

    fn rust_type(&self, member: &Member, target: &Shape) -> Result<RustType> {
        let at = &member.id;
        Ok(match &target.kind {
            ShapeKind::Simple(t) => {
                if target.traits.streaming() {
                    // streaming.rst: a streaming blob is only ever a top-level payload member.
                    if *t != SimpleType::Blob || !member.traits.http_payload() && self.protocol == Protocol::RestJson1 {
                        return Err(self.model.error(at, "a @streaming blob must be bound with @httpPayload"));
                    }
                    if self.protocol != Protocol::RestJson1 {
                        return Err(self.model.error(at, "streaming payloads need an HTTP-binding protocol (restJson1)"));
                    }
                    return Ok(RustType::ByteStream);
                }
                match t {
                    SimpleType::Timestamp => RustType::Timestamp(wire::timestamp_format(
                        self.model,
                        member,
                        target,
                        wire::Location::Body,
                    )?),
                    t => RustType::Simple(*t),
                }
            }
            ShapeKind::Enum(_) => RustType::Named { path: self.named_path(&target.id, target), kind: NamedKind::Enum },
            ShapeKind::IntEnum(_) => {
                RustType::Named { path: self.named_path(&target.id, target), kind: NamedKind::IntEnum }
            }
            ShapeKind::Structure(_) => {
                RustType::Named { path: self.named_path(&target.id, target), kind: NamedKind::Struct }
            }
            ShapeKind::Union(_) => {
                if target.traits.streaming() {
                    return Err(self.model.error(at, "event streams are not supported"));
                }
                RustType::Named { path: self.named_path(&target.id, target), kind: NamedKind::Union }
            }
            ShapeKind::List(m) => RustType::List {
                member: Box::new(self.rust_type(m, self.model.expect(&m.target)?)?),
                sparse: target.traits.sparse(),
            },
            ShapeKind::Map { key, value } => {
                let key_shape = self.model.expect(&key.target)?;
                let key_ty = match &key_shape.kind {
                    ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum(_) => self.rust_type(key, key_shape)?,
                    _ => return Err(self.model.error(&key.id, "a map key must target a string or enum shape")),
                };
                RustType::Map {
                    key: Box::new(key_ty),
                    value: Box::new(self.rust_type(value, self.model.expect(&value.target)?)?),
                    sparse: target.traits.sparse(),
                }
            }
            ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_) => {
                return Err(self.model.error(at, "a member cannot target a service, operation or resource"))
            }
        })
    }

    /// Checks a `@default` value against the member's type.
    fn default_value(&self, member: &Member, target: &Shape, value: &Value) -> Result<DefaultValue> {
        let bad = || self.model.error(&member.id, format!("default value `{value}` does not fit the target type"));
        let int_in = |lo: i64, hi: i64| value.as_i64().filter(|v| (lo..=hi).contains(v)).map(DefaultValue::Int);
        let out = match &target.kind {
            ShapeKind::Simple(t) => match t {
                SimpleType::Boolean => value.as_bool().map(DefaultValue::Bool),
                SimpleType::Byte => int_in(i8::MIN.into(), i8::MAX.into()),
                SimpleType::Short => int_in(i16::MIN.into(), i16::MAX.into()),
                SimpleType::Integer => int_in(i32::MIN.into(), i32::MAX.into()),
                SimpleType::Long => value.as_i64().map(DefaultValue::Int),
                SimpleType::Float | SimpleType::Double => value.as_f64().map(DefaultValue::Float),
                SimpleType::String => value.as_str().map(|s| DefaultValue::String(s.to_string())),
                SimpleType::Blob => {
                    value.as_str().and_then(|b| runtime::blob::base64_decode(b).ok()).map(DefaultValue::Blob)
                }
                SimpleType::Timestamp => value.as_number().and_then(|n| {
                    let at = runtime::datetime::DateTime::parse(runtime::datetime::Format::EpochSeconds, &n.to_string()).ok()?;
                    Some(DefaultValue::Timestamp { secs: at.secs(), nanos: at.subsec_nanos() })
                }),
                SimpleType::BigInteger | SimpleType::BigDecimal => {
                    value.is_number().then(|| DefaultValue::BigNumber(value.to_string()))
                }
                SimpleType::Document => match value {
                    Value::Array(a) if !a.is_empty() => None,
                    Value::Object(o) if !o.is_empty() => None,
                    other => Some(DefaultValue::Document(other.clone())),
                },
            },
            ShapeKind::Enum(members) => value
                .as_str()
                .filter(|v| members.iter().any(|m| enum_value(m) == *v))
                .map(|v| DefaultValue::Enum(v.to_string())),
            ShapeKind::IntEnum(_) => int_in(i32::MIN.into(), i32::MAX.into()),
            ShapeKind::List(_) => (value.as_array().is_some_and(Vec::is_empty)).then_some(DefaultValue::EmptyList),
            ShapeKind::Map { .. } => (value.as_object().is_some_and(|m| m.is_empty())).then_some(DefaultValue::EmptyMap),
            _ => None,
        };
        out.ok_or_else(bad)
    }

    fn enumeration(&self, shape: &Shape) -> Result<EnumPlan> {
        let int = matches!(shape.kind, ShapeKind::IntEnum(_));
        let variants: Vec<EnumVariant> = shape
            .kind
            .members()
            .iter()
            .map(|m| EnumVariant {
                smithy_name: m.name.clone(),
                rust_name: naming::variant_name(&m.name),
                value: enum_value(m),
                docs: doc_lines(m.traits.documentation()),
                deprecated: m.traits.deprecated(),
            })
            .collect();
        let member_ids: Vec<ShapeId> = shape.kind.members().iter().map(|m| m.id.clone()).collect();
        check_unique(member_ids.iter().zip(variants.iter().map(|v| v.rust_name.clone())), "variant name")?;
        check_unique(member_ids.iter().zip(variants.iter().map(|v| v.value.clone())), "enum value")?;
        Ok(EnumPlan {
            shape_id: shape.id.clone(),
            rust_name: self.type_name(&shape.id),
            path: self.named_path(&shape.id, shape),
            docs: doc_lines(shape.traits.documentation()),
            int,
            variants,
        })
    }

    fn union(&self, shape: &Shape) -> Result<UnionPlan> {
        let mut variants = Vec::new();
        for m in shape.kind.members() {
            let target = self.model.expect(&m.target)?;
            let unit = target.id.namespace() == "smithy.api" && target.id.name() == "Unit";
            let rust_name = naming::variant_name(&m.name);
            variants.push(UnionVariant {
                member_id: m.id.clone(),
                smithy_name: m.name.clone(),
                // From the variant name, so `Unknown` → `UnknownValue` → `is_unknown_value`.
                snake_name: naming::snake(&rust_name),
                rust_name,
                ty: if unit { None } else { Some(self.rust_type(m, target)?) },
                boxed: self.recursion.is_cyclic(&shape.id, &m.target),
                sensitive: self.sensitive(&m.target, &mut BTreeSet::new()),
                docs: self.member_docs(m, target),
                deprecated: m.traits.deprecated(),
                wire_name: self.wire_name(m),
            });
        }
        check_unique(variants.iter().map(|v| (&v.member_id, v.rust_name.clone())), "variant name")?;
        Ok(UnionPlan {
            shape_id: shape.id.clone(),
            rust_name: self.type_name(&shape.id),
            path: self.named_path(&shape.id, shape),
            docs: doc_lines(shape.traits.documentation()),
            variants,
        })
    }
}

/// The error-correction value of a `@required` member without a default (brief §2).
fn zero_value(ty: &RustType) -> DefaultValue {
    match ty {
        RustType::Simple(t) => match t {
            SimpleType::Boolean => DefaultValue::Bool(false),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long => DefaultValue::Int(0),
            SimpleType::Float | SimpleType::Double => DefaultValue::Float(0.0),
            SimpleType::String => DefaultValue::String(String::new()),
            SimpleType::Blob => DefaultValue::Blob(Vec::new()),
            SimpleType::BigInteger | SimpleType::BigDecimal => DefaultValue::BigNumber("0".into()),
            SimpleType::Document => DefaultValue::Document(Value::Null),
            SimpleType::Timestamp => DefaultValue::Timestamp { secs: 0, nanos: 0 },
        },
        RustType::Timestamp(_) => DefaultValue::Timestamp { secs: 0, nanos: 0 },
        RustType::ByteStream => DefaultValue::Blob(Vec::new()),
        // An enum's unknown value (`From<&str>` of a value no member has); an intEnum's `0`.
        RustType::Named { kind: NamedKind::Enum, .. } => DefaultValue::Enum(String::new()),
        RustType::Named { .. } => DefaultValue::Int(0),
        RustType::List { .. } => DefaultValue::EmptyList,
        RustType::Map { .. } => DefaultValue::EmptyMap,
    }
}

/// The wire value of an enum or intEnum member.
fn enum_value(m: &Member) -> String {
    match m.traits.enum_value() {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => m.name.clone(),
    }
}
