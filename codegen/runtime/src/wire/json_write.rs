//! Writing JSON bodies: a writer that places commas itself, so generated serializers only say
//! what to write. Values follow the protocols' JSON mapping (aws-json-1_0-protocol.rst "Shape
//! serialization", aws-restjson1-protocol.rst "JSON shape serialization").

// ship-if: big_numbers
use super::super::bignum::{BigDecimal, BigInteger};
// ship-end
// ship-if: blobs
use super::super::blob::base64_encode;
// ship-end
// ship-if: timestamps
use super::super::datetime::{DateTime, Format};
// ship-end
// ship-if: documents
use super::super::document::{Document, Number};
// ship-end
use super::super::json::write_escaped_str;
use super::SerializeError;

/// Builds one JSON text.
#[derive(Debug, Default)]
pub struct JsonWriter {
    out: String,
    /// A value was just completed at this level, so the next key or element needs a comma.
    needs_comma: bool,
}

impl JsonWriter {
    /// An empty writer, with room for a typical request body (no regrowth below 256 bytes).
    pub fn new() -> Self {
        JsonWriter { out: String::with_capacity(256), needs_comma: false }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn separate(&mut self) {
        if self.needs_comma {
            self.out.push(',');
        }
    }

    fn done(&mut self) {
        self.needs_comma = true;
    }

    /// `{`
    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.needs_comma = false;
    }

    /// `}`
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.done();
    }

    /// `[`
    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.needs_comma = false;
    }

    /// `]`
    pub fn end_array(&mut self) {
        self.out.push(']');
        self.done();
    }

    /// An object member name; its value comes next.
    pub fn key(&mut self, name: &str) {
        self.separate();
        write_escaped_str(&mut self.out, name);
        self.out.push(':');
        self.needs_comma = false;
    }

    /// A string.
    pub fn string(&mut self, value: &str) {
        self.separate();
        write_escaped_str(&mut self.out, value);
        self.done();
    }

    /// `true` / `false`.
    pub fn boolean(&mut self, value: bool) {
        self.separate();
        self.out.push_str(if value { "true" } else { "false" });
        self.done();
    }

    /// `null` (sparse collections only: structure members that are unset are left out).
    pub fn null(&mut self) {
        self.separate();
        self.out.push_str("null");
        self.done();
    }

    /// Any integer width.
    pub fn integer(&mut self, value: impl Into<i64>) {
        self.separate();
        self.out.push_str(&value.into().to_string());
        self.done();
    }

    /// A double: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"` as strings.
    pub fn double(&mut self, value: f64) {
        match special_float(value) {
            Some(text) => self.string(text),
            None => self.number_text(&value.to_string()),
        }
    }

    /// A float, printed with `f32` precision (`0.1`, not `0.10000000149011612`).
    pub fn float(&mut self, value: f32) {
        match special_float(f64::from(value)) {
            Some(text) => self.string(text),
            None => self.number_text(&value.to_string()),
        }
    }

    fn number_text(&mut self, text: &str) {
        self.separate();
        self.out.push_str(text);
        self.done();
    }

    // ship-if: big_numbers
    /// A bigInteger, exactly as held.
    pub fn big_integer(&mut self, value: &BigInteger) {
        self.number_text(value.as_str());
    }

    /// A bigDecimal, exactly as held.
    pub fn big_decimal(&mut self, value: &BigDecimal) {
        self.number_text(value.as_str());
    }
    // ship-end

    // ship-if: blobs
    /// A blob, as a base64 string.
    pub fn blob(&mut self, value: &[u8]) {
        self.string(&base64_encode(value));
    }
    // ship-end

    // ship-if: timestamps
    /// A timestamp in the given format: epoch seconds as a number, the others as strings.
    pub fn timestamp(&mut self, value: &DateTime, format: Format) -> Result<(), SerializeError> {
        let text = value.fmt(format).map_err(|e| SerializeError::new(e.to_string()))?;
        match format {
            Format::EpochSeconds => self.number_text(&text),
            _ => self.string(&text),
        }
        Ok(())
    }
    // ship-end

    // ship-if: documents
    /// A document, as the JSON value it holds.
    pub fn document(&mut self, value: &Document) {
        match value {
            Document::Null => self.null(),
            Document::Bool(b) => self.boolean(*b),
            Document::Number(Number::PosInt(n)) => self.number_text(&n.to_string()),
            Document::Number(Number::NegInt(n)) => self.number_text(&n.to_string()),
            Document::Number(Number::Float(f)) => self.double(*f),
            Document::String(s) => self.string(s),
            Document::Array(items) => {
                self.begin_array();
                for item in items {
                    self.document(item);
                }
                self.end_array();
            }
            Document::Object(map) => {
                self.begin_object();
                for (k, v) in map {
                    self.key(k);
                    self.document(v);
                }
                self.end_object();
            }
        }
    }
    // ship-end
}

/// The string form of a non-finite float, as every Smithy protocol writes it.
pub fn special_float(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("Infinity")
    } else if value == f64::NEG_INFINITY {
        Some("-Infinity")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_and_nesting() {
        let mut w = JsonWriter::new();
        w.begin_object();
        w.key("a");
        w.begin_array();
        w.integer(1);
        w.string("x\"y");
        w.begin_object();
        w.end_object();
        w.end_array();
        w.key("b");
        w.boolean(true);
        w.end_object();
        assert_eq!(w.finish(), r#"{"a":[1,"x\"y",{}],"b":true}"#);
    }

    #[test]
    fn numbers() {
        let mut w = JsonWriter::new();
        w.begin_array();
        w.double(f64::NAN);
        w.double(f64::INFINITY);
        w.double(f64::NEG_INFINITY);
        w.double(1.5);
        w.double(2.0);
        w.float(0.1);
        w.integer(-7i8);
        w.end_array();
        assert_eq!(w.finish(), r#"["NaN","Infinity","-Infinity",1.5,2,0.1,-7]"#);
    }

    #[test]
    fn timestamps_and_blobs() {
        let t = DateTime::from_millis(946_845_296_123);
        let mut w = JsonWriter::new();
        w.begin_array();
        w.timestamp(&t, Format::EpochSeconds).unwrap();
        w.timestamp(&DateTime::from_secs(946_845_296), Format::EpochSeconds).unwrap();
        w.timestamp(&t, Format::DateTime).unwrap();
        w.timestamp(&t, Format::HttpDate).unwrap();
        w.blob(b"binary-value");
        w.end_array();
        assert_eq!(
            w.finish(),
            r#"[946845296.123,946845296,"2000-01-02T20:34:56.123Z","Sun, 02 Jan 2000 20:34:56 GMT","YmluYXJ5LXZhbHVl"]"#
        );
    }

    #[test]
    fn timestamps_keep_nanoseconds() {
        // Only the digits needed, up to nine; http-date has no fraction and truncates.
        let mut w = JsonWriter::new();
        w.begin_array();
        for t in [DateTime::from_secs_and_nanos(1_576_540_098, 123_456_789), DateTime::from_millis(1_576_540_098_500)] {
            for format in [Format::EpochSeconds, Format::DateTime, Format::HttpDate] {
                w.timestamp(&t, format).unwrap();
            }
        }
        w.timestamp(&DateTime::from_secs_and_nanos(-2, 999_999_999), Format::EpochSeconds).unwrap();
        w.end_array();
        assert_eq!(
            w.finish(),
            concat!(
                r#"[1576540098.123456789,"2019-12-16T23:48:18.123456789Z","Mon, 16 Dec 2019 23:48:18 GMT","#,
                r#"1576540098.5,"2019-12-16T23:48:18.5Z","Mon, 16 Dec 2019 23:48:18 GMT","#,
                r#"-1.000000001]"#
            )
        );
    }
}
