#!/bin/bash
# Measures rasad watch against the test outlet server playing the shared
# news corpora (no outside traffic). Figures go in watch/RESULTS.md.
#
#   watch/bench.sh scaling   # articles/s, 1, 2, 4 workers, SQLite and PostgreSQL
#   watch/bench.sh full      # every article of both corpora, SQLite: rate and memory over the run
#
# Needs ../shared/data and PostgreSQL's programs (/usr/lib/postgresql/*/bin);
# everything runs under nice, in $WORK (default /tmp/rasad-watch-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/rasad-watch-bench}
DATA=${DATA:-../shared/data}
EVERY=${EVERY:-30} # the scaling runs take every EVERYth article of the Saudi corpus
mkdir -p "$WORK"
go build -o "$WORK/rasad" ./cmd/rasad
go build -o "$WORK/outletserver" ./internal/outlettest/outletserver

start_outlets() { # corpus files...
	local args=()
	for c in "$@"; do args+=(-corpus "$c"); done
	nice "$WORK/outletserver" -addr 127.0.0.1:0 -feed rss "${args[@]}" >"$WORK/feeds.txt" 2>"$WORK/outlets.log" &
	OUTLETS=$!
	for _ in $(seq 100); do [ -s "$WORK/feeds.txt" ] && grep -q pages "$WORK/outlets.log" && break; sleep 0.2; done
	FEEDS=$(cat "$WORK/feeds.txt")
}

start_postgres() {
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
	rm -rf "$WORK/pg" && mkdir -p "$WORK/pg"
	local run=()
	if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pg"; run=(runuser -u postgres --); fi
	"${run[@]}" "$bin/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
	"${run[@]}" "$bin/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
		-o "-c listen_addresses='' -c unix_socket_directories=$WORK/pg" start >/dev/null
	PGSTOP=("${run[@]}" "$bin/pg_ctl" -D "$WORK/pg/data" -m fast -w stop)
	PGNEW=("${run[@]}" "$bin/createdb" -h "$WORK/pg" -U postgres)
}

# run DB WORKERS: one watch --once; prints stored articles, seconds between
# "watch started" and "watch stopped", articles/s and peak RSS (MB).
run() {
	local db=$1 workers=$2 log="$WORK/run.log"
	/usr/bin/time -f '%M' -o "$WORK/rss" nice "$WORK/rasad" watch --once --db "$db" --workers "$workers" \
		--delay 0 --log-format json $FEEDS 2>"$log" >/dev/null
	python3 - "$log" "$workers" "$(cat "$WORK/rss")" <<'EOF'
import json, sys, datetime
t = {}
stored = 0
for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    if r["msg"] in ("watch started", "watch stopped"):
        t[r["msg"]] = datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00"))
        stored = r.get("stored", stored)
secs = (t["watch stopped"] - t["watch started"]).total_seconds()
print(f"workers {sys.argv[2]}: {stored} articles in {secs:.1f} s = {stored/secs:.1f} articles/s, peak RSS {int(sys.argv[3])/1024:.0f} MB")
EOF
}

case ${1:-scaling} in
scaling)
	zcat "$DATA/news-saudinewsnet/articles.jsonl.gz" | awk -v n="$EVERY" 'NR % n == 0' >"$WORK/subset.jsonl"
	echo "$(wc -l <"$WORK/subset.jsonl") articles; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	start_outlets "$WORK/subset.jsonl"
	trap 'kill $OUTLETS 2>/dev/null || true; [ -n "${PGSTOP:-}" ] && "${PGSTOP[@]}" >/dev/null || true' EXIT
	for w in 1 2 4; do
		rm -f "$WORK"/s.db*
		echo -n "sqlite   " && run "$WORK/s.db" $w
	done
	start_postgres
	for w in 1 2 4; do
		"${PGNEW[@]}" "b$w"
		echo -n "postgres " && run "postgres://postgres@/b$w?host=$WORK/pg&sslmode=disable" $w
	done
	;;
full)
	start_outlets "$DATA/news-egypt2013/articles.jsonl.gz" "$DATA/news-saudinewsnet/articles.jsonl.gz"
	trap 'kill $OUTLETS 2>/dev/null || true' EXIT
	rm -f "$WORK"/full.db*
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	nice "$WORK/rasad" watch --once --db "$WORK/full.db" --workers 2 --delay 0 --log-format json $FEEDS \
		2>"$WORK/full.log" >/dev/null &
	WATCH=$!
	# Memory every 10 s.
	while kill -0 $WATCH 2>/dev/null; do
		echo "$(date +%s) $(awk '/VmRSS/ {print $2}' /proc/$WATCH/status 2>/dev/null)" >>"$WORK/full.rss"
		sleep 10
	done
	wait $WATCH
	echo "RSS (MB) over the run, every 10 s:"
	awk '$2 != "" {printf "%d ", $2/1024} END {print ""}' "$WORK/full.rss"
	# Rate of each successive 1,000 stored articles, from the queue.
	python3 - "$WORK/full.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
t = [r[0] for r in db.execute("SELECT updated_at FROM watch_urls WHERE state = 'stored' ORDER BY updated_at")]
print(f"{len(t)} articles stored; rate of each 1,000 (articles/s):")
print(" ".join(f"{1000 / max((t[i + 999] - t[i]) / 1000, 1e-3):.0f}" for i in range(0, len(t) - 999, 1000)))
lat = sorted(r[0] for r in db.execute("SELECT updated_at - discovered_at FROM watch_urls WHERE state = 'stored'"))
print(f"queued -> stored: p50 {lat[len(lat)//2]/1000:.0f} s, p95 {lat[len(lat)*95//100]/1000:.0f} s (a backlog: everything is queued at the start)")
print(dict(db.execute("SELECT state, COUNT(*) FROM watch_urls GROUP BY state").fetchall()))
EOF
	;;
esac
