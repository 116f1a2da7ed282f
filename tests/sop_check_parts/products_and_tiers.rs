//! Products (cycles, reminders, sessions, kinds) and tiers. Part of `sop_check_parts.rs`, whose helpers it uses.

use super::*;

// ---- products ----

#[test]
fn products_take_their_defaults_from_the_cycle() {
    let t = ok(r#"
[[product]]
name = "面霜"
aliases = ["霜"]
cycle_days = 180

[[product]]
name = "年卡"
kind = "membership"
cycle_days = 365
remind_before_days = 30
remind_every_days = 5

[[product]]
name = "疗程"
kind = "course"
cycle_days = 5
sessions = 6
session_every_days = 14
renew_when_left = 2
"#);
    assert_eq!(t.products.len(), 3);
    let p = &t.products[0];
    assert_eq!(
        (p.name.as_str(), p.aliases.clone()),
        ("面霜", vec!["霜".to_string()])
    );
    assert_eq!(p.kind, ProductKind::Goods);
    // Default: remind when five sixths of the cycle have passed; again as often.
    assert_eq!(
        (p.cycle_days, p.remind_before_days, p.remind_every_days),
        (180, 30, 30)
    );
    assert_eq!(
        (p.sessions, p.session_every_days, p.renew_when_left),
        (None, 7, 1)
    );
    let p = &t.products[1];
    assert_eq!(p.kind, ProductKind::Membership);
    assert_eq!(
        (p.cycle_days, p.remind_before_days, p.remind_every_days),
        (365, 30, 5)
    );
    let p = &t.products[2];
    assert_eq!(p.kind, ProductKind::Course);
    // 5 / 6 is 0 days before; reminders again at least every day.
    assert_eq!((p.remind_before_days, p.remind_every_days), (0, 1));
    assert_eq!(
        (p.sessions, p.session_every_days, p.renew_when_left),
        (Some(6), 14, 2)
    );
}

#[test]
fn a_product_named_again_or_by_another_products_alias_is_a_clash() {
    assert_eq!(
        errors(
            "\n[[product]]\nname = \"年卡\"\ncycle_days = 30\n\n[[product]]\nname = \"年 卡\"\ncycle_days = 30\n"
        ),
        one(7, "product '年 卡' is defined twice")
    );
    assert_eq!(
        errors(
            "\n[[product]]\nname = \"年卡\"\naliases = [\"VIP卡\"]\ncycle_days = 30\n\n[[product]]\nname = \"vip卡\"\ncycle_days = 30\n"
        ),
        one(8, "product 'vip卡' is defined twice")
    );
}

#[test]
fn cycle_and_reminder_days_are_checked_against_each_other() {
    let product = |fields: &str| format!("\n[[product]]\nname = \"p\"\n{fields}\n");
    assert_eq!(
        errors(&product("cycle_days = 0\nremind_before_days = 5")),
        one(4, "cycle_days must be 1 or more")
    );
    assert_eq!(
        errors(&product("cycle_days = 30\nremind_before_days = 30")),
        one(
            5,
            "remind_before_days (30) must be less than cycle_days (30)"
        )
    );
    let t = ok(&product("cycle_days = 30\nremind_before_days = 29"));
    assert_eq!(t.products[0].remind_before_days, 29);
}

#[test]
fn session_counts_and_intervals_are_one_or_more() {
    let product =
        |fields: &str| format!("\n[[product]]\nname = \"p\"\ncycle_days = 30\n{fields}\n");
    for field in ["sessions", "session_every_days", "remind_every_days"] {
        assert_eq!(
            errors(&product(&format!("{field} = 0"))),
            one(5, &format!("{field} must be 1 or more"))
        );
    }
    assert_eq!(
        errors(&product("sessions = 5\nrenew_when_left = 5")),
        one(6, "renew_when_left (5) must be less than sessions (5)")
    );
    let t = ok(&product("sessions = 5\nrenew_when_left = 4"));
    assert_eq!(
        (t.products[0].sessions, t.products[0].renew_when_left),
        (Some(5), 4)
    );
}

#[test]
fn an_unknown_product_kind_is_reported() {
    let e = errors("\n[[product]]\nname = \"p\"\nkind = \"food\"\ncycle_days = 30\n");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, 4);
    assert!(e[0].1.starts_with("unknown product kind 'food'"), "{e:?}");
}

// ---- tiers ----

#[test]
fn tiers_are_sorted_a_first_with_the_amount_in_cents() {
    let t = ok(r#"
[[tier]]
key = "B"
name = "场景唤醒"
min_purchases = 2

[[tier]]
key = "a"
name = "深度绑定"
meaning = "常买"
min_amount = 50.5
min_inbound = 3
cadence = "fast"
"#);
    let keys: Vec<Tier> = t.tiers.iter().map(|x| x.tier).collect();
    assert_eq!(keys, [Tier::A, Tier::B]);
    let a = &t.tiers[0];
    assert_eq!((a.name.as_str(), a.meaning.as_str()), ("深度绑定", "常买"));
    assert_eq!(a.min_amount_cents, Some(5050));
    assert_eq!((a.min_purchases, a.min_inbound), (None, Some(3)));
    assert_eq!(a.cadence.as_deref(), Some("fast"));
    assert_eq!(
        (t.tiers[1].min_purchases, t.tiers[1].min_amount_cents),
        (Some(2), None)
    );
}

#[test]
fn a_tier_defined_twice_or_with_an_unknown_cadence_is_reported() {
    assert_eq!(
        errors("\n[[tier]]\nkey = \"A\"\nname = \"x\"\n\n[[tier]]\nkey = \"A\"\nname = \"y\"\n"),
        one(7, "tier 'A' is defined twice")
    );
    assert_eq!(
        errors("\n[[tier]]\nkey = \"A\"\nname = \"x\"\ncadence = \"slow\"\n"),
        one(5, "cadence 'slow' is not defined; defined: fast")
    );
}
