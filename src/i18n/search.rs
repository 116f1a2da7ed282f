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

#[cfg(test)]
mod tests {
    use super::*;

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
