//! Search against an independent reference (`search_support::reference`: its own surname
//! table, the dictionary's readings, plain substring tests and a plain recursive pinyin
//! matcher):
//!
//! - recall: every contact of a demo book is found by its natural initials and its full
//!   pinyin, in every reading of its given name and every reading of its surname;
//! - the whole ranking, every page and every total, on a demo book and on random books
//!   full of many-reading names — which checks the index orders, the per-lookup page reads
//!   and the capped count against the plain way.

mod search_support;

use chrono::Duration;
use salesbook::domain::{Channel, Interaction, InteractionKind, NewContact, Outcome, Stage};
use salesbook::store::Store;
use salesbook::store::bulk::SeedContact;
use search_support::reference::{self, Person};
use search_support::{check_against_reference, demo_book, people_of, person, tags, utc};
use std::collections::BTreeMap;

/// Every way to type a name as its readings: the surname as the reference table reads it
/// (or by the dictionary's main reading when it is not listed), each character of the
/// given name in every reading it has. Each spelling as (initials, full pinyin).
fn spellings(name: &str) -> Vec<(String, String)> {
    let (syllables, given) = reference::syllables(name, true);
    let given = given.unwrap_or(syllables.len());
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for (i, syl) in syllables.iter().enumerate() {
        let readings = if i < given { &syl.natural } else { &syl.any };
        out = out
            .iter()
            .flat_map(|prefix| {
                readings.iter().map(move |r| {
                    let mut v = prefix.clone();
                    v.push(r.clone());
                    v
                })
            })
            .collect();
    }
    let mut spelled: Vec<(String, String)> = out
        .into_iter()
        .map(|syllables| {
            let initials: String = syllables.iter().filter_map(|s| s.chars().next()).collect();
            (initials, syllables.concat())
        })
        .collect();
    spelled.sort();
    spelled.dedup();
    spelled
}

#[test]
fn every_demo_contact_is_found_by_its_initials_and_full_pinyin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_book(dir.path(), 1000, 11);
    let store = Store::open(&demo).expect("open");
    let people = people_of(&demo);
    let mut by_name: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for p in &people {
        by_name
            .entry(p.contact.name.clone())
            .or_default()
            .push(p.contact.id);
    }
    // Some demo names start with a surname of several readings, and some with a compound.
    assert!(
        by_name
            .keys()
            .any(|n| n.starts_with('单') || n.starts_with('乐'))
    );
    assert!(
        by_name
            .keys()
            .any(|n| n.starts_with("欧阳") || n.starts_with("上官"))
    );
    let mut checked = 0;
    for (name, ids) in &by_name {
        let spelled = spellings(name);
        assert!(!spelled.is_empty(), "{name}");
        for (initials, full) in spelled {
            for q in [&initials, &full] {
                let found = store.search(q, people.len(), true).expect("search");
                for id in ids {
                    assert!(
                        found.hits.iter().any(|h| h.contact.id == *id),
                        "{name} ({id}) is not found by {q:?}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 2000, "{checked} queries");
}

/// Queries a user would type about the contacts of a book: names and their parts,
/// pinyin typed several ways, digits, WeChat IDs, and words of every text field.
fn queries_from(people: &[Person], step: usize) -> Vec<String> {
    let mut qs: Vec<String> = [
        "客户",
        "客户来",
        "客",
        "朋友圈",
        "pyq",
        "近期",
        "jqgm",
        "意向",
        "预算不够",
        "客户说",
        "约了下周二",
        "晚上八点",
        "晚上",
        "比较敏感",
        "另一半",
        "搬家计划",
        "想改善",
        "团建",
        "零食",
        "护肤",
        "进货",
        "138",
        "1390",
        "8",
        "wx_",
        "wx",
        "shan",
        "zeng",
        "qiu",
        "xie",
        "ou",
        "zha",
        "piao",
        "yue",
        "le",
        "qin",
        "lv",
        "lu",
        "zhang",
        "wang",
        "ouyang",
        "sima",
        "shangguan",
        "z",
        "zh",
        "w",
        "l",
        "s",
        "xhkj",
        "xinghe",
        "yxjy",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for p in people.iter().step_by(step) {
        let c = &p.contact;
        let chars: Vec<char> = c.name.chars().collect();
        qs.push(c.name.clone());
        qs.push(chars[0].to_string());
        if chars.len() >= 3 {
            qs.push(chars[1..3].iter().collect());
        }
        if let Some((initials, full)) = spellings(&c.name).into_iter().next() {
            // Initials, full pinyin, a prefix of it, and the first syllable cut short
            // followed by the initials of the rest (zhsf).
            qs.push(full[..full.len().min(6)].to_string());
            let first = reference::syllables(&c.name, true).0[0].natural[0].clone();
            qs.push(format!(
                "{}{}",
                &first[..first.len().min(2)],
                &initials[1..]
            ));
            qs.push(initials);
            qs.push(full);
        }
        if let Some(phone) = &c.phone {
            qs.push(phone[3..8].to_string());
            qs.push(format!("{}-{}", &phone[..3], &phone[3..7]));
        }
        for v in [&c.wechat, &c.honorific, &c.need, &c.budget, &c.company]
            .into_iter()
            .flatten()
        {
            qs.push(v.to_uppercase());
            qs.push(v.chars().skip(1).take(2).collect());
        }
    }
    qs.retain(|q| !q.trim().is_empty());
    qs.sort();
    qs.dedup();
    qs
}

#[test]
fn a_demo_book_answers_like_the_reference() {
    // 2,600 contacts: common words match more than the count's cap, so pages come from
    // the index order, not from whichever matches came first.
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_book(dir.path(), 2600, 2024);
    let store = Store::open(&demo).expect("open");
    let people = people_of(&demo);
    let qs = queries_from(&people, 97);
    assert!(qs.len() > 250, "{} queries", qs.len());
    let mut checked = 0;
    for q in &qs {
        checked += check_against_reference(&store, &people, q, &[(20, false), (5, true)]);
    }
    assert!(checked > 3000, "only {checked} hits checked");
}

/// A small random book: names from many-reading characters and compound surnames,
/// fields from short vocabularies, random times, some archived.
fn random_book(dir: &std::path::Path, seed: u64, n: usize) -> std::path::PathBuf {
    let mut state = seed;
    let mut next = move |k: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % k.max(1)
    };
    let surnames = [
        "张", "王", "单", "曾", "查", "乐", "长", "朴", "区", "覃", "欧阳", "尉迟", "万俟", "上官",
    ];
    let given: Vec<char> = "三丰强浩红俊平行长乐重和血率说还雄信伟芳娜吕女略"
        .chars()
        .collect();
    let pick = |next: &mut dyn FnMut(usize) -> usize, v: &[&str]| -> Option<String> {
        let i = next(v.len() + 1);
        v.get(i).map(|s| s.to_string())
    };
    let path = dir.join(format!("random-{seed}.sqlite"));
    let mut store = Store::open(&path).expect("open");
    let mut seeds = Vec::new();
    for i in 0..n {
        let mut name = surnames[next(surnames.len())].to_string();
        for _ in 0..1 + next(2) {
            name.push(given[next(given.len())]);
        }
        if next(10) == 0 {
            name = format!("{name}{}", i % 7);
        }
        let created = utc(next(50_000) as i64);
        let mut history = Vec::new();
        for _ in 0..next(4) {
            let at = created + Duration::minutes(next(10_000) as i64);
            let kind = [InteractionKind::Message, InteractionKind::Note][next(2)];
            let mut e = Interaction::new(0, at, kind);
            if kind == InteractionKind::Message {
                e.channel = Some(Channel::Wechat);
            }
            e.text = pick(
                &mut next,
                &["发了报价单", "客户说再想想", "约了周三电话", "零食试吃"],
            );
            history.push(e);
        }
        history.sort_by_key(|e| e.at);
        let tag_pool = ["意向/近期购买", "客户来源/朋友圈", "兴趣/护肤", "意向/观望"];
        seeds.push(SeedContact {
            contact: NewContact {
                honorific: pick(&mut next, &["王姐", "张总", "李老师"]),
                phone: (next(3) > 0).then(|| format!("13{:09}", next(1_000_000_000))),
                wechat: pick(&mut next, &["wx_ab12", "Fang_88", "lele2024"]),
                company: pick(&mut next, &["阿里巴巴", "星河科技", "长乐贸易", "Acme"]),
                source: pick(&mut next, &["朋友圈", "小红书", "转介绍"]),
                need: pick(&mut next, &["办公室零食团购", "想买护肤套装", "店铺进货"]),
                budget: pick(&mut next, &["3000-5000", "两万以内"]),
                notes: pick(&mut next, &["晚上方便", "对价格敏感"]),
                tags: tags(&tag_pool[..next(3)]),
                ..person(&name)
            },
            stage: Stage::Discover,
            outcome: Outcome::Open,
            lost_reason: None,
            created_at: created,
            archived: next(8) == 0,
            history,
            purchases: Vec::new(),
        });
    }
    store
        .write(|w| w.insert_seeds("tester", seeds))
        .expect("insert seeds");
    path
}

#[test]
fn random_books_answer_like_the_reference() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut checked = 0;
    for seed in [1, 2, 3] {
        let path = random_book(dir.path(), seed, 300);
        let store = Store::open(&path).expect("open");
        let people = people_of(&path);
        let mut qs = queries_from(&people, 5);
        qs.extend(
            [
                "zhh", "zxz", "yccl", "yuchi", "moqi", "oy", "chang", "zhang", "le", "yue", "he",
                "hu", "xue", "shuo", "shui", "huan", "hai", "lv", "nv", "lve", "lue", "albb",
                "alibaba", "xhkj", "clmy", "jqgm", "pyq", "hf", "wx", "88", "lele", "acme",
                "张 三", "s", "x", "3000",
            ]
            .iter()
            .map(|q| q.to_string()),
        );
        for q in &qs {
            checked +=
                check_against_reference(&store, &people, q, &[(7, false), (3, true), (400, true)]);
        }
    }
    assert!(checked > 5000, "only {checked} hits checked");
}

#[test]
fn queries_are_spelled_as_expected() {
    // `spellings`, which the recall test relies on, against hand-written spellings.
    // 单 as the surname reads shan only; 信 reads xin and shen.
    let mut got = spellings("单雄信");
    got.sort();
    assert_eq!(
        got,
        [
            ("sxs".to_string(), "shanxiongshen".to_string()),
            ("sxx".to_string(), "shanxiongxin".to_string())
        ]
    );
    let got = spellings("欧阳强");
    assert!(got.contains(&("oyq".into(), "ouyangqiang".into())));
    assert!(got.contains(&("oyj".into(), "ouyangjiang".into())));
    let got = spellings("吕布");
    assert!(got.contains(&("lb".into(), "lvbu".into())));
    assert!(got.contains(&("lb".into(), "lubu".into())));
}
