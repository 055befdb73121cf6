//! The plan: every Rust decision about the generated crate, made once. Emitters destructure
//! these structs and read them; they never look at the model, and never make a name.

use crate::model::{ShapeId, SimpleType};

/// How a timestamp is written (the model's `@timestampFormat` values).
pub use crate::model::TimestampFormat;

/// An item of the generated crate by its path from the crate root: module segments and name
/// (`athena::types::SessionState`). Emitters put the crate root in front.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemPath {
    pub module: Vec<String>,
    pub name: String,
}

impl ItemPath {
    /// The item `name` in `module`.
    pub fn new(module: &[&str], name: impl Into<String>) -> Self {
        ItemPath { module: module.iter().map(|s| s.to_string()).collect(), name: name.into() }
    }

    /// Another item of the same module.
    pub fn sibling(&self, name: impl Into<String>) -> Self {
        ItemPath { module: self.module.clone(), name: name.into() }
    }
}

impl std::fmt::Display for ItemPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for segment in &self.module {
            write!(f, "{segment}::")?;
        }
        f.write_str(&self.name)
    }
}

/// The whole generated crate.
#[derive(Debug, Clone)]
pub struct CratePlan {
    /// Cargo package name.
    pub name: String,
    /// Cargo package version.
    pub version: String,
    /// One module (and cargo feature) per service, ordered by module name.
    pub services: Vec<ServicePlan>,
    /// What of the runtime the services use.
    pub needs: RuntimeNeeds,
}

/// What of the runtime the crate's types and operations use, beyond what every crate does.
/// The runtime marks the code each flag keeps with `// ship-if: <flag>` regions, and the crate's
/// public modules re-export only what is there (`emit/runtime.rs`); modules that nothing names
/// are left out whatever the flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuntimeNeeds {
    /// A service has an endpoint rule set (the rules engine and the partitions table).
    pub endpoint_rules: bool,
    /// A member is a `bigInteger` or `bigDecimal`.
    pub big_numbers: bool,
    /// A member is a `document`.
    pub documents: bool,
    /// A member is a blob.
    pub blobs: bool,
    /// A member is a timestamp.
    pub timestamps: bool,
    /// A payload is a `@streaming` blob.
    pub byte_streams: bool,
    /// A member is a string enum or a union (their unknown variants hold an `UnknownValue`).
    pub open_enums: bool,
    /// A member is an intEnum (`UnknownIntValue`).
    pub int_enums: bool,
    /// An operation fills an idempotency token.
    pub idempotency_tokens: bool,
    /// An operation compresses requests.
    pub request_compression: bool,
}

impl RuntimeNeeds {
    /// The flags by name, as the runtime's `ship-if` regions name them.
    pub const NAMES: [&'static str; 10] = [
        "endpoint_rules",
        "big_numbers",
        "documents",
        "blobs",
        "timestamps",
        "byte_streams",
        "open_enums",
        "int_enums",
        "idempotency_tokens",
        "request_compression",
    ];

    fn flag(&mut self, name: &str) -> Option<&mut bool> {
        let RuntimeNeeds {
            endpoint_rules,
            big_numbers,
            documents,
            blobs,
            timestamps,
            byte_streams,
            open_enums,
            int_enums,
            idempotency_tokens,
            request_compression,
        } = self;
        Some(match name {
            "endpoint_rules" => endpoint_rules,
            "big_numbers" => big_numbers,
            "documents" => documents,
            "blobs" => blobs,
            "timestamps" => timestamps,
            "byte_streams" => byte_streams,
            "open_enums" => open_enums,
            "int_enums" => int_enums,
            "idempotency_tokens" => idempotency_tokens,
            "request_compression" => request_compression,
            _ => return None,
        })
    }

    /// The flag called `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<bool> {
        let mut copy = *self;
        copy.flag(name).map(|f| *f)
    }

    /// Sets the flag called `name`; `false` when there is none.
    pub fn set(&mut self, name: &str, on: bool) -> bool {
        self.flag(name).map(|f| *f = on).is_some()
    }

    /// Both sets of needs together.
    pub fn union(self, other: RuntimeNeeds) -> RuntimeNeeds {
        let mut out = self;
        for name in Self::NAMES {
            let on = self.get(name).unwrap_or(false) || other.get(name).unwrap_or(false);
            out.set(name, on);
        }
        out
    }
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
    /// The `smithy.rules#endpointRuleSet`, parsed by the engine the generated crate runs, if any.
    pub endpoint_rule_set: Option<runtime::endpoint::RuleSet>,
    /// `<service>::endpoint::resolve_endpoint`.
    pub resolve_endpoint: ItemPath,
    /// `<service>::client::Client`.
    pub client: ItemPath,
    pub operations: Vec<OperationPlan>,
    /// Structures, enums and unions of `<service>::types`, ordered by Rust name.
    pub types: Vec<TypeDef>,
    /// Error structures of `<service>::types::error`, ordered by Rust name.
    pub errors: Vec<StructPlan>,
    /// `aws.protocols#awsQueryCompatible`: requests say so (`x-amzn-query-mode`), and an
    /// error's `x-amzn-query-error` header gives the code and fault users see.
    pub query_compatible: bool,
    /// What this service needs beyond its model (see `plan/customizations.rs`).
    pub customization: Option<Customization>,
    /// The waiters of its operations (`smithy.waiters#waitable`), in the `<service>::waiters`
    /// module; ordered by operation, then name.
    pub waiters: Vec<WaiterPlan>,
}

/// One operation: `<service>::operation::<module>`.
#[derive(Debug, Clone)]
pub struct OperationPlan {
    pub shape_id: ShapeId,
    /// The operation's shape name (`GetSession`), as errors and docs say it.
    pub name: String,
    /// Module and client method name (`get_session`).
    pub module: String,
    pub docs: Vec<String>,
    /// `{Op}Input`, whatever the model calls it.
    pub input: StructPlan,
    /// `{Op}Output`.
    pub output: StructPlan,
    /// `{Op}Error`: the modeled errors, then the service's.
    pub error: ErrorEnumPlan,
    /// `<op>::builders::{Op}FluentBuilder`: the client's call builder.
    pub fluent_builder: ItemPath,
    /// `<op>::serialize_request`, `<op>::parse_response` and the private reader of the output.
    pub serialize_request: ItemPath,
    pub parse_response: ItemPath,
    pub read_output: String,
    /// The request line.
    pub http: HttpRequestLine,
    /// Headers every request carries, whatever the input: `X-Amz-Target` under the awsJson
    /// protocols, `x-amzn-query-mode` for an `@awsQueryCompatible` service, and those of
    /// customizations (lower-case name, value).
    pub fixed_headers: Vec<(String, String)>,
    /// `@endpoint(hostPrefix)`: the prefix put before the endpoint's host, with its labels.
    pub host_prefix: Option<Vec<HostPart>>,
    /// `@httpChecksumRequired`: the request carries a `Content-MD5` header.
    pub checksum_required: bool,
    /// `@requestCompression` listing gzip (the one encoding the client applies): when the
    /// request is compressed.
    pub request_compression: Option<RequestCompression>,
    /// The input field filled with a fresh token when unset (`@idempotencyToken`).
    pub idempotency_token: Option<FieldNames>,
    /// `@paginated`: the paginator of the operation.
    pub paginator: Option<PaginatorPlan>,
}

/// The paginator of an operation (`<op>::paginator::{Op}Paginator`).
#[derive(Debug, Clone)]
pub struct PaginatorPlan {
    pub paginator: ItemPath,
    /// The input member that takes the token of the next page.
    pub input_token: FieldNames,
    /// The token's type: a string, or a map (DynamoDB's `ExclusiveStartKey`).
    pub token: RustType,
    /// The fields the output's next token is read through (`Result.NextToken`: two).
    pub output_token: Vec<OutputStep>,
    pub page_size: Option<PageSize>,
    /// The paginator over the items of the pages, when the trait names them.
    pub items: Option<PaginatorItems>,
}

/// A field on the way through an output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputStep {
    pub field: String,
    /// `Option<T>` (else `T`).
    pub optional: bool,
    /// `Box<T>` inside.
    pub boxed: bool,
}

/// The page-size member of a paginated operation's input.
#[derive(Debug, Clone)]
pub struct PageSize {
    /// The input builder's setter.
    pub setter: String,
    pub ty: RustType,
}

/// The items of a paginated operation's pages.
#[derive(Debug, Clone)]
pub struct PaginatorItems {
    /// `<op>::paginator::{Op}PaginatorItems`.
    pub items: ItemPath,
    /// The fields the list or map of items is read through.
    pub path: Vec<OutputStep>,
    /// What one item is.
    pub item: PageItem,
}

/// One item of a page: an element of a list, or an entry of a map.
#[derive(Debug, Clone)]
pub enum PageItem {
    /// `T`, or `Option<T>` when the list is sparse.
    Element { ty: RustType, sparse: bool },
    /// `(K, V)`, or `(K, Option<V>)` when the map is sparse.
    Entry { key: RustType, value: RustType, sparse: bool },
}

/// An operation's error enum.
#[derive(Debug, Clone)]
pub struct ErrorEnumPlan {
    /// `{Op}Error`.
    pub name: String,
    pub path: ItemPath,
    pub variants: Vec<ErrorVariant>,
}

/// A modeled error of an operation, resolved to what the error enum and the response parser
/// need.
#[derive(Debug, Clone)]
pub struct ErrorVariant {
    pub shape_id: ShapeId,
    /// The variant (the error structure's name).
    pub name: String,
    /// The error structure.
    pub error: ItemPath,
    /// The code that selects it: the shape name (namespace ignored, never renamed).
    pub code: String,
    /// The reader of its response (`<service>::protocol::de_x_response`).
    pub parser: ItemPath,
    /// The error structure's message member ([`ErrorTraits::message`]).
    pub message: Option<MessageField>,
    /// `@retryable`: (throttling, a server error).
    pub retry: Option<(bool, bool)>,
    /// `is_<variant>`.
    pub is_fn: String,
    pub docs: Vec<String>,
}

/// The message member of an error structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageField {
    pub field: String,
    /// Whether the field is an `Option<String>`.
    pub optional: bool,
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
    /// `{Name}`: the `@hostLabel` input field and the label's name.
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
        /// The input field of `accountId`, per operation that has one (by operation module).
        account_id_fields: Vec<(String, String)>,
    },
    /// Amazon API Gateway: `Accept: application/json` on every request.
    ApiGateway,
    /// Amazon Machine Learning: `Predict` is sent to the input's `PredictEndpoint`.
    MachineLearning {
        /// The operation module and the field holding the endpoint.
        predict_endpoint: Option<(String, String)>,
    },
}

/// The request line of an operation: the `http` trait under restJson1; `POST /` (status 200)
/// under the awsJson protocols.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequestLine {
    pub method: String,
    /// The path pattern, split into literal text and labels.
    pub path: Vec<PathPart>,
    /// Literal query parameters of the pattern (`/path?list` or `?k=v`), sent as-is.
    pub query: Vec<(String, Option<String>)>,
    /// The success status code.
    pub code: u16,
}

/// A piece of a URI pattern.
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
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }
}

/// What a structure is for; decides its module and builder behaviour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructRole {
    /// An operation input: every member optional, `build()` never fails.
    Input,
    /// An operation output: it carries the response's request id.
    Output,
    /// An `@error` structure: it carries the response's error metadata.
    Error(ErrorTraits),
    /// Any other structure.
    Plain,
}

/// A structure and its builder.
#[derive(Debug, Clone)]
pub struct StructPlan {
    pub shape_id: ShapeId,
    pub name: String,
    pub path: ItemPath,
    pub role: StructRole,
    pub docs: Vec<String>,
    pub fields: Vec<FieldPlan>,
    pub builder: BuilderPlan,
    /// Whether the structure derives `Eq` (no float or document inside).
    pub eq: bool,
    /// How the service's protocol writes and reads it, when it is a body value.
    pub codec: Codec,
}

/// A structure's builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuilderPlan {
    pub name: String,
    /// In the `builders` module beside the structure's.
    pub path: ItemPath,
    /// `build()` returns a `Result`: some required member has no default.
    pub fallible: bool,
    /// The builder has `build_lenient()`, for the response parsers (responses reach it).
    pub lenient: bool,
}

/// The functions of the service's `protocol` module that write and read a structure or union
/// in a body; `None` in a direction no operation needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codec {
    pub write: Option<ItemPath>,
    pub read: Option<ItemPath>,
}

/// An error structure: its traits (`@error`, `@httpError`, `@retryable`), and how responses
/// select and read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorTraits {
    /// `true` for `@error("server")`.
    pub server: bool,
    /// `Some(throttling)` with `@retryable`.
    pub retryable: Option<bool>,
    /// The error code that selects this error: the shape name (namespace ignored, never renamed).
    pub code: String,
    /// The reader of its response (`<service>::protocol::de_x_response`).
    pub parser: ItemPath,
    /// A `Message`/`message` string member: what `Display` shows, and what takes the message
    /// the body had when the body spelled its key another way.
    pub message: Option<MessageField>,
}

/// The accessor and setter names of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    /// The field, its accessor and its plain setter (`r#type`).
    pub field: String,
    /// `set_x`.
    pub set: String,
    /// `get_x`.
    pub get: String,
}

/// How a member is held: the client optionality rules (`plan/optionality.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `Option<T>`.
    Optional,
    /// `T`, taking the model default when unset or absent.
    Defaulted(DefaultValue),
    /// `T`, `@required` without a default: builders fail when unset; responses fill the zero
    /// value of its type when absent (error correction).
    Required { zero: DefaultValue },
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct FieldPlan {
    pub member_id: ShapeId,
    /// The name on the wire and in the model.
    pub smithy_name: String,
    pub names: FieldNames,
    pub ty: RustType,
    pub presence: Presence,
    /// `Box<T>`: the member closes a cycle of structures and unions.
    pub boxed: bool,
    /// Redacted in `Debug`: the target (or a collection's element) is `@sensitive`.
    pub sensitive: bool,
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
    /// A simple type other than timestamps (`Scalar::Timestamp` does not exist).
    Scalar(Scalar),
    /// A timestamp, with its format in a JSON body (member trait, target trait, else epoch-seconds).
    Timestamp(TimestampFormat),
    /// A `@streaming` blob: the whole payload of an operation's input or output.
    ByteStream,
    /// A generated type.
    Named { path: ItemPath, kind: NamedKind },
    List { member: Box<RustType>, sparse: bool },
    Map { key: Box<RustType>, value: Box<RustType>, sparse: bool },
}

/// The simple types but timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Document,
}

impl Scalar {
    /// The scalar of a simple type; timestamps are not scalars.
    pub fn of(t: SimpleType) -> Option<Scalar> {
        Some(match t {
            SimpleType::Blob => Scalar::Blob,
            SimpleType::Boolean => Scalar::Boolean,
            SimpleType::String => Scalar::String,
            SimpleType::Byte => Scalar::Byte,
            SimpleType::Short => Scalar::Short,
            SimpleType::Integer => Scalar::Integer,
            SimpleType::Long => Scalar::Long,
            SimpleType::Float => Scalar::Float,
            SimpleType::Double => Scalar::Double,
            SimpleType::BigInteger => Scalar::BigInteger,
            SimpleType::BigDecimal => Scalar::BigDecimal,
            SimpleType::Document => Scalar::Document,
            SimpleType::Timestamp => return None,
        })
    }
}

/// What a named type is; structures and unions carry the functions that write and read them
/// in a body (the definition's [`Codec`] says which of the two exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamedKind {
    Struct(CodecFns),
    Union(CodecFns),
    Enum,
    IntEnum,
}

/// The writer and the reader of a structure or union in a body, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecFns {
    pub write: ItemPath,
    pub read: ItemPath,
}

/// An enum or intEnum.
#[derive(Debug, Clone)]
pub struct EnumPlan {
    pub shape_id: ShapeId,
    pub name: String,
    pub path: ItemPath,
    pub docs: Vec<String>,
    /// `true` for an intEnum.
    pub int: bool,
    pub variants: Vec<EnumVariant>,
}

/// A known value of an enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub smithy_name: String,
    pub name: String,
    /// The wire value: a string for enums, the decimal integer for intEnums.
    pub value: String,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
}

/// A tagged union.
#[derive(Debug, Clone)]
pub struct UnionPlan {
    pub shape_id: ShapeId,
    pub name: String,
    pub path: ItemPath,
    pub docs: Vec<String>,
    pub variants: Vec<UnionVariant>,
    /// Whether the union derives `Eq` (no float or document inside).
    pub eq: bool,
    pub codec: Codec,
}

/// A member of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub member_id: ShapeId,
    pub smithy_name: String,
    pub name: String,
    /// `as_x` / `is_x`.
    pub as_fn: String,
    pub is_fn: String,
    /// `None` for a member targeting `smithy.api#Unit`.
    pub ty: Option<RustType>,
    pub boxed: bool,
    pub sensitive: bool,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
    /// The key in the JSON object: `@jsonName` under restJson1, else the member name.
    pub wire_name: String,
}

/// A waiter (waiters.rst): `Client::wait_until_<name>()` and its builder, which calls the
/// operation until an acceptor reaches a terminal state.
#[derive(Debug, Clone)]
pub struct WaiterPlan {
    /// The waiter's name in the model (`TableExists`).
    pub name: String,
    /// The operation it calls (one of the service's planned operations).
    pub operation: ShapeId,
    /// The client method (`wait_until_table_exists`).
    pub method: String,
    /// The builder (`<service>::waiters::TableExistsWaiter`).
    pub builder: ItemPath,
    /// The waiter's documentation, then what its acceptors do.
    pub docs: Vec<String>,
    /// `minDelay` and `maxDelay`, in seconds.
    pub min_delay: u64,
    pub max_delay: u64,
    /// The waiter is `deprecated`: so is its client method.
    pub deprecated: bool,
    /// In the model's order: the first that matches decides.
    pub acceptors: Vec<AcceptorPlan>,
    /// Whether an acceptor that is not shadowed reads the input (`inputOutput`).
    pub reads_input: bool,
}

/// An acceptor: the state it moves the waiter to when its matcher matches.
#[derive(Debug, Clone)]
pub struct AcceptorPlan {
    pub state: WaiterState,
    pub matcher: WaiterMatcher,
    /// An earlier `success` matcher matches every result this one could, so it never decides:
    /// documented, but not emitted (its match arm would be unreachable, its function dead code).
    pub shadowed: bool,
}

/// `AcceptorState` (waiters.rst).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiterState {
    Success,
    Failure,
    Retry,
}

/// What an acceptor matches.
#[derive(Debug, Clone)]
pub enum WaiterMatcher {
    /// `success`: `true` matches any output, `false` any error.
    Success(bool),
    /// `errorType` naming a modeled error of the operation: its variant's `is_x` method.
    ErrorVariant { variant: String, is_fn: String },
    /// `errorType` naming no modeled error: the code of a service error (`meta().code()`).
    ErrorCode(String),
    /// `output` or `inputOutput`.
    Path(Box<PathMatcher>),
}

/// A JMESPath expression compiled against the operation's types, and how its value is
/// compared.
#[derive(Debug, Clone)]
pub struct PathMatcher {
    /// The expression as the model writes it.
    pub path: String,
    /// `inputOutput`: the expression reads `input` and `output`; else the output.
    pub input_output: bool,
    /// The private function that evaluates the matcher (`matches_1`).
    pub function: String,
    pub expr: Expr,
    pub comparator: PathComparator,
}

/// `PathComparator` (waiters.rst), with its expected value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathComparator {
    StringEquals(String),
    BooleanEquals(bool),
    AllStringEquals(String),
    AnyStringEquals(String),
}

/// A typed JMESPath expression: the JMESPath type of its value, and whether the value can
/// be null. Emitted as Rust that reads the generated structs' fields; a value that can be
/// null is an `Option`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: JmesType,
    pub nullable: bool,
}

/// The JMESPath type of a value (waiters.rst, "JMESPath data model"), as the generated code
/// holds it: numbers as `f64`, strings and enums as `&str`, structures and unions by
/// reference, arrays as `Vec`s of their elements, maps by reference.
#[derive(Debug, Clone, PartialEq)]
pub enum JmesType {
    /// Always null (the `null` literal).
    Null,
    Bool,
    Number,
    String,
    /// A structure, by its plan's path.
    Struct(ItemPath),
    /// A union, by its plan's path.
    Union(ItemPath),
    /// An array: its elements' type, and whether an element can be null (a sparse list).
    List(Box<JmesType>, bool),
    /// A map held by reference: its values as the model types them.
    Map { value: Box<RustType>, sparse: bool },
    /// `&&` or `||` of values of different types: only its truthiness is known, so it is
    /// usable only as a condition.
    Truth,
    /// The object `{input, output}` of an `inputOutput` matcher.
    InputOutput,
}

/// A node of a typed JMESPath expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// The output (`output` matchers), or `{input, output}` (`inputOutput`).
    Root,
    /// `input` and `output` of the `inputOutput` object.
    Input,
    Output,
    /// The element a projection is at, by the projection's depth (0 outermost).
    Element(usize),
    /// A structure member: the field, held as `Option` or plainly, boxed or not.
    Field { of: Box<Expr>, field: String, optional: bool, boxed: bool, ty: RustType },
    /// A union member: the variant (`None` value: another member is set).
    Variant { of: Box<Expr>, union: ItemPath, variant: String, boxed: bool, ty: RustType },
    /// A map's value by key.
    MapValue { of: Box<Expr>, key: String },
    /// `[i]`, negative from the end.
    Index { of: Box<Expr>, index: i64 },
    /// A projection: `each` evaluated on every element of `of` (a list) at `depth`, null
    /// results dropped.
    Project { of: Box<Expr>, depth: usize, each: Box<Expr> },
    /// `[]`: the elements of `of`, those that are lists spread.
    Flatten(Box<Expr>),
    /// A filter's test: `then` where `test` is truthy, else null.
    Condition { test: Box<Expr>, then: Box<Expr> },
    Compare { op: CompareOp, left: Box<Expr>, right: Box<Expr> },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Literal(Literal),
    /// `length(x)`: of a string (code points), an array or a map.
    Length(Box<Expr>),
    /// `contains(subject, search)`: of an array (an element equal to `search`) or a string
    /// (a substring).
    Contains(Box<Expr>, Box<Expr>),
}

/// JMESPath comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A literal (`'raw'` or a JSON literal).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// An array of literals of one type.
    List(Vec<Literal>),
}
