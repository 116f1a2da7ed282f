//! Tests of `exchange::cells`: each cell reads back exactly what was written.

use super::*;
use crate::domain::InteractionKind;
use chrono::{DateTime, Utc};

fn tag(g: &str, t: &str) -> TagRef {
    TagRef {
        group: g.into(),
        tag: t.into(),
    }
}

#[test]
fn formula_guard_is_exact() {
    for (v, guarded) in [
        ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("张三", "张三"),
        ("", ""),
    ] {
        assert_eq!(guard_formula(v), guarded, "{v:?}");
        assert_eq!(unguard_formula(guarded), v, "{v:?}");
    }
}

#[test]
fn text_marker_keeps_numbers_text() {
    assert_eq!(text_cell("00123"), "00123\t");
    assert_eq!(text_cell("075512345678"), "075512345678\t");
    assert_eq!(text_cell("+8613800001234"), "'+8613800001234\t");
    assert_eq!(text_cell("3-5"), "3-5\t");
    assert_eq!(text_cell("TRUE"), "TRUE\t");
    assert_eq!(text_cell("１２３"), "１２３\t");
    assert_eq!(text_cell("lisi88"), "lisi88");
    assert_eq!(text_cell("3000-5000元"), "3000-5000元");
    for v in ["00123", "+86 138", "-", "x\t", "'-1\t", "TRUE", "张三", ""] {
        assert_eq!(read_text_cell(&text_cell(v)), v, "{v:?}");
    }
}

#[test]
fn tags_split_back_exactly() {
    let tags = vec![
        tag("组", "a;b"),
        tag("组", "c"),
        tag("a/b", "c/d"),
        tag("反\\斜", "换\n行"),
        tag("", "空组"),
    ];
    let cell = encode_tags(&tags);
    assert_eq!(cell.lines().next(), Some("组/a;b"));
    assert_eq!(decode_tags(&cell).unwrap(), tags);
    assert_eq!(decode_tags(&cell.replace('\n', "\r\n")).unwrap(), tags);
    assert_eq!(decode_tags("").unwrap(), vec![]);
    assert_eq!(decode_tags("没有分组").unwrap_err(), "没有分组");
}

#[test]
fn purchases_split_back_exactly() {
    let cn = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let at: DateTime<Utc> = "2026-03-01T02:00:00Z".parse().unwrap();
    let ps = vec![
        PurchaseRecord {
            at,
            amount_cents: Some(399950),
            product: Some("年卡 (家庭)".into()),
        },
        PurchaseRecord {
            at,
            amount_cents: None,
            product: Some("¥券\n第二行".into()),
        },
        PurchaseRecord {
            at,
            amount_cents: Some(100),
            product: None,
        },
        PurchaseRecord {
            at,
            amount_cents: None,
            product: None,
        },
    ];
    let cell = encode_purchases(&ps, cn);
    assert_eq!(
        cell.lines().next(),
        Some("2026-03-01 10:00:00 ￥3999.50 年卡 (家庭)")
    );
    assert_eq!(decode_purchases(&cell, cn).unwrap(), ps);
    // Older exports wrote `¥`; a rep edits in `999元` or `RMB999`; an older export saved
    // as GBK has `?` for `¥`.
    for amount in [
        "¥3999.50",
        "3999.50元",
        "RMB3999.50",
        "CNY3999.5",
        "?3999.50",
    ] {
        let line = format!("2026-03-01 10:00:00 {amount} 年卡 (家庭)");
        assert_eq!(decode_purchases(&line, cn).unwrap()[..], ps[..1], "{line}");
    }
    // A product that would read as an amount is escaped, so it stays a product.
    let odd = vec![PurchaseRecord {
        at,
        amount_cents: None,
        product: Some("99元 体验课".into()),
    }];
    let cell = encode_purchases(&odd, cn);
    assert_eq!(cell, "2026-03-01 10:00:00 \\99元 体验课");
    assert_eq!(decode_purchases(&cell, cn).unwrap(), odd);
    assert!(decode_purchases("2026-03-01 10:00:00¥5", cn).is_err());
    assert!(decode_purchases("昨天 买了", cn).is_err());
}

fn entry(at: &str, kind: InteractionKind) -> TimelineEntry {
    TimelineEntry::new(at.parse().unwrap(), kind)
}

#[test]
fn timeline_reads_back_exactly() {
    use crate::domain::{Channel, InteractionKind as K};
    let cn = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let t = "2026-03-01T02:00:00Z";
    let texts = [
        "你好\n第二行 \\ 反斜杠\\n",
        "[微信] 不是渠道",
        "«不是话术» ¥5 《不是产品》",
        "挖需求→抛产品 这样写的备注",
        "\\→",
        "\\\r→》¥",
        "\\n→ 不是换行",
        " 前后有空格 ",
        "\r\n",
        "〔C→A〕 不是等级",
    ];
    let mut es = vec![
        entry(t, K::Created),
        TimelineEntry {
            channel: Some(Channel::Wechat),
            text: Some(texts[0].into()),
            ..entry(t, K::Message)
        },
        TimelineEntry {
            from_stage: Some(Stage::Discover),
            to_stage: Some(Stage::Pitch),
            ..entry(t, K::StageChange)
        },
        TimelineEntry {
            to_stage: Some(Stage::Close),
            ..entry(t, K::StageChange)
        },
        TimelineEntry {
            channel: Some(Channel::Other),
            script_id: Some("a»b\\c\n".into()),
            ..entry(t, K::ScriptSent)
        },
        TimelineEntry {
            amount_cents: Some(399950),
            product: Some("年卡》(家庭)".into()),
            text: Some("付了".into()),
            ..entry(t, K::Won)
        },
        TimelineEntry {
            grade_change: Some((None, Some(Grade::B))),
            text: Some("grade: → B".into()),
            ..entry(t, K::Edited)
        },
        TimelineEntry {
            grade_change: Some((Some(Grade::C), Some(Grade::A))),
            ..entry(t, K::Merged)
        },
    ];
    for text in texts {
        es.push(TimelineEntry {
            text: Some(text.into()),
            ..entry("2026-03-02T02:00:00Z", K::Note)
        });
    }
    let cell = encode_timeline(&es, cn, true);
    let lines: Vec<&str> = cell.split('\n').collect();
    assert_eq!(lines.len(), es.len(), "one line an entry: {cell}");
    assert_eq!(lines[0], "2026-03-01 10:00:00 created");
    assert_eq!(
        lines[1],
        "2026-03-01 10:00:00 message [微信] 你好\\n第二行 \\\\ 反斜杠\\\\n"
    );
    assert_eq!(lines[2], "2026-03-01 10:00:00 stage_change 挖需求→抛产品");
    assert_eq!(lines[3], "2026-03-01 10:00:00 stage_change →提成交");
    assert_eq!(
        lines[4],
        "2026-03-01 10:00:00 script_sent [其他] 「a»b\\\\c\\n」"
    );
    assert_eq!(
        lines[5],
        "2026-03-01 10:00:00 won ￥3999.50 《年卡\\》(家庭)》 付了"
    );
    // Older exports' `«»` and `¥` read the same.
    for (i, was) in [
        (4, "2026-03-01 10:00:00 script_sent [其他] «a\\»b\\\\c\\n»"),
        (
            5,
            "2026-03-01 10:00:00 won ¥3999.50 《年卡\\》(家庭)》 付了",
        ),
    ] {
        assert_eq!(decode_timeline(was, cn).0[..], es[i..i + 1], "{was}");
    }
    assert_eq!(lines[6], "2026-03-01 10:00:00 edited 〔→B〕 grade: → B");
    assert_eq!(lines[7], "2026-03-01 10:00:00 merged 〔C→A〕");
    assert_eq!(lines[9], "2026-03-02 10:00:00 note \\[微信] 不是渠道");
    assert_eq!(
        lines.last().copied(),
        Some("2026-03-02 10:00:00 note \\〔C→A〕 不是等级")
    );
    // An export made before grades were written did not mark such a text: it is text.
    let (old, bad) = decode_timeline("2026-03-02 10:00:00 note 〔不是〕 等级", cn);
    assert_eq!(
        (old[0].text.as_deref(), old[0].grade_change, bad.len()),
        (Some("〔不是〕 等级"), None, 0)
    );
    assert_eq!(
        lines[11],
        "2026-03-02 10:00:00 note \\挖需求→抛产品 这样写的备注"
    );
    assert_eq!(decode_timeline(&cell, cn), (es.clone(), vec![]));
    assert_eq!(
        decode_timeline(&cell.replace('\n', "\r\n"), cn),
        (es.clone(), vec![])
    );
    let english = encode_timeline(&es, cn, false);
    assert!(english.contains(" message [wechat] "), "{english}");
    assert!(
        english.contains(" stage_change discover→pitch"),
        "{english}"
    );
    assert_eq!(decode_timeline(&english, cn), (es, vec![]));
    assert_eq!(decode_timeline("", cn), (vec![], vec![]));
}

#[test]
fn hand_written_timeline_lines_and_bad_ones() {
    use crate::domain::{Channel, InteractionKind as K};
    let cn = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let cell = "2026/3/1 9:05 call [电话] 聊了十分钟\n\n2026-03-02 note 只写了日期\n\
                昨天 打了电话\n2026-03-03 10:00:00 fax\n2026-03-03 10:00:00 call [传真]\n\
                2026-03-03 10:00:00 stage_change 甲→乙\n2026-03-03 10:00:00 won ¥很多\n\
                2026-03-03 10:00:00 call [电话]连着写\n2026-03-03 10:00:00 stage_change →\n\
                2026-03-03 10:00:00\n2026-03-04 08:00:00 inbound";
    let (entries, bad) = decode_timeline(cell, cn);
    assert_eq!(
        entries,
        [
            TimelineEntry {
                channel: Some(Channel::Phone),
                text: Some("聊了十分钟".into()),
                ..entry("2026-03-01T01:05:00Z", K::Call)
            },
            TimelineEntry {
                text: Some("只写了日期".into()),
                ..entry("2026-03-01T16:00:00Z", K::Note)
            },
            entry("2026-03-04T00:00:00Z", K::Inbound),
        ]
    );
    let lines: Vec<usize> = bad.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [4, 5, 6, 7, 8, 9, 10, 11], "{bad:?}");
    assert_eq!(bad[0].1, "昨天 打了电话");
}
