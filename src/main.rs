use clap::Parser;
use salesbook::cli::{self, Cli};
use salesbook::context::Context;
use std::process::ExitCode;

// mimalloc: reading a big book allocates millions of small strings and a few lists of
// tens of MB. The system allocator returned those to the kernel and faulted them in again
// (0.4-0.5 s of system time in a 100,000-contact report); mimalloc keeps and reuses them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Before anything allocates (the runtime does, before `main`): no 2 MiB pages, whose first
// one the kernel would zero whole for a command that needs a few hundred KiB. Commands over
// the whole book turn them back on below.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static HUGE_PAGES_OFF_AT_START: extern "C" fn() = huge_pages_off_at_start;

#[cfg(target_os = "linux")]
extern "C" fn huge_pages_off_at_start() {
    salesbook::store::avoid_huge_pages();
}

fn main() -> ExitCode {
    // Like other command-line tools, end quietly when the reader of our output goes away
    // (`salesbook agenda | head`) instead of failing on a broken pipe.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Before any book is opened: SQLite takes its memory from mimalloc too.
    salesbook::store::sqlite_uses_app_allocator();
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return cli::parse_failed(e),
    };
    if let Some(cmd) = &args.command {
        // A command exits soon: memory it frees is kept for reuse, not handed back.
        salesbook::store::keep_freed_memory();
        // One over the whole book takes 2 MiB pages (fewer faults); a small one, like the
        // full-screen app, keeps them off (see `huge_pages_off_at_start`).
        if cmd.is_bulk() {
            salesbook::store::allow_huge_pages();
        }
    }
    let mut lang = None;
    let result = Context::load(args.db, args.template).and_then(|ctx| {
        lang = Some(ctx.lang());
        match args.command {
            None => salesbook::tui::run(&ctx),
            Some(cmd) => cli::run(&ctx, cmd),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Without a context (its config did not load), as the config reads.
            let lang = lang.unwrap_or_else(salesbook::config::configured_lang);
            let word = salesbook::i18n::cli::cli_text(lang).error;
            // Errors quote names and values from the book: through the output sanitiser too.
            let text = cli::error_text(&e, lang);
            let text = salesbook::domain::text::display_safe(&text, true);
            eprintln!("salesbook: {word}: {text}");
            ExitCode::FAILURE
        }
    }
}
