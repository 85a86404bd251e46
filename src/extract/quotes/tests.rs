//! Unit tests for quotations.
