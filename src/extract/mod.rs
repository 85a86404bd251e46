//! Extractors: each takes an article's text (and segmentation) and returns typed mentions
//! with byte spans. Each is usable on its own, without the pipeline or the CLI.

pub mod amounts;
pub mod claims;
pub mod dates;
pub mod names;
pub mod quotes;
