//! Pinyin: each syllable as any prefix of itself, every reading of a surname, companies, sources and tags. Part of `search_store.rs`, whose helpers it uses.

use super::*;

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
