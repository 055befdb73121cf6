//! Planning: from a model and a selected closure to the Rust plan ([`ir`]). Every naming,
//! optionality, boxing, default and protocol decision is made here and nowhere else; every
//! name is registered with `names`, so collisions are found where names are made.

mod customizations;
pub mod ir;
mod jmespath;
mod names;
mod optionality;
mod paginators;
mod recursion;
mod waiters;
mod wire;

pub use ir::*;

use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, SimpleType};
use crate::naming;
use crate::select::Closure;
use crate::{Error, Result};
use names::Names;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The modules of the crate root beside the services'.
const CRATE_MODULES: [&str; 5] = ["config", "endpoint", "error", "primitives", "runtime"];

/// One service to plan: its model, the selected closure, and the module name the manifest
/// chose for it, if any.
pub struct ServiceInput<'a> {
    pub model: &'a Model,
    pub closure: &'a Closure,
    pub module: Option<&'a str>,
}

/// Plans the whole crate from one selection per service.
pub fn plan_crate(name: &str, version: &str, services: &[ServiceInput]) -> Result<CratePlan> {
    let mut planned: Vec<ServicePlan> = Vec::new();
    let mut needs = RuntimeNeeds::default();
    let mut names = Names::default();
    for module in CRATE_MODULES {
        names.define(&ItemPath::new(&[], module), &format!("the crate's `{module}` module"))?;
    }
    for input in services {
        let service = plan_service(input, &mut needs)?;
        names.define(&ItemPath::new(&[], &service.module), service.shape_id.as_str()).map_err(|_| {
            let other = planned.iter().find(|s| s.module == service.module).map_or_else(
                || format!("the crate's `{}` module", service.module),
                |s| format!("`{}`", s.shape_id),
            );
            Error::shape(
                &service.shape_id,
                format!("its module name `{}` is also that of {other}; choose another with `module` in the manifest", service.module),
            )
        })?;
        planned.push(service);
    }
    planned.sort_by(|a, b| a.module.cmp(&b.module));
    Ok(CratePlan { name: name.to_string(), version: version.to_string(), services: planned, needs })
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
        format!("unsupported protocol (found: {found}); supported: awsJson1_0, awsJson1_1, restJson1"),
    ))
}

/// Plans one service; records what of the runtime it needs in `needs`.
fn plan_service(input: &ServiceInput, needs: &mut RuntimeNeeds) -> Result<ServicePlan> {
    let ServiceInput { model, closure, module } = *input;
    let service = model.expect(&closure.service)?;
    let ShapeKind::Service(svc) = &service.kind else {
        return Err(model.error(&service.id, "not a service shape"));
    };
    let protocol = protocol_of(model, service)?;
    let sdk_id = service.traits.sdk_id().unwrap_or(service.id.name());
    let module = module.map_or_else(|| naming::service_module(sdk_id), String::from);
    let renames: BTreeMap<&ShapeId, &str> = svc.rename.iter().map(|(id, to)| (id, to.as_str())).collect();
    let mut op_io = BTreeSet::new();
    for op in &closure.operations {
        if let ShapeKind::Operation(o) = &model.expect(op)?.kind {
            op_io.insert(o.input.clone());
            op_io.insert(o.output.clone());
        }
    }
    // Which structures and unions a body writes (inputs) and reads (outputs, errors).
    let written = wire::reachable_aggregates(model, closure.operations.iter(), wire::Direction::Input)?;
    let read = wire::reachable_aggregates(model, closure.operations.iter(), wire::Direction::Output)?;
    let mut planner = Planner {
        model,
        module: module.clone(),
        protocol,
        renames,
        recursion: recursion::Cycles::new(model, &closure.shapes),
        written,
        read,
        names: Names::default(),
        needs: RuntimeNeeds::default(),
    };
    planner.define_fixed_items(&service.id)?;

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
                let path = planner.named_path(id, shape);
                let role = planner.error_role(shape, &path)?;
                errors.push(planner.structure(shape, role, path)?);
            }
            ShapeKind::Structure(_) if targeted.contains(id) || !op_io.contains(id) => {
                let path = planner.named_path(id, shape);
                types.push(TypeDef::Struct(planner.structure(shape, StructRole::Plain, path)?));
            }
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => types.push(TypeDef::Enum(planner.enumeration(shape)?)),
            ShapeKind::Union(_) => types.push(TypeDef::Union(planner.union(shape)?)),
            ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_) => {
                return Err(model.error(id, "a member cannot target a service, operation or resource"));
            }
            _ => {}
        }
    }
    types.sort_by(|a, b| a.name().cmp(b.name()));
    errors.sort_by(|a, b| a.name.cmp(&b.name));
    if !errors.is_empty() {
        planner.names.define(&ItemPath::new(&[&module, "types"], "error"), "the module of the service's errors")?;
    }

    let mut operations = Vec::new();
    for op_id in &closure.operations {
        let op_shape = model.expect(op_id)?;
        let ShapeKind::Operation(op) = &op_shape.kind else { continue };
        let mut op_errors = op.errors.clone();
        for e in &svc.errors {
            if !op_errors.contains(e) {
                op_errors.push(e.clone());
            }
        }
        let mut plan = planner.operation(&service.id, op_shape, op, &op_errors, &errors)?;
        plan.paginator = paginators::plan(model, service, op_shape, &plan, &types, &mut planner.names)?;
        operations.push(plan);
    }
    let waiters = waiters::plan_waiters(model, &module, &operations, &types, &mut planner.names)?;
    let customization = customizations::for_service(&service.id, &svc.version, &operations);
    let query_compatible = service.traits.aws_query_compatible();
    for op in &mut operations {
        op.fixed_headers.extend(customizations::request_headers(customization.as_ref()));
        if query_compatible {
            // aws-query-protocol.rst "awsQueryCompatible trait".
            op.fixed_headers.push(("x-amzn-query-mode".to_string(), "true".to_string()));
        }
        // The generated code makes these headers when it is compiled: an invalid one must fail
        // here, naming the operation, not in the generated crate's build.
        for (name, value) in &op.fixed_headers {
            if !runtime::wire::is_static_header_name(name) || !runtime::wire::is_static_header_value(value) {
                let (name, value) = (name.escape_debug(), value.escape_debug());
                let message = format!("every request would carry the header `{name}: {value}`, which is not a valid header");
                return Err(model.error(&op.shape_id, message));
            }
        }
    }
    planner.needs.endpoint_rules |= service.traits.has("smithy.rules#endpointRuleSet");
    *needs = needs.union(planner.needs);

    Ok(ServicePlan {
        shape_id: service.id.clone(),
        title: service.traits.title().unwrap_or(sdk_id).to_string(),
        docs: doc_lines(service.traits.documentation()),
        version: svc.version.clone(),
        protocol,
        signing_name: service.traits.sigv4_name().map(String::from),
        closure_hash: closure.hash(model)?,
        endpoint_rule_set: endpoint_rule_set(model, service)?,
        resolve_endpoint: ItemPath::new(&[&module, "endpoint"], "resolve_endpoint"),
        client: ItemPath::new(&[&module, "client"], "Client"),
        operations,
        types,
        errors,
        query_compatible,
        customization,
        waiters,
        module,
    })
}

/// The service's endpoint rule set, parsed by the same engine the generated crate runs, so a
/// malformed rule set is a generation error naming the rule, not a runtime one.
fn endpoint_rule_set(model: &Model, service: &Shape) -> Result<Option<runtime::endpoint::RuleSet>> {
    let Some(value) = service.traits.get("smithy.rules#endpointRuleSet") else {
        if service.traits.has("smithy.rules#endpointBdd") {
            return Err(model.error(&service.id, "only the endpointBdd form of endpoint rules is present, which is not supported"));
        }
        return Ok(None);
    };
    let text = serde_json::to_string(value).map_err(|e| model.error(&service.id, e.to_string()))?;
    let rules = runtime::endpoint::RuleSet::parse(&text)
        .map_err(|e| model.error(&service.id, format!("invalid endpoint rule set: {e}")))?;
    Ok(Some(rules))
}

struct Planner<'a> {
    model: &'a Model,
    module: String,
    protocol: Protocol,
    renames: BTreeMap<&'a ShapeId, &'a str>,
    recursion: recursion::Cycles,
    /// Structures and unions a request body writes, and a response body reads.
    written: BTreeSet<ShapeId>,
    read: BTreeSet<ShapeId>,
    names: Names,
    needs: RuntimeNeeds,
}

impl Planner<'_> {
    /// The items of the service module that do not come from shapes.
    fn define_fixed_items(&mut self, service: &ShapeId) -> Result<()> {
        let owner = format!("the module of {service}");
        for name in ["client", "endpoint", "operation", "protocol", "types", "Client"] {
            self.names.define(&ItemPath::new(&[&self.module], name), &owner)?;
        }
        self.names.define(&ItemPath::new(&[&self.module, "types"], "builders"), "the module of the types' builders")?;
        self.names.define(&ItemPath::new(&[&self.module, "endpoint"], "resolve_endpoint"), &owner)?;
        Ok(())
    }

    fn type_name(&self, id: &ShapeId) -> String {
        naming::type_name(self.renames.get(id).copied().unwrap_or(id.name()))
    }

    /// `<service>::types::X`, or `<service>::types::error::X` for an error structure.
    fn named_path(&self, id: &ShapeId, shape: &Shape) -> ItemPath {
        if shape.traits.error().is_some() {
            ItemPath::new(&[&self.module, "types", "error"], self.type_name(id))
        } else {
            ItemPath::new(&[&self.module, "types"], self.type_name(id))
        }
    }

    /// The protocol functions that write and read a structure or union in a body.
    fn codec_fns(&self, name: &str) -> CodecFns {
        let protocol = [self.module.as_str(), "protocol"];
        let snake = naming::snake(name);
        CodecFns { write: ItemPath::new(&protocol, format!("ser_{snake}")), read: ItemPath::new(&protocol, format!("de_{snake}")) }
    }

    /// Those of the functions that a body needs: written (reachable from inputs), read (from
    /// outputs and errors).
    fn codec(&self, id: &ShapeId, name: &str) -> Codec {
        let CodecFns { write, read } = self.codec_fns(name);
        Codec { write: self.written.contains(id).then_some(write), read: self.read.contains(id).then_some(read) }
    }

    fn structure(&mut self, shape: &Shape, mut role: StructRole, path: ItemPath) -> Result<StructPlan> {
        let owner = shape.id.to_string();
        self.names.define(&path, &owner)?;
        let fields = shape.kind.members().iter().map(|m| self.field(shape, m, &role)).collect::<Result<Vec<_>>>()?;
        if let StructRole::Error(traits) = &mut role {
            traits.message = fields
                .iter()
                .find(|f| f.smithy_name.eq_ignore_ascii_case("message") && f.ty == RustType::Scalar(Scalar::String))
                .map(|f| MessageField { field: f.names.field.clone(), optional: f.presence == Presence::Optional });
        }
        let builder_name = format!("{}Builder", path.name);
        let mut builders_module = path.module.clone();
        builders_module.push("builders".into());
        let builder_path = ItemPath { module: builders_module, name: builder_name.clone() };
        self.names.define(&builder_path, &owner)?;
        if let StructRole::Error(traits) = &role {
            let module: Vec<&str> = path.module.iter().map(String::as_str).collect();
            self.names.define(&ItemPath::new(&module, "builders"), "the module of the errors' builders")?;
            self.names.define(&traits.parser, &owner)?;
        }
        // Methods of the structure and of its builder, beside the fields' accessors and setters.
        let impl_scope = |p: &ItemPath| ItemPath { module: [p.module.clone(), vec![p.name.clone()]].concat(), name: String::new() };
        let struct_scope = impl_scope(&path);
        let builder_scope = impl_scope(&builder_path);
        let methods: &[&str] = if matches!(role, StructRole::Error(_)) { &["builder", "meta"] } else { &["builder"] };
        for method in methods {
            self.names.define(&struct_scope.sibling(*method), &format!("the generated method `{method}`"))?;
        }
        for method in ["build", "build_lenient"] {
            self.names.define(&builder_scope.sibling(method), &format!("the generated method `{method}`"))?;
        }
        for f in &fields {
            let member = f.member_id.to_string();
            self.names.define(&struct_scope.sibling(&f.names.field), &member)?;
            for setter in [&f.names.field, &f.names.set, &f.names.get] {
                self.names.define(&builder_scope.sibling(setter), &member)?;
            }
        }
        let codec = match role {
            StructRole::Plain => self.codec(&shape.id, &path.name),
            _ => Codec::default(),
        };
        for f in [&codec.write, &codec.read].into_iter().flatten() {
            self.names.define(f, &owner)?;
        }
        // Responses build what they read leniently: outputs, errors, and what a body reads.
        let lenient = matches!(role, StructRole::Output | StructRole::Error(_)) || codec.read.is_some();
        Ok(StructPlan {
            shape_id: shape.id.clone(),
            name: path.name.clone(),
            role,
            docs: doc_lines(shape.traits.documentation()),
            eq: !fields.iter().any(|f| has_float(&f.ty)),
            builder: BuilderPlan {
                name: builder_name,
                path: builder_path,
                fallible: fields.iter().any(|f| matches!(f.presence, Presence::Required { .. })),
                lenient,
            },
            fields,
            codec,
            path,
        })
    }

    /// The role of an `@error` structure: its traits, and the reader of its responses.
    fn error_role(&self, shape: &Shape, path: &ItemPath) -> Result<StructRole> {
        let kind = shape.traits.error().ok_or_else(|| self.model.error(&shape.id, "not an error structure"))?;
        Ok(StructRole::Error(ErrorTraits {
            server: kind == "server",
            retryable: shape.traits.retryable(),
            code: shape.id.name().to_string(),
            parser: ItemPath::new(&[&self.module, "protocol"], format!("de_{}_response", naming::snake(&path.name))),
            message: None,
        }))
    }

    fn field(&mut self, container: &Shape, member: &Member, role: &StructRole) -> Result<FieldPlan> {
        let target = self.model.expect(&member.target)?;
        if target.id.name() == "Unit" && target.id.namespace() == "smithy.api" {
            return Err(self.model.error(&member.id, "a structure member cannot target smithy.api#Unit"));
        }
        let ty = self.rust_type(member, target)?;
        let presence = match optionality::decide(container, member, target, *role == StructRole::Input) {
            optionality::Optionality::Optional => Presence::Optional,
            optionality::Optionality::Defaulted => {
                let value = member.traits.default_value().expect("a defaulted member has a default");
                Presence::Defaulted(self.default_value(member, target, value)?)
            }
            optionality::Optionality::Required => Presence::Required { zero: zero_value(&ty) },
        };
        // HTTP bindings mean something only on the top level of restJson1 inputs, outputs and errors.
        let binding = match (self.protocol, role) {
            (Protocol::RestJson1, StructRole::Input | StructRole::Output | StructRole::Error(_)) => {
                wire::binding(self.model, member, target, *role == StructRole::Input)?
            }
            _ => Binding::Body,
        };
        let timestamp_format = wire::binding_timestamp_format(self.model, member, target, &binding)?;
        let media_type = target.traits.media_type().map(String::from);
        // A payload's media type is its `Content-Type`, which the generated code makes when it
        // is compiled.
        if let (Binding::Payload, Some(media)) = (&binding, &media_type) {
            if !runtime::wire::is_static_header_value(media) {
                let shown = media.escape_debug();
                let message = format!("the media type `{shown}` cannot be a Content-Type: only visible ASCII, spaces and tabs can");
                return Err(self.model.error(&target.id, message));
            }
        }
        let mut field = naming::member_name(&member.name);
        // An error's `meta()` returns its metadata; a member of that name takes another.
        if matches!(role, StructRole::Error(_)) && field == "meta" {
            field = "meta_value".to_string();
        }
        let plain = field.trim_start_matches("r#");
        Ok(FieldPlan {
            member_id: member.id.clone(),
            smithy_name: member.name.clone(),
            names: FieldNames { set: format!("set_{plain}"), get: format!("get_{plain}"), field },
            ty,
            presence,
            boxed: self.recursion.is_cyclic(&container.id, &member.target),
            sensitive: self.sensitive(&member.target, &mut BTreeSet::new()),
            docs: self.member_docs(member, target),
            deprecated: member.traits.deprecated(),
            wire_name: self.wire_name(member),
            binding,
            timestamp_format,
            media_type,
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

    fn rust_type(&mut self, member: &Member, target: &Shape) -> Result<RustType> {
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
                    self.needs.byte_streams = true;
                    self.needs.blobs = true;
                    return Ok(RustType::ByteStream);
                }
                match Scalar::of(*t) {
                    Some(scalar) => {
                        self.needs.big_numbers |= matches!(scalar, Scalar::BigInteger | Scalar::BigDecimal);
                        self.needs.documents |= scalar == Scalar::Document;
                        self.needs.blobs |= scalar == Scalar::Blob;
                        RustType::Scalar(scalar)
                    }
                    None => {
                        self.needs.timestamps = true;
                        RustType::Timestamp(wire::timestamp_format(self.model, member, target, wire::Location::Body)?)
                    }
                }
            }
            ShapeKind::Enum(_) => {
                self.needs.open_enums = true;
                RustType::Named { path: self.named_path(&target.id, target), kind: NamedKind::Enum }
            }
            ShapeKind::IntEnum(_) => {
                self.needs.int_enums = true;
                RustType::Named { path: self.named_path(&target.id, target), kind: NamedKind::IntEnum }
            }
            ShapeKind::Structure(_) => {
                let path = self.named_path(&target.id, target);
                let fns = self.codec_fns(&path.name);
                RustType::Named { path, kind: NamedKind::Struct(fns) }
            }
            ShapeKind::Union(_) => {
                if target.traits.streaming() {
                    return Err(self.model.error(at, "event streams are not supported"));
                }
                self.needs.open_enums = true;
                let path = self.named_path(&target.id, target);
                let fns = self.codec_fns(&path.name);
                RustType::Named { path, kind: NamedKind::Union(fns) }
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

    fn enumeration(&mut self, shape: &Shape) -> Result<EnumPlan> {
        let int = matches!(shape.kind, ShapeKind::IntEnum(_));
        let path = self.named_path(&shape.id, shape);
        self.names.define(&path, shape.id.as_str())?;
        let scope = ItemPath { module: [path.module.clone(), vec![path.name.clone()]].concat(), name: String::new() };
        self.names.define(&scope.sibling("Unknown"), "the generated variant `Unknown`")?;
        let mut variants = Vec::new();
        let mut values = Names::default();
        for m in shape.kind.members() {
            let variant = EnumVariant {
                smithy_name: m.name.clone(),
                name: naming::variant_name(&m.name),
                value: enum_value(m),
                docs: doc_lines(m.traits.documentation()),
                deprecated: m.traits.deprecated(),
            };
            self.names.define(&scope.sibling(&variant.name), m.id.as_str())?;
            values.define(&scope.sibling(format!("value {}", variant.value)), m.id.as_str())?;
            variants.push(variant);
        }
        Ok(EnumPlan {
            shape_id: shape.id.clone(),
            name: path.name.clone(),
            path,
            docs: doc_lines(shape.traits.documentation()),
            int,
            variants,
        })
    }

    fn union(&mut self, shape: &Shape) -> Result<UnionPlan> {
        let path = self.named_path(&shape.id, shape);
        self.names.define(&path, shape.id.as_str())?;
        let scope = ItemPath { module: [path.module.clone(), vec![path.name.clone()]].concat(), name: String::new() };
        for fixed in ["Unknown", "is_unknown"] {
            self.names.define(&scope.sibling(fixed), &format!("the generated item `{fixed}`"))?;
        }
        let mut variants = Vec::new();
        for m in shape.kind.members() {
            let target = self.model.expect(&m.target)?;
            let unit = target.id.namespace() == "smithy.api" && target.id.name() == "Unit";
            let name = naming::variant_name(&m.name);
            // From the variant name, so `Unknown` → `UnknownValue` → `is_unknown_value`.
            let snake = naming::snake(&name);
            let variant = UnionVariant {
                member_id: m.id.clone(),
                smithy_name: m.name.clone(),
                as_fn: format!("as_{snake}"),
                is_fn: format!("is_{snake}"),
                name,
                ty: if unit { None } else { Some(self.rust_type(m, target)?) },
                boxed: self.recursion.is_cyclic(&shape.id, &m.target),
                sensitive: self.sensitive(&m.target, &mut BTreeSet::new()),
                docs: self.member_docs(m, target),
                deprecated: m.traits.deprecated(),
                wire_name: self.wire_name(m),
            };
            for item in [&variant.name, &variant.as_fn, &variant.is_fn] {
                self.names.define(&scope.sibling(item), m.id.as_str())?;
            }
            variants.push(variant);
        }
        let codec = self.codec(&shape.id, &path.name);
        for f in [&codec.write, &codec.read].into_iter().flatten() {
            self.names.define(f, shape.id.as_str())?;
        }
        Ok(UnionPlan {
            shape_id: shape.id.clone(),
            name: path.name.clone(),
            path,
            docs: doc_lines(shape.traits.documentation()),
            eq: !variants.iter().any(|v| v.ty.as_ref().is_some_and(has_float)),
            variants,
            codec,
        })
    }

    /// An operation: its module, input, output, error enum, builders and wire.
    fn operation(
        &mut self,
        service: &ShapeId,
        shape: &Shape,
        op: &crate::model::Operation,
        op_errors: &[ShapeId],
        errors: &[StructPlan],
    ) -> Result<OperationPlan> {
        let model = self.model;
        let op_id = &shape.id;
        let name = naming::type_name(op_id.name());
        let op_module = naming::module_name(op_id.name());
        let owner = op_id.to_string();
        self.names.define(&ItemPath::new(&[&self.module, "operation"], &op_module), &owner)?;
        let service_module = self.module.clone();
        let module = [service_module.as_str(), "operation", op_module.as_str()];
        let builders = [service_module.as_str(), "operation", op_module.as_str(), "builders"];
        let mut input = self.structure(model.expect(&op.input)?, StructRole::Input, ItemPath::new(&module, format!("{name}Input")))?;
        let mut output = self.structure(model.expect(&op.output)?, StructRole::Output, ItemPath::new(&module, format!("{name}Output")))?;
        if input.docs.is_empty() {
            input.docs.push(format!("The input of `{}`.", op_id.name()));
        }
        if output.docs.is_empty() {
            output.docs.push(format!("The output of `{}`.", op_id.name()));
        }
        let mut variants = Vec::new();
        for e in op_errors {
            let plan = errors
                .iter()
                .find(|s| &s.shape_id == e)
                .ok_or_else(|| model.error(op_id, format!("error `{e}` lacks the `@error` trait")))?;
            let StructRole::Error(traits) = &plan.role else { return Err(model.error(e, "not an error structure")) };
            let message = traits.message.clone();
            let mut docs = plan.docs.clone();
            if docs.is_empty() {
                docs.push(format!("The `{}` error.", plan.name));
            }
            variants.push(ErrorVariant {
                shape_id: plan.shape_id.clone(),
                name: plan.name.clone(),
                error: plan.path.clone(),
                code: traits.code.clone(),
                parser: traits.parser.clone(),
                message,
                retry: traits.retryable.map(|throttling| (throttling, traits.server)),
                is_fn: format!("is_{}", naming::snake(&plan.name)),
                docs,
            });
        }
        let error = ErrorEnumPlan { name: format!("{name}Error"), path: ItemPath::new(&module, format!("{name}Error")), variants };
        let error_scope = ItemPath { module: [error.path.module.clone(), vec![error.name.clone()]].concat(), name: String::new() };
        for fixed in ["Unhandled", "meta", "code", "message", "request_id", "retry_kind", "is_unhandled"] {
            self.names.define(&error_scope.sibling(fixed), &format!("the generated item `{fixed}`"))?;
        }
        for v in &error.variants {
            self.names.define(&error_scope.sibling(&v.name), v.shape_id.as_str())?;
            self.names.define(&error_scope.sibling(&v.is_fn), v.shape_id.as_str())?;
        }
        let fluent_builder = ItemPath::new(&builders, format!("{name}FluentBuilder"));
        let read_output = format!("de_{}_response", naming::snake(&output.name));
        for item in [&error.path, &fluent_builder] {
            self.names.define(item, &owner)?;
        }
        for item in ["serialize_request", "parse_response", "builders", read_output.as_str()] {
            self.names.define(&ItemPath::new(&module, item), &owner)?;
        }
        self.names.define(&ItemPath::new(&builders, "OPERATION"), &owner)?;
        let http = wire::request_line(model, self.protocol, shape, &input)?;
        let fixed_headers = wire::protocol_headers(self.protocol, service, shape);
        let host_prefix = wire::host_prefix(model, shape, &input)?;
        let idempotency_token = idempotency_token(model, &op.input, &input)?;
        let request_compression = request_compression(model, shape, &op.input)?;
        let checksum_required = shape.traits.http_checksum_required();
        self.needs.idempotency_tokens |= idempotency_token.is_some();
        self.needs.request_compression |= request_compression.is_some();
        Ok(OperationPlan {
            shape_id: op_id.clone(),
            name: op_id.name().to_string(),
            docs: doc_lines(shape.traits.documentation()),
            serialize_request: ItemPath::new(&module, "serialize_request"),
            parse_response: ItemPath::new(&module, "parse_response"),
            read_output,
            input,
            output,
            error,
            fluent_builder,
            http,
            fixed_headers,
            host_prefix,
            checksum_required,
            request_compression,
            idempotency_token,
            paginator: None,
            module: op_module,
        })
    }
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

/// The input field that `@idempotencyToken` marks, if any (a string; at most one).
fn idempotency_token(model: &Model, input_id: &ShapeId, input: &StructPlan) -> Result<Option<FieldNames>> {
    let input_shape = model.expect(input_id)?;
    let marked: Vec<&Member> = input_shape.kind.members().iter().filter(|m| m.traits.idempotency_token()).collect();
    match marked[..] {
        [] => Ok(None),
        [member] => {
            let field = input.fields.iter().find(|f| f.member_id == member.id).ok_or_else(|| model.error(&member.id, "not planned"))?;
            if field.ty != RustType::Scalar(Scalar::String) {
                return Err(model.error(&member.id, "an @idempotencyToken member must target a string"));
            }
            Ok(Some(field.names.clone()))
        }
        _ => Err(model.error(input_id, "only one member may be an @idempotencyToken")),
    }
}

/// Whether a type holds a float or a document somewhere (so it cannot derive `Eq`).
pub fn has_float(ty: &RustType) -> bool {
    match ty {
        RustType::Scalar(s) => matches!(s, Scalar::Float | Scalar::Double | Scalar::Document),
        RustType::Timestamp(_) | RustType::ByteStream => false,
        RustType::Named { kind, .. } => matches!(kind, NamedKind::Struct(_) | NamedKind::Union(_)),
        RustType::List { member, .. } => has_float(member),
        RustType::Map { value, .. } => has_float(value),
    }
}

/// The error-correction value of a `@required` member without a default (aggregate-types.rst,
/// "Client error correction").
fn zero_value(ty: &RustType) -> DefaultValue {
    match ty {
        RustType::Scalar(s) => match s {
            Scalar::Boolean => DefaultValue::Bool(false),
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long => DefaultValue::Int(0),
            Scalar::Float | Scalar::Double => DefaultValue::Float(0.0),
            Scalar::String => DefaultValue::String(String::new()),
            Scalar::Blob => DefaultValue::Blob(Vec::new()),
            Scalar::BigInteger | Scalar::BigDecimal => DefaultValue::BigNumber("0".into()),
            Scalar::Document => DefaultValue::Document(Value::Null),
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
