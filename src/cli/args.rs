//! The command-line contract (see README): global options and every subcommand.

use super::number_arg::digits;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

// The contact fields of add and edit, in a file of their own.
pub use super::args_contact::{AddArgs, ContactFields, EditArgs};

#[derive(Debug, Parser)]
#[command(
    name = "salesbook",
    version,
    about = "A terminal sales book for one-to-one selling: contacts, the five-stage pipeline \
             挖需求 → 抛产品 → 解问题 → 提成交 → 理售后, and SOP templates.",
    long_about = "A terminal sales book for one-to-one selling: contacts, the five-stage pipeline \
                  挖需求 → 抛产品 → 解问题 → 提成交 → 理售后, and SOP templates.\n\
                  Run without a subcommand to open the full-screen app."
)]
pub struct Cli {
    /// The book file (default: book.sqlite in the platform data directory)
    #[arg(long, global = true, env = "SALESBOOK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// For script, simulate and audit: another SOP template for this command, an id or a .toml file
    #[arg(long, global = true, value_name = "ID|PATH")]
    pub template: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Each subcommand's arguments are built only when it is the one run (`defer`): building
/// all of them took a short command about 0.6 ms.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Add a contact (starts in 挖需求 / discover, open); prints its id
    Add(AddArgs),
    /// Change a contact's fields; an empty value ("") clears a field
    Edit(EditArgs),
    /// Show one contact with its timeline
    Show {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
    /// List contacts (archived ones only with --all)
    List(ListArgs),
    /// Move a contact to a stage, by key (pitch) or Chinese name (抛产品)
    Move {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
        /// The stage: discover, pitch, resolve, close, aftercare, or 挖需求, 抛产品… (or 需求, 产品…)
        stage: String,
    },
    /// Mark a deal won; the contact moves to 理售后 / aftercare. A customer buying again: the
    /// same command records the repurchase
    Won {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
        /// Amount paid, e.g. 3999 or 3999.50
        #[arg(long)]
        amount: Option<String>,
        /// Product bought
        #[arg(long)]
        product: Option<String>,
    },
    /// Mark a contact lost, with the reason
    Lost {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
        /// Why the deal was lost, as `lost 12 预算不够` or with --reason
        #[arg(
            value_name = "REASON",
            conflicts_with = "reason",
            required_unless_present = "reason"
        )]
        why: Option<String>,
        /// Why the deal was lost, e.g. 预算不够
        #[arg(long)]
        reason: Option<String>,
    },
    /// Put a won or lost contact back in the pipeline
    Reopen {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
    },
    /// Log a touch (with --channel), a note, or the customer's own message (--inbound)
    Log {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
        /// What was said or done, as `log 12 约了周六试听` or with --note
        #[arg(
            value_name = "TEXT",
            conflicts_with = "note",
            required_unless_present = "note"
        )]
        text: Option<String>,
        /// What was said or done (several lines allowed)
        #[arg(long)]
        note: Option<String>,
        /// wechat, phone, meeting or other; without it the entry is a plain note
        #[arg(long)]
        channel: Option<String>,
        /// The customer wrote, asked or liked something (not the rep's touch)
        #[arg(long)]
        inbound: bool,
    },
    /// Archive a contact (hidden from lists, never deleted)
    Archive {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
    },
    /// Bring an archived contact back
    Unarchive {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
    },
    /// Fill an empty book with realistic demo data
    Demo(DemoArgs),
    /// Merge a duplicate (the second id) into the contact to keep (the first id)
    Merge {
        /// The contact to keep
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        keep: i64,
        /// The duplicate merged into it
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        other: i64,
    },
    /// Undo your last change (or several); --list shows what can be undone
    Undo {
        /// How many of your latest changes to undo
        #[arg(long, default_value_t = 1, value_parser = digits(clap::value_parser!(u32).range(1..=100)))]
        steps: u32,
        /// List your recent changes and whether each can be undone
        #[arg(long)]
        list: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Check the activity log's hash chain and that every contact matches it; --full checks the file too
    Verify {
        /// Also have SQLite check the file itself, every page and index (seconds on a big book)
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Copy the book (consistent even while the app is open)
    Backup {
        /// Where to write the copy, as `backup FILE` or `--to FILE` (default: the backups
        /// folder in the data directory)
        #[arg(value_name = "FILE", conflicts_with = "to")]
        file: Option<PathBuf>,
        /// Where to write the copy (default: the backups folder in the data directory)
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Replace the book with a backup (the current book is backed up first)
    Restore {
        /// The backup to restore (without it: the book's backups are listed)
        file: Option<PathBuf>,
        /// Restore a backup of another book over this one (it has contacts of its own)
        #[arg(long)]
        other_book: bool,
    },
    /// The contact's stage scripts and objection replies, filled in with their details
    Script {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
        /// Another stage's scripts instead of the contact's own
        #[arg(long)]
        stage: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Find contacts by any fragment: 张伟, 王, zs, zhangsan, 张s, 8000, a word from a note
    Search {
        /// What to look for: part of a name, pinyin, digits or a word
        query: String,
        /// At most this many results
        #[arg(long, default_value_t = 20, value_parser = digits(clap::value_parser!(u32).range(0..=10_000)))]
        limit: u32,
        /// Include archived contacts
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Who to contact now: new leads waiting, overdue, due today, upcoming — by urgency
    Agenda {
        /// The day to plan: 2026-12-01, 12-01, tomorrow, fri, next mon (default today)
        #[arg(long)]
        date: Option<String>,
        /// Days of upcoming follow-ups to show after the day (default: tomorrow)
        #[arg(long, default_value_t = 1, value_parser = digits(clap::value_parser!(u32).range(0..=3660)))]
        days: u32,
        /// At most this many items per section
        #[arg(long, default_value_t = 50, value_parser = digits(clap::value_parser!(u32).range(1..=10_000)))]
        limit: u32,
        /// Show each urgency score term by term
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Mark a follow-up done (logged as a touch; the cadence moves on)
    Done {
        /// The follow-up's number (the agenda's 跟进号 column)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        followup_id: i64,
        /// What came of it
        #[arg(long)]
        note: Option<String>,
    },
    /// Move a follow-up to a later time: a date (YYYY-MM-DD, 09:00), a time, or +3d / +4h
    Snooze {
        /// The follow-up's number (the agenda's 跟进号 column)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        followup_id: i64,
        /// Until when, as `snooze 12 明天` or with --until
        #[arg(
            value_name = "WHEN",
            conflicts_with = "until",
            required_unless_present = "until"
        )]
        when: Option<String>,
        /// Until when: +3d, +4h, 明天, a date (09:00 that day) or "2026-12-01 15:00"
        #[arg(long, value_name = "DATE|+Nd")]
        until: Option<String>,
    },
    /// Skip a follow-up, with the reason; the cadence moves on
    Skip {
        /// The follow-up's number (the agenda's 跟进号 column)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        followup_id: i64,
        /// Why it is skipped, as `skip 12 客户出差` or with --reason
        #[arg(
            value_name = "REASON",
            conflicts_with = "reason",
            required_unless_present = "reason"
        )]
        why: Option<String>,
        /// Why it is skipped
        #[arg(long)]
        reason: Option<String>,
    },
    /// Dry run of the SOP over the next N days (no writes): follow-ups per day, and for whom
    Simulate {
        /// How many days ahead
        #[arg(long, default_value_t = 14, value_parser = digits(clap::value_parser!(u32).range(1..=366)))]
        days: u32,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Export contacts (CSV for spreadsheets, JSON, vCard) or open follow-ups (--ics)
    Export {
        /// Open follow-ups as iCalendar (VTODO per follow-up) instead of contacts
        #[arg(long, conflicts_with_all = ["format", "all", "mask", "no_bom"])]
        ics: bool,
        /// With --ics: each follow-up as a 15-minute event with a reminder (VEVENT), for
        /// calendars that import no to-dos (Google Calendar, Outlook)
        #[arg(long, requires = "ics")]
        events: bool,
        /// csv (UTF-8 with a BOM, for spreadsheets), json or vcard
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Write to this file (0600) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Archived contacts too
        #[arg(long)]
        all: bool,
        /// Mask phones and WeChat IDs (138****1234, wx***88); `--mask names` also names (张某)
        #[arg(long, value_name = "names", num_args = 0..=1, default_missing_value = "contacts")]
        mask: Option<MaskArg>,
        /// CSV without the UTF-8 byte-order mark
        #[arg(long)]
        no_bom: bool,
    },
    /// Import contacts from a CSV (UTF-8 or GBK, from spreadsheets and other tools) or vCard
    Import(ImportArgs),
    /// The team lead's report on the book (read only): funnel, first replies, follow-ups,
    /// lead quality, sources and grades, after the sale, scripts, activity
    Report(ReportArgs),
    /// One team report from several reps' books (read only), a column per rep
    Rollup(RollupArgs),
    /// SOP templates: list, show, check, use
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Follow-ups on a date set with the customer
    #[command(subcommand)]
    Followup(FollowupCommand),
    /// Print one frame of a view as plain text, exactly as the app draws it (read-only)
    Render(RenderArgs),
    /// The team lead's full-screen audit of a rep's book (read only): the dashboard of
    /// figures, each opening its contacts, and the rep's Today, board and cards
    Audit(AuditArgs),
}

impl Command {
    /// Whether the command reads or writes the whole book (or a whole file): those keep
    /// the allocator's huge pages; the rest touch a few MB and avoid them.
    pub fn is_bulk(&self) -> bool {
        matches!(
            self,
            Command::Demo(_)
                | Command::Import(_)
                | Command::Export { .. }
                | Command::Report(_)
                | Command::Rollup(_)
                | Command::Verify { .. }
                | Command::Backup { .. }
                | Command::Restore { .. }
                | Command::Audit(_)
                | Command::List(_)
                | Command::Simulate { .. }
        )
    }
}

// A period of whole local days, as `report` takes it. (Not a doc comment: clap would take
// it for the description of every command that flattens it.)
#[derive(Debug, Args, Default)]
pub struct PeriodArgs {
    /// First day of the period, YYYY-MM-DD (default: the 30 days ending today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day of the period, YYYY-MM-DD, included (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The rep's book file (default: --db, SALESBOOK_DB, or your own book)
    #[arg(value_name = "BOOK")]
    pub book: Option<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
}

#[derive(Debug, Subcommand)]
pub enum FollowupCommand {
    /// Schedule a follow-up on a date (a call, 面诊, 试听): it takes the cadence's place
    /// that day; prints the follow-up's id
    Add {
        /// The contact's number (the first column of list and search)
        #[arg(value_parser = digits(clap::value_parser!(i64)))]
        id: i64,
        /// When, as `followup add 12 "周六 10:00"` or with --at
        #[arg(
            value_name = "TIME",
            conflicts_with = "at",
            required_unless_present = "at"
        )]
        when: Option<String>,
        /// 'YYYY-MM-DD HH:MM', a date (09:00), +3d, in 3 days, tomorrow, next tue 3pm
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// What was agreed, e.g. 约了电话聊方案
        #[arg(long)]
        note: Option<String>,
        /// An appointment kind from the template (see `template show`), e.g. consult, trial
        #[arg(long)]
        kind: Option<String>,
        /// Remind the customer the day before
        #[arg(long)]
        remind: bool,
    },
}

pub use super::args_io::{
    ExportFormat, ImportArgs, MaskArg, ReportArgs, ReportFormat, ReportOutput, RollupArgs,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderView {
    Today,
    Board,
    Card,
    Help,
    Search,
    /// The audit's dashboard (read-only badge, figures of the period)
    Dashboard,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    pub view: RenderView,
    /// Columns × rows of the frame, e.g. 120x40
    #[arg(long, default_value = "120x40", value_name = "WxH")]
    pub size: String,
    /// The contact whose card to draw (card)
    #[arg(long, value_parser = digits(clap::value_parser!(i64)))]
    pub contact: Option<i64>,
    /// The query typed into search (search)
    #[arg(long)]
    pub query: Option<String>,
    /// The dashboard's period (dashboard), as `report` takes it
    #[command(flatten)]
    pub period: PeriodArgs,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// The templates available: built-in ones and yours (config dir/templates/*.toml)
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Print a template
    Show {
        /// The template's id (template list shows them)
        id: String,
        #[arg(long, value_enum, default_value_t = TemplateFormat::Toml)]
        format: TemplateFormat,
    },
    /// Check template files; exit 0 only when all are valid
    Check {
        #[arg(required = true)]
        /// The .toml files to check
        files: Vec<std::path::PathBuf>,
    },
    /// Make this book follow a template
    Use {
        /// The template's id (template list shows them)
        id: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Toml,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this stage: discover, pitch, resolve, close, aftercare, or 挖需求, 抛产品…
    #[arg(long)]
    pub stage: Option<String>,
    /// Only this grade: A, B, C or D
    #[arg(long)]
    pub grade: Option<String>,
    /// Only contacts with this tag, GROUP/TAG
    #[arg(long, value_name = "GROUP/TAG")]
    pub tag: Option<String>,
    /// open, won or lost
    #[arg(long)]
    pub outcome: Option<String>,
    /// Include archived contacts
    #[arg(long)]
    pub all: bool,
    /// intro (引入期), growth (成长期), mature (成熟期), dormant (休眠期), churned (流失期)
    #[arg(long)]
    pub lifecycle: Option<String>,
    /// Only contacts sitting in their stage past its limit with nothing scheduled
    #[arg(long)]
    pub rotting: bool,
    /// Customers of a tier: A (深度绑定), B (场景唤醒), C (内容种草)
    #[arg(long)]
    pub tier: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 60, value_parser = digits(clap::value_parser!(u64).range(1..=1_000_000)))]
    pub contacts: u64,
    /// About how many timeline entries in all, the rep's work on the plan included (default: 8
    /// per contact; at most 50 per contact)
    #[arg(long, value_parser = digits(clap::value_parser!(u64).range(1..=50_000_000)))]
    pub interactions: Option<u64>,
    #[arg(long, default_value_t = 2024, value_parser = digits(clap::value_parser!(u64)))]
    pub seed: u64,
    /// Add demo data even if the book is not empty
    #[arg(long)]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Subcommands are built only when run (`defer`), so a clash in one's arguments would
    /// only show when someone runs it: build every one and let clap check them all.
    #[test]
    fn every_subcommand_builds_and_passes_clap_checks() {
        let cmd = Cli::command();
        cmd.clone().debug_assert();
        let mut built = cmd;
        built.build();
        let agenda = built
            .find_subcommand("agenda")
            .expect("agenda is a subcommand");
        // The deferred arguments are there once built, the global ones propagated.
        let names: Vec<&str> = agenda
            .get_arguments()
            .map(|a| a.get_id().as_str())
            .collect();
        for want in ["days", "limit", "db", "template"] {
            assert!(names.contains(&want), "agenda lacks --{want}: {names:?}");
        }
    }
}
