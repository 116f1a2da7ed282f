#!/usr/bin/env bash
# Times salesbook's whole commands side by side with its peers on the same data:
#
#   agenda --format json          vs  taskwarrior `task next`  vs  the agenda's SQL in sqlite3
#   search NAME / a note word     vs  `khard list NAME|WORD`   vs  the same rows in sqlite3
#   list --stage pitch --format json                           vs  `sqlite3 -json` of the rows
#   `sqlite3 BOOK 'select 1'`: the floor every ratio is taken against
#
# It builds salesbook (release) unless given a binary, installs taskwarrior, khard, hyperfine
# and sqlite3 from the distribution's packages when they are missing, makes a demo book of N
# contacts and 10×N interactions in a temporary directory (pinned clock, private HOME and XDG
# directories: nothing of the user's is read or written), loads every open follow-up into a
# private taskwarrior as a task and every contact into a private khard address book as a
# vCard, then times all the commands in interleaved rounds and prints a Markdown section.
#
# Usage: scripts/bench-peers.sh [--quick] [--write] [--bin PATH]
#   --quick     2,000 contacts and 3 runs per command: checks the script end to end
#   --write     also put the section into BENCHMARKS.md ("Peers (scripts/bench-peers.sh)"),
#               replacing that section only
#   --bin PATH  time this salesbook binary instead of building one (or SALESBOOK_BIN)
#
# Environment:
#   BENCH_CONTACTS  contacts in the demo book (default 100000; 2000 with --quick)
#   BENCH_ROUNDS    interleaved rounds (default 10; 3 with --quick)
#   BENCH_RUNS      timed runs of each command per round (default 1)
#   BENCH_WARMUP    untimed runs of each command before the first round (default 1)
#   BENCH_NOW       the pinned clock (default: the start of this run, to the minute, in the
#                   machine's zone; taskwarrior has no clock to pin, so the book's is set to
#                   the real time to keep the two in step)
#   BENCH_NOTE      the note word to search (default: the first of a few found in the book)
#   BENCH_DIR       work in this directory and keep it; a later run with the same N reuses
#                   its book, tasks and vCards (the book's clock stays the one it was made at)
#   BENCH_KEEP=1    keep the temporary directory
#   BENCH_TIMER     hyperfine (default when installed) or loop: the script's own timer
#
# Timing: hyperfine when it is there, one hyperfine invocation per round over every command
# (`-N`: no shell in between), the order reversed every other round so no command always
# follows the same neighbour. Without hyperfine (not packaged, or BENCH_TIMER=loop) the
# script's own loop does the same rounds, timing each run with bash's EPOCHREALTIME around
# a direct exec, output to /dev/null; it includes the fork of the bash process, about what
# hyperfine subtracts as shell spawning time, so its figures are a little higher.
# Medians, minima and maxima are over all timed runs of a command, across the rounds.

set -euo pipefail

QUICK=0
WRITE=0
BIN=${SALESBOOK_BIN:-}

usage() {
    sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"
}

while (($#)); do
    case $1 in
    --quick) QUICK=1 ;;
    --write) WRITE=1 ;;
    --bin)
        [[ $# -ge 2 ]] || {
            echo "bench-peers: --bin needs a path" >&2
            exit 2
        }
        BIN=$2
        shift
        ;;
    --bin=*) BIN=${1#--bin=} ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "bench-peers: unknown argument '$1' (try --help)" >&2
        exit 2
        ;;
    esac
    shift
done

if ((QUICK)); then
    N=${BENCH_CONTACTS:-2000}
    ROUNDS=${BENCH_ROUNDS:-3}
    WARMUP=${BENCH_WARMUP:-1}
else
    N=${BENCH_CONTACTS:-100000}
    ROUNDS=${BENCH_ROUNDS:-10}
    WARMUP=${BENCH_WARMUP:-1}
fi
RUNS=${BENCH_RUNS:-1}
for v in N ROUNDS RUNS WARMUP; do
    [[ ${!v} =~ ^[0-9]+$ ]] || {
        echo "bench-peers: $v must be a whole number, not '${!v}'" >&2
        exit 2
    }
done
((N >= 100)) || {
    echo "bench-peers: BENCH_CONTACTS must be at least 100" >&2
    exit 2
}
((ROUNDS >= 1 && RUNS >= 1)) || {
    echo "bench-peers: BENCH_ROUNDS and BENCH_RUNS must be at least 1" >&2
    exit 2
}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf 'bench-peers: %s\n' "$*" >&2; }
die() {
    log "$*"
    exit 1
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

LOAD_START=$(loadavg)

# --- Tools -----------------------------------------------------------------------------------

install_missing() {
    local need=()
    command -v task >/dev/null || need+=(taskwarrior)
    command -v khard >/dev/null || need+=(khard)
    command -v sqlite3 >/dev/null || need+=(sqlite3)
    local want_hyperfine=0
    if ! command -v hyperfine >/dev/null && [[ ${BENCH_TIMER:-} != loop ]]; then
        want_hyperfine=1
    fi
    # /usr/bin/time -v gives each command's peak memory; optional.
    [[ -x /usr/bin/time ]] || need+=(time)
    ((${#need[@]} || want_hyperfine)) || return 0

    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || die "not root and no sudo: install ${need[*]} yourself"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null || die "no apt-get here: install ${need[*]} yourself"
    "${sudo[@]}" apt-get update -qq
    if ((want_hyperfine)); then
        # Not every release packages hyperfine: without it, the script's own loop times.
        local policy
        policy=$(apt-cache policy hyperfine 2>/dev/null || true)
        if [[ $policy == *"Candidate: "[0-9]* ]]; then
            need+=(hyperfine)
        else
            log "hyperfine is not packaged here: timing with the script's own loop"
        fi
    fi
    ((${#need[@]})) || return 0
    log "installing from the distribution's packages: ${need[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${need[@]}" >&2
}
install_missing
for c in task khard sqlite3; do
    command -v "$c" >/dev/null || die "$c is still missing after the install"
done
TIMER=${BENCH_TIMER:-}
if [[ -z $TIMER ]]; then
    if command -v hyperfine >/dev/null; then TIMER=hyperfine; else TIMER=loop; fi
fi
[[ $TIMER == hyperfine || $TIMER == loop ]] || die "BENCH_TIMER is hyperfine or loop, not '$TIMER'"
if [[ $TIMER == hyperfine ]]; then
    command -v hyperfine >/dev/null || die "BENCH_TIMER=hyperfine but hyperfine is not installed"
fi
if [[ $TIMER == loop && -z ${EPOCHREALTIME:-} ]]; then
    die "the script's own timer needs bash 5 (EPOCHREALTIME)"
fi

# --- salesbook -------------------------------------------------------------------------------

if [[ -z $BIN ]]; then
    log "building salesbook (cargo build --release)…"
    (cd "$REPO" && cargo build --release --quiet)
    BIN=${CARGO_TARGET_DIR:-$REPO/target}/release/salesbook
fi
[[ -x $BIN ]] || die "no salesbook binary at $BIN"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

# --- Work directory and the sandbox every command runs in ------------------------------------

if [[ -n ${BENCH_DIR:-} ]]; then
    WORK=$BENCH_DIR
    mkdir -p "$WORK"
    WORK=$(cd "$WORK" && pwd)
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/salesbook-peers.XXXXXX")
    if [[ ${BENCH_KEEP:-0} != 1 ]]; then
        trap 'rm -rf "$WORK"' EXIT
    fi
fi
log "working in $WORK"

export HOME=$WORK/home
export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share
export XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
export TASKRC=$WORK/taskrc TASKDATA=$WORK/task
export LC_ALL=C.UTF-8 USER=bench
unset SALESBOOK_DB
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"

BOOK=$WORK/book.sqlite
STATE=$WORK/prepared
if [[ -f $STATE ]] && grep -qx "contacts=$N" "$STATE"; then
    SALESBOOK_NOW=$(sed -n 's/^now=//p' "$STATE")
    log "reusing the book, tasks and vCards in $WORK (clock $SALESBOOK_NOW)"
    REUSED=1
else
    SALESBOOK_NOW=${BENCH_NOW:-$(date +%Y-%m-%dT%H:%M:00%:z)}
    REUSED=0
fi
export SALESBOOK_NOW

sb() { "$BIN" --db "$BOOK" "$@"; }
sql() { sqlite3 -readonly "$BOOK" "$@"; }
# A JSON array's length, read with sqlite3's own JSON functions (no other tool needed).
json_len() { sqlite3 :memory: "SELECT json_array_length(readfile('$1'))"; }

prepare() {
    rm -rf "$BOOK" "$BOOK-wal" "$BOOK-shm" "$TASKDATA" "$WORK/vdir" "$STATE"
    mkdir -p "$TASKDATA" "$WORK/vdir"

    log "making the demo book: $N contacts, $((10 * N)) interactions, clock $SALESBOOK_NOW…"
    local t0=$EPOCHREALTIME
    sb demo --contacts "$N" --interactions $((10 * N)) >/dev/null 2>"$WORK/demo.err" ||
        die "demo failed: $(cat "$WORK/demo.err")"
    DEMO_SECS=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

    # Taskwarrior: every open follow-up as a pending task. A plan that starts later (a
    # wake-up after dormancy) waits until then (`wait`), one abandoned at a time ends then
    # (`until`), as the agenda reads them.
    cat >"$TASKRC" <<EOF
data.location=$TASKDATA
confirmation=off
verbose=nothing
color=off
hooks=off
news.version=$(task --version)
EOF
    sql "SELECT json_group_array(json_patch(json_object(
            'uuid', printf('%08x-0000-4000-8000-%012x', f.contact_id, f.id),
            'status', 'pending',
            'description', c.name || '：' || f.action,
            'entry', strftime('%Y%m%dT%H%M%SZ', c.created_at, 'unixepoch'),
            'due', strftime('%Y%m%dT%H%M%SZ', f.due_at, 'unixepoch'),
            'project', c.stage,
            'tags', json_array(f.track, 'grade' || coalesce(c.grade, 'none'))),
          json_object(
            'wait', CASE WHEN f.valid_from IS NOT NULL
                         THEN strftime('%Y%m%dT%H%M%SZ', f.valid_from, 'unixepoch') END,
            'until', CASE WHEN f.valid_until IS NOT NULL
                          THEN strftime('%Y%m%dT%H%M%SZ', f.valid_until, 'unixepoch') END)))
         FROM followups f JOIN contacts c ON c.id = f.contact_id
         WHERE f.status = 'open' AND c.archived = 0" >"$WORK/tasks.json"
    log "importing $(json_len "$WORK/tasks.json") follow-ups into taskwarrior…"
    t0=$EPOCHREALTIME
    task import "$WORK/tasks.json" >/dev/null
    IMPORT_SECS=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

    # khard: the vCard export split into one file per contact, as a vdir address book. The
    # export writes no UID and khard skips cards without one, so each file gets one.
    log "exporting vCards into a khard address book…"
    sb export --format vcard --out "$WORK/contacts.vcf" 2>/dev/null
    awk -v dir="$WORK/vdir" '
        /^BEGIN:VCARD/ { n++; f = sprintf("%s/%07d.vcf", dir, n) }
        { print > f }
        /^VERSION:/ { printf "UID:salesbook-card-%07d\r\n", n > f }
        /^END:VCARD/ { close(f) }' "$WORK/contacts.vcf"
    rm -f "$WORK/contacts.vcf"

    {
        echo "contacts=$N"
        echo "now=$SALESBOOK_NOW"
        echo "demo_secs=$DEMO_SECS"
        echo "import_secs=$IMPORT_SECS"
    } >"$STATE"
}
if ((REUSED)); then
    DEMO_SECS=$(sed -n 's/^demo_secs=//p' "$STATE")
    IMPORT_SECS=$(sed -n 's/^import_secs=//p' "$STATE")
else
    prepare
fi
cat >"$WORK/khard.conf" <<EOF
[addressbooks]
[[salesbook]]
path = $WORK/vdir

[general]
default_action = list
editor = /bin/false
merge_editor = /bin/false

[contact table]
display = formatted_name
sort = last_name

[vcard]
private_objects = WeChat,
preferred_version = 3.0
search_in_source_files = no
skip_unparsable = no
EOF

OPEN_FOLLOWUPS=$(sql "SELECT count(*) FROM followups f JOIN contacts c ON c.id = f.contact_id
                      WHERE f.status = 'open' AND c.archived = 0")
TASKS_PENDING=$(task count status:pending)
TASKS_WAITING=$(task count status:waiting)
VCARDS=$(find "$WORK/vdir" -name '*.vcf' | wc -l)
BOOK_MIB=$(du -m "$BOOK" | cut -f1)

# --- What is asked -----------------------------------------------------------------------------

# The most common three-character name among active contacts.
NAME=$(sql "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 3
            GROUP BY name ORDER BY count(*) DESC, name LIMIT 1")
NOTE=${BENCH_NOTE:-}
if [[ -z $NOTE ]]; then
    for w in 晚上八点 比较敏感 搬家计划 另一半; do
        if [[ $(sql "SELECT EXISTS (SELECT 1 FROM contacts WHERE archived = 0
                     AND instr(notes, '$w') > 0)") == 1 ]]; then
            NOTE=$w
            break
        fi
    done
fi
[[ -n $NAME && -n $NOTE ]] || die "no name or note word to search in the book"
[[ $NAME != *"'"* && $NOTE != *"'"* ]] || die "the queries must not contain quotes"

# The agenda's window, as `agenda` computes it with its defaults (--days 1, --limit 50):
# overdue before now, today from now to local midnight, upcoming the day after.
NOW_S=$(date -d "$SALESBOOK_NOW" +%s)
OFFSET=${SALESBOOK_NOW: -6}
DAY_END_S=$(date -d "$(date -d "${SALESBOOK_NOW:0:10} + 1 day" +%F)T00:00:00$OFFSET" +%s)
HORIZON_S=$((DAY_END_S + 86400))

LIVE="(valid_from IS NULL OR valid_from <= $NOW_S)
      AND (valid_until IS NULL OR valid_until > $NOW_S)"
cat >"$WORK/agenda.sql" <<EOF
-- The four sections of the agenda, each its 50 most urgent by the stored score (as
-- src/store/followups.rs agenda_rows reads them), with the contact's name, stage and grade.
SELECT s.section, f.id AS followup_id, f.contact_id, c.name AS contact_name, c.stage, c.grade,
       strftime('%Y-%m-%dT%H:%M:%SZ', f.due_at, 'unixepoch') AS due, f.track, f.action,
       f.script, f.score_base
FROM (
  SELECT 1 AS o, 'new_leads' AS section, id FROM (SELECT id FROM followups
    WHERE status = 'open' AND track = 'first_response' AND +due_at < 9223372036854775807
      AND $LIVE ORDER BY score_base DESC, due_at, id LIMIT 50)
  UNION ALL
  SELECT 2, 'overdue', id FROM (SELECT id FROM followups
    WHERE status = 'open' AND track != 'first_response' AND +due_at < $NOW_S
      AND $LIVE ORDER BY score_base DESC, due_at, id LIMIT 50)
  UNION ALL
  SELECT 3, 'today', id FROM (SELECT id FROM followups
    WHERE status = 'open' AND track != 'first_response' AND due_at >= $NOW_S
      AND due_at < $DAY_END_S AND $LIVE ORDER BY score_base DESC, due_at, id LIMIT 50)
  UNION ALL
  SELECT 4, 'upcoming', id FROM (SELECT id FROM followups
    WHERE status = 'open' AND track != 'first_response' AND due_at >= $DAY_END_S
      AND due_at < $HORIZON_S AND $LIVE ORDER BY score_base DESC, due_at, id LIMIT 50)
) s JOIN followups f ON f.id = s.id JOIN contacts c ON c.id = f.contact_id
ORDER BY s.o, f.score_base DESC, f.due_at, f.id;
EOF

CONTACT_COLS="c.id, c.name, c.honorific, c.phone, c.wechat, c.company, c.source, c.need,
       c.budget, c.grade, c.stage, c.outcome, c.lost_reason, c.notes, c.owner,
       c.archived = 1 AS archived,
       (SELECT json_group_array(t.grp || '/' || t.name) FROM contact_tags ct
        JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id) AS tags,
       strftime('%Y-%m-%dT%H:%M:%SZ', c.created_at, 'unixepoch') AS created_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', c.updated_at, 'unixepoch') AS updated_at,
       strftime('%Y-%m-%dT%H:%M:%SZ', c.last_touch_at, 'unixepoch') AS last_touch_at"
# Debian's sqlite3 shell (3.40) cannot read the book's full-text tables (FTS5's
# contentless_delete needs 3.43), so the search queries read plain tables: the name from
# search_state's copy of every name, the note word by scanning notes and the timeline. Both
# order by search_state.sort_key, the index's own order (active first, then the most
# recently active, then the lowest id: src/domain/search.rs order_key).
cat >"$WORK/search-name.sql" <<EOF
-- Active contacts whose name holds the query: the exact name first, then names starting
-- with it, then the rest, each in the index's order; the first 20.
SELECT $CONTACT_COLS
FROM search_state s JOIN contacts c ON c.id = s.contact_id
WHERE c.archived = 0 AND instr(s.name, '$NAME') > 0
ORDER BY CASE WHEN c.name = '$NAME' THEN 0 WHEN instr(c.name, '$NAME') = 1 THEN 1 ELSE 2 END,
         s.sort_key LIMIT 20;
EOF
cat >"$WORK/search-note.sql" <<EOF
-- Active contacts whose notes or timeline hold the word, in the index's order, the first 20.
WITH hit (id) AS (
  SELECT id FROM contacts WHERE instr(notes, '$NOTE') > 0
  UNION SELECT contact_id FROM interactions WHERE instr(body, '$NOTE') > 0)
SELECT $CONTACT_COLS
FROM hit JOIN contacts c ON c.id = hit.id JOIN search_state s ON s.contact_id = c.id
WHERE c.archived = 0
ORDER BY s.sort_key LIMIT 20;
EOF
cat >"$WORK/list.sql" <<EOF
-- What list --stage pitch shows: active contacts in the stage, by id, with their tags.
SELECT $CONTACT_COLS
FROM contacts c WHERE c.archived = 0 AND c.stage = 'pitch' ORDER BY c.id;
EOF

# --- The commands ----------------------------------------------------------------------------

# A word quoted for both bash and hyperfine's -N parser (POSIX shell words).
q() {
    if [[ $1 =~ ^[A-Za-z0-9_./:=+@%,-]+$ ]]; then
        printf '%s' "$1"
    else
        printf "'%s'" "${1//\'/\'\\\'\'}"
    fi
}
cmdline() {
    local out="" w
    for w in "$@"; do out+="${out:+ }$(q "$w")"; done
    printf '%s' "$out"
}

TASK=(task rc.confirmation=off rc.verbose=nothing rc.color=off rc.hooks=off)
KHARD=(khard -c "$WORK/khard.conf")
# case|label|tool|command
CASES=(
    "floor|floor|sqlite3|$(cmdline sqlite3 -readonly "$BOOK" 'select 1')"
    "agenda|agenda|salesbook|$(cmdline "$BIN" --db "$BOOK" agenda --format json)"
    "agenda|agenda-task|task|$(cmdline "${TASK[@]}" next)"
    "agenda|agenda-sql|sqlite3|$(cmdline sqlite3 -readonly -json "$BOOK" ".read $WORK/agenda.sql")"
    "search name|name|salesbook|$(cmdline "$BIN" --db "$BOOK" search "$NAME" --format json)"
    "search name|name-khard|khard|$(cmdline "${KHARD[@]}" list "$NAME")"
    "search name|name-sql|sqlite3|$(cmdline sqlite3 -readonly -json "$BOOK" ".read $WORK/search-name.sql")"
    "search note|note|salesbook|$(cmdline "$BIN" --db "$BOOK" search "$NOTE" --format json)"
    "search note|note-khard|khard|$(cmdline "${KHARD[@]}" list "$NOTE")"
    "search note|note-sql|sqlite3|$(cmdline sqlite3 -readonly -json "$BOOK" ".read $WORK/search-note.sql")"
    "list pitch|list|salesbook|$(cmdline "$BIN" --db "$BOOK" list --stage pitch --format json)"
    "list pitch|list-sql|sqlite3|$(cmdline sqlite3 -readonly -json "$BOOK" ".read $WORK/list.sql")"
)
field() { cut -d'|' -f"$2" <<<"$1"; }
declare -A CMD CASE_OF TOOL ROWS SAME MEM
LABELS=()
for c in "${CASES[@]}"; do
    l=$(field "$c" 2)
    LABELS+=("$l")
    CASE_OF[$l]=$(field "$c" 1)
    TOOL[$l]=$(field "$c" 3)
    CMD[$l]=$(field "$c" 4-)
done

# Each command once, untimed: it must succeed, and what it prints is counted and compared.
# Under /usr/bin/time -v when there is one, for its peak memory (maximum resident set size).
mkdir -p "$WORK/out"
TIME_V=()
[[ -x /usr/bin/time ]] && TIME_V=(/usr/bin/time -v)
for l in "${LABELS[@]}"; do
    TIME_OUT=$WORK/out/$l.time
    if ((${#TIME_V[@]})); then
        eval "${TIME_V[*]} -o \"\$TIME_OUT\" ${CMD[$l]}" >"$WORK/out/$l" 2>"$WORK/out/$l.err"
    else
        eval "${CMD[$l]}" >"$WORK/out/$l" 2>"$WORK/out/$l.err"
    fi || die "$l failed: ${CMD[$l]}: $(head -c 500 "$WORK/out/$l.err")"
    MEM[$l]=$(awk -F': *' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' \
        "$TIME_OUT" 2>/dev/null || true)
done
ids() { # the ids a JSON array of rows holds, one a line
    sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM json_each(readfile('$1'))"
}
same() { # how many of salesbook's rows the sqlite3 query returns too: "k/n"
    local a=$1 b=$2 key=$3
    printf '%s/%s' "$(grep -cxFf <(ids "$WORK/out/$a" "$key") <(ids "$WORK/out/$b" "$key") || true)" \
        "$(json_len "$WORK/out/$a")"
}
for l in "${LABELS[@]}"; do
    case ${TOOL[$l]}:$l in
    task:*) ROWS[$l]=$(grep -c '^ *[0-9]' "$WORK/out/$l" || true) ;;
    khard:*) ROWS[$l]=$(grep -c '^[0-9]' "$WORK/out/$l" || true) ;;
    *:floor) ROWS[$l]=1 ;;
    *) ROWS[$l]=$(json_len "$WORK/out/$l") ;;
    esac
done
SAME[agenda-sql]=$(same agenda agenda-sql followup_id)
SAME[name-sql]=$(same name name-sql id)
SAME[note-sql]=$(same note note-sql id)
SAME[list-sql]=$(same list list-sql id)
for l in name note; do
    ((ROWS[$l] > 0)) || die "salesbook search finds nothing for '$l': nothing to time"
    ((ROWS[$l-khard] > 0)) || die "khard finds nothing for '$l': nothing to time"
done


# --- Timing ----------------------------------------------------------------------------------

SAMPLES=$WORK/samples.tsv
: >"$SAMPLES"
log "timing ${#LABELS[@]} commands: $ROUNDS rounds × $RUNS runs, $WARMUP warm-up runs first ($TIMER)…"
LOAD_BEFORE=$(loadavg)
for ((r = 0; r < ROUNDS; r++)); do
    order=("${LABELS[@]}")
    if ((r % 2)); then
        order=()
        for ((i = ${#LABELS[@]} - 1; i >= 0; i--)); do order+=("${LABELS[i]}"); done
    fi
    warm=0
    ((r == 0)) && warm=$WARMUP
    if [[ $TIMER == hyperfine ]]; then
        args=()
        for l in "${order[@]}"; do args+=(-n "$l" "${CMD[$l]}"); done
        hyperfine -N --style none --warmup "$warm" --runs "$RUNS" \
            --export-json "$WORK/round-$r.json" "${args[@]}" >/dev/null
        sqlite3 :memory: "SELECT json_extract(r.value, '\$.command'), t.value
                          FROM json_each(readfile('$WORK/round-$r.json'), '\$.results') r,
                               json_each(r.value, '\$.times') t" |
            tr '|' '\t' >>"$SAMPLES"
    else
        for l in "${order[@]}"; do
            for ((i = 0; i < warm; i++)); do eval "${CMD[$l]}" >/dev/null 2>&1; done
            for ((i = 0; i < RUNS; i++)); do
                t0=$EPOCHREALTIME
                eval "${CMD[$l]}" >/dev/null 2>&1
                t1=$EPOCHREALTIME
                printf '%s\t%s\n' "$l" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')" \
                    >>"$SAMPLES"
            done
        done
    fi
    log "round $((r + 1))/$ROUNDS done (load $(loadavg))"
done
LOAD_AFTER=$(loadavg)

declare -A MED MIN MAX COUNT
while IFS=$'\t' read -r l n med lo hi; do
    COUNT[$l]=$n MED[$l]=$med MIN[$l]=$lo MAX[$l]=$hi
done < <(sort -t$'\t' -k1,1 -k2,2g "$SAMPLES" | awk -F'\t' '
    function flush() {
        if (n) {
            med = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            printf "%s\t%d\t%.6f\t%.6f\t%.6f\n", cur, n, med, v[1], v[n]
        }
    }
    $1 != cur { flush(); cur = $1; n = 0 }
    { v[++n] = $2 }
    END { flush() }')

# --- Report ----------------------------------------------------------------------------------

ms() { awk -v s="$1" 'BEGIN { v = s * 1000; printf(v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf(r < 10 ? "%.2f" : r < 100 ? "%.1f" : "%.0f", r) }'; }
fmt_int() { printf '%d' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

SALESBOOK_VERSION=$("$BIN" --version | awk '{ print $NF }')
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && ! git -C "$REPO" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null; then
    COMMIT+=" (src/ modified)"
fi
CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
NPROC=$(nproc)
HYPERFINE_VERSION=$(command -v hyperfine >/dev/null && hyperfine --version | awk '{ print $2 }' || echo "not installed")
busy=$(awk -v a="${LOAD_BEFORE%% *}" -v b="${LOAD_AFTER%% *}" -v n="$NPROC" \
    'BEGIN { print (a > n || b > n) ? 1 : 0 }')

report() {
    local l c sb peer floor=${MED[floor]}
    echo "## Peers (scripts/bench-peers.sh)"
    echo
    echo "Whole commands, spawn to exit, on the same data, timed side by side in one run by"
    echo "\`scripts/bench-peers.sh\`: salesbook against taskwarrior (\`task next\`) and khard"
    echo "(\`khard list\`), each against the sqlite3 shell running a query that returns the same"
    echo "rows, and everything against \`sqlite3 BOOK 'select 1'\`, the floor of a process that"
    echo "opens the book."
    echo
    echo "### How to run"
    echo
    echo '```sh'
    echo "scripts/bench-peers.sh --quick          # 2,000 contacts, 3 runs each: checks it works"
    echo "scripts/bench-peers.sh                  # 100,000 contacts; prints this section"
    echo "scripts/bench-peers.sh --write          # … and replaces it in BENCHMARKS.md"
    echo '```'
    echo
    echo "It builds salesbook (\`cargo build --release\`, or \`--bin PATH\`), installs taskwarrior,"
    echo "khard, hyperfine and sqlite3 with apt-get when missing (sudo only when not root), and"
    echo "works in a temporary directory with its own HOME and XDG directories. Settings:"
    echo "\`BENCH_CONTACTS\`, \`BENCH_ROUNDS\`, \`BENCH_RUNS\`, \`BENCH_WARMUP\`, \`BENCH_NOW\`,"
    echo "\`BENCH_NOTE\`, \`BENCH_DIR\`, \`BENCH_KEEP\`, \`BENCH_TIMER=loop\` (see the script's header)."
    echo
    echo "### Method"
    echo
    echo "- **Data.** \`salesbook demo --contacts $N --interactions $((10 * N))\` with the clock"
    echo "  pinned at the start of the run (\`SALESBOOK_NOW=$SALESBOOK_NOW\`; taskwarrior has no"
    echo "  clock of its own to pin, so both follow the real one). The book is $BOOK_MIB MiB; the"
    echo "  demo took ${DEMO_SECS} s$( ((REUSED)) && echo ' (in the run that made it)')."
    echo "- **taskwarrior** gets every open follow-up of an active contact ($(fmt_int "$OPEN_FOLLOWUPS"))"
    echo "  as a task, straight from the book with sqlite3 (\`json_group_array\`) and one"
    echo "  \`task import\` (${IMPORT_SECS} s): description \"name：action\", due, project = stage, tags"
    echo "  = track and grade, and a plan that starts later (a wake-up after dormancy) waits"
    echo "  until then (\`wait\`) while one abandoned at a time ends then (\`until\`), as the agenda"
    echo "  reads them. Taskwarrior holds $(fmt_int "$TASKS_PENDING") pending and $(fmt_int "$TASKS_WAITING") waiting tasks."
    echo "  It runs with a private \`TASKRC\` and \`TASKDATA\` and \`${TASK[*]:1}\`;"
    echo "  \`task next\` scores every pending task and prints one page of the most urgent (with no"
    echo "  terminal, its default height)."
    echo "- **khard** gets \`salesbook export --format vcard\` split into one \`.vcf\` per contact"
    echo "  ($(fmt_int "$VCARDS") cards) in a vdir address book with a private config. The export"
    echo "  writes no \`UID\` and khard skips cards without one, so the split adds one per card."
    echo "  \`khard list\` searches every field of every card (notes too) and prints all matches."
    echo "- **sqlite3** is Debian's shell, $(sqlite3 --version | cut -d' ' -f1), read-only. It cannot read"
    echo "  the book's full-text tables (FTS5's \`contentless_delete\` needs 3.43), so its search"
    echo "  queries read plain tables: the name by scanning search_state's copy of every name,"
    echo "  the note word by scanning notes and timeline entries. salesbook (SQLite 3.54,"
    echo "  bundled) uses its full-text indexes."
    echo "- **Queries.** The name is the book's most common three-character name among active"
    echo "  contacts, **$NAME**; the note word is **$NOTE**."
    echo "- **Timing.** $ROUNDS interleaved rounds of $RUNS timed run(s) of every command, the order"
    echo "  reversed every other round, after $WARMUP warm-up run(s) of each; $(
        if [[ $TIMER == hyperfine ]]; then
            echo "one \`hyperfine -N\`"
            echo "  invocation per round (no shell in between), output to /dev/null."
        else
            echo "the script's own"
            echo "  loop (hyperfine missing or \`BENCH_TIMER=loop\`): bash's EPOCHREALTIME around each run."
        fi
    )"
    echo "  Medians, minima and maxima are over all timed runs of a command. Peak memory is"
    echo "  the maximum resident set size of a first, untimed run under \`/usr/bin/time -v\`,"
    echo "  whose output is also what \"rows\" counts."
    echo
    echo "### Results — $(date +%F), commit $COMMIT, $N contacts"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| machine | $NPROC cores (\`nproc\`), $CPU, $(uname -sr) |"
    echo "| load average (1, 5, 15 min) | $LOAD_START at the start, $LOAD_BEFORE before timing, $LOAD_AFTER after |"
    echo "| versions | salesbook $SALESBOOK_VERSION, task $(task --version), $(khard --version | sed 's/^Khard version/khard/'), sqlite3 $(sqlite3 --version | cut -d' ' -f1), hyperfine $HYPERFINE_VERSION |"
    echo "| data | $(fmt_int "$N") contacts, $(fmt_int $((10 * N))) interactions; $(fmt_int "$OPEN_FOLLOWUPS") tasks; $(fmt_int "$VCARDS") vCards |"
    echo
    if ((busy)); then
        echo "**The machine was busy:** the load average was above its $NPROC cores before or after"
        echo "the timing, so every figure includes time spent waiting for a core. Ratios taken"
        echo "in the same run hold better than the absolute times."
        echo
    fi
    echo "\"× floor\": the median over the floor's median. \"× query\": over the median of the"
    echo "sqlite3 query returning the same rows. \"× salesbook\": over salesbook's median for the"
    echo "same case (above 1: slower than salesbook). \"rows\": what the command printed (items,"
    echo "task or table lines); for sqlite3, how many of salesbook's rows it returned too."
    echo
    echo "| case | command | rows | runs | median ms | min ms | max ms | × floor | × query | × salesbook | peak MiB |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for l in "${LABELS[@]}"; do
        c=${CASE_OF[$l]}
        sb="" peer=""
        case $l in
        floor) ;;
        *) sb=${l%%-*} peer=$sb-sql ;;
        esac
        local shown=${ROWS[$l]}
        [[ -n ${SAME[$l]:-} ]] && shown="${ROWS[$l]} (${SAME[$l]} same)"
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
            "$c" "$(label_text "$l")" "$shown" "${COUNT[$l]}" \
            "$(ms "${MED[$l]}")" "$(ms "${MIN[$l]}")" "$(ms "${MAX[$l]}")" \
            "$(ratio "${MED[$l]}" "$floor")" \
            "$([[ -n $peer ]] && ratio "${MED[$l]}" "${MED[$peer]}" || echo)" \
            "$([[ -n $sb ]] && ratio "${MED[$l]}" "${MED[$sb]}" || echo)" \
            "${MEM[$l]:-}"
    done
    echo
    targets
    echo "### The exact commands"
    echo
    echo "\`\$W\` is the work directory. Every command runs with \`HOME=\$W/home\`, the XDG"
    echo "directories under it, \`TASKRC=\$W/taskrc\`, \`TASKDATA=\$W/task\`,"
    echo "\`SALESBOOK_NOW=$SALESBOOK_NOW\` and \`LC_ALL=C.UTF-8\`; \`salesbook\` is the release build."
    echo
    echo '```sh'
    for l in "${LABELS[@]}"; do
        printf '%-11s %s\n' "$l:" "$(sed -e "s#$WORK#\$W#g" -e "s#$BIN#salesbook#g" <<<"${CMD[$l]}")"
    done
    echo '```'
    echo
    for f in agenda search-name search-note list; do
        echo "\`\$W/$f.sql\`:"
        echo
        echo '```sql'
        cat "$WORK/$f.sql"
        echo '```'
        echo
    done
}
# The speed targets of the issue "Safe output, complete search, and speed within 3× of the
# floor", read off this run.
targets() {
    local f=${MED[floor]}
    echo "Against the speed targets (issue \"Safe output, complete search, and speed within 3× of"
    echo "the floor\"), from the medians above:"
    echo
    echo "| target | this run | met |"
    echo "|---|--:|---|"
    target_row "agenda ≤ 3× floor" "$(ratio "${MED[agenda]}" "$f")×" "${MED[agenda]} <= 3 * $f"
    target_row "\`task next\` ≥ 300× agenda" "$(ratio "${MED[agenda-task]}" "${MED[agenda]}")×" \
        "${MED[agenda-task]} >= 300 * ${MED[agenda]}"
    target_row "search (name) ≤ 3× floor" "$(ratio "${MED[name]}" "$f")×" "${MED[name]} <= 3 * $f"
    target_row "search (note word) ≤ 3× floor" "$(ratio "${MED[note]}" "$f")×" "${MED[note]} <= 3 * $f"
    target_row "list ≤ 1.5× \`sqlite3 -json\`" "$(ratio "${MED[list]}" "${MED[list-sql]}")×" \
        "${MED[list]} <= 1.5 * ${MED[list-sql]}"
    if [[ -n ${MEM[list]:-} ]]; then
        echo "| list memory flat | ${MEM[list]} MiB for $(fmt_int "${ROWS[list]}") rows | see peak MiB |"
    fi
    if ((REUSED == 0)); then
        target_row "demo of $(fmt_int "$N") contacts ≤ 10 s" "$DEMO_SECS s" "$DEMO_SECS <= 10"
    fi
    echo
}
target_row() {
    local met
    met=$(awk "BEGIN { print ($3) ? \"yes\" : \"no\" }")
    echo "| $1 | $2 | $met |"
}
label_text() {
    case $1 in
    floor) echo "\`sqlite3 BOOK 'select 1'\`" ;;
    agenda) echo "\`salesbook agenda --format json\`" ;;
    agenda-task) echo "\`task next\`" ;;
    name) echo "\`salesbook search $NAME --format json\`" ;;
    name-khard) echo "\`khard list $NAME\`" ;;
    note) echo "\`salesbook search $NOTE --format json\`" ;;
    note-khard) echo "\`khard list $NOTE\`" ;;
    list) echo "\`salesbook list --stage pitch --format json\`" ;;
    *-sql) echo "\`sqlite3 -json\` query" ;;
    esac
}

SECTION=$WORK/section.md
report >"$SECTION"
cat "$SECTION"

if ((WRITE)); then
    target=$REPO/BENCHMARKS.md
    heading="## Peers (scripts/bench-peers.sh)"
    tmp=$(mktemp "$REPO/.BENCHMARKS.md.XXXXXX")
    if grep -qxF "$heading" "$target"; then
        # Replace from the heading to the next second-level heading (or the end).
        awk -v heading="$heading" -v section="$SECTION" '
            $0 == heading { while ((getline line < section) > 0) print line; skip = 1; next }
            skip && /^## / { skip = 0 }
            !skip { print }' "$target" >"$tmp"
    else
        { cat "$target" && echo && cat "$SECTION"; } >"$tmp"
    fi
    # No blank line run at the end of the file.
    sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$tmp"
    mv "$tmp" "$target"
    log "wrote the section into $target"
fi
