//! Typing Chinese text in pinyin, as a phone's contact search reads it: each character as
//! any prefix of any of its readings (张三丰: zs, zsf, zhsf, zsanf, zhasanf, zhangsanfeng),
//! hanzi mixed in (张s, z三f), ü typed as v or u.
//!
//! The index keeps, for every spelled text, one row per prefix of n characters, keyed by
//! their initials and carrying their "heads" (the first two letters of each reading; `_`
//! pads a one-letter reading). A query is cut into pieces that each begin a syllable; each
//! way of cutting it is a [`Probe`]: the index key and a GLOB pattern over the heads. A row
//! that fits a probe whose pieces are all one or two letters matches for sure; any other
//! row is checked against its text with [`reads_as`].

use super::{is_cjk, surnames, syllables};
use ::pinyin::ToPinyinMulti;
use std::collections::BTreeSet;

/// How the characters of a text may be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reading {
    /// A surname as a surname, every other character by its main reading.
    Natural,
    /// Any reading the dictionary or the surname tables give it.
    Any,
}

/// Reading combinations kept per text before only the natural one and its single-character
/// variations are kept (a name of four many-reading characters would explode otherwise).
pub const MAX_FORMS: usize = 64;

/// Ways of cutting one query that are looked up, at most.
pub const MAX_PROBES: usize = 64;

/// The longest syllable (zhuang, chuang, shuang).
const MAX_PIECE: usize = 6;

/// Steps one query's cutting may take: a typed query takes a few hundred at most.
pub const WALK_BUDGET: usize = 10_000;

/// The longest query read as pinyin, in letters and hanzi: past the full spelling of any
/// name or company anyone types. The cutting recurses once per piece, so a pasted page of
/// letters (15,000 of them overflowed the stack of a debug build) is looked up as plain
/// text instead.
pub const MAX_PINYIN_ITEMS: usize = 512;

/// Every dictionary reading of `c`, toneless, each once, the main one first.
pub fn dictionary_readings(c: char) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let r = p.plain();
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// One character of a spelled text.
#[derive(Debug, Clone)]
struct Syllable {
    ch: char,
    natural: Vec<&'static str>,
    any: Vec<&'static str>,
}

impl Syllable {
    fn readings(&self, how: Reading) -> &[&'static str] {
        match how {
            Reading::Natural => &self.natural,
            Reading::Any => &self.any,
        }
    }
}

/// A text as syllables: its Chinese characters with their readings (other characters are
/// passed over).
#[derive(Debug, Clone)]
pub struct Spelled {
    syllables: Vec<Syllable>,
    /// For a name longer than its surname: the syllable where the given name starts.
    given: Option<usize>,
}

impl Spelled {
    /// Spells `text`; as a name, its surname reads as a surname.
    pub fn new(text: &str, as_name: bool) -> Spelled {
        let chars: Vec<char> = text.chars().collect();
        let surname = if as_name {
            surnames::of_name(&chars)
        } else {
            None
        };
        let surname = surname.unwrap_or_default();
        let mut syllables = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if !is_cjk(c) {
                continue;
            }
            let dict = dictionary_readings(c);
            // Surname characters are the name's first characters, all Chinese: `i` is
            // also their syllable index.
            let table: &[&'static str] = surname.get(i).copied().unwrap_or(&[]);
            let natural: Vec<&'static str> = if table.is_empty() {
                dict.first().copied().into_iter().collect()
            } else {
                table.to_vec()
            };
            let mut any = natural.clone();
            for r in table.iter().chain(&dict) {
                if !any.contains(r) {
                    any.push(r);
                }
            }
            if !any.is_empty() {
                syllables.push(Syllable {
                    ch: c,
                    natural,
                    any,
                });
            }
        }
        let n_surname = surname.len();
        let given = (n_surname > 0 && syllables.len() > n_surname).then_some(n_surname);
        Spelled { syllables, given }
    }

    pub fn len(&self) -> usize {
        self.syllables.len()
    }

    pub fn is_empty(&self) -> bool {
        self.syllables.is_empty()
    }
}

/// An index row of a spelled text: the initials of its first `key.len()` syllables from
/// `start`, and their heads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyRow {
    pub key: String,
    pub heads: String,
    /// The syllable the spelling starts at: 0, or where the given name starts.
    pub start: usize,
}

/// The rows of a name: those of its natural spelling, and those only its other spellings
/// (other readings, or the given name alone) have.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameRows {
    pub natural: Vec<KeyRow>,
    pub other: Vec<KeyRow>,
}

pub fn name_rows(name: &str) -> NameRows {
    let sp = Spelled::new(name, true);
    let mut natural = BTreeSet::new();
    add_rows(&options(&sp.syllables, Reading::Natural), 0, &mut natural);
    let mut other = BTreeSet::new();
    add_rows(&options(&sp.syllables, Reading::Any), 0, &mut other);
    other.retain(|r| !natural.contains(r));
    if let Some(g) = sp.given {
        add_rows(&options(&sp.syllables[g..], Reading::Any), g, &mut other);
    }
    NameRows {
        natural: natural.into_iter().collect(),
        other: other.into_iter().collect(),
    }
}

/// The rows of another text (a company, a source, a tag): any reading, from its start.
pub fn text_rows(text: &str) -> Vec<KeyRow> {
    let sp = Spelled::new(text, false);
    let mut rows = BTreeSet::new();
    add_rows(&options(&sp.syllables, Reading::Any), 0, &mut rows);
    rows.into_iter().collect()
}

/// The distinct heads each syllable can start with, the natural reading's first.
fn options(syllables: &[Syllable], how: Reading) -> Vec<Vec<[u8; 2]>> {
    syllables
        .iter()
        .map(|s| {
            let mut out: Vec<[u8; 2]> = Vec::new();
            for r in s.natural.iter().chain(s.readings(how)) {
                for h in heads(r) {
                    if !out.contains(&h) {
                        out.push(h);
                    }
                }
            }
            out
        })
        .collect()
}

/// Heads of a row kept by its initials alone: the row fits every pattern of its key and
/// is always checked against its text.
pub const OPEN_HEADS: &str = "*";

/// Rows for every prefix of every combination of options. Past [`MAX_FORMS`] combinations
/// the rows keep only the initials, with [`OPEN_HEADS`] (a text with many many-reading
/// characters still matches every way it can be typed, at the price of a check); past
/// [`MAX_FORMS`] combinations of initials too, the first options with at most one other
/// option anywhere.
fn add_rows(options: &[Vec<[u8; 2]>], start: usize, out: &mut BTreeSet<KeyRow>) {
    let combos = |opts: &[Vec<[u8; 2]>]| {
        opts.iter()
            .try_fold(1usize, |n, o| n.checked_mul(o.len()))
            .unwrap_or(usize::MAX)
    };
    let mut walk = RowWalk {
        start,
        open: false,
        key: String::new(),
        heads: String::new(),
        out,
    };
    if combos(options) <= MAX_FORMS {
        walk.walk(options, usize::MAX);
        return;
    }
    let initials: Vec<Vec<[u8; 2]>> = options
        .iter()
        .map(|o| {
            let mut v: Vec<[u8; 2]> = Vec::new();
            for h in o {
                if !v.iter().any(|x| x[0] == h[0]) {
                    v.push(*h);
                }
            }
            v
        })
        .collect();
    let deviations = if combos(&initials) <= MAX_FORMS {
        usize::MAX
    } else {
        1
    };
    walk.open = true;
    walk.walk(&initials, deviations);
}

struct RowWalk<'a> {
    start: usize,
    open: bool,
    key: String,
    heads: String,
    out: &'a mut BTreeSet<KeyRow>,
}

impl RowWalk<'_> {
    /// Every path through the options from the current depth, leaving the first option
    /// at most `deviations` times.
    fn walk(&mut self, options: &[Vec<[u8; 2]>], deviations: usize) {
        let Some(opts) = options.get(self.key.len()) else {
            return;
        };
        for (i, h) in opts.iter().enumerate() {
            let left = match (i, deviations) {
                (0, d) => d,
                (_, 0) => break,
                (_, d) => d - 1,
            };
            self.key.push(h[0] as char);
            self.heads.push(h[0] as char);
            self.heads.push(h[1] as char);
            self.out.insert(KeyRow {
                key: self.key.clone(),
                heads: if self.open {
                    OPEN_HEADS.to_string()
                } else {
                    self.heads.clone()
                },
                start: self.start,
            });
            self.walk(options, left);
            self.key.pop();
            self.heads.pop();
            self.heads.pop();
        }
    }
}

/// How a letter of a reading may be typed.
fn typed_as(c: char) -> &'static [u8] {
    const LETTERS: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
    match c {
        'ü' => b"vu",
        'ê' => b"e",
        // Readings are lowercase ASCII apart from ü and ê.
        'a'..='z' => {
            let i = c as usize - 'a' as usize;
            &LETTERS[i..=i]
        }
        _ => &[],
    }
}

/// The first two letters of a reading as typed (`_` for a one-letter reading).
fn heads(reading: &str) -> Vec<[u8; 2]> {
    let mut chars = reading.chars();
    let (Some(a), b) = (chars.next(), chars.next()) else {
        return Vec::new();
    };
    let second: &[u8] = b.map_or(b"_", typed_as);
    let mut out = Vec::new();
    for &x in typed_as(a) {
        for &y in second {
            out.push([x, y]);
        }
    }
    out
}

/// One typed character of a pinyin query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Letter(u8),
    Hanzi(char),
}

/// A query read as pinyin: Latin letters, with hanzi among them if typed so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinyinQuery {
    items: Vec<Item>,
}

impl PinyinQuery {
    /// Reads a folded query (lowercase, no spaces); `None` unless it has a Latin letter
    /// and nothing but Latin letters and Chinese characters, at most
    /// [`MAX_PINYIN_ITEMS`] of them.
    pub fn parse(compact: &str) -> Option<PinyinQuery> {
        let mut items = Vec::new();
        for c in compact.chars() {
            if items.len() == MAX_PINYIN_ITEMS {
                return None;
            }
            items.push(match c {
                'a'..='z' => Item::Letter(c as u8),
                c if is_cjk(c) => Item::Hanzi(c),
                _ => return None,
            });
        }
        items
            .iter()
            .any(|i| matches!(i, Item::Letter(_)))
            .then_some(PinyinQuery { items })
    }

    fn letters(&self, from: usize, len: usize) -> Option<String> {
        self.items
            .get(from..from + len)?
            .iter()
            .map(|i| match i {
                Item::Letter(l) => Some(*l as char),
                Item::Hanzi(_) => None,
            })
            .collect()
    }
}

/// One way of cutting a query into syllables, as an index lookup.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Probe {
    /// The initials of the pieces: the index key.
    pub key: String,
    /// A GLOB pattern over the heads of the key's syllables.
    pub pattern: String,
    /// Every piece is one or two letters: a row that fits the pattern matches.
    pub certain: bool,
}

impl Probe {
    /// How many syllables the query spans this way.
    pub fn span(&self) -> usize {
        self.key.len()
    }
}

/// The ways of cutting `q` into pieces that each begin a syllable (a hanzi is a piece of
/// its own): all initials first, then the longest pieces first, at most [`MAX_PROBES`].
pub fn probes(q: &PinyinQuery) -> Vec<Probe> {
    let n = q.items.len();
    // completable[p]: the items from p on can be cut into pieces.
    let mut completable = vec![false; n + 1];
    completable[n] = true;
    for p in (0..n).rev() {
        completable[p] = match q.items[p] {
            Item::Hanzi(_) => completable[p + 1],
            Item::Letter(_) => (1..=MAX_PIECE.min(n - p)).any(|k| {
                completable[p + k]
                    && q.letters(p, k)
                        .is_some_and(|s| syllables::begins_a_syllable(&s))
            }),
        };
    }
    let mut walk = Walk {
        q,
        completable,
        out: Vec::new(),
        key: String::new(),
        pattern: String::new(),
        budget: WALK_BUDGET,
    };
    if walk.completable[0] {
        walk.cut(0, true, false, 1);
        walk.cut(0, true, true, MAX_PROBES);
    }
    walk.out
}

struct Walk<'a> {
    q: &'a PinyinQuery,
    completable: Vec<bool>,
    out: Vec<Probe>,
    key: String,
    pattern: String,
    /// Steps left: cuts that repeat a probe already found do not fill `out`.
    budget: usize,
}

impl Walk<'_> {
    fn cut(&mut self, p: usize, certain: bool, longest_first: bool, cap: usize) {
        if self.out.len() >= cap || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let n = self.q.items.len();
        if p == n {
            let probe = Probe {
                key: self.key.clone(),
                pattern: self.pattern.clone(),
                certain,
            };
            if !self.out.contains(&probe) {
                self.out.push(probe);
            }
            return;
        }
        match self.q.items[p] {
            Item::Hanzi(h) => {
                let mut seen: Vec<[u8; 2]> = Vec::new();
                let readings = dictionary_readings(h);
                for r in readings.iter().copied().chain(surnames::readings_of(h)) {
                    for head in heads(r) {
                        if seen.contains(&head) {
                            continue;
                        }
                        seen.push(head);
                        self.push(head[0], [head[0], head[1]]);
                        self.cut(p + 1, false, longest_first, cap);
                        self.pop();
                    }
                }
            }
            Item::Letter(first) => {
                let max = MAX_PIECE.min(n - p);
                let lengths: Vec<usize> = if longest_first {
                    (1..=max).rev().collect()
                } else {
                    (1..=max).collect()
                };
                for k in lengths {
                    if !self.completable[p + k] {
                        continue;
                    }
                    let Some(piece) = self.q.letters(p, k) else {
                        continue;
                    };
                    if !syllables::begins_a_syllable(&piece) {
                        continue;
                    }
                    let second = if k >= 2 { piece.as_bytes()[1] } else { b'?' };
                    self.push(first, [first, second]);
                    self.cut(p + k, certain && k <= 2, longest_first, cap);
                    self.pop();
                }
            }
        }
    }

    fn push(&mut self, initial: u8, head: [u8; 2]) {
        self.key.push(initial as char);
        self.pattern.push(head[0] as char);
        self.pattern.push(head[1] as char);
    }

    fn pop(&mut self) {
        self.key.pop();
        self.pattern.pop();
        self.pattern.pop();
    }
}

/// Whether `q` reads as exactly `span` syllables of `text` from syllable `start`, each
/// syllable typed as its own hanzi or as a non-empty prefix of one of its readings.
pub fn reads_as(q: &PinyinQuery, text: &Spelled, start: usize, span: usize, how: Reading) -> bool {
    let n = q.items.len();
    let Some(syllables) = text.syllables.get(start..start + span) else {
        return false;
    };
    // reach[p]: the first p items are read by the syllables so far.
    let mut reach = vec![false; n + 1];
    reach[0] = true;
    for syl in syllables {
        let mut next = vec![false; n + 1];
        for p in (0..n).filter(|&p| reach[p]) {
            match q.items[p] {
                Item::Hanzi(h) => next[p + 1] |= h == syl.ch,
                Item::Letter(_) => {
                    for r in syl.readings(how) {
                        let common = common_prefix(&q.items[p..], r);
                        for k in 1..=common {
                            next[p + k] = true;
                        }
                    }
                }
            }
        }
        reach = next;
    }
    reach[n]
}

/// How many of `items`, from the first, spell the start of `reading`.
fn common_prefix(items: &[Item], reading: &str) -> usize {
    items
        .iter()
        .zip(reading.chars())
        .take_while(|(item, c)| matches!(item, Item::Letter(l) if typed_as(*c).contains(l)))
        .count()
}
