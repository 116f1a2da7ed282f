//! The arguments of the commands that read or write files besides the book: import,
//! export, report and rollup.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// A report's format: refused like any other value the command line does not take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown (`markdown` is taken too, as before).
    #[value(alias = "markdown")]
    Md,
    Html,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Vcard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MaskArg {
    /// Phones and WeChat IDs
    Contacts,
    /// Names too (surname + 某)
    Names,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to read (- for standard input)
    pub file: PathBuf,
    /// csv or vcard (guessed from the extension and the content)
    #[arg(long)]
    pub format: Option<String>,
    /// Read and check everything, print the report, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A column the headers do not name: COLUMN=FIELD, e.g. 客户姓名=name (repeatable)
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// What to do with a row that matches a contact (same phone or WeChat ID)
    #[arg(long, default_value = "skip", value_name = "skip|merge|new")]
    pub on_duplicate: String,
    /// The source of rows whose file gives none, e.g. 老客户名单
    #[arg(long)]
    pub source: Option<String>,
    /// A tag for every imported contact, GROUP/TAG from the template's taxonomy or the book
    /// (repeatable)
    #[arg(long = "tag", value_name = "GROUP/TAG")]
    pub tags: Vec<String>,
    /// A tag the taxonomy does not have yet, given to every imported contact on purpose
    /// (repeatable)
    #[arg(long = "new-tag", value_name = "GROUP/TAG")]
    pub new_tags: Vec<String>,
    /// The file's encoding: utf-8, gbk, gb18030, utf-16 (detected by default)
    #[arg(long)]
    pub encoding: Option<String>,
    /// Whether the people in the file are already in touch with you (yes: no welcome is
    /// owed, follow-ups go on from their last contact) or new leads (no: each is owed a
    /// first reply from the import); auto decides from each row (a last contact, grade,
    /// stage, purchase, or a date added over a day ago means in touch; so does a vCard)
    #[arg(long, default_value = "auto", value_name = "auto|yes|no")]
    pub contacted: String,
}

// The period and output of a report (not a doc comment, as above).
#[derive(Debug, Args)]
pub struct ReportOutput {
    /// First day of the period, YYYY-MM-DD (default: the last 30 days)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day of the period, YYYY-MM-DD, included (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// md (Markdown), html (one self-contained file), json or csv
    #[arg(long, value_enum, default_value_t = ReportFormat::Md, value_name = "md|html|json|csv")]
    pub format: ReportFormat,
    /// Write to this file (0600) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Mask phones and WeChat IDs (138****1234, wx***88); `--mask names` also names (张某)
    #[arg(long, value_name = "names", num_args = 0..=1, default_missing_value = "contacts")]
    pub mask: Option<MaskArg>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub output: ReportOutput,
    /// Print how every figure is defined, and nothing else
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct RollupArgs {
    /// The reps' book files
    #[arg(required = true, value_name = "BOOK")]
    pub books: Vec<PathBuf>,
    #[command(flatten)]
    pub output: ReportOutput,
}
