//! newsrake: dates, names and quotations from news articles, and what outlets agree and
//! disagree on.
//!
//! The library holds the whole pipeline; the `newsrake` binary only parses arguments into a
//! [`Config`] and calls [`run`]. Each stage is usable on its own:
//!
//! - [`input`]: folders and files (`.txt`, `.md`, `.html`, `.json`, `.jsonl`) → [`input::Article`]s;
//! - [`segment`]: paragraphs, sentences and tokens;
//! - [`Pipeline::analyze`]: one article → its [`Analysis`];
//! - [`output`]: the tables.
//!
//! Offsets are UTF-8 byte [`span::Span`]s inside the library and character offsets in every
//! table, converted through one [`span::OffsetIndex`] per article.

pub mod compare;
pub mod error;
pub mod extract;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod rules;
pub mod segment;
pub mod span;

pub use error::Error;
pub use pipeline::{Analysis, Config, Options, Pipeline, Summary, run};
