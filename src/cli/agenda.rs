//! `agenda`, `done`, `snooze`, `skip`, `simulate`, `export --ics`.

use super::args::{Command, Format};
use super::output::{Table, rfc3339};
use crate::context::Context;
use crate::domain::when::parse_until;
use crate::service::{AgendaItem, Book, total_text};
use anyhow::{Context as _, Result, anyhow, bail};
use chrono::NaiveDate;

pub fn run(ctx: &Context, cmd: Command) -> Result<()> {
    let mut book = ctx.open_book()?;
    match cmd {
        Command::Agenda {
            date,
            days,
            limit,
            explain,
            format,
        } => {
            let date = match date {
                Some(d) => parse_date(&d)?,
                None => book.clock().local(book.now()).date_naive(),
            };
            // Contacts gone dormant since the last write move to reactivation first.
            book.refresh_followups()?;
            // Only the table shows section totals.
            let agenda = match format.format {
                Format::Table => book.agenda(date, days, limit)?,
                _ => book.agenda_items(date, days, limit)?,
            };
            print_agenda(&book, &agenda, explain, format.format)?;
        }
        Command::Done { followup_id, note } => {
            let f = book.done(followup_id, note.as_deref())?;
            let c = book.contact(f.contact_id)?;
            println!(
                "{followup_id} {}: {} ✓ — {}",
                c.name,
                f.action,
                next_line(&book, &c)?
            );
        }
        Command::Snooze { followup_id, until } => {
            let until =
                parse_until(book.now(), book.clock().offset(), &until).map_err(|e| anyhow!(e))?;
            let f = book.snooze(followup_id, until)?;
            let c = book.contact(f.contact_id)?;
            println!(
                "{followup_id} {}: {} → {}",
                c.name,
                f.action,
                book.clock().local(f.due).format("%Y-%m-%d %H:%M")
            );
        }
        Command::Skip {
            followup_id,
            reason,
        } => {
            let f = book.skip(followup_id, &reason)?;
            let c = book.contact(f.contact_id)?;
            println!(
                "{followup_id} {}: {} ⤼ ({reason}) — {}",
                c.name,
                f.action,
                next_line(&book, &c)?
            );
        }
        Command::Simulate { days, format } => {
            if days == 0 || days > 366 {
                bail!("--days must be from 1 to 366");
            }
            let sim = book.simulate(days)?;
            match format.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&sim)?),
                Format::Csv => {
                    let mut w = csv::Writer::from_writer(std::io::stdout());
                    w.write_record(["date", "count", "contacts"])?;
                    for d in &sim {
                        w.write_record([
                            d.date.to_string(),
                            d.count.to_string(),
                            d.contacts.join(";"),
                        ])?;
                    }
                    w.flush()?;
                }
                Format::Table => {
                    let mut t = Table::new(&["日期 date", "跟进 count", "客户 contacts"]);
                    for d in &sim {
                        t.row(vec![
                            d.date.to_string(),
                            d.count.to_string(),
                            d.contacts.join(" "),
                        ]);
                    }
                    print!("{}", t.render());
                }
            }
        }
        Command::Export { ics, out } => {
            if !ics {
                bail!(
                    "export needs a format: --ics (open follow-ups as iCalendar); for contacts use `list --format csv|json`"
                );
            }
            book.refresh_followups()?;
            let text = book.ics()?;
            match out {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => print!("{text}"),
            }
        }
        _ => unreachable!("dispatched in cli::run"),
    }
    Ok(())
}

/// "next: 2026-11-25 09:30 跟进方案反馈" or "nothing scheduled".
fn next_line(book: &Book, c: &crate::domain::Contact) -> Result<String> {
    Ok(match c.next_due_at {
        Some(d) => format!("next {}", book.clock().local(d).format("%Y-%m-%d %H:%M")),
        None => "nothing scheduled".into(),
    })
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("bad date '{s}'; expected YYYY-MM-DD, e.g. 2026-11-23"))
}

fn print_agenda(
    book: &Book,
    agenda: &crate::service::Agenda,
    explain: bool,
    format: Format,
) -> Result<()> {
    let clock = book.clock();
    let items: Vec<&AgendaItem> = agenda.sections.iter().flat_map(|(_, v)| v).collect();
    match format {
        Format::Json => {
            let v: Vec<serde_json::Value> = items
                .iter()
                .map(|i| {
                    let mut o = serde_json::json!({
                        "followup_id": i.followup_id,
                        "contact_id": i.contact_id,
                        "contact_name": i.contact_name,
                        "stage": i.stage,
                        "grade": i.grade,
                        "due": rfc3339(clock, i.due),
                        "section": i.section.key(),
                        "track": i.track.key(),
                        "action": i.action,
                        "script": i.script,
                        "urgency": i.urgency,
                        "waiting_minutes": i.waiting_minutes,
                        "over_cap": i.over_cap,
                    });
                    if explain {
                        o["terms"] = serde_json::to_value(&i.terms).unwrap_or_default();
                    }
                    o
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            let mut header = vec![
                "followup_id",
                "contact_id",
                "contact_name",
                "stage",
                "grade",
                "due",
                "section",
                "track",
                "action",
                "script",
                "urgency",
            ];
            if explain {
                header.push("terms");
            }
            w.write_record(&header)?;
            for i in items {
                let mut row = vec![
                    i.followup_id.to_string(),
                    i.contact_id.to_string(),
                    i.contact_name.clone(),
                    i.stage.clone(),
                    i.grade.clone().unwrap_or_default(),
                    rfc3339(clock, i.due),
                    i.section.key().to_string(),
                    i.track.key().to_string(),
                    i.action.clone(),
                    i.script.clone().unwrap_or_default(),
                    i.urgency.to_string(),
                ];
                if explain {
                    row.push(terms_text(i));
                }
                w.write_record(&row)?;
            }
            w.flush()?;
        }
        Format::Table => {
            println!(
                "{} · {}",
                agenda.date,
                book.planning_template().map_or("", |t| t.name.as_str())
            );
            for ((section, list), (_, total)) in agenda.sections.iter().zip(&agenda.totals) {
                println!(
                    "\n{} {} ({})",
                    section.zh(),
                    section.key(),
                    total_text(*total)
                );
                if list.is_empty() {
                    continue;
                }
                let mut headers = vec!["#", "客户", "阶段", "级", "到期", "跟进", "话术", "紧急度"];
                if explain {
                    headers.push("= 各项");
                }
                let mut t = Table::new(&headers);
                for i in list {
                    let when = match i.waiting_minutes {
                        Some(m) => format!("已等 {}", waited(m)),
                        None => clock.local(i.due).format("%m-%d %H:%M").to_string(),
                    };
                    let mut action = i.action.clone();
                    if i.over_cap > 0 {
                        // A marker here; the warning in full under the table, where a long
                        // action cannot cut it off.
                        action.insert_str(0, "⚠ ");
                    }
                    let mut row = vec![
                        i.followup_id.to_string(),
                        i.contact_name.clone(),
                        crate::domain::Stage::ALL
                            .iter()
                            .find(|s| s.key() == i.stage)
                            .map_or(i.stage.clone(), |s| s.zh().to_string()),
                        i.grade.clone().unwrap_or_default(),
                        when,
                        action,
                        i.script.clone().unwrap_or_default(),
                        format!("{:.1}", i.urgency),
                    ];
                    if explain {
                        row.push(terms_text(i));
                    }
                    t.row(row);
                }
                print!("{}", t.render());
                for i in list.iter().filter(|i| i.over_cap > 0) {
                    println!(
                        "⚠ #{} {}：30天内已超出唤醒上限 {} 次",
                        i.followup_id, i.contact_name, i.over_cap
                    );
                }
            }
        }
    }
    Ok(())
}

fn waited(minutes: i64) -> String {
    if minutes < 60 {
        format!("{minutes} 分钟")
    } else if minutes < 1440 {
        format!("{} 小时 {} 分", minutes / 60, minutes % 60)
    } else {
        format!("{} 天", minutes / 1440)
    }
}

fn terms_text(i: &AgendaItem) -> String {
    i.terms
        .iter()
        .map(|t| format!("{} {:+.1}", t.name, t.points))
        .collect::<Vec<_>>()
        .join(", ")
}
