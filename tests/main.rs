//! Integration tests: one test binary, modules by theme (as ripgrep's `tests/tests.rs`).

mod util;

mod adversarial;
mod cli;
mod compare;
mod golden;
mod properties;
mod shared;
mod signals;
mod sources;
mod spreadsheets;
mod stories;
