//! `generated/api.json`: a deterministic description of the generated public API, taken from
//! the plan, so `cargo xtask api-diff` can say what a model update changes for a Rust user.
//!
//! Objects keep the key order written here (serde_json's `preserve_order`); arrays keep the
//! plan's order. Plan structs are read field by field, never destructured, so fields added to
//! the IR later do not touch this file.

use crate::plan::{CratePlan, DefaultValue, FieldPlan, OperationPlan, Presence, RustType, Scalar, ServicePlan, StructPlan, TypeDef};
use serde_json::{json, Map, Value};

/// The API surface of the crate as pretty JSON text.
pub fn api_json(plan: &CratePlan) -> String {
    let api = json!({
        "crate": plan.name,
        "version": plan.version,
        "services": plan.services.iter().map(service).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&api).unwrap_or_default();
    text.push('\n');
    text
}

fn service(s: &ServicePlan) -> Value {
    json!({
        "module": s.module,
        "shape": s.shape_id.as_str(),
        "version": s.version,
        "operations": s.operations.iter().map(operation).collect::<Vec<_>>(),
        "types": s.types.iter().map(type_def).collect::<Vec<_>>(),
        "errors": s.errors.iter().map(structure).collect::<Vec<_>>(),
    })
}

fn operation(op: &OperationPlan) -> Value {
    // Errors by the Rust name of their struct (what the operation's error enum shows).
    let errors: Vec<&str> = op.error.variants.iter().map(|v| v.name.as_str()).collect();
    json!({
        "module": op.module,
        "shape": op.shape_id.as_str(),
        "input": structure(&op.input),
        "output": structure(&op.output),
        "errors": errors,
    })
}

fn type_def(def: &TypeDef) -> Value {
    match def {
        TypeDef::Struct(s) => structure(s),
        TypeDef::Enum(e) => json!({
            "kind": if e.int { "intEnum" } else { "enum" },
            "name": e.name,
            "shape": e.shape_id.as_str(),
            "values": e.variants.iter().map(|v| json!({ "name": v.name, "value": v.value })).collect::<Vec<_>>(),
        }),
        TypeDef::Union(u) => json!({
            "kind": "union",
            "name": u.name,
            "shape": u.shape_id.as_str(),
            "members": u.variants.iter().map(|v| {
                // `null` for a unit member: a variant without a value.
                let ty = v.ty.as_ref().map(|t| boxed(type_text(t), v.boxed));
                json!({ "name": v.name, "smithy_name": v.smithy_name, "type": ty })
            }).collect::<Vec<_>>(),
        }),
    }
}

fn structure(s: &StructPlan) -> Value {
    json!({
        "kind": "struct",
        "name": s.name,
        "shape": s.shape_id.as_str(),
        "builder": format!("crate::{}", s.builder.path),
        "build_returns_result": s.builder.fallible,
        "members": s.fields.iter().map(member).collect::<Vec<_>>(),
    })
}

fn member(f: &FieldPlan) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(f.names.field));
    m.insert("smithy_name".into(), json!(f.smithy_name));
    m.insert("type".into(), json!(field_type_text(f)));
    m.insert("optional".into(), json!(f.presence == Presence::Optional));
    if let Presence::Defaulted(d) = &f.presence {
        m.insert("default".into(), default_value(d));
    }
    Value::Object(m)
}

/// The type of a struct field as the generated code declares it, in short form:
/// `Option<Box<crate::athena::types::Foo>>`, `Vec<String>`, `i32`.
fn field_type_text(f: &FieldPlan) -> String {
    let ty = boxed(type_text(&f.ty), f.boxed);
    if f.presence == Presence::Optional {
        format!("Option<{ty}>")
    } else {
        ty
    }
}

fn boxed(ty: String, boxed: bool) -> String {
    if boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

/// A planned type as text: std names unqualified, generated types by their crate path.
fn type_text(ty: &RustType) -> String {
    let element = |t: &RustType, sparse: bool| {
        if sparse {
            format!("Option<{}>", type_text(t))
        } else {
            type_text(t)
        }
    };
    match ty {
        RustType::Scalar(s) => scalar_text(*s).to_string(),
        RustType::Timestamp(_) => "crate::primitives::DateTime".to_string(),
        RustType::ByteStream => "crate::primitives::ByteStream".to_string(),
        RustType::Named { path, .. } => format!("crate::{path}"),
        RustType::List { member, sparse } => format!("Vec<{}>", element(member, *sparse)),
        RustType::Map { key, value, sparse } => format!("HashMap<{}, {}>", type_text(key), element(value, *sparse)),
    }
}

fn scalar_text(s: Scalar) -> &'static str {
    match s {
        Scalar::Blob => "crate::primitives::Blob",
        Scalar::Boolean => "bool",
        Scalar::String => "String",
        Scalar::Byte => "i8",
        Scalar::Short => "i16",
        Scalar::Integer => "i32",
        Scalar::Long => "i64",
        Scalar::Float => "f32",
        Scalar::Double => "f64",
        Scalar::BigInteger => "crate::primitives::BigInteger",
        Scalar::BigDecimal => "crate::primitives::BigDecimal",
        Scalar::Document => "crate::primitives::Document",
    }
}

/// A default as a JSON value. Blobs are base64 text; a float JSON cannot hold is its text.
fn default_value(d: &DefaultValue) -> Value {
    let float = |x: f64| serde_json::Number::from_f64(x).map_or_else(|| json!(x.to_string()), Value::Number);
    match d {
        DefaultValue::Bool(b) => json!(b),
        DefaultValue::Int(i) => json!(i),
        DefaultValue::Float(x) => float(*x),
        DefaultValue::Timestamp { secs, nanos } => {
            let text = runtime::datetime::DateTime::from_secs_and_nanos(*secs, *nanos).fmt(runtime::datetime::Format::EpochSeconds);
            text.ok().and_then(|t| t.parse::<serde_json::Number>().ok()).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        DefaultValue::String(s) | DefaultValue::Enum(s) | DefaultValue::BigNumber(s) => json!(s),
        DefaultValue::Blob(bytes) => json!(runtime::blob::Blob::new(bytes.clone()).to_base64()),
        DefaultValue::EmptyList => json!([]),
        DefaultValue::EmptyMap => json!({}),
        DefaultValue::Document(v) => v.clone(),
    }
}
