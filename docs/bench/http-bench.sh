#!/usr/bin/env bash
# The HTTP benchmark of docs/BENCHMARKS.md: POST /api/v1/evaluate (pandu serve) next to the bare
# Vert.x endpoint (bench-http of target/pandu-bench.jar), same rules, same facts, measured in alternating
# rounds so that both see the same machine. Needs wrk (apt-get install -y wrk), target/pandu.jar and
# target/pandu-bench.jar (mvn -B -q -Pbench package -DskipTests builds both).
# Only 127.0.0.1 is targeted. Usage: docs/bench/http-bench.sh [ROUNDS] [SECONDS] [CONNECTIONS]
set -euo pipefail
ROUNDS=${1:-6}; SECONDS_PER_ROUND=${2:-15}; CONNECTIONS=${3:-4}
API_PORT=${API_PORT:-18080}; BARE_PORT=${BARE_PORT:-18181}
JAR=target/pandu.jar; BENCH_JAR=target/pandu-bench.jar; LUA=docs/bench/post-facts.lua
WORK=$(mktemp -d)
cleanup() { kill "$API_PID" "$BARE_PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

PANDU_HOST=127.0.0.1 PANDU_DB_URL="jdbc:h2:file:$WORK/db" PANDU_JWT_SECRET=bench-secret PANDU_RUN_EVERY=off \
  java -jar "$JAR" serve --port "$API_PORT" --demo > "$WORK/api.log" 2>&1 & API_PID=$!
java -jar "$BENCH_JAR" bench-http --port "$BARE_PORT" > "$WORK/bare.log" 2>&1 & BARE_PID=$!
for _ in $(seq 1 180); do
  grep -q "listening" "$WORK/api.log" && grep -q "Bare evaluate" "$WORK/bare.log" && break; sleep 1
done
TOKEN=$(curl -s -X POST "http://127.0.0.1:$API_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"moses.frase","password":"demo"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
export TOKEN

API_URL="http://127.0.0.1:$API_PORT/api/v1/evaluate"; BARE_URL="http://127.0.0.1:$BARE_PORT/evaluate"
run() { wrk -t1 -c"$CONNECTIONS" -d"$2"s -s "$LUA" "$1" | grep RESULT; }
echo "warm-up"; run "$BARE_URL" 20 > /dev/null; TOKEN="$TOKEN" run "$API_URL" 20 > /dev/null
echo "round endpoint requests errors rps p50_ms p99_ms"
for r in $(seq 1 "$ROUNDS"); do
  echo "$r bare $(run "$BARE_URL" "$SECONDS_PER_ROUND" | sed 's/RESULT //; s/[a-z0-9_]*=//g')"
  echo "$r api  $(run "$API_URL" "$SECONDS_PER_ROUND" | sed 's/RESULT //; s/[a-z0-9_]*=//g')"
done
