//! Rows of a hand-kept sheet that are no contact: the header written again (a sheet pasted
//! together from several), a totals row (`合计`, `Total: 8`), and a note under the table
//! (`备注：以上客户均为2026年新增`, `制表人：王芳`). Imported, each would be a "new lead" owed a
//! welcome within minutes; they are skipped and reported instead.

/// Why a row is not a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAContact {
    RepeatedHeader,
    Totals,
    Footer,
}

/// Words that open a totals row.
const TOTAL_WORDS: [&str; 7] = ["合计", "总计", "小计", "共计", "汇总", "total", "sum"];

/// `cells`: the row; `header`: the header row's cells; `name_columns`: where names are.
pub fn not_a_contact(
    cells: &[&str],
    header: &[String],
    name_columns: &[usize],
) -> Option<NotAContact> {
    let filled: Vec<(usize, &str)> = cells
        .iter()
        .map(|c| c.trim())
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let (first_at, first) = *filled.first()?;
    let header_filled = header.iter().filter(|h| !h.trim().is_empty()).count();
    let same_as_header = filled
        .iter()
        .filter(|(i, c)| header.get(*i).is_some_and(|h| names_same_column(h, c)))
        .count();
    // Every cell its column's header, and not a lone cell that a one-column list could
    // hold by chance.
    if same_as_header == filled.len() && same_as_header >= header_filled.min(2) {
        return Some(NotAContact::RepeatedHeader);
    }
    let name = name_columns
        .iter()
        .find_map(|&i| cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty()));
    if is_total(first) || name.is_some_and(is_total) {
        return Some(NotAContact::Totals);
    }
    // A lone first cell with a colon: a line of text under the table, not a name. Where
    // that cell is a name's, only a label known to open such a line says so: a one-column
    // list may hold `张伟：老客户`.
    if filled.len() == 1
        && first_at == 0
        && let Some((label, _)) = first.split_once([':', '：'])
        && (!name_columns.contains(&0) || is_footer_label(label))
    {
        return Some(NotAContact::Footer);
    }
    None
}

/// Labels that open a line under a table: who made it, when, what it covers.
const FOOTER_LABELS: [&str; 22] = [
    "备注",
    "注",
    "注意",
    "说明",
    "制表",
    "制表人",
    "填表人",
    "统计人",
    "审核",
    "审核人",
    "负责人",
    "日期",
    "制表日期",
    "统计日期",
    "更新时间",
    "数据来源",
    "来源",
    "note",
    "notes",
    "prepared by",
    "source",
    "updated",
];

fn is_footer_label(label: &str) -> bool {
    let label = label.trim().to_lowercase();
    FOOTER_LABELS.contains(&label.as_str())
}

/// A cell that is its column's header, written again perhaps a little differently
/// (`手机号` under `手机号（必填）`, `电话` under `手机号`).
fn names_same_column(header: &str, cell: &str) -> bool {
    use super::headers::{normalize, recognize};
    header.trim() == cell
        || normalize(header) == normalize(cell)
        || recognize(cell).is_some_and(|(f, _)| recognize(header).is_some_and(|(g, _)| f == g))
}

/// `合计`, `Total`, or one of them then a colon and more (`合计：8人`).
fn is_total(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    TOTAL_WORDS.iter().any(|w| {
        lower.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with([':', '：'])
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{NotAContact, not_a_contact};

    fn header(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn header_totals_and_footers_are_told() {
        let h = header(&["序号", "姓名", "电话", "意向"]);
        let names = [1];
        let is = |cells: &[&str]| not_a_contact(cells, &h, &names);
        assert_eq!(
            is(&["序号", "姓名", "电话", "意向"]),
            Some(NotAContact::RepeatedHeader)
        );
        assert_eq!(
            is(&["", " 姓名", "电话", ""]),
            Some(NotAContact::RepeatedHeader)
        );
        // Written again a little differently.
        assert_eq!(
            is(&["", "姓名", "手机号", "意向"]),
            Some(NotAContact::RepeatedHeader)
        );
        let h2 = header(&["客户姓名", "手机号\n（必填）", "备注"]);
        assert_eq!(
            not_a_contact(&["客户姓名", "手机号", "备注"], &h2, &[0]),
            Some(NotAContact::RepeatedHeader)
        );
        assert_eq!(is(&["合计", "8人", "", ""]), Some(NotAContact::Totals));
        assert_eq!(is(&["", "总计：3", "", ""]), Some(NotAContact::Totals));
        assert_eq!(is(&["Total: 8", "", "", ""]), Some(NotAContact::Totals));
        assert_eq!(is(&["SUM", "", "", "12"]), Some(NotAContact::Totals));
        assert_eq!(
            is(&["备注：以上客户均为2026年新增", "", "", ""]),
            Some(NotAContact::Footer)
        );
        assert_eq!(is(&["制表人:王芳"]), Some(NotAContact::Footer));
        // People.
        for row in [
            &["1", "张伟", "13800138000", "A"][..],
            &["", "合计划", "", ""],
            &["", "Total Wellness", "", ""],
            &["", "Sumi", "", ""],
            &["", "王芳", "", ""],
            &["", "姓名", "", ""],
            &["", "张伟：老客户", "", ""],
        ] {
            assert_eq!(is(row), None, "{row:?}");
        }
    }

    #[test]
    fn a_header_or_total_away_from_the_first_cell_is_told() {
        // A column no field knows, written again without its hint.
        let h = header(&["姓名", "跟单小记（选填）"]);
        assert_eq!(
            not_a_contact(&["姓名", "跟单小记"], &h, &[0]),
            Some(NotAContact::RepeatedHeader)
        );
        // The total in the second of two name columns, after a row number.
        let h = header(&["序号", "姓名", "称呼"]);
        assert_eq!(
            not_a_contact(&["3", "", "合计"], &h, &[1, 2]),
            Some(NotAContact::Totals)
        );
        assert_eq!(not_a_contact(&["3", "", "王姐"], &h, &[1, 2]), None);
    }

    #[test]
    fn a_one_column_list_of_names_is_people() {
        let h = header(&["姓名"]);
        for name in ["张伟", "王芳", "Sum Li", "张伟：老客户", "王芳: 宝妈群"] {
            assert_eq!(not_a_contact(&[name], &h, &[0]), None, "{name}");
        }
        for footer in ["备注：以上均为新客户", "制表人:王芳", " Prepared by: Li "] {
            assert_eq!(
                not_a_contact(&[footer], &h, &[0]),
                Some(NotAContact::Footer),
                "{footer}"
            );
        }
        assert_eq!(
            not_a_contact(&["姓名"], &h, &[0]),
            Some(NotAContact::RepeatedHeader)
        );
    }
}
