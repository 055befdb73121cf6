//! Integration tests for the generator live in `tests/`.
