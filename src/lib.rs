//! salesbook: a terminal sales book for one-to-one selling.
//!
//! Layers look only downward: `domain` (pure rules) → `store` (all SQL) → `service`
//! → `tui` and `cli`. `main.rs` parses arguments and dispatches.

pub mod cli;
pub mod clipboard;
pub mod clock;
pub mod config;
pub mod context;
pub mod domain;
pub mod exchange;
pub mod i18n;
pub mod report;
pub mod service;
pub mod sop;
pub mod store;
pub mod tui;
