#!/usr/bin/env bash
# kafka-testenv's side of the benchmark (contract: benchmarks/SCENARIOS.md; compare.sh runs it beside the anchor).
#
# Usage: benchmarks/run-scenario.sh SCENARIO
#
# Runs ONE scenario in ONE fresh JVM and prints its metrics on stdout, one JSON line each, with
# "impl":"kafka-testenv"; logs and details (leftover thread names, ...) go to stderr.
# Exit status: 0 success, 1 failure (or module not built), 2 unknown scenario.
#
# It never builds: `benchmarks/compare.sh build` does, or `mvn -B package -DskipTests` in the project root.
#
# Environment (exported by benchmarks/compare.sh):
#   BENCH_JAVA        the java to run (default: java on PATH)
#   BENCH_JAVA_OPTS   extra JVM options (default: none)
#   BENCH_TMPDIR      java.io.tmpdir of the run (default: the JVM's own, the system temp dir)
#   BENCH_MAVEN_REPO  the local Maven repository where the engine finds the Kafka runtimes (default: Maven's own)
set -euo pipefail

DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TARGET=$DIR/target
JAR=$TARGET/kafka-testenv-benchmarks.jar

if [[ $# -ne 1 || -z "$1" ]]; then
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
fi
scenario=$1

# The clients are those of the cluster's Kafka version: 4.x for the kraft4 line, 3.9 for zk and kraft.
# (An unknown scenario name is rejected, with exit status 2, by the JVM: Scenario.java is the one list.)
case "$scenario" in
    *kraft4*) clients=$TARGET/clients-4 ;;
    *) clients=$TARGET/clients-3.9 ;;
esac

if [[ ! -f "$JAR" ]] || ! compgen -G "$TARGET/lib/kafka-testenv-engine-*.jar" >/dev/null \
    || ! compgen -G "$clients/kafka-clients-*.jar" >/dev/null; then
    {
        echo "run-scenario.sh: the benchmark module is not built ($JAR, $TARGET/lib or $clients is missing)."
        echo "Build it first: benchmarks/compare.sh build   (or, in the project root: mvn -B package -DskipTests)"
    } >&2
    exit 1
fi

sys_opts=()
if [[ -n "${BENCH_TMPDIR:-}" ]]; then
    sys_opts+=("-Djava.io.tmpdir=$BENCH_TMPDIR")
fi
if [[ "${BENCH_COLD_CACHE:-0}" == 1 ]]; then
    # A cold cache: no class list, class-data archive or kept cluster from an earlier run.
    cold=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/../cold-cache.XXXXXX")
    sys_opts+=("-Dkafka.testenv.cache=$cold")
fi
if [[ -n "${BENCH_MAVEN_REPO:-}" ]]; then
    sys_opts+=("-Dmaven.repo.local=$BENCH_MAVEN_REPO")
fi

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "${BENCH_JAVA:-java}" ${BENCH_JAVA_OPTS:-} "${sys_opts[@]}" \
    -cp "$JAR:$TARGET/lib/*:$clients/*" \
    io.github.kafkatestenv.benchmarks.Main "$scenario"
