//! Parsing a `smithy.rules#endpointRuleSet` document into an evaluation-ready tree.
//!
//! Everything that can be decided once is decided here: function names and arities, `getAttr`
//! paths, template parts, and every reference is resolved to a variable slot. Slots are
//! positional: parameters first, then one per `assign` currently in scope, so siblings reuse
//! slots and evaluation needs one small vector per resolution.
//!
//! The parsed form is public so that a generated crate can write its rule set as `static` data
//! (every text and list a [`Cow::Borrowed`]) which the same evaluator runs without parsing
//! anything; a rule set parsed at run time owns its texts and lists. It is not a stable API.

use std::borrow::Cow;
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

/// Text of the rule set: borrowed from a generated crate's `static` data, owned when parsed.
pub type Str = Cow<'static, str>;
/// A list in the rule set: borrowed from `static` data, owned when parsed.
pub type List<T> = Cow<'static, [T]>;

/// A declared rule-set parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Name, as used in `{"ref": ...}` and in [`super::Params`].
    pub name: Str,
    /// Declared type.
    pub ty: ParamType,
    /// Built-in binding such as `AWS::Region`.
    pub built_in: Option<Str>,
    /// Whether resolution fails when the parameter has no value and no default.
    pub required: bool,
    /// Value used when none is supplied.
    pub default: Option<DefaultValue>,
    /// Documentation text.
    pub documentation: Option<Str>,
    /// Whether the parameter is marked `deprecated`.
    pub deprecated: bool,
}

/// A parameter's default value (a [`ParamValue`] that can be `static`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultValue {
    /// For `string` parameters.
    String(Str),
    /// For `boolean` parameters.
    Bool(bool),
    /// For `stringArray` parameters.
    StringArray(List<Str>),
}

impl DefaultValue {
    /// The same value as a [`ParamValue`].
    pub fn to_param_value(&self) -> ParamValue {
        match self {
            DefaultValue::String(s) => ParamValue::String(s.to_string()),
            DefaultValue::Bool(b) => ParamValue::Bool(*b),
            DefaultValue::StringArray(items) => ParamValue::StringArray(items.iter().map(|s| s.to_string()).collect()),
        }
    }
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
    pub fn default(&self) -> Option<ParamValue> {
        self.default.as_ref().map(DefaultValue::to_param_value)
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

/// A rule. Its JSON path (`rules[3].rules[0]`), which errors name, follows from its position.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Conditions, all of which must hold.
    pub conditions: List<Condition>,
    /// What the rule gives when they do.
    pub kind: RuleKind,
}

/// What a rule gives.
#[derive(Debug, Clone)]
pub enum RuleKind {
    /// An endpoint.
    Endpoint(EndpointSpec),
    /// An error, with this message.
    Error(Expr),
    /// The first applicable rule of these.
    Tree(List<Rule>),
}

/// A condition: a function call, whose value may be bound to a variable.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The call.
    pub expr: Expr,
    /// Slot receiving the (unwrapped) value when the condition holds.
    pub assign: Option<usize>,
}

/// An endpoint rule's endpoint.
#[derive(Debug, Clone)]
pub struct EndpointSpec {
    /// The URL.
    pub url: Expr,
    /// Headers and their values.
    pub headers: List<(Str, List<Expr>)>,
    /// Properties (such as `authSchemes`).
    pub properties: List<(Str, Literal)>,
}

/// An expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A literal.
    Literal(Literal),
    /// A parameter or assigned variable, by slot.
    Ref(usize),
    /// A function call other than `getAttr`, with its arguments.
    Call(Func, List<Expr>),
    /// `getAttr`: its target (a list of one) and its literal path, parsed at load time.
    GetAttr(List<Expr>, List<PathSegment>),
}

/// Literal values: strings are templates; records and arrays nest literals (not references),
/// as in the Java implementation.
#[derive(Debug, Clone)]
pub enum Literal {
    /// A string without `{variables}` (its `{{` and `}}` already unescaped).
    Text(Str),
    /// A string with `{variables}`: text and variables, in order.
    Template(List<TemplatePart>),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An array.
    Array(List<Literal>),
    /// A record.
    Record(List<(Str, Literal)>),
}

/// A part of a [`Literal::Template`].
#[derive(Debug, Clone)]
pub enum TemplatePart {
    /// Text.
    Text(Str),
    /// `{name}` or `{name#path}` (empty path for the former): slot, name and path.
    Var(usize, Str, List<PathSegment>),
}

/// One step of a `getAttr` path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// A record key.
    Key(Str),
    /// An array index; negative indexes count from the end (rules engine 1.1).
    Index(i64),
}

/// A function of the standard library or the AWS extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `isSet`
    IsSet,
    /// `not`
    Not,
    /// `booleanEquals`
    BooleanEquals,
    /// `stringEquals`
    StringEquals,
    /// `getAttr` (only while parsing: see [`Expr::GetAttr`])
    GetAttr,
    /// `substring`
    Substring,
    /// `uriEncode`
    UriEncode,
    /// `parseURL`
    ParseUrl,
    /// `isValidHostLabel`
    IsValidHostLabel,
    /// `coalesce`
    Coalesce,
    /// `ite`
    Ite,
    /// `split`
    Split,
    /// `aws.partition`
    Partition,
    /// `aws.parseArn`
    ParseArn,
    /// `aws.isVirtualHostableS3Bucket`
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

    /// The name in rule sets.
    pub fn name(self) -> &'static str {
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

/// A parsed rule set: parameters, rules, and the number of variable slots evaluation needs.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The rules-engine version the document declares.
    pub version: Str,
    /// Declared parameters, in document order (their slots are their indexes).
    pub parameters: List<Parameter>,
    /// The rules.
    pub rules: List<Rule>,
    /// Variable slots: parameters, then the most `assign`ed variables in scope at once.
    pub slots: usize,
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
        scope: parameters.iter().map(|p| p.name.to_string()).collect(),
        max_slots: parameters.len(),
    };
    let rules = doc
        .get("rules")
        .and_then(Value::as_array)
        .ok_or_else(|| error("rules", "expected an array"))?;
    let rules = parser.rules(rules, "rules")?;
    Ok(Parsed {
        version: Cow::Owned(version.to_owned()),
        parameters: parameters.into(),
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
        Some(Value::String(s)) => Ok(Some(Cow::Owned(s.clone()))),
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
            Some(v) => Some(default_value(v, ty).ok_or_else(|| {
                error(&at("default"), format!("expected a {} value", ty.as_str()))
            })?),
        };
    Ok(Parameter {
        name: Cow::Owned(name.to_owned()),
        ty,
        built_in: optional_str("builtIn")?,
        required,
        default,
        documentation: optional_str("documentation")?,
        deprecated: def.get("deprecated").is_some(),
    })
}

/// A default of type `ty` (as [`ParamValue::from_json`] reads a value).
fn default_value(v: &Value, ty: ParamType) -> Option<DefaultValue> {
    Some(match ParamValue::from_json(v, ty)? {
        ParamValue::String(s) => DefaultValue::String(Cow::Owned(s)),
        ParamValue::Bool(b) => DefaultValue::Bool(b),
        ParamValue::StringArray(items) => DefaultValue::StringArray(items.into_iter().map(Cow::Owned).collect()),
    })
}

impl Parser {
    fn rules(&mut self, list: &[Value], path: &str) -> Result<List<Rule>> {
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
            conditions: conditions.into(),
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
                headers.push((Cow::Owned(name.clone()), exprs.into()));
            }
        }
        let mut properties = Vec::new();
        if let Some(p) = spec.get("properties") {
            let at = format!("{path}.properties");
            for (name, value) in p
                .as_object()
                .ok_or_else(|| error(&at, "expected an object"))?
            {
                properties.push((Cow::Owned(name.clone()), self.literal(value, &format!("{at}.{name}"))?));
            }
        }
        Ok(EndpointSpec {
            url,
            headers: headers.into(),
            properties: properties.into(),
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
        Ok(if func == Func::GetAttr {
            Expr::GetAttr(args.into(), attr.into())
        } else {
            Expr::Call(func, args.into())
        })
    }

    fn literal(&mut self, v: &Value, path: &str) -> Result<Literal> {
        Ok(match v {
            Value::String(s) => self.template(s, path)?,
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
                    .map(|(k, x)| Ok((Cow::Owned(k.clone()), self.literal(x, &format!("{path}.{k}"))?)))
                    .collect::<Result<_>>()?,
            ),
            Value::Null => return Err(error(path, "null is not a valid literal")),
        })
    }

    /// `{name}` / `{name#path}` insert values; `{{` and `}}` are literal braces.
    fn template(&mut self, s: &str, path: &str) -> Result<Literal> {
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
                parts.push(TemplatePart::Text(Cow::Owned(std::mem::take(&mut text))));
            }
            parts.push(TemplatePart::Var(slot, Cow::Owned(name.to_owned()), attr.into()));
            rest = &after[close + 1..];
        }
        text.push_str(rest);
        if parts.is_empty() {
            return Ok(Literal::Text(Cow::Owned(text)));
        }
        if !text.is_empty() {
            parts.push(TemplatePart::Text(Cow::Owned(text)));
        }
        Ok(Literal::Template(parts.into()))
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
            segments.push(PathSegment::Key(Cow::Owned(key.to_owned())));
        } else if index.is_none() {
            return Err(format!("invalid getAttr path `{text}`: empty key"));
        }
        segments.extend(index.map(PathSegment::Index));
    }
    Ok(segments)
}
