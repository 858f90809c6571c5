#!/usr/bin/env bash
# Load test of the coach's web app on loopback: CONNECTIONS concurrent page loads (wrk) and UPLOADERS
# uploaders sending sessions back to back, for DURATION seconds, against a real `poserun serve` with its
# own worker. Then it waits for the queue to drain and prints requests per second, p50/p99 latency, the
# errors, uploads accepted and jobs completed. Fails on any error or lost job.
#
#   scripts/load-test.sh                 # 50 connections + 4 uploaders for 60 s, release build
#   DURATION=10 scripts/load-test.sh     # a quick look
#   BIN=.build/debug/poserun scripts/load-test.sh
#
# A benchmark: run it with nothing else running (the machine has two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-60}"
CONNECTIONS="${CONNECTIONS:-50}"
UPLOADERS="${UPLOADERS:-4}"
# How long the queue may take to drain after the load stops.
DRAIN_SECONDS="${DRAIN_SECONDS:-900}"
BIN="${BIN:-.build/release/poserun}"
log() { printf 'load-test: %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null; then
    log "installing wrk (Debian)"
    apt-get install -y -qq wrk >/dev/null || { log "wrk could not be installed: apt-get install wrk"; exit 2; }
fi
if [[ ! -x "$BIN" ]]; then
    log "building $BIN"
    swift build -c release --product poserun >/dev/null
fi

work="$(mktemp -d /tmp/poserun-load-XXXXXX)"
server=""
cleanup() {
    [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

password="$("$BIN" serve --data "$work/data" --create-coach load | tail -n 1)"
port=$((20000 + RANDOM % 20000))
"$BIN" serve --data "$work/data" --port "$port" >"$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    curl -s -o /dev/null "$base/login" && break
    sleep 0.2
done

jar="$work/cookies"
token_of() { grep -o 'name="csrf" value="[0-9a-f]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'; }
curl -s -c "$jar" -b "$jar" -o "$work/login.html" "$base/login"
status="$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "csrf=$(token_of "$work/login.html")" --data-urlencode "username=load" --data-urlencode "password=$password" "$base/login")"
[[ "$status" == 303 ]] || { log "sign-in answered $status"; exit 1; }
session_cookie="$(awk '$6 == "poserun_session" { print $7 }' "$jar")"
curl -s -b "$jar" -o "$work/athletes.html" "$base/athletes"
csrf="$(token_of "$work/athletes.html")"
curl -s -b "$jar" -o /dev/null --data "csrf=$csrf&name=Load&height_m=1.75&experience=beginner" "$base/athletes"
"$BIN" synthetic "$work/runner.json" --seconds 6 >/dev/null
# One session to load its page.
curl -s -b "$jar" -o /dev/null -F "csrf=$csrf" -F date=2026-12-01 -F footwear=shoes -F "file=@$work/runner.json" "$base/athletes/1/sessions"

cat >"$work/pages.lua" <<LUA
-- The pages a coach loads, in turn: the athletes, one athlete, one session, the stylesheet.
local paths = { "/athletes", "/athletes/1", "/sessions/1", "/static/app.css" }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Cookie"] = "poserun_session=$session_cookie" })
end
LUA

end_time=$(( $(date +%s) + DURATION ))
uploader() {
    local out="$work/uploads-$1.txt"
    : >"$out"
    while (( $(date +%s) < end_time )); do
        curl -s -b "$jar" -o /dev/null -w '%{http_code}\n' -F "csrf=$csrf" -F date=2026-12-01 -F footwear=shoes \
            -F "note=uploader $1" -F "file=@$work/runner.json" "$base/athletes/1/sessions" >>"$out" || echo "curl-error" >>"$out"
    done
}
log "$CONNECTIONS connections and $UPLOADERS uploaders for $DURATION s on $base"
pids=()
for u in $(seq 1 "$UPLOADERS"); do uploader "$u" & pids+=($!); done
wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$work/pages.lua" "$base" >"$work/wrk.txt"
for p in "${pids[@]}"; do wait "$p"; done

accepted=$(cat "$work"/uploads-*.txt | grep -c '^303$' || true)
refused=$(cat "$work"/uploads-*.txt | grep -vc '^303$' || true)
log "load over; waiting for the queue to drain (at most $DRAIN_SECONDS s)"
drain_start=$(date +%s)
while :; do
    curl -s -b "$jar" -o "$work/athlete.html" "$base/athletes/1"
    waiting=$(grep -Eo 'class="status (queued|analysing)"' "$work/athlete.html" | wc -l || true)
    (( waiting == 0 )) && break
    (( $(date +%s) - drain_start > DRAIN_SECONDS )) && { log "the queue did not drain: $waiting waiting"; break; }
    sleep 2
done
drain=$(( $(date +%s) - drain_start ))
analysed=$(grep -Eo 'class="status analysed"' "$work/athlete.html" | wc -l || true)
failed=$(grep -Eo 'class="status (failed|no-analysis)"' "$work/athlete.html" | wc -l || true)
sessions=$(grep -Eo '<a href="/sessions/[0-9]+">' "$work/athlete.html" | wc -l || true)

rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")
p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")
p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$work/wrk.txt")
socket=$(awk '/Socket errors/ { print $0 }' "$work/wrk.txt")
echo "page loads: ${requests} in ${DURATION} s, ${rps} requests/s, latency p50 ${p50}, p99 ${p99}; non-2xx: ${non2xx:-0}; ${socket:-no socket errors}"
echo "uploads: ${accepted} accepted, ${refused} refused or broken; sessions: ${sessions} (1 before the load); jobs: ${analysed} analysed, ${failed} failed or not analysed; queue drained in ${drain} s"
ok=1
[[ -n "${non2xx:-}" ]] && ok=0
[[ -n "${socket:-}" ]] && ok=0
(( refused == 0 )) || ok=0
(( sessions == accepted + 1 )) || { log "lost: $((accepted + 1)) sessions uploaded, $sessions listed"; ok=0; }
(( analysed == sessions )) || ok=0
if (( ok )); then echo "load-test: passed"; else echo "load-test: FAILED (server log: see above)"; tail -n 20 "$work/server.log" >&2; exit 1; fi
