//! Which field a column header names, in the words of the tools reps export from
//! (企业微信-style customer lists, CRMs, phone address books, hand-made spreadsheets), plus
//! the user's `--map COLUMN=FIELD` overrides.

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

/// Known headers after [`normalize`], with their field and rank.
const SYNONYMS: &[(&str, Field, u8)] = &[
    ("姓名", Field::Name, 0),
    ("客户姓名", Field::Name, 0),
    ("联系人姓名", Field::Name, 0),
    ("name", Field::Name, 0),
    ("fullname", Field::Name, 0),
    ("备注名", Field::Name, 1),
    ("备注姓名", Field::Name, 1),
    ("客户备注名", Field::Name, 1),
    ("名字", Field::Name, 2),
    ("联系人", Field::Name, 2),
    ("contact", Field::Name, 2),
    ("contactname", Field::Name, 2),
    ("客户名称", Field::Name, 3),
    ("客户名", Field::Name, 3),
    ("客户", Field::Name, 4),
    ("displayname", Field::Name, 4),
    ("昵称", Field::Name, 5),
    ("微信昵称", Field::Name, 5),
    ("客户昵称", Field::Name, 5),
    ("nickname", Field::Name, 5),
    // A name in parts (Google, Outlook, phones' address books).
    ("姓", Field::FamilyName, 0),
    ("姓氏", Field::FamilyName, 0),
    ("lastname", Field::FamilyName, 0),
    ("familyname", Field::FamilyName, 0),
    ("surname", Field::FamilyName, 0),
    ("名", Field::GivenName, 0),
    ("firstname", Field::GivenName, 0),
    ("givenname", Field::GivenName, 0),
    ("forename", Field::GivenName, 0),
    ("中间名", Field::MiddleName, 0),
    ("middlename", Field::MiddleName, 0),
    ("additionalname", Field::MiddleName, 0),
    ("称呼", Field::Honorific, 0),
    ("honorific", Field::Honorific, 0),
    ("salutation", Field::Honorific, 0),
    ("手机", Field::Phone, 0),
    ("手机号", Field::Phone, 0),
    ("手机号码", Field::Phone, 0),
    ("备注手机号", Field::Phone, 0),
    ("移动电话", Field::Phone, 0),
    ("mobile", Field::Phone, 0),
    ("mobilephone", Field::Phone, 0),
    ("cellphone", Field::Phone, 0),
    ("mobilenumber", Field::Phone, 0),
    ("mobilephonenumber", Field::Phone, 0),
    ("phone", Field::Phone, 1),
    ("phonenumber", Field::Phone, 1),
    ("电话", Field::Phone, 1),
    ("电话号码", Field::Phone, 1),
    ("联系电话", Field::Phone, 1),
    ("tel", Field::Phone, 1),
    ("telephone", Field::Phone, 1),
    ("联系方式", Field::Phone, 2),
    ("座机", Field::Phone, 3),
    // Address books: Google's `Phone 1 - Value`, Outlook's `Business Phone` and the like.
    ("phonevalue", Field::Phone, 1),
    ("primaryphone", Field::Phone, 1),
    ("homephone", Field::Phone, 2),
    ("businessphone", Field::Phone, 2),
    ("workphone", Field::Phone, 2),
    ("otherphone", Field::Phone, 2),
    ("companymainphone", Field::Phone, 2),
    ("carphone", Field::Phone, 2),
    ("工作电话", Field::Phone, 2),
    ("办公电话", Field::Phone, 2),
    ("单位电话", Field::Phone, 2),
    ("公司电话", Field::Phone, 2),
    ("住宅电话", Field::Phone, 2),
    ("商务电话", Field::Phone, 2),
    ("家庭电话", Field::Phone, 2),
    // Outlook in Chinese: Primary, Company Main, Other and Car Phone.
    ("主要电话", Field::Phone, 1),
    ("单位主要电话", Field::Phone, 2),
    ("其他电话", Field::Phone, 2),
    ("车载电话", Field::Phone, 2),
    ("微信", Field::Wechat, 0),
    ("微信号", Field::Wechat, 0),
    ("微信id", Field::Wechat, 0),
    ("wechat", Field::Wechat, 0),
    ("wechatid", Field::Wechat, 0),
    ("weixin", Field::Wechat, 0),
    ("邮箱", Field::Email, 0),
    ("电子邮箱", Field::Email, 0),
    ("电子邮件", Field::Email, 0),
    ("邮件", Field::Email, 0),
    ("email", Field::Email, 0),
    ("mail", Field::Email, 1),
    ("emailaddress", Field::Email, 0),
    ("电子邮件地址", Field::Email, 0),
    ("emailvalue", Field::Email, 0),
    ("公司", Field::Company, 0),
    ("公司名称", Field::Company, 0),
    ("企业", Field::Company, 0),
    ("企业名称", Field::Company, 0),
    ("备注企业", Field::Company, 0),
    ("备注企业名称", Field::Company, 0),
    ("备注公司", Field::Company, 0),
    ("备注公司名称", Field::Company, 0),
    ("单位", Field::Company, 0),
    ("工作单位", Field::Company, 0),
    ("company", Field::Company, 0),
    ("organization", Field::Company, 0),
    ("organisation", Field::Company, 0),
    ("organizationname", Field::Company, 0),
    ("companyname", Field::Company, 0),
    // CRMs: Salesforce's `Account Name`.
    ("accountname", Field::Company, 0),
    ("来源", Field::Source, 0),
    ("客户来源", Field::Source, 0),
    ("来源渠道", Field::Source, 0),
    ("添加渠道", Field::Source, 0),
    ("渠道", Field::Source, 1),
    ("添加方式", Field::Source, 1),
    ("source", Field::Source, 0),
    ("channel", Field::Source, 1),
    ("线索来源", Field::Source, 0),
    ("leadsource", Field::Source, 0),
    ("originalsource", Field::Source, 1),
    ("需求", Field::Need, 0),
    ("客户需求", Field::Need, 0),
    ("need", Field::Need, 0),
    ("needs", Field::Need, 0),
    ("预算", Field::Budget, 0),
    ("budget", Field::Budget, 0),
    ("标签", Field::Tags, 0),
    ("客户标签", Field::Tags, 0),
    ("企业标签", Field::Tags, 0),
    ("个人标签", Field::Tags, 1),
    ("tags", Field::Tags, 0),
    ("tag", Field::Tags, 0),
    ("labels", Field::Tags, 1),
    ("categories", Field::Tags, 1),
    ("groupmembership", Field::Tags, 1),
    // Outlook in Chinese (Categories), and the groups of a phone's address book export.
    ("类别", Field::Tags, 1),
    ("分组", Field::Tags, 1),
    ("群组", Field::Tags, 1),
    ("阶段", Field::Stage, 0),
    ("销售阶段", Field::Stage, 0),
    ("跟进阶段", Field::Stage, 0),
    ("stage", Field::Stage, 0),
    ("等级", Field::Grade, 0),
    ("分级", Field::Grade, 0),
    ("客户等级", Field::Grade, 0),
    ("线索等级", Field::Grade, 0),
    ("意向等级", Field::Grade, 0),
    ("grade", Field::Grade, 0),
    ("成交状态", Field::Outcome, 0),
    ("outcome", Field::Outcome, 0),
    ("流失原因", Field::LostReason, 0),
    ("lostreason", Field::LostReason, 0),
    ("客户分层", Field::Tier, 0),
    ("分层", Field::Tier, 0),
    ("tier", Field::Tier, 0),
    ("备注", Field::Notes, 0),
    ("notes", Field::Notes, 0),
    ("note", Field::Notes, 0),
    ("remark", Field::Notes, 0),
    ("remarks", Field::Notes, 0),
    ("描述", Field::Notes, 1),
    ("备注描述", Field::Notes, 1),
    ("备注信息", Field::Notes, 0),
    ("说明", Field::Notes, 1),
    ("description", Field::Notes, 1),
    ("comment", Field::Notes, 1),
    ("生日", Field::Birthday, 0),
    ("纪念日", Field::Anniversary, 0),
    ("anniversary", Field::Anniversary, 0),
    ("出生日期", Field::Birthday, 0),
    ("birthday", Field::Birthday, 0),
    ("bday", Field::Birthday, 0),
    ("birthdate", Field::Birthday, 0),
    ("负责人", Field::Owner, 0),
    ("跟进人", Field::Owner, 0),
    ("所属员工", Field::Owner, 1),
    ("添加人", Field::Owner, 1),
    ("owner", Field::Owner, 0),
    ("contactowner", Field::Owner, 0),
    ("leadowner", Field::Owner, 0),
    ("已归档", Field::Archived, 0),
    ("归档", Field::Archived, 0),
    ("archived", Field::Archived, 0),
    ("添加时间", Field::CreatedAt, 0),
    ("创建时间", Field::CreatedAt, 0),
    ("添加日期", Field::CreatedAt, 0),
    ("加好友时间", Field::CreatedAt, 0),
    ("createdat", Field::CreatedAt, 0),
    ("created", Field::CreatedAt, 0),
    ("dateadded", Field::CreatedAt, 0),
    ("创建日期", Field::CreatedAt, 0),
    ("录入时间", Field::CreatedAt, 0),
    ("建档时间", Field::CreatedAt, 0),
    // CRMs: HubSpot's `Create Date`, Salesforce's `Created Date`, others'.
    ("createdate", Field::CreatedAt, 0),
    ("createddate", Field::CreatedAt, 0),
    ("datecreated", Field::CreatedAt, 0),
    ("createdon", Field::CreatedAt, 0),
    ("createtime", Field::CreatedAt, 0),
    ("createdtime", Field::CreatedAt, 0),
    ("creationdate", Field::CreatedAt, 0),
    ("最后联系时间", Field::LastTouchAt, 0),
    ("最近联系时间", Field::LastTouchAt, 0),
    ("上次联系时间", Field::LastTouchAt, 0),
    ("最后联系", Field::LastTouchAt, 0),
    ("最近联系", Field::LastTouchAt, 0),
    ("上次联系", Field::LastTouchAt, 0),
    ("最后跟进时间", Field::LastTouchAt, 0),
    ("最近跟进时间", Field::LastTouchAt, 0),
    ("上次跟进时间", Field::LastTouchAt, 0),
    ("最后沟通时间", Field::LastTouchAt, 0),
    ("最近沟通时间", Field::LastTouchAt, 0),
    ("lastcontact", Field::LastTouchAt, 0),
    ("lastcontacted", Field::LastTouchAt, 0),
    ("lastcontactdate", Field::LastTouchAt, 0),
    ("lasttouch", Field::LastTouchAt, 0),
    ("lasttouchat", Field::LastTouchAt, 0),
    ("lastactivity", Field::LastTouchAt, 0),
    ("lastactivitydate", Field::LastTouchAt, 0),
    ("购买记录", Field::Purchases, 0),
    ("purchases", Field::Purchases, 0),
];

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
                target: if describes_a_neighbour(h) {
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
