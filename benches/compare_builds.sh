#!/usr/bin/env bash
# Two or more salesbook builds side by side on one command, in interleaved rounds (every
# build once a round, in turn), so that a shared machine's load falls on all of them alike
# (see "Reports on book files" in BENCHMARKS.md, where it compared builds before and after).
#
# Usage: benches/compare_builds.sh BOOK ROUNDS BIN... -- ARGS...
#   e.g. benches/compare_builds.sh target/bench-book-100k.sqlite 10 old/salesbook \
#        target/release/salesbook -- report --format json
#
# Each run goes through /usr/bin/time (wall, user and system CPU, peak RSS) with output to
# /dev/null, the clock pinned (SALESBOOK_NOW) and a private HOME/XDG. Prints, per build,
# the median and minimum wall time, the median user and system time and the median peak
# RSS; with SHOW_RUNS=1 every run too.

set -euo pipefail
if [ $# -lt 4 ]; then
    sed -n '2,14p' "$0" >&2
    exit 2
fi
BOOK=$(realpath "$1")
ROUNDS=$2
shift 2
BINS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    BINS+=("$(realpath "$1")")
    shift
done
[ "${1:-}" = "--" ] && shift
if [ ${#BINS[@]} -lt 1 ] || [ $# -lt 1 ]; then
    echo "need BIN... -- ARGS..." >&2
    exit 2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
export SALESBOOK_NOW=${SALESBOOK_NOW:-2026-11-23T09:00:00+08:00} LC_ALL=C.UTF-8 USER=bench
unset SALESBOOK_DB
mkdir -p "$HOME"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for _ in $(seq "$ROUNDS"); do
    for i in "${!BINS[@]}"; do
        /usr/bin/time -f "%e %U %S %M" -a -o "$WORK/runs.$i" \
            "${BINS[$i]}" --db "$BOOK" "$@" >/dev/null 2>"$WORK/err.$i" ||
            { echo "${BINS[$i]} failed:" >&2; cat "$WORK/err.$i" >&2; exit 1; }
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for i in "${!BINS[@]}"; do
    python3 - "${BINS[$i]}" "$WORK/runs.$i" <<'EOF'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[2]) if l[:1].isdigit()]
wall, user, sys_, rss = (sorted(r[k] for r in rows) for k in range(4))
print(f"{sys.argv[1]}: {len(rows)} runs, wall p50 {statistics.median(wall):.3f} s "
      f"(min {wall[0]:.3f}), user p50 {statistics.median(user):.3f} s, "
      f"system p50 {statistics.median(sys_):.3f} s, peak RSS p50 "
      f"{statistics.median(rss) / 1024:.0f} MiB")
EOF
    if [ "${SHOW_RUNS:-0}" = 1 ]; then
        cat "$WORK/runs.$i"
    fi
done
