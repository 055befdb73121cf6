//! Paginators from `smithy.api#paginated` (behavior-traits.rst, "paginated trait"): the
//! operation's trait merged over the service's (the service gives defaults for the tokens and
//! the page size; `items` is the operation's own), checked against the planned input and
//! output, and resolved to the fields the paginator reads and sets.

use super::ir::{
    FieldPlan, ItemPath, OperationPlan, OutputStep, PageItem, PageSize, PaginatorItems, PaginatorPlan, Presence, RustType, Scalar,
    TypeDef,
};
use super::names::Names;
use crate::model::{Model, Shape};
use crate::{naming, Result};
use serde_json::Value;

/// The paginator of `op`, if its operation has `@paginated` (the service's filling what the
/// operation's leaves out); `types` are the service's, for paths through nested structures.
pub fn plan(
    model: &Model,
    service: &Shape,
    operation: &Shape,
    op: &OperationPlan,
    types: &[TypeDef],
    names: &mut Names,
) -> Result<Option<PaginatorPlan>> {
    let Some(own) = operation.traits.get("smithy.api#paginated") else { return Ok(None) };
    let defaults = service.traits.get("smithy.api#paginated");
    let member = |key: &str| -> Option<String> {
        own.get(key).or_else(|| defaults.and_then(|d| d.get(key))).and_then(Value::as_str).map(String::from)
    };
    let fail = |message: String| model.error(&operation.id, message);
    // behavior-traits.rst: a paginated operation needs both tokens, from itself or its service.
    let (Some(input_token), Some(output_token)) = (member("inputToken"), member("outputToken")) else {
        return Err(fail("@paginated needs `inputToken` and `outputToken` (on the operation or its service)".into()));
    };
    let input_field = top_level(&op.input.fields, &input_token)
        .ok_or_else(|| fail(format!("@paginated inputToken `{input_token}` is not a member of the input")))?;
    if !is_token(&input_field.ty) {
        return Err(fail(format!("@paginated inputToken `{input_token}` must target a string or a map")));
    }
    let (output_path, output_ty) = path(op, types, &output_token).map_err(|e| fail(format!("@paginated outputToken `{output_token}`: {e}")))?;
    if output_ty != input_field.ty {
        return Err(fail(format!("@paginated outputToken `{output_token}` and inputToken `{input_token}` have different types")));
    }
    let page_size = match member("pageSize") {
        None => None,
        Some(name) => {
            let field = top_level(&op.input.fields, &name).ok_or_else(|| fail(format!("@paginated pageSize `{name}` is not a member of the input")))?;
            if !matches!(field.ty, RustType::Scalar(Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long)) {
                return Err(fail(format!("@paginated pageSize `{name}` must target an integer")));
            }
            Some(PageSize { setter: field.names.field.clone(), ty: field.ty.clone() })
        }
    };
    let module: Vec<&str> = op.input.path.module.iter().map(String::as_str).chain(["paginator"]).collect();
    let rust_name = naming::type_name(&op.name);
    let paginator = ItemPath::new(&module, format!("{rust_name}Paginator"));
    let owner = operation.id.to_string();
    names.define(&ItemPath::new(&module[..module.len() - 1], "paginator"), &owner)?;
    names.define(&paginator, &owner)?;
    let builder_scope: Vec<String> = op.fluent_builder.module.iter().cloned().chain([op.fluent_builder.name.clone()]).collect();
    names.define(&ItemPath { module: builder_scope, name: "into_paginator".into() }, "the generated method `into_paginator`")?;
    let items = match own.get("items").and_then(Value::as_str) {
        None => None,
        Some(items) => {
            let (steps, ty) = path(op, types, items).map_err(|e| fail(format!("@paginated items `{items}`: {e}")))?;
            let item = match ty {
                RustType::List { member, sparse } => PageItem::Element { ty: *member, sparse },
                RustType::Map { key, value, sparse } => PageItem::Entry { key: *key, value: *value, sparse },
                _ => return Err(fail(format!("@paginated items `{items}` must target a list or a map"))),
            };
            let items = ItemPath::new(&module, format!("{rust_name}PaginatorItems"));
            names.define(&items, &owner)?;
            Some(PaginatorItems { items, path: steps, item })
        }
    };
    Ok(Some(PaginatorPlan {
        paginator,
        input_token: input_field.names.clone(),
        token: input_field.ty.clone(),
        output_token: output_path,
        page_size,
        items,
    }))
}

/// The input member called `name` (the member name of the model).
fn top_level<'a>(fields: &'a [FieldPlan], name: &str) -> Option<&'a FieldPlan> {
    fields.iter().find(|f| f.smithy_name == name)
}

/// Tokens are strings or maps (behavior-traits.rst, "paginated trait").
fn is_token(ty: &RustType) -> bool {
    matches!(ty, RustType::Scalar(Scalar::String) | RustType::Map { .. })
}

/// The fields a dotted member path of the output reads (`Result.NextToken`), and the type at
/// its end.
fn path(op: &OperationPlan, types: &[TypeDef], dotted: &str) -> std::result::Result<(Vec<OutputStep>, RustType), String> {
    let mut fields: &[FieldPlan] = &op.output.fields;
    let mut steps = Vec::new();
    let parts: Vec<&str> = dotted.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let field = top_level(fields, part).ok_or_else(|| format!("no member `{part}` on the way"))?;
        steps.push(OutputStep { field: field.names.field.clone(), optional: field.presence == Presence::Optional, boxed: field.boxed });
        if i + 1 == parts.len() {
            return Ok((steps, field.ty.clone()));
        }
        let RustType::Named { path, .. } = &field.ty else { return Err(format!("`{part}` is not a structure")) };
        fields = types
            .iter()
            .find_map(|t| match t {
                TypeDef::Struct(s) if &s.path == path => Some(s.fields.as_slice()),
                _ => None,
            })
            .ok_or_else(|| format!("`{part}` is not a structure"))?;
    }
    Err("an empty path".into())
}
