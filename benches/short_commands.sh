#!/usr/bin/env bash
# Short read commands, whole process, against the sqlite3 shell's `select 1` on the same
# book, for one or more salesbook builds side by side (see "What a short command pays" in
# BENCHMARKS.md).
#
# Usage: benches/short_commands.sh BOOK ROUNDS BIN[@COPY]...
#   e.g. benches/short_commands.sh target/bench-book-100k.sqlite 10 old/salesbook \
#        target/release/salesbook
# A build given as BIN@COPY reads COPY instead of BOOK: a copy of the same book at another
# schema version (a build refuses a book newer than it knows, and reads an older one as is).
#
# Each round is one `hyperfine -N` invocation timing every command of every build 5 times
# (after one warm-up run), the order reversed every other round, so that the machine's load
# falls on all of them alike. Prints one Markdown row per command: the median and minimum
# of all its runs in ms, and the median over the floor's median. The clock is pinned
# (SALESBOOK_NOW), HOME and XDG directories are private, output goes to /dev/null.

set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '2,15p' "$0" >&2
    exit 2
fi
BOOK=$(realpath "$1")
ROUNDS=$2
shift 2
for tool in hyperfine sqlite3 python3; do
    command -v "$tool" >/dev/null || {
        echo "short_commands: needs $tool" >&2
        exit 2
    }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
export SALESBOOK_NOW=${SALESBOOK_NOW:-2026-11-23T09:00:00+08:00} LC_ALL=C.UTF-8 USER=bench
unset SALESBOOK_DB
mkdir -p "$XDG_CONFIG_HOME/salesbook"
# `script` signs with the rep's name: it refuses to run without one.
printf '[me]\nname = "小王"\n' >"$XDG_CONFIG_HOME/salesbook/config.toml"

# A contact in the middle of the book, and the book's most common three-character name.
ID=$(sqlite3 -readonly "$BOOK" "SELECT id FROM contacts WHERE archived = 0 LIMIT 1 OFFSET (SELECT count(*) / 2 FROM contacts WHERE archived = 0)")
NAME=$(sqlite3 -readonly "$BOOK" "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 3 GROUP BY name ORDER BY count(*) DESC, name LIMIT 1")

CMDS=("sqlite3 -readonly $BOOK 'select 1'")
for arg in "$@"; do
    bin=$(realpath "${arg%%@*}")
    book=$BOOK
    [[ $arg == *@* ]] && book=$(realpath "${arg#*@}")
    CMDS+=(
        "$bin --version"
        "$bin --db $book search $NAME --format json"
        "$bin --db $book search 晚上八点 --format json"
        "$bin --db $book search 朋友圈 --format json"
        "$bin --db $book search smh --format json"
        "$bin --db $book show $ID --format json"
        "$bin --db $book script $ID --format json"
        "$bin --db $book agenda --format json"
    )
done

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((r = 0; r < ROUNDS; r++)); do
    order=("${CMDS[@]}")
    if ((r % 2 == 1)); then
        order=()
        for ((i = ${#CMDS[@]} - 1; i >= 0; i--)); do order+=("${CMDS[i]}"); done
    fi
    # hyperfine's warnings (outliers, a slow first run) would bury the table: shown only
    # when it fails.
    if ! hyperfine -N -w 1 -r 5 --export-json "$WORK/round-$r.json" "${order[@]}" \
        >/dev/null 2>"$WORK/hyperfine.err"; then
        cat "$WORK/hyperfine.err" >&2
        exit 1
    fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$WORK" "${CMDS[@]}" <<'EOF'
import json, glob, statistics, sys
work, cmds = sys.argv[1], sys.argv[2:]
times = {c: [] for c in cmds}
for path in glob.glob(work + "/round-*.json"):
    for res in json.load(open(path))["results"]:
        times[res["command"]].extend(res["times"])
floor = statistics.median(times[cmds[0]])
print("| command | runs | median ms | min ms | × floor |")
print("|---|--:|--:|--:|--:|")
for c in cmds:
    t = times[c]
    m = statistics.median(t)
    print(f"| `{c}` | {len(t)} | {m * 1000:.2f} | {min(t) * 1000:.2f} | {m / floor:.2f} |")
EOF
