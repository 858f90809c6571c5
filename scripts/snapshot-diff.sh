#!/usr/bin/env bash
# Compare two scripts/snapshot-outputs.sh folders, ignoring what legitimately differs between runs:
# the output folder's own path, the report's "written at" time and the calendar's DTSTAMP.
# Prints each differing file with its first differing lines; exit status 0 when identical.
set -uo pipefail
a=${1:?usage: snapshot-diff.sh BEFORE AFTER}
b=${2:?usage: snapshot-diff.sh BEFORE AFTER}
normalise() {  # root: strip the root path, times and stamps
    sed -E -e "s|$1|ROOT|g" -e 's/[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}, [0-9]{2}:[0-9]{2} UTC/DATE/g' -e 's/^DTSTAMP:.*/DTSTAMP/' -e 's/made in [0-9.]+ s/made in T s/'
}
status=0
while IFS= read -r rel; do
    if [[ ! -e $b/$rel ]]; then echo "only in $a: $rel"; status=1; continue; fi
    if ! diff -q <(normalise "$a" <"$a/$rel") <(normalise "$b" <"$b/$rel") >/dev/null; then
        echo "differs: $rel"; status=1
        diff <(normalise "$a" <"$a/$rel") <(normalise "$b" <"$b/$rel") | cut -c1-200 | head -6
    fi
done < <(cd "$a" && find . -type f | sed 's|^\./||' | sort)
while IFS= read -r rel; do
    [[ -e $a/$rel ]] || { echo "only in $b: $rel"; status=1; }
done < <(cd "$b" && find . -type f | sed 's|^\./||' | sort)
exit $status
