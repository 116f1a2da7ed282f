//! Which field a column header names, in the words of the tools reps export from
//! (企业微信-style customer lists, CRMs, phone address books, hand-made spreadsheets), plus
//! the user's `--map COLUMN=FIELD` overrides.

use super::header_words::{ROW_NUMBER, SYNONYMS};
use super::model::Field;
use crate::domain::text::fold_width;

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnTarget {
    Field(Field),
    /// Not a field salesbook knows: the value goes into the note as `列名：值`.
    Note,
    /// Left out entirely (`--map COLUMN=ignore`, or a value the book derives itself).
    Ignore,
}

/// One `--map COLUMN=FIELD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    /// A header as written in the file, or a 1-based column number.
    pub column: String,
    pub target: ColumnTarget,
}

impl ColumnMapping {
    /// `COLUMN=FIELD`, where FIELD is a field key (`phone`), a header salesbook recognises
    /// (`手机号`), or `ignore`. The last `=` splits, since headers may contain one.
    pub fn parse(s: &str) -> Result<ColumnMapping, String> {
        let accepted = || {
            let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
            format!("{}, ignore", keys.join(", "))
        };
        let Some((column, field)) = s.rsplit_once('=') else {
            return Err(format!(
                "bad mapping '{s}'; expected COLUMN=FIELD, e.g. 客户昵称=name"
            ));
        };
        let column = column.trim();
        if column.is_empty() {
            return Err(format!("bad mapping '{s}'; the column is missing"));
        }
        let target = if field.trim().eq_ignore_ascii_case("ignore") {
            ColumnTarget::Ignore
        } else {
            let f = Field::ALL
                .into_iter()
                .find(|f| f.key().eq_ignore_ascii_case(field.trim()))
                .or_else(|| recognize(field).map(|(f, _)| f))
                .ok_or_else(|| {
                    format!("unknown field '{field}' in '{s}'; accepted: {}", accepted())
                })?;
            ColumnTarget::Field(f)
        };
        Ok(ColumnMapping {
            column: column.to_string(),
            target,
        })
    }
}

/// A resolved column: its header, where it goes, and its rank among columns of the same
/// field (0 first; for names, 姓名 before 备注名 before 昵称).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub label: String,
    pub target: ColumnTarget,
    pub rank: u8,
}

/// Folds a header for comparison: full-width forms, case, spaces, `_ - * :` and a trailing
/// remark in brackets (`手机号（必填）`, `Phone (mobile)`).
pub fn normalize(header: &str) -> String {
    let folded = fold_width(header.trim()).to_lowercase();
    let cut = match folded.find('(') {
        Some(i) if i > 0 && folded.trim_end().ends_with(')') => &folded[..i],
        _ => folded.as_str(),
    };
    cut.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '*' | ':'))
        .collect()
}

/// Columns that only describe the one beside them (`Phone 1 - Label: Mobile`, Outlook's
/// `E-mail Type: SMTP`), after [`normalize`] and with the number taken out: left out.
const DESCRIBE_A_NEIGHBOUR: &[&str] = &[
    "phonelabel",
    "phonetype",
    "emaillabel",
    "emailtype",
    "emailaddresstype",
    "emaildisplayname",
    "organizationtype",
    "organizationlabel",
    "addresslabel",
    "addresstype",
    "websitelabel",
    "websitetype",
    "relationlabel",
    "relationtype",
    "eventlabel",
    "eventtype",
    "imlabel",
    "imtype",
    "imservice",
    // Outlook in Chinese: E-mail Type, E-mail Display Name.
    "电子邮件类型",
    "电子邮件显示名称",
];

/// The field and rank a header names, if salesbook knows it. A numbered copy of a known
/// header (`Phone 2`, `E-mail 1 - Value`, `Home Phone 2`) names the same field.
pub fn recognize(header: &str) -> Option<(Field, u8)> {
    let key = normalize(header);
    let find = |key: &str| {
        SYNONYMS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|&(_, f, r)| (f, r))
    };
    find(&key).or_else(|| {
        let unnumbered = without_digits(&key)?;
        find(&unnumbered)
    })
}

/// `key` without its ASCII digits, when it had some (an all-digit key becomes empty, which names nothing).
fn without_digits(key: &str) -> Option<String> {
    let kept: String = key.chars().filter(|c| !c.is_ascii_digit()).collect();
    (kept.len() != key.len()).then_some(kept)
}

/// Whether a file's headers are those of an address book's contact export: Google's
/// (`Phone 1 - Value`, `E-mail 1 - Value`, `Group Membership`) or Outlook's (an e-mail
/// address beside business and home phones, in English or Chinese).
pub fn is_address_book(headers: &[String]) -> bool {
    let keys: Vec<String> = headers
        .iter()
        .map(|h| {
            let key = normalize(h);
            without_digits(&key).unwrap_or(key)
        })
        .collect();
    let has = |k: &str| keys.iter().any(|key| key == k);
    let google = ["phonevalue", "emailvalue", "groupmembership"]
        .iter()
        .any(|k| has(k));
    let outlook = (has("emailaddress") && has("businessphone") && has("homephone"))
        || (has("电子邮件地址") && has("商务电话") && has("住宅电话"));
    google || outlook
}

/// Whether a header only describes its neighbour (see [`DESCRIBE_A_NEIGHBOUR`]).
fn describes_a_neighbour(header: &str) -> bool {
    let key = normalize(header);
    let key = without_digits(&key).unwrap_or(key);
    DESCRIBE_A_NEIGHBOUR.contains(&key.as_str())
}

/// A `--map` names a column the file does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingColumn {
    pub column: String,
    /// The file's columns, as written.
    pub columns: Vec<String>,
}

/// Resolves every header of a file, applying the `--map` overrides first.
pub fn resolve(headers: &[String], maps: &[ColumnMapping]) -> Result<Vec<Column>, MissingColumn> {
    let mut cols: Vec<Column> = headers
        .iter()
        .map(|h| match recognize(h) {
            Some((f, rank)) => Column {
                label: h.trim().to_string(),
                target: ColumnTarget::Field(f),
                rank,
            },
            None => Column {
                label: h.trim().to_string(),
                target: if describes_a_neighbour(h) || ROW_NUMBER.contains(&normalize(h).as_str()) {
                    ColumnTarget::Ignore
                } else {
                    ColumnTarget::Note
                },
                rank: 0,
            },
        })
        .collect();
    for m in maps {
        let i = find_column(headers, &m.column).ok_or_else(|| MissingColumn {
            column: m.column.clone(),
            columns: headers.iter().map(|h| h.trim().to_string()).collect(),
        })?;
        cols[i].target = m.target;
        // A column the user chose outranks the ones salesbook guessed.
        cols[i].rank = 0;
    }
    Ok(cols)
}

fn find_column(headers: &[String], column: &str) -> Option<usize> {
    let wanted = column.trim();
    headers
        .iter()
        .position(|h| h.trim() == wanted)
        .or_else(|| {
            headers
                .iter()
                .position(|h| normalize(h) == normalize(wanted))
        })
        .or_else(|| {
            let n: usize = wanted.parse().ok()?;
            (1..=headers.len()).contains(&n).then(|| n - 1)
        })
}

/// How many cells of a row read as known headers (or are named by a `--map`, by header or
/// by column number): the header row is the first row that names at least two fields (a
/// title line above it is skipped).
pub fn header_score(cells: &[String], maps: &[ColumnMapping]) -> usize {
    let known = cells.iter().filter(|c| recognize(c).is_some()).count();
    let mapped = maps
        .iter()
        .filter(|m| find_column(cells, &m.column).is_some())
        .count();
    known + mapped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exports_of_address_books_are_told_from_other_lists() {
        let h = |s: &str| -> Vec<String> { s.split(',').map(String::from).collect() };
        for book in [
            "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value",
            "First Name,Last Name,Phone 1 - Type,Phone 1 - Value",
            "Name,Given Name,Family Name,Group Membership",
            "First Name,Last Name,E-mail Address,Home Phone,Business Phone,Mobile Phone",
            "名,姓,电子邮件地址,住宅电话,商务电话,移动电话",
        ] {
            assert!(is_address_book(&h(book)), "{book}");
        }
        for list in [
            "姓名,手机号,微信号,来源,需求",
            "First Name,Last Name,Email,Phone,Company,Lead Source",
            "First Name,Last Name,E-mail Address,Mobile Phone",
            "name,phone,labels",
        ] {
            assert!(!is_address_book(&h(list)), "{list}");
        }
    }

    #[test]
    fn address_book_headers_and_their_numbered_copies() {
        assert_eq!(recognize("Phone 1 - Value"), Some((Field::Phone, 1)));
        assert_eq!(recognize("Phone 2"), Some((Field::Phone, 1)));
        assert_eq!(recognize("Home Phone 2"), Some((Field::Phone, 2)));
        assert_eq!(recognize("Mobile Phone"), Some((Field::Phone, 0)));
        assert_eq!(recognize("E-mail 2 Address"), Some((Field::Email, 0)));
        assert_eq!(recognize("E-mail 1 - Value"), Some((Field::Email, 0)));
        assert_eq!(
            recognize("Organization 1 - Name"),
            Some((Field::Company, 0))
        );
        assert_eq!(recognize("Group Membership"), Some((Field::Tags, 1)));
        assert_eq!(recognize("姓"), Some((Field::FamilyName, 0)));
        assert_eq!(recognize("Last Name"), Some((Field::FamilyName, 0)));
        assert_eq!(recognize("名"), Some((Field::GivenName, 0)));
        assert_eq!(recognize("Given Name"), Some((Field::GivenName, 0)));
        assert_eq!(recognize("Additional Name"), Some((Field::MiddleName, 0)));
        // Digits alone, or a header that is not a numbered copy of one known.
        assert_eq!(recognize("2"), None);
        assert_eq!(recognize("Given Name Yomi"), None);
        assert_eq!(recognize("Phone 1 - Label"), None);
        for h in [
            "Phone 1 - Label",
            "E-mail 2 - Type",
            "Address 1 - Label",
            "IM 1 - Service",
        ] {
            assert!(describes_a_neighbour(h), "{h}");
        }
        for h in ["Phone 1 - Value", "Address 1 - Formatted", "Labels", "标签"] {
            assert!(!describes_a_neighbour(h), "{h}");
        }
        let cols = resolve(
            &["Phone 1 - Label".to_string(), "Phone 1 - Value".to_string()],
            &[],
        )
        .unwrap();
        assert_eq!(cols[0].target, ColumnTarget::Ignore);
        assert_eq!(cols[1].target, ColumnTarget::Field(Field::Phone));
    }

    #[test]
    fn recognises_chinese_and_english_headers() {
        assert_eq!(recognize("姓名"), Some((Field::Name, 0)));
        assert_eq!(recognize(" 备注名 "), Some((Field::Name, 1)));
        assert_eq!(recognize("昵称"), Some((Field::Name, 5)));
        assert_eq!(recognize("手机号（必填）"), Some((Field::Phone, 0)));
        assert_eq!(recognize("Phone Number"), Some((Field::Phone, 1)));
        assert_eq!(recognize("ＷｅＣｈａｔ　ＩＤ"), Some((Field::Wechat, 0)));
        assert_eq!(recognize("添加渠道"), Some((Field::Source, 0)));
        assert_eq!(recognize("企业标签"), Some((Field::Tags, 0)));
        assert_eq!(recognize("created_at"), Some((Field::CreatedAt, 0)));
        assert_eq!(recognize("最后联系时间"), Some((Field::LastTouchAt, 0)));
        assert_eq!(recognize("Last Contacted"), Some((Field::LastTouchAt, 0)));
        assert_eq!(recognize("客户备注名"), Some((Field::Name, 1)));
        assert_eq!(recognize("备注企业名称"), Some((Field::Company, 0)));
        assert_eq!(recognize("性别"), None);
    }

    #[test]
    fn maps_override_and_name_unknown_columns() {
        let headers: Vec<String> = ["客户昵称X", "手机号", "性别", "地区"]
            .map(String::from)
            .to_vec();
        let maps = vec![
            ColumnMapping::parse("客户昵称X=name").unwrap(),
            ColumnMapping::parse("4=ignore").unwrap(),
        ];
        let cols = resolve(&headers, &maps).unwrap();
        let targets: Vec<ColumnTarget> = cols.iter().map(|c| c.target).collect();
        assert_eq!(
            targets,
            [
                ColumnTarget::Field(Field::Name),
                ColumnTarget::Field(Field::Phone),
                ColumnTarget::Note,
                ColumnTarget::Ignore
            ]
        );
        assert_eq!(header_score(&headers, &maps), 3);
        let err = resolve(&headers, &[ColumnMapping::parse("区域=need").unwrap()]).unwrap_err();
        assert_eq!(err.column, "区域");
        assert!(err.columns.iter().any(|c| c == "性别"), "{err:?}");
    }

    #[test]
    fn mapping_syntax() {
        let m = ColumnMapping::parse("a=b=手机号").unwrap();
        assert_eq!(
            (m.column.as_str(), m.target),
            ("a=b", ColumnTarget::Field(Field::Phone))
        );
        assert!(ColumnMapping::parse("=name").is_err());
        assert!(ColumnMapping::parse("列").is_err());
        let err = ColumnMapping::parse("列=性别").unwrap_err();
        assert!(
            err.contains("lost_reason") && err.contains("ignore"),
            "{err}"
        );
    }
}
