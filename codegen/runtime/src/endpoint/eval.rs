//! Evaluation of a parsed rule set.
//!
//! Values borrow from the rule set, the parameters and the partitions table wherever possible
//! (`Cow` strings, `&Data` partition outputs, `Rc` records), so a typical resolution allocates
//! the slot vector and the strings of the resulting endpoint, little else.

use std::borrow::Cow;
use std::rc::Rc;

use super::super::json::Value;
use super::partition::Data;
use super::ruleset::{
    DefaultValue, EndpointSpec, Expr, Func, Literal, Parsed, PathSegment, Rule, RuleKind, TemplatePart,
};
use super::{stdlib, Endpoint, ParamValue, Params, Partitions, ResolveError};

/// A runtime value. `None` (an empty option) is represented by `Option<Val>` outside.
#[derive(Debug, Clone)]
enum Val<'a> {
    Str(Cow<'a, str>),
    Bool(bool),
    Int(i64),
    Array(Rc<Vec<Val<'a>>>),
    /// Records built by functions (`parseURL`, `aws.parseArn`) or literals.
    Record(Rc<Vec<(&'a str, Val<'a>)>>),
    /// An object or array borrowed from the partitions table (`aws.partition` results).
    Data(&'a Data),
}

impl Val<'_> {
    fn type_name(&self) -> &'static str {
        match self {
            Val::Str(_) => "string",
            Val::Bool(_) => "boolean",
            Val::Int(_) => "integer",
            Val::Array(_) | Val::Data(Data::Array(_)) => "array",
            Val::Record(_) | Val::Data(_) => "object",
        }
    }
}

/// Evaluation failures carry a message; the rule walker adds the path.
type Eval<T> = Result<T, String>;

pub(super) fn resolve(
    rules: &Parsed,
    params: &Params,
    partitions: &Partitions,
) -> Result<Endpoint, ResolveError> {
    let mut slots: Vec<Option<Val<'_>>> = vec![None; rules.slots.max(rules.parameters.len())];
    for (slot, p) in slots.iter_mut().zip(rules.parameters.iter()) {
        match (params.get(&p.name), &p.default) {
            (Some(v), _) if v.ty() != p.ty => {
                return Err(ResolveError::InvalidParameter {
                    name: p.name.to_string(),
                    expected: p.ty,
                });
            }
            (Some(v), _) => *slot = Some(param_val(v)),
            (None, Some(default)) => *slot = Some(default_val(default)),
            (None, None) if p.required => return Err(ResolveError::MissingParameter(p.name.to_string())),
            (None, None) => {}
        }
    }
    let mut evaluator = Evaluator { slots, partitions };
    match evaluator.rules(&rules.rules, None)? {
        Some(endpoint) => Ok(endpoint),
        None => Err(ResolveError::NoMatch {
            path: "rules".into(),
        }),
    }
}

fn param_val(v: &ParamValue) -> Val<'_> {
    match v {
        ParamValue::String(s) => Val::Str(Cow::Borrowed(s)),
        ParamValue::Bool(b) => Val::Bool(*b),
        ParamValue::StringArray(items) => Val::Array(Rc::new(
            items
                .iter()
                .map(|s| Val::Str(Cow::Borrowed(s.as_str())))
                .collect(),
        )),
    }
}

fn default_val(v: &DefaultValue) -> Val<'_> {
    match v {
        DefaultValue::String(s) => Val::Str(Cow::Borrowed(s)),
        DefaultValue::Bool(b) => Val::Bool(*b),
        DefaultValue::StringArray(items) => {
            Val::Array(Rc::new(items.iter().map(|s| Val::Str(Cow::Borrowed(&**s))).collect()))
        }
    }
}

/// Where a rule is: its index in its list, and the tree rule owning the list (none at the top).
/// Errors name the rule by its JSON path (`rules[3].rules[0]`), built from this only then.
#[derive(Clone, Copy)]
struct At<'p> {
    parent: Option<&'p At<'p>>,
    index: usize,
}

impl At<'_> {
    fn path(&self) -> String {
        match self.parent {
            None => format!("rules[{}]", self.index),
            Some(parent) => format!("{}.rules[{}]", parent.path(), self.index),
        }
    }
}

struct Evaluator<'a> {
    slots: Vec<Option<Val<'a>>>,
    partitions: &'a Partitions,
}

fn invalid(path: String, message: String) -> ResolveError {
    ResolveError::Invalid { path, message }
}

impl<'a> Evaluator<'a> {
    /// First applicable rule wins. `Ok(None)`: none applied (the caller decides if that is fatal).
    fn rules(&mut self, rules: &'a [Rule], parent: Option<&At<'_>>) -> Result<Option<Endpoint>, ResolveError> {
        for (index, rule) in rules.iter().enumerate() {
            let at = At { parent, index };
            if !self.conditions(rule, &at)? {
                continue;
            }
            return match &rule.kind {
                RuleKind::Endpoint(spec) => self
                    .endpoint(spec)
                    .map(Some)
                    .map_err(|m| invalid(format!("{}.endpoint", at.path()), m)),
                RuleKind::Error(message) => {
                    let message = self
                        .string(message)
                        .map_err(|m| invalid(format!("{}.error", at.path()), m))?;
                    Err(ResolveError::Rule(message.into_owned()))
                }
                // A tree whose conditions held is terminal: no fallback to its siblings.
                RuleKind::Tree(children) => match self.rules(children, Some(&at))? {
                    Some(endpoint) => Ok(Some(endpoint)),
                    None => Err(ResolveError::NoMatch { path: at.path() }),
                },
            };
        }
        Ok(None)
    }

    /// Evaluates conditions left to right, binding `assign`ed values; stops at the first that fails.
    fn conditions(&mut self, rule: &'a Rule, at: &At<'_>) -> Result<bool, ResolveError> {
        for (i, condition) in rule.conditions.iter().enumerate() {
            let value = self
                .eval(&condition.expr)
                .map_err(|m| invalid(format!("{}.conditions[{i}]", at.path()), m))?;
            match value {
                None | Some(Val::Bool(false)) => return Ok(false),
                Some(value) => {
                    if let Some(slot) = condition.assign {
                        let slot = self.slots.get_mut(slot).ok_or_else(|| {
                            invalid(format!("{}.conditions[{i}]", at.path()), no_slot(slot))
                        })?;
                        *slot = Some(value);
                    }
                }
            }
        }
        Ok(true)
    }

    fn endpoint(&mut self, spec: &'a EndpointSpec) -> Eval<Endpoint> {
        let url = self.string(&spec.url)?.into_owned();
        let mut headers = Vec::with_capacity(spec.headers.len());
        for (name, exprs) in spec.headers.iter() {
            let values = exprs
                .iter()
                .map(|e| self.string(e).map(Cow::into_owned))
                .collect::<Eval<Vec<_>>>()?;
            headers.push((name.to_string(), values));
        }
        let mut properties = Vec::with_capacity(spec.properties.len());
        for (name, literal) in spec.properties.iter() {
            properties.push((name.to_string(), self.literal_json(literal)?));
        }
        Ok(Endpoint { url, headers, properties, disable_host_prefix: false })
    }

    /// An expression that must produce a string (URL, header value, error message).
    fn string(&mut self, expr: &'a Expr) -> Eval<Cow<'a, str>> {
        match self.eval(expr)? {
            Some(Val::Str(s)) => Ok(s),
            Some(other) => Err(format!("expected a string, got {}", other.type_name())),
            None => Err("expected a string, but the value is unset".into()),
        }
    }

    fn eval(&mut self, expr: &'a Expr) -> Eval<Option<Val<'a>>> {
        match expr {
            Expr::Literal(literal) => self.literal(literal).map(Some),
            Expr::Ref(slot) => self.slots.get(*slot).cloned().ok_or_else(|| no_slot(*slot)),
            Expr::Call(func, args) => self.call(*func, args),
            Expr::GetAttr(target, path) => {
                let target = self.arg(Func::GetAttr, target, 0)?;
                get_attr(&target, path)
            }
        }
    }

    fn literal(&mut self, literal: &'a Literal) -> Eval<Val<'a>> {
        Ok(match literal {
            Literal::Text(text) => Val::Str(Cow::Borrowed(text)),
            Literal::Template(parts) => Val::Str(self.template(parts)?),
            Literal::Bool(b) => Val::Bool(*b),
            Literal::Int(n) => Val::Int(*n),
            Literal::Array(items) => Val::Array(Rc::new(
                items.iter().map(|i| self.literal(i)).collect::<Eval<_>>()?,
            )),
            Literal::Record(fields) => Val::Record(Rc::new(
                fields
                    .iter()
                    .map(|(k, v)| Ok((&**k, self.literal(v)?)))
                    .collect::<Eval<_>>()?,
            )),
        })
    }

    /// Literals in endpoint `properties` become JSON (templates expanded).
    fn literal_json(&mut self, literal: &'a Literal) -> Eval<Value> {
        Ok(match literal {
            Literal::Text(text) => Value::String(text.to_string()),
            Literal::Template(parts) => Value::String(self.template(parts)?.into_owned()),
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Int(n) => Value::from(*n),
            Literal::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|i| self.literal_json(i))
                    .collect::<Eval<_>>()?,
            ),
            Literal::Record(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| Ok((k.to_string(), self.literal_json(v)?)))
                    .collect::<Eval<_>>()?,
            ),
        })
    }

    fn template(&self, parts: &'a [TemplatePart]) -> Eval<Cow<'a, str>> {
        if let [single] = parts {
            return self.template_part(single);
        }
        let mut out = String::new();
        for part in parts {
            out.push_str(&self.template_part(part)?);
        }
        Ok(Cow::Owned(out))
    }

    fn template_part(&self, part: &'a TemplatePart) -> Eval<Cow<'a, str>> {
        match part {
            TemplatePart::Text(text) => Ok(Cow::Borrowed(text)),
            TemplatePart::Var(slot, name, path) => {
                let value = self
                    .slots
                    .get(*slot)
                    .ok_or_else(|| no_slot(*slot))?
                    .as_ref()
                    .ok_or_else(|| format!("template variable `{name}` is unset"))?;
                let value = if path.is_empty() {
                    Some(value.clone())
                } else {
                    get_attr(value, path)?
                };
                match value {
                    Some(Val::Str(s)) => Ok(s),
                    Some(other) => Err(format!(
                        "template variable `{name}` is a {}, not a string",
                        other.type_name()
                    )),
                    None => Err(format!("template attribute of `{name}` is unset")),
                }
            }
        }
    }

    fn call(&mut self, f: Func, args: &'a [Expr]) -> Eval<Option<Val<'a>>> {
        let bool_val = |b: bool| Ok(Some(Val::Bool(b)));
        match f {
            Func::IsSet => bool_val(self.eval(expr_arg(f, args, 0)?)?.is_some()),
            Func::Not => bool_val(!self.bool_arg(f, args, 0)?),
            Func::BooleanEquals => {
                let a = self.bool_arg(f, args, 0)?;
                bool_val(a == self.bool_arg(f, args, 1)?)
            }
            Func::StringEquals => {
                let a = self.str_arg(f, args, 0)?;
                bool_val(a == self.str_arg(f, args, 1)?)
            }
            // Parsed as `Expr::GetAttr`; a hand-written `Call` has no path to read.
            Func::GetAttr => Err("`getAttr` needs its path (`Expr::GetAttr`)".into()),
            Func::Substring => {
                let input = self.str_arg(f, args, 0)?;
                let (start, end) = (self.int_arg(f, args, 1)?, self.int_arg(f, args, 2)?);
                let reverse = self.bool_arg(f, args, 3)?;
                let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
                    return Ok(None);
                };
                Ok(match input {
                    Cow::Borrowed(s) => {
                        stdlib::substring(s, start, end, reverse).map(Cow::Borrowed)
                    }
                    Cow::Owned(s) => {
                        stdlib::substring(&s, start, end, reverse).map(|s| Cow::Owned(s.to_owned()))
                    }
                }
                .map(Val::Str))
            }
            Func::UriEncode => Ok(Some(Val::Str(Cow::Owned(stdlib::uri_encode(
                &self.str_arg(f, args, 0)?,
            ))))),
            Func::ParseUrl => {
                let input = self.str_arg(f, args, 0)?;
                Ok(stdlib::parse_url(&input).map(|url| {
                    let owned = |s: &str| Val::Str(Cow::Owned(s.to_owned()));
                    Val::Record(Rc::new(vec![
                        ("scheme", owned(&url.scheme)),
                        ("authority", owned(url.authority)),
                        ("path", owned(url.path)),
                        ("normalizedPath", owned(&url.normalized_path)),
                        ("isIp", Val::Bool(url.is_ip)),
                    ]))
                }))
            }
            Func::IsValidHostLabel => {
                let value = self.str_arg(f, args, 0)?;
                bool_val(stdlib::is_valid_host_label(
                    &value,
                    self.bool_arg(f, args, 1)?,
                ))
            }
            Func::IsVirtualHostableS3Bucket => {
                let value = self.str_arg(f, args, 0)?;
                bool_val(stdlib::is_virtual_hostable_s3_bucket(
                    &value,
                    self.bool_arg(f, args, 1)?,
                ))
            }
            Func::Coalesce => {
                // Arguments are evaluated lazily, in order; the first non-empty one wins.
                for arg in args {
                    if let Some(v) = self.eval(arg)? {
                        return Ok(Some(v));
                    }
                }
                Ok(None)
            }
            Func::Ite => {
                // Only the chosen branch is evaluated.
                let branch = if self.bool_arg(f, args, 0)? { 1 } else { 2 };
                self.eval(expr_arg(f, args, branch)?)
            }
            Func::Split => {
                let input = self.str_arg(f, args, 0)?;
                let delimiter = self.str_arg(f, args, 1)?;
                let limit = self.int_arg(f, args, 2)?;
                let limit = usize::try_from(limit)
                    .map_err(|_| format!("`split` limit must not be negative, got {limit}"))?;
                let parts = match &input {
                    Cow::Borrowed(s) => stdlib::split(s, &delimiter, limit).map(|parts| {
                        parts
                            .into_iter()
                            .map(|p| Val::Str(Cow::Borrowed(p)))
                            .collect()
                    }),
                    Cow::Owned(s) => stdlib::split(s, &delimiter, limit).map(|parts| {
                        parts
                            .into_iter()
                            .map(|p| Val::Str(Cow::Owned(p.to_owned())))
                            .collect()
                    }),
                };
                let parts: Vec<Val<'a>> = parts.ok_or("`split` delimiter must not be empty")?;
                Ok(Some(Val::Array(Rc::new(parts))))
            }
            Func::Partition => {
                let region = self.str_arg(f, args, 0)?;
                Ok(self.partitions.outputs(&region).map(Val::Data))
            }
            Func::ParseArn => {
                let input = self.str_arg(f, args, 0)?;
                Ok(stdlib::parse_arn(&input).map(|arn| {
                    let owned = |s: &str| Val::Str(Cow::Owned(s.to_owned()));
                    let resource_id = arn.resource_id.iter().map(|s| owned(s)).collect();
                    Val::Record(Rc::new(vec![
                        ("partition", owned(arn.partition)),
                        ("service", owned(arn.service)),
                        ("region", owned(arn.region)),
                        ("accountId", owned(arn.account_id)),
                        ("resourceId", Val::Array(Rc::new(resource_id))),
                    ]))
                }))
            }
        }
    }

    /// Argument `i`, which must be set (only `isSet` and `coalesce` accept empty options).
    fn arg(&mut self, f: Func, args: &'a [Expr], i: usize) -> Eval<Val<'a>> {
        self.eval(expr_arg(f, args, i)?)?.ok_or_else(|| {
            format!(
                "argument {} of `{}` is unset (guard it with `isSet`)",
                i + 1,
                f.name()
            )
        })
    }

    fn str_arg(&mut self, f: Func, args: &'a [Expr], i: usize) -> Eval<Cow<'a, str>> {
        match self.arg(f, args, i)? {
            Val::Str(s) => Ok(s),
            other => Err(wrong_type(f, i, "string", &other)),
        }
    }

    fn bool_arg(&mut self, f: Func, args: &'a [Expr], i: usize) -> Eval<bool> {
        match self.arg(f, args, i)? {
            Val::Bool(b) => Ok(b),
            other => Err(wrong_type(f, i, "boolean", &other)),
        }
    }

    fn int_arg(&mut self, f: Func, args: &'a [Expr], i: usize) -> Eval<i64> {
        match self.arg(f, args, i)? {
            Val::Int(n) => Ok(n),
            other => Err(wrong_type(f, i, "integer", &other)),
        }
    }
}

/// Argument `i` unevaluated. Parsed rule sets have every function's arity checked; data built by
/// hand that lacks one is an error, not a panic.
fn expr_arg(f: Func, args: &[Expr], i: usize) -> Eval<&Expr> {
    args.get(i).ok_or_else(|| format!("`{}` has no argument {}", f.name(), i + 1))
}

/// A variable slot past the rule set's `slots` (possible only in data built by hand).
fn no_slot(slot: usize) -> String {
    format!("variable slot {slot} is out of range")
}

fn wrong_type(f: Func, i: usize, expected: &str, got: &Val<'_>) -> String {
    format!(
        "argument {} of `{}` must be a {expected}, got {}",
        i + 1,
        f.name(),
        got.type_name()
    )
}

/// Walks `path` into `value`. A missing key or an index out of range gives an empty option;
/// indexing into the wrong kind of value is an error.
fn get_attr<'a>(value: &Val<'a>, path: &[PathSegment]) -> Eval<Option<Val<'a>>> {
    let mut current = value.clone();
    for segment in path {
        let next = match (segment, &current) {
            (PathSegment::Key(key), Val::Record(fields)) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()),
            (PathSegment::Key(key), Val::Data(data @ Data::Object(_))) => match data.get(key) {
                Some(v) => data_val(v)?,
                None => None,
            },
            (PathSegment::Index(i), Val::Array(items)) => {
                index(items.len(), *i).map(|i| items[i].clone())
            }
            (PathSegment::Index(i), Val::Data(Data::Array(items))) => match index(items.len(), *i) {
                Some(i) => data_val(&items[i])?,
                None => None,
            },
            (PathSegment::Key(key), other) => {
                return Err(format!(
                    "cannot read attribute `{key}` of a {}",
                    other.type_name()
                ));
            }
            (PathSegment::Index(i), other) => {
                return Err(format!("cannot index [{i}] into a {}", other.type_name()))
            }
        };
        match next {
            Some(v) => current = v,
            None => return Ok(None),
        }
    }
    Ok(Some(current))
}

/// Resolves a possibly negative index (counting from the end) against `len`.
fn index(len: usize, i: i64) -> Option<usize> {
    let i = if i < 0 {
        i64::try_from(len).ok()?.checked_add(i)?
    } else {
        i
    };
    usize::try_from(i).ok().filter(|&i| i < len)
}

fn data_val(v: &Data) -> Eval<Option<Val<'_>>> {
    Ok(Some(match v {
        Data::Null => return Ok(None),
        Data::Bool(b) => Val::Bool(*b),
        Data::String(s) => Val::Str(Cow::Borrowed(s)),
        // As `json::Number::as_i64`: an integer literal in range.
        Data::Number(n) => Val::Int(
            Some(n)
                .filter(|n| !n.contains(['.', 'e', 'E']))
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("number {n} is not an integer"))?,
        ),
        Data::Array(_) | Data::Object(_) => Val::Data(v),
    }))
}
