#!/usr/bin/env bash
# run.sh BIN_DIR TARGET SECONDS [MORE LIBFUZZER FLAGS...]: one logged fork-mode run of built
# target binaries (how the README's table was made). Crashes, timeouts and OOMs are saved
# under artifacts/<target>/ and fuzzing goes on; the log is runs/<target>-<seconds>s.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$1" t="$2" secs="$3"
shift 3
case "$t" in dates) d=dates ;; config) d=config ;; *) d=html ;; esac
mkdir -p "$here/artifacts/$t" "$here/corpus/$t"
cd "$here"
exec "$bin/$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -dict="dicts/$d.dict" -artifact_prefix="artifacts/$t/" "$@" "corpus/$t" \
    >"runs/$t-${secs}s${TAG:+-$TAG}.log" 2>&1
