//! Placeholder converter (replaced by the full HTML → rustdoc converter).

/// Converts model documentation HTML to rustdoc markdown.
pub fn html_to_markdown(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace(['[', ']'], "")
}
