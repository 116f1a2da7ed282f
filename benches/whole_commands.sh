#!/usr/bin/env bash
# Whole commands at 100,000 contacts, each beside the sqlite3 shell doing the same work, in
# interleaved rounds (see "Whole commands at 100,000 contacts" in BENCHMARKS.md):
#
#   salesbook demo --contacts N --interactions 10N     (no shell counterpart: CPU time shown)
#   salesbook import FILE.csv into a new book      vs  sqlite3 NEW.db '.import --csv FILE.csv t'
#     (twice: salesbook's own export with each contact's timeline, and a plain spreadsheet
#     of the same contacts' names, phones, WeChat IDs, companies, sources, needs and notes)
#   salesbook list --stage pitch --format json     vs  sqlite3 -json of the same rows
#   salesbook list --format json (every contact)   vs  sqlite3 -json of the same rows
#
# Every run goes through /usr/bin/time -v (peak RSS, user + system CPU); wall time is bash's
# EPOCHREALTIME around it. The clock is pinned (SALESBOOK_NOW) and HOME/XDG are private.
#
# Usage: benches/whole_commands.sh BIN WORKDIR
# Environment: BENCH_CONTACTS (100000), BENCH_DEMO_RUNS (3), BENCH_ROUNDS (5).
# Prints one tab-separated line per run (step, command, round, wall s, CPU s, RSS KiB,
# rows) to stdout, and the load average before and after each step to stderr.

set -euo pipefail
BIN=$(realpath "$1")
WORK=$2
N=${BENCH_CONTACTS:-100000}
DEMO_RUNS=${BENCH_DEMO_RUNS:-3}
ROUNDS=${BENCH_ROUNDS:-5}
mkdir -p "$WORK"
WORK=$(realpath "$WORK")

export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
export XDG_CACHE_HOME=$WORK/home/.cache XDG_STATE_HOME=$WORK/home/.local/state
export SALESBOOK_NOW=2026-11-23T09:00:00+08:00 LC_ALL=C.UTF-8 USER=bench
unset SALESBOOK_DB
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

load() { cut -d' ' -f1-3 /proc/loadavg; }
rmbook() { rm -f "$1" "$1-wal" "$1-shm"; }

# timed STEP NAME ROUND OUT -- COMMAND...: one run, its stdout into OUT.
timed() {
    local step=$1 name=$2 round=$3 out=$4
    shift 5
    local tv=$WORK/time.txt t0 t1
    t0=$EPOCHREALTIME
    /usr/bin/time -v -o "$tv" "$@" >"$out" 2>"$WORK/stderr.txt" || {
        echo "failed: $* — $(head -c 400 "$WORK/stderr.txt")" >&2
        exit 1
    }
    t1=$EPOCHREALTIME
    awk -F': *' -v s="$step" -v n="$name" -v r="$round" -v a="$t0" -v b="$t1" '
        /User time/ { u = $2 } /System time/ { y = $2 }
        /Maximum resident set size/ { m = $2 }
        END { printf "%s\t%s\t%s\t%.4f\t%.2f\t%d", s, n, r, b - a, u + y, m }' "$tv"
}

BOOK=$WORK/book.sqlite
echo "demo: load $(load)" >&2
for ((r = 1; r <= DEMO_RUNS; r++)); do
    rmbook "$BOOK"
    timed demo "salesbook demo" "$r" /dev/null -- \
        "$BIN" --db "$BOOK" demo --contacts "$N" --interactions $((10 * N))
    printf '\t%s\n' "$(sqlite3 -readonly "$BOOK" 'select count(*) from contacts')"
done
echo "demo done: load $(load)" >&2

CSV=$WORK/contacts.csv
"$BIN" --db "$BOOK" export --format csv --all --out "$CSV"
echo "csv: $(du -m "$CSV" | cut -f1) MiB" >&2
# A rep's own spreadsheet of the same people: the columns one keeps by hand, no timeline.
PLAIN=$WORK/plain.csv
sqlite3 -readonly -csv -header "$BOOK" "SELECT name AS 姓名, phone AS 手机, wechat AS 微信号,
    company AS 公司, source AS 来源, need AS 需求, notes AS 备注,
    strftime('%Y-%m-%d %H:%M', created_at, 'unixepoch') AS 添加时间 FROM contacts ORDER BY id" \
    >"$PLAIN"
echo "plain csv: $(du -m "$PLAIN" | cut -f1) MiB" >&2
IMP=$WORK/import.sqlite SQLDB=$WORK/import-shell.db
# import_rounds LABEL FILE: the shell's .import and salesbook's import of FILE, alternating.
import_rounds() {
    local label=$1 file=$2 r side
    echo "import $label: load $(load)" >&2
    for ((r = 1; r <= ROUNDS; r++)); do
        sides=(shell salesbook)
        ((r % 2)) || sides=(salesbook shell)
        for side in "${sides[@]}"; do
            if [[ $side == shell ]]; then
                rmbook "$SQLDB"
                timed "import $label" "sqlite3 .import" "$r" /dev/null -- \
                    sqlite3 "$SQLDB" ".import --csv $file contacts"
                printf '\t%s\n' "$(sqlite3 "$SQLDB" 'select count(*) from contacts')"
            else
                rmbook "$IMP"
                timed "import $label" "salesbook import" "$r" "$WORK/import.out" -- \
                    "$BIN" --db "$IMP" import "$file"
                printf '\t%s\n' "$(sqlite3 -readonly "$IMP" 'select count(*) from contacts')"
            fi
        done
    done
    echo "import $label done: load $(load)" >&2
}
import_rounds export "$CSV"
import_rounds plain "$PLAIN"
rmbook "$IMP"
rmbook "$SQLDB"

# What list shows: active contacts, by id, with their tags (as scripts/bench-peers.sh).
COLS="c.id, c.name, c.honorific, c.phone, c.wechat, c.company, c.source, c.need,
       c.budget, c.grade, c.stage, c.outcome, c.lost_reason, c.notes, c.owner,
       c.archived = 1 AS archived,
       (SELECT json_group_array(t.grp || '/' || t.name) FROM contact_tags ct
        JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tags,
       strftime('%Y-%m-%dT%H:%M:%SZ', c.created_at, 'unixepoch') AS created_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', c.updated_at, 'unixepoch') AS updated_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', c.last_touch_at, 'unixepoch') AS last_touch_at"
echo "SELECT $COLS FROM contacts c WHERE c.archived = 0 AND c.stage = 'pitch' ORDER BY c.id;" \
    >"$WORK/pitch.sql"
echo "SELECT $COLS FROM contacts c WHERE c.archived = 0 ORDER BY c.id;" >"$WORK/all.sql"
rows() { sqlite3 :memory: "SELECT json_array_length(readfile('$1'))"; }
echo "list: load $(load)" >&2
# One untimed run of each first.
"$BIN" --db "$BOOK" list --format json >/dev/null
sqlite3 -readonly -json "$BOOK" ".read $WORK/all.sql" >/dev/null
for ((r = 1; r <= ROUNDS; r++)); do
    cases=(sb-pitch sql-pitch sb-all sql-all)
    ((r % 2)) || cases=(sql-all sb-all sql-pitch sb-pitch)
    for c in "${cases[@]}"; do
        out=$WORK/$c.json
        case $c in
        sb-pitch) timed list "salesbook list --stage pitch" "$r" "$out" -- \
            "$BIN" --db "$BOOK" list --stage pitch --format json ;;
        sb-all) timed list "salesbook list" "$r" "$out" -- "$BIN" --db "$BOOK" list --format json ;;
        sql-pitch) timed list "sqlite3 -json pitch" "$r" "$out" -- \
            sqlite3 -readonly -json "$BOOK" ".read $WORK/pitch.sql" ;;
        sql-all) timed list "sqlite3 -json all" "$r" "$out" -- \
            sqlite3 -readonly -json "$BOOK" ".read $WORK/all.sql" ;;
        esac
        printf '\t%s\n' "$(rows "$out")"
    done
done
echo "list done: load $(load)" >&2
for f in pitch all; do
    # The ids into indexed tables first: a join of the two arrays as they are is quadratic.
    same=$(sqlite3 :memory: "CREATE TABLE a (id PRIMARY KEY); CREATE TABLE b (id PRIMARY KEY);
        INSERT INTO a SELECT json_extract(value, '\$.id') FROM json_each(readfile('$WORK/sb-$f.json'));
        INSERT INTO b SELECT json_extract(value, '\$.id') FROM json_each(readfile('$WORK/sql-$f.json'));
        SELECT count(*) FROM a JOIN b USING (id);")
    echo "list $f: $same ids in both outputs" >&2
done
rm -f "$WORK"/*.json "$CSV" "$PLAIN"
