#!/usr/bin/env bash
# Analyse every shared input (mocap, sample videos, phone clips) with a release build and keep each
# output folder under OUTDIR/<name>/, plus the terminal summary (summary.txt) and exit status (status).
# For refactors that must not change a number: snapshot before, snapshot after, then
#   diff -r BEFORE AFTER   (report.html/player.js are byte-compared too; video copies are skipped).
# Usage: scripts/snapshot-outputs.sh OUTDIR [POSERUN_BINARY]
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: snapshot-outputs.sh OUTDIR [POSERUN_BINARY]}
bin=${2:-.build/release/poserun}
data=../shared/data
[[ -d $data ]] || { echo "snapshot-outputs.sh: $data is absent" >&2; exit 1; }
mkdir -p "$out"
run() {  # name, then poserun analyze arguments
    local name=$1; shift
    rm -rf "$out/$name/out"; mkdir -p "$out/$name"
    "$bin" analyze "$@" --out "$out/$name/out" </dev/null >"$out/$name/summary.txt" 2>"$out/$name/stderr.txt"
    echo $? >"$out/$name/status"
    rm -f "$out/$name/out/video.mp4" "$out/$name/out/video.webm"
    echo "$name: $(cat "$out/$name/status")"
}
for f in "$data"/mocap/*/*.trc "$data"/mocap/*/*.c3d "$data"/video/*.mp4 "$data"/video-dev/labelled/*/*.mp4 \
         "$data"/video-dev/treadmill/*.mp4; do
    run "$(basename "${f%.*}")-$(basename "${f##*.}")" "$f"
done
# The synthetic runners (metres via --height), then compare and plan on some of the analyses above.
for preset in pose heel-striker walker; do
    mkdir -p "$out/synthetic-$preset"
    "$bin" synthetic "$out/synthetic-$preset/keypoints.json" --preset "$preset" --realistic >/dev/null
    run "synthetic-$preset" "$out/synthetic-$preset/keypoints.json" --height 1.75
done
compare() {
    local name=$1; shift
    rm -rf "$out/$name"; mkdir -p "$out/$name"
    "$bin" compare "$@" --out "$out/$name/out" </dev/null >"$out/$name/summary.txt" 2>"$out/$name/stderr.txt"
    echo $? >"$out/$name/status"; echo "$name: $(cat "$out/$name/status")"
}
compare compare-overstride "$out/Overstride_2_flipped-mp4/out" "$out/Overstride_3_flipped-mp4/out"
compare compare-hamner "$out/run200-trc/out" "$out/run300-trc/out"
for a in run300-trc F_Running_6-mp4 Overstride_2_flipped-mp4 synthetic-heel-striker; do
    rm -rf "$out/plan-$a"; mkdir -p "$out/plan-$a"
    "$bin" plan "$out/$a/out" --start 2026-12-07 --out "$out/plan-$a/out" </dev/null >"$out/plan-$a/summary.txt" 2>"$out/plan-$a/stderr.txt"
    echo $? >"$out/plan-$a/status"; echo "plan-$a: $(cat "$out/plan-$a/status")"
done
