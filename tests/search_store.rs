//! Search through the library (`Book` and `Store::search`), case by case against the spec
//! of "Search as you type": what is found, how it ranks, what `matched` says, and that the
//! index follows every kind of write (add, edit, tags, log, archive, demo/bulk loads, and
//! the migration of a book created before the index existed).
//!
//! Every book lives in its own temporary directory. Times are fixed: a book is opened with
//! `Clock::Fixed(T0 + n minutes)`, so a contact's creation time and its touches (which set
//! the recency that breaks ties) are chosen by each test.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use salesbook::clock::Clock;
use salesbook::domain::command::{BatchKind, Command, SeedContact};
use salesbook::domain::search::{MatchClass, keys_find, pinyin_keys};
use salesbook::domain::{
    Channel, Contact, ContactId, ContactPatch, Interaction, InteractionKind, NewContact, Outcome,
    Stage, TagRef,
};
use salesbook::service::{Book, ListQuery, Reply, Session};
use salesbook::store::{ContactFilter, Reader, SearchHit, Store, migration_sql};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Minute 0 of every test book.
const T0: &str = "2026-11-01T09:00:00+08:00";

/// `T0` plus `minute` minutes, as the RFC 3339 text `SALESBOOK_NOW` takes.
fn time(minute: i64) -> String {
    let t0 = DateTime::parse_from_rfc3339(T0).expect("T0");
    (t0 + Duration::minutes(minute)).to_rfc3339()
}

fn utc(minute: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&time(minute))
        .expect("time")
        .with_timezone(&Utc)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn tags(list: &[&str]) -> Vec<TagRef> {
    list.iter().map(|t| t.parse().expect("tag")).collect()
}

fn person(name: &str) -> NewContact {
    NewContact {
        name: name.to_string(),
        ..Default::default()
    }
}

/// One book in a temporary directory, with the ids of the contacts added by name.
struct Fx {
    dir: tempfile::TempDir,
    ids: HashMap<String, ContactId>,
}

impl Fx {
    fn new() -> Fx {
        Fx {
            dir: tempfile::tempdir().expect("temporary directory"),
            ids: HashMap::new(),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("book.sqlite")
    }

    /// The book as seen at `T0 + minute`.
    fn at(&self, minute: i64) -> Book {
        open_book(&self.path(), &time(minute))
    }

    /// Adds a contact at `T0 + minute` (its creation time, so its recency until touched).
    fn add(&mut self, minute: i64, c: NewContact) -> ContactId {
        let name = c.name.clone();
        let id = match self.at(minute).execute(Command::Add(c)).expect("add").reply {
            Reply::Contact(id) => id,
            other => panic!("add replied {other:?}"),
        };
        assert!(
            self.ids.insert(name.clone(), id).is_none(),
            "fixture names must be unique: {name}"
        );
        id
    }

    fn id(&self, name: &str) -> ContactId {
        *self
            .ids
            .get(name)
            .unwrap_or_else(|| panic!("no contact {name} in the fixture"))
    }

    /// A write through a book opened at `T0 + minute`.
    fn touch(&self, minute: i64, name: &str, text: &str) {
        self.at(minute)
            .execute(Command::Log {
                id: self.id(name),
                text: text.into(),
                channel: Some(Channel::Wechat),
                inbound: false,
            })
            .expect("log a touch");
    }

    fn note(&self, minute: i64, name: &str, text: &str) {
        self.at(minute)
            .execute(Command::Log {
                id: self.id(name),
                text: text.into(),
                channel: None,
                inbound: false,
            })
            .expect("log a note");
    }

    fn edit(&self, name: &str, patch: ContactPatch) -> Contact {
        let mut book = self.at(5000);
        let id = self.id(name);
        book.execute(Command::Edit { id, patch }).expect("edit");
        book.view().contact(id).expect("contact")
    }

    fn search(&self, q: &str, limit: usize, all: bool) -> Vec<SearchHit> {
        // No book yet: nothing to find (a reader never creates one).
        if !self.path().exists() {
            return Vec::new();
        }
        Reader::open(&self.path())
            .expect("open for reading")
            .snap()
            .search(q, limit, all)
            .unwrap_or_else(|e| panic!("search {q:?} failed: {e:#}"))
    }

    /// Asserts the exact hits (ids in order, and each `matched`) of `q`.
    fn expect(&self, q: &str, limit: usize, all: bool, want: &[(&str, &str)]) {
        let hits = self.search(q, limit, all);
        let got: Vec<(ContactId, String, &str)> = hits
            .iter()
            .map(|h| (h.contact.id, h.contact.name.clone(), h.matched))
            .collect();
        let expected: Vec<(ContactId, String, &str)> = want
            .iter()
            .map(|(n, m)| (self.id(n), n.to_string(), *m))
            .collect();
        assert_eq!(
            got, expected,
            "search {q:?} (limit {limit}, archived {all}): got {got:?}, want {expected:?}"
        );
    }

    /// Asserts `q` finds these contacts, in this order, whatever `matched` says.
    fn expect_names(&self, q: &str, want: &[&str]) {
        let got: Vec<(ContactId, String)> = self
            .search(q, 50, false)
            .iter()
            .map(|h| (h.contact.id, h.contact.name.clone()))
            .collect();
        let expected: Vec<(ContactId, String)> =
            want.iter().map(|n| (self.id(n), n.to_string())).collect();
        assert_eq!(got, expected, "search {q:?}");
    }

    fn none(&self, q: &str) {
        let got: Vec<String> = self
            .search(q, 50, true)
            .iter()
            .map(|h| h.contact.name.clone())
            .collect();
        assert!(
            got.is_empty(),
            "search {q:?} should find nothing, got {got:?}"
        );
    }
}

/// Fifteen contacts, one every ten minutes (so a later one is more recent), with every
/// searchable field filled on some of them, and every surname heteronym of the spec.
fn world() -> Fx {
    let mut fx = Fx::new();
    let people = vec![
        NewContact {
            honorific: s("掌门"),
            phone: s("138-0000-1234"),
            wechat: s("wx_abc"),
            company: s("武当科技"),
            source: s("朋友圈"),
            need: s("想改善睡眠"),
            budget: s("3000-5000"),
            tags: tags(&["客户来源/朋友圈", "意向/近期购买"]),
            notes: s("晚上方便联系"),
            ..person("张三丰")
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
            tags: tags(&["意向/对比观望"]),
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
        // Honorific, company, source, tags: one, two or more characters.
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
        ("客户", &[("王芳", "source"), ("张三丰", "tags")]),
        // WeChat, any case, full-width folded.
        ("wx_abc", &[("张三丰", "wechat")]),
        ("WX_ABC", &[("张三丰", "wechat")]),
        ("ＷＸ＿ＡＢＣ", &[("张三丰", "wechat")]),
        ("fang_wang", &[("王芳", "wechat")]),
        ("WANG88", &[("王芳", "wechat")]),
        // Need, budget: three characters or more.
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
fn one_and_two_character_queries_search_only_the_short_fields() {
    let fx = world();
    // "睡眠" and "减肥" are in needs, "方便" and "周末" in notes, "下个" in the timeline:
    // one- and two-character queries look at names, honorifics, companies, sources, tags.
    for q in ["睡眠", "减肥", "方便", "周末", "下个", "保险"] {
        fx.none(q);
    }
    // Two Latin letters or digits are too short for text fields (only pinyin).
    for q in ["wx", "88", "ac"] {
        fx.none(q);
    }
    // Nothing at all.
    for q in ["", "   ", "\u{3000}", "诸葛", "xyzzy", "99999"] {
        fx.none(q);
    }
}

#[test]
fn pinyin_initials_full_prefixes_given_name_and_mixed_input() {
    let fx = world();
    let cases: &[(&str, &[&str])] = &[
        ("zs", &["张三丰"]),
        ("zsf", &["张三丰"]),
        ("ZSF", &["张三丰"]),
        ("ｚｓ", &["张三丰"]),
        ("zhangsan", &["张三丰"]),
        ("zhangs", &["张三丰"]),
        ("zhangsanfeng", &["张三丰"]),
        ("zhang san", &["张三丰"]),
        ("zsanf", &["张三丰"]),
        ("sanfeng", &["张三丰"]),
        ("sf", &["张三丰"]),
        ("zhang", &["张伟", "张三丰"]),
        ("zhangwei", &["张伟"]),
        ("zw", &["张伟"]),
        ("wangfang", &["王芳"]),
        ("wf", &["王芳"]),
        ("lsg", &["李四光"]),
        ("lisiguang", &["李四光"]),
        // Mixed hanzi + Latin: the hanzi must be in the name.
        ("张s", &["张三丰"]),
        ("张san", &["张三丰"]),
        ("zhang三", &["张三丰"]),
        ("z三f", &["张三丰"]),
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
            assert_eq!(h.matched, "pinyin", "{q:?} → {}", h.contact.name);
            assert_eq!(h.class, MatchClass::Pinyin, "{q:?} → {}", h.contact.name);
        }
    }
    // 章 reads zhang too, but a hanzi typed in a mixed query must be in the name.
    for q in ["章s", "章san", "zhang山", "李w", "z四"] {
        fx.none(q);
    }
    // Wrong letters find nothing.
    for q in ["zx", "zhangx", "sanz", "zsfx", "lvx"] {
        fx.none(q);
    }
}

#[test]
fn every_reading_of_a_surname_heteronym_is_indexed() {
    let fx = world();
    let cases: &[(&str, &[&str])] = &[
        // 单: dan (main), shan, chan.
        ("shan", &["单雄信"]),
        ("shanxiongxin", &["单雄信"]),
        ("shanx", &["单雄信"]),
        ("sxx", &["单雄信"]),
        ("dan", &["单雄信"]),
        ("danxiongxin", &["单雄信"]),
        ("dxx", &["单雄信"]),
        // 曾: ceng (main), zeng.
        ("zeng", &["曾国藩"]),
        ("zengguofan", &["曾国藩"]),
        ("zgf", &["曾国藩"]),
        ("cgf", &["曾国藩"]),
        // 仇: chou (main), qiu.
        ("qiu", &["仇英"]),
        ("qiuying", &["仇英"]),
        ("chouying", &["仇英"]),
        // 解: jie (main), xie.
        ("xie", &["解缙"]),
        ("xiejin", &["解缙"]),
        ("xj", &["解缙"]),
        ("jiejin", &["解缙"]),
        // 区: qu (main), ou.
        ("ou", &["区伟"]),
        ("ouwei", &["区伟"]),
        ("ow", &["区伟"]),
        ("quwei", &["区伟"]),
        // 查: cha (main), zha.
        ("zhaliangyong", &["查良镛"]),
        ("zly", &["查良镛"]),
        ("chaliangyong", &["查良镛"]),
        // 朴: pu (main), piao.
        ("piao", &["朴树"]),
        ("piaoshu", &["朴树"]),
        ("ps", &["朴树"]),
        // 乐: le (main), yue.
        ("yue", &["乐嘉"]),
        ("yuejia", &["乐嘉"]),
        ("yj", &["乐嘉"]),
        ("le", &["乐嘉"]),
        ("lejia", &["乐嘉"]),
        ("lj", &["乐嘉"]),
        // 覃: tan (main), qin.
        ("qin", &["覃雨"]),
        ("qinyu", &["覃雨"]),
        ("tanyu", &["覃雨"]),
        // Both secondary: most recent first.
        ("qy", &["覃雨", "仇英"]),
        // 张 (zhang, main) before 查 (zha, secondary), though 查良镛 is the most recent.
        ("zha", &["张伟", "张三丰", "查良镛"]),
        // Mixed input with a heteronym surname.
        ("单x", &["单雄信"]),
        ("曾g", &["曾国藩"]),
        ("乐j", &["乐嘉"]),
    ];
    for (q, want) in cases {
        fx.expect_names(q, want);
    }
}

#[test]
fn main_readings_rank_before_secondary_ones() {
    let mut fx = Fx::new();
    // The main-reading contacts are the oldest: recency alone would put them last.
    fx.add(0, person("山雄"));
    fx.add(1, person("郑国"));
    fx.add(2, person("岳佳"));
    fx.add(3, person("秋英"));
    fx.add(10, person("单雄信"));
    fx.add(11, person("曾国藩"));
    fx.add(12, person("乐嘉"));
    fx.add(13, person("仇英"));
    let cases: &[(&str, &[&str])] = &[
        ("shan", &["山雄", "单雄信"]),
        ("sx", &["山雄", "单雄信"]),
        ("shanx", &["山雄", "单雄信"]),
        ("dx", &["单雄信"]),
        ("zg", &["郑国", "曾国藩"]),
        ("cg", &["曾国藩"]),
        ("yuejia", &["岳佳", "乐嘉"]),
        ("yj", &["岳佳", "乐嘉"]),
        ("lejia", &["乐嘉"]),
        ("qiuying", &["秋英", "仇英"]),
        ("qy", &["秋英", "仇英"]),
    ];
    for (q, want) in cases {
        fx.expect_names(q, want);
    }
    // The same holds when the page is cut: the main reading is never pushed off it.
    fx.expect("shan", 1, false, &[("山雄", "pinyin")]);
    fx.expect("yj", 1, false, &[("岳佳", "pinyin")]);
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
    fx.expect(
        "lina",
        20,
        false,
        &[
            ("Lina", "name"),
            ("Linabell", "name"),
            ("Carolina", "name"),
            ("李娜", "pinyin"),
            ("王五", "wechat"),
            ("钱七", "timeline"),
            ("赵六", "notes"),
        ],
    );
    let classes: Vec<MatchClass> = fx
        .search("LINA", 20, false)
        .iter()
        .map(|h| h.class)
        .collect();
    assert_eq!(
        classes,
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
    // Each page is the head of the full ranking.
    for limit in 1..=7 {
        let ids: Vec<ContactId> = fx
            .search("lina", limit, false)
            .iter()
            .map(|h| h.contact.id)
            .collect();
        let all: Vec<ContactId> = fx
            .search("lina", 20, false)
            .iter()
            .map(|h| h.contact.id)
            .collect();
        assert_eq!(ids, all[..limit], "limit {limit}");
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
    // Two characters: names, then short fields; notes are not searched.
    fx.expect(
        "张伟",
        20,
        false,
        &[
            ("张伟", "name"),
            ("张伟明", "name"),
            ("李张伟", "name"),
            ("王五", "company"),
        ],
    );
    let classes: Vec<MatchClass> = fx
        .search("张伟", 20, false)
        .iter()
        .map(|h| h.class)
        .collect();
    assert_eq!(
        classes,
        [
            MatchClass::ExactName,
            MatchClass::NamePrefix,
            MatchClass::Name,
            MatchClass::Field
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
    // Pinyin of a compound surname.
    // 小欧阳锋 by its "given name" (all but the first character) ranks after the others.
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
    // One query per lookup: name gram, pinyin key, pinyin prefix range, text field,
    // phone digits, notes.
    let queries = ["张", "zhang", "zhangy", "改善睡眠", "1380000", "晚上方便"];
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
    fx.at(500)
        .execute(Command::Move {
            id,
            to: Stage::Pitch,
        })
        .expect("move");
    fx.at(510)
        .execute(Command::Won {
            id,
            amount_cents: Some(100),
            product: None,
        })
        .expect("won");
    fx.edit(
        "张二",
        ContactPatch {
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
        "1380000",
        "晚上方便",
        "下个月",
        "近期",
    ];
    let names = |fx: &Fx, q: &str, all: bool| -> Vec<String> {
        fx.search(q, 20, all)
            .iter()
            .map(|h| h.contact.name.clone())
            .collect()
    };
    let before: Vec<Vec<String>> = queries.iter().map(|q| names(&fx, q, false)).collect();
    for (q, b) in queries.iter().zip(&before) {
        assert!(b.contains(&"张三".to_string()), "{q:?} finds 张三: {b:?}");
    }
    let id = fx.id("张三");
    fx.at(20).execute(Command::Archive { id }).expect("archive");
    for (q, b) in queries.iter().zip(&before) {
        let without: Vec<String> = b.iter().filter(|n| *n != "张三").cloned().collect();
        assert_eq!(names(&fx, q, false), without, "{q:?} without --all");
        assert_eq!(&names(&fx, q, true), b, "{q:?} with --all");
    }
    for h in fx.search("张", 20, true) {
        assert_eq!(h.contact.archived, h.contact.name == "张三");
    }
    fx.at(30)
        .execute(Command::Unarchive { id })
        .expect("unarchive");
    for (q, b) in queries.iter().zip(&before) {
        assert_eq!(&names(&fx, q, false), b, "{q:?} after unarchive");
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
    for q in ["张", "zhang", "zh", "1380000", "改善睡眠", "晚上方便"] {
        for limit in [0, 1, 2, 5, 20, 29, 30, 31, 100] {
            let got: Vec<ContactId> = fx
                .search(q, limit, false)
                .iter()
                .map(|h| h.contact.id)
                .collect();
            assert_eq!(
                got,
                newest_first[..limit.min(30)],
                "{q:?} with limit {limit}"
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

#[test]
fn the_index_follows_add_and_every_edit() {
    let mut fx = Fx::new();
    for q in ["张三丰", "zsf", "8000", "改善睡眠"] {
        fx.none(q);
    }
    fx.add(
        0,
        NewContact {
            honorific: s("掌门"),
            phone: s("138-0000-1234"),
            wechat: s("wx_abc"),
            company: s("武当科技"),
            source: s("朋友圈"),
            need: s("想改善睡眠"),
            budget: s("3000-5000"),
            notes: s("晚上方便联系"),
            ..person("张三丰")
        },
    );
    fx.add(10, person("路人甲"));
    let found = [
        ("张三丰", "name"),
        ("张三", "name"),
        ("张", "name"),
        ("zsf", "pinyin"),
        ("zhangsan", "pinyin"),
        ("8000", "phone"),
        ("掌门", "honorific"),
        ("武当", "company"),
        ("朋友圈", "source"),
        ("wx_abc", "wechat"),
        ("改善睡眠", "need"),
        ("3000-5000", "budget"),
        ("晚上方便", "notes"),
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
        "朋友圈",
        "改善睡眠",
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
        ("抖音", "source"),
        ("抖音直播", "source"),
        ("减肥塑形", "need"),
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
    // Tags.
    for q in ["近期", "近期购买", "意向"] {
        fx.none(q);
    }
    fx.edit(
        "张三丰",
        ContactPatch {
            add_tags: tags(&["意向/近期购买"]),
            ..Default::default()
        },
    );
    for q in ["近期", "近期购买", "意向", "意向/近期"] {
        fx.expect(q, 20, false, &[("张三丰", "tags")]);
    }
    fx.edit(
        "张三丰",
        ContactPatch {
            remove_tags: tags(&["意向/近期购买"]),
            ..Default::default()
        },
    );
    for q in ["近期", "近期购买", "意向"] {
        fx.none(q);
    }

    // Logs: a note, a touch on each channel, a lost reason.
    let id = fx.id("张三丰");
    fx.note(100, "张三丰", "客户说下个月再联系");
    fx.expect("下个月再联系", 20, false, &[("张三丰", "timeline")]);
    for (i, (ch, text)) in [
        (Channel::Wechat, "发了产品价格表"),
        (Channel::Phone, "电话确认了地址"),
        (Channel::Meeting, "门店试用了样品"),
        (Channel::Other, "寄出了小样"),
    ]
    .into_iter()
    .enumerate()
    {
        fx.at(110 + i as i64)
            .execute(Command::Log {
                id,
                text: text.to_string(),
                channel: Some(ch),
                inbound: false,
            })
            .expect("log");
        fx.expect(text, 20, false, &[("张三丰", "timeline")]);
    }
    fx.at(200)
        .execute(Command::Lost {
            id,
            reason: "预算不够用".into(),
        })
        .expect("lost");
    fx.expect("预算不够", 20, false, &[("张三丰", "timeline")]);
    fx.at(210).execute(Command::Reopen { id }).expect("reopen");
    fx.expect("预算不够", 20, false, &[("张三丰", "timeline")]);
    // Old timeline text stays findable after other writes.
    fx.expect("下个月再联系", 20, false, &[("张三丰", "timeline")]);

    // Archive, unarchive.
    fx.at(300)
        .execute(Command::Archive { id })
        .expect("archive");
    for q in ["张三丰", "zsf", "下个月再联系", "张"] {
        fx.none_unless_all(q, "张三丰");
    }
    fx.at(310)
        .execute(Command::Unarchive { id })
        .expect("unarchive");
    fx.expect("张三丰", 20, false, &[("张三丰", "name")]);
    fx.expect("zsf", 20, false, &[("张三丰", "pinyin")]);
}

impl Fx {
    /// `q` finds `name` only when archived contacts are included.
    fn none_unless_all(&self, q: &str, name: &str) {
        let without: Vec<String> = self
            .search(q, 20, false)
            .iter()
            .map(|h| h.contact.name.clone())
            .collect();
        assert!(
            !without.contains(&name.to_string()),
            "{q:?} without archived: {without:?}"
        );
        let with: Vec<String> = self
            .search(q, 20, true)
            .iter()
            .map(|h| h.contact.name.clone())
            .collect();
        assert!(
            with.contains(&name.to_string()),
            "{q:?} with archived: {with:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Bulk loads: the demo generator and `insert_seeds`.

/// A book (made if missing) opened at `now`, on the default template.
fn open_book(path: &Path, now: &str) -> Book {
    let session = Session::with_default_template(Clock::parse(now).expect("clock"), "tester");
    Book::open(path, session, true).expect("open the book")
}

fn demo_book(dir: &Path, contacts: u64, seed: u64) -> PathBuf {
    let path = dir.join("demo.sqlite");
    let mut book = open_book(&path, T0);
    book.execute(Command::Demo {
        contacts,
        interactions: contacts * 8,
        seed,
        force: false,
    })
    .expect("demo");
    path
}

/// Every contact of a book, archived too, with its timeline texts.
fn contacts_of(path: &Path) -> Vec<(Contact, Vec<Interaction>)> {
    let book = open_book(path, T0);
    let view = book.view();
    let all = view
        .list(&ListQuery {
            filter: ContactFilter {
                include_archived: true,
                ..Default::default()
            },
            ..Default::default()
        })
        .expect("list");
    all.into_iter()
        .map(|c| {
            let t = view.timeline(c.id).expect("timeline");
            (c, t)
        })
        .collect()
}

/// Queries built from the book's own contacts, plus some fixed words of the demo texts.
fn queries_from(contacts: &[(Contact, Vec<Interaction>)], step: usize) -> Vec<String> {
    let mut qs: Vec<String> = [
        "客户",
        "客户来",
        "朋友圈",
        "近期",
        "近期购买",
        "意向",
        "预算不够",
        "客户说",
        "约了下周二",
        "晚上八点",
        "比较敏感",
        "另一半",
        "搬家计划",
        "想改善",
        "团建",
        "138",
        "1390",
        "wx_",
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
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (c, _) in contacts.iter().step_by(step) {
        let chars: Vec<char> = c.name.chars().collect();
        qs.push(c.name.clone());
        qs.push(chars[0].to_string());
        if chars.len() >= 3 {
            qs.push(chars[1..3].iter().collect());
        }
        if let Some((k, _)) = pinyin_keys(&c.name)
            .into_iter()
            .filter(|(k, r)| *r == 0 && k.len() == chars.len())
            .min()
        {
            qs.push(k);
        }
        if let Some((k, _)) = pinyin_keys(&c.name)
            .into_iter()
            .filter(|(_, r)| *r == 0)
            .max_by_key(|(k, _)| k.len())
        {
            qs.push(k.clone());
            qs.push(k[..k.len().min(6)].to_string());
        }
        if let Some(p) = &c.phone {
            qs.push(p[3..8].to_string());
        }
        if let Some(w) = &c.wechat {
            qs.push(w.to_uppercase());
        }
        if let Some(h) = &c.honorific {
            qs.push(h.clone());
        }
    }
    qs.sort();
    qs.dedup();
    qs
}

type Row = (ContactId, MatchClass, &'static str);

fn results(store: salesbook::store::Snap, q: &str, limit: usize, all: bool) -> Vec<Row> {
    store
        .search(q, limit, all)
        .unwrap_or_else(|e| panic!("search {q:?}: {e:#}"))
        .into_iter()
        .map(|h| (h.contact.id, h.class, h.matched))
        .collect()
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

#[test]
fn the_demo_index_equals_a_full_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_book(dir.path(), 400, 7);
    let copy = dir.path().join("rebuilt.sqlite");
    std::fs::copy(&demo, &copy).expect("copy the book");
    let (mut rebuilt, _) = Store::open(&copy, false, None).expect("open the copy");
    rebuilt.rebuild_search_index().expect("rebuild");
    let (original, _) = Store::open(&demo, false, None).expect("open the demo");

    // The key tables are row for row the same.
    let (a, b) = (
        Connection::open(&demo).expect("open"),
        Connection::open(&copy).expect("open"),
    );
    for sql in [
        "SELECT * FROM search_grams ORDER BY 1, 2, 3, 4, 5",
        "SELECT * FROM search_pinyin ORDER BY 1, 2, 3, 4, 5",
        "SELECT * FROM search_state ORDER BY 1",
    ] {
        let (x, y) = (dump(&a, sql), dump(&b, sql));
        assert!(!x.is_empty(), "{sql} is empty");
        assert!(x == y, "{sql}: the demo's index differs from a rebuild");
    }

    // And every query answers the same (the FTS tables cannot be read back).
    let contacts = contacts_of(&demo);
    assert_eq!(contacts.len(), 400);
    let qs = queries_from(&contacts, 7);
    assert!(qs.len() > 200, "{} queries", qs.len());
    let mut nonempty = 0;
    for q in &qs {
        for all in [false, true] {
            let x = results(original.snap(), q, 50, all);
            let y = results(rebuilt.snap(), q, 50, all);
            assert_eq!(x, y, "{q:?} (archived {all}): demo vs rebuilt index");
            nonempty += !x.is_empty() as usize;
        }
    }
    assert!(nonempty > qs.len(), "most queries find something");

    // Every demo contact is found by its own name (archived ones with --all).
    for (c, _) in &contacts {
        let hits = results(original.snap(), &c.name, 50, true);
        assert!(
            hits.iter()
                .any(|(id, class, _)| *id == c.id && *class == MatchClass::ExactName),
            "{} ({}) by its name: {hits:?}",
            c.name,
            c.id
        );
        let without = results(original.snap(), &c.name, 50, false);
        assert_eq!(
            without.iter().any(|(id, _, _)| *id == c.id),
            !c.archived,
            "{} archived {}",
            c.name,
            c.archived
        );
    }
}

/// What the spec says a query should find in a book, worked out from the contacts alone
/// (plain substring tests, and the pinyin keys of each name): every match as (id, class),
/// ranked by class, then main before secondary reading, then recency, then id.
fn oracle(
    contacts: &[(Contact, Vec<Interaction>)],
    keys: &[Vec<(String, u8)>],
    q: &str,
    all: bool,
) -> Vec<(ContactId, MatchClass)> {
    let q = q.trim().to_lowercase();
    let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let n = compact.chars().count();
    let short_cjk = (1..=2).contains(&n) && compact.chars().all(cjk);
    let latin = compact.chars().any(|c| c.is_ascii_alphabetic())
        && compact.chars().all(|c| c.is_ascii_alphanumeric());
    let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
    let phone_like =
        q.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c)) && digits.len() >= 3;
    let long = q.chars().count() >= 3;
    let mut out: Vec<(MatchClass, u8, i64, ContactId)> = Vec::new();
    for ((c, timeline), keys) in contacts.iter().zip(keys) {
        if c.archived && !all {
            continue;
        }
        let has = |v: &Option<String>| v.as_deref().is_some_and(|s| s.to_lowercase().contains(&q));
        let tag_text = c.tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let tags_have = tag_text.iter().any(|t| t.to_lowercase().contains(&q));
        let name = c.name.to_lowercase();
        let mut best: Option<(MatchClass, u8)> = None;
        let mut offer = |class: MatchClass, rank: u8| {
            if best.is_none_or(|b| (class, rank) < b) {
                best = Some((class, rank));
            }
        };
        if short_cjk || long {
            if name == q {
                offer(MatchClass::ExactName, 0);
            } else if name.starts_with(&q) {
                offer(MatchClass::NamePrefix, 0);
            } else if name.contains(&q) {
                offer(MatchClass::Name, 0);
            }
        }
        if latin && keys_find(keys, &compact) {
            let rank = keys
                .iter()
                .filter(|(k, _)| {
                    if compact.len() <= 4 {
                        *k == compact
                    } else {
                        k.starts_with(&compact)
                    }
                })
                .map(|(_, r)| *r)
                .min()
                .unwrap_or(0);
            offer(MatchClass::Pinyin, rank);
        }
        if short_cjk && (has(&c.honorific) || has(&c.company) || has(&c.source) || tags_have) {
            offer(MatchClass::Field, 0);
        }
        if long
            && (has(&c.honorific)
                || has(&c.company)
                || has(&c.source)
                || has(&c.wechat)
                || has(&c.phone)
                || has(&c.need)
                || has(&c.budget)
                || tags_have)
        {
            offer(MatchClass::Field, 0);
        }
        if phone_like && c.phone.as_deref().is_some_and(|p| p.contains(&digits)) {
            offer(MatchClass::Field, 0);
        }
        if long
            && (has(&c.notes)
                || timeline.iter().any(|i| {
                    i.kind != InteractionKind::Edited
                        && i.text
                            .as_deref()
                            .is_some_and(|t| t.to_lowercase().contains(&q))
                }))
        {
            offer(MatchClass::Notes, 0);
        }
        if let Some((class, rank)) = best {
            out.push((class, rank, -c.last_activity().timestamp(), c.id));
        }
    }
    out.sort();
    out.into_iter()
        .map(|(class, _, _, id)| (id, class))
        .collect()
}

#[test]
fn a_demo_book_answers_like_the_spec_says() {
    // 2,600 contacts: common words ("客户来", "朋友圈"…) match more than a couple of
    // thousand of them, so a page must come from the whole ranking, not from whichever
    // matches the full-text index returned first.
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_book(dir.path(), 2600, 2024);
    let reader = Reader::open(&demo).expect("open");
    let store = reader.snap();
    let contacts = contacts_of(&demo);
    let keys: Vec<Vec<(String, u8)>> = contacts.iter().map(|(c, _)| pinyin_keys(&c.name)).collect();
    let qs = queries_from(&contacts, 97);
    let mut checked = 0;
    for q in &qs {
        for (limit, all) in [(20, false), (5, true)] {
            let want: Vec<(ContactId, MatchClass)> = oracle(&contacts, &keys, q, all)
                .into_iter()
                .take(limit)
                .collect();
            let hits = store.search(q, limit, all).expect("search");
            let got: Vec<(ContactId, MatchClass)> =
                hits.iter().map(|h| (h.contact.id, h.class)).collect();
            assert_eq!(got, want, "{q:?} (limit {limit}, archived {all})");
            for h in &hits {
                check_matched(h, q);
            }
            checked += want.len();
        }
    }
    assert!(checked > 1000, "only {checked} hits checked");
}

/// `matched` names a field that really holds the query.
fn check_matched(h: &SearchHit, q: &str) {
    let c = &h.contact;
    let ql = q.to_lowercase();
    let has = |v: &Option<String>| v.as_deref().is_some_and(|s| s.to_lowercase().contains(&ql));
    let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
    let ok = match h.matched {
        "name" => c.name.to_lowercase().contains(&ql),
        "pinyin" => h.class == MatchClass::Pinyin,
        "honorific" => has(&c.honorific),
        "company" => has(&c.company),
        "source" => has(&c.source),
        "wechat" => has(&c.wechat),
        "need" => has(&c.need),
        "budget" => has(&c.budget),
        "tags" => c.tags.iter().any(|t| t.to_string().contains(&ql)),
        "notes" => has(&c.notes),
        "phone" => c.phone.as_deref().is_some_and(|p| p.contains(&digits)) && !digits.is_empty(),
        "timeline" => h.class == MatchClass::Notes && !has(&c.notes),
        other => panic!("unknown matched field {other}"),
    };
    assert!(ok, "{q:?} → {} says matched {}", c.name, h.matched);
}

#[test]
fn a_bulk_load_indexes_inline_and_ranks_past_the_candidate_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bulk.sqlite");
    let mut book = open_book(&path, T0);
    const N: i64 = 2300;
    let seeds = (0..N).map(|i| {
        let created = utc(i);
        let mut note = Interaction::new(0, created + Duration::seconds(30), InteractionKind::Note);
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
            owner: None,
            updated_at: None,
            last_touch_at: None,
        }
    });
    book.execute(Command::Batch {
        kind: BatchKind::Import,
        commands: seeds.map(|s| Command::Seed(Box::new(s))).collect(),
    })
    .expect("insert seeds");
    let reader = Reader::open(&path).expect("open");
    let store = reader.snap();
    // Ids follow creation, so the most recent active contacts are the highest ids.
    let newest: Vec<ContactId> = (1..=N).rev().filter(|id| id % 100 != 0).take(10).collect();
    let newest_all: Vec<ContactId> = (1..=N).rev().take(10).collect();
    for q in ["改善睡眠", "下个月再联系", "1380000", "客户"] {
        let got: Vec<ContactId> = store
            .search(q, 10, false)
            .expect("search")
            .iter()
            .map(|h| h.contact.id)
            .collect();
        assert_eq!(got, newest, "{q:?}");
        let got: Vec<ContactId> = store
            .search(q, 10, true)
            .expect("search")
            .iter()
            .map(|h| h.contact.id)
            .collect();
        assert_eq!(got, newest_all, "{q:?} with archived");
    }
    // The single name match ranks first, however old.
    let hits = store.search("客户12", 3, false).expect("search");
    assert_eq!(hits[0].contact.name, "客户12");
    assert_eq!(hits[0].class, MatchClass::ExactName);
    assert!(
        hits[1..]
            .iter()
            .all(|h| h.class == MatchClass::NamePrefix && h.contact.name.starts_with("客户12"))
    );
}

// ---------------------------------------------------------------------------------------
// Books created before the index existed.

#[test]
fn a_schema_1_book_gets_its_index_built_when_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite");
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(migration_sql(1).expect("migration 1"))
            .expect("schema 1");
        let latest = salesbook::store::latest_version() as usize;
        assert!(migration_sql(0).is_none());
        assert!(migration_sql(latest).is_some());
        assert!(migration_sql(latest + 1).is_none());
        conn.execute_batch(
            "PRAGMA user_version = 1; PRAGMA application_id = 1396853553;
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
                 (4, 4000, 'created', NULL);",
        )
        .expect("old data");
    }
    let mut fx = Fx {
        dir,
        ids: HashMap::new(),
    };
    std::fs::rename(&path, fx.path()).expect("move into place");
    for (name, id) in [("张三丰", 1), ("单雄信", 2), ("张伟", 3), ("张无忌", 4)] {
        fx.ids.insert(name.into(), id);
    }
    {
        let book = fx.at(0);
        assert_eq!(
            book.view().schema_version().expect("version"),
            salesbook::store::latest_version()
        );
    }
    fx.expect("张三丰", 20, false, &[("张三丰", "name")]);
    fx.expect("zsf", 20, false, &[("张三丰", "pinyin")]);
    fx.expect("shan", 20, false, &[("单雄信", "pinyin")]);
    fx.expect("8000", 20, false, &[("张三丰", "phone")]);
    fx.expect("掌门", 20, false, &[("张三丰", "honorific")]);
    fx.expect("wx_abc", 20, false, &[("张三丰", "wechat")]);
    fx.expect("改善睡眠", 20, false, &[("张三丰", "need")]);
    fx.expect("晚上方便", 20, false, &[("张三丰", "notes")]);
    fx.expect("下个月", 20, false, &[("单雄信", "timeline")]);
    fx.expect("近期", 20, false, &[("单雄信", "tags")]);
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
    fx.expect(
        "zhang",
        20,
        false,
        &[("张无忌", "pinyin"), ("张三丰", "pinyin")],
    );
    fx.expect(
        "zhang",
        20,
        true,
        &[
            ("张无忌", "pinyin"),
            ("张伟", "pinyin"),
            ("张三丰", "pinyin"),
        ],
    );
    fx.expect(
        "z",
        20,
        false,
        &[("张无忌", "pinyin"), ("张三丰", "pinyin")],
    );
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
    // Each contact is indexed once: 张伟 (archived), 张无忌 and 张君宝 by recency.
    let again: Vec<ContactId> = fx
        .search("张", 20, true)
        .iter()
        .map(|h| h.contact.id)
        .collect();
    assert_eq!(again, [4, 3, 1]);
}
