#!/bin/sh
# The API load runs of api/RESULTS.md against a server on 127.0.0.1:18080
# whose process id is $SERVER (for its CPU time).
R=${RASAD:-rasad}
U=${URL:-http://127.0.0.1:18080}
D=${DURATION:-20s}
C=${CONCURRENCY:-16}
cpu() { awk '{print ($14+$15)/100}' /proc/$SERVER/stat; }
run() {
  a=$(cpu); $R loadtest --url $U --duration $D --concurrency $C "$@"; b=$(cpu)
  echo "server CPU: $(echo "$b - $a" | bc) s"
}
echo "== /api/v1/events without filters (10 pages, offsets 0-450)"
P=""; for o in 0 50 100 150 200 250 300 350 400 450; do P="$P --path /api/v1/events?offset=$o"; done
run $P
echo "== /api/v1/events with filters (10 filters)"
run \
  --path '/api/v1/events?type=ASSAULT' \
  --path '/api/v1/events?type=PROTEST&offset=50' \
  --path '/api/v1/events?type=Battles' \
  --path '/api/v1/events?type=PROTEST,Battles' \
  --path '/api/v1/events?place=%D9%85%D8%B5%D8%B1' \
  --path '/api/v1/events?actor=%D8%A7%D9%84%D8%AC%D9%8A%D8%B4' \
  --path '/api/v1/events?from=2013-07-01&to=2013-07-31' \
  --path '/api/v1/events?type=ASSAULT&place=%D9%85%D8%B5%D8%B1' \
  --path '/api/v1/events?near=30.04,31.23,50' \
  --path '/api/v1/events?type=ASSAULT&from=2013-01-01&to=2013-12-31'
