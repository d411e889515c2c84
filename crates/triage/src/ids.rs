//! Stable string identifiers used at the API edge, as newtypes so they cannot be mixed up.

use serde::{Deserialize, Serialize};
use std::fmt;
use utoipa::ToSchema;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id read from the knowledge base or a request.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

string_id!(
    /// A finding (symptom, sign, exposure or reading) of the symptom vocabulary, e.g. `fever`.
    FindingId
);
string_id!(
    /// A condition of the knowledge base, e.g. `dengue`.
    ConditionId
);
string_id!(
    /// A red-flag rule, e.g. `stroke_befast`.
    RuleId
);
string_id!(
    /// An interview question: a finding id for yes/no questions, or a choice question id such as `duration`.
    QuestionId
);

/// Position of a finding in the knowledge base's vocabulary (internal, dense).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Fx(pub(crate) usize);

/// Position of a condition in the knowledge base (internal, dense).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Cx(pub(crate) usize);
