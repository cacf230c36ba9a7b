#!/usr/bin/env bash
# How start time and memory grow with brokers and partitions: BENCHMARKS.md's scaling table.
#
# Usage: benchmarks/scaling.sh [RUNS]     (default 3 runs per cell; medians are printed)
#
# Runs scale-<line>-brokers-<1|3|5|9> and scale-<line>-partitions-<10|100|1000> for the zk and kraft4 lines, each in
# a fresh JVM through run-scenario.sh, and prints a Markdown table of the medians of start_ms, heap_after_gc_mb,
# rss_mb and roundtrip_ms. No anchor runs these: they describe kafka-testenv alone. Build first (see README.md).
set -euo pipefail

DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUNS=${1:-3}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'; }

echo "| line | cluster | start_ms | heap after GC (MiB) | RSS (MiB) | round trip ms |"
echo "|---|---|---|---|---|---|"
for line in zk kraft4; do
    for cell in brokers-1 brokers-3 brokers-5 brokers-9 partitions-10 partitions-100 partitions-1000; do
        scenario=scale-$line-$cell
        out=$(mktemp)
        for _ in $(seq "$RUNS"); do
            tmp=$(mktemp -d)
            BENCH_TMPDIR=$tmp "$DIR/run-scenario.sh" "$scenario" >>"$out" 2>/dev/null || echo "$scenario failed" >&2
            rm -rf "$tmp"
        done
        value() { grep "\"metric\":\"$1\"" "$out" | sed 's/.*"value":\([0-9-]*\).*/\1/' | median; }
        label=${cell/-/ }
        echo "| $line | $label | $(value start_ms) | $(value heap_after_gc_mb) | $(value rss_mb) | $(value roundtrip_ms) |"
        rm -f "$out"
    done
done
