//! Tags from the taxonomy and customer tiers, through the built binary: a typo is refused
//! with the closest tags, a new tag is added only on purpose, derived groups are never
//! typed and always current, and a customer's tier shows on the card and in lists.

mod common;

use common::Sb;
use serde_json::{Value, json};

fn tags(c: &Value) -> Vec<String> {
    c["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_typo_in_a_tag_is_refused_with_the_closest_tags_and_nothing_is_added() {
    let sb = Sb::new();
    let err = sb.fail(&["add", "--name", "张三", "--tag", "意向/近期够买"]);
    assert_eq!(
        err.lines().last().unwrap(),
        "salesbook: 错误: 标签 '意向/近期够买' 不在模板的标签体系里；最接近的：\
         意向/近期购买、意向/了解阶段、意向/对比观望。确实要新增这个标签请用 --new-tag 意向/近期够买"
    );
    assert!(sb.all().is_empty());
    // Editing is checked the same way; the contact is left as it was.
    let id = sb
        .add(&["--name", "张三", "--tag", "意向/近期购买"])
        .to_string();
    let before = sb.contact(id.parse().unwrap());
    let err = sb.fail(&["edit", &id, "--tag", "客户分类/自已用"]);
    assert!(err.contains("最接近的：客户分类/自用"), "{err}");
    assert_eq!(sb.contact(id.parse().unwrap()), before);
    // Tags already on the contact, and removing any tag, are never refused.
    sb.ok(&["edit", &id, "--untag", "意向/近期购买"]);
}

#[test]
fn new_tag_adds_a_tag_to_the_book_on_purpose() {
    let sb = Sb::new();
    let a = sb.add(&["--name", "张三", "--new-tag", "意向/近期必买"]);
    assert_eq!(tags(&sb.contact(a)), ["意向/近期必买"]);
    // From then on the book knows it: a plain --tag takes it.
    let b = sb.add(&["--name", "李四", "--tag", "意向/近期必买"]);
    assert_eq!(tags(&sb.contact(b)), ["意向/近期必买"]);
    // And suggests it for the next typo.
    let err = sb.fail(&["add", "--name", "王五", "--tag", "意向/近其必买"]);
    assert!(err.contains("最接近的：意向/近期必买"), "{err}");
}

#[test]
fn derived_tags_are_never_typed_and_always_current() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "张三", "--grade", "B"]);
    let id_s = id.to_string();
    let err = sb.fail(&["edit", &id_s, "--tag", "购买次数/2次"]);
    assert!(
        err.contains("标签 '购买次数/2次' 所在的分组由 salesbook 根据客户的资料和购买记录自动维护，不能手动设置"),
        "{err}"
    );
    assert!(
        sb.fail(&["edit", &id_s, "--new-tag", "客户层级/铂金"])
            .contains("自动维护")
    );
    assert!(tags(&sb.contact(id)).is_empty());
    // Bought once: tier C, and the derived tags say so.
    sb.ok(&["won", &id_s, "--amount", "599", "--product", "家庭营养礼盒"]);
    let c = sb.contact(id);
    assert_eq!(c["tier"], "C");
    assert_eq!(tags(&c), ["客户层级/内容种草", "购买次数/1次"]);
    // Twice, and two messages from the customer: tier B; the tags move with it.
    sb.ok(&["won", &id_s, "--amount", "999", "--product", "焕颜精华套装"]);
    sb.ok(&["log", &id_s, "--inbound", "--note", "用着不错"]);
    sb.ok(&["log", &id_s, "--inbound", "--note", "下次还找你"]);
    let c = sb.contact(id);
    assert_eq!(c["tier"], "B");
    assert_eq!(tags(&c), ["客户层级/场景唤醒", "购买次数/2次"]);
    // Kept by the log like any change: the book verifies, and undo takes them back (the
    // two messages and the second purchase).
    sb.ok(&["verify"]);
    sb.ok(&["undo", "--steps", "3"]);
    let c = sb.contact(id);
    assert_eq!(c["tier"], "C");
    assert_eq!(tags(&c), ["客户层级/内容种草", "购买次数/1次"]);
    sb.ok(&["verify"]);
}

#[test]
fn tiers_show_on_the_card_in_lists_and_filter_them() {
    let sb = Sb::new();
    let lead = sb.add(&["--name", "线索", "--grade", "A"]);
    let buyer = sb.add(&["--name", "老客", "--grade", "A"]);
    let b = buyer.to_string();
    for (amount, product) in [
        ("2999", "季度私教课"),
        ("1999", "进阶训练营"),
        ("999", "年度会员"),
    ] {
        sb.ok(&["won", &b, "--amount", amount, "--product", product]);
        sb.ok(&["reopen", &b]);
    }
    sb.ok(&["won", &b, "--amount", "599", "--product", "家庭营养礼盒"]);
    for note in [
        "谢谢",
        "上课很开心",
        "想再报一个",
        "推荐了朋友",
        "在吗",
        "看到了",
    ] {
        sb.ok(&["log", &b, "--inbound", "--note", note]);
    }
    // Four purchases, ¥6596 and six messages: deep binding.
    assert_eq!(sb.contact(buyer)["tier"], "A");
    assert_eq!(sb.contact(lead).get("tier"), None);
    let card = sb.ok(&["show", &b]);
    assert!(card.contains("客户层级  A 深度绑定"), "{card}");
    let listed = sb.json(&["list", "--tier", "A", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "老客");
    assert_eq!(
        sb.json(&["list", "--tier", "深度绑定", "--format", "json"]),
        listed
    );
    assert_eq!(
        sb.json(&["list", "--tier", "C", "--format", "json"]),
        json!([])
    );
    // The list table grows a tier column once it holds customers.
    let table = sb.ok(&["list"]);
    assert!(
        table.lines().next().unwrap().contains("客户层级"),
        "{table}"
    );
    let leads_only = sb.ok(&["list", "--outcome", "open"]);
    assert!(!leads_only.contains("客户层级"), "{leads_only}");
    let err = sb.fail(&["list", "--tier", "D"]);
    assert!(err.contains("没有客户层级 'D'"), "{err}");
}

#[test]
fn an_e_commerce_book_derives_its_tags_from_purchases() {
    let sb = Sb::new();
    sb.add(&["--name", "占位"]);
    sb.ok(&["template", "use", "ecommerce"]);
    let id = sb.add(&["--name", "张三", "--source", "直播间"]);
    // The source group follows the contact's source.
    assert_eq!(tags(&sb.contact(id)), ["客户来源/直播间"]);
    sb.ok(&[
        "won",
        &id.to_string(),
        "--amount",
        "129",
        "--product",
        "养生茶",
    ]);
    assert_eq!(
        tags(&sb.contact(id)),
        [
            "客户层级/内容种草",
            "客户来源/直播间",
            "月消费/100-300元",
            "购买次数/首单",
            // 30-day tea, reminded 5 days before: 2026-12-18.
            "预计复购时间/2026-12",
            "首单时间/2026-11",
        ]
    );
    // A new source replaces the old tag.
    sb.ok(&["edit", &id.to_string(), "--source", "社群"]);
    assert!(tags(&sb.contact(id)).contains(&"客户来源/社群".to_string()));
    assert!(!tags(&sb.contact(id)).contains(&"客户来源/直播间".to_string()));

    // Back on the default template: the groups only the e-commerce template kept up to
    // date go (they would go stale), the ones both have are derived its way, and the
    // source tag stays — 客户来源 is the rep's own group there.
    let tea_book = sb.contact(id);
    sb.ok(&["template", "use", "default"]);
    assert_eq!(
        tags(&sb.contact(id)),
        ["客户层级/内容种草", "客户来源/社群", "购买次数/1次"],
        "was {:?}",
        tags(&tea_book)
    );
    // The rep's own tags in a group no template knows are never touched.
    sb.ok(&["edit", &id.to_string(), "--new-tag", "老客/茶友"]);
    sb.ok(&["template", "use", "ecommerce"]);
    sb.ok(&["template", "use", "default"]);
    assert!(tags(&sb.contact(id)).contains(&"老客/茶友".to_string()));
}
