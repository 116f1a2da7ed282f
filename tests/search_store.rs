//! Search through the library (writes through `Book::execute`, reads through
//! `Snap::search`), case by case against the spec of "Search as you type": what is found
//! (every field from one character on, pinyin with each syllable typed as any prefix of
//! itself), how it ranks, what `matched` says, the total and `limit`. How the index follows
//! writes is in `search_index.rs`; the whole ranking against an independent reference is in
//! `search_recall.rs`.
//! This file holds what the tests share; the tests are in the modules under `search_store/`.

#[path = "search_store/archived_and_limits.rs"]
mod archived_and_limits;
#[path = "search_store/fields.rs"]
mod fields;
#[path = "search_store/pinyin.rs"]
mod pinyin;
#[path = "search_store/ranking.rs"]
mod ranking;
mod search_support;

use salesbook::domain::command::Command;
use salesbook::domain::search::MatchClass;
use salesbook::domain::{ContactId, Interaction, InteractionKind, NewContact, Stage};
use salesbook::store::{Reader, TOTAL_CAP};
use search_support::{Fx, person, reader, s, seed_book, seed_contact, tags, utc, zhang_sanfeng};

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
            // Not a tag of the default template: added on purpose, as `--new-tag` does.
            tags: tags(&["意向/观望"]),
            new_tags: tags(&["意向/观望"]),
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
