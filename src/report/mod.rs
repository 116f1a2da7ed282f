//! The team lead's figures and reports: pure code over plain input values.
//!
//! [`figures::compute`] turns a [`input::BookInput`] (filled by the store's read-only
//! loader) into [`figures::Figures`]; the renderers turn figures into Markdown, HTML, JSON
//! or CSV; [`rollup`] combines several books' figures into one team report. No SQL, no file
//! I/O: the HTML template and stylesheet are embedded from `assets/`. `compute` uses a
//! second thread for the larger half of the work (a book may hold a million entries).

pub mod figures;
mod index;
pub mod input;
pub mod mask;
pub mod render;
pub mod rollup;
pub mod stats;

pub use figures::{Figures, compute};
pub use input::BookInput;
pub use mask::Mask;
pub use render::{Format, RenderOptions, explain, render_report, render_rollup, write_report_json};
pub use rollup::{BookResult, Rollup, combine};
