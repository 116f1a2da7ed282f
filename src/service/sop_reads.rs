//! What the front ends read of the SOP besides scripts: the template's lost reasons,
//! products, appointment kinds and tag taxonomy (with the tags this book added on purpose),
//! and whether the rep's name is set for `{me}`.

use super::session::View;
use crate::domain::TagRef;
use crate::domain::derived::is_derived;
use crate::domain::sop::{AppointmentKind, Product};
use anyhow::Result;
use serde::Serialize;

/// A tag group as a picker shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaxonomyGroup {
    /// 基础 / 精细; none for a group only this book has.
    pub category: Option<String>,
    pub group: String,
    pub tags: Vec<String>,
    /// Derived by salesbook: shown, never offered for typing.
    pub auto: bool,
}

/// [`View::check_tags`] for a book not made yet: against the template alone.
pub fn check_tags_for_new_book(
    t: &crate::domain::sop::Template,
    tags: &[TagRef],
    new: &[TagRef],
) -> super::error::Result<()> {
    super::apply_sop::check_tags_in(t, None, tags, new)
}

impl View<'_> {
    /// Tags the rep gives (an import's `--tag`) checked as `add` checks them: in the
    /// template's taxonomy, already in the book, or among `new`; never a derived group's.
    pub fn check_tags(&self, tags: &[TagRef], new: &[TagRef]) -> super::error::Result<()> {
        super::apply_sop::check_tags_in(&self.session.template, Some(&self.snap), tags, new)
    }

    /// The reasons the template offers for `lost`.
    pub fn lost_reasons(&self) -> &[String] {
        &self.template().lost_reasons
    }

    pub fn products(&self) -> &[Product] {
        &self.template().products
    }

    /// The product a typed name stands for (case, full-width forms and aliases ignored);
    /// `None` means a purchase of it gets no repurchase reminder.
    pub fn product_named(&self, name: &str) -> Option<&Product> {
        self.template().product(name)
    }

    pub fn appointment_kinds(&self) -> &[AppointmentKind] {
        &self.template().appointments
    }

    /// The template's tag groups, then tags this book added on purpose (`--new-tag`) in
    /// groups of their own or the template's.
    pub fn tag_taxonomy(&self) -> Result<Vec<TaxonomyGroup>> {
        let t = self.template();
        let mut out: Vec<TaxonomyGroup> = t
            .tag_groups
            .iter()
            .map(|g| TaxonomyGroup {
                category: Some(g.category.clone()),
                group: g.group.clone(),
                tags: g.tags.clone(),
                auto: g.auto,
            })
            .collect();
        for TagRef { group, tag } in self.snap.book_tags()? {
            if is_derived(
                t,
                &TagRef {
                    group: group.clone(),
                    tag: tag.clone(),
                },
            ) {
                continue;
            }
            match out.iter_mut().find(|g| g.group == group) {
                Some(g) if g.tags.contains(&tag) => {}
                Some(g) => g.tags.push(tag),
                None => out.push(TaxonomyGroup {
                    category: None,
                    group,
                    tags: vec![tag],
                    auto: false,
                }),
            }
        }
        Ok(out)
    }

    /// Whether `{me}` has the rep's name to fill it (the TUI asks for it when not).
    pub fn has_reps_name(&self) -> bool {
        self.session.me.is_some()
    }
}
