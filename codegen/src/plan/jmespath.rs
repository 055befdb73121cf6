//! JMESPath (jmespath.org, "JMESPath Specification"), the subset waiters use, compiled at
//! generation time: an expression is parsed here, then typed against the planned structures
//! (waiters.rst, "JMESPath data model") into an [`Expr`], which the emitter writes as Rust that
//! reads the generated structs' fields. A path that names no member, or uses what this subset
//! leaves out, is a generation error naming the part, never an expression that silently
//! evaluates to null.
//!
//! The subset: identifiers (bare and quoted), sub-expressions (`a.b`), pipes, indexes (`[0]`,
//! `[-1]`), list projections (`a[*].b`), flattening (`a[].b`), filter projections
//! (`a[?b == 'x']`) with `==`, `!=`, `<`, `<=`, `>`, `>=`, `&&`, `||`, `!` and parentheses,
//! the current node `@`, literals (`'raw'` and `` `json` ``), and the functions `length()` and
//! `contains()`. Left out: slices, multi-select lists and hashes, object wildcards (`*`),
//! expression references (`&`) and the other functions.
//!
//! Where the specification makes an expression null at run time for a reason the types show
//! in advance (a member read from an array, `<` between strings, a comparison of values of
//! different types), the typing rejects it instead: such a path never matches, which is what
//! the specification's static analysis (waiters.rst, "JMESPath static analysis") warns of.

use super::ir::{CompareOp, Expr, ExprKind, ItemPath, JmesType, Literal, NamedKind, Presence, RustType, Scalar, StructPlan, UnionPlan};
use serde_json::Value;
use std::collections::BTreeMap;

/// A parsed, untyped expression (the shapes of the reference parser's syntax tree).
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// `@`, and the implicit current node.
    Identity,
    Field(String),
    /// `a.b` and `a | b`: `rhs` evaluated on the value of `lhs`.
    Subexpr(Box<Ast>, Box<Ast>),
    /// `[i]` of the current node.
    Index(i64),
    /// `rhs` evaluated on each element of `lhs`, null results dropped.
    Projection(Box<Ast>, Box<Ast>),
    Flatten(Box<Ast>),
    /// A filter: `then` of the current node when `predicate` is truthy, else null.
    Condition(Box<Ast>, Box<Ast>),
    Compare(CompareOp, Box<Ast>, Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Not(Box<Ast>),
    Literal(Value),
    Function(String, Vec<Ast>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Identifier(String),
    Quoted(String),
    Number(i64),
    Literal(Value),
    Dot,
    Star,
    Flatten,
    Filter,
    Lbracket,
    Rbracket,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Ampersand,
    Not,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    At,
    Lparen,
    Rparen,
    Lbrace,
    Rbrace,
    Eof,
}

impl Token {
    /// Left binding powers, as the reference parser (jmespath.rs) has them.
    fn lbp(&self) -> usize {
        match self {
            Token::Pipe => 1,
            Token::Or => 2,
            Token::And => 3,
            Token::Eq | Token::Ne | Token::Lt | Token::Le | Token::Gt | Token::Ge => 5,
            Token::Flatten => 9,
            Token::Star => 20,
            Token::Filter => 21,
            Token::Dot => 40,
            Token::Not => 45,
            Token::Lbrace => 50,
            Token::Lbracket => 55,
            Token::Lparen => 60,
            _ => 0,
        }
    }

    fn describe(&self) -> String {
        match self {
            Token::Identifier(s) => format!("identifier `{s}`"),
            Token::Quoted(s) => format!("identifier \"{s}\""),
            Token::Number(n) => format!("number `{n}`"),
            Token::Literal(v) => format!("literal `{v}`"),
            Token::Eof => "the end of the expression".into(),
            other => {
                let text = match other {
                    Token::Dot => ".",
                    Token::Star => "*",
                    Token::Flatten => "[]",
                    Token::Filter => "[?",
                    Token::Lbracket => "[",
                    Token::Rbracket => "]",
                    Token::Comma => ",",
                    Token::Colon => ":",
                    Token::Pipe => "|",
                    Token::Or => "||",
                    Token::And => "&&",
                    Token::Ampersand => "&",
                    Token::Not => "!",
                    Token::Eq => "==",
                    Token::Ne => "!=",
                    Token::Lt => "<",
                    Token::Le => "<=",
                    Token::Gt => ">",
                    Token::Ge => ">=",
                    Token::At => "@",
                    Token::Lparen => "(",
                    Token::Rparen => ")",
                    Token::Lbrace => "{",
                    Token::Rbrace => "}",
                    _ => "?",
                };
                format!("`{text}`")
            }
        }
    }
}

/// Splits an expression into tokens with their character offsets.
fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize, message: &str| format!("{message} at offset {i}");
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let next = chars.get(i + 1).copied();
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push((start, Token::Identifier(chars[start..i].iter().collect())));
                continue;
            }
            '0'..='9' | '-' => {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                let n = digits.parse::<i64>().map_err(|_| at(start, &format!("invalid number `{digits}`")))?;
                out.push((start, Token::Number(n)));
                continue;
            }
            '"' => {
                let inside = delimited(&chars, &mut i, '"').ok_or_else(|| at(start, "unclosed quoted identifier"))?;
                // A quoted identifier is a JSON string.
                let name: String = serde_json::from_str(&format!("\"{inside}\""))
                    .map_err(|e| at(start, &format!("invalid quoted identifier \"{inside}\": {e}")))?;
                out.push((start, Token::Quoted(name)));
                continue;
            }
            '\'' => {
                let inside = delimited(&chars, &mut i, '\'').ok_or_else(|| at(start, "unclosed raw string"))?;
                // raw-string-escape: `\'` and `\\`; any other backslash stays.
                let mut value = String::new();
                let mut it = inside.chars().peekable();
                while let Some(c) = it.next() {
                    match (c, it.peek()) {
                        ('\\', Some('\'')) | ('\\', Some('\\')) => value.extend(it.next()),
                        _ => value.push(c),
                    }
                }
                out.push((start, Token::Literal(Value::String(value))));
                continue;
            }
            '`' => {
                let inside = delimited(&chars, &mut i, '`').ok_or_else(|| at(start, "unclosed JSON literal"))?;
                let json = inside.replace("\\`", "`");
                let value: Value =
                    serde_json::from_str(&json).map_err(|e| at(start, &format!("invalid JSON literal `{json}`: {e}")))?;
                out.push((start, Token::Literal(value)));
                continue;
            }
            '[' => match next {
                Some(']') => (2, Token::Flatten),
                Some('?') => (2, Token::Filter),
                _ => (1, Token::Lbracket),
            },
            '|' => if next == Some('|') { (2, Token::Or) } else { (1, Token::Pipe) },
            '&' => if next == Some('&') { (2, Token::And) } else { (1, Token::Ampersand) },
            '!' => if next == Some('=') { (2, Token::Ne) } else { (1, Token::Not) },
            '=' if next == Some('=') => (2, Token::Eq),
            '<' => if next == Some('=') { (2, Token::Le) } else { (1, Token::Lt) },
            '>' => if next == Some('=') { (2, Token::Ge) } else { (1, Token::Gt) },
            '.' => (1, Token::Dot),
            '*' => (1, Token::Star),
            ']' => (1, Token::Rbracket),
            ',' => (1, Token::Comma),
            ':' => (1, Token::Colon),
            '@' => (1, Token::At),
            '(' => (1, Token::Lparen),
            ')' => (1, Token::Rparen),
            '{' => (1, Token::Lbrace),
            '}' => (1, Token::Rbrace),
            other => return Err(at(start, &format!("unexpected character `{other}`"))),
        };
        i += token.0;
        out.push((start, token.1));
    }
    out.push((chars.len(), Token::Eof));
    Ok(out)
}

/// The text between the delimiter at `chars[*i]` and the next one not escaped by a backslash
/// (escapes kept); `*i` moves past the closing delimiter.
fn delimited(chars: &[char], i: &mut usize, delimiter: char) -> Option<String> {
    let mut j = *i + 1;
    let mut inside = String::new();
    while j < chars.len() {
        match chars[j] {
            '\\' if j + 1 < chars.len() => {
                inside.push('\\');
                inside.push(chars[j + 1]);
                j += 2;
            }
            c if c == delimiter => {
                *i = j + 1;
                return Some(inside);
            }
            c => {
                inside.push(c);
                j += 1;
            }
        }
    }
    None
}

/// The binding power below which a token ends a projection.
const PROJECTION_STOP: usize = 10;

/// A top-down operator precedence parser, following the reference implementation's rules.
struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
}

/// The most tokens a path may have. Parsing, typing and emitting recurse on the tree, whose
/// depth the token count bounds, so a hostile model cannot exhaust the stack; the paths of the
/// AWS models have a few dozen at most.
const MAX_TOKENS: usize = 256;

/// Parses an expression of the subset, or says what is wrong or left out, and where.
pub fn parse(text: &str) -> Result<Ast, String> {
    let tokens = tokenize(text)?;
    // (The last token is the end of the expression.)
    if tokens.len() - 1 > MAX_TOKENS {
        return Err(format!("the expression has {} tokens, more than the {MAX_TOKENS} a waiter path may have", tokens.len() - 1));
    }
    let mut parser = Parser { tokens, at: 0 };
    let ast = parser.expr(0)?;
    match parser.peek() {
        Token::Eof => Ok(ast),
        t => Err(parser.unexpected(t, "the end of the expression")),
    }
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.at.min(self.tokens.len() - 1)].1
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        &self.tokens[(self.at + ahead).min(self.tokens.len() - 1)].1
    }

    fn offset(&self) -> usize {
        self.tokens[self.at.min(self.tokens.len() - 1)].0
    }

    fn advance(&mut self) -> Token {
        let token = self.peek().clone();
        self.at += 1;
        token
    }

    fn unexpected(&self, found: &Token, expected: &str) -> String {
        format!("expected {expected} but found {} at offset {}", found.describe(), self.offset())
    }

    /// A construct of JMESPath this subset leaves out, at the current token.
    fn unsupported(&self, what: &str) -> String {
        format!("{what} (at offset {}) is not supported in waiter paths", self.offset())
    }

    fn expect(&mut self, token: Token) -> Result<(), String> {
        if *self.peek() == token {
            self.advance();
            Ok(())
        } else {
            Err(self.unexpected(self.peek(), &token.describe()))
        }
    }

    fn expr(&mut self, rbp: usize) -> Result<Ast, String> {
        let mut left = self.nud()?;
        while rbp < self.peek().lbp() {
            left = self.led(left)?;
        }
        Ok(left)
    }

    fn nud(&mut self) -> Result<Ast, String> {
        match self.peek().clone() {
            Token::At => {
                self.advance();
                Ok(Ast::Identity)
            }
            Token::Identifier(name) => {
                self.advance();
                Ok(Ast::Field(name))
            }
            Token::Quoted(name) => {
                self.advance();
                if *self.peek() == Token::Lparen {
                    return Err(format!("a quoted identifier cannot name a function (at offset {})", self.offset()));
                }
                Ok(Ast::Field(name))
            }
            Token::Literal(value) => {
                self.advance();
                Ok(Ast::Literal(value))
            }
            Token::Star => Err(self.unsupported("the object wildcard `*`")),
            Token::Lbrace => Err(self.unsupported("a multi-select hash `{...}`")),
            Token::Ampersand => Err(self.unsupported("an expression reference `&`")),
            Token::Lbracket => match (self.peek_at(1).clone(), self.peek_at(2).clone()) {
                (Token::Number(_) | Token::Colon, _) => {
                    self.advance();
                    self.index()
                }
                (Token::Star, Token::Rbracket) => {
                    self.advance();
                    self.advance();
                    self.advance();
                    let rhs = self.projection_rhs(Token::Star.lbp())?;
                    Ok(Ast::Projection(Box::new(Ast::Identity), Box::new(rhs)))
                }
                _ => Err(self.unsupported("a multi-select list `[a, b]`")),
            },
            Token::Flatten => {
                self.advance();
                self.flatten(Ast::Identity)
            }
            Token::Filter => {
                self.advance();
                self.filter(Ast::Identity)
            }
            Token::Not => {
                self.advance();
                let node = self.expr(Token::Not.lbp())?;
                Ok(Ast::Not(Box::new(node)))
            }
            Token::Lparen => {
                self.advance();
                let inside = self.expr(0)?;
                self.expect(Token::Rparen)?;
                Ok(inside)
            }
            t => Err(self.unexpected(&t, "an expression")),
        }
    }

    fn led(&mut self, left: Ast) -> Result<Ast, String> {
        let token = self.advance();
        let left = Box::new(left);
        match token {
            Token::Dot => {
                if *self.peek() == Token::Star {
                    return Err(self.unsupported("the object wildcard `.*`"));
                }
                let rhs = self.dot_rhs(Token::Dot.lbp())?;
                Ok(Ast::Subexpr(left, Box::new(rhs)))
            }
            Token::Lbracket => match self.peek() {
                Token::Number(_) | Token::Colon => Ok(Ast::Subexpr(left, Box::new(self.index()?))),
                Token::Star => {
                    self.advance();
                    self.expect(Token::Rbracket)?;
                    let rhs = self.projection_rhs(Token::Star.lbp())?;
                    Ok(Ast::Projection(left, Box::new(rhs)))
                }
                t => Err(self.unexpected(t, "a number, `:` or `*`")),
            },
            Token::Or => Ok(Ast::Or(left, Box::new(self.expr(Token::Or.lbp())?))),
            Token::And => Ok(Ast::And(left, Box::new(self.expr(Token::And.lbp())?))),
            // A pipe is a sub-expression that ends any projection on its left.
            Token::Pipe => Ok(Ast::Subexpr(left, Box::new(self.expr(Token::Pipe.lbp())?))),
            Token::Lparen => match *left {
                Ast::Field(name) => {
                    let mut args = Vec::new();
                    while *self.peek() != Token::Rparen {
                        args.push(self.expr(0)?);
                        if *self.peek() == Token::Comma {
                            self.advance();
                            if *self.peek() == Token::Rparen {
                                return Err(self.unexpected(&Token::Rparen, "an argument"));
                            }
                        } else if *self.peek() != Token::Rparen {
                            return Err(self.unexpected(self.peek(), "`,` or `)`"));
                        }
                    }
                    self.advance();
                    Ok(Ast::Function(name, args))
                }
                _ => Err(format!("only a name can be called as a function (at offset {})", self.offset())),
            },
            Token::Flatten => self.flatten(*left),
            Token::Filter => self.filter(*left),
            Token::Eq | Token::Ne | Token::Lt | Token::Le | Token::Gt | Token::Ge => {
                let op = match token {
                    Token::Eq => CompareOp::Eq,
                    Token::Ne => CompareOp::Ne,
                    Token::Lt => CompareOp::Lt,
                    Token::Le => CompareOp::Le,
                    Token::Gt => CompareOp::Gt,
                    _ => CompareOp::Ge,
                };
                let right = self.expr(Token::Eq.lbp())?;
                Ok(Ast::Compare(op, left, Box::new(right)))
            }
            t => Err(self.unexpected(&t, "an operator")),
        }
    }

    /// `[n]` after the `[`: an index; slices (`[a:b:c]`) are left out.
    fn index(&mut self) -> Result<Ast, String> {
        match self.advance() {
            Token::Number(n) => match self.peek() {
                Token::Rbracket => {
                    self.advance();
                    Ok(Ast::Index(n))
                }
                Token::Colon => Err(self.unsupported("a slice `[a:b]`")),
                t => Err(self.unexpected(t, "`]`")),
            },
            Token::Colon => Err(self.unsupported("a slice `[:b]`")),
            t => Err(self.unexpected(&t, "a number")),
        }
    }

    /// What follows a `.`: an identifier or a function call; `[a, b]`, `{...}`, `*` and `&`
    /// are valid JMESPath but left out.
    fn dot_rhs(&mut self, lbp: usize) -> Result<Ast, String> {
        match self.peek() {
            Token::Lbracket => Err(self.unsupported("a multi-select list `.[a, b]`")),
            Token::Identifier(_) | Token::Quoted(_) | Token::Star | Token::Lbrace | Token::Ampersand => self.expr(lbp),
            t => Err(self.unexpected(t, "an identifier after `.`")),
        }
    }

    /// The right-hand side of a projection: what follows it up to a token binding less tightly
    /// than a projection (the current node when there is nothing).
    fn projection_rhs(&mut self, lbp: usize) -> Result<Ast, String> {
        match self.peek() {
            Token::Dot => {
                self.advance();
                self.dot_rhs(lbp)
            }
            Token::Lbracket | Token::Filter => self.expr(lbp),
            t if t.lbp() < PROJECTION_STOP => Ok(Ast::Identity),
            t => Err(self.unexpected(t, "`.`, `[` or `[?`")),
        }
    }

    fn flatten(&mut self, lhs: Ast) -> Result<Ast, String> {
        let rhs = self.projection_rhs(Token::Flatten.lbp())?;
        Ok(Ast::Projection(Box::new(Ast::Flatten(Box::new(lhs))), Box::new(rhs)))
    }

    fn filter(&mut self, lhs: Ast) -> Result<Ast, String> {
        let predicate = self.expr(0)?;
        self.expect(Token::Rbracket)?;
        let then = self.projection_rhs(Token::Filter.lbp())?;
        Ok(Ast::Projection(Box::new(lhs), Box::new(Ast::Condition(Box::new(predicate), Box::new(then)))))
    }
}

/// The planned types an expression reads, by path.
#[derive(Default)]
pub struct Types<'a> {
    pub structs: BTreeMap<&'a ItemPath, &'a StructPlan>,
    pub unions: BTreeMap<&'a ItemPath, &'a UnionPlan>,
}

/// What an expression is evaluated against.
pub enum Root<'a> {
    /// An `output` matcher: the operation's output.
    Output(&'a StructPlan),
    /// An `inputOutput` matcher: `{input, output}`.
    InputOutput { input: &'a StructPlan, output: &'a StructPlan },
}

/// Parses `text` and types it against `root`.
pub fn compile(text: &str, root: &Root, types: &Types) -> Result<Expr, String> {
    let ast = parse(text)?;
    let mut typer = Typer { root, types, depth: 0 };
    let start = match root {
        Root::Output(output) => expr(ExprKind::Root, JmesType::Struct(output.path.clone()), false),
        Root::InputOutput { .. } => expr(ExprKind::Root, JmesType::InputOutput, false),
    };
    typer.ty(&ast, &start)
}

fn expr(kind: ExprKind, ty: JmesType, nullable: bool) -> Expr {
    Expr { kind, ty, nullable }
}

fn null() -> Expr {
    expr(ExprKind::Literal(Literal::Null), JmesType::Null, true)
}

/// A type as errors name it.
pub fn describe(ty: &JmesType) -> String {
    match ty {
        JmesType::Null => "null".into(),
        JmesType::Bool => "a boolean".into(),
        JmesType::Number => "a number".into(),
        JmesType::String => "a string".into(),
        JmesType::Struct(p) => format!("an object (structure `{}`)", p.name),
        JmesType::Union(p) => format!("an object (union `{}`)", p.name),
        JmesType::List(element, _) => format!("an array of {}", plural(element)),
        JmesType::Map { .. } => "an object (map)".into(),
        JmesType::Truth => "the value of `&&` or `||` between different types".into(),
        JmesType::InputOutput => "the object `{input, output}`".into(),
    }
}

fn plural(ty: &JmesType) -> String {
    match ty {
        JmesType::List(..) => "arrays".into(),
        other => {
            let one = describe(other);
            let one = one.strip_prefix("a ").or_else(|| one.strip_prefix("an ")).unwrap_or(&one).to_string();
            match one.split_once(' ') {
                Some((head, rest)) => format!("{head}s {rest}"),
                None => format!("{one}s"),
            }
        }
    }
}

/// The JMESPath type of a member's Rust type, or why waiter paths cannot read it.
pub fn jmes_type(ty: &RustType) -> Result<JmesType, String> {
    Ok(match ty {
        RustType::Scalar(Scalar::String) => JmesType::String,
        RustType::Scalar(Scalar::Boolean) => JmesType::Bool,
        RustType::Scalar(
            Scalar::Byte | Scalar::Short | Scalar::Integer | Scalar::Long | Scalar::Float | Scalar::Double,
        ) => JmesType::Number,
        RustType::Scalar(s @ (Scalar::Blob | Scalar::Document | Scalar::BigInteger | Scalar::BigDecimal)) => {
            let what = match s {
                Scalar::Blob => "a blob",
                Scalar::Document => "a document",
                _ => "a big number",
            };
            return Err(format!("{what}, which waiter paths do not read"));
        }
        RustType::Timestamp(_) => JmesType::Number,
        RustType::ByteStream => return Err("a streaming blob, which waiter paths do not read".into()),
        RustType::Named { path, kind } => match kind {
            NamedKind::Struct(_) => JmesType::Struct(path.clone()),
            NamedKind::Union(_) => JmesType::Union(path.clone()),
            NamedKind::Enum => JmesType::String,
            NamedKind::IntEnum => JmesType::Number,
        },
        RustType::List { member, sparse } => JmesType::List(Box::new(jmes_type(member)?), *sparse),
        RustType::Map { value, sparse, .. } => JmesType::Map { value: value.clone(), sparse: *sparse },
    })
}

struct Typer<'a> {
    root: &'a Root<'a>,
    types: &'a Types<'a>,
    /// The depth of the next projection.
    depth: usize,
}

impl Typer<'_> {
    fn ty(&mut self, ast: &Ast, cur: &Expr) -> Result<Expr, String> {
        match ast {
            Ast::Identity => Ok(cur.clone()),
            Ast::Field(name) => self.field(name, cur),
            Ast::Subexpr(lhs, rhs) => {
                let left = self.ty(lhs, cur)?;
                self.ty(rhs, &left)
            }
            Ast::Index(index) => match &cur.ty {
                JmesType::Null => Ok(null()),
                JmesType::List(element, _) => {
                    Ok(expr(ExprKind::Index { of: Box::new(cur.clone()), index: *index }, (**element).clone(), true))
                }
                other => Err(format!("`[{index}]` indexes {}, not an array", describe(other))),
            },
            Ast::Projection(lhs, rhs) => {
                let left = self.ty(lhs, cur)?;
                match &left.ty {
                    JmesType::Null => Ok(null()),
                    JmesType::List(element, element_nullable) => {
                        let depth = self.depth;
                        let element = expr(ExprKind::Element(depth), (**element).clone(), *element_nullable);
                        self.depth += 1;
                        let each = self.ty(rhs, &element);
                        self.depth -= 1;
                        let each = each?;
                        match &each.ty {
                            JmesType::Null => return Err("a projection whose every value is null".into()),
                            JmesType::Truth => return Err(truth_value("a projection")),
                            _ => {}
                        }
                        let ty = JmesType::List(Box::new(each.ty.clone()), false);
                        let nullable = left.nullable;
                        Ok(expr(ExprKind::Project { of: Box::new(left), depth, each: Box::new(each) }, ty, nullable))
                    }
                    other => Err(format!("a projection over {}, not an array", describe(other))),
                }
            }
            Ast::Flatten(node) => {
                let inner = self.ty(node, cur)?;
                let ty = match &inner.ty {
                    JmesType::Null => return Ok(null()),
                    JmesType::List(element, element_nullable) => match &**element {
                        JmesType::List(nested, nested_nullable) => {
                            JmesType::List(nested.clone(), *element_nullable || *nested_nullable)
                        }
                        _ => inner.ty.clone(),
                    },
                    other => return Err(format!("`[]` flattens {}, not an array", describe(other))),
                };
                let nullable = inner.nullable;
                Ok(expr(ExprKind::Flatten(Box::new(inner)), ty, nullable))
            }
            Ast::Condition(predicate, then) => {
                let test = self.ty(predicate, cur)?;
                self.no_root_object(&test)?;
                let then = self.ty(then, cur)?;
                if then.ty == JmesType::Null {
                    return Ok(null());
                }
                let ty = then.ty.clone();
                Ok(expr(ExprKind::Condition { test: Box::new(test), then: Box::new(then) }, ty, true))
            }
            Ast::Compare(op, lhs, rhs) => {
                let left = self.ty(lhs, cur)?;
                let right = self.ty(rhs, cur)?;
                compare(*op, left, right)
            }
            Ast::And(lhs, rhs) | Ast::Or(lhs, rhs) => {
                let left = self.ty(lhs, cur)?;
                let right = self.ty(rhs, cur)?;
                self.no_root_object(&left)?;
                self.no_root_object(&right)?;
                let (ty, nullable) = match (&left.ty, &right.ty) {
                    (JmesType::Null, JmesType::Null) => return Ok(null()),
                    (JmesType::Null, other) | (other, JmesType::Null) => (other.clone(), true),
                    (l, r) if l == r && *l != JmesType::Truth => (l.clone(), left.nullable || right.nullable),
                    _ => (JmesType::Truth, false),
                };
                let (left, right) = (Box::new(left), Box::new(right));
                let kind = if matches!(ast, Ast::And(..)) { ExprKind::And(left, right) } else { ExprKind::Or(left, right) };
                Ok(expr(kind, ty, nullable))
            }
            Ast::Not(node) => {
                let inner = self.ty(node, cur)?;
                self.no_root_object(&inner)?;
                Ok(expr(ExprKind::Not(Box::new(inner)), JmesType::Bool, false))
            }
            Ast::Literal(value) => {
                let literal = literal(value)?;
                let ty = literal_type(&literal);
                let nullable = ty == JmesType::Null;
                Ok(expr(ExprKind::Literal(literal), ty, nullable))
            }
            Ast::Function(name, args) => self.function(name, args, cur),
        }
    }

    fn field(&mut self, name: &str, cur: &Expr) -> Result<Expr, String> {
        let of = Box::new(cur.clone());
        match &cur.ty {
            JmesType::Null => Ok(null()),
            JmesType::Struct(path) => {
                let plan = self.types.structs.get(path).ok_or_else(|| format!("the structure `{}` is not planned", path.name))?;
                let Some(field) = plan.fields.iter().find(|f| f.smithy_name == name) else {
                    let members: Vec<&str> = plan.fields.iter().map(|f| f.smithy_name.as_str()).collect();
                    return Err(format!("`{name}` is not a member of `{}` (its members: {})", plan.shape_id, list_or_none(&members)));
                };
                let ty = jmes_type(&field.ty).map_err(|e| format!("`{name}` is {e}"))?;
                let optional = field.presence == Presence::Optional;
                let kind = ExprKind::Field { of, field: field.names.field.clone(), optional, boxed: field.boxed, ty: field.ty.clone() };
                Ok(expr(kind, ty, cur.nullable || optional))
            }
            JmesType::Union(path) => {
                let plan = self.types.unions.get(path).ok_or_else(|| format!("the union `{}` is not planned", path.name))?;
                let Some(variant) = plan.variants.iter().find(|v| v.smithy_name == name) else {
                    let members: Vec<&str> = plan.variants.iter().map(|v| v.smithy_name.as_str()).collect();
                    return Err(format!("`{name}` is not a member of `{}` (its members: {})", plan.shape_id, list_or_none(&members)));
                };
                let Some(ty) = &variant.ty else {
                    return Err(format!("`{name}` is a unit member of `{}`, which waiter paths do not read", plan.shape_id));
                };
                let jmes = jmes_type(ty).map_err(|e| format!("`{name}` is {e}"))?;
                let kind = ExprKind::Variant {
                    of,
                    union: path.clone(),
                    variant: variant.name.clone(),
                    boxed: variant.boxed,
                    ty: ty.clone(),
                };
                Ok(expr(kind, jmes, true))
            }
            JmesType::Map { value, .. } => {
                let ty = jmes_type(value).map_err(|e| format!("the values of the map `{name}` is read from are {e}"))?;
                Ok(expr(ExprKind::MapValue { of, key: name.to_string() }, ty, true))
            }
            JmesType::InputOutput => match (name, self.root) {
                ("input", Root::InputOutput { input, .. }) => Ok(expr(ExprKind::Input, JmesType::Struct(input.path.clone()), false)),
                ("output", Root::InputOutput { output, .. }) => Ok(expr(ExprKind::Output, JmesType::Struct(output.path.clone()), false)),
                _ => Err(format!("an `inputOutput` path reads `input` or `output`, not `{name}`")),
            },
            JmesType::List(..) => Err(format!("`{name}` is read from {}, which has no members (to read it from each element, project: `[].{name}`)", describe(&cur.ty))),
            other => Err(format!("`{name}` is read from {}, which has no members", describe(other))),
        }
    }

    fn function(&mut self, name: &str, args: &[Ast], cur: &Expr) -> Result<Expr, String> {
        let arity = match name {
            "length" => 1,
            "contains" => 2,
            other => return Err(format!("the function `{other}()` is not supported in waiter paths (supported: `length()`, `contains()`)")),
        };
        if args.len() != arity {
            return Err(format!("`{name}()` takes {arity} argument(s), not {}", args.len()));
        }
        let mut typed = Vec::new();
        for arg in args {
            let arg = self.ty(arg, cur)?;
            if arg.ty == JmesType::Truth {
                return Err(truth_value(&format!("an argument of `{name}()`")));
            }
            typed.push(arg);
        }
        let subject = typed.remove(0);
        let accepted = matches!(
            (name, &subject.ty),
            ("length", JmesType::String | JmesType::List(..) | JmesType::Map { .. }) | ("contains", JmesType::String | JmesType::List(..))
        );
        if !accepted {
            let expected = if name == "length" { "a string, an array or an object" } else { "an array or a string" };
            return Err(format!("`{name}()` takes {expected}, here {}", describe(&subject.ty)));
        }
        // A null argument is an invalid-type error at run time (JMESPath, "Functions"): the
        // emitted code records it, and the path then matches nothing.
        if name == "length" {
            return Ok(expr(ExprKind::Length(Box::new(subject)), JmesType::Number, false));
        }
        let search = typed.remove(0);
        match (&subject.ty, &search.ty) {
            (JmesType::String, JmesType::String) => {}
            (JmesType::String, other) => {
                return Err(format!("`contains()` of a string searches for a string, here {}", describe(other)));
            }
            (JmesType::List(_, element_nullable), JmesType::Null) if !element_nullable => {
                return Err(format!("`contains(…, null)`: {} never holds a null", describe(&subject.ty)));
            }
            (JmesType::List(..), JmesType::Null) => {}
            (JmesType::List(element, _), search_ty) => {
                if !matches!(search_ty, JmesType::String | JmesType::Number | JmesType::Bool) {
                    return Err(format!("`contains()` searches arrays for a string, a number or a boolean, here {}", describe(search_ty)));
                }
                if **element != *search_ty {
                    return Err(format!("`contains()`: {} never holds {}", describe(&subject.ty), describe(search_ty)));
                }
            }
            _ => unreachable!("checked above"),
        }
        Ok(expr(ExprKind::Contains(Box::new(subject), Box::new(search)), JmesType::Bool, false))
    }

    /// The `{input, output}` object itself is never a value of the subset.
    fn no_root_object(&self, e: &Expr) -> Result<(), String> {
        if e.ty == JmesType::InputOutput {
            return Err("the object `{input, output}` itself is not a value waiter paths use".into());
        }
        Ok(())
    }
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
    }
}

fn truth_value(place: &str) -> String {
    format!("{place} needs a value, but `&&` or `||` between values of different types has one only as a condition")
}

/// A comparison, checked: equality of values of one type (or with null), ordering of numbers.
fn compare(op: CompareOp, left: Expr, right: Expr) -> Result<Expr, String> {
    for side in [&left, &right] {
        match &side.ty {
            JmesType::Truth => return Err(truth_value("a comparison")),
            JmesType::Map { .. } | JmesType::Union(_) | JmesType::InputOutput => {
                return Err(format!("comparing {} is not supported in waiter paths", describe(&side.ty)))
            }
            _ => {}
        }
    }
    let symbol = match op {
        CompareOp::Eq => "==",
        CompareOp::Ne => "!=",
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
    };
    match op {
        CompareOp::Eq | CompareOp::Ne => {
            if left.ty == JmesType::Null && right.ty == JmesType::Null {
                return Ok(expr(ExprKind::Literal(Literal::Bool(op == CompareOp::Eq)), JmesType::Bool, false));
            }
            let comparable = left.ty == right.ty || left.ty == JmesType::Null || right.ty == JmesType::Null;
            if !comparable {
                return Err(format!(
                    "`{symbol}` compares {} with {}, which are never equal",
                    describe(&left.ty),
                    describe(&right.ty)
                ));
            }
            Ok(expr(ExprKind::Compare { op, left: Box::new(left), right: Box::new(right) }, JmesType::Bool, false))
        }
        _ => {
            if left.ty != JmesType::Number || right.ty != JmesType::Number {
                return Err(format!(
                    "`{symbol}` orders numbers only (anything else gives null), here {} and {}",
                    describe(&left.ty),
                    describe(&right.ty)
                ));
            }
            let nullable = left.nullable || right.nullable;
            Ok(expr(ExprKind::Compare { op, left: Box::new(left), right: Box::new(right) }, JmesType::Bool, nullable))
        }
    }
}

fn literal(value: &Value) -> Result<Literal, String> {
    Ok(match value {
        Value::Null => Literal::Null,
        Value::Bool(b) => Literal::Bool(*b),
        Value::Number(n) => Literal::Number(
            n.as_f64().filter(|f| f.is_finite()).ok_or_else(|| format!("the number `{n}` does not fit a JMESPath number"))?,
        ),
        Value::String(s) => Literal::String(s.clone()),
        Value::Array(items) => {
            let items = items.iter().map(literal).collect::<Result<Vec<_>, _>>()?;
            let Some(first) = items.first() else {
                return Err("an empty array literal is not supported in waiter paths".into());
            };
            let ty = literal_type(first);
            if !matches!(ty, JmesType::String | JmesType::Number | JmesType::Bool) || items.iter().any(|i| literal_type(i) != ty) {
                return Err(format!("the array literal `{value}` mixes types or holds other than strings, numbers or booleans, which waiter paths do not support"));
            }
            Literal::List(items)
        }
        Value::Object(_) => return Err(format!("the object literal `{value}` is not supported in waiter paths")),
    })
}

fn literal_type(literal: &Literal) -> JmesType {
    match literal {
        Literal::Null => JmesType::Null,
        Literal::Bool(_) => JmesType::Bool,
        Literal::Number(_) => JmesType::Number,
        Literal::String(_) => JmesType::String,
        Literal::List(items) => JmesType::List(Box::new(items.first().map_or(JmesType::Null, literal_type)), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Box<Ast> {
        Box::new(Ast::Field(name.into()))
    }

    #[test]
    fn parses_as_the_reference_parser() {
        // The trees the JMESPath specification's grammar gives (jmespath.rs builds the same).
        assert_eq!(parse("a.b").unwrap(), Ast::Subexpr(field("a"), field("b")));
        assert_eq!(parse("a[-1]").unwrap(), Ast::Subexpr(field("a"), Box::new(Ast::Index(-1))));
        assert_eq!(
            parse("a[*].b[0]").unwrap(),
            Ast::Projection(field("a"), Box::new(Ast::Subexpr(field("b"), Box::new(Ast::Index(0)))))
        );
        assert_eq!(
            parse("a[].b").unwrap(),
            Ast::Projection(Box::new(Ast::Flatten(field("a"))), field("b"))
        );
        // A pipe ends the projection: the index applies to the projected list.
        assert_eq!(
            parse("a[*].b | [0]").unwrap(),
            Ast::Subexpr(Box::new(Ast::Projection(field("a"), field("b"))), Box::new(Ast::Index(0)))
        );
        assert_eq!(
            parse("a[?b == 'x' && !c].d").unwrap(),
            Ast::Projection(
                field("a"),
                Box::new(Ast::Condition(
                    Box::new(Ast::And(
                        Box::new(Ast::Compare(CompareOp::Eq, field("b"), Box::new(Ast::Literal(Value::String("x".into()))))),
                        Box::new(Ast::Not(field("c"))),
                    )),
                    field("d"),
                )),
            )
        );
        // `||` binds less tightly than `&&`, which binds less tightly than comparisons.
        assert_eq!(
            parse("a || b && c == `1`").unwrap(),
            Ast::Or(field("a"), Box::new(Ast::And(field("b"), Box::new(Ast::Compare(CompareOp::Eq, field("c"), Box::new(Ast::Literal(serde_json::json!(1))))))))
        );
        assert_eq!(
            parse("length(input.groups) == length(output.groups)").unwrap(),
            Ast::Compare(
                CompareOp::Eq,
                Box::new(Ast::Function("length".into(), vec![Ast::Subexpr(field("input"), field("groups"))])),
                Box::new(Ast::Function("length".into(), vec![Ast::Subexpr(field("output"), field("groups"))])),
            )
        );
        assert_eq!(parse(r#""a b"."c\"d""#).unwrap(), Ast::Subexpr(field("a b"), field("c\"d")));
        assert_eq!(parse(r"'it\'s \\ \n'").unwrap(), Ast::Literal(Value::String(r"it's \ \n".into())));
        assert_eq!(parse("`\"x\\`y\"`").unwrap(), Ast::Literal(Value::String("x`y".into())));
    }

    #[test]
    fn left_out_constructs_are_named() {
        for (text, named) in [
            ("a[0:2]", "slice"),
            ("a.*", "object wildcard"),
            ("*.a", "object wildcard"),
            ("a.[b, c]", "multi-select list"),
            ("[a, b]", "multi-select list"),
            ("{a: b}", "multi-select hash"),
            ("sort_by(a, &b)", "expression reference"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.contains(named) && e.contains("not supported"), "{text}: {e}");
        }
        for (text, expected) in [("a.", "identifier"), ("a[0", "`]`"), ("a ==", "expression"), ("(a", "`)`"), ("a b", "end")] {
            let e = parse(text).unwrap_err();
            assert!(e.contains(expected), "{text}: {e}");
        }
        assert!(parse("'open").unwrap_err().contains("unclosed"));
        assert!(parse("`{bad`").unwrap_err().contains("invalid JSON literal"));
    }

    #[test]
    fn nesting_is_bounded() {
        // Deep nesting is an error, not an exhausted stack; up to the bound it parses.
        for deep in ["(".repeat(100_000) + "a", "!".repeat(100_000) + "a", "a".to_string() + &".a".repeat(100_000)] {
            let e = parse(&deep).unwrap_err();
            assert!(e.contains("more than the 256 a waiter path may have"), "{e}");
        }
        let nested = "(".repeat(127) + "a" + &")".repeat(127);
        assert_eq!(parse(&nested).unwrap(), Ast::Field("a".into()));
        let chain = "a".to_string() + &".a".repeat(127);
        assert!(matches!(parse(&chain).unwrap(), Ast::Subexpr(..)));
    }
}
