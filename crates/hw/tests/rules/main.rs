//! Behaviour of the Health Worker Mode rules: the shipped forms, their strings, scoring and skip
//! logic, response checks, follow-ups, and properties that hold for any input.

#[path = "../support/mod.rs"]
mod support;

mod follow_ups;
mod forms;
mod locales;
mod properties;
mod responses;
mod scores;
mod skip_logic;
