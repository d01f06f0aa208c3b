//! Unit tables for JSON lists.
