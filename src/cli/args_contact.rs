//! The arguments of `add` and `edit`: a contact's fields as options.

use super::args::FormatArg;
use super::number_arg::digits;
use clap::Args;

#[derive(Debug, Args, Default)]
pub struct ContactFields {
    /// 称呼, how to address them, e.g. 张姐
    #[arg(long)]
    pub honorific: Option<String>,
    /// Phone number
    #[arg(long)]
    pub phone: Option<String>,
    /// WeChat ID
    #[arg(long)]
    pub wechat: Option<String>,
    /// Company or shop
    #[arg(long)]
    pub company: Option<String>,
    /// Source channel, e.g. 朋友圈
    #[arg(long)]
    pub source: Option<String>,
    /// What they need
    #[arg(long)]
    pub need: Option<String>,
    /// Budget range, e.g. 3000-5000
    #[arg(long)]
    pub budget: Option<String>,
    /// Lead grade: A (立即跟进), B (持续培育), C (潜在), D (无效)
    #[arg(long)]
    pub grade: Option<String>,
    /// A tag as GROUP/TAG from the template's taxonomy, e.g. 客户来源/朋友圈, or TAG alone
    /// when one group has it (repeatable)
    #[arg(long = "tag", value_name = "GROUP/TAG")]
    pub tags: Vec<String>,
    /// A tag the taxonomy does not have yet, added to this book on purpose (repeatable)
    #[arg(long = "new-tag", value_name = "GROUP/TAG")]
    pub new_tags: Vec<String>,
    /// Notes on the contact card
    #[arg(long)]
    pub note: Option<String>,
    /// Email address
    #[arg(long)]
    pub email: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub birthday: Option<String>,
    /// A date to remember every year, YYYY-MM-DD
    #[arg(long)]
    pub anniversary: Option<String>,
    /// Save although another contact has this phone or WeChat ID (someone else sharing it)
    #[arg(long)]
    pub duplicate: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The contact's name, as `add 张伟` or `add --name 张伟` (required)
    #[arg(value_name = "NAME", conflicts_with = "name")]
    pub named: Option<String>,
    /// The contact's name (required)
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The contact's number (the first column of list and search)
    #[arg(value_parser = digits(clap::value_parser!(i64)))]
    pub id: i64,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
    /// Remove a tag, GROUP/TAG or the name of one of the contact's tags (repeatable)
    #[arg(long = "untag", value_name = "GROUP/TAG")]
    pub untag: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}
