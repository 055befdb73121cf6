//! What changed between two `api.json` files (see [`crate::api`]), classified for a Rust user of
//! the generated crate, and the semver bump that follows.
//!
//! The classification rests on how the crate is generated: structs, enums and unions are
//! `#[non_exhaustive]` and built through builders, fields are private behind accessors, builders
//! of operation inputs never fail, other builders' `build()` returns a `Result` exactly when some
//! non-optional member lacks a default, and operation error enums are non-exhaustive. So adding
//! things is additive, except a member that makes builders fail; removing or changing is breaking.
//!
//! Old files are read leniently (a missing list is empty), so an api.json written by an older
//! generator still compares.

use serde_json::Value;
use std::fmt::Write as _;

/// How a change affects code that uses the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// No effect on the Rust API (for example the service's API version string).
    Note,
    /// Existing code keeps compiling and behaving the same.
    Additive,
    /// Existing code may stop compiling or behave differently.
    Breaking,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Note => "note",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}

/// Where in a service a change is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The service module itself.
    Service,
    /// An operation, by module name (`get_session`); its input, output and error list.
    Operation(String),
    /// A type of `<service>::types`, by Rust name.
    Type(String),
    /// An error struct of `<service>::types::error`, by Rust name.
    Error(String),
}

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    ServiceAdded,
    ServiceRemoved,
    /// The service shape id or API version changed.
    ServiceChanged,
    OperationAdded,
    OperationRemoved,
    MemberAdded,
    MemberRemoved,
    /// Same Smithy member, new Rust name.
    MemberRenamed,
    /// The field's type changed, optionality unchanged.
    MemberTypeChanged,
    /// `T` ↔ `Option<T>` (the inner type may have changed too).
    MemberOptionalityChanged,
    MemberDefaultChanged,
    /// `build()` started or stopped returning a `Result`, or the builder moved.
    BuilderChanged,
    EnumValueAdded,
    EnumValueRemoved,
    /// Same wire value, new variant name.
    EnumValueRenamed,
    UnionMemberAdded,
    UnionMemberRemoved,
    UnionMemberChanged,
    TypeAdded,
    TypeRemoved,
    /// struct, enum, intEnum and union turned into one another.
    TypeKindChanged,
    /// An error added to an operation's list.
    ErrorAdded,
    /// An error removed from an operation's list.
    ErrorRemoved,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The service module (`athena`).
    pub service: String,
    pub scope: Scope,
    pub kind: ChangeKind,
    /// What changed: `Struct.member` for members, the wire value for enum values, `Union.Variant`
    /// for union members, the Rust name for types, errors and operations.
    pub subject: String,
    pub impact: Impact,
    /// One line for people, naming the subject.
    pub detail: String,
}

/// Every change between two api.json files, in the new file's order (removals after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The crate versions the two files record.
    pub old_version: String,
    pub new_version: String,
    pub changes: Vec<Change>,
}

/// The semver part to bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bump {
    Major,
    Minor,
    Patch,
}

/// The bump rule, printed with every suggestion.
pub const SEMVER_RULE: &str = "Rule: breaking → major, additive → minor, no API change → patch; \
while the major version is 0 (Cargo's 0.x convention) each moves one place right: \
breaking → minor, additive → patch, and at 0.0.z every release bumps z.";

impl Report {
    /// The largest impact of any change (`Note` when nothing changed).
    pub fn impact(&self) -> Impact {
        self.changes.iter().map(|c| c.impact).max().unwrap_or(Impact::Note)
    }

    /// How many changes have this impact.
    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// The suggested next version after `old_version`, or `None` if it is not `X.Y.Z`.
    pub fn suggested_version(&self) -> Option<(Bump, String)> {
        suggest(&self.old_version, self.impact())
    }

    /// The report as markdown text (read on a terminal and pasted into the changelog).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let (b, a, n) = (self.count(Impact::Breaking), self.count(Impact::Additive), self.count(Impact::Note));
        let versions = format!("crate version {} → {}", shown(&self.old_version), shown(&self.new_version));
        if self.changes.is_empty() {
            let _ = writeln!(out, "No API change ({versions}).");
        } else {
            let notes = if n > 0 { format!(", {n} without effect on the Rust API") } else { String::new() };
            let _ = writeln!(out, "API changes ({versions}): {b} breaking, {a} additive{notes}.");
        }
        let mut last: Option<(&str, &Scope)> = None;
        for c in &self.changes {
            if last.map(|(s, _)| s) != Some(c.service.as_str()) {
                let _ = write!(out, "\n### {}\n\n", c.service);
                last = None;
            }
            let line = format!("{}: {}", c.impact.as_str(), c.detail);
            // Whole items added or removed need no group of their own.
            let whole = matches!(
                c.kind,
                ChangeKind::OperationAdded | ChangeKind::OperationRemoved | ChangeKind::TypeAdded | ChangeKind::TypeRemoved
            );
            if c.scope == Scope::Service || whole {
                let _ = writeln!(out, "- {line}");
            } else {
                if last.map(|(_, s)| s) != Some(&c.scope) {
                    let _ = writeln!(out, "- {}", scope_text(&c.scope));
                }
                let _ = writeln!(out, "  - {line}");
            }
            last = Some((&c.service, &c.scope));
        }
        out.push('\n');
        if self.changes.iter().any(|c| c.kind == ChangeKind::MemberOptionalityChanged && c.impact == Impact::Breaking) {
            out.push_str(
                "A member that turned optional is often one the model gave a default with `@addedDefault`: \
                 the generator keeps such members `Option` (see the README, Optionality), so a required \
                 member that gains an added default changes from `T` to `Option<T>`, which is breaking.\n\n",
            );
        }
        out.push_str(&self.version_advice());
        out.push_str(SEMVER_RULE);
        out.push('\n');
        out
    }

    /// The suggested version, and how the new file's version compares with it.
    fn version_advice(&self) -> String {
        let Some((bump, next)) = self.suggested_version() else {
            let release = match self.impact() {
                Impact::Breaking => "a breaking release",
                Impact::Additive => "an additive release",
                Impact::Note => "no API change",
            };
            let old = shown(&self.old_version);
            return format!("Suggested: {release} (no number: the old crate version `{old}` is not X.Y.Z).\n");
        };
        let why = match self.impact() {
            Impact::Breaking => "breaking changes",
            Impact::Additive => "additive changes only",
            Impact::Note => "no API change; a patch release if you publish at all",
        };
        let bump = format!("{bump:?}").to_lowercase();
        let mut out = format!("Suggested version: {next} ({bump} bump from {}: {why}).\n", self.old_version);
        if self.new_version != self.old_version {
            let lower = matches!((parse_version(&self.new_version), parse_version(&next)), (Some(a), Some(b)) if a < b);
            if lower {
                let _ = writeln!(out, "Warning: the new crate version {} is lower than that.", shown(&self.new_version));
            } else {
                let _ = writeln!(out, "The new crate version is already {}.", self.new_version);
            }
        }
        out
    }
}

/// A version as shown: an api.json of an older generator may record none.
fn shown(version: &str) -> &str {
    if version.is_empty() {
        "unknown"
    } else {
        version
    }
}

fn scope_text(scope: &Scope) -> String {
    match scope {
        Scope::Service => "service".to_string(),
        Scope::Operation(m) => format!("operation `{m}`"),
        Scope::Type(n) => format!("type `{n}`"),
        Scope::Error(n) => format!("error `{n}`"),
    }
}

/// `X.Y.Z` (a pre-release or build suffix is ignored).
fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let core = v.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

/// The next version after `version` for a release with this impact, by [`SEMVER_RULE`].
pub fn suggest(version: &str, impact: Impact) -> Option<(Bump, String)> {
    let (major, minor, patch) = parse_version(version)?;
    let bump = match (major, minor, impact) {
        (0, 0, _) | (_, _, Impact::Note) => Bump::Patch,
        (0, _, Impact::Breaking) => Bump::Minor,
        (0, _, Impact::Additive) => Bump::Patch,
        (_, _, Impact::Breaking) => Bump::Major,
        (_, _, Impact::Additive) => Bump::Minor,
    };
    let next = match bump {
        Bump::Major => format!("{}.0.0", major + 1),
        Bump::Minor => format!("{major}.{}.0", minor + 1),
        Bump::Patch => format!("{major}.{minor}.{}", patch + 1),
    };
    Some((bump, next))
}

/// Parses api.json text (for callers without their own serde_json).
pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))
}

/// Compares two parsed api.json documents.
pub fn diff(old: &Value, new: &Value) -> Result<Report, String> {
    for (which, v) in [("old", old), ("new", new)] {
        if !v.get("services").is_some_and(Value::is_array) {
            return Err(format!("the {which} file is not an api.json (no `services` list)"));
        }
    }
    let mut d = Differ { changes: Vec::new(), service: String::new() };
    for pair in pairs(list(old, "services"), list(new, "services"), "module") {
        match pair {
            Pair::Added(s) => {
                d.service = text(s, "module").to_string();
                let name = d.service.clone();
                let detail = format!("service module `{name}` (and its cargo feature) added");
                d.push(Scope::Service, ChangeKind::ServiceAdded, &name, Impact::Additive, detail);
            }
            Pair::Removed(s) => {
                d.service = text(s, "module").to_string();
                let name = d.service.clone();
                let detail = format!("service module `{name}` (and its cargo feature) removed");
                d.push(Scope::Service, ChangeKind::ServiceRemoved, &name, Impact::Breaking, detail);
            }
            Pair::Both(o, n) => {
                d.service = text(n, "module").to_string();
                d.service_pair(o, n);
            }
        }
    }
    Ok(Report {
        old_version: text(old, "version").to_string(),
        new_version: text(new, "version").to_string(),
        changes: d.changes,
    })
}

struct Differ {
    changes: Vec<Change>,
    /// The module of the service being compared.
    service: String,
}

impl Differ {
    fn push(&mut self, scope: Scope, kind: ChangeKind, subject: &str, impact: Impact, detail: String) {
        let service = self.service.clone();
        self.changes.push(Change { service, scope, kind, subject: subject.to_string(), impact, detail });
    }

    fn service_pair(&mut self, o: &Value, n: &Value) {
        for key in ["shape", "version"] {
            let (a, b) = (text(o, key), text(n, key));
            // An older generator's file may lack the key: nothing to compare.
            if o.get(key).is_some() && a != b {
                let what = if key == "shape" { "service shape id" } else { "API version" };
                let detail = format!("{what} `{a}` → `{b}` (documentation only)");
                self.push(Scope::Service, ChangeKind::ServiceChanged, key, Impact::Note, detail);
            }
        }
        for pair in pairs(list(o, "operations"), list(n, "operations"), "module") {
            match pair {
                Pair::Added(op) => {
                    let m = text(op, "module");
                    let detail = format!("operation `{m}` added");
                    self.push(Scope::Operation(m.into()), ChangeKind::OperationAdded, m, Impact::Additive, detail);
                }
                Pair::Removed(op) => {
                    let m = text(op, "module");
                    let detail = format!("operation `{m}` removed");
                    self.push(Scope::Operation(m.into()), ChangeKind::OperationRemoved, m, Impact::Breaking, detail);
                }
                Pair::Both(a, b) => self.operation(a, b),
            }
        }
        for pair in pairs(list(o, "types"), list(n, "types"), "name") {
            match pair {
                Pair::Added(t) => self.type_added_or_removed(Scope::Type(text(t, "name").into()), t, true),
                Pair::Removed(t) => self.type_added_or_removed(Scope::Type(text(t, "name").into()), t, false),
                Pair::Both(a, b) => self.type_pair(a, b),
            }
        }
        for pair in pairs(list(o, "errors"), list(n, "errors"), "name") {
            match pair {
                Pair::Added(t) => self.type_added_or_removed(Scope::Error(text(t, "name").into()), t, true),
                Pair::Removed(t) => self.type_added_or_removed(Scope::Error(text(t, "name").into()), t, false),
                Pair::Both(a, b) => self.structure(&Scope::Error(text(b, "name").into()), a, b),
            }
        }
    }

    fn operation(&mut self, o: &Value, n: &Value) {
        let scope = Scope::Operation(text(n, "module").into());
        for part in ["input", "output"] {
            if let (Some(a), Some(b)) = (o.get(part), n.get(part)) {
                self.structure(&scope, a, b);
            }
        }
        let names = |v: &Value| -> Vec<String> {
            list(v, "errors").iter().filter_map(|e| e.as_str().map(String::from)).collect()
        };
        let (old, new) = (names(o), names(n));
        for e in new.iter().filter(|e| !old.contains(e)) {
            let detail = format!("error `{e}` added (the operation's error enum is non-exhaustive)");
            self.push(scope.clone(), ChangeKind::ErrorAdded, e, Impact::Additive, detail);
        }
        for e in old.iter().filter(|e| !new.contains(e)) {
            let detail = format!("error `{e}` removed");
            self.push(scope.clone(), ChangeKind::ErrorRemoved, e, Impact::Breaking, detail);
        }
    }

    fn type_added_or_removed(&mut self, scope: Scope, t: &Value, added: bool) {
        let (name, kind) = (text(t, "name"), text(t, "kind"));
        let (change, impact, verb) = if added {
            (ChangeKind::TypeAdded, Impact::Additive, "added")
        } else {
            (ChangeKind::TypeRemoved, Impact::Breaking, "removed")
        };
        let what = if matches!(scope, Scope::Error(_)) { "error struct" } else { kind };
        let detail = format!("{what} `{name}` {verb}");
        self.push(scope, change, name, impact, detail);
    }

    fn type_pair(&mut self, o: &Value, n: &Value) {
        let name = text(n, "name");
        let scope = Scope::Type(name.into());
        let (ka, kb) = (text(o, "kind"), text(n, "kind"));
        if ka != kb {
            let detail = format!("`{name}` changed from {ka} to {kb}");
            self.push(scope, ChangeKind::TypeKindChanged, name, Impact::Breaking, detail);
            return;
        }
        match kb {
            "struct" => self.structure(&scope, o, n),
            "enum" | "intEnum" => self.enumeration(&scope, o, n),
            "union" => self.union(&scope, o, n),
            _ => {}
        }
    }

    /// Members and builder of a struct (an operation's input or output, a type, an error).
    fn structure(&mut self, scope: &Scope, o: &Value, n: &Value) {
        let name = text(n, "name");
        // (Files from before builders had their own modules have no `builder`.)
        if let (Some(a), Some(b)) = (o.get("builder").and_then(Value::as_str), n.get("builder").and_then(Value::as_str)) {
            if a != b {
                let detail = format!("the builder of `{name}` moved from `{a}` to `{b}`");
                self.push(scope.clone(), ChangeKind::BuilderChanged, name, Impact::Breaking, detail);
            }
        }
        let (fa, fb) = (flag(o, "build_returns_result"), flag(n, "build_returns_result"));
        if fa != fb {
            let detail = if fb {
                format!("`{name}Builder::build()` now returns a `Result` (a member without a default became required)")
            } else {
                format!("`{name}Builder::build()` no longer returns a `Result` (code handling it stops compiling)")
            };
            self.push(scope.clone(), ChangeKind::BuilderChanged, name, Impact::Breaking, detail);
        }
        for pair in pairs(list(o, "members"), list(n, "members"), "smithy_name") {
            match pair {
                Pair::Added(m) => {
                    let subject = format!("{name}.{}", text(m, "name"));
                    let ty = text(m, "type");
                    let (impact, how) = match (flag(m, "optional"), m.get("default")) {
                        (true, _) => (Impact::Additive, String::new()),
                        (false, Some(d)) => (Impact::Additive, format!(", default {d}")),
                        (false, None) => (
                            Impact::Breaking,
                            ", required without a default: building it fails unless it is set".to_string(),
                        ),
                    };
                    let detail = format!("member `{subject}` added: `{ty}`{how}");
                    self.push(scope.clone(), ChangeKind::MemberAdded, &subject, impact, detail);
                }
                Pair::Removed(m) => {
                    let subject = format!("{name}.{}", text(m, "name"));
                    let detail = format!("member `{subject}` removed");
                    self.push(scope.clone(), ChangeKind::MemberRemoved, &subject, Impact::Breaking, detail);
                }
                Pair::Both(a, b) => self.member(scope, name, a, b),
            }
        }
    }

    fn member(&mut self, scope: &Scope, owner: &str, o: &Value, n: &Value) {
        let subject = format!("{owner}.{}", text(n, "name"));
        let smithy = text(n, "smithy_name");
        if text(o, "name") != text(n, "name") {
            let detail = format!("member `{owner}.{}` ({smithy}) renamed to `{subject}`", text(o, "name"));
            self.push(scope.clone(), ChangeKind::MemberRenamed, &subject, Impact::Breaking, detail);
        }
        let (ta, tb) = (text(o, "type"), text(n, "type"));
        let (oa, ob) = (flag(o, "optional"), flag(n, "optional"));
        if oa != ob {
            let what = if ob {
                "became optional; its accessor now returns an `Option`"
            } else {
                "became required; its accessor no longer returns an `Option`"
            };
            let detail = format!("member `{subject}` ({smithy}) `{ta}` → `{tb}`: {what}");
            self.push(scope.clone(), ChangeKind::MemberOptionalityChanged, &subject, Impact::Breaking, detail);
        } else if ta != tb {
            let detail = format!("member `{subject}` ({smithy}) changed type: `{ta}` → `{tb}`");
            self.push(scope.clone(), ChangeKind::MemberTypeChanged, &subject, Impact::Breaking, detail);
        } else {
            let (da, db) = (o.get("default"), n.get("default"));
            let change = match (da, db) {
                (None, Some(d)) => Some((Impact::Additive, format!("gained the default {d}: builders no longer need it set"))),
                (Some(d), None) => Some((Impact::Breaking, format!("lost its default {d}: builders fail unless it is set"))),
                (Some(a), Some(b)) if a != b => {
                    Some((Impact::Breaking, format!("default changed {a} → {b}: builders left unset now get the new value")))
                }
                _ => None,
            };
            if let Some((impact, what)) = change {
                let detail = format!("member `{subject}` ({smithy}) {what}");
                self.push(scope.clone(), ChangeKind::MemberDefaultChanged, &subject, impact, detail);
            }
        }
    }

    fn enumeration(&mut self, scope: &Scope, o: &Value, n: &Value) {
        let name = text(n, "name");
        for pair in pairs(list(o, "values"), list(n, "values"), "value") {
            match pair {
                Pair::Added(v) => {
                    let (value, variant) = (text(v, "value"), text(v, "name"));
                    let detail = format!("value `{value}` (`{name}::{variant}`) added");
                    self.push(scope.clone(), ChangeKind::EnumValueAdded, value, Impact::Additive, detail);
                }
                Pair::Removed(v) => {
                    let (value, variant) = (text(v, "value"), text(v, "name"));
                    let detail = format!("value `{value}` (`{name}::{variant}`) removed");
                    self.push(scope.clone(), ChangeKind::EnumValueRemoved, value, Impact::Breaking, detail);
                }
                Pair::Both(a, b) if text(a, "name") != text(b, "name") => {
                    let value = text(b, "value");
                    let detail =
                        format!("value `{value}` renamed `{name}::{}` → `{name}::{}`", text(a, "name"), text(b, "name"));
                    self.push(scope.clone(), ChangeKind::EnumValueRenamed, value, Impact::Breaking, detail);
                }
                Pair::Both(..) => {}
            }
        }
    }

    fn union(&mut self, scope: &Scope, o: &Value, n: &Value) {
        let name = text(n, "name");
        // A unit member has no type (`null`), shown as `()`.
        let ty = |m: &Value| m.get("type").and_then(Value::as_str).unwrap_or("()").to_string();
        for pair in pairs(list(o, "members"), list(n, "members"), "smithy_name") {
            match pair {
                Pair::Added(m) => {
                    let subject = format!("{name}::{}", text(m, "name"));
                    let detail = format!("union member `{subject}` added: `{}`", ty(m));
                    self.push(scope.clone(), ChangeKind::UnionMemberAdded, &subject, Impact::Additive, detail);
                }
                Pair::Removed(m) => {
                    let subject = format!("{name}::{}", text(m, "name"));
                    let detail = format!("union member `{subject}` removed");
                    self.push(scope.clone(), ChangeKind::UnionMemberRemoved, &subject, Impact::Breaking, detail);
                }
                Pair::Both(a, b) if text(a, "name") != text(b, "name") || ty(a) != ty(b) => {
                    let subject = format!("{name}::{}", text(b, "name"));
                    let detail =
                        format!("union member `{name}::{}({})` → `{subject}({})`", text(a, "name"), ty(a), ty(b));
                    self.push(scope.clone(), ChangeKind::UnionMemberChanged, &subject, Impact::Breaking, detail);
                }
                Pair::Both(..) => {}
            }
        }
    }
}

/// An item of the new list matched (or not) with the old list.
enum Pair<'a> {
    Added(&'a Value),
    Removed(&'a Value),
    Both(&'a Value, &'a Value),
}

/// Matches two lists by a key: the new list's order, then what the old list alone holds.
fn pairs<'a>(old: &'a [Value], new: &'a [Value], key: &str) -> Vec<Pair<'a>> {
    let find = |items: &'a [Value], k: &str| items.iter().find(|v| text(v, key) == k);
    let mut out: Vec<Pair<'a>> = new
        .iter()
        .map(|n| match find(old, text(n, key)) {
            Some(o) => Pair::Both(o, n),
            None => Pair::Added(n),
        })
        .collect();
    out.extend(old.iter().filter(|o| find(new, text(o, key)).is_none()).map(Pair::Removed));
    out
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or_default()
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Today's date in UTC as `YYYY-MM-DD`, for changelog entries.
pub fn today() -> String {
    let now = runtime::datetime::DateTime::from(std::time::SystemTime::now());
    let text = now.fmt(runtime::datetime::Format::DateTime).unwrap_or_default();
    text.get(..10).unwrap_or_default().to_string()
}

/// `changelog` (the current text, empty if there is none) with an entry for the report added
/// first, after its title line.
pub fn prepend_changelog(changelog: &str, report: &Report, date: &str) -> String {
    let entry = format!("## {} — {date}\n\n{}", report.new_version, report.render());
    let (title, rest) = match changelog.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => (first, rest.trim_start_matches('\n')),
        _ if changelog.starts_with("# ") => (changelog, ""),
        _ => ("# Changelog", changelog),
    };
    let mut out = format!("{title}\n\n{entry}");
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn semver_follows_cargo() {
        let s = |v, i| suggest(v, i).map(|(_, next)| next);
        assert_eq!(s("1.4.2", Impact::Breaking).as_deref(), Some("2.0.0"));
        assert_eq!(s("1.4.2", Impact::Additive).as_deref(), Some("1.5.0"));
        assert_eq!(s("1.4.2", Impact::Note).as_deref(), Some("1.4.3"));
        assert_eq!(s("0.1.0", Impact::Breaking).as_deref(), Some("0.2.0"));
        assert_eq!(s("0.1.0", Impact::Additive).as_deref(), Some("0.1.1"));
        assert_eq!(s("0.0.3", Impact::Additive).as_deref(), Some("0.0.4"));
        assert_eq!(s("0.0.3", Impact::Breaking).as_deref(), Some("0.0.4"));
        assert_eq!(s("1.0.0-beta.1", Impact::Breaking).as_deref(), Some("2.0.0"));
        assert_eq!(s("1.0", Impact::Breaking), None);
    }

    #[test]
    fn identical_files_have_no_change() {
        let api = json!({ "crate": "c", "version": "0.1.0", "services": [{ "module": "m", "operations": [] }] });
        let report = diff(&api, &api).unwrap();
        assert!(report.changes.is_empty());
        assert!(report.render().starts_with("No API change"));
        assert!(report.render().contains("Suggested version: 0.1.1"));
        assert!(diff(&json!({}), &api).is_err());
    }

    #[test]
    fn a_default_removed_is_breaking_and_added_is_not() {
        let with = |d: Option<i64>| {
            let mut m = json!({ "name": "n", "smithy_name": "N", "type": "i32", "optional": false });
            if let Some(d) = d {
                m["default"] = json!(d);
            }
            json!({ "version": "1.0.0", "services": [{ "module": "m", "types": [
                { "kind": "struct", "name": "S", "build_returns_result": d.is_none(), "members": [m] }
            ] }] })
        };
        let report = diff(&with(Some(1)), &with(None)).unwrap();
        let kinds: Vec<_> = report.changes.iter().map(|c| (c.kind, c.impact)).collect();
        assert_eq!(
            kinds,
            [(ChangeKind::BuilderChanged, Impact::Breaking), (ChangeKind::MemberDefaultChanged, Impact::Breaking)]
        );
        let report = diff(&with(None), &with(Some(1))).unwrap();
        assert_eq!(report.changes[1].impact, Impact::Additive);
        let report = diff(&with(Some(1)), &with(Some(2))).unwrap();
        assert_eq!(report.changes[0].impact, Impact::Breaking);
        assert_eq!(report.suggested_version().unwrap().1, "2.0.0");
    }

    #[test]
    fn a_moved_builder_is_breaking_and_a_file_without_builders_compares() {
        let with = |builder: Option<&str>| {
            let mut s = json!({ "kind": "struct", "name": "S", "build_returns_result": false, "members": [] });
            if let Some(b) = builder {
                s["builder"] = json!(b);
            }
            json!({ "version": "0.1.0", "services": [{ "module": "m", "types": [s] }] })
        };
        let report = diff(&with(Some("crate::m::types::SBuilder")), &with(Some("crate::m::types::builders::SBuilder"))).unwrap();
        let change = &report.changes[0];
        assert_eq!((change.kind, change.impact), (ChangeKind::BuilderChanged, Impact::Breaking));
        assert!(change.detail.contains("moved from `crate::m::types::SBuilder` to `crate::m::types::builders::SBuilder`"), "{}", change.detail);
        assert!(diff(&with(None), &with(Some("crate::m::types::builders::SBuilder"))).unwrap().changes.is_empty());
    }

    #[test]
    fn changelog_entries_go_first_after_the_title() {
        let api = json!({ "version": "0.1.0", "services": [] });
        let report = diff(&api, &api).unwrap();
        let first = prepend_changelog("", &report, "2026-01-02");
        assert!(first.starts_with("# Changelog\n\n## 0.1.0 — 2026-01-02\n\nNo API change"), "{first}");
        let second = prepend_changelog(&first, &report, "2026-01-03");
        assert!(second.starts_with("# Changelog\n\n## 0.1.0 — 2026-01-03\n"), "{second}");
        assert_eq!(second.matches("# Changelog").count(), 1);
        assert!(second.find("2026-01-03").unwrap() < second.find("2026-01-02").unwrap());
        let date = today();
        assert!(date.len() == 10 && date.starts_with("20") && date.as_bytes()[4] == b'-', "{date}");
    }
}
