//! What the definitions say about a resource's top-level elements, for the REST views that
//! trim a resource (`_summary=true`, `_elements`).

use crate::resource_types::is_resource_type;
use crate::validate::tables::{Element, tables};

/// True when `element` (a JSON property name, `valueQuantity` for a choice) is defined on
/// `resource_type` and belongs to its `_summary=true` view (`isSummary` in the definition).
/// `modifierExtension` is not marked, but a summary must still keep it (it changes meaning).
pub fn is_summary_element(resource_type: &str, element: &str) -> bool {
    element_of(resource_type, element).is_some_and(|e| e.summary)
}

/// True when `element` (a JSON property name) is defined on `resource_type`.
pub fn is_element(resource_type: &str, element: &str) -> bool {
    element_of(resource_type, element).is_some()
}

fn element_of(resource_type: &str, element: &str) -> Option<&'static Element> {
    if !is_resource_type(resource_type) {
        return None;
    }
    let tables = tables();
    let node = &tables.nodes[tables.node(resource_type)?];
    let slot = node.by_json.get(element)?;
    Some(&node.elements[slot.element])
}
