//! Search's own strings: the line that says how many contacts matched.

use crate::config::Lang;

/// "How many matched" under a page of search results. `total` is exact, or a lower bound
/// when `exact` is false (counting stops early on very common queries).
pub fn total_line(lang: Lang, shown: usize, total: usize, exact: bool) -> String {
    match (lang, exact, shown == total) {
        (Lang::Zh, true, true) => format!("共 {total} 个结果"),
        (Lang::Zh, true, false) => format!("共 {total} 个结果，显示前 {shown} 个"),
        (Lang::Zh, false, _) => format!("至少 {total} 个结果，显示前 {shown} 个"),
        (Lang::En, true, true) => match total {
            1 => "1 result".to_string(),
            n => format!("{n} results"),
        },
        (Lang::En, true, false) => format!("{total} results, showing the first {shown}"),
        (Lang::En, false, _) => format!("at least {total} results, showing the first {shown}"),
    }
}

/// A search that found nothing among the active contacts but `total` archived ones.
pub fn only_archived(lang: Lang, total: usize, exact: bool) -> String {
    let more = if exact { "" } else { "+" };
    match lang {
        Lang::Zh => format!("已归档的客户里有 {total}{more} 个结果，加 --all 一起查看"),
        Lang::En => format!("{total}{more} archived contacts match; add --all to see them"),
    }
}

/// [`only_archived`] in the app: the key that lists them.
pub fn only_archived_app(lang: Lang, total: usize, exact: bool) -> String {
    let more = if exact { "" } else { "+" };
    match lang {
        Lang::Zh => format!("已归档的客户里有 {total}{more} 个结果，按 Ctrl-O 一起显示"),
        Lang::En => format!("{total}{more} archived contacts match; Ctrl-O shows them"),
    }
}

/// The field a hit came through (`SearchHit::matched`, a key scripts read in JSON and
/// CSV), as a table or the app names it.
pub fn matched_label(lang: Lang, key: &str) -> &str {
    let (zh, en) = match key {
        "name" => ("姓名", "name"),
        "pinyin" => ("姓名拼音", "name (pinyin)"),
        "honorific" => ("称呼", "honorific"),
        "company" => ("公司", "company"),
        "source" => ("来源", "source"),
        "wechat" => ("微信", "WeChat"),
        "phone" => ("电话", "phone"),
        "need" => ("需求", "need"),
        "budget" => ("预算", "budget"),
        "tags" => ("标签", "tags"),
        "notes" => ("备注", "notes"),
        "timeline" => ("跟进记录", "timeline"),
        "fields" => ("其他资料", "other fields"),
        other => (other, other),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_matched_key_has_a_label_in_both_languages() {
        let keys = [
            "name",
            "pinyin",
            "honorific",
            "company",
            "source",
            "wechat",
            "phone",
            "need",
            "budget",
            "tags",
            "notes",
            "timeline",
            "fields",
        ];
        for key in keys {
            let zh = matched_label(Lang::Zh, key);
            assert!(zh.chars().all(|c| !c.is_ascii_alphabetic()), "{key}: {zh}");
            assert!(!matched_label(Lang::En, key).is_empty());
        }
        assert_eq!(matched_label(Lang::Zh, "pinyin"), "姓名拼音");
    }

    #[test]
    fn the_total_says_whether_it_is_exact_and_what_is_shown() {
        assert_eq!(total_line(Lang::Zh, 2, 2, true), "共 2 个结果");
        assert_eq!(
            total_line(Lang::Zh, 50, 1209, true),
            "共 1209 个结果，显示前 50 个"
        );
        assert_eq!(
            total_line(Lang::Zh, 50, 1000, false),
            "至少 1000 个结果，显示前 50 个"
        );
        assert_eq!(total_line(Lang::En, 1, 1, true), "1 result");
        assert_eq!(total_line(Lang::En, 0, 0, true), "0 results");
        assert_eq!(
            total_line(Lang::En, 20, 1000, false),
            "at least 1000 results, showing the first 20"
        );
    }
}
