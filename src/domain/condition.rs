//! When a script, a variant of it or a cadence step applies to a contact: a list of terms,
//! all of which must hold. `budget` (the contact has a budget), `budget.max` (one with a
//! ceiling), `need`, `company`…; `tag:账户权益` (any tag of the group), `tag:意向/近期购买`;
//! `kind:goods` (what the contact bought); `bought`; and `!term` for the opposite.
//! Written as one string, terms separated by commas or spaces: `when = "budget.max, need"`.

use super::placeholder;
use super::sop::ProductKind;
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
    pub fn parse(s: &str) -> Result<Condition, String> {
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

fn term(word: &str) -> Result<Term, String> {
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
            _ => {
                return Err(format!(
                    "'{word}' is not a tag: write tag:GROUP or tag:GROUP/TAG"
                ));
            }
        });
    }
    if let Some(rest) = word.strip_prefix("kind:") {
        return rest.parse::<ProductKind>().map(Term::Kind);
    }
    if let Some(rest) = word.strip_prefix("tier:") {
        return rest
            .parse::<Tier>()
            .map(Term::Tier)
            .map_err(|_| format!("unknown tier '{rest}'; accepted: A, B, C"));
    }
    if word == "bought" {
        return Ok(Term::Bought);
    }
    let (name, attr) = match word.split_once('.') {
        Some((n, a)) => (n, Some(a)),
        None => (word, None),
    };
    placeholder::check_name(name, attr).map_err(|e| {
        format!("{e}; a condition is also tag:GROUP[/TAG], kind:KIND, tier:A|B|C or bought")
    })?;
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
}
