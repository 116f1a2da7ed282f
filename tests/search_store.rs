//! Search through the library (`Book` and `Store::search`), case by case against the spec
//! of "Search as you type": what is found (every field from one character on, pinyin with
//! each syllable typed as any prefix of itself), how it ranks, what `matched` says, the
//! total and `limit`. How the index follows writes is in `search_index.rs`; the whole
//! ranking against an independent reference is in `search_recall.rs`.

mod search_support;

use salesbook::domain::search::MatchClass;
use salesbook::domain::{ContactId, Interaction, InteractionKind, NewContact, Outcome, Stage};
use salesbook::store::bulk::SeedContact;
use salesbook::store::{Store, TOTAL_CAP};
use search_support::{Fx, person, s, tags, utc, zhang_sanfeng};

/// Fifteen contacts, one every ten minutes (so a later one is more recent), with every
/// searchable field filled on some of them, and surnames of several readings.
fn world() -> Fx {
    let mut fx = Fx::new();
    let people = vec![
        NewContact {
            tags: tags(&["客户来源/朋友圈", "意向/近期购买"]),
            ..zhang_sanfeng()
        },
        NewContact {
            phone: s("139 1234 5678"),
            company: s("峨眉贸易"),
            need: s("护肤保养"),
            ..person("张伟")
        },
        NewContact {
            honorific: s("王姐"),
            company: s("昆仑集团"),
            source: s("老客户转介绍"),
            wechat: s("Fang_Wang88"),
            need: s("减肥塑形"),
            budget: s("两万以内"),
            tags: tags(&["客户来源/转介绍"]),
            notes: s("周末才有空"),
            ..person("王芳")
        },
        NewContact {
            phone: s("021-6666 8888"),
            need: s("给孩子买保险"),
            budget: s("月供五百"),
            tags: tags(&["意向/观望"]),
            ..person("李四光")
        },
        person("吕布"),
        NewContact {
            company: s("Acme Corp"),
            ..person("Tom Lee")
        },
        person("单雄信"),
        person("曾国藩"),
        person("仇英"),
        person("解缙"),
        person("区伟"),
        person("查良镛"),
        person("朴树"),
        person("乐嘉"),
        person("覃雨"),
    ];
    for (i, p) in people.into_iter().enumerate() {
        fx.add(i as i64 * 10, p);
    }
    // A plain note is timeline text but not a touch: recency stays the creation time.
    fx.note(1000, "李四光", "客户说下个月再联系");
    fx
}

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
fn each_syllable_as_any_prefix_of_itself() {
    let fx = world();
    for q in [
        "zs",
        "zsf",
        "ZSF",
        "ｚｓ",
        "zhsf",
        "zhsanfeng",
        "zhasanf",
        "zsanf",
        "zhangsf",
        "zhangs",
        "zhangsan",
        "zhangsanfeng",
        "zhang san",
        "sanfeng",
        "sf",
        "张s",
        "张san",
        "zhang三",
        "z三f",
    ] {
        fx.expect(q, 20, false, &[("张三丰", "pinyin")]);
    }
    let cases: &[(&str, &[&str])] = &[
        ("zhang", &["张伟", "张三丰"]),
        ("zhangwei", &["张伟"]),
        ("zw", &["张伟"]),
        ("zhw", &["张伟"]),
        ("wangfang", &["王芳"]),
        ("wf", &["王芳"]),
        ("wfa", &["王芳"]),
        ("lsg", &["李四光"]),
        ("lisiguang", &["李四光"]),
        ("lisig", &["李四光"]),
        ("张w", &["张伟"]),
        ("王f", &["王芳"]),
        // ü typed as v or as u.
        ("lv", &["吕布"]),
        ("lvbu", &["吕布"]),
        ("lubu", &["吕布"]),
        ("lb", &["吕布"]),
        ("吕b", &["吕布"]),
    ];
    for (q, want) in cases {
        fx.expect_names(q, want);
        for h in fx.search(q, 20, false) {
            assert_eq!(
                (h.matched, h.class),
                ("pinyin", MatchClass::Pinyin),
                "{q:?} → {}",
                h.contact.name
            );
        }
    }
    // A hanzi typed in a mixed query must be in the name (章 reads zhang too).
    for q in ["章s", "章san", "zhang山", "李w", "z四"] {
        fx.none(q);
    }
    for q in ["zx", "zhangx", "sanz", "zsfx", "lvx", "zhangshan"] {
        fx.none(q);
    }
}

#[test]
fn every_reading_of_a_surname_finds_it() {
    let fx = world();
    let cases: &[(&str, &[&str])] = &[
        // 单: shan as a surname; dan and chan are its other readings.
        ("shan", &["单雄信"]),
        ("shanxiongxin", &["单雄信"]),
        ("shanx", &["单雄信"]),
        ("sxx", &["单雄信"]),
        ("dan", &["单雄信"]),
        ("danxiongxin", &["单雄信"]),
        ("dxx", &["单雄信"]),
        ("zeng", &["曾国藩"]),
        ("zengguofan", &["曾国藩"]),
        ("zgf", &["曾国藩"]),
        ("cgf", &["曾国藩"]),
        ("qiu", &["仇英"]),
        ("qiuying", &["仇英"]),
        ("chouying", &["仇英"]),
        ("xie", &["解缙"]),
        ("xiejin", &["解缙"]),
        ("xj", &["解缙"]),
        ("jiejin", &["解缙"]),
        ("ou", &["区伟"]),
        ("ouwei", &["区伟"]),
        ("ow", &["区伟"]),
        ("quwei", &["区伟"]),
        ("zhaliangyong", &["查良镛"]),
        ("zly", &["查良镛"]),
        ("chaliangyong", &["查良镛"]),
        ("piao", &["朴树"]),
        ("piaoshu", &["朴树"]),
        ("ps", &["朴树"]),
        ("yue", &["乐嘉"]),
        ("yuejia", &["乐嘉"]),
        ("yj", &["乐嘉"]),
        // Tom Lee holds "le" in its name: names rank first.
        ("le", &["Tom Lee", "乐嘉"]),
        ("lejia", &["乐嘉"]),
        ("lj", &["乐嘉"]),
        ("qin", &["覃雨"]),
        ("qinyu", &["覃雨"]),
        ("tanyu", &["覃雨"]),
        // Both surname readings, so both natural: the most recent first.
        ("qy", &["覃雨", "仇英"]),
        // zha is 查's surname reading and a prefix of 张's: all natural, by recency.
        ("zha", &["查良镛", "张伟", "张三丰"]),
        ("单x", &["单雄信"]),
        ("曾g", &["曾国藩"]),
        ("乐j", &["乐嘉"]),
    ];
    for (q, want) in cases {
        fx.expect_names(q, want);
    }
}

#[test]
fn names_of_many_readings_keep_every_spelling() {
    let mut fx = Fx::new();
    for (i, name) in [
        "欧阳强浩",
        "曾浩红",
        "朴俊平",
        "尉迟长乐",
        "澹台灭明",
        "查行长",
        "万俟卨",
    ]
    .iter()
    .enumerate()
    {
        fx.add(i as i64, person(name));
    }
    let cases: &[(&str, &[&str])] = &[
        ("oyqh", &["欧阳强浩"]),
        ("ouyangqianghao", &["欧阳强浩"]),
        ("oyjh", &["欧阳强浩"]),
        // Natural initials first; zh + h reads 查行长 only with 行 as hang.
        ("zhh", &["曾浩红", "查行长"]),
        ("zenghaohong", &["曾浩红"]),
        ("piao", &["朴俊平"]),
        ("piaojunping", &["朴俊平"]),
        ("pjp", &["朴俊平"]),
        ("yuchi", &["尉迟长乐"]),
        ("yccl", &["尉迟长乐"]),
        ("yczl", &["尉迟长乐"]),
        ("yuchichangle", &["尉迟长乐"]),
        ("weichi", &["尉迟长乐"]),
        ("tantai", &["澹台灭明"]),
        ("ttmm", &["澹台灭明"]),
        ("tantaimieming", &["澹台灭明"]),
        ("zxz", &["查行长"]),
        ("zhaxingzhang", &["查行长"]),
        ("zhahangchang", &["查行长"]),
        ("moqi", &["万俟卨"]),
        ("mqx", &["万俟卨"]),
    ];
    for (q, want) in cases {
        fx.expect_names(q, want);
    }
}

#[test]
fn natural_readings_and_fewer_syllables_rank_first() {
    let mut fx = Fx::new();
    // The natural-reading contacts are the oldest: recency alone would put them last.
    for (m, name) in [
        (0, "山雄"),
        (1, "郑国"),
        (2, "丹雄"),
        (3, "程功"),
        (4, "熊新"),
        (5, "张航"),
        (10, "单雄信"),
        (11, "曾国藩"),
        (12, "赵航"),
    ] {
        fx.add(m, person(name));
    }
    let cases: &[(&str, &[&str])] = &[
        // 单 as a surname reads shan: both natural, the most recent first.
        ("shan", &["单雄信", "山雄"]),
        ("sx", &["单雄信", "山雄"]),
        // dan is only the dictionary's reading of 单: after the natural 丹.
        ("dan", &["丹雄", "单雄信"]),
        ("dx", &["丹雄", "单雄信"]),
        ("zg", &["曾国藩", "郑国"]),
        ("cg", &["程功", "曾国藩"]),
        // A given name alone is another spelling.
        ("xiongxin", &["熊新", "单雄信"]),
        // zhang as one syllable before z + hang.
        ("zhang", &["张航", "赵航"]),
    ];
    for (q, want) in cases {
        fx.expect_names(q, want);
    }
    // The same holds when the page is cut.
    fx.expect("dan", 1, false, &[("丹雄", "pinyin")]);
    fx.expect("zhang", 1, false, &[("张航", "pinyin")]);
}

#[test]
fn companies_sources_and_tags_have_pinyin() {
    let mut fx = Fx::new();
    fx.add(
        0,
        NewContact {
            company: s("阿里巴巴"),
            source: s("小红书"),
            tags: tags(&["意向/近期购买"]),
            ..person("马云")
        },
    );
    fx.add(1, person("阿宝"));
    for q in ["albb", "alibaba", "alib", "aliba", "阿lbb"] {
        fx.expect(q, 20, false, &[("马云", "company")]);
    }
    for q in ["jqgm", "jinqigoumai", "jinqi"] {
        fx.expect(q, 20, false, &[("马云", "tags")]);
    }
    fx.expect("xhs", 20, false, &[("马云", "source")]);
    // A name reads before a company.
    fx.expect("a", 20, false, &[("阿宝", "pinyin"), ("马云", "company")]);
    fx.none("lbb");
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
    fx.at(500).move_to(id, Stage::Pitch).expect("move");
    fx.at(510).won(id, Some(100), None).expect("won");
    fx.edit(
        "张二",
        salesbook::domain::ContactPatch {
            budget: Some(s("一千")),
            ..Default::default()
        },
    );
    check(&fx, &["张一", "张四", "张三", "张二"]);
}

#[test]
fn archived_contacts_only_with_all() {
    let mut fx = Fx::new();
    for (m, name) in [(0, "张三"), (10, "张四")] {
        fx.add(
            m,
            NewContact {
                phone: s(&format!("1380000{m:04}")),
                wechat: s(&format!("wx_{name}_x")),
                need: s("想改善睡眠"),
                notes: s("晚上方便"),
                tags: tags(&["意向/近期购买"]),
                ..person(name)
            },
        );
        fx.note(m + 1, name, "客户说下个月再联系");
    }
    let queries = [
        "张",
        "张三",
        "zhang",
        "zs",
        "zhangsan",
        "改善睡眠",
        "睡眠",
        "1380000",
        "晚上方便",
        "下个月",
        "近期",
        "jqgm",
    ];
    let before: Vec<Vec<String>> = queries.iter().map(|q| fx.names(q, false)).collect();
    for (q, b) in queries.iter().zip(&before) {
        assert!(b.contains(&"张三".to_string()), "{q:?} finds 张三: {b:?}");
    }
    let id = fx.id("张三");
    fx.at(20).set_archived(id, true).expect("archive");
    for (q, b) in queries.iter().zip(&before) {
        let without: Vec<String> = b.iter().filter(|n| *n != "张三").cloned().collect();
        assert_eq!(fx.names(q, false), without, "{q:?} without --all");
        // With --all, archived contacts rank among the others by recency.
        assert_eq!(&fx.names(q, true), b, "{q:?} with --all");
        assert_eq!(fx.results(q, 20, false).total, without.len(), "{q:?}");
        assert_eq!(fx.results(q, 20, true).total, b.len(), "{q:?} --all");
    }
    for h in fx.search("张", 20, true) {
        assert_eq!(h.contact.archived, h.contact.name == "张三");
    }
    fx.at(30).set_archived(id, false).expect("unarchive");
    for (q, b) in queries.iter().zip(&before) {
        assert_eq!(&fx.names(q, false), b, "{q:?} after unarchive");
    }
}

#[test]
fn limit_cuts_the_ranked_list() {
    let mut fx = Fx::new();
    let given = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
    for (i, g) in given.chars().enumerate() {
        fx.add(
            i as i64,
            NewContact {
                phone: s(&format!("1380000{i:04}")),
                need: s("想改善睡眠"),
                notes: s("晚上方便"),
                ..person(&format!("张{g}"))
            },
        );
    }
    // Newest first: 张酉 (minute 29) … 张一 (minute 0).
    let newest_first: Vec<ContactId> = given
        .chars()
        .rev()
        .map(|g| fx.id(&format!("张{g}")))
        .collect();
    for q in ["张", "zhang", "zh", "1380000", "改善睡眠", "睡", "晚上方便"] {
        for limit in [0, 1, 2, 5, 20, 29, 30, 31, 100] {
            let r = fx.results(q, limit, false);
            let got: Vec<ContactId> = r.hits.iter().map(|h| h.contact.id).collect();
            assert_eq!(got, newest_first[..limit.min(30)], "{q:?} limit {limit}");
            assert_eq!(
                (r.total, r.total_is_exact),
                (30, true),
                "{q:?} limit {limit}"
            );
        }
    }
}

#[test]
fn a_mixed_query_keeps_its_hanzi_even_when_the_page_is_short() {
    let mut fx = Fx::new();
    // 李明 is the oldest of ten names all typed "lim…" (李 has the one reading li).
    fx.add(0, person("李明"));
    for (i, n) in [
        "黎明", "厉敏", "栗梅", "力明", "利民", "郦美", "丽梦", "莉曼", "励苗",
    ]
    .iter()
    .enumerate()
    {
        fx.add(10 + i as i64, person(n));
    }
    assert_eq!(fx.search("lim", 50, false).len(), 10);
    for limit in [1, 2, 3, 20] {
        fx.expect("李m", limit, false, &[("李明", "pinyin")]);
        fx.expect("李ming", limit, false, &[("李明", "pinyin")]);
        let with_ming = [("力明", "pinyin"), ("黎明", "pinyin"), ("李明", "pinyin")];
        fx.expect("l明", limit, false, &with_ming[..limit.min(3)]);
    }
    fx.expect("lim", 2, false, &[("励苗", "pinyin"), ("莉曼", "pinyin")]);
}

/// `n` contacts 客户0…客户{n-1}, one a minute, every hundredth archived, each with a need,
/// a phone and a note: more matches than the old candidate cap of 2,000.
fn crowd(n: i64) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("crowd.sqlite")).expect("open");
    let seeds = (0..n).map(|i| {
        let created = utc(i);
        let mut note = Interaction::new(
            0,
            created + chrono::Duration::seconds(30),
            InteractionKind::Note,
        );
        note.text = Some("客户说下个月再联系".into());
        SeedContact {
            contact: NewContact {
                phone: s(&format!("1380000{i:04}")),
                need: s("想改善睡眠"),
                ..person(&format!("客户{i}"))
            },
            stage: Stage::Discover,
            outcome: Outcome::Open,
            lost_reason: None,
            created_at: created,
            archived: i % 100 == 99,
            history: vec![note],
            purchases: Vec::new(),
        }
    });
    store
        .write(|w| w.insert_seeds("tester", seeds))
        .expect("insert seeds");
    (dir, store)
}

#[test]
fn totals_are_counted_and_limit_is_honoured_past_two_thousand() {
    const N: i64 = 2300;
    let (_dir, store) = crowd(N);
    let active = (0..N).filter(|i| i % 100 != 99).count();
    for q in ["客户", "改善睡眠", "睡", "下个月再联系", "1380000", "kh"] {
        // A page as large as asked, past 2,000, newest first.
        let r = store.search(q, 2500, false).expect("search");
        assert_eq!(r.hits.len(), active, "{q:?}");
        assert_eq!((r.total, r.total_is_exact), (active, true), "{q:?}");
        let ids: Vec<ContactId> = r.hits.iter().map(|h| h.contact.id).collect();
        let newest: Vec<ContactId> = (1..=N).rev().filter(|id| id % 100 != 0).collect();
        assert_eq!(ids, newest, "{q:?}");
        let r = store.search(q, 2500, true).expect("search");
        assert_eq!((r.hits.len(), r.total), (N as usize, N as usize), "{q:?}");
        // A small page: counting stops at the cap and says so.
        let r = store.search(q, 20, false).expect("search");
        assert_eq!(r.hits.len(), 20);
        assert_eq!((r.total, r.total_is_exact), (TOTAL_CAP, false), "{q:?}");
    }
    // Under the cap, the total is exact even when the page is cut.
    let r = store.search("客户12", 5, false).expect("search");
    assert_eq!(r.hits[0].contact.name, "客户12");
    assert_eq!(r.hits[0].class, MatchClass::ExactName);
    // 客户12, 客户120–129, 客户1200–1299 but 客户1299 (archived).
    assert_eq!((r.hits.len(), r.total, r.total_is_exact), (5, 110, true));
    let r = store.search("客户12", 0, false).expect("search");
    assert_eq!((r.hits.len(), r.total, r.total_is_exact), (0, 110, true));
}
