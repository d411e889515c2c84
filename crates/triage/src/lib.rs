//! MySehat's symptom checker engine (work in progress).
