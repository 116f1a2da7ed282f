//! When a script, a variant of it or a cadence step applies to a contact: a list of terms,
//! all of which must hold. `budget` (the contact has a budget), `budget.max` (one with a
//! ceiling), `need`, `company`…; `tag:账户权益` (any tag of the group), `tag:意向/近期购买`;
//! `kind:goods` (what the contact bought); `bought`; and `!term` for the opposite.
//! Written as one string, terms separated by commas or spaces: `when = "budget.max, need"`.

use super::placeholder;
use super::sop::ProductKind;
use super::sop_syntax::SyntaxError;
use super::{TagRef, Tier};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A placeholder that has a value (`budget`, `budget.max`, `need`…).
    Field { name: String, attr: Option<String> },
    /// A tag of the group, or that exact tag.
    Tag { group: String, tag: Option<String> },
    /// The kind of what the contact bought last.
    Kind(ProductKind),
    /// The customer's tier.
    Tier(Tier),
    /// The contact has bought something.
    Bought,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Condition {
    /// (negated, term), all of which must hold.
    pub terms: Vec<(bool, Term)>,
}

/// What a condition is checked against.
pub trait Subject {
    /// The placeholder's value, if the contact has one.
    fn value(&self, name: &str, attr: Option<&str>) -> Option<String>;
    fn tags(&self) -> &[TagRef];
    fn kind(&self) -> Option<ProductKind>;
    fn tier(&self) -> Option<Tier>;
    fn bought(&self) -> bool;
}

impl Condition {
    pub fn parse(s: &str) -> Result<Condition, SyntaxError> {
        let mut terms = Vec::new();
        for word in s
            .split([',', '，', ' ', '、'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            let (negated, word) = match word.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, word),
            };
            terms.push((negated, term(word)?));
        }
        Ok(Condition { terms })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn holds(&self, s: &dyn Subject) -> bool {
        self.terms.iter().all(|(negated, t)| {
            let yes = match t {
                Term::Field { name, attr } => s.value(name, attr.as_deref()).is_some(),
                Term::Tag { group, tag } => s
                    .tags()
                    .iter()
                    .any(|x| &x.group == group && tag.as_ref().is_none_or(|t| &x.tag == t)),
                Term::Kind(k) => s.kind() == Some(*k),
                Term::Tier(t) => s.tier() == Some(*t),
                Term::Bought => s.bought(),
            };
            yes != *negated
        })
    }

    /// The placeholders this condition guarantees a value for (its plain field terms):
    /// `budget.max` guarantees `budget` too.
    pub fn guarantees(&self, name: &str, attr: Option<&str>) -> bool {
        self.terms.iter().any(|(negated, t)| match t {
            // Quoting (`.q`) never changes whether there is a value; `budget.max` implies
            // `budget`, not the other way round.
            Term::Field { name: n, attr: a } if !negated && n == name => {
                a.as_deref() == attr || attr.is_none() || (attr == Some("q") && a.is_none())
            }
            _ => false,
        })
    }
}

impl std::fmt::Display for Condition {
    /// The condition as a template writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words: Vec<String> = self
            .terms
            .iter()
            .map(|(negated, t)| {
                let w = match t {
                    Term::Field {
                        name,
                        attr: Some(a),
                    } => format!("{name}.{a}"),
                    Term::Field { name, attr: None } => name.clone(),
                    Term::Tag {
                        group,
                        tag: Some(t),
                    } => format!("tag:{group}/{t}"),
                    Term::Tag { group, tag: None } => format!("tag:{group}"),
                    Term::Kind(k) => format!("kind:{}", k.key()),
                    Term::Tier(t) => format!("tier:{t}"),
                    Term::Bought => "bought".into(),
                };
                if *negated { format!("!{w}") } else { w }
            })
            .collect();
        f.write_str(&words.join(", "))
    }
}

fn term(word: &str) -> Result<Term, SyntaxError> {
    if let Some(rest) = word.strip_prefix("tag:") {
        let rest = rest.replace('／', "/");
        return Ok(match rest.split_once('/') {
            Some((g, t)) if !g.is_empty() && !t.is_empty() => Term::Tag {
                group: g.to_string(),
                tag: Some(t.to_string()),
            },
            None if !rest.is_empty() => Term::Tag {
                group: rest,
                tag: None,
            },
            _ => return Err(SyntaxError::NotATag(word.to_string())),
        });
    }
    if let Some(rest) = word.strip_prefix("kind:") {
        return rest.parse::<ProductKind>().map(Term::Kind);
    }
    if let Some(rest) = word.strip_prefix("tier:") {
        return rest
            .parse::<Tier>()
            .map(Term::Tier)
            .map_err(|_| SyntaxError::UnknownTier(rest.to_string()));
    }
    if word == "bought" {
        return Ok(Term::Bought);
    }
    let (name, attr) = match word.split_once('.') {
        Some((n, a)) => (n, Some(a)),
        None => (word, None),
    };
    placeholder::check_name(name, attr).map_err(|e| SyntaxError::InCondition(Box::new(e)))?;
    Ok(Term::Field {
        name: name.to_string(),
        attr: attr.map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct S {
        budget: Option<&'static str>,
        tags: Vec<TagRef>,
        kind: Option<ProductKind>,
    }

    impl Subject for S {
        fn value(&self, name: &str, attr: Option<&str>) -> Option<String> {
            match (name, attr) {
                ("budget", None) => self.budget.map(str::to_string),
                ("budget", Some("max")) => self.budget.filter(|b| b.contains('-')).map(Into::into),
                _ => None,
            }
        }
        fn tags(&self) -> &[TagRef] {
            &self.tags
        }
        fn kind(&self) -> Option<ProductKind> {
            self.kind
        }
        fn tier(&self) -> Option<Tier> {
            None
        }
        fn bought(&self) -> bool {
            self.kind.is_some()
        }
    }

    #[test]
    fn terms_all_hold_and_negation_flips_one() {
        let s = S {
            budget: Some("1-2"),
            tags: vec!["账户权益/体验课".parse().unwrap()],
            kind: Some(ProductKind::Course),
        };
        let holds = |c: &str| Condition::parse(c).unwrap().holds(&s);
        assert!(holds("budget, budget.max"));
        assert!(holds("tag:账户权益"));
        assert!(holds("tag:账户权益/体验课 kind:course bought"));
        assert!(!holds("tag:账户权益/优惠券"));
        assert!(!holds("kind:goods"));
        assert!(holds("!kind:goods"));
        assert!(!holds("need"));
        assert!(holds("!need，budget"));
        assert!(holds(""));
    }

    #[test]
    fn bad_terms_say_what_is_accepted() {
        for bad in ["nmae", "budget.q", "tag:", "kind:food", "tier:D"] {
            assert!(Condition::parse(bad).is_err(), "{bad}");
        }
        let c = Condition::parse("budget.max").unwrap();
        assert!(c.guarantees("budget", Some("max")));
        assert!(c.guarantees("budget", None));
        assert!(!c.guarantees("need", None));
        assert!(
            !Condition::parse("!budget")
                .unwrap()
                .guarantees("budget", None)
        );
    }

    /// A contact as a condition sees it, every part set by the test.
    #[derive(Default)]
    struct Who {
        fields: Vec<&'static str>,
        tags: Vec<TagRef>,
        kind: Option<ProductKind>,
        tier: Option<Tier>,
        bought: bool,
    }

    impl Subject for Who {
        fn value(&self, name: &str, attr: Option<&str>) -> Option<String> {
            let _ = attr;
            self.fields.contains(&name).then(|| "x".to_string())
        }
        fn tags(&self) -> &[TagRef] {
            &self.tags
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

    fn holds(c: &str, who: &Who) -> bool {
        Condition::parse(c).unwrap().holds(who)
    }

    #[test]
    fn a_tag_term_wants_its_group_and_its_tag() {
        let who = Who {
            tags: vec!["意向/近期购买".parse().unwrap()],
            ..Who::default()
        };
        assert!(holds("tag:意向", &who));
        assert!(holds("tag:意向/近期购买", &who));
        assert!(holds("tag:意向／近期购买", &who));
        assert!(!holds("tag:意向/暂无计划", &who));
        // The same tag in another group is another tag.
        assert!(!holds("tag:来源/近期购买", &who));
        assert!(!holds("tag:来源", &who));
        assert!(holds("!tag:来源", &who));
        assert!(!holds("!tag:意向", &who));
    }

    #[test]
    fn tier_kind_and_bought_are_each_their_own_term() {
        let who = Who {
            tier: Some(Tier::B),
            bought: true,
            ..Who::default()
        };
        assert!(holds("tier:B", &who));
        assert!(holds("tier:b bought", &who));
        assert!(!holds("tier:A", &who));
        assert!(holds("!tier:A", &who));
        // Bought, but nothing the template knows the kind of.
        assert!(!holds("kind:goods", &who));
        assert!(holds("!kind:goods", &who));
        let who = Who {
            kind: Some(ProductKind::Goods),
            ..Who::default()
        };
        assert!(holds("kind:goods", &who));
        assert!(!holds("kind:course", &who));
        assert!(!holds("bought", &who));
        assert!(holds("!bought", &who));
        assert!(!holds("tier:C", &Who::default()));
    }

    #[test]
    fn a_field_term_wants_a_value() {
        let who = Who {
            fields: vec!["need"],
            ..Who::default()
        };
        assert!(holds("need", &who));
        assert!(!holds("!need", &who));
        assert!(!holds("need company", &who));
        assert!(holds("need !company", &who));
    }

    #[test]
    fn a_condition_shows_as_a_template_writes_it() {
        let c = Condition::parse(
            "budget.max，!need、tag:意向／近期购买 tag:账户权益, kind:goods, tier:a, bought, !tag:x",
        )
        .unwrap();
        assert_eq!(
            c.to_string(),
            "budget.max, !need, tag:意向/近期购买, tag:账户权益, kind:goods, tier:A, bought, !tag:x"
        );
        assert_eq!(
            c.terms[2],
            (
                false,
                Term::Tag {
                    group: "意向".into(),
                    tag: Some("近期购买".into())
                }
            )
        );
        assert_eq!(c.terms[6], (false, Term::Bought));
        assert_eq!(Condition::parse("need").unwrap().to_string(), "need");
        assert!(!c.is_empty());
        assert!(Condition::parse(" ，、 ").unwrap().is_empty());
        assert_eq!(Condition::parse("").unwrap(), Condition::default());
    }

    #[test]
    fn a_tag_term_needs_both_halves_when_it_has_a_slash() {
        for bad in ["tag:/近期购买", "tag:意向/", "tag:/"] {
            let e = Condition::parse(bad).unwrap_err();
            assert_eq!(e, SyntaxError::NotATag(bad.to_string()), "{bad}");
        }
    }

    #[test]
    fn errors_name_what_a_term_may_be() {
        assert_eq!(
            Condition::parse("tier:D").unwrap_err(),
            SyntaxError::UnknownTier("D".into())
        );
        assert_eq!(
            Condition::parse("kind:food").unwrap_err(),
            SyntaxError::UnknownProductKind("food".into())
        );
        assert_eq!(
            Condition::parse("boughtx").unwrap_err(),
            SyntaxError::InCondition(Box::new(SyntaxError::UnknownPlaceholder("boughtx".into())))
        );
    }

    #[test]
    fn what_a_condition_guarantees() {
        let c = Condition::parse("budget, need, bought, tag:company").unwrap();
        assert!(c.guarantees("budget", None));
        // Quoting never takes a value away.
        assert!(c.guarantees("budget", Some("q")));
        assert!(c.guarantees("need", None));
        assert!(c.guarantees("need", Some("q")));
        // A budget need not have a ceiling or a floor.
        assert!(!c.guarantees("budget", Some("max")));
        assert!(!c.guarantees("budget", Some("min")));
        assert!(!c.guarantees("company", None));
        assert!(!c.guarantees("source", None));
        let c = Condition::parse("budget.min").unwrap();
        assert!(c.guarantees("budget", Some("min")));
        assert!(!c.guarantees("budget", Some("max")));
        assert!(!Condition::default().guarantees("budget", None));
    }
}
