//! Family and given name: Chinese names are family name first (张伟 → 张 + 伟, 欧阳强浩 →
//! 欧阳 + 强浩), other names family name last.

/// Two-character family names common enough to meet in a book.
/// Two-character surnames, which a name keeps whole as its family name (欧阳强浩 → 欧阳 +
/// 强浩; masked, 欧阳某).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "澹台", "端木", "独孤", "南宫", "西门", "百里", "呼延", "赫连",
    "申屠", "太史", "闻人", "万俟", "司空", "东郭", "公冶", "濮阳", "拓跋", "左丘", "第五", "谷梁",
    "单于", "鲜于", "闾丘", "亓官", "仲孙", "淳于", "太叔", "叱干", "羊舌", "微生", "梁丘", "东门",
    "司寇", "宗政", "乐正", "公羊", "漆雕", "巫马", "公西", "颛孙", "段干",
];

/// Whether `c` is a CJK ideograph (the basic block and extension A; enough for names).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}')
}

/// `(family, given)`. A Chinese name's family name is its first character, or its first
/// two when they are a compound family name; another name's is its last word. A name in
/// Chinese characters that is not a plain Han name (a transliterated one with `·`, one
/// with emoji or letters, one too long to be a family name and a given name) is kept
/// whole as the given name: 阿 is no family name of 阿卜杜·热合曼.
pub fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    let plain_han = name.chars().all(is_cjk) && (2..=5).contains(&name.chars().count());
    if name.chars().next().is_some_and(is_cjk) && !plain_han {
        return (String::new(), name.to_string());
    }
    if name.chars().next().is_some_and(is_cjk) {
        let family_len = COMPOUND_SURNAMES
            .iter()
            .find(|s| name.starts_with(**s) && name.chars().count() > 2)
            .map_or_else(
                || name.chars().next().map_or(0, char::len_utf8),
                |s| s.len(),
            );
        return (
            name[..family_len].to_string(),
            name[family_len..].trim().to_string(),
        );
    }
    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (family.to_string(), given.trim().to_string()),
        None => (String::new(), name.to_string()),
    }
}

/// A name from vCard's N: family then given for Chinese (no space), given then family
/// otherwise.
pub fn join_name(family: &str, given: &str) -> String {
    let (family, given) = (family.trim(), given.trim());
    if family.chars().chain(given.chars()).any(is_cjk) {
        format!("{family}{given}")
    } else {
        format!("{given} {family}").trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_chinese_names_family_first() {
        let s = |n: &str| {
            let (f, g) = split_name(n);
            format!("{f}|{g}")
        };
        assert_eq!(s("张伟"), "张|伟");
        assert_eq!(s("欧阳强浩"), "欧阳|强浩");
        assert_eq!(s("欧阳"), "欧|阳");
        assert_eq!(s("司马相如"), "司马|相如");
        assert_eq!(s("𠮷野家"), "𠮷|野家");
        // Not a plain Han name: whole.
        assert_eq!(s("阿卜杜·热合曼"), "|阿卜杜·热合曼");
        assert_eq!(s("小鱼儿🐟"), "|小鱼儿🐟");
        assert_eq!(s("张"), "|张");
        assert_eq!(s("王Lily"), "|王Lily");
        assert_eq!(s("John Smith"), "Smith|John");
        assert_eq!(s("Madonna"), "|Madonna");
        assert_eq!(join_name("张", "伟"), "张伟");
        assert_eq!(join_name("Smith", "John"), "John Smith");
        assert_eq!(join_name("", "Madonna"), "Madonna");
    }
}
