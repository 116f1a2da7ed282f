use super::spell::{self, KeyRow, Reading, Spelled, dictionary_readings, name_rows, reads_as};
use super::*;

/// The filter the store runs on heads: open heads fit anything; otherwise GLOB, same
/// length, `?` matching any one character.
fn fits(pattern: &str, heads: &str) -> bool {
    heads == spell::OPEN_HEADS
        || pattern.len() == heads.len()
            && pattern
                .bytes()
                .zip(heads.bytes())
                .all(|(p, h)| p == b'?' || p == h)
}

/// What the index answers for `q` over one name: the best (span, reading) of a row found
/// by a probe, checked like the store checks it.
fn indexed(name: &str, q: &str) -> Option<(usize, Reading)> {
    let q = PinyinQuery::parse(&fold(q))?;
    let rows = name_rows(name);
    let sp = Spelled::new(name, true);
    let mut best: Option<(usize, Reading)> = None;
    for p in spell::probes(&q) {
        let hit = |rows: &[KeyRow], how: Reading| {
            rows.iter().any(|r| {
                r.key == p.key
                    && fits(&p.pattern, &r.heads)
                    && ((p.certain && r.heads != spell::OPEN_HEADS)
                        || reads_as(&q, &sp, r.start, p.span(), how))
            })
        };
        let found = if hit(&rows.natural, Reading::Natural) {
            Some((p.span(), Reading::Natural))
        } else if hit(&rows.natural, Reading::Any) || hit(&rows.other, Reading::Any) {
            Some((p.span(), Reading::Any))
        } else {
            None
        };
        if let Some(f) = found
            && best.is_none_or(|b| rank(f) < rank(b))
        {
            best = Some(f);
        }
    }
    best
}

/// Natural readings first, then the fewest syllables.
fn rank((span, how): (usize, Reading)) -> (bool, usize) {
    (how == Reading::Any, span)
}

/// The plain definition: the query read syllable by syllable against the name, from its
/// first character or (any reading) from its given name.
fn plainly(name: &str, q: &str) -> Option<(usize, Reading)> {
    let q = PinyinQuery::parse(&fold(q))?;
    let sp = Spelled::new(name, true);
    let given = surnames::of_name(&name.chars().collect::<Vec<_>>())
        .map(|s| s.len())
        .filter(|g| *g < sp.len());
    let natural = (1..=sp.len()).find(|&span| reads_as(&q, &sp, 0, span, Reading::Natural));
    let other = (1..=sp.len()).find(|&span| {
        reads_as(&q, &sp, 0, span, Reading::Any)
            || given.is_some_and(|g| reads_as(&q, &sp, g, span, Reading::Any))
    });
    natural
        .map(|span| (span, Reading::Natural))
        .or(other.map(|span| (span, Reading::Any)))
}

fn finds(name: &str, q: &str) -> bool {
    let got = indexed(name, q);
    assert_eq!(
        got,
        plainly(name, q),
        "{name} / {q}: index vs plain reading"
    );
    got.is_some()
}

#[test]
fn every_dictionary_reading_is_a_listed_syllable() {
    let mut chars = 0;
    for range in [
        0x3400u32..=0x4DBF,
        0x4E00..=0x9FFF,
        0xF900..=0xFAFF,
        0x20000..=0x2FA1F,
    ] {
        for c in range.filter_map(char::from_u32) {
            for r in dictionary_readings(c) {
                chars += 1;
                for typed in [
                    r.replace('ü', "v").replace('ê', "e"),
                    r.replace('ü', "u").replace('ê', "e"),
                ] {
                    assert!(syllables::is_syllable(&typed), "{c}: {r} as {typed}");
                }
            }
        }
    }
    assert!(chars > 40_000, "{chars} readings");
    for (_, readings) in surnames::SINGLE {
        assert!(readings.iter().all(|r| syllables::is_syllable(r)));
    }
    for (_, readings) in surnames::COMPOUND {
        assert!(
            readings
                .iter()
                .all(|r| syllables::is_syllable(&r.replace('ü', "v")))
        );
    }
}

#[test]
fn each_syllable_as_any_prefix_of_itself() {
    for q in [
        "z",
        "zs",
        "zsf",
        "zhsf",
        "zhsanfeng",
        "zhasanf",
        "zsanf",
        "zhangsf",
        "zhangs",
        "zhangsan",
        "zhangsanfeng",
        "zhang san",
        "ZHSF",
        "ｚｈｓｆ",
        "sanfeng",
        "sf",
        "张s",
        "张sanf",
        "z三f",
        "zhang三丰",
    ] {
        assert!(finds("张三丰", q), "{q} should find 张三丰");
    }
    for q in [
        "zx",
        "zhangx",
        "sanz",
        "zsfx",
        "zhsx",
        "章s",
        "zhangshan",
        "fen",
    ] {
        assert!(!finds("张三丰", q), "{q} should not find 张三丰");
    }
}

#[test]
fn every_spelling_of_many_reading_names_is_kept() {
    let cases: &[(&str, &[&str])] = &[
        (
            "欧阳强浩",
            &["oyqh", "ouyang", "ouyangqianghao", "oyjh", "qh", "qianghao"],
        ),
        (
            "曾浩红",
            &["zhh", "zenghaohong", "chh", "zhg", "zenghaogong"],
        ),
        (
            "朴俊平",
            &["piao", "piaojunping", "pjp", "pujunping", "psb"],
        ),
        (
            "尉迟长乐",
            &[
                "yuchi",
                "yccl",
                "yczl",
                "yuchichangle",
                "ycc",
                "cl",
                "weichi",
            ],
        ),
        ("澹台灭明", &["tantai", "ttmm", "tantaimieming", "dantai"]),
        (
            "查行长",
            &["zxz", "zhaxingzhang", "zhc", "chaxingchang", "zhahangzhang"],
        ),
        ("单雄信", &["shan", "sxx", "danxiongxin", "chan"]),
        ("吕布", &["lv", "lu", "lvbu", "lubu", "lb"]),
        ("乐嘉", &["yue", "le", "yj", "lj", "yuejia"]),
    ];
    for (name, queries) in cases {
        for q in *queries {
            assert!(finds(name, q), "{q} should find {name}");
        }
    }
}

#[test]
fn surname_readings_are_natural_and_other_readings_rank_after() {
    // 单 as a surname is shan: natural. dan is its dictionary reading, not the surname's.
    assert_eq!(indexed("单雄信", "shan"), Some((1, Reading::Natural)));
    assert_eq!(indexed("单雄信", "dan"), Some((1, Reading::Any)));
    assert_eq!(indexed("尉迟长乐", "yuchi"), Some((2, Reading::Natural)));
    assert_eq!(indexed("尉迟长乐", "weichi"), Some((2, Reading::Any)));
    // 长 reads zhang first in the dictionary, chang in 长乐 as typed.
    assert_eq!(indexed("尉迟长乐", "yczl"), Some((4, Reading::Natural)));
    assert_eq!(indexed("尉迟长乐", "yccl"), Some((4, Reading::Any)));
    // The given name alone reads any way and ranks with the other readings.
    assert_eq!(indexed("张三丰", "sanfeng"), Some((2, Reading::Any)));
    // Fewer syllables rank first: zhang as one syllable before z + hang.
    assert_eq!(indexed("张航", "zhang"), Some((1, Reading::Natural)));
    assert_eq!(indexed("赵航", "zhang"), Some((2, Reading::Natural)));
    // Natural readings rank first: 曾浩红 by its initials, 查行长 only as zh + hang.
    assert_eq!(indexed("曾浩红", "zhh"), Some((3, Reading::Natural)));
    assert_eq!(indexed("查行长", "zhh"), Some((2, Reading::Any)));
}

#[test]
fn the_index_answers_as_the_plain_reading_on_random_names() {
    // A pool rich in many-reading characters and compound surnames.
    let pool: Vec<char> =
        "张王李单曾查乐长行重朴区仇覃尉迟澹台欧阳万俟三丰强浩红俊平雄信吕女略说还和血率"
            .chars()
            .collect();
    let mut seed = 0x5eed_u64;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut checked = 0;
    for _ in 0..400 {
        let len = 1 + next(4);
        let name: String = (0..len).map(|_| pool[next(pool.len())]).collect();
        let sp: Vec<Vec<&str>> = name.chars().map(dictionary_readings).collect();
        for _ in 0..12 {
            // Type some syllables as prefixes of some reading, sometimes as the hanzi, and
            // sometimes add a stray letter.
            let from = next(2).min(len - 1);
            let upto = from + 1 + next(len - from);
            let mut q = String::new();
            for (i, c) in name.chars().enumerate().take(upto).skip(from) {
                let r = sp[i][next(sp[i].len())].replace('ü', "v");
                match next(5) {
                    0 => q.push(c),
                    _ => q.push_str(&r[..1 + next(r.len())]),
                }
            }
            if next(4) == 0 {
                q.push((b'a' + next(26) as u8) as char);
            }
            let _ = finds(&name, &q);
            checked += 1;
        }
    }
    assert!(checked > 4000);
}

#[test]
fn probes_cut_queries_into_syllables() {
    let keys = |q: &str| -> Vec<(String, String, bool)> {
        let mut v: Vec<_> = spell::probes(&PinyinQuery::parse(q).expect("pinyin"))
            .into_iter()
            .map(|p| (p.key, p.pattern, p.certain))
            .collect();
        v.sort();
        v
    };
    assert_eq!(keys("zs"), [("zs".into(), "z?s?".into(), true)]);
    assert!(keys("zhsf").contains(&("zsf".into(), "zhs?f?".into(), true)));
    assert!(keys("zhsf").contains(&("zhsf".into(), "z?h?s?f?".into(), true)));
    assert!(keys("zhangsanfeng").contains(&("zsf".into(), "zhsafe".into(), false)));
    // 张 reads zhang only: its heads are exact.
    assert_eq!(keys("张s"), [("zs".into(), "zhs?".into(), false)]);
    // Not pinyin: digits, punctuation, no letter.
    for q in ["wx_abc", "138", "张三", "a1"] {
        assert!(PinyinQuery::parse(q).is_none(), "{q}");
    }
    // Letters that cannot start a syllable make no probe.
    assert!(spell::probes(&PinyinQuery::parse("ix").expect("pinyin")).is_empty());
    // A long query is cut a bounded number of ways.
    let long = PinyinQuery::parse("zhangsanfengzhangsanfengzhangsanfeng").expect("pinyin");
    let n = spell::probes(&long).len();
    assert!((1..=spell::MAX_PROBES).contains(&n), "{n}");
}

#[test]
fn rows_of_a_name() {
    let rows = name_rows("张三丰");
    let natural: Vec<(&str, &str, usize)> = rows
        .natural
        .iter()
        .map(|r| (r.key.as_str(), r.heads.as_str(), r.start))
        .collect();
    assert_eq!(
        natural,
        [("z", "zh", 0), ("zs", "zhsa", 0), ("zsf", "zhsafe", 0)]
    );
    // The given name, from its first syllable.
    assert!(rows.other.iter().any(|r| r.key == "sf" && r.start == 1));
    // A Latin name has no pinyin.
    assert_eq!(name_rows("Tom Lee"), Default::default());
    // Rows stay bounded for a long name of many-reading characters.
    let many = name_rows(&"和".repeat(12));
    assert!(many.other.len() < 2000, "{}", many.other.len());
}

#[test]
fn folding_and_phone_digits() {
    assert_eq!(fold(" 张 三\u{3000}Ｔｏｍ "), "张三tom");
    assert_eq!(phone_digits("138-0000"), Some("1380000".into()));
    assert_eq!(phone_digits("１３８ ０"), Some("1380".into()));
    assert!(phone_digits("wx1").is_none() && phone_digits("--").is_none());
}

#[test]
fn a_number_pasted_with_its_country_code_is_looked_up_as_dialled_at_home() {
    for typed in [
        "+86 138 0000 1234",
        "＋８６ １３８００００１２３４",
        "0086-138-0000-1234",
        "8613800001234",
    ] {
        assert_eq!(plan(typed).phone.as_deref(), Some("13800001234"), "{typed}");
    }
    assert_eq!(
        plan("+86 10 1234 5678").phone.as_deref(),
        Some("01012345678")
    );
    // Other numbers as typed; a plain number is text.
    assert_eq!(
        plan("+1 415 555 0100").phone.as_deref(),
        Some("14155550100")
    );
    assert_eq!(plan("138-0000").phone.as_deref(), Some("1380000"));
    assert_eq!(plan("13800001234").phone, None);
    assert_eq!(plan("86-138").phone.as_deref(), Some("86138"));
}

#[test]
fn order_keys_put_active_then_recent_then_low_ids_first() {
    let k = |id, t, archived| order_key(id, t, archived).expect("key");
    assert!(k(5, 100, false) < k(5, 99, false));
    assert!(k(4, 100, false) < k(5, 100, false));
    assert!(k(5, 1, false) < k(5, 100, true));
    assert_eq!(id_of_key(k(12345, 1_800_000_000, true)), 12345);
    assert_eq!(rank_of_key(k(7, 50, false)), rank_of_key(k(7, 50, true)));
    // Without the flag, an archived key is its active key: merged, recency then id decide.
    assert_eq!(rank_of_key(k(7, 50, true)), k(7, 50, false));
    assert!(rank_of_key(k(5, 100, true)) < rank_of_key(k(5, 99, false)));
    assert!(rank_of_key(k(4, 100, false)) < rank_of_key(k(5, 100, true)));
    assert!(order_key(1 << 30, 0, false).is_none());
    assert!(order_key(-1, 0, false).is_none());
    // Times out of range count as the nearest one in range.
    assert_eq!(k(1, -5, false), k(1, 0, false));
    assert_eq!(k(1, 1 << 40, false), k(1, (1 << 32) - 1, false));
}

#[test]
fn plans_read_the_query() {
    let p = plan("张 三");
    assert_eq!(p.compact, "张三");
    assert!(p.pinyin.is_none() && p.phone.is_none());
    let p = plan("ＺＳ");
    assert_eq!(p.compact, "zs");
    assert!(p.pinyin.is_some() && !p.probes.is_empty());
    let p = plan("138-0000");
    assert_eq!(p.phone.as_deref(), Some("1380000"));
    // A plain number is found as text: no separate phone lookup.
    assert!(plan("1380000").phone.is_none());
    assert!(plan("  ").compact.is_empty());
}

#[test]
fn surname_readings_of_a_character_come_from_both_tables() {
    let of = |c: char| surnames::readings_of(c).collect::<Vec<_>>();
    // 单 reads shan alone and chan in 单于; 万 reads wan alone and mo in 万俟.
    assert_eq!(of('单'), ["shan", "chan"]);
    assert_eq!(of('万'), ["wan", "mo"]);
    // 俟 only in a compound; 张 in no surname table (its dictionary reading serves).
    assert_eq!(of('俟'), ["qi"]);
    assert!(of('张').is_empty());
}

#[test]
fn a_company_is_spelled_by_the_initials_of_its_syllables() {
    let keys: Vec<String> = spell::text_rows("阿里巴巴")
        .into_iter()
        .map(|r| r.key)
        .collect();
    // Every prefix of the initials: "a", "al", "alb", "albb".
    for k in ["a", "al", "alb", "albb"] {
        assert!(keys.iter().any(|x| x == k), "{k} not in {keys:?}");
    }
    // Text without Chinese characters has no spelling at all.
    assert!(spell::text_rows("ABC 123").is_empty());
}

#[test]
fn only_chinese_characters_are_spelled() {
    assert!(!Spelled::new("张三", true).is_empty());
    assert_eq!(Spelled::new("张三", true).len(), 2);
    assert!(Spelled::new("Eve 42", true).is_empty());
}

#[test]
fn e_circumflex_is_a_one_letter_reading_typed_e() {
    // 欸 reads ai, ê, xie and ei. ê is typed e, and it is one letter: its head is `e_`.
    assert_eq!(dictionary_readings('欸'), ["ai", "ê", "xie", "ei"]);
    let rows: Vec<(String, String)> = spell::text_rows("欸")
        .into_iter()
        .map(|r| (r.key, r.heads))
        .collect();
    let expected = [("a", "ai"), ("e", "e_"), ("e", "ei"), ("x", "xi")];
    assert_eq!(rows, expected.map(|(k, h)| (k.to_string(), h.to_string())));
}

#[test]
fn past_max_forms_of_initials_a_row_leaves_the_main_initials_once_at_most() {
    // 长 zhang/chang, 乐 le/yue, 重 zhong/chong/tong, 行 xing/hang/heng, 单 dan/chan/shan,
    // 说 shuo/shui/yue: 2·2·3·2·3·2 = 144 combinations of initials alone.
    let text = "长乐重行单说";
    let initials: Vec<Vec<char>> = text
        .chars()
        .map(|c| {
            let mut v: Vec<char> = Vec::new();
            for r in dictionary_readings(c) {
                let i = r.chars().next().expect("a reading has a letter");
                if !v.contains(&i) {
                    v.push(i);
                }
            }
            v
        })
        .collect();
    assert_eq!(
        initials.iter().map(Vec::len).product::<usize>(),
        144,
        "{initials:?}"
    );
    const { assert!(144 > spell::MAX_FORMS) };
    // Every prefix by its main readings' initials, and each with one of them changed for
    // another initial of its character: no key with two changes.
    let main: Vec<char> = initials.iter().map(|v| v[0]).collect();
    let mut expected = std::collections::BTreeSet::new();
    for k in 1..=main.len() {
        expected.insert(main[..k].iter().collect::<String>());
        for (i, others) in initials[..k].iter().enumerate() {
            for &o in &others[1..] {
                let mut key = main[..k].to_vec();
                key[i] = o;
                expected.insert(key.into_iter().collect::<String>());
            }
        }
    }
    let rows = spell::text_rows(text);
    // Kept by their initials alone, so each is checked against the text.
    assert!(
        rows.iter()
            .all(|r| r.heads == spell::OPEN_HEADS && r.start == 0)
    );
    let keys: std::collections::BTreeSet<String> = rows.into_iter().map(|r| r.key).collect();
    assert_eq!(keys, expected);
    assert_eq!(keys.len(), 2 + 3 + 5 + 6 + 8 + 9);
}

/// Seven 和 (each typed he or hu: 2^7 = 128 cuttings) and `n` times zhi, which cuts one way
/// only (no syllable begins with h + i, or with i).
fn hanzi_then_zhi(n: usize) -> PinyinQuery {
    PinyinQuery::parse(&format!("{}{}", "和".repeat(7), "zhi".repeat(n))).expect("pinyin")
}

#[test]
fn cutting_a_query_takes_no_step_into_a_cut_that_cannot_finish() {
    // Each way of cutting the query takes its own 100 steps through the zhi and one to end:
    // MAX_PROBES of them, with the 2 + 4 + … + 128 steps through the 和 and the first
    // cut (all initials), fit in the budget. Steps into z then h, or zh then i, which lead
    // nowhere, would cost three more per zhi and use it up before.
    const {
        assert!(spell::MAX_PROBES * 101 + 254 + 108 <= spell::WALK_BUDGET);
        assert!(spell::MAX_PROBES * 401 > spell::WALK_BUDGET);
    };
    let probes = spell::probes(&hanzi_then_zhi(100));
    assert_eq!(probes.len(), spell::MAX_PROBES);
    let key = format!("{}{}", "h".repeat(7), "z".repeat(100));
    for p in &probes {
        assert_eq!(p.key, key);
        assert!(!p.certain);
        let (hanzi, rest) = p.pattern.split_at(14);
        assert_eq!(rest, "zh".repeat(100));
        assert!(
            hanzi.as_bytes().chunks(2).all(|h| h == b"he" || h == b"hu"),
            "{hanzi}"
        );
    }
}

#[test]
fn cutting_a_query_stops_when_its_steps_run_out() {
    // With 160 zhi each way of cutting takes 161 steps of its own: the budget allows
    // WALK_BUDGET / 161 of them at most, fewer than MAX_PROBES. The first is found.
    let probes = spell::probes(&hanzi_then_zhi(160));
    assert!(!probes.is_empty());
    const { assert!(spell::WALK_BUDGET / 161 < spell::MAX_PROBES) };
    assert!(
        probes.len() <= spell::WALK_BUDGET / 161,
        "{} probes",
        probes.len()
    );
}

#[test]
fn a_query_too_long_for_a_name_is_not_read_as_pinyin() {
    // Cutting recurses once per piece: a pasted page of letters would run a thread out of
    // stack. Up to the limit a query is pinyin; past it, plain text.
    let at_limit = "a".repeat(spell::MAX_PINYIN_ITEMS);
    assert!(PinyinQuery::parse(&at_limit).is_some());
    assert!(PinyinQuery::parse(&format!("{at_limit}a")).is_none());
    assert!(PinyinQuery::parse(&format!("{at_limit}和")).is_none());
    // The longest one is cut in full, one piece per letter.
    let probes = spell::probes(&PinyinQuery::parse(&at_limit).unwrap());
    assert_eq!(probes[0].key, at_limit);
    assert!(plan(&format!("{at_limit}a")).probes.is_empty());
}
