//! Schema migrations, applied in order by `PRAGMA user_version`.
//! Add a new entry for every change; never edit a released one.

pub const MIGRATIONS: &[&str] = &[
    // 1: the book — contacts, tags, timeline, stage history, purchases, append-only events.
    r#"
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    honorific     TEXT,
    phone         TEXT,
    wechat        TEXT,
    company       TEXT,
    source        TEXT,
    need          TEXT,
    budget        TEXT,
    grade         TEXT CHECK (grade IN ('A', 'B', 'C', 'D')),
    tier          TEXT,
    stage         TEXT NOT NULL
                  CHECK (stage IN ('discover', 'pitch', 'resolve', 'close', 'aftercare')),
    stage_since   INTEGER NOT NULL,
    outcome       TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'won', 'lost')),
    lost_reason   TEXT,
    notes         TEXT,
    owner         TEXT,
    archived      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_touch_at INTEGER
);
CREATE INDEX contacts_board ON contacts (archived, outcome, stage);

CREATE TABLE tags (
    id       INTEGER PRIMARY KEY,
    category TEXT,
    grp      TEXT NOT NULL,
    name     TEXT NOT NULL,
    UNIQUE (grp, name)
);

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    tag_id     INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (contact_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_by_tag ON contact_tags (tag_id);

CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id),
    at           INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    channel      TEXT,
    body         TEXT,
    from_stage   TEXT,
    to_stage     TEXT,
    script_id    TEXT,
    amount_cents INTEGER,
    product      TEXT
);
CREATE INDEX interactions_by_contact ON interactions (contact_id, at);

CREATE TABLE stage_history (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    at         INTEGER NOT NULL,
    from_stage TEXT,
    to_stage   TEXT NOT NULL
);
CREATE INDEX stage_history_by_contact ON stage_history (contact_id, at);

CREATE TABLE purchases (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id),
    at           INTEGER NOT NULL,
    product      TEXT,
    amount_cents INTEGER
);
CREATE INDEX purchases_by_contact ON purchases (contact_id, at);

-- Every write appends one row: who did what, when. Rows are never changed or removed.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    contact_id INTEGER,
    detail     TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the events log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the events log is append-only'); END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#,
    // 2: the search index. Short Chinese substrings of names and pinyin keys are plain
    // indexed tables ordered by match class, then most recent activity (`age` is minus the
    // last activity time), so a page of results is an index range read. Longer text goes
    // through FTS5 trigram tables. `search_state` keeps what each contact's keys were built
    // from, so they can be found again and removed. Maintained by the store on every write.
    r#"
CREATE TABLE search_grams (
    gram       TEXT NOT NULL,
    archived   INTEGER NOT NULL,
    class      INTEGER NOT NULL,
    age        INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    PRIMARY KEY (gram, archived, class, age, contact_id)
) WITHOUT ROWID;

CREATE TABLE search_pinyin (
    key        TEXT NOT NULL,
    archived   INTEGER NOT NULL,
    rank       INTEGER NOT NULL,
    age        INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    PRIMARY KEY (key, archived, rank, age, contact_id)
) WITHOUT ROWID;

CREATE TABLE search_state (
    contact_id INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    short_text TEXT NOT NULL,
    archived   INTEGER NOT NULL,
    age        INTEGER NOT NULL
);

CREATE VIRTUAL TABLE search_fields USING fts5 (
    name, honorific, company, source, wechat, phone, need, budget, tags,
    content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE search_notes USING fts5 (
    notes, timeline,
    content = '', contentless_delete = 1, tokenize = 'trigram'
);
"#,
    // 3: follow-ups. Each open follow-up is a row kept current on every write (the agenda
    // is an indexed read, not a scan of histories); closed ones stay as the record of what
    // was done, skipped or replaced. Contacts carry when their grade was set (cadences
    // restart on a new grade) and their next due time (the board's colours).
    r#"
ALTER TABLE contacts ADD COLUMN grade_since INTEGER;
UPDATE contacts SET grade_since = created_at;
ALTER TABLE contacts ADD COLUMN next_due_at INTEGER;
-- When the contact's plan goes stale by time alone (an idle cadence reaching dormancy):
-- catching up re-plans only the contacts past it.
ALTER TABLE contacts ADD COLUMN replan_at INTEGER;
-- A full index, not a partial one: with a partial index on the table, SQLite re-prepares
-- every statement on contacts whose parameters it must check against the index's WHERE.
CREATE INDEX contacts_replan_at ON contacts (replan_at);

CREATE TABLE followups (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id),
    track       TEXT NOT NULL,
    step        INTEGER NOT NULL,
    purchase_id INTEGER,
    due_at      INTEGER NOT NULL,
    action      TEXT NOT NULL,
    script      TEXT,
    status      TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'done', 'skipped', 'superseded')),
    snoozed     INTEGER NOT NULL DEFAULT 0,
    closed_at   INTEGER,
    note        TEXT,
    -- urgency = score_base + per_overdue_day × (now in days): ordering by score_base is
    -- ordering by urgency at any "now", so the agenda reads the most urgent first.
    score_base  REAL NOT NULL DEFAULT 0
);
CREATE INDEX followups_open_by_due ON followups (due_at, track, score_base) WHERE status = 'open';
CREATE INDEX followups_open_by_score ON followups (score_base) WHERE status = 'open';
CREATE INDEX followups_open_by_track ON followups (track, score_base) WHERE status = 'open';
CREATE INDEX followups_by_contact ON followups (contact_id, status);
"#,
    // 4: one write path with a tamper-evident log, undo, and plans that time alone cannot
    // make stale. Each event carries the hash of the one before it and what it undoes; each
    // open follow-up may expire at a time known when it was planned (a cadence abandoned at
    // dormancy), so no read ever has to re-plan. Contacts gain e-mail, birthday, anniversary
    // and, when merged away, the contact they joined. The phone and WeChat indexes answer
    // "is this one already in the book?" for imports and merges.
    r#"
ALTER TABLE contacts ADD COLUMN email TEXT;
ALTER TABLE contacts ADD COLUMN birthday TEXT;
ALTER TABLE contacts ADD COLUMN anniversary TEXT;
ALTER TABLE contacts ADD COLUMN merged_into INTEGER;
DROP INDEX contacts_replan_at;
ALTER TABLE contacts DROP COLUMN replan_at;
CREATE INDEX contacts_by_phone ON contacts (phone);
CREATE INDEX contacts_by_wechat ON contacts (wechat);
ALTER TABLE followups ADD COLUMN valid_from INTEGER;
ALTER TABLE followups ADD COLUMN valid_until INTEGER;
ALTER TABLE events ADD COLUMN undoes INTEGER;
ALTER TABLE events ADD COLUMN hash TEXT;
CREATE INDEX events_by_undoes ON events (undoes);
DROP INDEX followups_open_by_due;
CREATE INDEX followups_open_by_due
    ON followups (due_at, track, score_base, valid_from, valid_until)
    WHERE status = 'open';
CREATE INDEX events_by_actor ON events (actor, id);
"#,
    // 5: the SOP all the way through. Dated follow-ups the rep sets with a customer (a
    // call, 面诊, 试听) are facts the plan is made from, like purchases. Tiers, derived by
    // the engine for customers, are listed by tier. Each open follow-up knows from when its
    // contact rots, so a limited agenda ranks rotting items exactly.
    r#"
CREATE TABLE appointments (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    at         INTEGER NOT NULL,
    kind       TEXT,
    note       TEXT,
    remind     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX appointments_by_contact ON appointments (contact_id, at);
CREATE INDEX contacts_by_tier ON contacts (tier);
-- From when the contact an open follow-up belongs to counts as rotting (known when
-- planned): the agenda finds rotting items near its edge in the score index itself.
ALTER TABLE followups ADD COLUMN rot_from INTEGER;
DROP INDEX followups_open_by_score;
CREATE INDEX followups_open_by_score ON followups (score_base, rot_from) WHERE status = 'open';
DROP INDEX followups_open_by_due;
CREATE INDEX followups_open_by_due
    ON followups (due_at, track, score_base, valid_from, valid_until, rot_from)
    WHERE status = 'open';
-- Plans made before this version know nothing of the above: make them again on open.
DELETE FROM settings WHERE key = 'followups_planned_with';
"#,
    // 6: the search index, rebuilt so every text field is found from one character on and
    // a page of results is the first rows of an index, whatever the number of matches.
    // Each contact has one order key (active, then most recent activity, then lowest id;
    // see `domain::search::order_key`), the rowid of its full-text documents and the sort
    // column of its pinyin rows, so best first is ascending key order. The full-text
    // tables store one word per character (its code point in hex), so any substring is a
    // phrase. `search_spell` holds, for each prefix of a spelled text (name, company,
    // source, tag), the initials as key and the first two letters of each reading; class
    // 0 is a name's natural spelling, 1 its other spellings, 2 the other texts.
    // `search_state` keeps what each contact's rows were built from, to remove them.
    r#"
DROP TABLE search_grams;
DROP TABLE search_pinyin;
DROP TABLE search_state;
DROP TABLE search_fields;
DROP TABLE search_notes;

CREATE TABLE search_state (
    contact_id INTEGER PRIMARY KEY,
    sort_key   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    spelled    TEXT NOT NULL
);

CREATE TABLE search_spell (
    key      TEXT NOT NULL,
    class    INTEGER NOT NULL,
    sort_key INTEGER NOT NULL,
    heads    TEXT NOT NULL,
    start    INTEGER NOT NULL,
    field    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (key, class, sort_key, heads, start, field, text)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE search_name USING fts5 (
    words, content = '', contentless_delete = 1, tokenize = 'ascii'
);
CREATE VIRTUAL TABLE search_fields USING fts5 (
    words, content = '', contentless_delete = 1, tokenize = 'ascii'
);
CREATE VIRTUAL TABLE search_notes USING fts5 (
    words, content = '', contentless_delete = 1, tokenize = 'ascii'
);
-- A bulk load keeps up to 16 MiB of postings per table in memory before writing a
-- segment (the default, 1 MiB, made 60% more merging work on the demo book).
INSERT INTO search_name (search_name, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_fields (search_fields, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_notes (search_notes, rank) VALUES ('hashsize', 16777216);
"#,
    // 7: grade changes on the timeline, and the board's index. The entry an edit or a merge
    // leaves ('edited', 'merged') keeps the grade before and after when it changed the
    // contact's grade, so the team lead's figures read regrades in the one pass they make
    // over the timeline instead of parsing the activity log; books made before get them from
    // their log when upgraded. The board reads one page of a stage column at a time, newest
    // activity first: the index holds the column's order (last activity, then id) and the
    // columns the board filters on, so a page or a count is a range read of the index alone.
    r#"
ALTER TABLE interactions ADD COLUMN grade_from TEXT CHECK (grade_from IN ('A', 'B', 'C', 'D'));
ALTER TABLE interactions ADD COLUMN grade_to TEXT CHECK (grade_to IN ('A', 'B', 'C', 'D'));
CREATE INDEX contacts_board_page
    ON contacts (stage, coalesce(last_touch_at, created_at), id, archived, outcome, grade);
"#,
    // 8: the agenda reads its overdue items and new leads from the open-item indexes alone.
    // Walking the score index most urgent first, each item it passed cost a read of the
    // table's row (a page of its own on a big book: most of the agenda's reads); the two
    // indexes now carry every column the agenda ranks and shows an item by. `status` is
    // there too, so a planner that does not see it implied by the index's WHERE still
    // finds the index covering.
    r#"
DROP INDEX followups_open_by_score;
CREATE INDEX followups_open_by_score ON followups
    (score_base, rot_from, due_at, track, valid_from, valid_until, contact_id, step, action,
     script, status)
    WHERE status = 'open';
DROP INDEX followups_open_by_track;
CREATE INDEX followups_open_by_track ON followups
    (track, score_base, due_at, rot_from, valid_from, valid_until, contact_id, step, action,
     script, status)
    WHERE status = 'open';
"#,
    // 9: a wake-up item's cap counts the contact's recent touches by kind: the timeline's
    // index by contact now holds the kind, so that count reads no table row (a page of its
    // own for each of the agenda's dormant contacts on a big book).
    r#"
DROP INDEX interactions_by_contact;
CREATE INDEX interactions_by_contact ON interactions (contact_id, at, kind);
"#,
    // 10: the agenda's sections of items not yet due (today's, the coming days') were ranked
    // by reading every item due in their window (thousands on a big book) and looking up the
    // kept ones' rows. Within one UTC day an item's urgency is its `score_base` plus at most
    // a day of the overdue rate and the rotting weight, so walking each day's items by
    // `score_base` can stop once no item further down can rank among those kept. The index
    // holds every column the agenda shows an item by, as the score index does.
    r#"
CREATE INDEX followups_open_by_day ON followups
    (due_at / 86400, score_base, rot_from, due_at, track, valid_from, valid_until, contact_id,
     step, action, script, status)
    WHERE status = 'open';
"#,
    // 11: each open follow-up carries a copy of what the agenda shows and ranks its contact
    // by (`domain::agenda_card`): the agenda's items came from their index rows, but their
    // contacts were a page read each, most of what a big book's agenda read. The plans are
    // made again (on the next open for writing) so that every open follow-up gets one; a
    // follow-up without one is read with its contact, as before.
    r#"
ALTER TABLE followups ADD COLUMN card TEXT;
DROP INDEX followups_open_by_score;
CREATE INDEX followups_open_by_score ON followups
    (score_base, rot_from, due_at, track, valid_from, valid_until, contact_id, step, action,
     script, status, card)
    WHERE status = 'open';
DROP INDEX followups_open_by_track;
CREATE INDEX followups_open_by_track ON followups
    (track, score_base, due_at, rot_from, valid_from, valid_until, contact_id, step, action,
     script, status, card)
    WHERE status = 'open';
DROP INDEX followups_open_by_day;
CREATE INDEX followups_open_by_day ON followups
    (due_at / 86400, score_base, rot_from, due_at, track, valid_from, valid_until, contact_id,
     step, action, script, status, card)
    WHERE status = 'open';
DELETE FROM settings WHERE key = 'followups_planned_with';
"#,
    // 12: where each contact stands on going quiet, kept with its plan (see
    // `domain::lifecycle::Quiet`): from when it counts as dormant if nothing happens, and
    // whether it is being woken (1) or was given up on (2). The lead's report reads dormant
    // and churned contacts from these, the same as each card says. Plans are made again on
    // the next open for writing; until then (`quiet_from` NULL) the report counts idle days.
    r#"
ALTER TABLE contacts ADD COLUMN quiet_from INTEGER;
ALTER TABLE contacts ADD COLUMN quiet_wake INTEGER NOT NULL DEFAULT 0;
DELETE FROM settings WHERE key = 'followups_planned_with';
"#,
    // 13: the deadline a follow-up had already missed when it was snoozed. A snooze before
    // the deadline is a new date agreed in time; one after it must not turn a late item into
    // an on-time one in the lead's figures, which judge by this when it is set.
    r#"
ALTER TABLE followups ADD COLUMN overdue_at INTEGER;
"#,
    // 14: "is this one already in the book?" when a contact is added or edited by hand: by
    // WeChat ID with case ignored (as WeChat does), and by name for the weaker signal.
    r#"
DROP INDEX contacts_by_wechat;
CREATE INDEX contacts_by_wechat ON contacts (wechat COLLATE NOCASE);
CREATE INDEX contacts_by_name ON contacts (name);
"#,
];

/// The schema version that last changed the search index: books older than this (and not
/// new) get it built when they are opened. Keep it the number of the latest migration
/// that touches a `search_` table.
pub const SEARCH_INDEX_VERSION: i64 = 6;

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The first schema version whose log is hash-chained: older books get their log sealed and
/// a genesis entry holding their contacts when they reach it.
pub const CHAINED_LOG_VERSION: i64 = 4;

/// The first schema version that keeps where each contact stands on going quiet
/// (`contacts.quiet_from`, `contacts.quiet_wake`).
pub const QUIET_VERSION: i64 = 12;

/// The first schema version that keeps the deadline a snoozed follow-up had missed
/// (`followups.overdue_at`).
pub const OVERDUE_VERSION: i64 = 13;

/// The first schema version whose timeline keeps grade changes (`grade_from`, `grade_to`):
/// older books get them filled in from their log when upgraded.
pub const GRADE_CHANGES_VERSION: i64 = 7;

/// The first schema version with the open items' index by UTC day (`followups_open_by_day`):
/// the agenda walks older books' sections of items not yet due the way it did before.
pub const DAY_INDEX_VERSION: i64 = 10;

/// The first schema version whose open follow-ups carry their contact's card
/// (`followups.card`): the agenda reads older books' contacts instead.
pub const CARDS_VERSION: i64 = 11;

/// The oldest schema a reader opens. A reader never upgrades; schema 6 differs from the
/// latest only by the timeline's grade columns, which the report's loader reads from the
/// log instead, and by the agenda's narrower indexes of 7, through which the same queries
/// read the table too. A migration that changes what the reader's queries read must raise
/// this.
pub const OLDEST_READABLE_VERSION: i64 = 6;

/// Brings the book's schema up to date in one write transaction; returns the version it
/// had. A book a newer salesbook wrote is refused before anything changes.
pub(super) fn migrate(conn: &mut rusqlite::Connection) -> anyhow::Result<i64> {
    use anyhow::{Context, bail};
    let latest = latest_version();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current >= latest {
        // Another process upgraded it first (or it is a newer book: refused on open).
        return Ok(current);
    }
    if current < 0 {
        bail!("schema version {current} is not one salesbook writes");
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("schema migration {} failed", i + 1))?;
    }
    if current > 0 && current < SEARCH_INDEX_VERSION {
        super::search::rebuild_all(&tx)?;
    }
    if current > 0 && current < CHAINED_LOG_VERSION {
        super::events::seal_old_log(&tx)?;
    }
    if current > 0 && current < GRADE_CHANGES_VERSION {
        super::grades::backfill(&tx)?;
    }
    // user_version and application_id cannot be bound parameters; both are ours.
    tx.execute_batch(&format!(
        "PRAGMA user_version = {latest}; PRAGMA application_id = {};",
        super::APPLICATION_ID
    ))?;
    tx.commit()?;
    Ok(current)
}
