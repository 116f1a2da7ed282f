//! What a contact's placeholders and conditions read: typed values, not raw fields — a
//! budget as a range, a need in quotes, the product the contact bought or is interested in,
//! and what kind of product that is.

use super::budget::Budget;
use super::condition::Subject;
use super::sop::{ProductKind, Template};
use super::{Contact, TagRef, Tier};

#[derive(Debug, Clone)]
pub struct ScriptValues<'a> {
    pub contact: &'a Contact,
    /// The rep's own name, as set by the rep: never a login name.
    pub me: Option<&'a str>,
    /// The product to speak of: the last one bought, else one the contact's tags show an
    /// interest in.
    pub product: Option<String>,
    /// The kind of the last product bought, when the template knows it.
    pub kind: Option<ProductKind>,
    pub tier: Option<Tier>,
    pub bought: bool,
}

impl<'a> ScriptValues<'a> {
    /// The values for `c`, given the product of its latest purchase (as recorded).
    pub fn new(
        t: &Template,
        c: &'a Contact,
        me: Option<&'a str>,
        last_purchase: Option<Option<&str>>,
    ) -> ScriptValues<'a> {
        let bought_product = last_purchase.flatten();
        let known = bought_product.and_then(|p| t.product(p));
        let product = match (bought_product, known) {
            (_, Some(p)) => Some(p.name.clone()),
            (Some(p), None) => Some(p.to_string()),
            // Before a purchase: a tag naming one of the template's products.
            (None, None) => c
                .tags
                .iter()
                .find_map(|tag| t.product(&tag.tag))
                .map(|p| p.name.clone()),
        };
        ScriptValues {
            contact: c,
            me: me.filter(|m| !m.trim().is_empty()),
            product,
            kind: known.map(|p| p.kind),
            tier: c.tier,
            bought: last_purchase.is_some(),
        }
    }

    /// The value of `{name}` / `{name.form}`, or `None` when the contact has none.
    pub fn value(&self, name: &str, attr: Option<&str>) -> Option<String> {
        let c = self.contact;
        let plain: Option<String> = match name {
            "name" => Some(c.name.clone()),
            "honorific" => text(&c.honorific).map(str::to_string),
            "me" => self.me.map(str::to_string),
            "need" => text(&c.need).map(str::to_string),
            "source" => text(&c.source).map(str::to_string),
            "company" => text(&c.company).map(str::to_string),
            "product" => self.product.clone(),
            "budget" => {
                let b = Budget::parse(text(&c.budget)?);
                return match attr {
                    Some("max") => b.max(),
                    Some("min") => b.min(),
                    _ => b.phrase(),
                };
            }
            _ => None,
        };
        match attr {
            Some("q") => plain.map(|v| quoted(&v)),
            _ => plain,
        }
    }
}

fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// “想改善睡眠”: a phrase the rep typed, set off from the script's own words (its own closing
/// punctuation dropped, so no “…。”，).
fn quoted(v: &str) -> String {
    let inner = v
        .trim()
        .trim_start_matches(['“', '"', '「'])
        .trim_end_matches([
            '”', '"', '」', '。', '！', '!', '，', ',', '；', ';', '.', '～', '~',
        ]);
    format!("“{inner}”")
}

impl Subject for ScriptValues<'_> {
    fn value(&self, name: &str, attr: Option<&str>) -> Option<String> {
        ScriptValues::value(self, name, attr)
    }
    fn tags(&self) -> &[TagRef] {
        &self.contact.tags
    }
    fn kind(&self) -> Option<ProductKind> {
        self.kind
    }
    fn tier(&self) -> Option<Tier> {
        self.tier
    }
    fn bought(&self) -> bool {
        self.bought
    }
}
