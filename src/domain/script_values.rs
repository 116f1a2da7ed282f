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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{at, blank_contact, default_template};

    fn contact() -> Contact {
        blank_contact(at("2026-11-01T09:00:00+08:00"))
    }

    /// The values of `c` before any purchase, with no name for the rep.
    fn values<'a>(t: &Template, c: &'a Contact) -> ScriptValues<'a> {
        ScriptValues::new(t, c, None, None)
    }

    #[test]
    fn the_product_is_the_last_one_bought_by_its_template_name() {
        let t = default_template();
        let c = contact();
        // An alias, in full width: the template's own name.
        let v = ScriptValues::new(&t, &c, None, Some(Some("精华套装")));
        assert_eq!(v.product.as_deref(), Some("焕颜精华套装"));
        assert_eq!(v.kind, Some(ProductKind::Goods));
        assert!(v.bought);
        let v = ScriptValues::new(&t, &c, None, Some(Some("私教课")));
        assert_eq!(v.product.as_deref(), Some("季度私教课"));
        assert_eq!(v.kind, Some(ProductKind::Course));
    }

    #[test]
    fn a_product_the_template_does_not_know_is_spoken_of_as_recorded() {
        let t = default_template();
        let c = contact();
        let v = ScriptValues::new(&t, &c, None, Some(Some("手工皂")));
        assert_eq!(v.product.as_deref(), Some("手工皂"));
        assert_eq!(v.kind, None);
        assert!(v.bought);
    }

    #[test]
    fn before_a_purchase_a_tag_naming_a_product_gives_it() {
        let t = default_template();
        let mut c = contact();
        c.tags = vec![
            "意向/近期购买".parse().unwrap(),
            "意向产品/焕颜精华".parse().unwrap(),
            "意向产品/季度私教课".parse().unwrap(),
        ];
        let v = values(&t, &c);
        assert_eq!(v.product.as_deref(), Some("焕颜精华套装"));
        // Only a purchase tells the kind.
        assert_eq!(v.kind, None);
        assert!(!v.bought);
        // A purchase, even of a product not recorded, outweighs the tags.
        let v = ScriptValues::new(&t, &c, None, Some(Some("手工皂")));
        assert_eq!(v.product.as_deref(), Some("手工皂"));
        let v = ScriptValues::new(&t, &c, None, Some(None));
        assert_eq!(v.product.as_deref(), Some("焕颜精华套装"));
        assert!(v.bought);
        assert!(values(&t, &contact()).product.is_none());
    }

    #[test]
    fn the_reps_name_counts_only_when_it_has_letters() {
        let t = default_template();
        let c = contact();
        let v = ScriptValues::new(&t, &c, Some("小王"), None);
        assert_eq!(v.value("me", None).as_deref(), Some("小王"));
        let v = ScriptValues::new(&t, &c, Some("  "), None);
        assert_eq!(v.value("me", None), None);
    }

    #[test]
    fn each_placeholder_reads_its_own_field_trimmed() {
        let t = default_template();
        let mut c = contact();
        c.tier = Some(Tier::B);
        c.honorific = Some(" 张姐 ".into());
        c.need = Some("想改善睡眠".into());
        c.source = Some("朋友圈".into());
        c.company = Some("星光科技".into());
        let v = ScriptValues::new(&t, &c, Some("小王"), Some(Some("年度会员")));
        let got: Vec<_> = [
            "name",
            "honorific",
            "me",
            "need",
            "source",
            "company",
            "product",
            "nickname",
        ]
        .iter()
        .map(|n| v.value(n, None))
        .collect();
        assert_eq!(
            got,
            [
                Some("张三".to_string()),
                Some("张姐".into()),
                Some("小王".into()),
                Some("想改善睡眠".into()),
                Some("朋友圈".into()),
                Some("星光科技".into()),
                Some("年度会员".into()),
                None,
            ]
        );
        assert_eq!(v.tier, Some(Tier::B));
    }

    #[test]
    fn a_blank_field_is_no_value() {
        let t = default_template();
        let mut c = contact();
        c.honorific = Some("  ".into());
        c.need = Some(String::new());
        c.budget = Some(" ".into());
        let v = values(&t, &c);
        for name in [
            "honorific",
            "need",
            "source",
            "company",
            "budget",
            "product",
        ] {
            assert_eq!(v.value(name, None), None, "{name}");
            assert_eq!(v.value(name, Some("q")), None, "{name}");
        }
    }

    #[test]
    fn q_quotes_a_phrase_without_its_own_quotes_or_closing_punctuation() {
        let t = default_template();
        let mut c = contact();
        for (need, want) in [
            ("想改善睡眠", "“想改善睡眠”"),
            ("“想改善睡眠。”", "“想改善睡眠”"),
            ("「皮肤干」！！", "“皮肤干”"),
            ("\"dry skin\"...", "“dry skin”"),
            ("便宜点，", "“便宜点”"),
            ("慢慢来～", "“慢慢来”"),
        ] {
            c.need = Some(need.into());
            let v = values(&t, &c);
            assert_eq!(v.value("need", Some("q")).as_deref(), Some(want), "{need}");
            // Any other form is the plain value.
            assert_eq!(v.value("need", Some("x")).as_deref(), Some(need.trim()));
        }
        assert_eq!(
            values(&t, &c).value("name", Some("q")).as_deref(),
            Some("“张三”")
        );
    }

    #[test]
    fn a_budget_reads_as_a_phrase_a_ceiling_or_a_floor() {
        let t = default_template();
        let mut c = contact();
        c.budget = Some("3000-5000".into());
        let v = values(&t, &c);
        assert_eq!(v.value("budget", None).as_deref(), Some("3000–5000元"));
        assert_eq!(v.value("budget", Some("q")).as_deref(), Some("3000–5000元"));
        assert_eq!(v.value("budget", Some("max")).as_deref(), Some("5000元"));
        assert_eq!(v.value("budget", Some("min")).as_deref(), Some("3000元"));
        c.budget = Some("1万以上".into());
        let v = values(&t, &c);
        assert_eq!(v.value("budget", Some("max")), None);
        assert_eq!(v.value("budget", Some("min")).as_deref(), Some("1万元"));
        c.budget = Some("未定".into());
        assert_eq!(values(&t, &c).value("budget", None), None);
    }

    #[test]
    fn conditions_read_the_same_values() {
        let t = default_template();
        let mut c = contact();
        c.tier = Some(Tier::A);
        c.need = Some("补水".into());
        c.tags = vec!["意向/近期购买".parse().unwrap()];
        let v = ScriptValues::new(&t, &c, None, Some(Some("私教课")));
        let s: &dyn Subject = &v;
        assert_eq!(s.value("need", Some("q")).as_deref(), Some("“补水”"));
        assert_eq!(s.tags(), c.tags.as_slice());
        assert_eq!(s.kind(), Some(ProductKind::Course));
        assert_eq!(s.tier(), Some(Tier::A));
        assert!(s.bought());
        let none = values(&t, &c);
        let s: &dyn Subject = &none;
        assert_eq!(s.kind(), None);
        assert!(!s.bought());
    }
}
