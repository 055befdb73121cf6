//! Converts the HTML found in `smithy.api#documentation` traits into rustdoc markdown.
//!
//! AWS models write documentation as loosely formed HTML (plus a few DocBook-style tags such as
//! `<note>`), and a few models use plain text. The conversion runs in three steps:
//!
//! 1. a forgiving lexer and tree builder that never fails: anything that is not a
//!    well-formed tag is text, unclosed tags are closed at the end, stray end tags are ignored;
//! 2. a renderer that turns the tree into blocks (paragraphs, lists, code blocks) whose text is
//!    already escaped for markdown;
//! 3. a layout step that wraps paragraphs and indents list items.
//!
//! The output must keep `cargo doc` free of warnings: every `[`, `]` and tag-like `<` in text is
//! escaped, bare URLs become autolinks, and code blocks are fenced as `text` so rustdoc never
//! compiles them.

use std::collections::HashMap;
use std::mem;
use std::slice;

/// Paragraphs are wrapped to this many columns (not counting list indentation), so the generated
/// source stays readable with one `#[doc]` attribute per line.
const WIDTH: usize = 80;
/// Deeply nested list items still get this much room before wrapping.
const MIN_WIDTH: usize = 40;
/// Start tags nested deeper than this are dropped (their text kept), which bounds the recursion
/// of the renderer on hostile input.
const MAX_DEPTH: usize = 64;
/// A `<` followed by more than this many bytes without a closing `>` is text, not a tag; this
/// keeps the lexer linear on input like `<a href="` repeated many times.
const MAX_TAG_LEN: usize = 4096;

/// Converts a documentation string (HTML or plain text) into markdown lines joined by `\n`,
/// with no trailing newline and no trailing spaces. Never panics; the same input always gives
/// the same output.
pub fn html_to_markdown(html: &str) -> String {
    let root = parse(html);
    let mut flow = Flow::default();
    flow.nodes(&root.children);
    let blocks = flow.finish();
    let mut lines = Vec::new();
    layout_blocks(&blocks, WIDTH, false, &mut lines);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Only ASCII blanks: trimming a trailing U+00A0 could empty a line and split a paragraph.
        out.push_str(line.trim_end_matches([' ', '\t']));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tags

/// Elements that break paragraphs. Those not handled specially are transparent blocks.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "para", "fullname", "note", "important", "ul", "ol", "li", "dl", "dt", "dd", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "table", "thead", "tbody", "tfoot",
    "tr", "caption", "section", "article", "aside", "header", "footer", "nav", "main", "figure",
    "figcaption", "address", "details", "summary", "center", "html", "body", "form", "fieldset",
    "legend", "menu", "dir",
];

/// Inline elements. Those not handled specially are dropped, keeping their text.
#[rustfmt::skip]
const INLINE_TAGS: &[&str] = &[
    "a", "b", "strong", "i", "em", "code", "tt", "kbd", "samp", "br", "span", "u", "s", "strike",
    "del", "ins", "sup", "sub", "small", "big", "font", "var", "cite", "abbr", "acronym", "dfn",
    "q", "mark", "label", "time", "data", "td", "th", "img", "wbr", "bdi", "bdo", "nobr", "col",
    "colgroup", "input", "area", "base", "embed", "source", "track", "param", "meta", "link",
];

/// Elements that never have content or an end tag.
#[rustfmt::skip]
const VOID_TAGS: &[&str] = &[
    "br", "hr", "img", "wbr", "col", "input", "area", "base", "embed", "source", "track", "param",
    "meta", "link",
];

/// Inline elements whose content is code.
const CODE_TAGS: &[&str] = &["code", "tt", "kbd", "samp"];

/// An open `<p>` is closed by a new block, unless one of these lies in between.
#[rustfmt::skip]
const P_SCOPE: &[&str] = &[
    "li", "dt", "dd", "note", "important", "para", "blockquote", "td", "th", "table", "ul", "ol",
    "dl", "div", "section", "article", "aside", "header", "footer", "nav", "main", "figure",
    "details", "body", "html",
];

/// The canonical name of a known element. Names outside HTML (`<json_string>`,
/// `<function name>`) are placeholders in AWS docs rather than markup, and return `None`.
fn known_tag(name: &str) -> Option<&'static str> {
    BLOCK_TAGS
        .iter()
        .chain(INLINE_TAGS)
        .find(|tag| tag.eq_ignore_ascii_case(name))
        .copied()
}

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// HTML whitespace; deliberately excludes U+00A0, which `&nbsp;` produces and which must not
/// collapse.
fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

// ---------------------------------------------------------------------------------------------
// Lexer

enum Token<'a> {
    /// Raw text, entities not yet decoded.
    Text(&'a str),
    Start {
        name: &'a str,
        raw: &'a str,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: &'a str,
        raw: &'a str,
    },
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Set once a search for `-->` failed: later searches start further on and would fail too.
    no_comment_end: bool,
    /// Same for a `>` closing `<!...>` or `<?...>`.
    no_gt: bool,
}

enum Markup<'a> {
    Token(Token<'a>, usize),
    Skip(usize),
    Literal,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            no_comment_end: false,
            no_gt: false,
        }
    }

    fn markup(&mut self, rest: &'a str) -> Markup<'a> {
        if let Some(body) = rest.strip_prefix("<!--") {
            if !self.no_comment_end {
                match body.find("-->") {
                    Some(i) => return Markup::Skip(4 + i + 3),
                    // An unterminated comment is kept as text rather than swallowing the rest.
                    None => self.no_comment_end = true,
                }
            }
            return Markup::Literal;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            // Declarations and processing instructions carry no documentation.
            if !self.no_gt {
                match rest.find('>') {
                    Some(i) => return Markup::Skip(i + 1),
                    None => self.no_gt = true,
                }
            }
            return Markup::Literal;
        }
        match lex_tag(rest) {
            Some((token, len)) => Markup::Token(token, len),
            None => Markup::Literal,
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.src[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if rest.starts_with('<') {
                match self.markup(rest) {
                    Markup::Token(token, len) => {
                        self.pos += len;
                        return Some(token);
                    }
                    Markup::Skip(len) => {
                        self.pos += len;
                        continue;
                    }
                    Markup::Literal => {}
                }
            }
            // Text runs to the next `<` (a literal `<` is the first byte of its own run).
            let from = usize::from(rest.starts_with('<'));
            let end = rest[from..].find('<').map_or(rest.len(), |i| i + from);
            self.pos += end;
            return Some(Token::Text(&rest[..end]));
        }
    }
}

/// Lexes a start or end tag at the beginning of `rest`, or returns `None` when the `<` is text
/// (`a < b`, `x<y`, `MAP<string, string>`, a tag never closed by `>`).
fn lex_tag(rest: &str) -> Option<(Token<'_>, usize)> {
    let b = rest.as_bytes();
    let limit = b.len().min(MAX_TAG_LEN);
    let is_ws_byte = |c: u8| is_ws(char::from(c));
    let end_tag = b.get(1) == Some(&b'/');
    let mut i = if end_tag { 2 } else { 1 };
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = i;
    while i < limit && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
        i += 1;
    }
    let name = &rest[name_start..i];
    match b.get(i) {
        Some(&c) if is_ws_byte(c) || c == b'>' || c == b'/' => {}
        _ => return None,
    }
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        if i >= limit {
            return None;
        }
        let c = b[i];
        if is_ws_byte(c) {
            i += 1;
        } else if c == b'>' {
            i += 1;
            break;
        } else if c == b'/' {
            if b.get(i + 1) == Some(&b'>') {
                self_closing = true;
                i += 2;
                break;
            }
            i += 1;
        } else if c == b'<' {
            return None;
        } else if c == b'=' {
            // A value without a name: skip the `=` and lex the value as a name.
            i += 1;
        } else {
            let attr_start = i;
            while i < limit && !is_ws_byte(b[i]) && !matches!(b[i], b'=' | b'>' | b'/' | b'<') {
                i += 1;
            }
            let attr = rest[attr_start..i].to_ascii_lowercase();
            while i < limit && is_ws_byte(b[i]) {
                i += 1;
            }
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < limit && is_ws_byte(b[i]) {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let len = b[i + 1..limit].iter().position(|&x| x == q)?;
                        value = decode_entities(&rest[i + 1..i + 1 + len]);
                        i += len + 2;
                    }
                    _ => {
                        let value_start = i;
                        while i < limit && !is_ws_byte(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        value = decode_entities(&rest[value_start..i]);
                    }
                }
            }
            attrs.push((attr, value));
        }
    }
    let raw = &rest[..i];
    let token = if end_tag {
        Token::End { name, raw }
    } else {
        Token::Start {
            name,
            raw,
            attrs,
            self_closing,
        }
    };
    Some((token, i))
}

/// Decodes character references; anything unknown or malformed stays as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character and length of the character reference at the start of `s` (which starts with
/// `&`). Only references terminated by `;` are accepted.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(number) = body.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(digits, radix).ok()?)?;
        // Control characters are almost certainly mistakes; keep the reference visible.
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            return None;
        }
        c
    } else {
        match body {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "bull" => '•',
            "middot" => '·',
            "times" => '×',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "deg" => '°',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

// ---------------------------------------------------------------------------------------------
// Tree

enum Node {
    Text(String),
    Element(Element),
}

struct Element {
    name: &'static str,
    href: Option<String>,
    start: Option<u64>,
    children: Vec<Node>,
    /// Whether some descendant is a block element; such inline elements are rendered
    /// transparently, since markdown emphasis or links cannot span paragraphs.
    has_block: bool,
}

impl Element {
    fn new(name: &'static str, attrs: Vec<(String, String)>) -> Self {
        let mut el = Element {
            name,
            href: None,
            start: None,
            children: Vec::new(),
            has_block: false,
        };
        for (attr, value) in attrs {
            match attr.as_str() {
                "href" => el.href = Some(value),
                // CommonMark list numbers have at most nine digits.
                "start" => el.start = value.trim().parse().ok().filter(|n| *n <= 999_999_999),
                _ => {}
            }
        }
        el
    }
}

#[derive(Default)]
struct Builder {
    root: Vec<Node>,
    root_has_block: bool,
    open: Vec<Element>,
    /// How many unknown elements of each name were dropped and are not closed yet.
    unknown_open: HashMap<String, usize>,
}

impl Builder {
    fn add(&mut self, node: Node) {
        let block = match &node {
            Node::Element(el) => is_block(el.name) || el.has_block,
            Node::Text(_) => false,
        };
        let (children, has_block) = match self.open.last_mut() {
            Some(el) => (&mut el.children, &mut el.has_block),
            None => (&mut self.root, &mut self.root_has_block),
        };
        *has_block |= block;
        match (children.last_mut(), node) {
            (Some(Node::Text(last)), Node::Text(text)) => last.push_str(&text),
            (_, node) => children.push(node),
        }
    }

    fn text(&mut self, raw: &str) {
        let text: String = decode_entities(raw)
            .chars()
            .filter(|&c| !c.is_control() || is_ws(c))
            .collect();
        if !text.is_empty() {
            self.add(Node::Text(text));
        }
    }

    /// Closes open elements down to (and including) index `idx`.
    fn close_to(&mut self, idx: usize) {
        while self.open.len() > idx {
            if let Some(el) = self.open.pop() {
                self.add(Node::Element(el));
            }
        }
    }

    /// The innermost open element named in `names`, unless an element in `stop` is nearer.
    fn find_open(&self, names: &[&str], stop: &[&str]) -> Option<usize> {
        for (i, el) in self.open.iter().enumerate().rev() {
            if names.contains(&el.name) {
                return Some(i);
            }
            if stop.contains(&el.name) {
                return None;
            }
        }
        None
    }

    fn start(&mut self, name: &'static str, attrs: Vec<(String, String)>, self_closing: bool) {
        // The implied end tags of HTML: a new item ends the previous one, a block ends a `<p>`.
        let implied = match name {
            "li" => self.find_open(&["li"], &["ul", "ol"]),
            "dt" | "dd" => self.find_open(&["dt", "dd"], &["dl"]),
            _ => None,
        };
        if let Some(idx) = implied {
            self.close_to(idx);
        }
        if is_block(name) {
            if let Some(idx) = self.find_open(&["p"], P_SCOPE) {
                self.close_to(idx);
            }
        }
        let el = Element::new(name, attrs);
        // `<p/>` is common in XML-minded docs; treat any self-closed element as empty.
        if VOID_TAGS.contains(&name) || self_closing {
            self.add(Node::Element(el));
        } else if self.open.len() < MAX_DEPTH {
            self.open.push(el);
        }
    }

    fn end(&mut self, name: &'static str) {
        if let Some(idx) = self.open.iter().rposition(|el| el.name == name) {
            self.close_to(idx);
        } else if name == "p" || name == "br" {
            // As in HTML, a stray `</p>` is an empty paragraph (a break) and `</br>` is `<br>`.
            self.add(Node::Element(Element::new(name, Vec::new())));
        }
    }

    fn in_code(&self) -> bool {
        self.open
            .iter()
            .any(|el| el.name == "pre" || CODE_TAGS.contains(&el.name))
    }

    /// A start tag whose name is not HTML. AWS docs use such names as placeholders
    /// (`Vec<String>`, `<json_string>`, `<code>/aws/lambda/<function name></code>`), so it is
    /// text unless it is really markup: outside code, and closed later or self-closed.
    fn unknown_start(&mut self, raw: &str, name: String, closed_later: bool, self_closing: bool) {
        if self.in_code() || !(closed_later || self_closing) {
            self.text(raw);
        } else if !self_closing {
            *self.unknown_open.entry(name).or_default() += 1;
        }
    }

    /// The end tag of a dropped unknown element is dropped too; any other is text.
    fn unknown_end(&mut self, raw: &str, name: String) {
        if !self.in_code() {
            if let Some(open) = self.unknown_open.get_mut(&name).filter(|open| **open > 0) {
                *open -= 1;
                return;
            }
        }
        self.text(raw);
    }

    fn finish(mut self) -> Vec<Node> {
        self.close_to(0);
        self.root
    }
}

fn parse(html: &str) -> Element {
    let closers = end_tag_positions(html);
    let mut builder = Builder::default();
    let mut lexer = Lexer::new(html);
    while let Some(token) = lexer.next() {
        match token {
            Token::Text(text) => builder.text(text),
            Token::Start {
                name,
                raw,
                attrs,
                self_closing,
            } => match known_tag(name) {
                Some(name) => builder.start(name, attrs, self_closing),
                None => {
                    let name = name.to_ascii_lowercase();
                    let closed_later = closers.get(&name).is_some_and(|&at| at >= lexer.pos);
                    builder.unknown_start(raw, name, closed_later, self_closing);
                }
            },
            Token::End { name, raw } => match known_tag(name) {
                Some(name) => builder.end(name),
                None => builder.unknown_end(raw, name.to_ascii_lowercase()),
            },
        }
    }
    let mut root = Element::new("", Vec::new());
    root.children = builder.finish();
    root
}

/// The last position of `</name` for each (lowercased) name in the input.
fn end_tag_positions(html: &str) -> HashMap<String, usize> {
    let mut positions = HashMap::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("</") {
        let start = from + i + 2;
        let len = html[start..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
            .count();
        if len > 0 {
            positions.insert(html[start..start + len].to_ascii_lowercase(), start);
        }
        from = start;
    }
    positions
}

/// The text of `nodes` with all markup removed (`<br>` as a newline).
fn plain_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) if el.name == "br" => out.push('\n'),
            Node::Element(el) => plain_text(&el.children, out),
        }
    }
}

fn collapse_ws(s: &str) -> String {
    s.split(is_ws)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------
// Inline content

/// An unbreakable piece of markdown: the text between two collapsible spaces.
struct Word {
    md: String,
    /// Starts with escaped text, which may need a line-start escape (`-`, `#`, `1.`).
    text_start: bool,
    /// Must not begin a wrapped line (a code span fenced with three backticks would open a
    /// code block there).
    no_break_before: bool,
    /// Opens emphasis followed by punctuation, so it must not follow an alphanumeric directly
    /// or CommonMark will not treat it as an opener.
    guard_start: bool,
    /// Closes emphasis preceded by punctuation, so it must not precede an alphanumeric.
    guard_end: bool,
}

impl Word {
    fn markup(md: String) -> Self {
        Word {
            md,
            text_start: false,
            no_break_before: false,
            guard_start: false,
            guard_end: false,
        }
    }
}

enum Seg {
    Word(Word),
    Space,
    Break,
}

/// A paragraph under construction: words with collapsed whitespace between them.
#[derive(Default)]
struct Inline {
    segs: Vec<Seg>,
    /// A space is pending before the next word.
    space: bool,
    /// Whitespace preceded the first word (kept outside of emphasis markers).
    lead_space: bool,
    /// Inside link text, where an autolink would nest a link in a link.
    no_autolinks: bool,
}

impl Inline {
    fn visible(&self) -> bool {
        self.segs
            .iter()
            .any(|seg| matches!(seg, Seg::Word(w) if !w.md.chars().all(char::is_whitespace)))
    }

    fn glue(&mut self, word: Word) {
        if word.md.is_empty() {
            return;
        }
        let spaced = self.space
            || match self.segs.last() {
                Some(Seg::Word(last)) => {
                    (last.guard_end && word.md.starts_with(char::is_alphanumeric))
                        || (word.guard_start && last.md.ends_with(char::is_alphanumeric))
                }
                _ => false,
            };
        match self.segs.last_mut() {
            Some(Seg::Word(last)) if !spaced => {
                last.md.push_str(&word.md);
                last.guard_end = word.guard_end;
            }
            Some(Seg::Word(_)) => {
                self.segs.push(Seg::Space);
                self.segs.push(Seg::Word(word));
            }
            Some(_) => self.segs.push(Seg::Word(word)),
            None => {
                self.lead_space |= self.space;
                self.segs.push(Seg::Word(word));
            }
        }
        self.space = false;
    }

    fn brk(&mut self) {
        self.space = false;
        if !matches!(self.segs.last(), None | Some(Seg::Break)) {
            self.segs.push(Seg::Break);
        }
    }

    fn text(&mut self, text: &str) {
        let mut chunks = text.split(is_ws).peekable();
        let mut first = true;
        while let Some(chunk) = chunks.next() {
            if !first {
                self.space = true;
            }
            first = false;
            if !chunk.is_empty() {
                // The last chunk may be continued by the text of a following element.
                self.chunk(chunk, chunks.peek().is_none());
            }
        }
    }

    /// A run of text without whitespace; `open_end` when what follows it is unknown.
    fn chunk(&mut self, chunk: &str, open_end: bool) {
        let mut rest = chunk;
        if !self.no_autolinks {
            while let Some((start, end)) = find_url(rest) {
                self.plain(&rest[..start], false);
                self.glue(Word::markup(format!(
                    "<{}>",
                    autolink_target(&rest[start..end])
                )));
                rest = &rest[end..];
            }
        }
        self.plain(rest, open_end);
    }

    fn plain(&mut self, text: &str, open_end: bool) {
        if !text.is_empty() {
            let mut word = Word::markup(escape_text(text, open_end));
            word.text_start = true;
            self.glue(word);
        }
    }

    fn append(&mut self, other: Inline) {
        self.space |= other.lead_space;
        for seg in other.segs {
            match seg {
                Seg::Word(word) => self.glue(word),
                Seg::Space => self.space = true,
                Seg::Break => self.brk(),
            }
        }
        self.space |= other.space;
    }

    /// Puts `open` before the first word and `close` after the last one.
    fn mark(&mut self, open: &str, close: &str, emphasis: bool) {
        let is_punct = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
        let first = self.segs.iter().position(|seg| matches!(seg, Seg::Word(_)));
        if let Some(Seg::Word(w)) = first.and_then(|i| self.segs.get_mut(i)) {
            w.guard_start = emphasis && w.md.starts_with(is_punct);
            w.md.insert_str(0, open);
            w.text_start = false;
            w.no_break_before = false;
        }
        let last = self
            .segs
            .iter()
            .rposition(|seg| matches!(seg, Seg::Word(_)));
        if let Some(Seg::Word(w)) = last.and_then(|i| self.segs.get_mut(i)) {
            w.guard_end = emphasis && w.md.ends_with(is_punct);
            w.md.push_str(close);
        }
    }
}

/// Backslash-escapes what markdown or rustdoc would read as markup. Only characters that can
/// matter anywhere in a line are handled here; line starts are handled by [`line_start_hazard`].
/// `open_end` says the character after `text` is unknown (rather than whitespace).
fn escape_text(text: &str, open_end: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            // `[`/`]` would be intra-doc links, `|` table cells, `~` strikethrough.
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // An underscore between two alphanumerics cannot open or close emphasis.
            '_' if prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric) =>
            {
                out.push('_')
            }
            '_' => out.push_str("\\_"),
            // Only `<` followed by something tag-like can start HTML.
            '<' if next.map_or(open_end, |n| {
                n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')
            }) =>
            {
                out.push_str("\\<")
            }
            // Only `&` that spells a character reference would be decoded.
            '&' if looks_like_entity(&chars[i + 1..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
    }
    out
}

fn looks_like_entity(after: &[char]) -> bool {
    let len = after
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    len > 0 && after.get(len) == Some(&';')
}

/// Where a backslash must go for a word that starts a line not to become markup: a block quote,
/// a heading, a list item, a thematic break or a setext underline.
fn line_start_hazard(md: &str) -> Option<usize> {
    let first = md.chars().next()?;
    match first {
        '>' => Some(0),
        '#' | '-' | '+' | '=' if md.chars().all(|c| c == first) => Some(0),
        '0'..='9' => {
            let digits = md.bytes().take_while(u8::is_ascii_digit).count();
            (digits <= 9 && matches!(&md[digits..], "." | ")")).then_some(digits)
        }
        _ => None,
    }
}

/// The byte range of the first `http://` or `https://` URL in a whitespace-free chunk, without
/// trailing punctuation that belongs to the sentence.
fn find_url(chunk: &str) -> Option<(usize, usize)> {
    let bytes = chunk.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes[from..]
        .iter()
        .position(|b| b.eq_ignore_ascii_case(&b'h'))
    {
        let start = from + offset;
        from = start + 1;
        let scheme = ["https://", "http://"].into_iter().find(|scheme| {
            chunk
                .get(start..start + scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        });
        let Some(scheme) = scheme else { continue };
        if chunk[..start].ends_with(char::is_alphanumeric) {
            continue;
        }
        let mut end = chunk[start..]
            .find(['<', '>', '"', '`'])
            .map_or(chunk.len(), |i| start + i);
        // A closing bracket ends the URL only when unbalanced, as in `(see http://x/a_(b))`.
        let count = |c: char| chunk[start..end].matches(c).count();
        let mut brackets = [(')', count('('), count(')')), (']', count('['), count(']'))];
        while let Some(last) = chunk[start..end].chars().last() {
            let trim = match brackets.iter_mut().find(|b| b.0 == last) {
                Some((_, opened, closed)) if *closed > *opened => {
                    *closed -= 1;
                    true
                }
                Some(_) => false,
                None => matches!(last, '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_'),
            };
            if !trim {
                break;
            }
            end -= last.len_utf8();
        }
        if chunk[start + scheme.len()..end].contains(char::is_alphanumeric) {
            return Some((start, end));
        }
    }
    None
}

fn autolink_target(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            _ => out.push(c),
        }
    }
    out
}

/// An `href` worth linking to; relative and other odd targets would be broken links.
fn web_url(href: &str) -> Option<String> {
    // Models wrap long attribute values; the line breaks and their indentation are not part of
    // the URL.
    let url: String = href.lines().map(|part| part.trim_matches(is_ws)).collect();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    rest.contains(char::is_alphanumeric).then_some(url)
}

fn same_url(text: &str, url: &str) -> bool {
    text.trim_end_matches('/')
        .eq_ignore_ascii_case(url.trim_end_matches('/'))
}

/// A code span for `text`, or `None` when it is blank.
fn code_span(text: &str) -> Option<Word> {
    let text = collapse_ws(text);
    if text.is_empty() {
        return None;
    }
    // The fence is the shortest backtick run that does not occur inside.
    let mut runs = Vec::new();
    let mut run = 0;
    for c in text.chars().chain([' ']) {
        if c == '`' {
            run += 1;
        } else if run > 0 {
            runs.push(run);
            run = 0;
        }
    }
    let fence_len = (1..).find(|n| !runs.contains(n)).unwrap_or(1);
    let fence = "`".repeat(fence_len);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    let mut word = Word::markup(format!("{fence}{pad}{text}{pad}{fence}"));
    word.no_break_before = fence_len >= 3;
    Some(word)
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    bold: bool,
    italic: bool,
    link: bool,
}

fn inline_nodes(nodes: &[Node], out: &mut Inline, ctx: Ctx) {
    for node in nodes {
        match node {
            Node::Text(text) => out.text(text),
            Node::Element(el) => inline_element(el, out, ctx),
        }
    }
}

fn inline_element(el: &Element, out: &mut Inline, ctx: Ctx) {
    match el.name {
        "br" => out.brk(),
        name if CODE_TAGS.contains(&name) => {
            let mut text = String::new();
            plain_text(&el.children, &mut text);
            match code_span(&text) {
                Some(word) => {
                    out.space |= text.starts_with(is_ws);
                    out.glue(word);
                    out.space |= text.ends_with(is_ws);
                }
                None => out.space |= !text.is_empty(),
            }
        }
        "b" | "strong" => emphasis(el, out, ctx, true),
        "i" | "em" => emphasis(el, out, ctx, false),
        "a" => link(el, out, ctx),
        "td" | "th" => {
            out.space = true;
            inline_nodes(&el.children, out, ctx);
            out.space = true;
        }
        _ => inline_nodes(&el.children, out, ctx),
    }
}

fn emphasis(el: &Element, out: &mut Inline, ctx: Ctx, bold: bool) {
    // Nested emphasis of the same kind would toggle it off (`**a **b** c**`).
    if (bold && ctx.bold) || (!bold && ctx.italic) {
        return inline_nodes(&el.children, out, ctx);
    }
    let inner = Ctx {
        bold: ctx.bold || bold,
        italic: ctx.italic || !bold,
        ..ctx
    };
    let mut sub = Inline {
        no_autolinks: out.no_autolinks,
        ..Inline::default()
    };
    inline_nodes(&el.children, &mut sub, inner);
    if sub.visible() {
        let marker = if bold { "**" } else { "*" };
        sub.mark(marker, marker, true);
    }
    out.append(sub);
}

fn link(el: &Element, out: &mut Inline, ctx: Ctx) {
    let url = el.href.as_deref().and_then(web_url);
    let Some(url) = url.filter(|_| !ctx.link) else {
        return inline_nodes(&el.children, out, ctx);
    };
    let mut sub = Inline {
        no_autolinks: true,
        ..Inline::default()
    };
    inline_nodes(&el.children, &mut sub, Ctx { link: true, ..ctx });
    let mut text = String::new();
    plain_text(&el.children, &mut text);
    if !sub.visible() || same_url(&collapse_ws(&text), &url) {
        out.space |= sub.lead_space;
        out.glue(Word::markup(format!("<{}>", autolink_target(&url))));
        out.space |= sub.space;
        return;
    }
    sub.mark("[", &format!("]({})", link_destination(&url)), false);
    out.append(sub);
}

// ---------------------------------------------------------------------------------------------
// Blocks

enum Block {
    Para(Vec<Seg>),
    Code(String),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
}

/// Block-level rendering of a sequence of nodes.
#[derive(Default)]
struct Flow {
    blocks: Vec<Block>,
    inline: Inline,
}

impl Flow {
    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    fn flush(&mut self) {
        let inline = mem::take(&mut self.inline);
        if inline.visible() {
            self.blocks.push(Block::Para(inline.segs));
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(text) => {
                // A blank line is the only paragraph separator that plain-text docs have.
                for (i, part) in split_blank_lines(text).into_iter().enumerate() {
                    if i > 0 {
                        self.flush();
                    }
                    self.inline.text(part);
                }
            }
            Node::Element(el) if matches!(el.name, "dt" | "dd") => {
                self.definitions(slice::from_ref(node))
            }
            Node::Element(el) => self.element(el),
        }
    }

    fn element(&mut self, el: &Element) {
        match el.name {
            "br" => {
                // Two line breaks in a row separate paragraphs.
                if matches!(self.inline.segs.last(), Some(Seg::Break)) {
                    self.inline.segs.pop();
                    self.flush();
                } else {
                    self.inline.brk();
                }
            }
            "pre" => {
                self.flush();
                if let Some(code) = preformatted(el) {
                    self.blocks.push(Block::Code(code));
                }
            }
            "ul" | "ol" => self.list(el),
            "li" => self.stray_item(el),
            "dl" => self.definitions(&el.children),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.blocks.extend(strong_blocks(el));
            }
            "note" | "important" => self.admonition(el),
            name if is_block(name) => {
                self.flush();
                self.nodes(&el.children);
                self.flush();
            }
            _ if el.has_block => self.nodes(&el.children),
            _ => inline_element(el, &mut self.inline, Ctx::default()),
        }
    }

    fn list(&mut self, el: &Element) {
        self.flush();
        let mut items = Vec::new();
        // Content directly inside the list but outside any `<li>` becomes an item of its own.
        let mut loose = Flow::default();
        for node in &el.children {
            match node {
                Node::Element(li) if li.name == "li" => {
                    push_item(&mut items, mem::take(&mut loose).finish());
                    push_item(&mut items, flow_blocks(&li.children));
                }
                other => loose.node(other),
            }
        }
        push_item(&mut items, loose.finish());
        if !items.is_empty() {
            let ordered = el.name == "ol";
            self.blocks.push(Block::List {
                ordered,
                start: el.start.unwrap_or(1),
                items,
            });
        }
    }

    fn stray_item(&mut self, el: &Element) {
        self.flush();
        let item = flow_blocks(&el.children);
        if item.is_empty() {
            return;
        }
        match self.blocks.last_mut() {
            Some(Block::List {
                ordered: false,
                items,
                ..
            }) => items.push(item),
            _ => self.blocks.push(Block::List {
                ordered: false,
                start: 1,
                items: vec![item],
            }),
        }
    }

    /// A definition list becomes a bullet list: the term in bold, the descriptions below it.
    fn definitions(&mut self, nodes: &[Node]) {
        self.flush();
        let mut items: Vec<Vec<Block>> = Vec::new();
        for node in nodes {
            let (term, blocks) = match node {
                Node::Element(el) if el.name == "dt" => (true, strong_blocks(el)),
                Node::Element(el) if el.name == "dd" => (false, flow_blocks(&el.children)),
                other => (false, flow_blocks(slice::from_ref(other))),
            };
            if blocks.is_empty() {
                continue;
            }
            match items.last_mut() {
                Some(item) if !term => item.extend(blocks),
                _ => items.push(blocks),
            }
        }
        if !items.is_empty() {
            self.blocks.push(Block::List {
                ordered: false,
                start: 1,
                items,
            });
        }
    }

    fn admonition(&mut self, el: &Element) {
        self.flush();
        let mut blocks = flow_blocks(&el.children);
        if blocks.is_empty() {
            return;
        }
        let label = if el.name == "note" {
            "**Note:**"
        } else {
            "**Important:**"
        };
        let label = Word::markup(label.to_string());
        match blocks.first_mut() {
            Some(Block::Para(segs)) => {
                segs.insert(0, Seg::Space);
                segs.insert(0, Seg::Word(label));
            }
            _ => blocks.insert(0, Block::Para(vec![Seg::Word(label)])),
        }
        self.blocks.extend(blocks);
    }
}

fn flow_blocks(nodes: &[Node]) -> Vec<Block> {
    let mut flow = Flow::default();
    flow.nodes(nodes);
    flow.finish()
}

fn push_item(items: &mut Vec<Vec<Block>>, item: Vec<Block>) {
    if !item.is_empty() {
        items.push(item);
    }
}

/// The content of a heading or a definition term, as a bold paragraph when it has no blocks.
fn strong_blocks(el: &Element) -> Vec<Block> {
    if el.has_block {
        return flow_blocks(&el.children);
    }
    let mut sub = Inline::default();
    inline_nodes(
        &el.children,
        &mut sub,
        Ctx {
            bold: true,
            ..Ctx::default()
        },
    );
    if sub.visible() {
        sub.mark("**", "**", true);
        vec![Block::Para(sub.segs)]
    } else {
        Vec::new()
    }
}

/// Splits text at blank lines (a line holding only whitespace between two newlines).
fn split_blank_lines(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut part_start = 0;
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        let line_end = offset + line.len();
        if i > 0 && line_end < text.len() && line.chars().all(is_ws) {
            parts.push(&text[part_start..offset]);
            part_start = line_end;
        }
        offset = line_end + 1;
    }
    parts.push(&text[part_start..]);
    parts
}

/// The lines of a `<pre>`, without surrounding blank lines, trailing spaces or the indentation
/// that all lines share (the models indent examples to match the surrounding markup).
fn preformatted(el: &Element) -> Option<String> {
    let mut raw = String::new();
    plain_text(&el.children, &mut raw);
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|line| !line.is_empty())?;
    let last = lines.iter().rposition(|line| !line.is_empty())?;
    let lines = &lines[first..=last];
    let mut indent: Option<&str> = None;
    for line in lines.iter().filter(|line| !line.is_empty()) {
        let own = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let common = match indent {
            None => own,
            Some(prev) => {
                let len = prev
                    .bytes()
                    .zip(own.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &prev[..len]
            }
        };
        indent = Some(common);
    }
    let cut = indent.map_or(0, str::len);
    let body: Vec<&str> = lines
        .iter()
        .map(|line| line.get(cut..).unwrap_or(""))
        .collect();
    Some(body.join("\n"))
}

// ---------------------------------------------------------------------------------------------
// Layout

/// Whether a blank line must separate two blocks. Inside a list item a paragraph may be followed
/// directly by a nested list (the usual style); an ordered list can only interrupt a paragraph
/// when it starts at 1.
fn separated(prev: &Block, next: &Block, in_item: bool) -> bool {
    let tight = in_item
        && matches!(prev, Block::Para(_))
        && matches!(next, Block::List { ordered, start, .. } if !*ordered || *start == 1);
    !tight
}

fn layout_blocks(blocks: &[Block], width: usize, in_item: bool, out: &mut Vec<String>) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && separated(&blocks[i - 1], block, in_item) {
            out.push(String::new());
        }
        match block {
            Block::Para(segs) => out.extend(wrap(segs, width)),
            Block::Code(code) => layout_code(code, out),
            Block::List {
                ordered,
                start,
                items,
            } => layout_list(*ordered, *start, items, width, out),
        }
    }
}

fn layout_code(code: &str, out: &mut Vec<String>) {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    out.push(format!("{fence}text"));
    out.extend(code.lines().map(str::to_string));
    out.push(fence);
}

fn layout_list(
    ordered: bool,
    start: u64,
    items: &[Vec<Block>],
    width: usize,
    out: &mut Vec<String>,
) {
    // A list whose items hold blank-line separated blocks renders loose anyway; spacing the
    // items too keeps the source honest about it.
    let loose = items
        .iter()
        .any(|item| item.windows(2).any(|w| separated(&w[0], &w[1], true)));
    for (k, item) in (0u64..).zip(items) {
        if k > 0 && loose {
            out.push(String::new());
        }
        let marker = if ordered {
            format!("{}. ", start + k)
        } else {
            "- ".to_string()
        };
        let pad = " ".repeat(marker.len());
        let mut lines = Vec::new();
        layout_blocks(
            item,
            width.saturating_sub(marker.len()).max(MIN_WIDTH),
            true,
            &mut lines,
        );
        for (j, line) in lines.into_iter().enumerate() {
            out.push(match j {
                0 => format!("{marker}{line}"),
                _ if line.is_empty() => line,
                _ => format!("{pad}{line}"),
            });
        }
    }
}

/// Fills lines up to `width`, breaking only before words that are harmless at a line start, and
/// turns breaks into backslash hard breaks.
fn wrap(segs: &[Seg], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let mut space = false;
    let mut pending_break = false;
    for seg in segs {
        let word = match seg {
            Seg::Space => {
                space = true;
                continue;
            }
            Seg::Break => {
                pending_break = !line.is_empty();
                continue;
            }
            Seg::Word(word) => word,
        };
        if pending_break {
            line.push('\\');
            lines.push(mem::take(&mut line));
            pending_break = false;
        }
        let word_len = word.md.chars().count();
        let hazard = if word.text_start {
            line_start_hazard(&word.md)
        } else {
            None
        };
        if line.is_empty() {
            line = match hazard {
                Some(at) => format!("{}\\{}", &word.md[..at], &word.md[at..]),
                None => word.md.clone(),
            };
            len = line.chars().count();
        } else if space && len + 1 + word_len > width && hazard.is_none() && !word.no_break_before {
            lines.push(mem::replace(&mut line, word.md.clone()));
            len = word_len;
        } else {
            if space {
                line.push(' ');
                len += 1;
            }
            line.push_str(&word.md);
            len += word_len;
        }
        space = false;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown as md;

    #[test]
    fn paragraphs_collapse_whitespace() {
        assert_eq!(
            md("<p>Hello   \n  world.</p>\n   <p>Second\tpara.</p>"),
            "Hello world.\n\nSecond para."
        );
        assert_eq!(md("<p></p><p> </p><p>Only</p><p/>"), "Only");
    }

    #[test]
    fn text_beside_blocks_forms_paragraphs() {
        assert_eq!(md("Intro<p>Body</p>Outro"), "Intro\n\nBody\n\nOutro");
        assert_eq!(md("a<div>b</div>c<hr>d"), "a\n\nb\n\nc\n\nd");
    }

    #[test]
    fn plain_text_splits_on_blank_lines() {
        assert_eq!(
            md("First line\ncontinues.\n\n  \nSecond."),
            "First line continues.\n\nSecond."
        );
        assert_eq!(
            md("Represents a team that is responsible for approving protected operations"),
            "Represents a team that is responsible for approving protected operations"
        );
        assert_eq!(md(""), "");
        assert_eq!(md(" \n\t "), "");
    }

    #[test]
    fn long_paragraphs_wrap_at_80_columns() {
        let out = md(&"word ".repeat(30));
        assert_eq!(
            out,
            format!("{}\n{}", ["word"; 16].join(" "), ["word"; 14].join(" "))
        );
    }

    #[test]
    fn wrapping_never_starts_a_line_with_markup() {
        let a = "a".repeat(79);
        // Breaking before `-` would start a list item, before `1.` an ordered one.
        assert_eq!(md(&format!("{a} - tail")), format!("{a} -\ntail"));
        assert_eq!(md(&format!("{a} 1. tail")), format!("{a} 1.\ntail"));
        assert_eq!(md(&format!("{a} # tail")), format!("{a} #\ntail"));
    }

    #[test]
    fn inline_code() {
        assert_eq!(
            md("<p>Call <code> GetItem </code>now.</p>"),
            "Call `GetItem` now."
        );
        assert_eq!(md("<code>a\n    b</code>"), "`a b`");
        assert_eq!(md("<code>a`b</code>"), "``a`b``");
        assert_eq!(md("<code>a``b</code>"), "`a``b`");
        assert_eq!(md("<code>`x</code>"), "`` `x ``");
        assert_eq!(md("a <code></code> b <code> </code> c"), "a b c");
        assert_eq!(md("<code>[x] *y* a&lt;b&gt;</code>"), "`[x] *y* a<b>`");
        assert_eq!(md("<tt>t</tt> <kbd>k</kbd>"), "`t` `k`");
    }

    #[test]
    fn tag_like_placeholders_stay_literal_in_code() {
        assert_eq!(
            md("<code>MAP<string, string></code>"),
            "`MAP<string, string>`"
        );
        assert_eq!(
            md("<code>/aws/lambda/<function name></code>."),
            "`/aws/lambda/<function name>`."
        );
        assert_eq!(md("<code>arn:<i><glue_arn></i></code>"), "`arn:<glue_arn>`");
        assert_eq!(md("<pre>x = <value></pre>"), "```text\nx = <value>\n```");
    }

    #[test]
    fn preformatted_blocks() {
        assert_eq!(
            md("<p>Example:</p><pre>\n    {\n      \"a\": 1\n    }\n</pre>"),
            "Example:\n\n```text\n{\n  \"a\": 1\n}\n```"
        );
        assert_eq!(md("<pre>  a  \n\n  b</pre>"), "```text\na\n\nb\n```");
        assert_eq!(
            md("<pre><code>x = `y`\n```</code></pre>"),
            "````text\nx = `y`\n```\n````"
        );
        assert_eq!(
            md("<pre><b>bold</b> &amp; [raw]<br>next</pre>"),
            "```text\nbold & [raw]\nnext\n```"
        );
        assert_eq!(md("<pre> \n </pre>"), "");
        assert_eq!(
            md("<p>in <pre>pre</pre> para</p>"),
            "in\n\n```text\npre\n```\n\npara"
        );
    }

    #[test]
    fn links() {
        assert_eq!(
            md(r#"See <a href="https://example.com/a">the docs</a>."#),
            "See [the docs](https://example.com/a)."
        );
        assert_eq!(md("Use <a>GetItem</a> first"), "Use GetItem first");
        assert_eq!(
            md(r#"<a href="https://example.com/">https://example.com</a>"#),
            "<https://example.com/>"
        );
        assert_eq!(
            md(r#"x <a href="https://example.com/x"> </a> y"#),
            "x <https://example.com/x> y"
        );
        assert_eq!(md(r#"<a href="../guide.html">guide</a>"#), "guide");
        assert_eq!(md(r##"<a href="#anchor">here</a>"##), "here");
        assert_eq!(
            md(r#"<a href="https://e.com/a (b)">[x]</a>"#),
            r"[\[x\]](https://e.com/a%20%28b%29)"
        );
        assert_eq!(
            md("<a href='https://e.com'>single</a> <A HREF=https://e.com/u>bare</A>"),
            "[single](https://e.com) [bare](https://e.com/u)"
        );
        assert_eq!(
            md(r#"<a href="https://e.com/a"><code>Op</code> and <b>more</b></a>"#),
            "[`Op` and **more**](https://e.com/a)"
        );
        assert_eq!(
            md("<a href=\"https://e.com/long/\n      path.html\">t</a>"),
            "[t](https://e.com/long/path.html)"
        );
        // An anchor inside an anchor is only text.
        assert_eq!(
            md(r#"<a href="https://e.com/a">x <a href="https://e.com/b">y</a></a>"#),
            "[x y](https://e.com/a)"
        );
        // A URL in link text would nest a link in a link: it stays text.
        assert_eq!(
            md(r#"<a href="https://e.com/a">see https://e.com/b</a>"#),
            "[see https://e.com/b](https://e.com/a)"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            md("See https://example.com/x."),
            "See <https://example.com/x>."
        );
        assert_eq!(
            md("(see http://a.example.com/b_(c))."),
            "(see <http://a.example.com/b_(c)>)."
        );
        assert_eq!(md("at:HTTPS://E.COM/x, then"), "at:<HTTPS://E.COM/x>, then");
        assert_eq!(md("Use the https:// prefix"), "Use the https:// prefix");
        assert_eq!(md("<i>https://e.com</i>"), "*<https://e.com>*");
        assert_eq!(md("<code>https://e.com</code>"), "`https://e.com`");
    }

    #[test]
    fn lists() {
        assert_eq!(
            md("<ul><li>One</li><li><p>Two</p></li></ul>"),
            "- One\n- Two"
        );
        assert_eq!(
            md("<ol><li>First</li><li>Second</li></ol>"),
            "1. First\n2. Second"
        );
        assert_eq!(
            md(r#"<ol start="9"><li>i</li><li>j</li></ol>"#),
            "9. i\n10. j"
        );
        assert_eq!(
            md("<p>Intro:</p><ul><li>x</li></ul><p>After.</p>"),
            "Intro:\n\n- x\n\nAfter."
        );
        assert_eq!(md("<ul><li> </li><li>x</li></ul><ul></ul>"), "- x");
    }

    #[test]
    fn nested_lists_are_indented() {
        assert_eq!(
            md("<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>"),
            "- a\n  - b\n    1. c\n- d"
        );
        assert_eq!(
            md("<ol><li><p>Step</p><ul><li>detail</li></ul></li><li>Next</li></ol>"),
            "1. Step\n   - detail\n2. Next"
        );
    }

    #[test]
    fn list_items_keep_their_paragraphs() {
        assert_eq!(
            md("<ul><li><p>First para.</p><p>Second para.</p></li><li>Next</li></ul>"),
            "- First para.\n\n  Second para.\n\n- Next"
        );
        let long = "word ".repeat(20);
        assert_eq!(
            md(&format!("<ul><li>{long}</li></ul>")),
            format!("- {}\n  {}", ["word"; 15].join(" "), ["word"; 5].join(" "))
        );
        assert_eq!(
            md("<ol><li>Run:<pre>cmd --x\n  arg</pre></li></ol>"),
            "1. Run:\n\n   ```text\n   cmd --x\n     arg\n   ```"
        );
    }

    #[test]
    fn definition_lists() {
        assert_eq!(
            md("<dl><dt>Term</dt><dd>Meaning.</dd><dt>Other</dt><dd><p>More.</p></dd></dl>"),
            "- **Term**\n\n  Meaning.\n\n- **Other**\n\n  More."
        );
        assert_eq!(
            md("<dl><dt>T</dt><dd><ul><li>a</li></ul></dd></dl>"),
            "- **T**\n  - a"
        );
        assert_eq!(
            md("<dl><dt>A<dd>one<dt>B<dd>two</dl>"),
            "- **A**\n\n  one\n\n- **B**\n\n  two"
        );
    }

    #[test]
    fn emphasis() {
        assert_eq!(
            md("<b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em>"),
            "**bold** **strong** *it* *em*"
        );
        assert_eq!(md("a<b> spaced </b>b"), "a **spaced** b");
        assert_eq!(md("<b> </b>x<i></i>"), "x");
        assert_eq!(md("<b>a <b>b</b> c</b>"), "**a b c**");
        assert_eq!(md("<i>x <b>y</b></i>"), "*x **y***");
        assert_eq!(md("intra<b>word</b>s"), "intra**word**s");
        // Delimiters next to punctuation only work with a space on the outside.
        assert_eq!(md("Call<b>(x)</b>now"), "Call **(x)** now");
        assert_eq!(md("<b>Note:</b>text"), "**Note:** text");
        assert_eq!(md("the<i><code>Type</code></i>"), "the *`Type`*");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(md("a<br>b"), "a\\\nb");
        assert_eq!(md("a<br/>\n<br />b"), "a\n\nb");
        assert_eq!(md("<br>a<br>"), "a");
        assert_eq!(md("a</br>b"), "a\\\nb");
        assert_eq!(md("a<br>- b"), "a\\\n\\- b");
    }

    #[test]
    fn headings_are_bold_paragraphs() {
        assert_eq!(md("<h2>Title</h2><p>Body</p>"), "**Title**\n\nBody");
        assert_eq!(md("<h1><b>Bold</b> head</h1>"), "**Bold head**");
        assert_eq!(md("<h3> </h3>x"), "x");
    }

    #[test]
    fn aws_tags() {
        assert_eq!(md("<note><p>Careful.</p></note>"), "**Note:** Careful.");
        assert_eq!(
            md("<p>Do.</p><important>Really.</important>"),
            "Do.\n\n**Important:** Really."
        );
        assert_eq!(md("<note><ul><li>x</li></ul></note>"), "**Note:**\n\n- x");
        assert_eq!(md("<note> </note>"), "");
        assert_eq!(md("<para>One</para><para>Two</para>"), "One\n\nTwo");
        assert_eq!(
            md("<fullname>Amazon Athena</fullname><p>Athena is.</p>"),
            "Amazon Athena\n\nAthena is."
        );
    }

    #[test]
    fn unknown_tags_and_comments() {
        assert_eq!(
            md(r#"<span class="x">hi</span> <div>block</div>"#),
            "hi\n\nblock"
        );
        assert_eq!(md("<foo>bar</foo> <sup>2</sup> <x-y/>z"), "bar 2 z");
        // Names outside HTML that are never closed are placeholders, not markup.
        assert_eq!(
            md("Vec<String> or <json_string> </end>"),
            r"Vec\<String> or \<json_string> \</end>"
        );
        assert_eq!(md("<code><foo>x</foo></code>"), "`<foo>x</foo>`");
        assert_eq!(md("a<!-- hidden -->b"), "ab");
        assert_eq!(md("<!DOCTYPE html><?xml x?><p>x</p>"), "x");
        assert_eq!(md("a <!-- open"), r"a \<!-- open");
        assert_eq!(
            md("<table><tr><th>K</th><th>V</th></tr><tr><td>a</td><td>b</td></tr></table>"),
            "K V\n\na b"
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            md("&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos; &#39;"),
            r#"\<b> & "q" 'a' '"#
        );
        assert_eq!(md("a&nbsp;b"), "a\u{a0}b");
        assert_eq!(md("&#65;&#x42;&#X43; &#128512;"), "ABC \u{1F600}");
        assert_eq!(md("AT&amp;T R&D"), "AT&T R&D");
        // Unknown or malformed references stay as written, escaped so they are not decoded.
        assert_eq!(
            md("&bogus; &#xZZ; &#; &amp &#0; &#x110000;"),
            r"\&bogus; \&#xZZ; \&#; &amp \&#0; \&#x110000;"
        );
        assert_eq!(md("&amp;lt;"), r"\&lt;");
        assert_eq!(
            md(r#"<a href="https://e.com/?a=1&amp;b=2">q</a>"#),
            "[q](https://e.com/?a=1&b=2)"
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(
            md("[Foo] and Vec<String> and a*b*c"),
            r"\[Foo\] and Vec\<String> and a\*b\*c"
        );
        assert_eq!(
            md("snake_case _lead trail_ __dunder__"),
            r"snake_case \_lead trail\_ \_\_dunder\_\_"
        );
        assert_eq!(
            md(r"don't C:\path `tick` a|b ~x~"),
            r"don't C:\\path \`tick\` a\|b \~x\~"
        );
        assert_eq!(md("a < b > c, x<y"), r"a < b > c, x\<y");
        assert_eq!(md("1.5 GB, -1, #hash, a - b"), "1.5 GB, -1, #hash, a - b");
    }

    #[test]
    fn line_start_escaping() {
        assert_eq!(md("# not heading"), r"\# not heading");
        assert_eq!(
            md("<p>- not list</p><p>+ nor</p><p>== x</p>"),
            "\\- not list\n\n\\+ nor\n\n\\== x"
        );
        assert_eq!(md("<p>1. x</p><p>2) y</p>"), "1\\. x\n\n2\\) y");
        assert_eq!(md("> quote"), r"\> quote");
        assert_eq!(md("<ul><li>- dash</li></ul>"), r"- \- dash");
        assert_eq!(md("text<br>---"), "text\\\n\\---");
    }

    #[test]
    fn malformed_html() {
        assert_eq!(md("<p>unclosed <b>bold"), "unclosed **bold**");
        assert_eq!(md("</p>stray</p> end"), "stray\n\nend");
        assert_eq!(md("<p class=x id='y' data-z=\"w>\">attrs</p>"), "attrs");
        assert_eq!(md("<P>Upper <B>Case</B></P>"), "Upper **Case**");
        assert_eq!(md("<p>a<p>b"), "a\n\nb");
        assert_eq!(md("<b>bold <p>para</p> tail</b>"), "bold\n\npara\n\ntail");
        assert_eq!(md("<ul><li>a</p></li></ul>"), "- a");
        assert_eq!(md("<ul><li>a<li>b</ul>"), "- a\n- b");
        assert_eq!(md("<ul>stray<li>a</li></ul>"), "- stray\n- a");
        assert_eq!(md("<li>a</li><li>b</li>"), "- a\n- b");
        assert_eq!(
            md("<a href=\"https://e.com\">unclosed"),
            "[unclosed](https://e.com)"
        );
        assert_eq!(md("<code>unclosed"), "`unclosed`");
        assert_eq!(md("<pre>unclosed"), "```text\nunclosed\n```");
        assert_eq!(md("x</b></i></ul>y"), "xy");
        assert_eq!(md("<"), r"\<");
        assert_eq!(md(">"), r"\>");
        assert_eq!(md("<<>>"), "<<>>");
        assert_eq!(md("<p"), r"\<p");
        assert_eq!(md("<a href=\"x"), r#"\<a href="x"#);
        assert_eq!(md("a\u{0}b\u{7}c"), "abc");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = format!("{}deep{}", "<b>".repeat(10_000), "</b>".repeat(10_000));
        assert_eq!(md(&deep), "**deep**");
        let lists = format!("{}x", "<ul><li>".repeat(5_000));
        assert!(md(&lists).ends_with("- x"));
    }

    #[test]
    fn real_aws_snippets() {
        // com.amazonaws.mpa#Filter$FieldName
        assert_eq!(
            md("<p>Name of the filter to use.</p> <note> <p> <b>Supported filters</b> </p> <p>The \
                supported filters for <a>ListSessions</a> are: <code>ActionName</code>, \
                <code>SessionStatus</code>, and <code>InitationTime</code>.</p> </note>"),
            "Name of the filter to use.\n\n**Note:** **Supported filters**\n\n\
             The supported filters for ListSessions are: `ActionName`, `SessionStatus`, and\n\
             `InitationTime`."
        );
        // com.amazonaws.mpa#AdditionalSecurityRequirement
        assert_eq!(
            md("<p>Additional security requirements applied to a session or invitation</p> <ul> \
                <li> <p> <code>APPROVER_VERIFICATION_REQUIRED</code>: Approvers will be required to \
                perform an MFA challenge to vote</p> </li> </ul>"),
            "Additional security requirements applied to a session or invitation\n\n\
             - `APPROVER_VERIFICATION_REQUIRED`: Approvers will be required to perform an MFA\n  \
             challenge to vote"
        );
        // com.amazonaws.athena#AthenaError$ErrorType
        assert_eq!(
            md("<p>An integer value that provides specific information about an Athena query\n            \
                error. For the meaning of specific values, see the <a href=\"https://docs.aws.amazon.com/\
                athena/latest/ug/error-reference.html#error-reference-error-type-reference\">Error Type \
                Reference</a> in the <i>Amazon Athena User\n                Guide</i>.</p>"),
            "An integer value that provides specific information about an Athena query error.\n\
             For the meaning of specific values, see the [Error Type\n\
             Reference](https://docs.aws.amazon.com/athena/latest/ug/error-reference.html#error-reference-error-type-reference)\n\
             in the *Amazon Athena User Guide*."
        );
        // com.amazonaws.athena#DataCatalog
        assert_eq!(
            md("<p>Contains information about a data catalog in an Amazon Web Services account.</p>\n         \
                <note>\n            <p>In the Athena console, data catalogs are listed as \"data sources\" on\n                \
                the <b>Data sources</b> page under the <b>Data source name</b> column.</p>\n         </note>"),
            "Contains information about a data catalog in an Amazon Web Services account.\n\n\
             **Note:** In the Athena console, data catalogs are listed as \"data sources\" on\n\
             the **Data sources** page under the **Data source name** column."
        );
        // com.amazonaws.emr#AddJobFlowStepsInput
        assert_eq!(
            md("<p> The input argument to the <a>AddJobFlowSteps</a> operation. </p>"),
            "The input argument to the AddJobFlowSteps operation."
        );
    }

    /// A tiny deterministic generator, so the soup below needs no dependency.
    fn lcg(state: &mut u64) -> usize {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*state >> 33) as usize
    }

    /// The content of a line after the list markers we emit (`- `, `12. `).
    fn strip_list_markers(mut line: &str) -> &str {
        loop {
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            match line
                .strip_prefix("- ")
                .or_else(|| line[digits..].strip_prefix(". ").filter(|_| digits > 0))
            {
                Some(rest) => line = rest,
                None => return line,
            }
        }
    }

    #[test]
    fn tag_soup_gives_well_formed_output() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<ul>",
            "</ul>",
            "<ol>",
            "<li>",
            "</li>",
            "<dl>",
            "<dt>",
            "<dd>",
            "<br>",
            "<note>",
            "</note>",
            "<a href=\"https://e.com/x\">",
            "<a>",
            "</a>",
            "<h2>",
            "&amp;",
            "&",
            "&lt;",
            "<",
            ">",
            "[",
            "]",
            "*",
            "_",
            "`",
            "```",
            "\\",
            "|",
            "#",
            "-",
            "1.",
            "\n",
            "\n\n",
            " ",
            "  ",
            "word",
            "longerword",
            "http://e.com/y",
            "<!--",
            "-->",
            "\"",
            "'",
            "<x y='",
            "<json_string>",
            "\u{a0}",
            "é",
        ];
        let mut state = 7;
        for _ in 0..3000 {
            let len = lcg(&mut state) % 40;
            let input: String = (0..len)
                .map(|_| PIECES[lcg(&mut state) % PIECES.len()])
                .collect();
            let out = md(&input);
            assert_eq!(out, md(&input), "not deterministic for {input:?}");
            assert!(
                !out.starts_with('\n') && !out.ends_with('\n'),
                "{input:?} -> {out:?}"
            );
            let mut fence: Option<&str> = None;
            let mut previous_blank = false;
            for line in out.lines() {
                let blank = line.is_empty() && fence.is_none();
                assert!(
                    !(blank && previous_blank),
                    "two blank lines for {input:?} -> {out:?}"
                );
                previous_blank = blank;
                assert!(!line.ends_with([' ', '\t']), "trailing space for {input:?}");
                let mut trimmed = line.trim_start_matches(' ');
                if fence.is_none() {
                    trimmed = strip_list_markers(trimmed);
                }
                match fence {
                    Some(open) if trimmed == open => fence = None,
                    Some(_) => {}
                    None if trimmed.starts_with("```") => {
                        let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
                        assert_eq!(&trimmed[ticks..], "text", "{input:?} -> {out:?}");
                        fence = Some(&trimmed[..ticks]);
                    }
                    None => {
                        let word = trimmed.split(' ').next().unwrap_or("");
                        let repeated = ['#', '-', '=', '+']
                            .into_iter()
                            .any(|c| word.starts_with(c) && word.chars().all(|x| x == c));
                        let quote = trimmed.starts_with(['>', '|']) || trimmed.starts_with("* ");
                        assert!(
                            !quote && !repeated,
                            "markup at line start for {input:?} -> {out:?}"
                        );
                    }
                }
            }
            assert!(fence.is_none(), "unclosed fence for {input:?} -> {out:?}");
        }
    }
}
