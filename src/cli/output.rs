//! Rendering for the terminal and for scripts: aligned tables, JSON, CSV.

use crate::clock::Clock;
use crate::domain::money::format_amount;
use crate::domain::text::{one_line, truncate, width};
use crate::domain::{Contact, Interaction};
use serde::Serialize;
use std::io::Write;

/// Writes to standard output without panicking when it is closed or full: the caller
/// decides what that means (after a saved change, the rep must hear it was saved).
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// [`emit`] with a line break.
pub fn emit_line(text: &str) -> std::io::Result<()> {
    emit(&format!("{text}\n"))
}

/// A table whose columns line up by display width, so Chinese text aligns.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    max_col: usize,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            max_col: 40,
        }
    }

    /// Adds a row; cells pass the output sanitiser (a control character in a contact's
    /// field is shown, never sent to the terminal; a note's line breaks are marked).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| one_line(&c).into_owned())
                .collect(),
        );
    }

    pub fn render(&self) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for r in &self.rows {
            for (i, cell) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(width(cell).min(self.max_col));
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (i, cell) in cells.iter().enumerate().take(n) {
                // The last column is shown whole: nothing after it has to line up, and it
                // is where a note or an explanation runs long.
                let cell = if i + 1 < n {
                    truncate(cell, self.max_col)
                } else {
                    cell.clone()
                };
                out.push_str(&cell);
                if i + 1 < n {
                    out.push_str(&" ".repeat(widths[i] - width(&cell) + 2));
                }
            }
            out.trim_end().to_string()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }
}

/// The JSON shape of a contact: a contract scripts rely on.
#[derive(Serialize)]
pub struct ContactJson {
    pub id: i64,
    pub name: String,
    pub honorific: Option<String>,
    pub phone: Option<String>,
    pub wechat: Option<String>,
    pub company: Option<String>,
    pub source: Option<String>,
    pub need: Option<String>,
    pub budget: Option<String>,
    pub grade: Option<String>,
    /// The customer tier, once the contact has bought.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    pub stage: String,
    pub outcome: String,
    pub lost_reason: Option<String>,
    pub notes: Option<String>,
    pub owner: Option<String>,
    pub archived: bool,
    pub tags: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub last_touch_at: Option<String>,
    /// Only when set (few contacts have them: a long list stays as it was).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anniversary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryJson>>,
}

#[derive(Serialize)]
pub struct HistoryJson {
    pub at: String,
    pub kind: String,
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
}

pub fn rfc3339(clock: &Clock, t: chrono::DateTime<chrono::Utc>) -> String {
    clock.local(t).to_rfc3339()
}

pub fn contact_json(clock: &Clock, c: &Contact, history: Option<&[Interaction]>) -> ContactJson {
    ContactJson {
        id: c.id,
        name: c.name.clone(),
        honorific: c.honorific.clone(),
        phone: c.phone.clone(),
        wechat: c.wechat.clone(),
        company: c.company.clone(),
        source: c.source.clone(),
        need: c.need.clone(),
        budget: c.budget.clone(),
        grade: c.grade.map(|g| g.to_string()),
        tier: c.tier.map(|t| t.to_string()),
        stage: c.stage.key().to_string(),
        outcome: c.outcome.key().to_string(),
        lost_reason: c.lost_reason.clone(),
        notes: c.notes.clone(),
        owner: c.owner.clone(),
        archived: c.archived,
        tags: c.tags.iter().map(|t| t.to_string()).collect(),
        created_at: rfc3339(clock, c.created_at),
        updated_at: rfc3339(clock, c.updated_at),
        last_touch_at: c.last_touch_at.map(|t| rfc3339(clock, t)),
        email: c.email.clone(),
        birthday: c.birthday.map(|d| d.to_string()),
        anniversary: c.anniversary.map(|d| d.to_string()),
        history: history.map(|h| h.iter().map(|i| history_json(clock, i)).collect()),
    }
}

pub fn history_json(clock: &Clock, i: &Interaction) -> HistoryJson {
    HistoryJson {
        at: rfc3339(clock, i.at),
        kind: i.kind.key().to_string(),
        text: i.text.clone(),
        channel: i.channel.map(|c| c.key().to_string()),
        from: i.from_stage.map(|s| s.key().to_string()),
        to: i.to_stage.map(|s| s.key().to_string()),
        script: i.script_id.clone(),
        amount: i.amount_cents.map(format_amount),
        product: i.product.clone(),
    }
}

pub const CSV_HEADERS: [&str; 20] = [
    "id",
    "name",
    "honorific",
    "phone",
    "wechat",
    "company",
    "source",
    "need",
    "budget",
    "grade",
    "stage",
    "outcome",
    "lost_reason",
    "notes",
    "owner",
    "archived",
    "tags",
    "created_at",
    "updated_at",
    "last_touch_at",
];

/// CSV for scripts (`list`, `search`, `agenda`, `simulate`, `template list`): plain UTF-8,
/// but every cell through the formula guard, so a file someone opens in a spreadsheet never
/// runs a contact's `=HYPERLINK(…)`.
pub struct CsvOut<W: std::io::Write>(csv::Writer<W>);

impl<W: std::io::Write> CsvOut<W> {
    pub fn new(out: W) -> Self {
        CsvOut(csv::Writer::from_writer(out))
    }

    pub fn record<I, T>(&mut self, cells: I) -> anyhow::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0
            .write_record(
                cells
                    .into_iter()
                    .map(|c| crate::exchange::guard_formula(c.as_ref()).into_owned()),
            )
            .map_err(crate::exchange::csv_io_error)?;
        Ok(())
    }

    pub fn into_inner(self) -> anyhow::Result<W> {
        Ok(self.0.into_inner().map_err(|e| e.into_error())?)
    }
}

impl CsvOut<Vec<u8>> {
    pub fn memory() -> Self {
        CsvOut::new(Vec::new())
    }

    pub fn into_string(self) -> anyhow::Result<String> {
        Ok(String::from_utf8(self.into_inner()?)?)
    }
}

/// The contacts as CSV with the JSON field names as headers; tags one per line in their
/// cell, escaped so the list splits back exactly (a tag may hold `;`).
pub fn contacts_csv(clock: &Clock, contacts: &[Contact]) -> anyhow::Result<String> {
    let mut w = CsvOut::memory();
    w.record(CSV_HEADERS)?;
    for c in contacts {
        w.record(csv_cells(clock, c))?;
    }
    w.into_string()
}

/// One contact's CSV cells, in the order of `CSV_HEADERS`.
pub fn csv_cells(clock: &Clock, c: &Contact) -> Vec<String> {
    let j = contact_json(clock, c, None);
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        j.id.to_string(),
        j.name,
        o(&j.honorific),
        o(&j.phone),
        o(&j.wechat),
        o(&j.company),
        o(&j.source),
        o(&j.need),
        o(&j.budget),
        o(&j.grade),
        j.stage,
        j.outcome,
        o(&j.lost_reason),
        o(&j.notes),
        o(&j.owner),
        j.archived.to_string(),
        crate::exchange::cells::encode_tags(&c.tags),
        j.created_at,
        j.updated_at,
        o(&j.last_touch_at),
    ]
}

/// Writes a listing as it is read, so a listing of the whole book never sits in memory: a
/// pretty JSON array (the same text `serde_json::to_string_pretty` gives for the whole
/// array) or CSV records.
pub enum StreamedList<W: std::io::Write> {
    Json(crate::exchange::PrettyArray<W>),
    // Boxed: the csv writer carries its own buffer.
    Csv(Box<CsvOut<W>>),
}

impl<W: std::io::Write> StreamedList<W> {
    pub fn json(out: W) -> Self {
        StreamedList::Json(crate::exchange::PrettyArray::new(out))
    }

    pub fn csv(out: W) -> anyhow::Result<Self> {
        let mut w = CsvOut::new(out);
        w.record(CSV_HEADERS)?;
        Ok(StreamedList::Csv(Box::new(w)))
    }

    pub fn push(&mut self, clock: &Clock, c: &Contact) -> anyhow::Result<()> {
        match self {
            StreamedList::Json(array) => array.push(&contact_json(clock, c, None))?,
            StreamedList::Csv(w) => w.record(csv_cells(clock, c))?,
        }
        Ok(())
    }

    /// Ends the listing; returns the output it was written to.
    pub fn finish(self) -> anyhow::Result<W> {
        Ok(match self {
            StreamedList::Json(array) => {
                let mut out = array.finish()?;
                out.write_all(b"\n")?;
                out.flush()?;
                out
            }
            StreamedList::Csv(w) => w.into_inner()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_json_list_is_the_pretty_array() {
        let clock = Clock::parse("2026-11-23T09:30:00+08:00").unwrap();
        let at = clock.now();
        let mut contacts = Vec::new();
        for (i, name) in ["张三", "李四\n\"引号\"", "王五"].iter().enumerate() {
            let mut c = crate::domain::Contact::blank(i as i64 + 1, name, at);
            c.phone = Some("0755-1".into());
            c.stage = crate::domain::Stage::Pitch;
            c.notes = Some("多行\n备注".into());
            c.tags = vec!["组/a;b".parse().unwrap()];
            contacts.push(c);
        }
        for n in 0..=contacts.len() {
            let mut s = StreamedList::json(Vec::new());
            for c in &contacts[..n] {
                s.push(&clock, c).unwrap();
            }
            let whole: Vec<_> = contacts[..n]
                .iter()
                .map(|c| contact_json(&clock, c, None))
                .collect();
            let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap());
            let out = String::from_utf8(s.finish().unwrap()).unwrap();
            assert_eq!(out, expected, "{n} contacts");
        }
        let mut csv = StreamedList::csv(Vec::new()).unwrap();
        for c in &contacts {
            csv.push(&clock, c).unwrap();
        }
        let streamed = String::from_utf8(csv.finish().unwrap()).unwrap();
        assert_eq!(streamed, contacts_csv(&clock, &contacts).unwrap());
    }

    #[test]
    fn table_aligns_by_display_width() {
        let mut t = Table::new(&["ID", "姓名", "阶段"]);
        t.row(vec!["1".into(), "张三丰".into(), "挖需求".into()]);
        t.row(vec!["22".into(), "Li".into(), "抛产品".into()]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        // The third column starts at the same display column on every line.
        let col = |l: &str, needle: &str| width(&l[..l.find(needle).unwrap()]);
        assert_eq!(col(lines[1], "挖需求"), col(lines[2], "抛产品"));
        assert_eq!(col(lines[0], "阶段"), col(lines[1], "挖需求"));
    }

    #[test]
    fn long_cells_are_cut_except_in_the_last_column() {
        let long = "很长的备注".repeat(12);
        let mut t = Table::new(&["名", "内容"]);
        t.row(vec![long.clone(), long.clone()]);
        let out = t.render();
        let row = out.lines().nth(1).unwrap();
        let (first, last) = row.split_once("  ").unwrap();
        assert!(width(first) <= 40, "{row}");
        assert!(first.ends_with('…'), "{row}");
        assert_eq!(last.trim_start(), long);
    }
}
