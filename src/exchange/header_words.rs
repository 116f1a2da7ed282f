//! The words of headers: which field each names, which columns only number the rows, and
//! the values address books write into every contact that say nothing.

use super::model::Field;

/// Known headers after [`normalize`], with their field and rank.
pub(super) const SYNONYMS: &[(&str, Field, u8)] = &[
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
    // Shops' order exports (Taobao, Youzan, Weidian): the one the goods went to.
    ("收货人", Field::Name, 2),
    ("收货人姓名", Field::Name, 2),
    ("客户名称", Field::Name, 3),
    ("客户名", Field::Name, 3),
    ("客户", Field::Name, 4),
    ("displayname", Field::Name, 4),
    ("昵称", Field::Name, 5),
    ("微信昵称", Field::Name, 5),
    ("客户昵称", Field::Name, 5),
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
    // WeCom's 客户备注 is the rep's own name for the customer (张总, 王美丽-宝妈); Google's
    // Nickname is what vCard's NICKNAME is.
    ("客户备注", Field::Honorific, 0),
    ("nickname", Field::Honorific, 1),
    ("honorific", Field::Honorific, 0),
    ("salutation", Field::Honorific, 0),
    ("手机", Field::Phone, 0),
    ("手机号", Field::Phone, 0),
    ("手机号码", Field::Phone, 0),
    ("备注手机号", Field::Phone, 0),
    // WeCom's phone the rep noted for the customer; shops' mobile column, ahead of their
    // 联系电话 (often a landline).
    ("备注电话", Field::Phone, 0),
    ("联系手机", Field::Phone, 0),
    ("收货人手机", Field::Phone, 0),
    ("收货人手机号", Field::Phone, 0),
    ("收货人电话", Field::Phone, 1),
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
    ("公司代表电话", Field::Phone, 2),
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
    ("所属企业", Field::Company, 0),
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
    ("意向", Field::Grade, 1),
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
    // Outlook in Chinese: Notes.
    ("附注", Field::Notes, 0),
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

/// Grade headers a sheet may also fill with words that are no grade (`意向`: 高, 有意向):
/// such a value goes into the note without a warning; A/B/C/D is the grade.
const LOOSE_GRADE: &[&str] = &["意向"];

/// Whether a header is one of [`LOOSE_GRADE`].
pub fn is_loose_grade(header: &str) -> bool {
    LOOSE_GRADE.contains(&super::headers::normalize(header).as_str())
}

/// Headers (after `normalize`) of a column that only numbers the rows of a hand-kept
/// sheet: left out, not written `序号：1`, `序号：2`… into every note.
pub(super) const ROW_NUMBER: &[&str] = &["序号", "编号", "行号", "no", "no.", "#"];

/// Outlook writes these into every contact (Gender Unspecified, Priority Normal, Private
/// False, Sensitivity Normal; in Chinese 未指定, 普通): headers after `normalize`, and the
/// value that says nothing. Another value is the contact's own and goes into the note.
const DEFAULT_VALUES: &[(&str, &[&str])] = &[
    ("gender", &["unspecified"]),
    ("性别", &["未指定"]),
    ("priority", &["normal"]),
    ("优先级", &["普通"]),
    ("private", &["false"]),
    ("私有", &["false", "否"]),
    ("sensitivity", &["normal"]),
    ("敏感度", &["普通"]),
];

/// Whether a column's value is only an address book's default (see [`DEFAULT_VALUES`]).
pub fn is_default_value(header: &str, value: &str) -> bool {
    let key = super::headers::normalize(header);
    let value = value.trim().to_lowercase();
    DEFAULT_VALUES
        .iter()
        .any(|(h, values)| *h == key && values.contains(&value.as_str()))
}

#[cfg(test)]
mod tests {
    use super::is_default_value;

    #[test]
    fn outlook_defaults_say_nothing() {
        for (h, v) in [
            ("Gender", "Unspecified"),
            ("性别", "未指定"),
            ("Priority", "Normal"),
            ("优先级", "普通"),
            ("Private", "False"),
            ("私有", "False"),
            ("Sensitivity", "Normal"),
            ("敏感度", "普通"),
        ] {
            assert!(is_default_value(h, v), "{h} {v}");
        }
        for (h, v) in [
            ("Gender", "Female"),
            ("性别", "女"),
            ("Priority", "High"),
            ("Private", "True"),
            ("敏感度", "私人"),
            ("备注", "Normal"),
        ] {
            assert!(!is_default_value(h, v), "{h} {v}");
        }
    }
}
