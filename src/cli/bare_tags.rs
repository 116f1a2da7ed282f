//! `--tag 朋友圈`: a tag typed without its group is placed in the group of the book's
//! template that has it, as an import places a bare tag; `--untag 朋友圈` names one of the
//! contact's own tags. A tag no group has, or several do, is refused with what to write.

use super::Ui;
use super::args::Command;
use crate::context::Context;
use crate::domain::TagRef;
use crate::exchange::{TagReading, read_tag};
use anyhow::{Result, bail};

fn is_bare(tag: &str) -> bool {
    !tag.contains(['/', '／'])
}

/// Rewrites the bare tags of `add` and `edit` as GROUP/TAG, reading the book (or, for a
/// book `add` is about to make, the template a new book follows). Nothing is opened when
/// every tag has its group.
pub fn place(ctx: &Context, ui: Ui, cmd: &mut Command) -> Result<()> {
    let (tags, untag, id) = match cmd {
        Command::Add(a) => (&mut a.fields.tags, None, None),
        Command::Edit(e) => (&mut e.fields.tags, Some(&mut e.untag), Some(e.id)),
        _ => return Ok(()),
    };
    let any_bare = tags.iter().any(|t| is_bare(t))
        || untag.as_ref().is_some_and(|u| u.iter().any(|t| is_bare(t)));
    if !any_bare {
        return Ok(());
    }
    let (taxonomy, own) = if ctx.db_path.exists() {
        // A book the reader cannot take (one to upgrade first) is left to the write to
        // open or refuse; its bare tags are then refused as such.
        let Ok(book) = super::open_read(ctx, ui) else {
            return Ok(());
        };
        let own = match id {
            Some(id) => book.view().find(id)?.map(|c| c.tags).unwrap_or_default(),
            None => Vec::new(),
        };
        (settable(&book.session().template.tag_groups), own)
    } else {
        (settable(&ctx.new_book_template()?.tag_groups), Vec::new())
    };
    for tag in tags.iter_mut().filter(|t| is_bare(t)) {
        *tag = from_taxonomy(ui, tag, &taxonomy)?;
    }
    for tag in untag.into_iter().flatten().filter(|t| is_bare(t)) {
        let theirs: Vec<&TagRef> = own.iter().filter(|t| t.tag == tag.trim()).collect();
        *tag = match theirs.as_slice() {
            [one] => one.to_string(),
            [] => from_taxonomy(ui, tag, &taxonomy)?,
            many => ambiguous(ui, tag, many.iter().map(|t| t.group.clone()).collect())?,
        };
    }
    Ok(())
}

/// The groups a rep sets by hand, with their tags (automatic ones are derived).
fn settable(groups: &[crate::domain::sop::TagGroup]) -> Vec<(String, Vec<String>)> {
    groups
        .iter()
        .filter(|g| !g.auto)
        .map(|g| (g.group.clone(), g.tags.clone()))
        .collect()
}

fn from_taxonomy(ui: Ui, tag: &str, taxonomy: &[(String, Vec<String>)]) -> Result<String> {
    match read_tag(tag, taxonomy) {
        TagReading::Tag(t) => Ok(t.to_string()),
        TagReading::Ambiguous(groups) => ambiguous(ui, tag, groups),
        TagReading::Unknown | TagReading::Malformed => {
            let tag = crate::domain::text::display_safe(tag.trim(), false);
            bail!(
                "{}",
                crate::exchange::fill(ui.t.tag_not_in_template, &[&tag])
            )
        }
    }
}

fn ambiguous(ui: Ui, tag: &str, groups: Vec<String>) -> Result<String> {
    let tag = crate::domain::text::display_safe(tag.trim(), false);
    let options: Vec<String> = groups.iter().map(|g| format!("{g}/{tag}")).collect();
    let options =
        crate::domain::text::display_safe(&crate::i18n::list_of(ui.lang, &options), false)
            .into_owned();
    bail!(
        "{}",
        crate::exchange::fill(ui.t.tag_in_several_groups, &[&tag, &options])
    )
}
