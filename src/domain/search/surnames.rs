//! How surnames are read. As the first characters of a name, these read as the surname,
//! which the dictionary's main reading often is not (单 dan, but the surname is Shan).
//! A name's natural spelling uses these readings; its other readings still find it.

/// Single-character surnames read otherwise than (or besides) the dictionary's main reading.
pub const SINGLE: &[(char, &[&str])] = &[
    ('单', &["shan"]),
    ('曾', &["zeng"]),
    ('仇', &["qiu"]),
    ('解', &["xie"]),
    ('区', &["ou"]),
    ('查', &["zha"]),
    ('朴', &["piao"]),
    ('乐', &["yue", "le"]),
    ('覃', &["qin", "tan"]),
    ('盖', &["ge", "gai"]),
    ('缪', &["miao"]),
    ('翟', &["zhai", "di"]),
    ('繁', &["po"]),
    ('种', &["chong"]),
    ('秘', &["bi"]),
    ('员', &["yun"]),
    ('黑', &["he"]),
    ('隗', &["wei", "kui"]),
    ('句', &["gou"]),
    ('宓', &["mi", "fu"]),
    ('莘', &["shen", "xin"]),
    ('召', &["shao"]),
    ('祭', &["zhai"]),
    ('郇', &["huan", "xun"]),
    ('长', &["chang"]),
    ('重', &["chong"]),
    ('藏', &["zang"]),
    ('柏', &["bai", "bo"]),
    ('洗', &["xian"]),
    ('折', &["she"]),
    ('能', &["nai"]),
    ('朝', &["chao"]),
    ('卜', &["bu"]),
    ('薄', &["bo"]),
    ('贲', &["ben", "bi"]),
    ('蕃', &["pi"]),
    ('谌', &["chen", "shen"]),
    ('褚', &["chu"]),
    ('俞', &["yu"]),
    ('牟', &["mou", "mu"]),
    ('逄', &["pang"]),
    ('阚', &["kan"]),
    ('钭', &["tou"]),
    ('沈', &["shen"]),
    ('贾', &["jia"]),
    ('车', &["che"]),
    ('尚', &["shang"]),
    ('殷', &["yin"]),
    ('任', &["ren"]),
    ('华', &["hua"]),
    ('纪', &["ji"]),
    ('石', &["shi"]),
    ('那', &["na"]),
    ('都', &["du"]),
    ('万', &["wan"]),
    ('尉', &["wei"]),
];

/// Two-character surnames, each character with its reading in the surname.
pub const COMPOUND: &[(&str, [&str; 2])] = &[
    ("欧阳", ["ou", "yang"]),
    ("司马", ["si", "ma"]),
    ("上官", ["shang", "guan"]),
    ("诸葛", ["zhu", "ge"]),
    ("尉迟", ["yu", "chi"]),
    ("澹台", ["tan", "tai"]),
    ("万俟", ["mo", "qi"]),
    ("长孙", ["zhang", "sun"]),
    ("令狐", ["ling", "hu"]),
    ("皇甫", ["huang", "fu"]),
    ("公孙", ["gong", "sun"]),
    ("宇文", ["yu", "wen"]),
    ("慕容", ["mu", "rong"]),
    ("东方", ["dong", "fang"]),
    ("夏侯", ["xia", "hou"]),
    ("闻人", ["wen", "ren"]),
    ("赫连", ["he", "lian"]),
    ("公冶", ["gong", "ye"]),
    ("宗政", ["zong", "zheng"]),
    ("濮阳", ["pu", "yang"]),
    ("淳于", ["chun", "yu"]),
    ("单于", ["chan", "yu"]),
    ("太叔", ["tai", "shu"]),
    ("申屠", ["shen", "tu"]),
    ("轩辕", ["xuan", "yuan"]),
    ("司徒", ["si", "tu"]),
    ("司空", ["si", "kong"]),
    ("司寇", ["si", "kou"]),
    ("呼延", ["hu", "yan"]),
    ("端木", ["duan", "mu"]),
    ("钟离", ["zhong", "li"]),
    ("拓跋", ["tuo", "ba"]),
    ("百里", ["bai", "li"]),
    ("东郭", ["dong", "guo"]),
    ("南宫", ["nan", "gong"]),
    ("西门", ["xi", "men"]),
    ("独孤", ["du", "gu"]),
    ("乐正", ["yue", "zheng"]),
    ("公羊", ["gong", "yang"]),
    ("公良", ["gong", "liang"]),
    ("公西", ["gong", "xi"]),
    ("梁丘", ["liang", "qiu"]),
    ("左丘", ["zuo", "qiu"]),
    ("闾丘", ["lü", "qiu"]),
    ("谷梁", ["gu", "liang"]),
    ("第五", ["di", "wu"]),
    ("仲孙", ["zhong", "sun"]),
    ("叔孙", ["shu", "sun"]),
    ("亓官", ["qi", "guan"]),
    ("子车", ["zi", "ju"]),
    ("颛孙", ["zhuan", "sun"]),
    ("壤驷", ["rang", "si"]),
    ("漆雕", ["qi", "diao"]),
    ("巫马", ["wu", "ma"]),
    ("宰父", ["zai", "fu"]),
    ("羊舌", ["yang", "she"]),
    ("微生", ["wei", "sheng"]),
    ("段干", ["duan", "gan"]),
    ("鲜于", ["xian", "yu"]),
    ("夹谷", ["jia", "gu"]),
];

/// The surname a name starts with: its readings, one list per character (one character,
/// or two for a compound surname). `None` when the name does not start with a Chinese
/// character.
pub fn of_name(chars: &[char]) -> Option<Vec<&'static [&'static str]>> {
    let first = *chars.first()?;
    if !super::is_cjk(first) {
        return None;
    }
    if let Some(second) = chars.get(1)
        && let Some((_, readings)) = COMPOUND.iter().find(|(s, _)| {
            let mut it = s.chars();
            it.next() == Some(first) && it.next() == Some(*second)
        })
    {
        return Some(readings.iter().map(std::slice::from_ref).collect());
    }
    let single: &'static [&'static str] = SINGLE
        .iter()
        .find(|(c, _)| *c == first)
        .map_or(&[], |(_, r)| *r);
    Some(vec![single])
}

/// Every surname reading the tables give `c`, in any position of any surname.
pub fn readings_of(c: char) -> impl Iterator<Item = &'static str> {
    let single = SINGLE
        .iter()
        .filter(move |(s, _)| *s == c)
        .flat_map(|(_, r)| r.iter().copied());
    let compound = COMPOUND.iter().flat_map(move |(s, r)| {
        s.chars()
            .zip(r.iter().copied())
            .filter(move |(x, _)| *x == c)
            .map(|(_, reading)| reading)
    });
    single.chain(compound)
}
