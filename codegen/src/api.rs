//! `generated/api.json`: a deterministic description of the generated public API, taken from
//! the plan, so `cargo xtask api-diff` can say what a model update changes for a Rust user.

use crate::plan::CratePlan;

/// The API surface of the crate as pretty JSON text.
pub fn api_json(plan: &CratePlan) -> String {
    let services: Vec<serde_json::Value> = plan
        .services
        .iter()
        .map(|s| serde_json::json!({ "module": s.module, "shape": s.shape_id.as_str() }))
        .collect();
    let mut text = serde_json::to_string_pretty(&serde_json::json!({ "crate": plan.name, "services": services }))
        .unwrap_or_default();
    text.push('\n');
    text
}
