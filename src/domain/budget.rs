//! A budget as reps type it ("3000-5000", "1万以上", "5千以内", "未定", "看情况"), read into
//! a range, so a script can say "5000元以内" without ending up with "1万以上以内".

use super::text::fold_width;

/// A budget, in yuan.
#[derive(Debug, Clone, PartialEq)]
pub enum Budget {
    /// From `lo` to `hi`.
    Range(f64, f64),
    AtLeast(f64),
    AtMost(f64),
    /// About this much ("3000左右").
    About(f64),
    /// One amount, as typed ("5000").
    Amount(f64),
    /// Not decided yet: for a script, no budget at all.
    Undecided,
    /// Something else the rep wrote, kept as words.
    Words(String),
}

const UNDECIDED: [&str; 10] = [
    "未定",
    "待定",
    "不确定",
    "没想好",
    "还没想好",
    "看情况",
    "不清楚",
    "不知道",
    "无",
    "暂无",
];

impl Budget {
    /// Reads a typed budget; anything it cannot read as amounts is kept as words.
    pub fn parse(s: &str) -> Budget {
        let raw = s.trim();
        let t: String = fold_width(raw)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let t = t
            .trim_start_matches(['¥', '￥'])
            .trim_start_matches("rmb")
            .trim_start_matches("预算")
            .trim_start_matches(['：', ':'])
            .replace("元", "")
            .replace("块钱", "")
            .replace("块", "");
        if t.is_empty() || UNDECIDED.iter().any(|u| t == *u) {
            return Budget::Undecided;
        }
        let words = || Budget::Words(raw.to_string());
        for (prefix, make) in [
            ("至少", Budget::AtLeast as fn(f64) -> Budget),
            ("不低于", Budget::AtLeast),
            ("最多", Budget::AtMost),
            ("不超过", Budget::AtMost),
            ("大概", Budget::About),
            ("大约", Budget::About),
            ("约", Budget::About),
        ] {
            if let Some(rest) = t.strip_prefix(prefix) {
                return amount(rest).map_or_else(words, make);
            }
        }
        for (suffix, make) in [
            ("以上", Budget::AtLeast as fn(f64) -> Budget),
            ("起", Budget::AtLeast),
            ("+", Budget::AtLeast),
            ("以内", Budget::AtMost),
            ("以下", Budget::AtMost),
            ("之内", Budget::AtMost),
            ("内", Budget::AtMost),
            ("左右", Budget::About),
            ("上下", Budget::About),
        ] {
            if let Some(rest) = t.strip_suffix(suffix) {
                return amount(rest).map_or_else(words, make);
            }
        }
        for sep in ['-', '~', '—', '–', '到', '至'] {
            if let Some((a, b)) = t.split_once(sep) {
                // "1-2万": the unit written once applies to both ends; "5000-1万" does not.
                let hi = amount(b);
                let lo = amount(a).map(|lo| match (unit_of(a), unit_of(b), hi) {
                    (None, Some(u), Some(hi)) if lo * u <= hi => lo * u,
                    _ => lo,
                });
                return match (lo, hi) {
                    (Some(lo), Some(hi)) if lo <= hi => Budget::Range(lo, hi),
                    _ => words(),
                };
            }
        }
        amount(&t).map_or_else(words, Budget::Amount)
    }

    /// Whether a script has a budget to speak of.
    pub fn is_known(&self) -> bool {
        !matches!(self, Budget::Undecided)
    }

    /// The budget in words: "3000–5000元", "1万元以上", "5000元以内", "3000元左右".
    pub fn phrase(&self) -> Option<String> {
        Some(match self {
            Budget::Range(lo, hi) => format!("{}–{}元", yuan(*lo), yuan(*hi)),
            Budget::AtLeast(x) => format!("{}元以上", yuan(*x)),
            Budget::AtMost(x) => format!("{}元以内", yuan(*x)),
            Budget::About(x) => format!("{}元左右", yuan(*x)),
            Budget::Amount(x) => format!("{}元", yuan(*x)),
            Budget::Undecided => return None,
            Budget::Words(w) => format!("“{w}”"),
        })
    }

    /// The most the customer means to spend, when there is a ceiling: "5000元".
    pub fn max(&self) -> Option<String> {
        match self {
            Budget::Range(_, x) | Budget::AtMost(x) | Budget::About(x) | Budget::Amount(x) => {
                Some(format!("{}元", yuan(*x)))
            }
            _ => None,
        }
    }

    /// The least the customer expects to spend, when there is a floor: "3000元".
    pub fn min(&self) -> Option<String> {
        match self {
            Budget::Range(x, _) | Budget::AtLeast(x) | Budget::About(x) | Budget::Amount(x) => {
                Some(format!("{}元", yuan(*x)))
            }
            _ => None,
        }
    }
}

/// The multiplier a trailing unit stands for.
fn unit_of(s: &str) -> Option<f64> {
    match s.chars().last()? {
        '万' | 'w' => Some(10_000.0),
        '千' | 'k' => Some(1_000.0),
        '百' => Some(100.0),
        _ => None,
    }
}

/// "5000", "1.5万", "8k", "3千", "一千" → yuan.
fn amount(s: &str) -> Option<f64> {
    let (num, mult) = match unit_of(s) {
        Some(m) => (&s[..s.len() - s.chars().last()?.len_utf8()], m),
        None => (s, 1.0),
    };
    let n: f64 = match num.parse::<f64>() {
        Ok(n) => n,
        Err(_) => chinese_digit(num)?,
    };
    (n.is_finite() && n >= 0.0).then_some(n * mult)
}

fn chinese_digit(s: &str) -> Option<f64> {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let c = if c == '两' { '二' } else { c };
    DIGITS.iter().position(|d| *d == c).map(|i| i as f64)
}

/// 30000 → "3万", 15000 → "1.5万", 3000 → "3000", 2999.5 → "2999.5".
fn yuan(x: f64) -> String {
    if x >= 10_000.0 && (x / 1_000.0).fract() == 0.0 {
        let w = x / 10_000.0;
        if w.fract() == 0.0 {
            format!("{w}万")
        } else {
            format!("{w:.1}万")
        }
    } else if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_reps_write_budgets() {
        let cases: &[(&str, Budget)] = &[
            ("3000-5000", Budget::Range(3000.0, 5000.0)),
            ("3000～5000元", Budget::Range(3000.0, 5000.0)),
            ("1-2万", Budget::Range(10_000.0, 20_000.0)),
            ("5000-1万", Budget::Range(5_000.0, 10_000.0)),
            ("1万以上", Budget::AtLeast(10_000.0)),
            ("至少8k", Budget::AtLeast(8_000.0)),
            ("500以内", Budget::AtMost(500.0)),
            ("不超过 3千", Budget::AtMost(3_000.0)),
            ("3000左右", Budget::About(3_000.0)),
            ("５０００", Budget::Amount(5_000.0)),
            ("一千", Budget::Amount(1_000.0)),
            ("未定", Budget::Undecided),
            ("看情况", Budget::Undecided),
            ("", Budget::Undecided),
            ("看效果再说", Budget::Words("看效果再说".into())),
            ("5000-3000", Budget::Words("5000-3000".into())),
        ];
        for (typed, want) in cases {
            assert_eq!(Budget::parse(typed), *want, "{typed}");
        }
    }

    #[test]
    fn renders_each_shape_in_words() {
        let p = |s: &str| Budget::parse(s);
        assert_eq!(p("3000-5000").phrase().unwrap(), "3000–5000元");
        assert_eq!(p("1万以上").phrase().unwrap(), "1万元以上");
        assert_eq!(p("1.5万").phrase().unwrap(), "1.5万元");
        assert_eq!(p("500以内").phrase().unwrap(), "500元以内");
        assert_eq!(p("看效果再说").phrase().unwrap(), "“看效果再说”");
        assert_eq!(p("未定").phrase(), None);
        // A ceiling only where the customer gave one.
        assert_eq!(p("3000-5000").max().unwrap(), "5000元");
        assert_eq!(p("1万以上").max(), None);
        assert_eq!(p("未定").max(), None);
        assert_eq!(p("看效果再说").max(), None);
        assert_eq!(p("1万以上").min().unwrap(), "1万元");
        assert_eq!(p("500以内").min(), None);
    }

    #[test]
    fn units_and_chinese_digits() {
        let cases: &[(&str, Budget)] = &[
            ("5百", Budget::Amount(500.0)),
            ("两千", Budget::Amount(2_000.0)),
            ("三万以内", Budget::AtMost(30_000.0)),
            ("1w+", Budget::AtLeast(10_000.0)),
            ("2.5k", Budget::Amount(2_500.0)),
            ("1.5万", Budget::Amount(15_000.0)),
            ("零", Budget::Amount(0.0)),
            ("3000-3000", Budget::Range(3_000.0, 3_000.0)),
            // The unit of the upper end applies to the lower only if that keeps them in order.
            ("500-3千", Budget::Range(500.0, 3_000.0)),
            ("2-3千", Budget::Range(2_000.0, 3_000.0)),
            ("两三千", Budget::Words("两三千".into())),
            ("十万", Budget::Words("十万".into())),
            // Not amounts a rep means, though Rust reads them as numbers.
            ("inf", Budget::Words("inf".into())),
            ("1e999", Budget::Words("1e999".into())),
        ];
        for (typed, want) in cases {
            assert_eq!(Budget::parse(typed), *want, "{typed}");
        }
    }

    #[test]
    fn amounts_are_written_in_wan_only_from_ten_thousand_in_thousands() {
        for (x, want) in [
            (3_000.0, "3000"),
            (9_000.0, "9000"),
            (10_000.0, "1万"),
            (15_000.0, "1.5万"),
            (30_000.0, "3万"),
            (12_500.0, "12500"),
            (2_999.5, "2999.5"),
            (0.0, "0"),
        ] {
            assert_eq!(yuan(x), want, "{x}");
        }
    }

    #[test]
    fn only_an_undecided_budget_is_unknown() {
        assert!(!Budget::parse("未定").is_known());
        assert!(Budget::parse("3000").is_known());
        assert!(Budget::parse("看效果再说").is_known());
    }

    #[test]
    fn about_and_one_amount_are_both_a_ceiling_and_a_floor() {
        let p = |s: &str| Budget::parse(s);
        for typed in ["3000左右", "3000"] {
            assert_eq!(p(typed).max().as_deref(), Some("3000元"), "{typed}");
            assert_eq!(p(typed).min().as_deref(), Some("3000元"), "{typed}");
        }
        assert_eq!(p("500以内").max().as_deref(), Some("500元"));
        assert_eq!(p("3000-5000").min().as_deref(), Some("3000元"));
        assert_eq!(p("看效果再说").min(), None);
        assert_eq!(p("未定").min(), None);
        assert_eq!(p("3000左右").phrase().as_deref(), Some("3000元左右"));
        assert_eq!(p("3000").phrase().as_deref(), Some("3000元"));
    }
}
