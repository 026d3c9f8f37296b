#!/usr/bin/env bash
# `npm run test:stress [-- RUNS]`: the check every change must pass before it lands. A fresh clone of
# the committed HEAD, `npm ci`, then RUNS (default 5) runs of `npm test` in a row, each with turbo's
# cache removed, while two busy loops keep both cores of a 2-core machine loaded, as CI's shared
# machine may be. Prints one line per run (exit code, time, closing line) and exits 1 if any failed.
set -u
runs=${1:-5}
repo=$(git rev-parse --show-toplevel)
dir=$(mktemp -d "${TMPDIR:-/tmp}/panelsig-stress.XXXXXX")
logs="$dir/logs"
git clone -q "$repo" "$dir/clone" && mkdir -p "$logs" && cd "$dir/clone" || exit 2
echo "stress: fresh clone of $(git rev-parse --short HEAD) in $dir/clone; logs in $logs"
npm ci > "$logs/npm-ci.log" 2>&1 || { echo "stress: npm ci failed (see $logs/npm-ci.log)"; exit 1; }

node -e 'for(;;){}' & busy1=$!
node -e 'for(;;){}' & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null' EXIT

failed=0
for i in $(seq 1 "$runs"); do
  rm -rf .turbo node_modules/.cache/turbo packages/*/.turbo
  start=$(date +%s)
  npm test > "$logs/run-$i.log" 2>&1
  code=$?
  [ $code -eq 0 ] || failed=$((failed + 1))
  echo "stress: run $i of $runs: exit $code in $(( $(date +%s) - start )) s — $(tail -n 1 "$logs/run-$i.log")"
done
echo "stress: $((runs - failed)) passed, $failed failed"
[ $failed -eq 0 ]
