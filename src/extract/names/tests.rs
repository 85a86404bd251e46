//! Unit tests for names.
