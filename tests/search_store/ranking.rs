//! How results rank: match classes, Chinese queries short and long, recent activity, then the id. Part of `search_store.rs`, whose helpers it uses.

use super::*;

#[test]
fn ranking_exact_then_prefix_then_name_then_pinyin_then_fields_then_notes() {
    let mut fx = Fx::new();
    // Each later contact is more recent, so recency alone would reverse this order.
    fx.add(0, person("Lina"));
    fx.add(10, person("Linabell"));
    fx.add(20, person("Carolina"));
    fx.add(30, person("李娜"));
    fx.add(
        40,
        NewContact {
            wechat: s("lina_88"),
            ..person("王五")
        },
    );
    fx.add(
        50,
        NewContact {
            notes: s("lina介绍来的"),
            ..person("赵六")
        },
    );
    fx.add(60, person("钱七"));
    fx.note(70, "钱七", "和Lina一起来的");
    let want = [
        ("Lina", "name"),
        ("Linabell", "name"),
        ("Carolina", "name"),
        ("李娜", "pinyin"),
        ("王五", "wechat"),
        ("钱七", "timeline"),
        ("赵六", "notes"),
    ];
    fx.expect("lina", 20, false, &want);
    assert_eq!(
        fx.classes("LINA"),
        [
            MatchClass::ExactName,
            MatchClass::NamePrefix,
            MatchClass::Name,
            MatchClass::Pinyin,
            MatchClass::Field,
            MatchClass::Notes,
            MatchClass::Notes,
        ]
    );
    // Each page is the head of the full ranking, and the total counts them all.
    for limit in 0..=8 {
        fx.expect("lina", limit, false, &want[..limit.min(7)]);
        let r = fx.results("lina", limit, false);
        assert_eq!((r.total, r.total_is_exact), (7, true), "limit {limit}");
    }
}

#[test]
fn ranking_of_chinese_queries_short_and_long() {
    let mut fx = Fx::new();
    fx.add(0, person("张伟"));
    fx.add(10, person("张伟明"));
    fx.add(20, person("李张伟"));
    fx.add(
        30,
        NewContact {
            company: s("张伟科技"),
            ..person("王五")
        },
    );
    fx.add(
        40,
        NewContact {
            notes: s("张伟介绍来的"),
            ..person("赵六")
        },
    );
    fx.expect(
        "张伟",
        20,
        false,
        &[
            ("张伟", "name"),
            ("张伟明", "name"),
            ("李张伟", "name"),
            ("王五", "company"),
            ("赵六", "notes"),
        ],
    );
    assert_eq!(
        fx.classes("张伟"),
        [
            MatchClass::ExactName,
            MatchClass::NamePrefix,
            MatchClass::Name,
            MatchClass::Field,
            MatchClass::Notes,
        ]
    );

    fx.add(100, person("欧阳锋"));
    fx.add(110, person("欧阳锋华"));
    fx.add(120, person("小欧阳锋"));
    fx.add(
        130,
        NewContact {
            need: s("想找欧阳锋学武"),
            ..person("孙八")
        },
    );
    fx.add(
        140,
        NewContact {
            notes: s("欧阳锋介绍来的"),
            ..person("周九")
        },
    );
    fx.add(150, person("吴十"));
    fx.note(160, "吴十", "见过欧阳锋");
    fx.expect(
        "欧阳锋",
        20,
        false,
        &[
            ("欧阳锋", "name"),
            ("欧阳锋华", "name"),
            ("小欧阳锋", "name"),
            ("孙八", "need"),
            ("吴十", "timeline"),
            ("周九", "notes"),
        ],
    );
    // 小欧阳锋 reads oyf only from its given name (after the surname 小): it ranks after
    // the natural spellings.
    fx.expect_names("oyf", &["欧阳锋华", "欧阳锋", "小欧阳锋"]);
    fx.expect_names("ouyangfeng", &["欧阳锋华", "欧阳锋", "小欧阳锋"]);
}

#[test]
fn recent_activity_breaks_ties_then_id() {
    let mut fx = Fx::new();
    // Same minute: equal recency, so the id decides.
    for (i, name) in ["张一", "张二", "张三"].iter().enumerate() {
        fx.add(
            0,
            NewContact {
                phone: s(&format!("1380000000{}", i + 1)),
                need: s("想改善睡眠"),
                notes: s("晚上方便"),
                ..person(name)
            },
        );
    }
    // One query per lookup: name, pinyin (short and long), text field, phone, notes.
    let queries = [
        "张",
        "zhang",
        "zhangy",
        "改善睡眠",
        "睡",
        "1380000",
        "晚上方便",
    ];
    let check = |fx: &Fx, want: &[&str]| {
        for q in queries {
            let want: Vec<&str> = if q == "zhangy" {
                // Only 张一 reads zhang-y….
                want.iter().copied().filter(|n| *n == "张一").collect()
            } else {
                want.to_vec()
            };
            fx.expect_names(q, &want);
        }
    };
    check(&fx, &["张一", "张二", "张三"]);
    // A touch makes a contact the most recent.
    fx.touch(100, "张二", "发了资料");
    check(&fx, &["张二", "张一", "张三"]);
    fx.touch(200, "张三", "约了周二");
    check(&fx, &["张三", "张二", "张一"]);
    // A plain note is not a touch: nothing moves.
    fx.note(300, "张一", "记一下");
    check(&fx, &["张三", "张二", "张一"]);
    // An older touch does not move the last touch back.
    fx.touch(150, "张三", "补记一次");
    check(&fx, &["张三", "张二", "张一"]);
    // Creation counts when there is no touch: 张四 (250) is newer than 张三's touch (200).
    fx.add(
        250,
        NewContact {
            phone: s("13800000004"),
            need: s("想改善睡眠"),
            notes: s("晚上方便"),
            ..person("张四")
        },
    );
    check(&fx, &["张四", "张三", "张二", "张一"]);
    fx.touch(400, "张一", "电话回访");
    check(&fx, &["张一", "张四", "张三", "张二"]);
    // Stage moves, wins and edits are not touches either.
    let id = fx.id("张二");
    fx.run(
        500,
        Command::Move {
            id,
            to: Stage::Pitch,
        },
    );
    fx.run(
        510,
        Command::Won {
            id,
            amount_cents: Some(100),
            product: None,
        },
    );
    fx.edit(
        "张二",
        salesbook::domain::ContactPatch {
            budget: Some(s("一千")),
            ..Default::default()
        },
    );
    check(&fx, &["张一", "张四", "张三", "张二"]);
}
