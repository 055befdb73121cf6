//! Parsing a `smithy.rules#endpointRuleSet` document into an evaluation-ready tree.
//!
//! Everything that can be decided once is decided here: function names and arities, `getAttr`
//! paths, template parts, and every reference is resolved to a variable slot. Slots are
//! positional: parameters first, then one per `assign` currently in scope, so siblings reuse
//! slots and evaluation needs one small vector per resolution.

use std::fmt;

use super::super::json::{self, Value};
use super::ParamValue;

/// Why a rule set was rejected, naming where (`rules[3].rules[0].conditions[1]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetError {
    /// JSON path of the offending element.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid endpoint rule set at {}: {}",
            self.path, self.message
        )
    }
}

impl std::error::Error for RuleSetError {}

/// The declared type of a parameter (the JSON spelling is compared case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

impl ParamType {
    /// The spec's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        }
    }
}

/// A declared rule-set parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    pub(super) name: String,
    pub(super) ty: ParamType,
    pub(super) built_in: Option<String>,
    pub(super) required: bool,
    pub(super) default: Option<ParamValue>,
    pub(super) documentation: Option<String>,
    pub(super) deprecated: bool,
}

impl Parameter {
    /// Parameter name, as used in `{"ref": ...}` and in [`super::Params`].
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Declared type.
    pub fn ty(&self) -> ParamType {
        self.ty
    }
    /// Built-in binding such as `AWS::Region` or `SDK::Endpoint`.
    pub fn built_in(&self) -> Option<&str> {
        self.built_in.as_deref()
    }
    /// Whether resolution fails when the parameter has no value and no default.
    pub fn required(&self) -> bool {
        self.required
    }
    /// Value used when none is supplied.
    pub fn default(&self) -> Option<&ParamValue> {
        self.default.as_ref()
    }
    /// Documentation text.
    pub fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }
    /// Whether the parameter is marked `deprecated`.
    pub fn deprecated(&self) -> bool {
        self.deprecated
    }
}

/// A rule with its JSON path kept for error messages.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub(super) path: Box<str>,
    pub(super) conditions: Vec<Condition>,
    pub(super) kind: RuleKind,
}

#[derive(Debug, Clone)]
pub(super) enum RuleKind {
    Endpoint(EndpointSpec),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
pub(super) struct Condition {
    pub(super) expr: Expr,
    /// Slot receiving the (unwrapped) value when the condition holds.
    pub(super) assign: Option<usize>,
}

#[derive(Debug, Clone)]
pub(super) struct EndpointSpec {
    pub(super) url: Expr,
    pub(super) headers: Vec<(String, Vec<Expr>)>,
    pub(super) properties: Vec<(String, Literal)>,
}

#[derive(Debug, Clone)]
pub(super) enum Expr {
    Literal(Literal),
    /// A parameter or assigned variable, by slot.
    Ref(usize),
    Call(Box<Call>),
}

/// Literal values: strings are templates; records and arrays nest literals (not references),
/// as in the Java implementation.
#[derive(Debug, Clone)]
pub(super) enum Literal {
    Str(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Literal>),
    Record(Vec<(String, Literal)>),
}

#[derive(Debug, Clone)]
pub(super) struct Template {
    pub(super) parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone)]
pub(super) enum TemplatePart {
    Text(String),
    /// `{name}` or `{name#path}` (empty path for the former).
    Var {
        slot: usize,
        name: Box<str>,
        path: Vec<PathSegment>,
    },
}

/// One step of a `getAttr` path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PathSegment {
    Key(String),
    /// Negative indexes count from the end (rules engine 1.1).
    Index(i64),
}

#[derive(Debug, Clone)]
pub(super) struct Call {
    pub(super) func: Func,
    /// Evaluated arguments (for `getAttr`, only the target).
    pub(super) args: Vec<Expr>,
    /// `getAttr`'s literal path, parsed at load time; empty for other functions.
    pub(super) attr: Vec<PathSegment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Func {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    GetAttr,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Coalesce,
    Ite,
    Split,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl Func {
    fn from_name(name: &str) -> Option<Func> {
        Some(match name {
            "isSet" => Func::IsSet,
            "not" => Func::Not,
            "booleanEquals" => Func::BooleanEquals,
            "stringEquals" => Func::StringEquals,
            "getAttr" => Func::GetAttr,
            "substring" => Func::Substring,
            "uriEncode" => Func::UriEncode,
            "parseURL" => Func::ParseUrl,
            "isValidHostLabel" => Func::IsValidHostLabel,
            "coalesce" => Func::Coalesce,
            "ite" => Func::Ite,
            "split" => Func::Split,
            "aws.partition" => Func::Partition,
            "aws.parseArn" => Func::ParseArn,
            "aws.isVirtualHostableS3Bucket" => Func::IsVirtualHostableS3Bucket,
            _ => return None,
        })
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Func::IsSet => "isSet",
            Func::Not => "not",
            Func::BooleanEquals => "booleanEquals",
            Func::StringEquals => "stringEquals",
            Func::GetAttr => "getAttr",
            Func::Substring => "substring",
            Func::UriEncode => "uriEncode",
            Func::ParseUrl => "parseURL",
            Func::IsValidHostLabel => "isValidHostLabel",
            Func::Coalesce => "coalesce",
            Func::Ite => "ite",
            Func::Split => "split",
            Func::Partition => "aws.partition",
            Func::ParseArn => "aws.parseArn",
            Func::IsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    /// Accepted `argv` lengths (inclusive).
    fn arity(self) -> (usize, usize) {
        match self {
            Func::IsSet
            | Func::Not
            | Func::UriEncode
            | Func::ParseUrl
            | Func::Partition
            | Func::ParseArn => (1, 1),
            Func::BooleanEquals
            | Func::StringEquals
            | Func::GetAttr
            | Func::IsValidHostLabel
            | Func::IsVirtualHostableS3Bucket => (2, 2),
            Func::Ite | Func::Split => (3, 3),
            Func::Substring => (4, 4),
            Func::Coalesce => (2, usize::MAX),
        }
    }
}

/// Parsed rule set: parameters, rules, and the number of variable slots evaluation needs.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    pub(super) version: String,
    pub(super) parameters: Vec<Parameter>,
    pub(super) rules: Vec<Rule>,
    pub(super) slots: usize,
}

/// Parse state: the names in scope (index = slot) and the high-water mark of slots.
struct Parser {
    scope: Vec<String>,
    max_slots: usize,
}

type Result<T> = std::result::Result<T, RuleSetError>;

fn error(path: &str, message: impl Into<String>) -> RuleSetError {
    RuleSetError {
        path: path.to_owned(),
        message: message.into(),
    }
}

pub(super) fn parse_text(text: &str) -> Result<Parsed> {
    let doc = json::parse(text.as_bytes()).map_err(|e| error("$", e.to_string()))?;
    parse_value(&doc)
}

pub(super) fn parse_value(doc: &Value) -> Result<Parsed> {
    if doc.as_object().is_none() {
        return Err(error("$", "expected an object"));
    }
    let version = doc
        .get("version")
        .and_then(Value::as_str)
        .ok_or_else(|| error("version", "expected a string"))?;
    if version.split('.').next() != Some("1") {
        return Err(error(
            "version",
            format!("unsupported rule set version `{version}` (expected 1.x)"),
        ));
    }
    let params = doc
        .get("parameters")
        .ok_or_else(|| error("parameters", "missing"))?;
    let params = params
        .as_object()
        .ok_or_else(|| error("parameters", "expected an object"))?;
    let mut parameters = Vec::with_capacity(params.len());
    for (name, def) in params {
        if parameters.iter().any(|p: &Parameter| &p.name == name) {
            return Err(error(&format!("parameters.{name}"), "duplicate parameter"));
        }
        parameters.push(parse_parameter(name, def)?);
    }
    let mut parser = Parser {
        scope: parameters.iter().map(|p| p.name.clone()).collect(),
        max_slots: parameters.len(),
    };
    let rules = doc
        .get("rules")
        .and_then(Value::as_array)
        .ok_or_else(|| error("rules", "expected an array"))?;
    let rules = parser.rules(rules, "rules")?;
    Ok(Parsed {
        version: version.to_owned(),
        parameters,
        rules,
        slots: parser.max_slots,
    })
}

fn parse_parameter(name: &str, def: &Value) -> Result<Parameter> {
    let path = format!("parameters.{name}");
    let at = |field: &str| format!("{path}.{field}");
    if def.as_object().is_none() {
        return Err(error(&path, "expected an object"));
    }
    let ty = def
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| error(&at("type"), "expected a string"))?;
    let ty = match ty.to_ascii_lowercase().as_str() {
        "string" => ParamType::String,
        "boolean" => ParamType::Boolean,
        "stringarray" => ParamType::StringArray,
        _ => return Err(error(&at("type"), format!("unknown parameter type `{ty}`"))),
    };
    let optional_str = |field: &str| match def.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(error(&at(field), "expected a string")),
    };
    let required = match def.get("required") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(error(&at("required"), "expected a boolean")),
    };
    let default =
        match def.get("default") {
            None | Some(Value::Null) => None,
            Some(v) => Some(ParamValue::from_json(v, ty).ok_or_else(|| {
                error(&at("default"), format!("expected a {} value", ty.as_str()))
            })?),
        };
    Ok(Parameter {
        name: name.to_owned(),
        ty,
        built_in: optional_str("builtIn")?,
        required,
        default,
        documentation: optional_str("documentation")?,
        deprecated: def.get("deprecated").is_some(),
    })
}

impl Parser {
    fn rules(&mut self, list: &[Value], path: &str) -> Result<Vec<Rule>> {
        list.iter()
            .enumerate()
            .map(|(i, r)| self.rule(r, &format!("{path}[{i}]")))
            .collect()
    }

    fn rule(&mut self, rule: &Value, path: &str) -> Result<Rule> {
        if rule.as_object().is_none() {
            return Err(error(path, "expected a rule object"));
        }
        let ty = rule
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| error(path, "missing rule `type`"))?;
        let conds = rule
            .get("conditions")
            .and_then(Value::as_array)
            .ok_or_else(|| error(&format!("{path}.conditions"), "expected an array"))?;
        // Variables assigned by this rule's conditions are visible to later conditions and the
        // rule's body (for a tree: all descendants), and go out of scope afterwards.
        let scope_len = self.scope.len();
        let result = self.rule_body(rule, ty, conds, path);
        self.scope.truncate(scope_len);
        result
    }

    fn rule_body(&mut self, rule: &Value, ty: &str, conds: &[Value], path: &str) -> Result<Rule> {
        let mut conditions = Vec::with_capacity(conds.len());
        for (i, c) in conds.iter().enumerate() {
            conditions.push(self.condition(c, &format!("{path}.conditions[{i}]"))?);
        }
        let kind = match ty {
            "endpoint" => {
                let at = format!("{path}.endpoint");
                let spec = rule.get("endpoint").ok_or_else(|| error(&at, "missing"))?;
                RuleKind::Endpoint(self.endpoint(spec, &at)?)
            }
            "error" => {
                let at = format!("{path}.error");
                let message = rule.get("error").ok_or_else(|| error(&at, "missing"))?;
                RuleKind::Error(self.expr(message, &at)?)
            }
            "tree" => {
                let at = format!("{path}.rules");
                let rules = rule
                    .get("rules")
                    .and_then(Value::as_array)
                    .ok_or_else(|| error(&at, "expected an array"))?;
                RuleKind::Tree(self.rules(rules, &at)?)
            }
            other => return Err(error(path, format!("unknown rule type `{other}`"))),
        };
        Ok(Rule {
            path: path.into(),
            conditions,
            kind,
        })
    }

    fn condition(&mut self, cond: &Value, path: &str) -> Result<Condition> {
        if cond.get("fn").is_none() {
            return Err(error(path, "a condition must be a function call (`fn`)"));
        }
        let expr = self.expr(cond, path)?;
        let assign = match cond.get("assign") {
            None => None,
            Some(Value::String(name)) => {
                if self.scope.iter().any(|n| n == name) {
                    return Err(error(
                        path,
                        format!("`assign` would shadow `{name}`, which is already in scope"),
                    ));
                }
                self.scope.push(name.clone());
                self.max_slots = self.max_slots.max(self.scope.len());
                Some(self.scope.len() - 1)
            }
            Some(_) => return Err(error(&format!("{path}.assign"), "expected a string")),
        };
        Ok(Condition { expr, assign })
    }

    fn endpoint(&mut self, spec: &Value, path: &str) -> Result<EndpointSpec> {
        if spec.as_object().is_none() {
            return Err(error(path, "expected an object"));
        }
        let url_path = format!("{path}.url");
        let url = self.expr(
            spec.get("url").ok_or_else(|| error(&url_path, "missing"))?,
            &url_path,
        )?;
        let mut headers = Vec::new();
        if let Some(h) = spec.get("headers") {
            let at = format!("{path}.headers");
            for (name, values) in h
                .as_object()
                .ok_or_else(|| error(&at, "expected an object"))?
            {
                let at = format!("{at}.{name}");
                let values = values
                    .as_array()
                    .ok_or_else(|| error(&at, "expected an array"))?;
                let exprs = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.expr(v, &format!("{at}[{i}]")))
                    .collect::<Result<Vec<_>>>()?;
                headers.push((name.clone(), exprs));
            }
        }
        let mut properties = Vec::new();
        if let Some(p) = spec.get("properties") {
            let at = format!("{path}.properties");
            for (name, value) in p
                .as_object()
                .ok_or_else(|| error(&at, "expected an object"))?
            {
                properties.push((name.clone(), self.literal(value, &format!("{at}.{name}"))?));
            }
        }
        Ok(EndpointSpec {
            url,
            headers,
            properties,
        })
    }

    /// An expression: `{"ref"}`, `{"fn", "argv"}`, or a literal (strings are templates).
    fn expr(&mut self, v: &Value, path: &str) -> Result<Expr> {
        if let Value::Object(_) = v {
            if let Some(name) = v.get("ref") {
                let name = name
                    .as_str()
                    .ok_or_else(|| error(path, "`ref` must be a string"))?;
                let slot = self
                    .lookup(name)
                    .ok_or_else(|| error(path, format!("unknown reference `{name}`")))?;
                return Ok(Expr::Ref(slot));
            }
            if let Some(name) = v.get("fn") {
                return self.call(v, name, path);
            }
        }
        Ok(Expr::Literal(self.literal(v, path)?))
    }

    fn call(&mut self, v: &Value, name: &Value, path: &str) -> Result<Expr> {
        let name = name
            .as_str()
            .ok_or_else(|| error(path, "`fn` must be a string"))?;
        let func = Func::from_name(name)
            .ok_or_else(|| error(path, format!("unknown function `{name}`")))?;
        let argv = v
            .get("argv")
            .and_then(Value::as_array)
            .ok_or_else(|| error(path, format!("`{name}` needs an `argv` array")))?;
        let (min, max) = func.arity();
        if argv.len() < min || argv.len() > max {
            let expected = if min == max {
                min.to_string()
            } else {
                format!("at least {min}")
            };
            return Err(error(
                path,
                format!("`{name}` takes {expected} arguments, got {}", argv.len()),
            ));
        }
        let mut args = Vec::with_capacity(argv.len());
        let mut attr = Vec::new();
        for (i, a) in argv.iter().enumerate() {
            let at = format!("{path}.argv[{i}]");
            if func == Func::GetAttr && i == 1 {
                // The path must be a literal string, so it is parsed once, here.
                let text = a
                    .as_str()
                    .ok_or_else(|| error(&at, "getAttr path must be a string literal"))?;
                attr = parse_attr_path(text).map_err(|m| error(&at, m))?;
            } else {
                args.push(self.expr(a, &at)?);
            }
        }
        Ok(Expr::Call(Box::new(Call { func, args, attr })))
    }

    fn literal(&mut self, v: &Value, path: &str) -> Result<Literal> {
        Ok(match v {
            Value::String(s) => Literal::Str(self.template(s, path)?),
            Value::Bool(b) => Literal::Bool(*b),
            Value::Number(n) => Literal::Int(
                n.as_i64()
                    .ok_or_else(|| error(path, "numbers must be integers"))?,
            ),
            Value::Array(items) => Literal::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.literal(x, &format!("{path}[{i}]")))
                    .collect::<Result<_>>()?,
            ),
            Value::Object(members) => Literal::Record(
                members
                    .iter()
                    .map(|(k, x)| Ok((k.clone(), self.literal(x, &format!("{path}.{k}"))?)))
                    .collect::<Result<_>>()?,
            ),
            Value::Null => return Err(error(path, "null is not a valid literal")),
        })
    }

    /// `{name}` / `{name#path}` insert values; `{{` and `}}` are literal braces.
    fn template(&mut self, s: &str, path: &str) -> Result<Template> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(['{', '}']) {
            text.push_str(&rest[..i]);
            let brace = rest.as_bytes()[i];
            let after = &rest[i + 1..];
            if after.as_bytes().first() == Some(&brace) {
                text.push(brace as char);
                rest = &after[1..];
                continue;
            }
            if brace == b'}' {
                return Err(error(path, format!("unmatched `}}` in template `{s}`")));
            }
            let close = after
                .find('}')
                .ok_or_else(|| error(path, format!("unclosed `{{` in template `{s}`")))?;
            let inner = &after[..close];
            if inner.contains('{') {
                return Err(error(path, format!("nested `{{` in template `{s}`")));
            }
            let (name, attr) = match inner.split_once('#') {
                Some((name, attr)) => (name, parse_attr_path(attr).map_err(|m| error(path, m))?),
                None => (inner, Vec::new()),
            };
            let slot = self.lookup(name).ok_or_else(|| {
                error(
                    path,
                    format!("unknown reference `{name}` in template `{s}`"),
                )
            })?;
            if !text.is_empty() {
                parts.push(TemplatePart::Text(std::mem::take(&mut text)));
            }
            parts.push(TemplatePart::Var {
                slot,
                name: name.into(),
                path: attr,
            });
            rest = &after[close + 1..];
        }
        text.push_str(rest);
        if !text.is_empty() || parts.is_empty() {
            parts.push(TemplatePart::Text(text));
        }
        Ok(Template { parts })
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.scope.iter().rposition(|n| n == name)
    }
}

/// `a.b[2]`, `[0]`, `resourceId[-1]`: `.`-separated keys, each optionally followed by `[n]`.
fn parse_attr_path(text: &str) -> std::result::Result<Vec<PathSegment>, String> {
    let mut segments = Vec::new();
    for component in text.split('.') {
        let (key, index) = match component.find('[') {
            Some(open) => {
                let digits = component[open + 1..].strip_suffix(']').ok_or_else(|| {
                    format!("invalid getAttr path `{text}`: `[` without a closing `]`")
                })?;
                let index: i64 = digits.parse().map_err(|_| {
                    format!("invalid getAttr path `{text}`: `{digits}` is not an index")
                })?;
                (&component[..open], Some(index))
            }
            None => (component, None),
        };
        if !key.is_empty() {
            segments.push(PathSegment::Key(key.to_owned()));
        } else if index.is_none() {
            return Err(format!("invalid getAttr path `{text}`: empty key"));
        }
        segments.extend(index.map(PathSegment::Index));
    }
    Ok(segments)
}
