//! Round trips: contacts → export → import → export again gives the same bytes, and the
//! import gives back every field (CSV) or every field vCard carries. Values are hostile:
//! formula starts, `;` `/` `,` and quotes, line breaks, leading zeros, `+86`, full-width
//! characters, backslashes, things a spreadsheet would turn into dates; in timelines also
//! what opens a part of an entry (`[` `「` `«` `￥` `¥` `《`, a `→`) and what closes one.

mod exchange_support;

use chrono::{DateTime, NaiveDate, Utc};
use exchange_support::{cn, full_contact};
use proptest::prelude::*;
use salesbook::domain::followup::Track;
use salesbook::domain::lifecycle::Lifecycle;
use salesbook::domain::{Channel, Grade, InteractionKind, Outcome, Stage, TagRef};
use salesbook::exchange::model::{AppointmentRecord, FollowupRecord, FollowupState, StepRef};
use salesbook::exchange::{
    CsvExportOptions, ExportContact, Format, ImportOptions, ImportedContact, PurchaseRecord,
    TimelineEntry, export_csv, export_vcard, read,
};
use salesbook::i18n::exchange::{EN, ExchangeStrings, ZH};

const ATOMS: &[&str] = &[
    "=",
    "+",
    "-",
    "@",
    "'",
    "\"",
    ";",
    "/",
    ",",
    "\\",
    "\n",
    " ",
    "\t",
    "0",
    "00",
    "+86",
    "1",
    "1/2",
    "3-5",
    "TRUE",
    "张",
    "欧阳",
    "强浩",
    "ａｂｃ",
    "１２３",
    "／",
    "，",
    "、",
    "；",
    "¥",
    "=HYPERLINK(\"http://x\")",
    "\\n",
    "a",
    "Zhang",
    "某",
    "💐",
];

/// What a timeline entry's parts start and end with, besides [`ATOMS`].
const ENTRY_ATOMS: &[&str] = &[
    "→",
    "挖需求→抛产品",
    "→x",
    "[",
    "]",
    "[微信]",
    "[phone]",
    "«",
    "»",
    "«welcome»",
    "「",
    "」",
    "「welcome」",
    "《",
    "》",
    "¥",
    "¥5",
    " ¥1.50",
    "￥",
    "￥5",
    " ￥1.50",
    "?5",
    "5元",
    "RMB5",
    "\\",
    "\\»",
    "\r",
    "2026-03-01 10:00:00 call",
];

/// Text as the book stores it in notes: trimmed, not empty, line breaks kept.
fn text() -> impl Strategy<Value = String> {
    text_of(ATOMS)
}

fn text_of(atoms: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(atoms), 1..6)
        .prop_map(|parts| parts.concat().trim().to_string())
        .prop_filter("not empty", |s| !s.is_empty())
}

/// Text of a timeline entry: the hostile atoms of both lists.
fn entry_text() -> impl Strategy<Value = String> {
    prop_oneof![text_of(ATOMS), text_of(ENTRY_ATOMS)]
}

/// A one-line field as the book stores it: the book turns line breaks and tabs in names,
/// needs, companies… into spaces when they are typed, so they never hold one.
fn line_text() -> impl Strategy<Value = String> {
    text()
        .prop_map(|s| s.replace(['\n', '\t'], " ").trim().to_string())
        .prop_filter("not empty", |s| !s.is_empty())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(line_text())
}

fn opt_notes() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

/// Phones as `normalize_phone` leaves them: an optional `+`, 3 to 20 digits, a Chinese
/// number with its country code as dialled at home.
fn phone() -> impl Strategy<Value = Option<String>> {
    prop::option::of("\\+?[0-9]{3,20}")
        .prop_map(|p| p.map(|p| salesbook::domain::contact::national_phone(&p).unwrap_or(p)))
}

fn email() -> impl Strategy<Value = Option<String>> {
    prop::option::of("[=+a-z0-9.'_-]{1,8}@[a-z0-9-]{1,8}\\.(cn|com)")
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_102_444_800).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn tags() -> impl Strategy<Value = Vec<TagRef>> {
    prop::collection::vec((text(), text()), 0..4).prop_map(|pairs| {
        let mut out: Vec<TagRef> = Vec::new();
        for (group, tag) in pairs {
            let t = TagRef { group, tag };
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    })
}

fn purchases() -> impl Strategy<Value = Vec<PurchaseRecord>> {
    prop::collection::vec(
        (time(), prop::option::of(0i64..1_000_000_000), opt_text()),
        0..3,
    )
    .prop_map(|ps| {
        ps.into_iter()
            .map(|(at, amount_cents, product)| PurchaseRecord {
                at,
                amount_cents,
                product,
            })
            .collect()
    })
}

fn timeline() -> impl Strategy<Value = Vec<TimelineEntry>> {
    let entry = (
        time(),
        prop::sample::select(InteractionKind::ALL.to_vec()),
        prop::option::of(prop::sample::select(Channel::ALL.to_vec())),
        prop::option::of(prop::sample::select(Stage::ALL.to_vec())),
        prop::option::of(prop::sample::select(Stage::ALL.to_vec())),
        prop::option::of(entry_text()),
        prop::option::of(0i64..1_000_000_000),
        prop::option::of(entry_text()),
        prop::option::of(entry_text()),
        prop::option::of((
            prop::option::of(prop::sample::select(Grade::ALL.to_vec())),
            prop::option::of(prop::sample::select(Grade::ALL.to_vec())),
        )),
    );
    prop::collection::vec(entry, 0..5).prop_map(|entries| {
        entries
            .into_iter()
            .map(
                |(
                    at,
                    kind,
                    channel,
                    from_stage,
                    to_stage,
                    script_id,
                    amount_cents,
                    product,
                    text,
                    grades,
                )| {
                    TimelineEntry {
                        at,
                        kind,
                        channel,
                        from_stage,
                        to_stage,
                        script_id,
                        amount_cents,
                        product,
                        text,
                        grade_change: grades.filter(|g| *g != (None, None)),
                    }
                },
            )
            .collect()
    })
}

/// Follow-ups worked on: every state and track, steps and places, hostile texts.
fn followups() -> impl Strategy<Value = Vec<FollowupRecord>> {
    let row = (
        time(),
        prop::sample::select(FollowupState::ALL.to_vec()),
        prop::sample::select(Track::ALL.to_vec()),
        0u32..400,
        prop::option::of(0usize..4),
        prop::option::of(time()),
        prop::option::of(entry_text()),
        entry_text(),
        (prop::option::of(entry_text()), prop::option::of(time())),
    );
    prop::collection::vec(row, 0..4).prop_map(|rows| {
        rows.into_iter()
            .map(
                |(
                    due,
                    state,
                    track,
                    step,
                    purchase,
                    closed_at,
                    script,
                    action,
                    (note, overdue),
                )| {
                    FollowupRecord {
                        due,
                        state,
                        track,
                        step: if track.steps_are_appointments() {
                            StepRef::Appointment(step as usize % 3)
                        } else {
                            StepRef::Step(step)
                        },
                        purchase,
                        closed_at,
                        script,
                        action,
                        note,
                        overdue,
                    }
                },
            )
            .collect()
    })
}

fn appointments() -> impl Strategy<Value = Vec<AppointmentRecord>> {
    let row = (
        time(),
        prop::option::of(entry_text()),
        any::<bool>(),
        time(),
        prop::option::of(entry_text()),
    );
    prop::collection::vec(row, 0..3).prop_map(|rows| {
        rows.into_iter()
            .map(|(at, kind, remind, created_at, note)| AppointmentRecord {
                at,
                kind,
                remind,
                created_at,
                note,
            })
            .collect()
    })
}

fn contact() -> impl Strategy<Value = ExportContact> {
    let people = (
        line_text(),
        opt_text(),
        phone(),
        opt_text(),
        email(),
        opt_text(),
        opt_text(),
    );
    let sales = (
        opt_text(),
        opt_text(),
        prop::option::of(prop::sample::select(Grade::ALL.to_vec())),
        prop::sample::select(Stage::ALL.to_vec()),
        prop::sample::select(Outcome::ALL.to_vec()),
        opt_text(),
        opt_text(),
        prop::sample::select(Lifecycle::ALL.to_vec()),
    );
    let rest = (
        tags(),
        opt_notes(),
        prop::option::of((1900i32..2030, 1u32..13, 1u32..29)),
        opt_text(),
        any::<bool>(),
        (time(), time(), prop::option::of(time())),
        purchases(),
        timeline(),
        followups(),
        appointments(),
    );
    (1i64..1_000_000, people, sales, rest).prop_map(|(id, people, sales, rest)| {
        let (name, honorific, phone, wechat, email, company, source) = people;
        let (need, budget, grade, stage, outcome, lost_reason, tier, lifecycle) = sales;
        let (
            tags,
            notes,
            birthday,
            owner,
            archived,
            times,
            purchases,
            timeline,
            followups,
            appointments,
        ) = rest;
        ExportContact {
            id,
            name,
            honorific,
            phone,
            wechat,
            email,
            company,
            source,
            need,
            budget,
            grade,
            stage,
            outcome,
            lost_reason,
            tier,
            lifecycle,
            tags,
            notes,
            birthday: birthday.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            anniversary: birthday.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y + 20, m, d)),
            owner,
            archived,
            created_at: times.0,
            updated_at: times.1,
            last_touch_at: times.2,
            purchases,
            timeline,
            followups,
            appointments,
        }
    })
}

/// The contact an import would give the book back, with what the book derives itself (id,
/// lifecycle) carried over; the update and last-touch times come back from the file.
fn rebuilt(original: &ExportContact, imported: &ImportedContact) -> ExportContact {
    let c = imported.clone();
    ExportContact {
        id: original.id,
        name: c.name,
        honorific: c.honorific,
        phone: c.phone,
        wechat: c.wechat,
        email: c.email,
        company: c.company,
        source: c.source,
        need: c.need,
        budget: c.budget,
        grade: c.grade,
        stage: c.stage.unwrap_or(original.stage),
        outcome: c.outcome.unwrap_or(original.outcome),
        lost_reason: c.lost_reason,
        tier: c.tier,
        lifecycle: original.lifecycle,
        tags: c.tags,
        notes: c.notes,
        birthday: c.birthday,
        anniversary: c.anniversary,
        owner: c.owner,
        archived: c.archived.unwrap_or(original.archived),
        created_at: c.created_at.unwrap_or(original.created_at),
        updated_at: c.updated_at.unwrap_or(original.updated_at),
        last_touch_at: c.last_touch_at,
        purchases: c.purchases,
        timeline: c.timeline,
        followups: c.followups,
        appointments: c.appointments,
    }
}

fn csv_opts(strings: &'static ExchangeStrings) -> CsvExportOptions<'static> {
    CsvExportOptions {
        bom: true,
        zone: cn().into(),
        strings,
    }
}

fn import_csv(bytes: &[u8], strings: &'static ExchangeStrings) -> Vec<ImportedContact> {
    let mut opts = ImportOptions::new(strings);
    opts.file_name = Some("export.csv".into());
    let parsed = read(bytes, &opts).unwrap();
    assert!(
        parsed.meta.own_export,
        "the export is recognised as salesbook's own"
    );
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    parsed.records.into_iter().map(|r| r.contact).collect()
}

fn check_csv_round_trip(contacts: &[ExportContact], strings: &'static ExchangeStrings) {
    let first = export_csv(contacts, &csv_opts(strings));
    let imported = import_csv(&first, strings);
    assert_eq!(imported.len(), contacts.len());
    for (orig, imp) in contacts.iter().zip(&imported) {
        assert_eq!(imp, &ImportedContact::from(orig), "nothing lost");
    }
    let again: Vec<ExportContact> = contacts
        .iter()
        .zip(&imported)
        .map(|(o, i)| rebuilt(o, i))
        .collect();
    assert_eq!(export_csv(&again, &csv_opts(strings)), first);
}

/// What vCard carries of a contact; the rest stays as the book has it.
fn vcard_fields(c: &ExportContact) -> ExportContact {
    ExportContact {
        notes: c.notes.as_ref().map(|n| n.replace('\r', "")),
        ..c.clone()
    }
}

fn check_vcard_round_trip(contacts: &[ExportContact]) {
    let first = export_vcard(contacts);
    let mut opts = ImportOptions::new(&ZH);
    opts.format = Some(Format::Vcard);
    let parsed = read(first.as_bytes(), &opts).unwrap();
    assert!(parsed.meta.own_export);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    assert_eq!(parsed.records.len(), contacts.len());
    let mut again = Vec::new();
    for (orig, rec) in contacts.iter().zip(&parsed.records) {
        let c = &rec.contact;
        let want = vcard_fields(orig);
        assert_eq!(c.name, want.name);
        assert_eq!(c.honorific, want.honorific);
        assert_eq!(c.phone, want.phone);
        assert_eq!(c.wechat, want.wechat);
        assert_eq!(c.email, want.email);
        assert_eq!(c.company, want.company);
        assert_eq!(c.birthday, want.birthday);
        assert_eq!(c.tags, want.tags);
        assert_eq!(c.notes, want.notes);
        again.push(ExportContact {
            name: c.name.clone(),
            honorific: c.honorific.clone(),
            phone: c.phone.clone(),
            wechat: c.wechat.clone(),
            email: c.email.clone(),
            company: c.company.clone(),
            birthday: c.birthday,
            tags: c.tags.clone(),
            notes: c.notes.clone(),
            ..orig.clone()
        });
    }
    assert_eq!(export_vcard(&again), first);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn csv_round_trip_is_exact(contacts in prop::collection::vec(contact(), 1..5)) {
        check_csv_round_trip(&contacts, &ZH);
    }

    #[test]
    fn csv_round_trip_with_english_headers(contacts in prop::collection::vec(contact(), 1..3)) {
        check_csv_round_trip(&contacts, &EN);
    }

    #[test]
    fn vcard_round_trip_keeps_what_vcard_carries(
        contacts in prop::collection::vec(contact(), 1..5)
    ) {
        check_vcard_round_trip(&contacts);
    }
}

/// The values the brief names, spelled out, so a failure reads plainly.
fn hostile_contact() -> ExportContact {
    ExportContact {
        name: "=HYPERLINK(\"http://evil\",\"点我\")".into(),
        honorific: Some("+1+cmd|' /C calc'!A0".into()),
        phone: Some("075512345678".into()),
        wechat: Some("00123".into()),
        company: Some("-2+3".into()),
        source: Some("@SUM(A1:A9)".into()),
        need: Some("说\"再看看\"，下周再聊".into()),
        budget: Some("3-5".into()),
        tags: vec![
            "组/a;b".parse().unwrap(),
            "组/c".parse().unwrap(),
            TagRef {
                group: "a/b".into(),
                tag: "c/d".into(),
            },
        ],
        notes: Some("全角：ＡＢＣ１２３\n第二行；分号".into()),
        ..full_contact(7, "欧阳强浩")
    }
}

#[test]
fn the_brief_s_hostile_values_round_trip() {
    let contacts = vec![hostile_contact(), full_contact(8, "张伟")];
    check_csv_round_trip(&contacts, &ZH);
    check_vcard_round_trip(&contacts);
    // A book from before numbers were kept as dialled at home: the same number comes back
    // in the form books keep now, everything else as it was.
    let mut plus86 = full_contact(9, "李娜");
    plus86.phone = Some("+8613800001234".into());
    let imported = import_csv(&export_csv(&[plus86.clone()], &csv_opts(&EN)), &EN);
    let mut expected = ImportedContact::from(&plus86);
    expected.phone = Some("13800001234".into());
    assert_eq!(imported, [expected]);
}
