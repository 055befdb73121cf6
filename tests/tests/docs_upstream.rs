//! Every `smithy.api#documentation` string of the upstream models (read from
//! `../shared/aws-models/`, shown as ignored where absent) converts without panicking into
//! markdown that rustdoc reads as intended: code fences balanced and marked `text`, no raw HTML
//! tags, no bare URLs, no unescaped brackets outside links, no markup at line starts, and every
//! word of the documentation kept.

use codegen::docs::html_to_markdown;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

const MODELS: &[&str] = &[
    "mpa.json",
    "athena.json",
    "emr.json",
    "lambda.json",
    "dynamodb.json",
    "seed-era/mpa.json",
    "seed-era/athena.json",
    "seed-era/emr.json",
];

const DOC: &str = "smithy.api#documentation";

fn models_dir() -> PathBuf {
    tests::shared_dir("aws-models").expect("../shared/aws-models")
}

/// `(where, documentation)` for every shape and member of a JSON AST model.
fn documentation(model: &Value) -> Vec<(String, String)> {
    let mut docs = Vec::new();
    let mut add = |id: String, node: &Value| {
        if let Some(doc) = node
            .pointer("/traits")
            .and_then(|t| t.get(DOC))
            .and_then(Value::as_str)
        {
            docs.push((id, doc.to_string()));
        }
    };
    let shapes = model
        .get("shapes")
        .and_then(Value::as_object)
        .expect("a `shapes` object");
    for (id, shape) in shapes {
        add(id.clone(), shape);
        if let Some(members) = shape.get("members").and_then(Value::as_object) {
            for (name, member) in members {
                add(format!("{id}${name}"), member);
            }
        }
        for name in ["member", "key", "value"] {
            if let Some(member) = shape.get(name) {
                add(format!("{id}${name}"), member);
            }
        }
    }
    docs
}

/// How many documentation traits the model holds anywhere, to prove the walk above misses none.
fn count_all(value: &Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(key, v)| {
                if key == DOC && v.is_string() {
                    1
                } else {
                    count_all(v)
                }
            })
            .sum(),
        Value::Array(items) => items.iter().map(count_all).sum(),
        _ => 0,
    }
}

#[test]
#[cfg_attr(not(shared), ignore = "needs ../shared/aws-models")]
fn upstream_documentation_converts_to_clean_markdown() {
    let dir = models_dir();
    let mut total = 0;
    let mut unique = BTreeSet::new();
    let mut failures = Vec::new();
    for name in MODELS {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let model: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let docs = documentation(&model);
        assert!(!docs.is_empty(), "{name}: no documentation found");
        assert_eq!(
            docs.len(),
            count_all(&model),
            "{name}: documentation outside shapes and members"
        );
        total += docs.len();
        for (id, html) in docs {
            if !unique.insert(html.clone()) {
                continue;
            }
            let markdown = html_to_markdown(&html);
            let verdict = if markdown != html_to_markdown(&html) {
                Err("not deterministic".to_string())
            } else {
                check_markdown(&markdown).and_then(|()| check_words_kept(&html, &markdown))
            };
            if let Err(problem) = verdict {
                failures.push(format!(
                    "{name} {id}: {problem}\n--- html\n{html}\n--- markdown\n{markdown}"
                ));
            }
        }
    }
    println!(
        "{total} documentation strings ({} distinct) converted",
        unique.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures; the first:\n\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n\n")
    );
}

/// The structural properties rustdoc needs; the scan mirrors how CommonMark tokenizes inline
/// content, closely enough for what the converter emits.
fn check_markdown(md: &str) -> Result<(), String> {
    if md.starts_with('\n') || md.ends_with('\n') {
        return Err("leading or trailing blank line".into());
    }
    let mut fence: Option<String> = None;
    let mut previous_blank = false;
    let mut prose = String::new();
    for (n, line) in md.split('\n').enumerate() {
        let at = |what: &str| format!("line {}: {what}: {line:?}", n + 1);
        if line.ends_with([' ', '\t']) || line.contains('\r') {
            return Err(at("trailing whitespace"));
        }
        let content = strip_list_markers(line.trim_start_matches(' '));
        if let Some(open) = &fence {
            if line.trim_start_matches(' ') == open {
                fence = None;
            }
            continue;
        }
        if content.starts_with("```") {
            let ticks = content.len() - content.trim_start_matches('`').len();
            if &content[ticks..] != "text" {
                return Err(at("code block not marked `text`"));
            }
            fence = Some(content[..ticks].to_string());
            prose.push('\n');
            continue;
        }
        let blank = line.is_empty();
        if blank && previous_blank {
            return Err(at("two blank lines"));
        }
        previous_blank = blank;
        let first_word = content.split(' ').next().unwrap_or("");
        let repeated = ['#', '-', '=', '+']
            .into_iter()
            .any(|c| first_word.starts_with(c) && first_word.chars().all(|x| x == c));
        if content.starts_with(['>', '|'])
            || content.starts_with("* ")
            || content.starts_with("+ ")
            || repeated
        {
            return Err(at("markup at the start of a line"));
        }
        prose.push_str(content);
        prose.push('\n');
    }
    if fence.is_some() {
        return Err("unclosed code block".into());
    }
    check_inline(&prose)
}

/// The content of a line after the list markers the converter emits (`- `, `12. `).
fn strip_list_markers(mut line: &str) -> &str {
    loop {
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let ordered = line[digits..].strip_prefix(". ").filter(|_| digits > 0);
        match line.strip_prefix("- ").or(ordered) {
            Some(rest) => line = rest,
            None => return line,
        }
    }
}

fn starts_with_url(s: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        s.get(..scheme.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(scheme))
    })
}

fn check_inline(prose: &str) -> Result<(), String> {
    let boundary = |k: usize| {
        (0..=k.min(prose.len()))
            .rev()
            .find(|&b| prose.is_char_boundary(b))
            .unwrap_or(0)
    };
    let near = |i: usize| {
        format!(
            "{:?}",
            &prose[boundary(i.saturating_sub(40))..boundary(i + 40)]
        )
    };
    let bytes = prose.as_bytes();
    let mut link_depth = 0;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &prose[i..];
        match bytes[i] {
            b'\\' => i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8),
            b'`' => {
                // A code span closes with a run of exactly as many backticks on the same line.
                let run = rest.len() - rest.trim_start_matches('`').len();
                let line_end = rest.find('\n').unwrap_or(rest.len());
                let mut j = run;
                let mut closed = None;
                while j < line_end {
                    let r =
                        rest[j..line_end].len() - rest[j..line_end].trim_start_matches('`').len();
                    if r == run {
                        closed = Some(j + r);
                        break;
                    }
                    j += r.max(1);
                }
                i += closed.ok_or_else(|| format!("unclosed code span near {}", near(i)))?;
            }
            b'<' if starts_with_url(&rest[1..]) => {
                let end = rest
                    .find('>')
                    .ok_or_else(|| format!("unclosed autolink near {}", near(i)))?;
                if rest[..end].contains(char::is_whitespace) {
                    return Err(format!("whitespace in autolink near {}", near(i)));
                }
                i += end + 1;
            }
            b'<' if rest[1..]
                .starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) =>
            {
                return Err(format!("raw HTML near {}", near(i)));
            }
            b'[' => {
                link_depth += 1;
                i += 1;
            }
            b']' => {
                if link_depth == 0 || !starts_with_url(rest.strip_prefix("](").unwrap_or("")) {
                    return Err(format!("bracket outside a link near {}", near(i)));
                }
                link_depth -= 1;
                let end = rest
                    .find(')')
                    .ok_or_else(|| format!("unclosed link target near {}", near(i)))?;
                if rest[2..end].contains(char::is_whitespace) || rest[2..end].contains('(') {
                    return Err(format!("bad link target near {}", near(i)));
                }
                i += end + 1;
            }
            b'|' | b'~' => {
                return Err(format!(
                    "unescaped table or strikethrough marker near {}",
                    near(i)
                ))
            }
            // A URL in link text is fine: it is part of a link already.
            _ if link_depth == 0 && starts_with_url(rest) => {
                return Err(format!("bare URL near {}", near(i)));
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if link_depth > 0 {
        return Err("unclosed link text".into());
    }
    Ok(())
}

/// Every word of the documentation's text is still in the markdown.
fn check_words_kept(html: &str, md: &str) -> Result<(), String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        text.push(' ');
        rest = &rest[i..];
        rest = match rest.find('>') {
            Some(end) => &rest[end + 1..],
            None => &rest[1..],
        };
    }
    text.push_str(rest);
    let words = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    };
    let kept = words(md);
    let lost: Vec<String> = words(&text).difference(&kept).cloned().collect();
    // Entity names (`amp` of `&amp;`) are not words of the text.
    let lost: Vec<&String> = lost
        .iter()
        .filter(|w| !["lt", "gt", "amp", "quot", "apos", "nbsp"].contains(&w.as_str()))
        .collect();
    if lost.is_empty() {
        Ok(())
    } else {
        Err(format!("words lost: {lost:?}"))
    }
}

/// The checks above reject what rustdoc would warn about or misread.
#[test]
fn the_checks_catch_broken_markdown() {
    let good = [
        "Text with `code`, [a link](https://e.com/a_%28b%29) and <https://e.com>.",
        "- item\n  - nested\n\n  ```text\n  <raw> [x] https://e.com\n  ```",
        r"Escaped \[x\] \<b> \| \~ and 1\. or \# or \- here.",
        "[see https://e.com/x in text](https://e.com/y)",
    ];
    for md in good {
        assert_eq!(check_markdown(md), Ok(()), "{md}");
    }
    let bad = [
        "[Foo] is an intra-doc link",
        "a bare https://e.com/x URL",
        "raw <b>tag</b>",
        "a | table",
        "unclosed `code",
        "```\nno info string\n```",
        "```text\nnever closed",
        "# heading",
        "> quote",
        "---",
        "text \n",
        "a\n\n\nb",
        "[text](relative/path)",
    ];
    for md in bad {
        assert!(check_markdown(md).is_err(), "accepted {md:?}");
    }
    assert!(check_words_kept("<p>alpha beta</p>", "alpha").is_err());
    assert!(check_words_kept("<p>alpha &amp; beta</p>", "alpha & beta").is_ok());
}
