//! A small, std-only JSON reader.
//!
//! Two layers:
//! - [`Reader`], a pull tokenizer that validates structure as it goes (commas, colons, nesting,
//!   a depth cap of [`MAX_DEPTH`]) and hands out borrowed [`Token`]s. Generated deserializers
//!   drive it directly so they never build a tree.
//! - [`parse`], which builds a [`Value`] tree from the tokens (rule sets, partitions, tests).
//!
//! Hostile input never panics and never costs more than linear work: every error is a
//! [`JsonError`] carrying the byte offset and the reason.

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting of arrays and objects accepted (the limit smithy-rs uses).
pub const MAX_DEPTH: usize = 128;

/// Why the input was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The input ended inside a value (or was empty).
    UnexpectedEnd,
    /// A byte that cannot start or continue what was expected here.
    UnexpectedByte,
    /// A number that does not follow the JSON grammar.
    InvalidNumber,
    /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
    InvalidEscape,
    /// A `\u` escape naming an unpaired UTF-16 surrogate.
    LoneSurrogate,
    /// A string that is not valid UTF-8.
    InvalidUtf8,
    /// An unescaped control character (below U+0020) inside a string.
    ControlCharacter,
    /// More than [`MAX_DEPTH`] nested arrays and objects.
    TooDeep,
    /// Something other than whitespace after the top-level value.
    TrailingCharacters,
    /// A well-formed value of the wrong shape for the caller (used by consumers of [`Reader`]).
    UnexpectedToken,
}

impl JsonErrorKind {
    /// A short human-readable reason.
    pub fn reason(self) -> &'static str {
        match self {
            JsonErrorKind::UnexpectedEnd => "unexpected end of input",
            JsonErrorKind::UnexpectedByte => "unexpected character",
            JsonErrorKind::InvalidNumber => "invalid number",
            JsonErrorKind::InvalidEscape => "invalid escape sequence",
            JsonErrorKind::LoneSurrogate => "unpaired UTF-16 surrogate in \\u escape",
            JsonErrorKind::InvalidUtf8 => "invalid UTF-8",
            JsonErrorKind::ControlCharacter => "control character in string",
            JsonErrorKind::TooDeep => "nesting deeper than 128 levels",
            JsonErrorKind::TrailingCharacters => "trailing characters after the value",
            JsonErrorKind::UnexpectedToken => "unexpected value",
        }
    }
}

/// A JSON syntax error: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset into the input where the problem was found.
    pub offset: usize,
    /// What went wrong.
    pub kind: JsonErrorKind,
}

impl JsonError {
    /// Creates an error at `offset`.
    pub fn new(offset: usize, kind: JsonErrorKind) -> Self {
        JsonError { offset, kind }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind.reason(), self.offset)
    }
}

impl std::error::Error for JsonError {}

/// A JSON number, kept as its validated source text so integers (and big numbers) stay exact.
#[derive(Debug, Clone)]
pub struct Number(Box<str>);

impl Number {
    /// The number as written in the input (always valid JSON number syntax).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when written without fraction or exponent.
    pub fn is_integer(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }

    /// The value as `i64` when it is an integer literal in range.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// The value as `u64` when it is a non-negative integer literal in range.
    pub fn as_u64(&self) -> Option<u64> {
        if self.is_integer() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// The nearest `f64`; `None` when the magnitude overflows (`1e400`).
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse::<f64>().ok().filter(|f| f.is_finite())
    }

    /// Wraps text already known to be a JSON number (only the reader calls this).
    fn from_validated(text: &str) -> Self {
        Number(text.into())
    }
}

impl From<i64> for Number {
    fn from(v: i64) -> Self {
        Number(v.to_string().into())
    }
}

impl From<u64> for Number {
    fn from(v: u64) -> Self {
        Number(v.to_string().into())
    }
}

impl PartialEq for Number {
    /// Numeric equality: integer literals compare exactly (`-0` equals `0`), anything else as `f64`.
    fn eq(&self, other: &Self) -> bool {
        if self.is_integer() && other.is_integer() {
            let canon = |s: &str| {
                if s == "-0" {
                    "0".to_owned()
                } else {
                    s.to_owned()
                }
            };
            return canon(&self.0) == canon(&other.0);
        }
        match (self.as_f64(), other.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => self.0 == other.0,
        }
    }
}

/// A parsed JSON document.
#[derive(Debug, Clone)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, exact as written.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in document order. Duplicate keys are kept; [`Value::get`] sees the last.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object (the last one if repeated); `None` for non-objects.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as `i64`, if this is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members in document order, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A short name of the JSON type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

impl PartialEq for Value {
    /// Deep equality. Objects compare as maps (member order is ignored, as with an `IndexMap`);
    /// arrays compare in order; numbers compare numerically.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => {
                let keys = sorted_keys(a);
                keys == sorted_keys(b) && keys.iter().all(|k| self.get(k) == other.get(k))
            }
            _ => false,
        }
    }
}

/// Distinct member names, sorted (for order-insensitive object equality).
fn sorted_keys(members: &[(String, Value)]) -> Vec<&str> {
    let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Number(n.into())
    }
}

impl fmt::Display for Value {
    /// Compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_value(&mut out, self);
        f.write_str(&out)
    }
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => write_escaped_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_escaped_str(out, k);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends `s` as a quoted JSON string (escaping `"`, `\` and control characters).
pub fn write_escaped_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    // What needs escaping is ASCII, so every byte that does is a char boundary: the runs
    // between them are copied whole.
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "\\u00",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(escape);
        if escape == "\\u00" {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Parses a complete JSON document (one value, surrounding whitespace allowed).
pub fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    let mut reader = Reader::new(bytes);
    let first = reader
        .next_token()?
        .ok_or(JsonError::new(0, JsonErrorKind::UnexpectedEnd))?;
    let value = build(&mut reader, first)?;
    match reader.next_token()? {
        None => Ok(value),
        // The reader reports trailing data itself; this arm is unreachable in practice.
        Some(_) => Err(JsonError::new(
            reader.offset(),
            JsonErrorKind::TrailingCharacters,
        )),
    }
}

/// Builds the value starting with `first`. Recursion is bounded by the reader's depth cap.
fn build(reader: &mut Reader<'_>, first: Token<'_>) -> Result<Value, JsonError> {
    Ok(match first {
        Token::Null => Value::Null,
        Token::Bool(b) => Value::Bool(b),
        Token::Number(n) => Value::Number(Number::from_validated(n)),
        Token::String(s) => Value::String(s.into_owned()),
        Token::BeginArray => {
            let mut items = Vec::new();
            loop {
                match reader.expect_token()? {
                    Token::EndArray => break Value::Array(items),
                    token => items.push(build(reader, token)?),
                }
            }
        }
        Token::BeginObject => {
            let mut members = Vec::new();
            loop {
                match reader.expect_token()? {
                    Token::EndObject => break Value::Object(members),
                    Token::Key(key) => {
                        let token = reader.expect_token()?;
                        members.push((key.into_owned(), build(reader, token)?));
                    }
                    _ => return Err(reader.error(JsonErrorKind::UnexpectedToken)),
                }
            }
        }
        Token::Key(_) | Token::EndArray | Token::EndObject => {
            return Err(reader.error(JsonErrorKind::UnexpectedToken))
        }
    })
}

/// One syntactic element of a JSON document, borrowing from the input where possible.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    /// `{`
    BeginObject,
    /// `}`
    EndObject,
    /// `[`
    BeginArray,
    /// `]`
    EndArray,
    /// An object member name (its `:` already consumed); the member's value follows.
    Key(Cow<'a, str>),
    /// A string value.
    String(Cow<'a, str>),
    /// A number value, as written.
    Number(&'a str),
    /// `true` / `false`
    Bool(bool),
    /// `null`
    Null,
}

/// What the reader will accept next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Value,
    ValueOrArrayEnd,
    KeyOrObjectEnd,
    Key,
    CommaOrEnd,
    Done,
}

/// The open containers as bits (`true` for objects), [`MAX_DEPTH`] at most: no allocation.
#[derive(Debug, Default)]
struct BitStack {
    bits: [u64; MAX_DEPTH / 64],
    len: usize,
    /// The last bit, kept apart: read for every member and element.
    top: Option<bool>,
}

impl BitStack {
    fn len(&self) -> usize {
        self.len
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
    #[inline]
    fn last(&self) -> Option<bool> {
        self.top
    }
    /// Callers check the depth cap first.
    fn push(&mut self, is_object: bool) {
        let (word, bit) = (self.len / 64, self.len % 64);
        if let Some(bits) = self.bits.get_mut(word) {
            *bits = *bits & !(1 << bit) | u64::from(is_object) << bit;
        }
        self.len += 1;
        self.top = Some(is_object);
    }
    fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
        self.top = self.len.checked_sub(1).and_then(|i| Some(self.bits.get(i / 64)? >> (i % 64) & 1 == 1));
    }
}

/// A pull tokenizer over a complete input buffer.
///
/// It checks the grammar between tokens, so a consumer sees only well-formed sequences: after
/// [`Token::Key`] comes a value; [`Token::EndObject`]/[`Token::EndArray`] close what was opened.
#[derive(Debug)]
pub struct Reader<'a> {
    input: &'a [u8],
    /// The input as text when it is valid UTF-8 (checked once, up front); string runs are then
    /// sliced from it without validating each again.
    text: Option<&'a str>,
    pos: usize,
    /// Open containers: `true` for objects, `false` for arrays.
    stack: BitStack,
    expect: Expect,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        Reader {
            input,
            text: std::str::from_utf8(input).ok(),
            pos: 0,
            stack: BitStack::default(),
            expect: Expect::Value,
        }
    }

    /// Current byte offset (just past the last token read).
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Number of arrays and objects currently open.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// An error of `kind` at the current offset (for consumers reporting shape mismatches).
    pub fn error(&self, kind: JsonErrorKind) -> JsonError {
        JsonError::new(self.pos, kind)
    }

    /// The next token, or `None` after the complete top-level value (trailing whitespace only).
    pub fn next_token(&mut self) -> Result<Option<Token<'a>>, JsonError> {
        loop {
            self.skip_whitespace();
            let Some(&b) = self.input.get(self.pos) else {
                return match self.expect {
                    Expect::Done => Ok(None),
                    _ => Err(self.error(JsonErrorKind::UnexpectedEnd)),
                };
            };
            match self.expect {
                Expect::Done => return Err(self.error(JsonErrorKind::TrailingCharacters)),
                Expect::CommaOrEnd => {
                    let in_object = self.stack.last().unwrap_or(false);
                    match b {
                        b',' => {
                            self.pos += 1;
                            self.expect = if in_object {
                                Expect::Key
                            } else {
                                Expect::Value
                            };
                            // Loop: the element after the comma is the token to return.
                        }
                        b'}' if in_object => return Ok(Some(self.close(Token::EndObject))),
                        b']' if !in_object => return Ok(Some(self.close(Token::EndArray))),
                        _ => return Err(self.error(JsonErrorKind::UnexpectedByte)),
                    }
                }
                Expect::KeyOrObjectEnd if b == b'}' => {
                    return Ok(Some(self.close(Token::EndObject)))
                }
                Expect::KeyOrObjectEnd | Expect::Key => return self.key().map(Some),
                Expect::ValueOrArrayEnd if b == b']' => {
                    return Ok(Some(self.close(Token::EndArray)))
                }
                Expect::ValueOrArrayEnd | Expect::Value => return self.value(b).map(Some),
            }
        }
    }

    /// The next member name of the open object, or `None` at its end: [`Reader::next_token`]
    /// specialised for where generated code calls it (the common cases without its dispatch).
    #[inline(always)]
    pub fn next_member(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        self.skip_whitespace();
        match (self.expect, self.input.get(self.pos)) {
            (Expect::CommaOrEnd, Some(b',')) if self.stack.last() == Some(true) => {
                self.pos += 1;
                self.skip_whitespace();
                return self.member_name().map(Some);
            }
            (Expect::KeyOrObjectEnd, Some(b'"')) => return self.member_name().map(Some),
            // `KeyOrObjectEnd` is only ever expected right after `{`.
            (Expect::KeyOrObjectEnd, Some(b'}')) => {
                self.close(Token::EndObject);
                return Ok(None);
            }
            (Expect::CommaOrEnd, Some(b'}')) if self.stack.last() == Some(true) => {
                self.close(Token::EndObject);
                return Ok(None);
            }
            _ => {}
        }
        match self.expect_token()? {
            Token::EndObject => Ok(None),
            Token::Key(k) => Ok(Some(k)),
            _ => Err(self.error(JsonErrorKind::UnexpectedToken)),
        }
    }

    /// Whether the open array has another element: reads the `,` before it, or the `]` that
    /// closes the array (`false`). The element itself is left unread, for the `member_*`
    /// readers or [`Reader::member_value`], which read array elements as they read members.
    #[inline]
    pub fn next_item(&mut self) -> Result<bool, JsonError> {
        self.skip_whitespace();
        let in_array = self.stack.last() == Some(false);
        match (self.expect, self.input.get(self.pos)) {
            // `ValueOrArrayEnd` is only ever expected right after `[`.
            (Expect::ValueOrArrayEnd, Some(b']')) | (Expect::CommaOrEnd, Some(b']')) if in_array => {
                self.close(Token::EndArray);
                Ok(false)
            }
            // The element's first byte is checked when it is read.
            (Expect::ValueOrArrayEnd, Some(_)) => {
                self.expect = Expect::Value;
                Ok(true)
            }
            (Expect::CommaOrEnd, Some(b',')) if in_array => {
                self.pos += 1;
                self.expect = Expect::Value;
                Ok(true)
            }
            // Errors (and misuse) as the token stream reports them.
            _ => match self.expect_token()? {
                Token::EndArray => Ok(false),
                _ => Err(self.error(JsonErrorKind::UnexpectedToken)),
            },
        }
    }

    /// The first token of a member's value (after its name): [`Reader::expect_token`] without
    /// the dispatch.
    #[inline]
    pub fn member_value(&mut self) -> Result<Token<'a>, JsonError> {
        self.skip_whitespace();
        match (self.expect, self.input.get(self.pos)) {
            (Expect::Value, Some(&b)) => self.value(b),
            _ => self.expect_token(),
        }
    }

    /// The value of the member whose name was just read, when it is a string: generated code
    /// calls this first, and [`Reader::member_value`] when it gets `None` (nothing was read then
    /// but whitespace).
    #[inline(always)]
    pub fn member_string(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        self.skip_whitespace();
        if self.expect != Expect::Value || self.input.get(self.pos) != Some(&b'"') {
            return Ok(None);
        }
        let s = self.string()?;
        self.after_value();
        Ok(Some(s))
    }

    /// The value of the member whose name was just read, when it opens an object (`Some(true)`,
    /// the `{` read) or is `null` (`Some(false)`). `None` as for [`Reader::member_string`].
    #[inline]
    pub fn member_object(&mut self) -> Result<Option<bool>, JsonError> {
        self.member_container(true)
    }

    /// The value of the member whose name was just read, when it opens an array (`Some(true)`,
    /// the `[` read) or is `null` (`Some(false)`). `None` as for [`Reader::member_string`].
    #[inline]
    pub fn member_array(&mut self) -> Result<Option<bool>, JsonError> {
        self.member_container(false)
    }

    #[inline]
    fn member_container(&mut self, is_object: bool) -> Result<Option<bool>, JsonError> {
        self.skip_whitespace();
        if self.expect != Expect::Value {
            return Ok(None);
        }
        match self.input.get(self.pos) {
            Some(b'{') if is_object => self.open(true).map(|_| Some(true)),
            Some(b'[') if !is_object => self.open(false).map(|_| Some(true)),
            Some(b'n') => {
                self.literal(b"null", Token::Null)?;
                self.after_value();
                Ok(Some(false))
            }
            _ => Ok(None),
        }
    }

    /// The value of the member whose name was just read, when it is a number: its text, exactly
    /// as [`Token::Number`] holds it. `None` as for [`Reader::member_string`].
    #[inline(always)]
    pub fn member_number(&mut self) -> Result<Option<&'a str>, JsonError> {
        self.skip_whitespace();
        if self.expect != Expect::Value || !matches!(self.input.get(self.pos), Some(b'-' | b'0'..=b'9')) {
            return Ok(None);
        }
        let n = self.number()?;
        self.after_value();
        Ok(Some(n))
    }

    /// The value of the member whose name was just read, when it is an integer of at most 18
    /// digits without fraction or exponent (always within `i64`); `None` for anything else,
    /// with nothing read but whitespace, for [`Reader::member_value`] to read.
    #[inline]
    pub fn member_i64(&mut self) -> Option<i64> {
        self.skip_whitespace();
        if self.expect != Expect::Value {
            return None;
        }
        let input = self.input;
        let negative = input.get(self.pos) == Some(&b'-');
        let start = self.pos + usize::from(negative);
        let mut i = start;
        let mut magnitude = 0i64;
        while let Some(&b) = input.get(i) {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                break;
            }
            if i - start == 18 {
                return None;
            }
            magnitude = magnitude * 10 + i64::from(digit);
            i += 1;
        }
        let len = i - start;
        // No digits, a leading zero, or a fraction or exponent next: not this short form.
        if len == 0 || (len > 1 && input[start] == b'0') || matches!(input.get(i), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.pos = i;
        self.after_value();
        Some(if negative { -magnitude } else { magnitude })
    }

    /// Like [`Reader::next_token`], but the end of input is an error.
    pub fn expect_token(&mut self) -> Result<Token<'a>, JsonError> {
        self.next_token()?
            .ok_or(self.error(JsonErrorKind::UnexpectedEnd))
    }

    /// Skips the value whose first token is `first` (for unknown members), without building it.
    pub fn skip_value(&mut self, first: &Token<'a>) -> Result<(), JsonError> {
        match first {
            Token::BeginArray | Token::BeginObject => {}
            Token::Key(_) | Token::EndArray | Token::EndObject => {
                return Err(self.error(JsonErrorKind::UnexpectedToken))
            }
            _ => return Ok(()),
        }
        // `first` opened a container, so the stack holds at least that one.
        let Some(target) = self.stack.len().checked_sub(1) else {
            return Err(self.error(JsonErrorKind::UnexpectedToken));
        };
        while self.stack.len() > target {
            self.expect_token()?;
        }
        Ok(())
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.input.get(self.pos) {
            self.pos += 1;
        }
    }

    #[inline]
    fn after_value(&mut self) {
        self.expect = if self.stack.is_empty() {
            Expect::Done
        } else {
            Expect::CommaOrEnd
        };
    }

    fn close(&mut self, token: Token<'a>) -> Token<'a> {
        self.pos += 1;
        self.stack.pop();
        self.after_value();
        token
    }

    fn open(&mut self, is_object: bool) -> Result<Token<'a>, JsonError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(JsonErrorKind::TooDeep));
        }
        self.pos += 1;
        self.stack.push(is_object);
        Ok(if is_object {
            self.expect = Expect::KeyOrObjectEnd;
            Token::BeginObject
        } else {
            self.expect = Expect::ValueOrArrayEnd;
            Token::BeginArray
        })
    }

    fn key(&mut self) -> Result<Token<'a>, JsonError> {
        self.member_name().map(Token::Key)
    }

    /// A member name and its `:`, from the opening quote.
    #[inline(always)]
    fn member_name(&mut self) -> Result<Cow<'a, str>, JsonError> {
        match self.input.get(self.pos) {
            Some(b'"') => {}
            Some(_) => return Err(self.error(JsonErrorKind::UnexpectedByte)),
            None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
        }
        let key = self.string()?;
        if self.input.get(self.pos) != Some(&b':') {
            self.skip_whitespace();
            match self.input.get(self.pos) {
                Some(b':') => {}
                Some(_) => return Err(self.error(JsonErrorKind::UnexpectedByte)),
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
            }
        }
        self.pos += 1;
        self.expect = Expect::Value;
        Ok(key)
    }

    fn value(&mut self, b: u8) -> Result<Token<'a>, JsonError> {
        let token = match b {
            b'{' => return self.open(true),
            b'[' => return self.open(false),
            b'"' => Token::String(self.string()?),
            b'-' | b'0'..=b'9' => Token::Number(self.number()?),
            b't' => self.literal(b"true", Token::Bool(true))?,
            b'f' => self.literal(b"false", Token::Bool(false))?,
            b'n' => self.literal(b"null", Token::Null)?,
            _ => return Err(self.error(JsonErrorKind::UnexpectedByte)),
        };
        self.after_value();
        Ok(token)
    }

    fn literal(&mut self, word: &[u8], token: Token<'a>) -> Result<Token<'a>, JsonError> {
        let end = self.pos + word.len();
        match self.input.get(self.pos..end) {
            Some(bytes) if bytes == word => {
                self.pos = end;
                Ok(token)
            }
            _ => {
                // Point at the first byte that differs (or the end of input).
                let same = word
                    .iter()
                    .zip(&self.input[self.pos..])
                    .take_while(|(a, b)| a == b)
                    .count();
                let kind = if self.pos + same >= self.input.len() {
                    JsonErrorKind::UnexpectedEnd
                } else {
                    JsonErrorKind::UnexpectedByte
                };
                Err(JsonError::new(self.pos + same, kind))
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<&'a str, JsonError> {
        let input = self.input;
        let start = self.pos;
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while input.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - from
        };
        let fail = |at: usize| {
            let kind = if at >= input.len() {
                JsonErrorKind::UnexpectedEnd
            } else {
                JsonErrorKind::InvalidNumber
            };
            Err(JsonError::new(at, kind))
        };
        if input.get(i) == Some(&b'-') {
            i += 1;
        }
        match input.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => return fail(i),
        }
        if input.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return fail(i);
            }
        }
        if let Some(b'e' | b'E') = input.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = input.get(i) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return fail(i);
            }
        }
        self.pos = i;
        // Only ASCII digits and signs were consumed, so this cannot fail (and slicing the
        // checked text only looks at the two ends).
        let number = match self.text {
            Some(text) => text.get(..i).and_then(|head| head.get(start..)),
            None => std::str::from_utf8(&input[start..i]).ok(),
        };
        number.ok_or(JsonError::new(start, JsonErrorKind::InvalidNumber))
    }

    /// The bytes `from..to` of a string as text.
    #[inline]
    fn run(&self, from: usize, to: usize) -> Result<&'a str, JsonError> {
        match self.text {
            // `from` and `to` sit next to ASCII quotes and escapes: always char boundaries.
            Some(text) => text.get(..to).and_then(|head| head.get(from..)).ok_or(JsonError::new(from, JsonErrorKind::InvalidUtf8)),
            None => utf8(self.input, from, to),
        }
    }

    /// Reads a string starting at the opening quote. Borrows when there are no escapes.
    #[inline(always)]
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let start = self.pos + 1;
        let end = plain_run_end(self.input, start);
        if self.input.get(end) == Some(&b'"') {
            let run = self.run(start, end)?;
            self.pos = end + 1;
            return Ok(Cow::Borrowed(run));
        }
        self.string_slow(start, end)
    }

    /// [`Reader::string`] from the first byte after `start` that is not plain text (`at`):
    /// escapes, control characters and the end of input.
    #[cold]
    fn string_slow(&mut self, start: usize, at: usize) -> Result<Cow<'a, str>, JsonError> {
        let input = self.input;
        let mut i = at;
        let mut owned: Option<String> = None;
        let mut run_start = start;
        loop {
            i = plain_run_end(input, i);
            let Some(&b) = input.get(i) else {
                return Err(JsonError::new(i, JsonErrorKind::UnexpectedEnd));
            };
            match b {
                b'"' => {
                    let run = self.run(run_start, i)?;
                    self.pos = i + 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(run),
                        Some(mut s) => {
                            s.push_str(run);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(self.run(run_start, i)?);
                    i = unescape(input, i, s)?;
                    run_start = i;
                }
                _ => return Err(JsonError::new(i, JsonErrorKind::ControlCharacter)),
            }
        }
    }
}

/// The offset of the first `"`, `\\` or control byte at or after `i` (or the input's length).
/// Sixteen bytes are tested at a time (a loop without an early exit, which compiles to vector
/// compares); the chunk with a stop, or the last few bytes padded with plain ones, is then
/// searched once with bit arithmetic on a `u128` rather than by another loop, whose exit
/// would be one more mispredicted branch per string.
#[inline]
fn plain_run_end(input: &[u8], mut i: usize) -> usize {
    while let Some(Ok(chunk)) = input.get(i..i + 16).map(<[u8; 16]>::try_from) {
        if chunk.iter().fold(false, |stop, &b| stop | (b == b'"') | (b == b'\\') | (b < 0x20)) {
            return i + first_stop(chunk);
        }
        i += 16;
    }
    // Fewer than sixteen bytes are left.
    let mut chunk = [b'a'; 16];
    for (padded, &b) in chunk.iter_mut().zip(input.get(i..).unwrap_or_default()) {
        *padded = b;
    }
    match first_stop(chunk) {
        16 => input.len(),
        at => i + at,
    }
}

/// The index of the first byte of `chunk` below 0x20, a quote or a backslash (16 if none):
/// subtracting across the whole word sets the high bit of each such byte, and a borrow can
/// only flag bytes above a real match, so the lowest flagged byte is exact.
fn first_stop(chunk: [u8; 16]) -> usize {
    const ONES: u128 = u128::MAX / 255;
    const HIGH: u128 = ONES << 7;
    let v = u128::from_le_bytes(chunk);
    let quote = v ^ (ONES * u128::from(b'"'));
    let backslash = v ^ (ONES * u128::from(b'\\'));
    let stops = (v.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) & !quote | backslash.wrapping_sub(ONES) & !backslash)
        & !v
        & HIGH;
    (stops.trailing_zeros() / 8) as usize
}

fn utf8(input: &[u8], from: usize, to: usize) -> Result<&str, JsonError> {
    std::str::from_utf8(&input[from..to])
        .map_err(|e| JsonError::new(from + e.valid_up_to(), JsonErrorKind::InvalidUtf8))
}

/// Decodes the escape at `at` (a backslash) into `out`; returns the offset after it.
fn unescape(input: &[u8], at: usize, out: &mut String) -> Result<usize, JsonError> {
    let Some(&c) = input.get(at + 1) else {
        return Err(JsonError::new(at + 1, JsonErrorKind::UnexpectedEnd));
    };
    let simple = match c {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let first = hex4(input, at + 2)?;
            let (code, next) = match first {
                0xD800..=0xDBFF => {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if input.get(at + 6) != Some(&b'\\') || input.get(at + 7) != Some(&b'u') {
                        return Err(JsonError::new(at, JsonErrorKind::LoneSurrogate));
                    }
                    let low = hex4(input, at + 8)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return Err(JsonError::new(at + 6, JsonErrorKind::LoneSurrogate));
                    }
                    (0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00), at + 12)
                }
                0xDC00..=0xDFFF => return Err(JsonError::new(at, JsonErrorKind::LoneSurrogate)),
                _ => (first, at + 6),
            };
            // Surrogates were excluded above, so every remaining code is a scalar value.
            out.push(char::from_u32(code).ok_or(JsonError::new(at, JsonErrorKind::InvalidEscape))?);
            return Ok(next);
        }
        _ => return Err(JsonError::new(at, JsonErrorKind::InvalidEscape)),
    };
    out.push(simple);
    Ok(at + 2)
}

fn hex4(input: &[u8], at: usize) -> Result<u32, JsonError> {
    let mut code = 0;
    for i in at..at + 4 {
        let Some(&b) = input.get(i) else {
            return Err(JsonError::new(i, JsonErrorKind::UnexpectedEnd));
        };
        let digit = (b as char)
            .to_digit(16)
            .ok_or(JsonError::new(i, JsonErrorKind::InvalidEscape))?;
        code = code * 16 + digit;
    }
    Ok(code)
}

/// The pieces of a number written in JSON number syntax, borrowed from the input text.
///
/// Produced by [`split_json_number`]; every digit slice contains ASCII digits only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NumberParts<'a> {
    /// Whether the text starts with `-`.
    pub(crate) negative: bool,
    /// Digits before the decimal point (never empty; no leading zero unless it is just `0`).
    pub(crate) integer: &'a [u8],
    /// Digits after the decimal point (empty when there is no `.`).
    pub(crate) fraction: &'a [u8],
    /// Whether the exponent has a `-` sign.
    pub(crate) exponent_negative: bool,
    /// Digits of the exponent (empty when there is no `e`/`E`).
    pub(crate) exponent: &'a [u8],
}

/// Splits `text` into the parts of a JSON number, or returns `None` if `text` is not exactly
/// one JSON number (no surrounding whitespace, no `+` sign, no leading zeros, no `NaN`).
pub(crate) fn split_json_number(text: &str) -> Option<NumberParts<'_>> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        pos += 1;
    }
    let integer = digit_run(bytes, &mut pos);
    if integer.is_empty() || (integer.len() > 1 && integer[0] == b'0') {
        return None;
    }
    let mut fraction: &[u8] = &[];
    if bytes.get(pos) == Some(&b'.') {
        pos += 1;
        fraction = digit_run(bytes, &mut pos);
        if fraction.is_empty() {
            return None;
        }
    }
    let mut exponent_negative = false;
    let mut exponent: &[u8] = &[];
    if matches!(bytes.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        match bytes.get(pos) {
            Some(b'+') => pos += 1,
            Some(b'-') => {
                exponent_negative = true;
                pos += 1;
            }
            _ => {}
        }
        exponent = digit_run(bytes, &mut pos);
        if exponent.is_empty() {
            return None;
        }
    }
    if pos != bytes.len() {
        return None;
    }
    Some(NumberParts {
        negative,
        integer,
        fraction,
        exponent_negative,
        exponent,
    })
}

/// Returns the (possibly empty) run of ASCII digits starting at `*pos` and advances past it.
fn digit_run<'a>(bytes: &'a [u8], pos: &mut usize) -> &'a [u8] {
    let start = *pos;
    while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
        *pos += 1;
    }
    &bytes[start..*pos]
}
