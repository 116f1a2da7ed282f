//! From a file's bytes to text, and which format the text is in.
//!
//! Spreadsheets on Chinese Windows save CSV in GBK (code page 936) unless told otherwise;
//! newer tools write GB18030, UTF-8 with or without a byte-order mark, or (Excel's "Unicode
//! text") UTF-16 with a mark. A byte-order mark is unambiguous and wins over everything;
//! without one, bytes that are valid UTF-8 are UTF-8 (GBK text of any length almost never
//! is), anything else is read as GB18030, of which GBK is a subset.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Gbk,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    /// `--encoding E`: the usual names and their aliases (gb2312 and cp936 read as GBK).
    pub fn parse(name: &str) -> Result<TextEncoding, String> {
        let key: String = name
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect();
        Ok(match key.as_str() {
            "utf8" | "utf8bom" => TextEncoding::Utf8,
            "gbk" | "gb2312" | "cp936" | "936" | "euccn" => TextEncoding::Gbk,
            "gb18030" => TextEncoding::Gb18030,
            "utf16" | "utf16le" | "unicode" => TextEncoding::Utf16Le,
            "utf16be" => TextEncoding::Utf16Be,
            _ => {
                return Err(format!(
                    "unknown encoding '{name}'; accepted: utf-8, gbk (gb2312, cp936), gb18030, utf-16le, utf-16be"
                ));
            }
        })
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            // The WHATWG GBK decoder is the GB18030 decoder: one table serves both.
            TextEncoding::Gbk | TextEncoding::Gb18030 => encoding_rs::GB18030,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A file's text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    /// The file began with a byte-order mark.
    pub bom: bool,
    /// Some bytes were not valid in the encoding and became U+FFFD.
    pub lossy: bool,
    /// Lossy, but another encoding reads the whole file cleanly: `--encoding` can help.
    pub another_reads: bool,
    /// Lines (from 1) of a UTF-8 file that were GBK and were read as such (a row pasted in
    /// from a sheet saved on Chinese Windows).
    pub gbk_lines: Vec<usize>,
}

/// Reads `bytes` as text: the byte-order mark if any, else `chosen`, else detection.
pub fn decode(bytes: &[u8], chosen: Option<TextEncoding>) -> Decoded {
    let marked = [
        (&b"\xEF\xBB\xBF"[..], TextEncoding::Utf8),
        (&b"\xFF\xFE"[..], TextEncoding::Utf16Le),
        (&b"\xFE\xFF"[..], TextEncoding::Utf16Be),
    ];
    for (mark, enc) in marked {
        if let Some(rest) = bytes.strip_prefix(mark) {
            return decode_as(rest, enc, true);
        }
    }
    if let Some(enc) = chosen {
        return decode_as(bytes, enc, false);
    }
    if let Some(enc) = utf16_without_mark(bytes) {
        return decode_as(bytes, enc, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            encoding: TextEncoding::Utf8,
            bom: false,
            lossy: false,
            another_reads: false,
            gbk_lines: Vec::new(),
        },
        // Mostly UTF-8 with a few bad lines (a GBK row pasted into a UTF-8 sheet): each
        // such line read as GBK when it is that, so the row comes in, said; a line neither
        // reads stays lossy for the report to name, instead of the whole file failing.
        Err(_) if mostly_utf8(bytes) => utf8_with_gbk_lines(bytes),
        Err(_) => {
            let enc = if has_four_byte_gb18030(bytes) {
                TextEncoding::Gb18030
            } else {
                TextEncoding::Gbk
            };
            decode_as(bytes, enc, false)
        }
    }
}

/// UTF-16 saved without its byte-order mark, told by its NULs: the high bytes of the
/// ASCII in a table (commas, tabs, digits, line ends) on one side of every pair.
pub fn utf16_without_mark(bytes: &[u8]) -> Option<TextEncoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let nul_at = |side: usize| {
        head.iter()
            .skip(side)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    // Most pairs have their NUL on one side and almost none on the other.
    let one_sided = |many: usize, few: usize| many * 10 >= pairs * 3 && few * 20 <= pairs;
    if one_sided(odd, even) {
        Some(TextEncoding::Utf16Le)
    } else if one_sided(even, odd) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

fn utf8_with_gbk_lines(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let (mut lossy, mut gbk_lines) = (false, Vec::new());
    for (i, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        if let Ok(s) = std::str::from_utf8(line) {
            text.push_str(s);
            continue;
        }
        let (gbk, gbk_lossy) = TextEncoding::Gb18030
            .codec()
            .decode_without_bom_handling(line);
        if gbk_lossy {
            lossy = true;
            text.push_str(&String::from_utf8_lossy(line));
        } else {
            gbk_lines.push(i + 1);
            text.push_str(&gbk);
        }
    }
    Decoded {
        text,
        encoding: TextEncoding::Utf8,
        bom: false,
        lossy,
        another_reads: false,
        gbk_lines,
    }
}

fn decode_as(bytes: &[u8], enc: TextEncoding, bom: bool) -> Decoded {
    let (text, lossy) = enc.codec().decode_without_bom_handling(bytes);
    let another_reads = lossy
        && [TextEncoding::Utf8, TextEncoding::Gb18030]
            .into_iter()
            .filter(|&other| other.codec() != enc.codec())
            .any(|other| !other.codec().decode_without_bom_handling(bytes).1);
    Decoded {
        text: text.into_owned(),
        encoding: enc,
        bom,
        lossy,
        another_reads,
        gbk_lines: Vec::new(),
    }
}

/// Of the lines with text beyond ASCII, over two thirds read as UTF-8: a GBK file
/// has almost no line of Chinese that is valid UTF-8. A vCard line that names its own
/// Chinese charset (`N;CHARSET=GB2312:…`, an old phone's card joined to a new phone's)
/// is no evidence either way: with no other line against it, one UTF-8 line decides.
pub(super) fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for line in bytes.split(|b| *b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(text) if !text.is_ascii() => good += 1,
            Ok(_) => {}
            Err(_) if declares_gb_charset(line) => {}
            Err(_) => bad += 1,
        }
    }
    (good >= 2 && good > 2 * bad) || (good >= 1 && bad == 0)
}

/// A vCard property line whose parameters (before the first `:`) name a GB charset.
fn declares_gb_charset(line: &[u8]) -> bool {
    let head = &line[..line.iter().position(|b| *b == b':').unwrap_or(line.len())];
    head.to_ascii_uppercase()
        .windows(10)
        .any(|w| w == b"CHARSET=GB")
}

/// GB18030 adds four-byte sequences (second byte a digit) to GBK's two-byte ones; a file
/// that uses them is GB18030, one that does not reads the same either way.
fn has_four_byte_gb18030(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x81..=0xFE).contains(&b) {
            if bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// The two formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Vcard,
}

impl Format {
    pub fn parse(name: &str) -> Result<Format, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csv" | "tsv" => Ok(Format::Csv),
            "vcard" | "vcf" => Ok(Format::Vcard),
            _ => Err(format!("unknown format '{name}'; accepted: csv, vcard")),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Vcard => "vCard",
        }
    }

    /// The content decides when it is plainly a vCard; otherwise the file name's extension;
    /// otherwise CSV.
    pub fn guess(file_name: Option<&str>, text: &str) -> Format {
        let head = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
        if head
            .get(..11)
            .is_some_and(|h| h.eq_ignore_ascii_case("BEGIN:VCARD"))
        {
            return Format::Vcard;
        }
        let ext = file_name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("vcf" | "vcard") => Format::Vcard,
            _ => Format::Csv,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb(s: &str) -> Vec<u8> {
        encoding_rs::GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn detects_utf8_gbk_and_gb18030() {
        let d = decode("姓名,手机\n张三,138".as_bytes(), None);
        assert_eq!(
            (d.encoding, d.bom, d.lossy),
            (TextEncoding::Utf8, false, false)
        );
        let d = decode(&gb("姓名,手机\n欧阳强浩,138"), None);
        assert_eq!(d.encoding, TextEncoding::Gbk);
        assert_eq!(d.text, "姓名,手机\n欧阳强浩,138");
        // 𠮷 (U+20BB7) is outside GBK: GB18030 writes it in four bytes.
        let d = decode(&gb("姓名\n𠮷野"), None);
        assert_eq!(
            (d.encoding, d.text.as_str()),
            (TextEncoding::Gb18030, "姓名\n𠮷野")
        );
    }

    /// An old phone's card (raw GB2312, saying so in its CHARSET) joined to a new phone's
    /// UTF-8 card: each line in its own encoding, in either order. Cards that are all GBK
    /// stay GBK.
    #[test]
    fn a_vcard_line_naming_its_gb_charset_leaves_the_utf8_cards_utf8() {
        let old = [
            &b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GB2312:"[..],
            &gb("周;润发"),
            b"\r\nTEL;CELL:13900002222\r\nEND:VCARD\r\n",
        ]
        .concat();
        let new = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:只有公司\r\nEND:VCARD\r\n".as_bytes();
        for bytes in [[&old[..], new].concat(), [new, &old[..]].concat()] {
            let d = decode(&bytes, None);
            assert_eq!(d.encoding, TextEncoding::Utf8);
            assert!(
                d.text.contains("FN:只有公司") && d.text.contains("GB2312:周;润发"),
                "{}",
                d.text
            );
        }
        let d = decode(&[&old[..], &old[..]].concat(), None);
        assert_eq!(d.encoding, TextEncoding::Gbk);
        // A CSV cell holding the words is no vCard parameter.
        assert!(!declares_gb_charset("备注:CHARSET=GB2312".as_bytes()));
        assert!(declares_gb_charset(b"N;charset=gbk:x"));
    }

    #[test]
    fn a_utf8_file_with_a_line_of_gbk_is_read_as_utf8_with_that_line_flagged() {
        let mut bytes = "姓名,手机,备注\n".as_bytes().to_vec();
        for i in 0..10 {
            bytes.extend(format!("张三{i},1380000000{i},老客户介绍\n").as_bytes());
        }
        bytes.extend(gb("李四,13900000000,从旧表格粘过来\n"));
        // A line neither reads: lossy, for the report to name.
        bytes.extend(b"\xff\xfe\xfd,139\n");
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.lossy), (TextEncoding::Utf8, true));
        assert!(d.text.contains("张三9,13800000009,老客户介绍"));
        // The GBK line read as GBK, and named by its line.
        assert!(d.text.contains("李四,13900000000,从旧表格粘过来\n"));
        assert_eq!(d.gbk_lines, [12]);
        assert!(d.text.ends_with("\u{FFFD}\u{FFFD}\u{FFFD},139\n"));
        // A GBK file with a few UTF-8-looking bytes stays GBK.
        let d = decode(&gb(&"欧阳强浩,138\n".repeat(20)), None);
        assert_eq!((d.encoding, d.lossy), (TextEncoding::Gbk, false));
    }

    #[test]
    fn a_byte_order_mark_wins() {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend("名字".as_bytes());
        let d = decode(&b, Some(TextEncoding::Gbk));
        assert_eq!(
            (d.encoding, d.bom, d.text.as_str()),
            (TextEncoding::Utf8, true, "名字")
        );
        let mut b = b"\xFF\xFE".to_vec();
        for u in "名\t字".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let d = decode(&b, None);
        assert_eq!(
            (d.encoding, d.text.as_str()),
            (TextEncoding::Utf16Le, "名\t字")
        );
    }

    #[test]
    fn a_chosen_encoding_is_used_and_bad_bytes_are_flagged() {
        let d = decode(&gb("张三"), Some(TextEncoding::Utf8));
        assert!(d.lossy && d.text.contains('\u{FFFD}'));
        assert_eq!(TextEncoding::parse("GB2312"), Ok(TextEncoding::Gbk));
        assert_eq!(TextEncoding::parse("utf_8"), Ok(TextEncoding::Utf8));
        assert!(TextEncoding::parse("big5").unwrap_err().contains("gb18030"));
    }

    #[test]
    fn guesses_the_format() {
        assert_eq!(
            Format::guess(Some("a.csv"), "\u{FEFF}begin:vcard\r\n"),
            Format::Vcard
        );
        assert_eq!(Format::guess(Some("联系人.VCF"), ""), Format::Vcard);
        assert_eq!(Format::guess(Some("a.txt"), "姓名,手机"), Format::Csv);
        assert_eq!(Format::guess(None, "name\tphone"), Format::Csv);
    }
}
