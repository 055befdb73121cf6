//! Which members must be boxed: those that close a cycle of structures and unions without
//! passing through a list or map (which already put their elements on the heap).

use crate::model::{Model, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};

/// The direct structure/union edges of a closure, for cycle questions.
pub struct Cycles {
    edges: BTreeMap<ShapeId, BTreeSet<ShapeId>>,
}

impl Cycles {
    /// Collects the direct edges among the closure's structures and unions.
    pub fn new(model: &Model, closure: &BTreeSet<ShapeId>) -> Self {
        let is_aggregate = |id: &ShapeId| {
            model.get(id).is_some_and(|s| matches!(s.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)))
        };
        let mut edges: BTreeMap<ShapeId, BTreeSet<ShapeId>> = BTreeMap::new();
        for id in closure.iter().filter(|id| is_aggregate(id)) {
            let targets = model
                .get(id)
                .map(|s| s.kind.members().iter().map(|m| m.target.clone()).filter(is_aggregate).collect())
                .unwrap_or_default();
            edges.insert(id.clone(), targets);
        }
        Cycles { edges }
    }

    /// Whether the member edge `from → to` lies on a cycle (`to` reaches back to `from`).
    pub fn is_cyclic(&self, from: &ShapeId, to: &ShapeId) -> bool {
        if !self.edges.get(from).is_some_and(|t| t.contains(to)) {
            return false;
        }
        let mut seen = BTreeSet::new();
        let mut stack = vec![to];
        while let Some(node) = stack.pop() {
            if node == from {
                return true;
            }
            if seen.insert(node) {
                stack.extend(self.edges.get(node).into_iter().flatten());
            }
        }
        false
    }
}
