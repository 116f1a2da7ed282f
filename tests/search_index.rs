//! The search index follows every kind of write — add, edit, tags, log, outcomes, archive,
//! a demo load (a batch of seeds, as imports bring them) — and books made before it (no
//! index, or the older index) get it built when opened.

mod search_support;

use rusqlite::Connection;
use salesbook::domain::command::Command;
use salesbook::domain::search::MatchClass;
use salesbook::domain::{Channel, ContactId, ContactPatch};
use salesbook::store::{Store, migration_sql};
use search_support::{Fx, demo_book, people_of, person, reader, s, tags, zhang_sanfeng};
use std::collections::HashMap;

/// `q` finds `name` only when archived contacts are included.
fn none_unless_all(fx: &Fx, q: &str, name: &str) {
    let without = fx.names(q, false);
    assert!(
        !without.iter().any(|n| n == name),
        "{q:?} without archived: {without:?}"
    );
    let with = fx.names(q, true);
    assert!(
        with.iter().any(|n| n == name),
        "{q:?} with archived: {with:?}"
    );
}

#[test]
fn the_index_follows_add_and_every_edit() {
    let mut fx = Fx::new();
    for q in ["张三丰", "zsf", "8000", "改善睡眠", "睡"] {
        fx.none(q);
    }
    fx.add(0, zhang_sanfeng());
    fx.add(10, person("路人甲"));
    let found = [
        ("张三丰", "name"),
        ("张三", "name"),
        ("张", "name"),
        ("zsf", "pinyin"),
        ("zhsf", "pinyin"),
        ("zhangsan", "pinyin"),
        ("8000", "phone"),
        ("掌门", "honorific"),
        ("武当", "company"),
        ("wdkj", "company"),
        ("朋友圈", "source"),
        ("pyq", "source"),
        ("wx_abc", "wechat"),
        ("改善睡眠", "need"),
        ("睡", "need"),
        ("3000-5000", "budget"),
        ("晚上方便", "notes"),
        ("联系", "notes"),
    ];
    for (q, m) in found {
        fx.expect(q, 20, false, &[("张三丰", m)]);
    }

    // Rename: the old name is gone by every route, the new one found.
    let c = fx.edit(
        "张三丰",
        ContactPatch {
            name: s("李四光"),
            ..Default::default()
        },
    );
    fx.ids.insert("李四光".into(), c.id);
    for q in [
        "张三丰",
        "张三",
        "张",
        "三丰",
        "zsf",
        "zs",
        "zhangsan",
        "sanfeng",
        "张s",
    ] {
        fx.none(q);
    }
    for (q, m) in [
        ("李四光", "name"),
        ("李", "name"),
        ("四光", "name"),
        ("lsg", "pinyin"),
        ("lisiguang", "pinyin"),
        ("siguang", "pinyin"),
        ("李s", "pinyin"),
        ("8000", "phone"),
        ("改善睡眠", "need"),
    ] {
        fx.expect(q, 20, false, &[("李四光", m)]);
    }

    // Every other field: the old value is gone, the new one found.
    fx.edit(
        "李四光",
        ContactPatch {
            honorific: Some(s("总监")),
            phone: Some(s("139-9999-8888")),
            wechat: Some(s("wx_xyz")),
            company: Some(s("峨眉派")),
            source: Some(s("抖音直播")),
            need: Some(s("想减肥塑形")),
            budget: Some(None),
            notes: Some(s("白天打电话")),
            ..Default::default()
        },
    );
    for q in [
        "掌门",
        "8000",
        "138-0000",
        "wx_abc",
        "武当",
        "武当科技",
        "wdkj",
        "朋友圈",
        "pyq",
        "改善睡眠",
        "睡",
        "3000-5000",
        "晚上方便",
    ] {
        fx.none(q);
    }
    for (q, m) in [
        ("总监", "honorific"),
        ("9999", "phone"),
        ("139-9999", "phone"),
        ("wx_xyz", "wechat"),
        ("峨眉", "company"),
        ("emp", "company"),
        ("抖音", "source"),
        ("dyzb", "source"),
        ("减肥塑形", "need"),
        ("减", "need"),
        ("白天打电话", "notes"),
    ] {
        fx.expect(q, 20, false, &[("李四光", m)]);
    }
}

#[test]
fn the_index_follows_tags_logs_outcomes_and_archiving() {
    let mut fx = Fx::new();
    fx.add(0, person("张三丰"));
    fx.add(10, person("路人甲"));
    for q in ["近期", "近期购买", "意向", "jqgm"] {
        fx.none(q);
    }
    fx.edit(
        "张三丰",
        ContactPatch {
            add_tags: tags(&["意向/近期购买"]),
            ..Default::default()
        },
    );
    for q in [
        "近期",
        "近期购买",
        "意向",
        "意向/近期",
        "购",
        "jqgm",
        "jinqi",
    ] {
        fx.expect(q, 20, false, &[("张三丰", "tags")]);
    }
    fx.edit(
        "张三丰",
        ContactPatch {
            remove_tags: tags(&["意向/近期购买"]),
            ..Default::default()
        },
    );
    for q in ["近期", "近期购买", "意向", "jqgm"] {
        fx.none(q);
    }

    // Logs: a note, a touch on each channel, a lost reason.
    let id = fx.id("张三丰");
    fx.note(100, "张三丰", "客户说下个月再联系");
    fx.expect("下个月再联系", 20, false, &[("张三丰", "timeline")]);
    fx.expect("月", 20, false, &[("张三丰", "timeline")]);
    for (i, (ch, text)) in [
        (Channel::Wechat, "发了产品价格表"),
        (Channel::Phone, "电话确认了地址"),
        (Channel::Meeting, "门店试用了样品"),
        (Channel::Other, "寄出了小样"),
    ]
    .into_iter()
    .enumerate()
    {
        fx.log(110 + i as i64, id, text, Some(ch));
        fx.expect(text, 20, false, &[("张三丰", "timeline")]);
    }
    fx.run(
        200,
        Command::Lost {
            id,
            reason: "预算不够用".into(),
        },
    );
    fx.expect("预算不够", 20, false, &[("张三丰", "timeline")]);
    fx.run(210, Command::Reopen { id });
    fx.expect("预算不够", 20, false, &[("张三丰", "timeline")]);
    // Old timeline text stays findable after other writes.
    fx.expect("下个月再联系", 20, false, &[("张三丰", "timeline")]);
    // An edit's timeline entry quotes the old value: it must not match.
    fx.edit(
        "张三丰",
        ContactPatch {
            need: Some(s("想学太极")),
            ..Default::default()
        },
    );
    fx.edit(
        "张三丰",
        ContactPatch {
            need: Some(None),
            ..Default::default()
        },
    );
    fx.none("太极");

    // Archive, unarchive.
    fx.set_archived(300, id, true);
    for q in ["张三丰", "zsf", "下个月再联系", "张", "月"] {
        none_unless_all(&fx, q, "张三丰");
    }
    fx.set_archived(310, id, false);
    fx.expect("张三丰", 20, false, &[("张三丰", "name")]);
    fx.expect("zsf", 20, false, &[("张三丰", "pinyin")]);
}

fn dump(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).expect("prepare");
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                let v: rusqlite::types::Value = r.get(i)?;
                Ok(format!("{v:?}"))
            })
            .collect::<rusqlite::Result<Vec<String>>>()
    })
    .expect("query")
    .collect::<rusqlite::Result<Vec<_>>>()
    .expect("rows")
}

/// Every full-text document's rowid, by table: the documents themselves cannot be read
/// back from a contentless table, but each rowid is a contact's order key.
fn document_keys(conn: &Connection) -> Vec<Vec<Vec<String>>> {
    ["search_name", "search_fields", "search_notes"]
        .iter()
        .map(|t| dump(conn, &format!("SELECT rowid FROM {t} ORDER BY 1")))
        .collect()
}

/// Every word of every full-text document, where it stands: (word, document, position),
/// by table. Read through `fts5vocab` tables in the connection's temporary schema, so the
/// book is not written.
fn document_words(conn: &Connection) -> Vec<Vec<Vec<String>>> {
    ["search_name", "search_fields", "search_notes"]
        .iter()
        .map(|t| {
            conn.execute_batch(&format!(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.{t}_words \
                 USING fts5vocab(main, {t}, instance);"
            ))
            .expect("vocabulary table");
            dump(
                conn,
                &format!("SELECT term, doc, offset FROM temp.{t}_words ORDER BY 2, 3, 1"),
            )
        })
        .collect()
}

#[test]
fn the_demo_index_equals_a_full_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_book(dir.path(), 400, 7);
    let copy = dir.path().join("rebuilt.sqlite");
    std::fs::copy(&demo, &copy).expect("copy the book");
    Store::open(&copy, false, None)
        .expect("open the copy")
        .0
        .rebuild_search_index()
        .expect("rebuild");
    let (original, rebuilt) = (reader(&demo), reader(&copy));
    let (original, rebuilt) = (original.snap(), rebuilt.snap());

    let (a, b) = (
        Connection::open(&demo).expect("open"),
        Connection::open(&copy).expect("open"),
    );
    for sql in [
        "SELECT * FROM search_spell ORDER BY 1, 2, 3, 4, 5, 6, 7",
        "SELECT * FROM search_state ORDER BY 1",
    ] {
        let (x, y) = (dump(&a, sql), dump(&b, sql));
        assert!(!x.is_empty(), "{sql} is empty");
        assert!(x == y, "{sql}: the demo's index differs from a rebuild");
    }
    assert_eq!(document_keys(&a), document_keys(&b));
    // The demo's contacts are indexed from memory as they are written (`created_as`), a
    // rebuild reads every one back: the same words at the same places.
    let (words, rebuilt_words) = (document_words(&a), document_words(&b));
    assert!(
        words.iter().all(|t| !t.is_empty()),
        "a full-text table is empty"
    );
    assert!(
        words == rebuilt_words,
        "the demo's documents differ from a rebuild"
    );
    // One name document per contact.
    assert_eq!(document_keys(&a)[0].len(), 400);

    // And queries answer the same, with every demo contact found by its own name.
    let people = people_of(&demo);
    assert_eq!(people.len(), 400);
    for c in people.iter().step_by(3).map(|p| &p.contact) {
        for q in [
            c.name.clone(),
            c.name.chars().take(1).collect(),
            c.need.clone().unwrap_or_default(),
        ] {
            if q.is_empty() {
                continue;
            }
            let x = original.search(&q, 50, true).expect("search");
            let y = rebuilt.search(&q, 50, true).expect("search");
            let ids = |r: &salesbook::store::SearchResults| -> Vec<(ContactId, &str)> {
                r.hits.iter().map(|h| (h.contact.id, h.matched)).collect()
            };
            assert_eq!(ids(&x), ids(&y), "{q:?}");
            assert_eq!(
                (x.total, x.total_is_exact),
                (y.total, y.total_is_exact),
                "{q:?}"
            );
        }
        let hits = original.search(&c.name, 50, true).expect("search").hits;
        assert!(
            hits.iter()
                .any(|h| h.contact.id == c.id && h.class == MatchClass::ExactName),
            "{} ({}) by its name",
            c.name,
            c.id
        );
        let without = original.search(&c.name, 50, false).expect("search").hits;
        assert_eq!(
            without.iter().any(|h| h.contact.id == c.id),
            !c.archived,
            "{} archived {}",
            c.name,
            c.archived
        );
    }
}

/// A book as a salesbook of schema `version` left it: the migrations up to it, three
/// contacts and their timeline, and no index of this build's.
fn old_book(fx: &Fx, version: usize) {
    let conn = Connection::open(fx.path()).expect("create");
    for v in 1..=version {
        conn.execute_batch(migration_sql(v).expect("migration"))
            .expect("old schema");
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = {version}; PRAGMA application_id = 1396853553;
         INSERT INTO contacts (id, name, honorific, phone, wechat, company, source, need,
             budget, stage, stage_since, notes, archived, created_at, updated_at, last_touch_at)
         VALUES
             (1, '张三丰', '掌门', '13800001234', 'wx_abc', '武当科技', '朋友圈', '想改善睡眠',
              '3000-5000', 'discover', 1000, '晚上方便联系', 0, 1000, 1000, NULL),
             (2, '单雄信', NULL, '13812345678', NULL, NULL, NULL, NULL,
              NULL, 'pitch', 2000, NULL, 0, 2000, 2000, 5000),
             (3, '张伟', NULL, NULL, NULL, NULL, NULL, NULL,
              NULL, 'discover', 3000, NULL, 1, 3000, 3000, NULL),
             (4, '张无忌', NULL, '13811112222', NULL, NULL, NULL, NULL,
              NULL, 'discover', 4000, NULL, 0, 4000, 4000, NULL);
         INSERT INTO tags (id, grp, name) VALUES (1, '意向', '近期购买');
         INSERT INTO contact_tags (contact_id, tag_id) VALUES (2, 1);
         INSERT INTO interactions (contact_id, at, kind, body) VALUES
             (1, 1000, 'created', NULL),
             (2, 2000, 'created', NULL),
             (2, 5000, 'message', '客户说下个月再联系'),
             (3, 3000, 'created', NULL),
             (4, 4000, 'created', NULL);"
    ))
    .expect("old data");
}

fn an_old_book_gets_the_index_built_when_opened(version: usize) {
    let mut fx = Fx {
        dir: tempfile::tempdir().expect("tempdir"),
        ids: HashMap::new(),
    };
    old_book(&fx, version);
    for (name, id) in [("张三丰", 1), ("单雄信", 2), ("张伟", 3), ("张无忌", 4)] {
        fx.ids.insert(name.into(), id);
    }
    assert_eq!(
        fx.at(0).view().schema_version().expect("version"),
        salesbook::store::latest_version()
    );
    for (q, name, m) in [
        ("张三丰", "张三丰", "name"),
        ("zsf", "张三丰", "pinyin"),
        ("zhsf", "张三丰", "pinyin"),
        ("shan", "单雄信", "pinyin"),
        ("8000", "张三丰", "phone"),
        ("掌门", "张三丰", "honorific"),
        ("wx_abc", "张三丰", "wechat"),
        ("改善睡眠", "张三丰", "need"),
        ("睡", "张三丰", "need"),
        ("晚上方便", "张三丰", "notes"),
        ("下个月", "单雄信", "timeline"),
        ("近期", "单雄信", "tags"),
        ("jqgm", "单雄信", "tags"),
    ] {
        fx.expect(q, 20, false, &[(name, m)]);
    }
    // Recency from the old rows: 单雄信's touch (5000) beats 张无忌's creation (4000).
    fx.expect(
        "138",
        20,
        false,
        &[
            ("单雄信", "phone"),
            ("张无忌", "phone"),
            ("张三丰", "phone"),
        ],
    );
    fx.expect_names("zhang", &["张无忌", "张三丰"]);
    assert_eq!(fx.names("zhang", true), ["张无忌", "张伟", "张三丰"]);
    // The migrated index is maintained like any other: rename, then search.
    fx.edit(
        "张三丰",
        ContactPatch {
            name: s("张君宝"),
            ..Default::default()
        },
    );
    fx.ids.insert("张君宝".into(), 1);
    fx.none("张三丰");
    fx.none("zsf");
    fx.expect("zjb", 20, false, &[("张君宝", "pinyin")]);
    // Each contact is indexed once: 张无忌, 张伟 (archived) and 张君宝 by recency.
    let again: Vec<ContactId> = fx
        .search("张", 20, true)
        .iter()
        .map(|h| h.contact.id)
        .collect();
    assert_eq!(again, [4, 3, 1]);
}

#[test]
fn a_book_from_before_the_index_gets_it_built_when_opened() {
    an_old_book_gets_the_index_built_when_opened(1);
}

#[test]
fn a_book_with_the_older_index_gets_the_new_one_built_when_opened() {
    // Schemas 2 to 5 had the trigram index; the data above never went through it.
    for version in 2..=5 {
        an_old_book_gets_the_index_built_when_opened(version);
    }
    let latest = salesbook::store::latest_version() as usize;
    assert!(migration_sql(0).is_none());
    assert!(migration_sql(latest).is_some());
    assert!(migration_sql(latest + 1).is_none());
}
