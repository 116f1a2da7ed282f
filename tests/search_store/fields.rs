//! What is found in every field from one character on, spaces in a query, and what `matched` says. Part of `search_store.rs`, whose helpers it uses.

use super::*;

#[test]
fn every_field_is_found_and_matched_names_it() {
    let fx = world();
    let cases: &[(&str, &[(&str, &str)])] = &[
        // Names: any length, exact / prefix / inside.
        ("张三丰", &[("张三丰", "name")]),
        ("张", &[("张伟", "name"), ("张三丰", "name")]),
        ("伟", &[("区伟", "name"), ("张伟", "name")]),
        ("王", &[("王芳", "name")]),
        ("四光", &[("李四光", "name")]),
        // Honorific, company, source, tags.
        ("掌门", &[("张三丰", "honorific")]),
        ("王姐", &[("王芳", "honorific")]),
        ("武当", &[("张三丰", "company")]),
        ("武当科技", &[("张三丰", "company")]),
        ("昆仑", &[("王芳", "company")]),
        ("朋友", &[("张三丰", "source")]),
        ("朋友圈", &[("张三丰", "source")]),
        ("老客户", &[("王芳", "source")]),
        ("转介绍", &[("王芳", "source")]),
        ("近期", &[("张三丰", "tags")]),
        ("近期购买", &[("张三丰", "tags")]),
        ("意向", &[("李四光", "tags"), ("张三丰", "tags")]),
        ("意向/近期", &[("张三丰", "tags")]),
        // Fields rank before the timeline.
        (
            "客户",
            &[
                ("王芳", "source"),
                ("张三丰", "tags"),
                ("李四光", "timeline"),
            ],
        ),
        // WeChat, any case, full-width folded.
        ("wx_abc", &[("张三丰", "wechat")]),
        ("WX_ABC", &[("张三丰", "wechat")]),
        ("ＷＸ＿ＡＢＣ", &[("张三丰", "wechat")]),
        ("fang_wang", &[("王芳", "wechat")]),
        ("WANG88", &[("王芳", "wechat")]),
        // Need, budget.
        ("改善睡眠", &[("张三丰", "need")]),
        ("减肥塑形", &[("王芳", "need")]),
        ("给孩子", &[("李四光", "need")]),
        ("3000-5000", &[("张三丰", "budget")]),
        ("两万以内", &[("王芳", "budget")]),
        ("月供五百", &[("李四光", "budget")]),
        // Notes and the timeline.
        ("晚上方便", &[("张三丰", "notes")]),
        ("周末才有空", &[("王芳", "notes")]),
        ("下个月再联系", &[("李四光", "timeline")]),
        ("客户说", &[("李四光", "timeline")]),
        // Phone digits as a substring, spaces and dashes ignored, full-width folded.
        ("8000", &[("张三丰", "phone")]),
        ("138-0000", &[("张三丰", "phone")]),
        ("138 0000 1234", &[("张三丰", "phone")]),
        ("13800001234", &[("张三丰", "phone")]),
        ("１３８", &[("张三丰", "phone")]),
        ("6666", &[("李四光", "phone")]),
        ("021-6666", &[("李四光", "phone")]),
        ("4567", &[("张伟", "phone")]),
        // Latin names and companies.
        ("tom", &[("Tom Lee", "name")]),
        ("TOM LEE", &[("Tom Lee", "name")]),
        ("lee", &[("Tom Lee", "name")]),
        ("acme", &[("Tom Lee", "company")]),
    ];
    for (q, want) in cases {
        fx.expect(q, 20, false, want);
    }
}

#[test]
fn one_and_two_characters_find_every_field() {
    let fx = world();
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("睡眠", &[("张三丰", "need")]),
        ("眠", &[("张三丰", "need")]),
        ("减肥", &[("王芳", "need")]),
        ("护肤", &[("张伟", "need")]),
        ("保险", &[("李四光", "need")]),
        ("方便", &[("张三丰", "notes")]),
        ("周末", &[("王芳", "notes")]),
        ("下个", &[("李四光", "timeline")]),
        ("供", &[("李四光", "budget")]),
        // Latin letters and digits: WeChat IDs, companies, phones.
        ("wx", &[("张三丰", "wechat")]),
        ("ac", &[("Tom Lee", "company")]),
        ("88", &[("李四光", "phone"), ("王芳", "wechat")]),
        (
            "8",
            &[
                ("李四光", "phone"),
                ("王芳", "wechat"),
                ("张伟", "phone"),
                ("张三丰", "phone"),
            ],
        ),
    ];
    for (q, want) in cases {
        fx.expect(q, 20, false, want);
    }
    for q in ["", "   ", "\u{3000}", "诸葛", "xyzzy", "99999"] {
        fx.none(q);
    }
}

#[test]
fn two_character_words_in_needs_notes_companies_and_tags() {
    let mut fx = Fx::new();
    let people = [
        NewContact {
            need: s("办公室零食团购"),
            ..person("赵一")
        },
        NewContact {
            need: s("想买护肤套装"),
            ..person("钱二")
        },
        NewContact {
            need: s("店铺进货"),
            ..person("孙三")
        },
        NewContact {
            company: s("零食铺子"),
            ..person("李四")
        },
        NewContact {
            tags: tags(&["兴趣/零食"]),
            new_tags: tags(&["兴趣/零食"]),
            ..person("周五")
        },
        NewContact {
            notes: s("喜欢零食"),
            ..person("吴六")
        },
    ];
    for (i, p) in people.into_iter().enumerate() {
        fx.add(i as i64, p);
    }
    fx.expect(
        "零食",
        20,
        false,
        &[
            ("周五", "tags"),
            ("李四", "company"),
            ("赵一", "need"),
            ("吴六", "notes"),
        ],
    );
    fx.expect("护肤", 20, false, &[("钱二", "need")]);
    fx.expect("进货", 20, false, &[("孙三", "need")]);
    fx.expect(
        "食",
        20,
        false,
        &[
            ("周五", "tags"),
            ("李四", "company"),
            ("赵一", "need"),
            ("吴六", "notes"),
        ],
    );
}

#[test]
fn spaces_inside_a_query_are_ignored() {
    let mut fx = Fx::new();
    fx.add(0, person("张三"));
    fx.add(1, person("张三丰"));
    fx.add(
        2,
        NewContact {
            need: s("想改善 睡眠"),
            ..person("李四")
        },
    );
    fx.expect("张 三", 20, false, &[("张三", "name"), ("张三丰", "name")]);
    fx.expect(" 张三 丰 ", 20, false, &[("张三丰", "name")]);
    fx.expect("张　三丰", 20, false, &[("张三丰", "name")]);
    fx.expect("改善睡眠", 20, false, &[("李四", "need")]);
    fx.expect_names("zhang san", &["张三丰", "张三"]);
}

#[test]
fn a_name_match_is_labelled_name_whatever_the_query_looks_like() {
    let mut fx = Fx::new();
    fx.add(0, person("Li Ming"));
    fx.add(1, person("Lina"));
    fx.add(2, person("李娜"));
    fx.add(3, person("王Li"));
    fx.expect(
        "li",
        20,
        false,
        &[
            ("Lina", "name"),
            ("Li Ming", "name"),
            ("王Li", "name"),
            ("李娜", "pinyin"),
        ],
    );
    fx.expect("lim", 20, false, &[("Li Ming", "name")]);
    fx.expect(
        "l",
        20,
        false,
        &[
            ("Lina", "name"),
            ("Li Ming", "name"),
            ("王Li", "name"),
            ("李娜", "pinyin"),
        ],
    );
}
