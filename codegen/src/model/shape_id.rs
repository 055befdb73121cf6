//! Absolute shape ids: `namespace#Name` and member ids `namespace#Name$member`.

use std::fmt;

/// An absolute Smithy shape id. The JSON AST only ever holds absolute ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Parses and validates an absolute shape id (member ids are accepted too).
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let (namespace, rest) = text
            .split_once('#')
            .ok_or_else(|| format!("`{text}` is not an absolute shape id (no `#`)"))?;
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        let valid = namespace.split('.').all(is_identifier)
            && is_identifier(name)
            && member.is_none_or(is_identifier);
        if valid {
            Ok(ShapeId(text.to_string()))
        } else {
            Err(format!("`{text}` is not a valid shape id"))
        }
    }

    /// The id of a member of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId(format!("{}${member}", self.root_str()))
    }

    /// The whole id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `com.amazonaws.athena` of `com.amazonaws.athena#GetSession`.
    pub fn namespace(&self) -> &str {
        self.0.split_once('#').map_or("", |(ns, _)| ns)
    }

    /// `GetSession` of `com.amazonaws.athena#GetSession$SessionId`.
    pub fn name(&self) -> &str {
        let rest = self.0.split_once('#').map_or(self.0.as_str(), |(_, r)| r);
        rest.split_once('$').map_or(rest, |(name, _)| name)
    }

    /// `SessionId` of `com.amazonaws.athena#GetSession$SessionId`.
    pub fn member(&self) -> Option<&str> {
        self.0.split_once('$').map(|(_, m)| m)
    }

    /// The id without its member part.
    pub fn root(&self) -> ShapeId {
        ShapeId(self.root_str().to_string())
    }

    fn root_str(&self) -> &str {
        self.0.split_once('$').map_or(self.0.as_str(), |(root, _)| root)
    }
}

/// `Identifier = (1*"_" (ALPHA/DIGIT) / ALPHA) *(ALPHA/DIGIT/"_")`.
fn is_identifier(s: &str) -> bool {
    let trimmed = s.trim_start_matches('_');
    let Some(first) = trimmed.chars().next() else { return false };
    let first_ok = if trimmed.len() == s.len() {
        first.is_ascii_alphabetic()
    } else {
        first.is_ascii_alphanumeric()
    };
    first_ok && trimmed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let id = ShapeId::parse("com.amazonaws.mpa#GetSessionResponse$Metadata").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.mpa");
        assert_eq!(id.name(), "GetSessionResponse");
        assert_eq!(id.member(), Some("Metadata"));
        assert_eq!(id.root().as_str(), "com.amazonaws.mpa#GetSessionResponse");
        assert_eq!(id.root().with_member("X").as_str(), "com.amazonaws.mpa#GetSessionResponse$X");
    }

    #[test]
    fn validation() {
        for ok in ["a#B", "a.b_c#_1x", "smithy.api#String", "x#Y$member"] {
            assert!(ShapeId::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["String", "a#", "#B", "a..b#C", "a#1B", "a#B$", "a#B$c$d", "a#_", "a b#C"] {
            assert!(ShapeId::parse(bad).is_err(), "{bad}");
        }
    }
}
