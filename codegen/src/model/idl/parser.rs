//! The IDL grammar (idl.rst "Smithy IDL ABNF"), one method per production, over the tokens of
//! [`super::lexer`]. Where the grammar allows optional whitespace (`[WS]`), only a space (`SP`)
//! or requires a line break (`BR`), the parser says so; an error is reported at the first token
//! that does not fit, with what was expected, so positions agree with the Smithy reference
//! implementation. Nesting of node values is bounded, so hostile input cannot exhaust the stack.

use super::lexer::{Kind, Lexer, Token};
use super::syntax::{ApplyDef, Body, IdRef, IdlFile, MemberDef, Node, OperationBody, ShapeDef, TraitApp};
use crate::model::{Position, ShapeType, Version};

/// A syntax error: what was wrong, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub at: Position,
}

type Parsed<T> = Result<T, SyntaxError>;

/// The deepest nesting of arrays, objects and structured trait values accepted.
const MAX_DEPTH: usize = 64;

const DOCUMENTATION: &str = "smithy.api#documentation";

/// Parses one IDL file.
pub fn parse(text: &str) -> Parsed<IdlFile> {
    let mut lexer = Lexer::new(text);
    let first = lexer.next_token();
    let mut parser = Parser {
        lexer,
        cur: first.clone(),
        docs: vec![],
        depth: 0,
        version: Version::V1,
        namespace: String::new(),
        input_suffix: "Input".into(),
        output_suffix: "Output".into(),
        file: IdlFile {
            version: Version::V1,
            metadata: vec![],
            namespace: None,
            uses: vec![],
            shapes: vec![],
            applies: vec![],
            warnings: vec![],
        },
    };
    parser.buffer_doc(&first);
    parser.idl()?;
    Ok(parser.file)
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    cur: Token,
    /// Documentation comment lines read and not yet attached to a shape or member.
    docs: Vec<(String, Position)>,
    depth: usize,
    version: Version,
    namespace: String,
    input_suffix: String,
    output_suffix: String,
    file: IdlFile,
}

impl Parser<'_> {
    // ---- tokens and whitespace ----

    fn next(&mut self) {
        let token = self.lexer.next_token();
        self.buffer_doc(&token);
        self.cur = token;
    }

    /// Every documentation comment is remembered when read; a shape or member takes the lines
    /// before its traits (idl.rst "Documentation comment").
    fn buffer_doc(&mut self, token: &Token) {
        if token.kind == Kind::DocComment {
            let raw = self.lexer.raw(token);
            let line = raw.strip_prefix("///").unwrap_or(raw);
            let line = line.strip_prefix(' ').unwrap_or(line);
            let line = line.strip_suffix('\n').unwrap_or(line);
            let line = line.strip_suffix('\r').unwrap_or(line);
            self.docs.push((line.to_string(), token.at));
        }
    }

    fn is(&self, kind: Kind) -> bool {
        self.cur.kind == kind
    }

    fn is_word(&self, word: &str) -> bool {
        self.cur.kind == Kind::Identifier && self.lexer.raw(&self.cur) == word
    }

    fn error<T>(&self, message: impl Into<String>) -> Parsed<T> {
        Err(SyntaxError { message: message.into(), at: self.cur.at })
    }

    /// Fails unless the current token is one of `kinds`; it is not consumed.
    fn expect(&self, kinds: &[Kind]) -> Parsed<()> {
        if kinds.contains(&self.cur.kind) {
            return Ok(());
        }
        if self.cur.kind == Kind::Error {
            return Err(SyntaxError { message: self.cur.text.clone(), at: self.cur.inner.unwrap_or(self.cur.at) });
        }
        let found = self.lexer.debug(&self.cur);
        match kinds {
            [one] => self.error(format!("Expected {} but found {found}", one.describe())),
            many => {
                let list: Vec<&str> = many.iter().map(|k| k.describe()).collect();
                self.error(format!("Expected one of {}; but found {found}", list.join(", ")))
            }
        }
    }

    /// `*SP`
    fn skip_spaces(&mut self) {
        while self.is(Kind::Space) {
            self.next();
        }
    }

    /// `1*SP`
    fn expect_spaces(&mut self) -> Parsed<()> {
        self.expect(&[Kind::Space])?;
        self.skip_spaces();
        Ok(())
    }

    /// `*WS`, stopping at a documentation comment.
    fn skip_ws(&mut self) {
        while self.cur.kind.is_whitespace() {
            self.next();
        }
    }

    /// `*WS`, documentation comments included (their lines stay remembered).
    fn skip_ws_and_docs(&mut self) {
        while self.cur.kind.is_whitespace() || self.is(Kind::DocComment) {
            self.next();
        }
    }

    /// `1*WS`
    fn expect_ws(&mut self) -> Parsed<()> {
        if !self.cur.kind.is_whitespace() {
            if self.is(Kind::Error) {
                return self.expect(&[Kind::Space]);
            }
            return self.error(format!(
                "Expected one or more whitespace characters, but found {}",
                self.lexer.debug(&self.cur)
            ));
        }
        self.skip_ws_and_docs();
        Ok(())
    }

    /// `BR`: optional spaces, then a line break (or a comment, or the end of the file).
    fn br(&mut self) -> Parsed<()> {
        self.skip_spaces();
        self.drop_docs("not followed by a shape or member");
        match self.cur.kind {
            Kind::Newline | Kind::Comment | Kind::DocComment => {
                self.next();
                self.skip_ws();
                Ok(())
            }
            Kind::Eof => Ok(()),
            _ => self.error(format!("Expected a line break, but found {}", self.lexer.debug(&self.cur))),
        }
    }

    /// Forgets documentation comments that documented nothing, with a warning.
    fn drop_docs(&mut self, why: &str) {
        if let Some((_, at)) = self.docs.first() {
            let text: Vec<&str> = self.docs.iter().map(|(l, _)| l.as_str()).collect();
            self.file.warnings.push(format!(
                "line {}, column {}: documentation comment ignored ({why}): {}",
                at.line,
                at.column,
                text.join(" ")
            ));
            self.docs.clear();
        }
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(format!("Parser exceeded maximum allowed depth of {MAX_DEPTH}"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The text of an identifier, or the value of a string (keys may be either).
    fn key_text(&self) -> String {
        match self.cur.kind {
            Kind::String | Kind::TextBlock => self.cur.text.clone(),
            _ => self.lexer.raw(&self.cur).to_string(),
        }
    }

    fn identifier(&mut self) -> Parsed<String> {
        self.expect(&[Kind::Identifier])?;
        let text = self.lexer.raw(&self.cur).to_string();
        self.next();
        Ok(text)
    }

    // ---- the file ----

    /// `idl = [WS] ControlSection MetadataSection ShapeSection`
    fn idl(&mut self) -> Parsed<()> {
        self.skip_ws_and_docs();
        self.control_section()?;
        self.file.version = self.version;
        self.skip_ws_and_docs();
        self.metadata_section()?;
        self.shape_section()
    }

    /// `ControlStatement = "$" NodeObjectKey [SP] ":" [SP] NodeValue BR`
    fn control_section(&mut self) -> Parsed<()> {
        let mut seen: Vec<String> = Vec::new();
        while self.is(Kind::Dollar) {
            self.next();
            self.expect(&[Kind::Identifier, Kind::String])?;
            let key = self.key_text();
            self.next();
            self.skip_spaces();
            self.expect(&[Kind::Colon])?;
            self.next();
            self.skip_spaces();
            if seen.contains(&key) {
                return self.error(format!("Duplicate control statement `{key}`"));
            }
            seen.push(key.clone());
            let value_at = self.cur.at;
            let value = self.node()?;
            match key.as_str() {
                "version" => {
                    let text = match &value {
                        Node::String(s) => s.clone(),
                        Node::ShapeId(id) => id.text.clone(),
                        other => {
                            return Err(SyntaxError {
                                message: format!(
                                    "The $version control statement must have a string value, but found {}",
                                    node_json(other)
                                ),
                                at: value_at,
                            })
                        }
                    };
                    self.version = match Version::parse(&text) {
                        Some(v) => v,
                        None => return self.error(format!("Unsupported Smithy version number: {text}")),
                    };
                }
                "operationInputSuffix" | "operationOutputSuffix" => {
                    let Node::String(suffix) = value else {
                        return Err(SyntaxError { message: format!("`${key}` must be a string"), at: value_at });
                    };
                    if key == "operationInputSuffix" {
                        self.input_suffix = suffix;
                    } else {
                        self.output_suffix = suffix;
                    }
                }
                // idl.rst "Control section": unknown control statements are ignored.
                _ => self.file.warnings.push(format!(
                    "line {}, column {}: unknown control statement `${key}` ignored",
                    value_at.line, value_at.column
                )),
            }
            self.br()?;
        }
        Ok(())
    }

    /// `MetadataStatement = %s"metadata" SP NodeObjectKey [SP] "=" [SP] NodeValue BR`
    fn metadata_section(&mut self) -> Parsed<()> {
        while self.is_word("metadata") {
            self.next();
            self.expect_spaces()?;
            self.expect(&[Kind::Identifier, Kind::String])?;
            let key = self.key_text();
            let at = self.cur.at;
            self.next();
            self.skip_spaces();
            self.expect(&[Kind::Equal])?;
            self.next();
            self.skip_spaces();
            let value = self.node()?;
            self.file.metadata.push((key, value, at));
            self.br()?;
            self.skip_ws_and_docs();
        }
        Ok(())
    }

    /// `ShapeSection = [NamespaceStatement UseSection [ShapeStatements]]`
    fn shape_section(&mut self) -> Parsed<()> {
        if !self.is_word("namespace") {
            if self.is(Kind::Eof) {
                return Ok(());
            }
            return self.error(format!("Expected a namespace definition but found {}", self.lexer.debug(&self.cur)));
        }
        self.next();
        self.expect_spaces()?;
        let mut namespace = self.identifier()?;
        while self.is(Kind::Dot) {
            self.next();
            namespace.push('.');
            namespace.push_str(&self.identifier()?);
        }
        self.namespace = namespace.clone();
        self.file.namespace = Some(namespace);
        self.br()?;
        self.skip_ws_and_docs();
        while self.is_word("use") {
            self.use_statement()?;
        }
        while !self.is(Kind::Eof) {
            let traits = self.docs_and_traits(false)?;
            if self.is(Kind::Eof) && traits.iter().all(|t| t.id.text == DOCUMENTATION) {
                if let Some(doc) = traits.first() {
                    self.file.warnings.push(format!(
                        "line {}, column {}: documentation comment ignored (at the end of the file)",
                        doc.at.line, doc.at.column
                    ));
                }
                break;
            }
            self.shape_or_apply(traits)?;
        }
        Ok(())
    }

    /// `UseStatement = %s"use" SP AbsoluteRootShapeId BR`
    fn use_statement(&mut self) -> Parsed<()> {
        self.next();
        self.expect_spaces()?;
        let at = self.cur.at;
        let id = self.absolute_shape_id()?;
        if id.contains('$') {
            return Err(SyntaxError { message: "Use statements cannot use members".into(), at });
        }
        let name = id.rsplit_once('#').map_or(id.as_str(), |(_, n)| n).to_string();
        if let Some((_, other, _)) = self.file.uses.iter().find(|(n, other, _)| *n == name && *other != id) {
            return Err(SyntaxError {
                message: format!("Cannot use name `{id}` because it conflicts with `{other}`"),
                at,
            });
        }
        self.file.uses.push((name, id, at));
        self.br()?;
        self.skip_ws_and_docs();
        Ok(())
    }

    // ---- shape ids ----

    /// `Namespace ["#" Identifier ["$" Identifier]]` as tokens, without whitespace inside.
    fn shape_id(&mut self) -> Parsed<IdRef> {
        let at = self.cur.at;
        let mut text = self.identifier()?;
        while self.is(Kind::Dot) {
            self.next();
            text.push('.');
            text.push_str(&self.identifier()?);
        }
        if self.is(Kind::Pound) || self.is(Kind::Dollar) {
            let pound = self.is(Kind::Pound);
            text.push(if pound { '#' } else { '$' });
            self.next();
            text.push_str(&self.identifier()?);
            if pound && self.is(Kind::Dollar) {
                self.next();
                text.push('$');
                text.push_str(&self.identifier()?);
            }
        }
        Ok(IdRef { text, at })
    }

    /// An absolute shape id: the `#` is required.
    fn absolute_shape_id(&mut self) -> Parsed<String> {
        let mut text = self.identifier()?;
        while self.is(Kind::Dot) {
            self.next();
            text.push('.');
            text.push_str(&self.identifier()?);
        }
        self.expect(&[Kind::Pound])?;
        self.next();
        text.push('#');
        text.push_str(&self.identifier()?);
        if self.is(Kind::Dollar) {
            self.next();
            text.push('$');
            text.push_str(&self.identifier()?);
        }
        Ok(text)
    }

    // ---- traits ----

    /// `TraitStatements`, with the documentation comment lines before them as a
    /// `@documentation` trait.
    fn docs_and_traits(&mut self, member: bool) -> Parsed<Vec<TraitApp>> {
        self.skip_ws();
        self.skip_ws_and_docs();
        let docs = std::mem::take(&mut self.docs);
        let mut traits = Vec::new();
        while self.is(Kind::At) {
            traits.push(self.trait_application()?);
            self.skip_ws_and_docs();
        }
        if let Some((_, at)) = docs.first() {
            let text: Vec<String> = docs.iter().map(|(l, _)| l.clone()).collect();
            let id = IdRef { text: DOCUMENTATION.into(), at: *at };
            traits.push(TraitApp { id, value: Some(Node::String(text.join("\n"))), at: *at });
        }
        self.skip_ws_and_docs();
        if member {
            self.drop_docs("after the traits of a member");
        }
        Ok(traits)
    }

    /// `Trait = "@" ShapeId [TraitBody]`
    fn trait_application(&mut self) -> Parsed<TraitApp> {
        let at = self.cur.at;
        self.next();
        let id = self.shape_id()?;
        if !self.is(Kind::LParen) {
            return Ok(TraitApp { id, value: None, at });
        }
        self.next();
        self.skip_ws_and_docs();
        if self.is(Kind::RParen) {
            self.next();
            return Ok(TraitApp { id, value: None, at });
        }
        let value = self.trait_body()?;
        self.skip_ws_and_docs();
        self.expect(&[Kind::RParen])?;
        self.next();
        Ok(TraitApp { id, value: Some(value), at })
    }

    /// `TraitBody = "(" [WS] [TraitStructure / TraitNode] ")"` after the `(`.
    fn trait_body(&mut self) -> Parsed<Node> {
        self.expect(&[Kind::LBrace, Kind::LBracket, Kind::TextBlock, Kind::String, Kind::Number, Kind::Identifier])?;
        match self.cur.kind {
            Kind::String => {
                let text = self.cur.text.clone();
                self.next();
                self.skip_ws_and_docs();
                if self.is(Kind::Colon) {
                    self.trait_structure(text)
                } else {
                    Ok(Node::String(text))
                }
            }
            Kind::Identifier => {
                let id = self.shape_id()?;
                self.skip_ws_and_docs();
                if self.is(Kind::RParen) || id.text.contains(['.', '#', '$']) {
                    return Ok(keyword_or_id(id));
                }
                self.expect(&[Kind::Colon])?;
                self.trait_structure(id.text)
            }
            _ => self.node(),
        }
    }

    /// `TraitStructure = 1*(NodeObjectKvp [WS])`, once its first key is read.
    fn trait_structure(&mut self, first_key: String) -> Parsed<Node> {
        self.next();
        self.skip_ws_and_docs();
        self.enter()?;
        let mut entries = vec![(first_key, self.node()?)];
        self.skip_ws_and_docs();
        while !self.is(Kind::RParen) {
            self.expect(&[Kind::Identifier, Kind::String])?;
            let key = self.key_text();
            let at = self.cur.at;
            self.next();
            self.skip_ws_and_docs();
            self.expect(&[Kind::Colon])?;
            self.next();
            self.skip_ws_and_docs();
            let value = self.node()?;
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(SyntaxError { message: format!("Duplicate member of trait: '{key}'"), at });
            }
            entries.push((key, value));
            self.skip_ws_and_docs();
        }
        self.leave();
        Ok(Node::Object(entries))
    }

    // ---- node values ----

    /// `NodeValue`
    fn node(&mut self) -> Parsed<Node> {
        self.expect(&[Kind::String, Kind::TextBlock, Kind::Number, Kind::Identifier, Kind::LBrace, Kind::LBracket])?;
        match self.cur.kind {
            Kind::String | Kind::TextBlock => {
                let text = self.cur.text.clone();
                self.next();
                Ok(Node::String(text))
            }
            Kind::Number => {
                let text = self.lexer.raw(&self.cur).to_string();
                self.next();
                Ok(Node::Number(text))
            }
            Kind::Identifier => Ok(keyword_or_id(self.shape_id()?)),
            Kind::LBracket => self.node_array(),
            _ => self.node_object(),
        }
    }

    /// `NodeArray = "[" [WS] *(NodeValue [WS]) "]"`
    fn node_array(&mut self) -> Parsed<Node> {
        self.enter()?;
        self.next();
        self.skip_ws_and_docs();
        let mut items = Vec::new();
        while !self.is(Kind::RBracket) {
            items.push(self.node()?);
            self.skip_ws_and_docs();
        }
        self.next();
        self.leave();
        Ok(Node::Array(items))
    }

    /// `NodeObject = "{" [WS] [NodeObjectKvp *(WS NodeObjectKvp)] [WS] "}"`
    fn node_object(&mut self) -> Parsed<Node> {
        Ok(Node::Object(self.node_object_entries()?.into_iter().map(|(k, v, _)| (k, v)).collect()))
    }

    fn node_object_entries(&mut self) -> Parsed<Vec<(String, Node, Position)>> {
        self.next();
        self.skip_ws_and_docs();
        self.enter()?;
        let mut entries: Vec<(String, Node, Position)> = Vec::new();
        while !self.is(Kind::Eof) {
            self.expect(&[Kind::RBrace, Kind::String, Kind::Identifier])?;
            if self.is(Kind::RBrace) {
                break;
            }
            let key = self.key_text();
            let at = self.cur.at;
            self.next();
            self.skip_ws_and_docs();
            self.expect(&[Kind::Colon])?;
            self.next();
            self.skip_ws_and_docs();
            let value = self.node()?;
            if entries.iter().any(|(k, _, _)| *k == key) {
                return Err(SyntaxError { message: format!("Duplicate member: '{key}'"), at });
            }
            entries.push((key, value, at));
            self.skip_ws_and_docs();
        }
        self.expect(&[Kind::RBrace])?;
        self.next();
        self.leave();
        Ok(entries)
    }

    // ---- shapes ----

    /// `ShapeStatement` or `ApplyStatement`, after its traits; then `BR`.
    fn shape_or_apply(&mut self, traits: Vec<TraitApp>) -> Parsed<()> {
        self.expect(&[Kind::Identifier])?;
        if self.is_word("apply") {
            return self.apply_statement(traits);
        }
        let word = self.lexer.raw(&self.cur).to_string();
        let Some(shape_type) = ShapeType::parse(&word) else {
            return self.error(format!("Unknown shape type: {word}"));
        };
        self.next();
        self.expect_spaces()?;
        self.expect(&[Kind::Identifier])?;
        let at = self.cur.at;
        let name = self.identifier()?;
        if let Some((_, imported, _)) = self.file.uses.iter().find(|(n, _, _)| *n == name) {
            return Err(SyntaxError { message: format!("Shape name `{name}` conflicts with imported shape `{imported}`"), at });
        }
        let mut shape = ShapeDef {
            name,
            shape_type,
            at,
            traits,
            mixins: vec![],
            for_resource: None,
            members: vec![],
            body: Body::None,
        };
        match shape_type {
            ShapeType::Simple(_) => shape.mixins = self.mixins()?,
            ShapeType::List | ShapeType::Set | ShapeType::Map | ShapeType::Structure | ShapeType::Union => {
                self.aggregate(&mut shape)?;
            }
            ShapeType::Enum | ShapeType::IntEnum => {
                shape.mixins = self.mixins()?;
                shape.members = self.enum_members(&shape.name)?;
            }
            ShapeType::Service | ShapeType::Resource => {
                shape.mixins = self.mixins()?;
                self.skip_ws_and_docs();
                self.expect(&[Kind::LBrace])?;
                let entries = self.node_object_entries()?;
                if shape_type == ShapeType::Resource
                    && self.version == Version::V1
                    && entries.iter().any(|(k, _, _)| k == "properties")
                {
                    return self.error(
                        "Resource properties can only be used with Smithy version 2 or later. Attempted to use resource properties with version `1.0`.",
                    );
                }
                shape.body = Body::Entity(entries);
            }
            ShapeType::Operation => {
                shape.mixins = self.mixins()?;
                shape.body = Body::Operation(self.operation_body(&shape.name)?);
            }
        }
        self.file.shapes.push(shape);
        self.br()
    }

    /// `ApplyStatement = %s"apply" SP ShapeId WS (Trait / "{" [WS] TraitStatements "}")`
    fn apply_statement(&mut self, traits: Vec<TraitApp>) -> Parsed<()> {
        if traits.iter().any(|t| t.id.text != DOCUMENTATION) {
            return self.error("Traits applied to apply statement");
        }
        let at = self.cur.at;
        self.next();
        self.expect_ws()?;
        let target = self.shape_id()?;
        self.expect_ws()?;
        self.expect(&[Kind::At, Kind::LBrace])?;
        let mut traits = Vec::new();
        if self.is(Kind::At) {
            traits.push(self.trait_application()?);
        } else {
            self.next();
            self.skip_ws_and_docs();
            while self.is(Kind::At) {
                traits.push(self.trait_application()?);
                self.skip_ws_and_docs();
            }
            self.expect(&[Kind::RBrace])?;
            self.next();
        }
        self.file.applies.push(ApplyDef { target, traits, at });
        self.br()
    }

    /// `Mixins = [SP] %s"with" [WS] "[" [WS] 1*(ShapeId [WS]) "]"`
    fn mixins(&mut self) -> Parsed<Vec<IdRef>> {
        self.skip_spaces();
        if !self.is_word("with") {
            return Ok(vec![]);
        }
        if self.version == Version::V1 {
            return self.error(
                "Mixins can only be used with Smithy version 2 or later. Attempted to use mixins with version `1.0`.",
            );
        }
        self.next();
        self.skip_ws_and_docs();
        self.expect(&[Kind::LBracket])?;
        self.next();
        self.skip_ws_and_docs();
        let mut mixins = Vec::new();
        loop {
            mixins.push(self.shape_id()?);
            self.skip_ws_and_docs();
            if self.is(Kind::RBracket) {
                break;
            }
        }
        self.next();
        Ok(mixins)
    }

    /// `ForResource = SP %s"for" SP ShapeId`
    fn for_resource(&mut self) -> Parsed<Option<IdRef>> {
        self.skip_spaces();
        if !self.is_word("for") {
            return Ok(None);
        }
        if self.version == Version::V1 {
            return self.error(
                "Structures can only be bound to resources with Smithy version 2 or later. Attempted to bind a structure to a resource with version `1.0`.",
            );
        }
        self.next();
        self.expect_spaces()?;
        Ok(Some(self.shape_id()?))
    }

    /// An aggregate shape after its name: `[ForResource] [Mixins] [WS] ShapeMembers`.
    fn aggregate(&mut self, shape: &mut ShapeDef) -> Parsed<()> {
        shape.for_resource = self.for_resource()?;
        shape.mixins = self.mixins()?;
        shape.members = self.members(&shape.name)?;
        Ok(())
    }

    /// `ShapeMembers = "{" [WS] *(ShapeMember [WS]) "}"`
    fn members(&mut self, shape: &str) -> Parsed<Vec<MemberDef>> {
        self.skip_ws_and_docs();
        self.drop_docs("before the body of a shape");
        self.expect(&[Kind::LBrace])?;
        self.next();
        self.skip_ws();
        let mut members: Vec<MemberDef> = Vec::new();
        while !self.is(Kind::Eof) && !self.is(Kind::RBrace) {
            if let Some(member) = self.member(shape, &members)? {
                members.push(member);
            }
            self.skip_ws();
        }
        self.expect(&[Kind::RBrace])?;
        self.next();
        Ok(members)
    }

    /// `ShapeMember = TraitStatements (ExplicitShapeMember / ElidedShapeMember) [ValueAssignment]`
    fn member(&mut self, shape: &str, earlier: &[MemberDef]) -> Parsed<Option<MemberDef>> {
        let traits = self.docs_and_traits(true)?;
        if self.is(Kind::RBrace) && !traits.is_empty() && traits.iter().all(|t| t.id.text == DOCUMENTATION) {
            self.file.warnings.push(format!(
                "line {}, column {}: documentation comment ignored (not followed by a member)",
                traits[0].at.line, traits[0].at.column
            ));
            return Ok(None);
        }
        let elided = self.is(Kind::Dollar);
        if elided {
            self.next();
        }
        self.expect(&[Kind::Identifier])?;
        let at = self.cur.at;
        let name = self.lexer.raw(&self.cur).to_string();
        if earlier.iter().any(|m| m.name == name) {
            return self.error(format!("Duplicate member of `{}#{shape}`: '{name}'", self.namespace));
        }
        if elided && self.version == Version::V1 {
            return self.error("Members can only elide targets in IDL version 2 or later");
        }
        self.next();
        let target = if elided {
            None
        } else {
            self.skip_spaces();
            self.expect(&[Kind::Colon])?;
            self.next();
            self.skip_spaces();
            Some(self.shape_id()?)
        };
        self.skip_spaces();
        let value = if self.is(Kind::Equal) {
            if self.version == Version::V1 {
                return self.error("@default assignment is only supported in IDL version 2 or later");
            }
            Some(self.value_assignment()?)
        } else {
            None
        };
        Ok(Some(MemberDef { name, at, target, traits, value }))
    }

    /// `ValueAssignment = [SP] "=" [SP] NodeValue [SP] [Comma] BR`, at the `=`.
    fn value_assignment(&mut self) -> Parsed<Node> {
        self.next();
        self.skip_spaces();
        let value = self.node()?;
        self.skip_spaces();
        if self.is(Kind::Comma) {
            self.next();
        }
        self.br()?;
        Ok(value)
    }

    /// `EnumShapeMembers = "{" [WS] 1*(EnumShapeMember [WS]) "}"`
    fn enum_members(&mut self, shape: &str) -> Parsed<Vec<MemberDef>> {
        self.skip_ws_and_docs();
        self.expect(&[Kind::LBrace])?;
        self.next();
        self.skip_ws();
        let mut members: Vec<MemberDef> = Vec::new();
        while !self.is(Kind::Eof) && !self.is(Kind::RBrace) {
            let traits = self.docs_and_traits(true)?;
            self.expect(&[Kind::Identifier])?;
            let at = self.cur.at;
            let name = self.lexer.raw(&self.cur).to_string();
            if members.iter().any(|m| m.name == name) {
                return self.error(format!("{}#{shape}: Found conflicting member name, `{name}`", self.namespace));
            }
            self.next();
            self.skip_spaces();
            let value = if self.is(Kind::Equal) {
                Some(self.value_assignment()?)
            } else {
                self.skip_ws();
                None
            };
            let unit = IdRef { text: "smithy.api#Unit".into(), at };
            members.push(MemberDef { name, at, target: Some(unit), traits, value });
        }
        self.expect(&[Kind::RBrace])?;
        self.next();
        Ok(members)
    }

    /// `OperationBody = "{" [WS] *(OperationProperty [WS]) "}"`
    fn operation_body(&mut self, operation: &str) -> Parsed<OperationBody> {
        self.skip_ws_and_docs();
        self.expect(&[Kind::LBrace])?;
        self.next();
        self.skip_ws_and_docs();
        let mut body = OperationBody::default();
        let mut seen: Vec<String> = Vec::new();
        while !self.is(Kind::Eof) && !self.is(Kind::RBrace) {
            self.expect(&[Kind::Identifier])?;
            let key = self.lexer.raw(&self.cur).to_string();
            if seen.contains(&key) {
                return self.error(format!("Duplicate operation {key} property for `{}#{operation}`", self.namespace));
            }
            seen.push(key.clone());
            self.next();
            self.skip_ws_and_docs();
            match key.as_str() {
                "input" | "output" => {
                    let target = self.operation_io(operation, &key)?;
                    if key == "input" {
                        body.input = Some(target);
                    } else {
                        body.output = Some(target);
                    }
                }
                "errors" => {
                    self.expect(&[Kind::Colon])?;
                    self.next();
                    self.enter()?;
                    self.skip_ws_and_docs();
                    self.expect(&[Kind::LBracket])?;
                    self.next();
                    self.skip_ws_and_docs();
                    while !self.is(Kind::Eof) && !self.is(Kind::RBracket) {
                        body.errors.push(self.shape_id()?);
                        self.skip_ws_and_docs();
                    }
                    self.expect(&[Kind::RBracket])?;
                    self.next();
                    self.leave();
                }
                _ => return self.error(format!("Unknown property {key} for {}#{operation}", self.namespace)),
            }
            // The grammar allows the next property right away (`[WS]`).
            self.skip_ws_and_docs();
        }
        self.expect(&[Kind::RBrace])?;
        self.next();
        Ok(body)
    }

    /// `OperationInput` / `OperationOutput` after the key: a target, or an inline structure
    /// (idl.rst "Inline input / output shapes").
    fn operation_io(&mut self, operation: &str, key: &str) -> Parsed<IdRef> {
        self.expect(&[Kind::Colon, Kind::Walrus])?;
        if self.is(Kind::Colon) {
            self.next();
            self.skip_ws_and_docs();
            return self.shape_id();
        }
        let at = self.cur.at;
        self.next();
        if self.version == Version::V1 {
            return self.error(
                "Inlined operation inputs and outputs can only be used with Smithy version 2 or later. Attempted to use inlined IO with version `1.0`.",
            );
        }
        self.docs.clear();
        self.skip_ws();
        let (suffix, marker) = if key == "input" {
            (self.input_suffix.clone(), "smithy.api#input")
        } else {
            (self.output_suffix.clone(), "smithy.api#output")
        };
        let mut traits = self.docs_and_traits(true)?;
        traits.push(TraitApp { id: IdRef { text: marker.into(), at }, value: Some(Node::Object(vec![])), at });
        let name = format!("{operation}{suffix}");
        let mut shape = ShapeDef {
            name: name.clone(),
            shape_type: ShapeType::Structure,
            at,
            traits,
            mixins: vec![],
            for_resource: None,
            members: vec![],
            body: Body::None,
        };
        self.aggregate(&mut shape)?;
        self.file.shapes.push(shape);
        Ok(IdRef { text: format!("{}#{name}", self.namespace), at })
    }
}

/// `true`, `false` and `null` are keywords; any other unquoted text is a shape id.
fn keyword_or_id(id: IdRef) -> Node {
    match id.text.as_str() {
        "true" => Node::Bool(true),
        "false" => Node::Bool(false),
        "null" => Node::Null,
        _ => Node::ShapeId(id),
    }
}

/// A node printed as JSON, for error messages.
fn node_json(node: &Node) -> String {
    match node {
        Node::Null => "null".into(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) => n.clone(),
        Node::String(s) => format!("{s:?}"),
        Node::ShapeId(id) => format!("{:?}", id.text),
        Node::Array(_) => "an array".into(),
        Node::Object(_) => "an object".into(),
    }
}
