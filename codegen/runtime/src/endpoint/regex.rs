//! A minimal regular-expression matcher for partition `regionRegex` values.
//!
//! Why not the `regex` crate: the runtime is std-only (it is copied into every generated crate).
//! Partition tables only use anchors, literals, escaped punctuation, `\w`/`\d`, groups with
//! alternation and `+`; this supports that plus the usual neighbours (`.`, `[...]` classes,
//! `* ? {n,m}`, `\s`, negated classes), matching ASCII-only `\w \d \s` as Java does.
//!
//! Patterns compile to a small instruction list run as a Thompson/Pike NFA simulation, so a match
//! costs O(pattern × input) whatever the pattern: a hostile table cannot make it backtrack
//! exponentially. Unsupported syntax (backreferences, look-around, lazy quantifiers) is an error.

use std::fmt;

/// Largest program a pattern may compile to (bounds `{n,m}` expansion and memory).
const MAX_PROGRAM: usize = 10_000;
/// Deepest group nesting accepted by the parser (bounds recursion).
const MAX_NESTING: usize = 64;

/// A pattern that could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegexError {
    /// The pattern.
    pub pattern: String,
    /// Why it was rejected.
    pub reason: String,
}

impl fmt::Display for RegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid regex `{}`: {}", self.pattern, self.reason)
    }
}

impl std::error::Error for RegexError {}

/// A compiled pattern; [`Regex::is_match`] searches anywhere in the input, like `regex::Regex`.
#[derive(Debug, Clone)]
pub struct Regex {
    pattern: String,
    program: Vec<Inst>,
}

#[derive(Debug, Clone)]
enum Inst {
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    Split(usize, usize),
    Jump(usize),
    Match,
}

#[derive(Debug, Clone)]
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

impl Class {
    fn matches(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

#[derive(Debug, Clone)]
enum Node {
    Empty,
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

impl Regex {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<Regex, RegexError> {
        let err = |reason: String| RegexError {
            pattern: pattern.to_owned(),
            reason,
        };
        let mut parser = Parser {
            chars: pattern.chars().collect(),
            pos: 0,
            depth: 0,
        };
        let node = parser.alternation().map_err(err)?;
        if parser.pos < parser.chars.len() {
            return Err(err(format!("unmatched `{}`", parser.chars[parser.pos])));
        }
        let mut program = Vec::new();
        emit(&node, &mut program).map_err(err)?;
        program.push(Inst::Match);
        Ok(Regex {
            pattern: pattern.to_owned(),
            program,
        })
    }

    /// The source pattern.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// True if the pattern matches somewhere in `input`.
    pub fn is_match(&self, input: &str) -> bool {
        let chars: Vec<char> = input.chars().collect();
        let len = self.program.len();
        let mut current = ThreadList::new(len);
        let mut next = ThreadList::new(len);
        let mut stack = Vec::new();
        for at in 0..=chars.len() {
            // A new thread starts at every position: search, not anchored match.
            self.add(&mut current, 0, at, chars.len(), &mut stack);
            let c = chars.get(at).copied();
            for i in 0..current.dense.len() {
                let pc = current.dense[i];
                let advance = match (&self.program[pc], c) {
                    (Inst::Match, _) => return true,
                    (Inst::Char(want), Some(c)) => *want == c,
                    (Inst::Any, Some(c)) => c != '\n',
                    (Inst::Class(class), Some(c)) => class.matches(c),
                    _ => false,
                };
                if advance {
                    self.add(&mut next, pc + 1, at + 1, chars.len(), &mut stack);
                }
            }
            std::mem::swap(&mut current, &mut next);
            next.clear();
        }
        false
    }

    /// Adds `pc` and everything reachable from it without consuming input.
    fn add(&self, list: &mut ThreadList, pc: usize, at: usize, len: usize, stack: &mut Vec<usize>) {
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            if !list.insert(pc) {
                continue;
            }
            match self.program[pc] {
                Inst::Jump(to) => stack.push(to),
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Inst::Start if at == 0 => stack.push(pc + 1),
                Inst::End if at == len => stack.push(pc + 1),
                _ => {}
            }
        }
    }
}

/// A set of program counters with O(1) insert and clear (sparse-set trick).
struct ThreadList {
    dense: Vec<usize>,
    seen: Vec<bool>,
}

impl ThreadList {
    fn new(len: usize) -> Self {
        ThreadList {
            dense: Vec::with_capacity(len),
            seen: vec![false; len],
        }
    }

    fn insert(&mut self, pc: usize) -> bool {
        if self.seen[pc] {
            return false;
        }
        self.seen[pc] = true;
        self.dense.push(pc);
        true
    }

    fn clear(&mut self) {
        for &pc in &self.dense {
            self.seen[pc] = false;
        }
        self.dense.clear();
    }
}

fn emit(node: &Node, out: &mut Vec<Inst>) -> Result<(), String> {
    if out.len() > MAX_PROGRAM {
        return Err("pattern too large".into());
    }
    match node {
        Node::Empty => {}
        Node::Char(c) => out.push(Inst::Char(*c)),
        Node::Any => out.push(Inst::Any),
        Node::Class(class) => out.push(Inst::Class(class.clone())),
        Node::Start => out.push(Inst::Start),
        Node::End => out.push(Inst::End),
        Node::Concat(nodes) => {
            for n in nodes {
                emit(n, out)?;
            }
        }
        Node::Alt(branches) => {
            // split L1, next; L1: a; jump end; next: split L2, ... ; last branch falls through.
            let mut jumps = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = out.len();
                    out.push(Inst::Split(split + 1, 0));
                    emit(branch, out)?;
                    jumps.push(out.len());
                    out.push(Inst::Jump(0));
                    let next = out.len();
                    out[split] = Inst::Split(split + 1, next);
                } else {
                    emit(branch, out)?;
                }
            }
            let end = out.len();
            for j in jumps {
                out[j] = Inst::Jump(end);
            }
        }
        Node::Repeat { node, min, max } => {
            for _ in 0..*min {
                emit(node, out)?;
            }
            match max {
                None => {
                    // loop: split body, exit; body; jump loop
                    let split = out.len();
                    out.push(Inst::Split(split + 1, 0));
                    emit(node, out)?;
                    out.push(Inst::Jump(split));
                    let exit = out.len();
                    out[split] = Inst::Split(split + 1, exit);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(out.len());
                        out.push(Inst::Split(out.len() + 1, 0));
                        emit(node, out)?;
                    }
                    let exit = out.len();
                    for s in splits {
                        out[s] = Inst::Split(s + 1, exit);
                    }
                }
            }
        }
    }
    if out.len() > MAX_PROGRAM {
        return Err("pattern too large".into());
    }
    Ok(())
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.pos += usize::from(c.is_some());
        c
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.pos += 1;
                let min = self.integer()?;
                let max = if self.peek() == Some(',') {
                    self.pos += 1;
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.integer()?)
                    }
                } else {
                    Some(min)
                };
                if self.next() != Some('}') {
                    return Err("expected `}` in repetition".into());
                }
                if max.is_some_and(|max| max < min) {
                    return Err("repetition range is reversed".into());
                }
                return self.after_quantifier(atom, min, max);
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        self.after_quantifier(atom, min, max)
    }

    fn after_quantifier(&mut self, atom: Node, min: u32, max: Option<u32>) -> Result<Node, String> {
        if matches!(atom, Node::Start | Node::End) {
            return Err("quantifier after an anchor".into());
        }
        if matches!(self.peek(), Some('*' | '+' | '?' | '{')) {
            return Err("lazy, possessive or stacked quantifiers are not supported".into());
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    fn integer(&mut self) -> Result<u32, String> {
        let mut value: u32 = 0;
        let mut any = false;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            self.pos += 1;
            any = true;
            value = value.saturating_mul(10).saturating_add(d);
        }
        if !any {
            return Err("expected a number in repetition".into());
        }
        if value > 1000 {
            return Err("repetition count too large".into());
        }
        Ok(value)
    }

    fn atom(&mut self) -> Result<Node, String> {
        let Some(c) = self.next() else {
            return Err("unexpected end of pattern".into());
        };
        Ok(match c {
            '(' => {
                if self.depth >= MAX_NESTING {
                    return Err("groups nested too deeply".into());
                }
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) != Some(&':') {
                        return Err("only `(?:` group flags are supported".into());
                    }
                    self.pos += 2;
                }
                self.depth += 1;
                let inner = self.alternation()?;
                self.depth -= 1;
                if self.next() != Some(')') {
                    return Err("unclosed group".into());
                }
                inner
            }
            '[' => Node::Class(self.class()?),
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '\\' => self.escape()?,
            '*' | '+' | '?' | '{' => return Err(format!("nothing to repeat before `{c}`")),
            c => Node::Char(c),
        })
    }

    /// After a backslash: a class shorthand or an escaped literal.
    fn escape(&mut self) -> Result<Node, String> {
        let Some(c) = self.next() else {
            return Err("trailing backslash".into());
        };
        if let Some(class) = shorthand(c) {
            return Ok(Node::Class(class));
        }
        Ok(Node::Char(escaped_literal(c)?))
    }

    fn class(&mut self) -> Result<Class, String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.next() else {
                return Err("unclosed character class".into());
            };
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                let Some(e) = self.next() else {
                    return Err("trailing backslash".into());
                };
                if let Some(class) = shorthand(e) {
                    if class.negated {
                        return Err("negated shorthand inside a class is not supported".into());
                    }
                    ranges.extend(class.ranges);
                    continue;
                }
                escaped_literal(e)?
            } else {
                c
            };
            // A `-` between two characters makes a range; at either end it is literal.
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                self.pos += 1;
                let hi = match self.next() {
                    Some('\\') => escaped_literal(self.next().ok_or("trailing backslash")?)?,
                    Some(h) => h,
                    None => return Err("unclosed character class".into()),
                };
                if hi < lo {
                    return Err("character range is reversed".into());
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Class { negated, ranges })
    }
}

fn shorthand(c: char) -> Option<Class> {
    let (negated, ranges) = match c {
        'd' => (false, vec![('0', '9')]),
        'D' => (true, vec![('0', '9')]),
        'w' => (false, vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
        'W' => (true, vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
        's' => (false, vec![(' ', ' '), ('\t', '\r')]),
        'S' => (true, vec![(' ', ' '), ('\t', '\r')]),
        _ => return None,
    };
    Some(Class { negated, ranges })
}

fn escaped_literal(c: char) -> Result<char, String> {
    match c {
        'n' => Ok('\n'),
        'r' => Ok('\r'),
        't' => Ok('\t'),
        c if c.is_ascii_alphanumeric() => Err(format!("unsupported escape `\\{c}`")),
        c => Ok(c),
    }
}
