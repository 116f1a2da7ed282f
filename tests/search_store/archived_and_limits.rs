//! Archived contacts only with `--all`, `limit` and short pages, and totals past two thousand. Part of `search_store.rs`, whose helpers it uses.

use super::*;

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
    fx.set_archived(20, id, true);
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
    fx.set_archived(30, id, false);
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
/// a phone and a note: more matches than the old candidate cap of 2,000. Loaded as one
/// batch of seeds, as an import brings them.
fn crowd(n: i64) -> (tempfile::TempDir, Reader) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crowd.sqlite");
    seed_book(
        &path,
        (0..n).map(|i| {
            let created = utc(i);
            let mut note = Interaction::new(
                0,
                created + chrono::Duration::seconds(30),
                InteractionKind::Note,
            );
            note.text = Some("客户说下个月再联系".into());
            seed_contact(
                NewContact {
                    phone: s(&format!("1380000{i:04}")),
                    need: s("想改善睡眠"),
                    ..person(&format!("客户{i}"))
                },
                created,
                i % 100 == 99,
                vec![note],
            )
        }),
    );
    let reader = reader(&path);
    (dir, reader)
}

#[test]
fn totals_are_counted_and_limit_is_honoured_past_two_thousand() {
    const N: i64 = 2300;
    let (_dir, reader) = crowd(N);
    let store = reader.snap();
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
