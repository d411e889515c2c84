//! One answer to one form item, in the shape the app and the rules exchange
//! (`{"code": "yes"}`, `{"integer": 3}`, …), and the map from linkId to an item's answers.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An answer value. A chosen option is its `code`; a date is a full `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Code(String),
    Integer(i64),
    Decimal(f64),
    #[serde(with = "crate::dates::strict")]
    Date(Date),
    String(String),
    Boolean(bool),
}

/// linkId → that item's answers (several for a repeating item).
pub type Answers = BTreeMap<String, Vec<Answer>>;

impl Answer {
    /// Integers and decimals as one number, for comparisons.
    pub fn number(&self) -> Option<f64> {
        match self {
            Answer::Integer(n) => Some(*n as f64),
            Answer::Decimal(x) => Some(*x),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            Answer::Code(code) => Some(code),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<Date> {
        match self {
            Answer::Date(date) => Some(*date),
            _ => None,
        }
    }

    pub fn is_yes(&self) -> bool {
        matches!(self, Answer::Boolean(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_read_and_write_the_app_shape() {
        let answers: Vec<Answer> = serde_json::from_value(json!([
            {"code": "daily"}, {"integer": 3}, {"decimal": 10.5}, {"date": "2024-03-01"},
            {"string": "x"}, {"boolean": true}
        ]))
        .expect("answers");
        assert_eq!(answers[2], Answer::Decimal(10.5));
        assert_eq!(answers[3].date(), Some(jiff::civil::date(2024, 3, 1)));
        assert_eq!(
            serde_json::to_value(&answers[3]).expect("json"),
            json!({"date": "2024-03-01"})
        );
        assert!(serde_json::from_value::<Answer>(json!({"date": "2024-3-1"})).is_err());
    }
}
