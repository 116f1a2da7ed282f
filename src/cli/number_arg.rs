//! Numbers typed with a Chinese input method in full-width mode (`１２`, `－３`) read as the
//! same numbers: a rep copying a follow-up's number from a chat, or typing it with the IME
//! still on, is not told that １２ is not a whole number; nor one who copies `#13` as the
//! app and the log write numbers.

use crate::domain::text::fold_width;
use clap::builder::TypedValueParser;
use std::ffi::{OsStr, OsString};

/// Wraps a number's parser so full-width digits and signs read as ASCII first.
#[derive(Clone)]
pub struct Digits<P>(P);

/// [`Digits`] around `parser`, for `#[arg(value_parser = digits(…))]`.
pub fn digits<P: TypedValueParser>(parser: P) -> Digits<P> {
    Digits(parser)
}

/// The value with full-width forms folded to ASCII (the book's one folding), the spaces
/// around it dropped, and a leading `#` (`#13`, as the app and the log show numbers)
/// dropped; anything else is left for the inner parser to refuse in its own words.
pub fn ascii_number(value: &str) -> String {
    let folded = fold_width(value);
    let t = folded.trim();
    t.strip_prefix('#')
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(t)
        .to_string()
}

impl<P: TypedValueParser> TypedValueParser for Digits<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        match value.to_str() {
            Some(text) => {
                let ascii = OsString::from(ascii_number(text));
                self.0.parse_ref(cmd, arg, &ascii)
            }
            None => self.0.parse_ref(cmd, arg, value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_signs_read_as_ascii() {
        assert_eq!(ascii_number("１２"), "12");
        assert_eq!(ascii_number("０９８７６５４３２１"), "0987654321");
        assert_eq!(ascii_number("－３"), "-3");
        assert_eq!(ascii_number("＋７"), "+7");
        assert_eq!(ascii_number(" 4２　"), "42");
        // Numbers as shown, with their mark.
        assert_eq!(ascii_number("#13"), "13");
        assert_eq!(ascii_number("＃１３"), "13");
        assert_eq!(ascii_number("#"), "#");
        assert_eq!(ascii_number("#-1"), "#-1");
        // Not a number: left for the parser to refuse.
        assert_eq!(ascii_number("十二"), "十二");
        assert_eq!(ascii_number("1a"), "1a");
    }
}
