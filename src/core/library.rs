//! The reader's state and its rules.
