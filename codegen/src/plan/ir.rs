//! The plan: every Rust decision about the generated crate, made once. Emitters read these
//! structs and destructure them; they never look at the model again.

use crate::model::{ShapeId, SimpleType, TimestampFormat};
use std::collections::BTreeSet;

/// The whole generated crate.
#[derive(Debug, Clone)]
pub struct CratePlan {
    /// Cargo package name.
    pub name: String,
    /// Cargo package version.
    pub version: String,
    /// One module (and cargo feature) per service, ordered by module name.
    pub services: Vec<ServicePlan>,
}

/// The wire protocol a service speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#restJson1`.
    RestJson1,
}

/// One service: its module and everything in it.
#[derive(Debug, Clone)]
pub struct ServicePlan {
    pub shape_id: ShapeId,
    /// Module and cargo feature name (`athena`), from the `sdkId`.
    pub module: String,
    /// The human title (`Amazon Athena`).
    pub title: String,
    /// Service documentation as rustdoc lines.
    pub docs: Vec<String>,
    /// API version (`2017-05-18`).
    pub version: String,
    pub protocol: Protocol,
    /// SigV4 signing name, if the service is signed.
    pub signing_name: Option<String>,
    /// Hex SHA-256 of the canonical selected closure.
    pub closure_hash: String,
    /// The `smithy.rules#endpointRuleSet` as pretty JSON text (checked to parse), if any.
    pub endpoint_rule_set: Option<String>,
    pub operations: Vec<OperationPlan>,
    /// Types (structures, unions) that need a JSON serializer: those reachable from inputs.
    pub serialized: BTreeSet<ShapeId>,
    /// Types that need a JSON deserializer: those reachable from outputs and errors.
    pub deserialized: BTreeSet<ShapeId>,
    /// Structures, enums and unions of `<service>::types`, ordered by Rust name.
    pub types: Vec<TypeDef>,
    /// `aws.protocols#awsQueryCompatible`: requests say so (`x-amzn-query-mode`), and an
    /// error's `x-amzn-query-error` header gives the code and fault users see.
    pub query_compatible: bool,
    /// What this service needs beyond its model (see `plan/customizations.rs`).
    pub customization: Option<Customization>,
    /// Error structures of `<service>::types::error`, ordered by Rust name.
    pub errors: Vec<StructPlan>,
}

/// One operation: `<service>::operation::<module>`.
#[derive(Debug, Clone)]
pub struct OperationPlan {
    pub shape_id: ShapeId,
    /// Module and client method name (`get_session`).
    pub module: String,
    pub docs: Vec<String>,
    /// `{Op}Input`, whatever the model calls it.
    pub input: StructPlan,
    /// `{Op}Output`.
    pub output: StructPlan,
    /// The errors the operation can return (its own, then the service's), by error struct.
    pub errors: Vec<ShapeId>,
    /// How the operation travels on the wire.
    pub wire: OperationWire,
    /// `@endpoint(hostPrefix)`: the prefix put before the endpoint's host, with its labels.
    pub host_prefix: Option<Vec<HostPart>>,
    /// `@httpChecksumRequired`: the request carries a `Content-MD5` header.
    pub checksum_required: bool,
    /// `@requestCompression` listing gzip (the one encoding the client applies): when the
    /// request is compressed.
    pub request_compression: Option<RequestCompression>,
    /// The input member filled with a fresh token when unset (`@idempotencyToken`).
    pub idempotency_token: Option<String>,
}

/// When a request of an operation with `@requestCompression` is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestCompression {
    /// When the body reaches the configured minimum size.
    AboveMinimumSize,
    /// Always: the payload is a stream whose length is not required (behavior-traits.rst,
    /// "Request compression behavior").
    Always,
}

/// A piece of an `@endpoint` host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPart {
    Literal(String),
    /// `{Name}`: the Rust field name of the `@hostLabel` input member.
    Label { field: String, name: String },
}

/// Service-specific behaviour the model does not describe, which AWS clients implement by
/// service id (the protocol compliance tests exercise each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Customization {
    /// Amazon Glacier: `X-Amz-Glacier-Version` on every request, `accountId` defaulting to
    /// `-`, and the SHA-256 and tree-hash headers of payloads computed when unset.
    Glacier {
        /// The API version sent in `X-Amz-Glacier-Version`.
        version: String,
    },
    /// Amazon API Gateway: `Accept: application/json` on every request.
    ApiGateway,
    /// Amazon Machine Learning: `Predict` is sent to the input's `PredictEndpoint`.
    MachineLearning,
}

/// The request line and framing of an operation, per protocol.
#[derive(Debug, Clone, PartialEq)]
pub enum OperationWire {
    /// awsJson1_0 / awsJson1_1: `POST /` with `X-Amz-Target` and a JSON body.
    AwsJson {
        /// `X-Amz-Target`: `<service shape name>.<operation shape name>`.
        target: String,
        /// `application/x-amz-json-1.0` or `-1.1`.
        content_type: &'static str,
    },
    /// restJson1: the `http` trait.
    RestJson {
        method: String,
        /// The path pattern, split into literal text and labels.
        path: Vec<PathPart>,
        /// Literal query parameters of the pattern (`/path?list` or `?k=v`), sent as-is.
        query: Vec<(String, Option<String>)>,
        /// The success status code.
        code: u16,
    },
}

/// A piece of a restJson1 URI pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, sent as written.
    Literal(String),
    /// `{Name}` or greedy `{Name+}`: the input member's Rust field name.
    Label { field: String, greedy: bool },
}

/// Where a member travels in a restJson1 message (awsJson: always [`Binding::Body`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A member of the JSON body.
    Body,
    /// `@httpLabel`.
    Label { greedy: bool },
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpHeader("Name")`.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

/// A structure, union or enum of the types module.
#[derive(Debug, Clone)]
pub enum TypeDef {
    Struct(StructPlan),
    Enum(EnumPlan),
    Union(UnionPlan),
}

impl TypeDef {
    /// The Rust name of the type.
    pub fn rust_name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.rust_name,
            TypeDef::Enum(e) => &e.rust_name,
            TypeDef::Union(u) => &u.rust_name,
        }
    }
}

/// What a structure is for; decides its module and builder behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    /// An operation input: every member optional, `build()` never fails.
    Input,
    /// An operation output.
    Output,
    /// An `@error` structure.
    Error,
    /// Any other structure.
    Plain,
}

/// A structure and its builder.
#[derive(Debug, Clone)]
pub struct StructPlan {
    pub shape_id: ShapeId,
    pub rust_name: String,
    /// Its crate path (`crate::athena::types::SessionStatus`).
    pub path: String,
    pub role: StructRole,
    pub docs: Vec<String>,
    pub fields: Vec<FieldPlan>,
    /// `@error("client" | "server")`, `@httpError`, `@retryable` of an error structure.
    pub error: Option<ErrorTraits>,
}

impl StructPlan {
    /// Whether `build()` returns a `Result`: some non-optional member has no default.
    pub fn builder_is_fallible(&self) -> bool {
        self.fields.iter().any(|f| !f.optional && f.default.is_none())
    }
}

/// The traits of an error structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorTraits {
    /// `true` for `@error("server")`.
    pub server: bool,
    pub http_status: Option<u16>,
    /// `Some(throttling)` with `@retryable`.
    pub retryable: Option<bool>,
    /// The error code that selects this error: the shape name (namespace ignored, never renamed).
    pub code: String,
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct FieldPlan {
    pub member_id: ShapeId,
    /// The name on the wire and in the model.
    pub smithy_name: String,
    /// The Rust field and accessor name, escaped (`r#type`).
    pub rust_name: String,
    pub ty: RustType,
    /// `Option<T>` in the struct (the client optionality rules, brief §2).
    pub optional: bool,
    /// The model default a non-optional member takes when unset or absent.
    pub default: Option<DefaultValue>,
    /// `Box<T>`: the member closes a cycle of structures and unions.
    pub boxed: bool,
    /// Redacted in `Debug`: the target (or a collection's element) is `@sensitive`.
    pub sensitive: bool,
    /// `@required` in the model (error correction fills such members when absent).
    pub required: bool,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    /// The key in a JSON body: `@jsonName` under restJson1, else the member name.
    pub wire_name: String,
    /// Where the member travels (top-level members of restJson1 inputs, outputs and errors).
    pub binding: Binding,
    /// For a timestamp (or list of timestamps) bound to a header, label or query: its format
    /// there. Body timestamps carry their format in [`RustType::Timestamp`].
    pub timestamp_format: Option<TimestampFormat>,
    /// The target's `@mediaType`: a string with one travels base64-encoded in a header, and a
    /// blob or string payload sends it as its `Content-Type`.
    pub media_type: Option<String>,
    /// The value that fills a `@required` member without a default when a response omits it
    /// (error correction: `""`, `0`, `false`, an empty collection, the unknown enum value).
    pub zero: Option<DefaultValue>,
}

/// A default value from `@default`, already checked against the member's type.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    /// Integers of every width, and intEnum values.
    Int(i64),
    Float(f64),
    String(String),
    /// A string enum value.
    Enum(String),
    /// Already-decoded blob bytes.
    Blob(Vec<u8>),
    /// An instant: whole epoch seconds and nanoseconds, read exactly from the model's number.
    Timestamp { secs: i64, nanos: u32 },
    EmptyList,
    EmptyMap,
    /// A document default (null, a boolean, string or number, `[]` or `{}`).
    Document(serde_json::Value),
    /// bigInteger / bigDecimal text.
    BigNumber(String),
}

/// The Rust type of a member (without the outer `Option`/`Box`, which the field decides).
#[derive(Debug, Clone, PartialEq)]
pub enum RustType {
    /// Every simple type but timestamps.
    Simple(SimpleType),
    /// A timestamp, with its format in a JSON body (member trait, target trait, else epoch-seconds).
    Timestamp(TimestampFormat),
    /// A `@streaming` blob: the whole payload of an operation's input or output.
    ByteStream,
    /// A generated type: its crate-relative path (`crate::athena::types::SessionState`).
    Named { path: String, kind: NamedKind },
    List { member: Box<RustType>, sparse: bool },
    Map { key: Box<RustType>, value: Box<RustType>, sparse: bool },
}

/// What a named type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Enum,
    IntEnum,
    Union,
}

/// An enum or intEnum.
#[derive(Debug, Clone)]
pub struct EnumPlan {
    pub shape_id: ShapeId,
    pub rust_name: String,
    /// Its crate path.
    pub path: String,
    pub docs: Vec<String>,
    /// `true` for an intEnum.
    pub int: bool,
    pub variants: Vec<EnumVariant>,
}

/// A known value of an enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub smithy_name: String,
    pub rust_name: String,
    /// The wire value: a string for enums, the decimal integer for intEnums.
    pub value: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
}

/// A tagged union.
#[derive(Debug, Clone)]
pub struct UnionPlan {
    pub shape_id: ShapeId,
    pub rust_name: String,
    /// Its crate path.
    pub path: String,
    pub docs: Vec<String>,
    pub variants: Vec<UnionVariant>,
}

/// A member of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub member_id: ShapeId,
    pub smithy_name: String,
    pub rust_name: String,
    /// For `as_x()` / `is_x()`.
    pub snake_name: String,
    /// `None` for a member targeting `smithy.api#Unit`.
    pub ty: Option<RustType>,
    pub boxed: bool,
    pub sensitive: bool,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    /// The key in the JSON object: `@jsonName` under restJson1, else the member name.
    pub wire_name: String,
}
