#!/usr/bin/env bash
# Fuzzes PoseRun's readers and its analysis/report path with libFuzzer (Swift's -sanitize=fuzzer, with the
# address sanitizer and its leak check).
#
#   scripts/fuzz.sh TARGET SECONDS     one target (c3d, trc, keypoints, openpose, analysis, reference-csv,
#                                      labels, marker-map, pipeline)
#   scripts/fuzz.sh all SECONDS        every target, one after the other (what scripts/test.sh runs)
#
# Exit 1 on a finding: a crash, a sanitizer report, a leak, an input slower than 10 s (-timeout) or one
# asking for more than 1 GB at once (-malloc_limit_mb), which is what a header's false frame rate did.
# The crashing input is kept in .build-fuzz/findings/ and printed; replay it in an ordinary build with
# `swift run poserun-fuzz TARGET FILE`. The corpus grows in .build-fuzz/corpus/TARGET between runs; its
# seeds are the shared data's valid files (../shared/data: motion capture and the mutated crash cases of
# bad-inputs/), the repository's eye labels, and a synthetic runner's keypoints and analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET|all SECONDS}"
seconds="${2:?usage: scripts/fuzz.sh TARGET|all SECONDS}"
targets=(c3d trc keypoints openpose analysis reference-csv labels marker-map pipeline)
shared=../shared/data
work=.build-fuzz

echo "fuzz: building poserun-fuzz with libFuzzer and the address sanitizer" >&2
swift build -c release --product poserun-fuzz --build-path "$work" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -v "warning: Cannot export local symbol" >&2
fuzzer="$work/release/poserun-fuzz"

# A synthetic runner's keypoints and its analysis.json, from an ordinary build of poserun.
synthetic="$work/synthetic"
if [[ ! -f "$synthetic/analysis.json" ]]; then
    swift build --product poserun >&2
    mkdir -p "$synthetic"
    .build/debug/poserun synthetic "$synthetic/runner.json" --seconds 3 --fps 60 --realistic >/dev/null
    .build/debug/poserun analyze "$synthetic/runner.json" --out "$synthetic/out" --quiet >/dev/null || true
    cp "$synthetic/out/analysis.json" "$synthetic/analysis.json" 2>/dev/null || true
fi

seed() {   # seed TARGET: copy that target's seeds into its corpus (kept small: libFuzzer mutates them)
    local t="$1" corpus="$work/corpus/$1"
    mkdir -p "$corpus"
    [[ -n "$(ls -A "$corpus")" ]] && return 0
    add() { for f in "$@"; do [[ -f "$f" ]] && cp "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"; done; return 0; }
    case "$t" in
        c3d) add "$shared"/mocap/*/*.c3d "$shared"/bad-inputs/*.c3d ;;
        trc) add "$shared"/mocap/*/*.trc "$shared"/bad-inputs/*.trc ;;
        keypoints) add "$synthetic/runner.json" "$shared"/bad-inputs/kp_*.json ;;
        openpose) add "$shared"/bad-inputs/openpose_*/*_keypoints.json ;;
        analysis) add "$synthetic/analysis.json" "$shared"/bad-inputs/analysis_*/analysis.json ;;
        reference-csv) add "$shared"/mocap/*/*events*.csv ;;
        labels) add Tests/Fixtures/video-labels/*.labels ;;
        marker-map) printf '{"left_hip":["LASI","LPSI"],"right_hip":"RASI","left_heel":"LHEE","right_toe":"RTOE"}' > "$corpus/map.json" ;;
        pipeline) add "$synthetic/runner.json" "$shared"/mocap/hamner-subject01/run200.trc "$shared"/mocap/dorn-sprint-ja1/JA1Gait35.c3d ;;
    esac
    [[ -n "$(ls -A "$corpus")" ]] || printf '{}' > "$corpus/empty.json"
}

run() {   # run TARGET: fuzz it for $seconds; exit status 1 on a finding
    local t="$1"
    seed "$t"
    mkdir -p "$work/findings"
    local log="$work/fuzz-$t.log" status=0
    POSERUN_FUZZ_TARGET="$t" "$fuzzer" "$work/corpus/$t" -max_total_time="$seconds" -timeout=10 \
        -malloc_limit_mb=1024 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/findings/$t-" >"$log" 2>&1 || status=$?
    local runs per_second corpus
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    per_second="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    corpus="$(ls "$work/corpus/$t" | wc -l)"
    if [[ $status -ne 0 ]]; then
        echo "fuzz $t: FINDING after ${runs:-?} runs (exit $status); log $log" >&2
        grep -E "ERROR|SUMMARY|Test unit written|Timeout|out-of-memory|malloc\(" "$log" | head -20 >&2
        return 1
    fi
    echo "fuzz $t: ${runs:-?} runs in ${seconds} s (${per_second:-?}/s), corpus $corpus inputs, no finding"
}

if [[ "$target" == all ]]; then
    failed=0
    for t in "${targets[@]}"; do run "$t" || failed=1; done
    exit "$failed"
fi
[[ " ${targets[*]} " == *" $target "* ]] || { echo "fuzz: unknown target $target (one of: ${targets[*]}, all)" >&2; exit 2; }
run "$target"
