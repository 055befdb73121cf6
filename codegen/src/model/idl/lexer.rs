//! The IDL's tokens (idl.rst "Smithy IDL ABNF"). Whitespace, line breaks and comments are
//! tokens too, because the grammar is whitespace sensitive: the parser decides where a space or
//! a line break is required. A character that cannot start a token becomes an `Error` token,
//! reported only if the parser reaches it, so an error names the place the reader expected
//! something else. Lines and columns are 1-based; columns count UTF-16 code units, as the
//! Smithy reference implementation does, so reported positions agree with it.

use super::text;
use crate::model::Position;

/// The kinds of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of spaces and tabs.
    Space,
    /// One line break: LF, CRLF or CR.
    Newline,
    Comma,
    /// `//` to the end of the line, the line break included.
    Comment,
    /// `///` to the end of the line, the line break included.
    DocComment,
    At,
    /// A quoted string; its value is decoded.
    String,
    /// A `"""` text block; its value is decoded.
    TextBlock,
    Colon,
    /// `:=`
    Walrus,
    Identifier,
    Dot,
    Pound,
    Dollar,
    Number,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Equal,
    Eof,
    /// Text that is not a valid token; the message says why.
    Error,
}

impl Kind {
    /// The name and an example lexeme, as error messages print an expected token.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Space => "SPACE(' ')",
            Kind::Newline => "NEWLINE('\\n')",
            Kind::Comma => "COMMA(',')",
            Kind::Comment => "COMMENT('//')",
            Kind::DocComment => "DOC_COMMENT('///')",
            Kind::At => "AT('@')",
            Kind::String => "STRING('\"')",
            Kind::TextBlock => "TEXT_BLOCK('\"\"\"')",
            Kind::Colon => "COLON(':')",
            Kind::Walrus => "WALRUS(':=')",
            Kind::Identifier => "IDENTIFIER",
            Kind::Dot => "DOT('.')",
            Kind::Pound => "POUND('#')",
            Kind::Dollar => "DOLLAR('$')",
            Kind::Number => "NUMBER",
            Kind::LBrace => "LBRACE('{')",
            Kind::RBrace => "RBRACE('}')",
            Kind::LBracket => "LBRACKET('[')",
            Kind::RBracket => "RBRACKET(']')",
            Kind::LParen => "LPAREN('(')",
            Kind::RParen => "RPAREN(')')",
            Kind::Equal => "EQUAL('=')",
            Kind::Eof => "EOF",
            Kind::Error => "ERROR",
        }
    }

    fn name(self) -> &'static str {
        let d = self.describe();
        d.split_once('(').map_or(d, |(name, _)| name)
    }

    /// Spaces, line breaks, commas and comments (not documentation comments).
    pub fn is_whitespace(self) -> bool {
        matches!(self, Kind::Space | Kind::Newline | Kind::Comma | Kind::Comment)
    }
}

/// One token.
#[derive(Debug, Clone)]
pub struct Token {
    pub kind: Kind,
    /// Byte range in the source.
    pub start: usize,
    pub end: usize,
    /// Where it starts.
    pub at: Position,
    /// The decoded value of a string or text block; the message of an error token.
    pub text: String,
    /// For some error tokens, the place inside the token where reading failed.
    pub inner: Option<Position>,
}

/// Reads tokens one at a time.
pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Self {
        // A byte order mark is not part of the model.
        let pos = if src.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        Lexer { src, pos, line: 1, column: 1 }
    }

    /// The source text of a token, escaped for an error message.
    pub fn lexeme(&self, token: &Token) -> String {
        self.src[token.start..token.end].replace('\r', "\\r").replace('\n', "\\n")
    }

    /// A token as error messages print what was found: `IDENTIFIER('apply')`, `EOF`.
    pub fn debug(&self, token: &Token) -> String {
        if token.start == token.end {
            token.kind.name().to_string()
        } else {
            format!("{}('{}')", token.kind.name(), self.lexeme(token))
        }
    }

    /// The raw text of a token.
    pub fn raw(&self, token: &Token) -> &'a str {
        &self.src[token.start..token.end]
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn position(&self) -> Position {
        Position { line: self.line, column: self.column }
    }

    /// Moves past one character, counting lines and columns (CRLF is one line break).
    fn bump(&mut self) {
        let Some(c) = self.peek() else { return };
        self.pos += c.len_utf8();
        match c {
            '\n' => {
                self.line += 1;
                self.column = 1;
            }
            '\r' => {
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                self.line += 1;
                self.column = 1;
            }
            _ => self.column += c.len_utf16(),
        }
    }

    fn bump_while(&mut self, keep: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&keep) {
            self.bump();
        }
    }

    /// The next token.
    pub fn next_token(&mut self) -> Token {
        let start = self.pos;
        let at = self.position();
        let token = |lexer: &Self, kind: Kind| Token { kind, start, end: lexer.pos, at, text: String::new(), inner: None };
        let Some(c) = self.peek() else { return token(self, Kind::Eof) };
        let single = |lexer: &mut Self, kind: Kind| {
            lexer.bump();
            token(lexer, kind)
        };
        match c {
            ' ' | '\t' => {
                self.bump_while(|c| c == ' ' || c == '\t');
                token(self, Kind::Space)
            }
            '\n' | '\r' => single(self, Kind::Newline),
            ',' => single(self, Kind::Comma),
            '@' => single(self, Kind::At),
            '$' => single(self, Kind::Dollar),
            '.' => single(self, Kind::Dot),
            '#' => single(self, Kind::Pound),
            '=' => single(self, Kind::Equal),
            '{' => single(self, Kind::LBrace),
            '}' => single(self, Kind::RBrace),
            '[' => single(self, Kind::LBracket),
            ']' => single(self, Kind::RBracket),
            '(' => single(self, Kind::LParen),
            ')' => single(self, Kind::RParen),
            ':' => {
                self.bump();
                if self.peek() == Some('=') {
                    self.bump();
                    token(self, Kind::Walrus)
                } else {
                    token(self, Kind::Colon)
                }
            }
            '/' => self.comment(start, at),
            '"' => self.string(start, at),
            '-' | '0'..='9' => self.number(start, at),
            'a'..='z' | 'A'..='Z' | '_' => self.identifier(start, at),
            other => {
                self.bump();
                let mut t = token(self, Kind::Error);
                t.text = format!("Unexpected character: '{other}'");
                t
            }
        }
    }

    fn error(&self, start: usize, at: Position, message: String, inner: Option<Position>) -> Token {
        Token { kind: Kind::Error, start, end: self.pos, at, text: message, inner }
    }

    /// `//` or `///` to the end of the line, the line break included.
    fn comment(&mut self, start: usize, at: Position) -> Token {
        self.bump();
        if self.peek() != Some('/') {
            self.bump();
            return self.error(start, at, "Expected a '/' to follow '/' to form a comment.".into(), None);
        }
        self.bump();
        let kind = if self.peek() == Some('/') { Kind::DocComment } else { Kind::Comment };
        self.bump_while(|c| c != '\n' && c != '\r');
        self.bump();
        Token { kind, start, end: self.pos, at, text: String::new(), inner: None }
    }

    /// A quoted string or a text block, decoded.
    fn string(&mut self, start: usize, at: Position) -> Token {
        let block = self.peek_at(1) == Some('"') && self.peek_at(2) == Some('"');
        let (open, what) = if block { (3, "text block") } else { (1, "quoted string") };
        for _ in 0..open {
            self.bump();
        }
        let content_start = self.pos;
        loop {
            match self.peek() {
                None => {
                    // Reported where the file ends, naming where the string began.
                    let message = format!(
                        "Expected: '\"', but found '[EOF]': the {what} that starts at line {}, column {} is never closed",
                        at.line, at.column
                    );
                    return self.error(start, at, message, Some(self.position()));
                }
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some('"') if !block => break,
                Some('"') if self.src[self.pos..].starts_with("\"\"\"") => break,
                Some(_) => self.bump(),
            }
        }
        let raw = &self.src[content_start..self.pos];
        for _ in 0..open {
            self.bump();
        }
        let decoded = match raw.chars().find(|&c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) {
            Some(bad) => Err(format!("Error parsing {what}: Invalid string character: `{}`", bad.escape_unicode())),
            None if block => text::text_block(raw),
            None => text::quoted_string(raw),
        };
        match decoded {
            Ok(text) => Token {
                kind: if block { Kind::TextBlock } else { Kind::String },
                start,
                end: self.pos,
                at,
                text,
                inner: None,
            },
            Err(message) => self.error(start, at, message, None),
        }
    }

    /// `-? [0-9]* (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (idl.rst "Number").
    fn number(&mut self, start: usize, at: Position) -> Token {
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let fail = |lexer: &Self, why: &str| {
            let message = format!("Invalid number '{}': {why}", &lexer.src[start..lexer.pos]);
            lexer.error(start, at, message, None)
        };
        if self.peek() == Some('-') {
            self.bump();
            if !digit(self.peek()) {
                return fail(self, "'-' must be followed by a digit");
            }
        }
        self.bump_while(|c| c.is_ascii_digit());
        if self.peek() == Some('.') {
            self.bump();
            if !digit(self.peek()) {
                return fail(self, "'.' must be followed by a digit");
            }
            self.bump_while(|c| c.is_ascii_digit());
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !digit(self.peek()) {
                return fail(self, "'e', '+', and '-' must be followed by a digit");
            }
            self.bump_while(|c| c.is_ascii_digit());
        }
        Token { kind: Kind::Number, start, end: self.pos, at, text: String::new(), inner: None }
    }

    /// `(1*"_" (ALPHA / DIGIT) / ALPHA) *(ALPHA / DIGIT / "_")`.
    fn identifier(&mut self, start: usize, at: Position) -> Token {
        if self.peek() == Some('_') {
            self.bump_while(|c| c == '_');
            if !self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
                let inner = self.position();
                let found = self.peek().map_or("[EOF]".to_string(), |c| c.to_string());
                let message = format!("Expected a valid identifier character, but found '{found}'");
                return self.error(start, at, message, Some(inner));
            }
        }
        self.bump_while(|c| c.is_ascii_alphanumeric() || c == '_');
        Token { kind: Kind::Identifier, start, end: self.pos, at, text: String::new(), inner: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, String)> {
        let mut lexer = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let t = lexer.next_token();
            if t.kind == Kind::Eof {
                return out;
            }
            out.push((t.kind, lexer.raw(&t).to_string()));
        }
    }

    #[test]
    fn tokens_and_their_text() {
        use Kind::*;
        let got = kinds("@foo(a: \"b\") // c\n/// d\r\nx:=1.5e-3,$y#z");
        let want = [
            (At, "@"), (Identifier, "foo"), (LParen, "("), (Identifier, "a"), (Colon, ":"), (Space, " "),
            (String, "\"b\""), (RParen, ")"), (Space, " "), (Comment, "// c\n"), (DocComment, "/// d\r\n"),
            (Identifier, "x"), (Walrus, ":="), (Number, "1.5e-3"), (Comma, ","), (Dollar, "$"),
            (Identifier, "y"), (Pound, "#"), (Identifier, "z"),
        ];
        let want: Vec<(Kind, std::string::String)> = want.iter().map(|(k, s)| (*k, s.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn positions_count_lines_and_utf16_columns() {
        let mut lexer = Lexer::new("a\r\n\tb 😀c");
        let positions: Vec<(usize, usize)> = std::iter::from_fn(|| {
            let t = lexer.next_token();
            (t.kind != Kind::Eof).then_some((t.at.line, t.at.column))
        })
        .collect();
        // a, CRLF, tab, b, space, emoji (an error token), c
        assert_eq!(positions, [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (2, 4), (2, 6)]);
    }

    #[test]
    fn bad_numbers_identifiers_and_strings_are_error_tokens() {
        let first = |src: &str| Lexer::new(src).next_token();
        assert_eq!(first("1.").text, "Invalid number '1.': '.' must be followed by a digit");
        assert_eq!(first("-x").text, "Invalid number '-': '-' must be followed by a digit");
        assert_eq!(first("1e+").text, "Invalid number '1e+': 'e', '+', and '-' must be followed by a digit");
        let underscore = first("_ x");
        assert_eq!(underscore.kind, Kind::Error);
        assert_eq!(underscore.inner, Some(Position { line: 1, column: 2 }));
        let unclosed = first("\"abc\n");
        assert_eq!(unclosed.inner, Some(Position { line: 2, column: 1 }));
        assert!(first("\"\\q\"").text.contains("Invalid escape found in string: `\\q`"));
        assert_eq!(first("\"\"").kind, Kind::String);
        assert_eq!(first("\"\"\"\n  x\n  \"\"\"").text, "x\n");
        assert_eq!(first("!").text, "Unexpected character: '!'");
    }
}
