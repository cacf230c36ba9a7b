#!/usr/bin/env bash
# kafka-testenv side by side with spring-kafka-test (the anchor), on the scenarios of benchmarks/SCENARIOS.md.
#
# Usage (from anywhere in a clone of kafka-testenv):
#   benchmarks/compare.sh list                       the scenarios, and the anchor module that runs each
#   benchmarks/compare.sh build                      build both sides (Maven; untimed); the commands below do it too
#   benchmarks/compare.sh anchor  SCENARIO [N]       N fresh-JVM runs of the anchor: min, median, max per metric
#   benchmarks/compare.sh project SCENARIO [N]       the same for kafka-testenv
#   benchmarks/compare.sh compare SCENARIO [N]       N pairs, anchor then kafka-testenv (A B A B ...): per metric the
#                                                    anchor's median, kafka-testenv's median, and the median (min-max)
#                                                    of the per-pair ratios kafka-testenv / anchor
# N defaults to 5. A ratio below 1 is better for kafka-testenv on times, sizes and leftovers, above 1 on *_rps.
#
# Each run is one fresh JVM that runs one scenario and exits; building happens before, never inside a measured run.
# From outside, the script adds process_wall_ms (fork to exit), peak_rss_mb (GNU time's maximum resident set) and
# tmp_entries_after_exit (what is left in the run's own temp dir after the process ended), and, from the scenario's
# own metrics, first_record_ms = start_ms + roundtrip_ms (time to first record).
#
# Environment:
#   BENCH_JAVA        the java of every measured run (default: java on PATH)
#   BENCH_JAVA_OPTS   extra JVM options of every measured run, both sides (default: none)
#   BENCH_TIMEOUT     seconds one run may take before it is killed (default: 300)
#   BENCH_COLD_CACHE  if 1, every kafka-testenv run starts with an empty cache directory of its own (no class list,
#                     class-data archive or kept cluster from an earlier run): the cold-cache figures
#   BENCH_JSONL       if set, every metric of every run is appended to this file as a JSON line, with "rep" added
#   BENCH_KEEP        if 1, keep the work directory (every run's stdout, stderr and GNU time output)
#   BENCH_MAVEN_REPO  the local Maven repository to build with, and where kafka-testenv's engine finds the Kafka
#                     runtimes at run time (default: Maven's own, ~/.m2/repository)
# Each run gets BENCH_TMPDIR, a fresh empty directory, as its java.io.tmpdir (exported to run-scenario.sh).
#
# Needs Java 17+, Maven (the first build downloads from Maven Central; later builds run offline), GNU time
# (/usr/bin/time) and coreutils timeout.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
ANCHOR=$BENCH/anchor
PROJECT_JAR=$BENCH/target/kafka-testenv-benchmarks.jar
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-300}
export BENCH_JAVA BENCH_JAVA_OPTS BENCH_MAVEN_REPO BENCH_COLD_CACHE

# The names of the contract, in its order (the same list as Contract.names() in src/contract).
SCENARIOS="zk-1 zk-3 kraft-1 kraft-3 kraft4-1 kraft4-3 classes-10-zk classes-10-kraft classes-10-kraft4
throughput-zk throughput-kraft throughput-kraft4 rerun-zk-1 rerun-kraft4-1"

WORK=""
CHILD=""

die() {
    echo "compare.sh: $*" >&2
    exit 1
}

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

cleanup() {
    if [[ -n "$CHILD" ]] && kill -0 "$CHILD" 2>/dev/null; then
        # timeout(1) leads the measured run's process group and passes the signal on to it.
        kill -TERM "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    if [[ -n "$WORK" ]]; then
        if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
    fi
}

# anchor_module SCENARIO: the anchor module of the scenario's Kafka line.
anchor_module() {
    case "$1" in
        *kraft4*) echo kafka4 ;;
        *) echo kafka39 ;;
    esac
}

require_scenario() {
    local s
    for s in $SCENARIOS; do [[ "$s" == "$1" ]] && return 0; done
    echo "compare.sh: unknown scenario '$1'; the contract's scenarios: $(echo $SCENARIOS)" >&2
    exit 2
}

require_tools() {
    [[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: it measures the peak RSS. Install it, e.g.
  apt-get install time      (Debian, Ubuntu)
  dnf install time          (Fedora, RHEL)"
    command -v timeout >/dev/null || die "timeout (GNU coreutils) is missing"
    command -v "$BENCH_JAVA" >/dev/null || die "BENCH_JAVA '$BENCH_JAVA' is not an executable"
}

# newer_than FILE DIR...: prints one source or pom under DIR... that is newer than FILE (nothing when none is).
newer_than() {
    local file=$1
    shift
    find "$@" -path '*/target' -prune -o -type f \( -name '*.java' -o -name '*.properties' -o -name pom.xml \) \
        -newer "$file" -print 2>/dev/null | head -1
}

# maven LOG ARGS...: mvn offline first (the usual case once everything is local), online when that fails.
maven() {
    local log=$1
    shift
    local repo=()
    [[ -n "${BENCH_MAVEN_REPO:-}" ]] && repo=("-Dmaven.repo.local=$BENCH_MAVEN_REPO")
    command -v mvn >/dev/null || die "mvn (Maven 3.8.7+) is missing, and the benchmark is not built"
    (cd "$ROOT" && mvn -B -q -o "${repo[@]}" "$@" >"$log" 2>&1) && return 0
    echo "   offline build failed; trying again with Maven Central" >&2
    (cd "$ROOT" && mvn -B -q "${repo[@]}" "$@" >"$log" 2>&1) || { tail -40 "$log" >&2; return 1; }
}

# The project: the benchmark module and what it needs from the reactor, when its jar is missing or older than a
# source of the modules it runs.
build_project() {
    if [[ -f "$PROJECT_JAR" && -z "$(newer_than "$PROJECT_JAR" "$ROOT/pom.xml" "$ROOT/bridge" "$ROOT/engine" \
        "$ROOT/junit-extension" "$BENCH/pom.xml" "$BENCH/src")" ]]; then
        return 0
    fi
    echo "building kafka-testenv's benchmark (mvn package -pl benchmarks -am, tests skipped) ..." >&2
    maven "$WORK/project-build.log" package -DskipTests -pl benchmarks -am || die "the project's build failed (log above)"
}

# The anchor: its own Maven project, never part of the reactor.
build_anchor() {
    local m stale=0
    for m in kafka39 kafka4; do
        if [[ ! -f "$ANCHOR/$m/target/anchor.jar" || ! -d "$ANCHOR/$m/target/lib" ]] \
            || [[ -n "$(newer_than "$ANCHOR/$m/target/anchor.jar" "$ROOT/pom.xml" "$ANCHOR" "$BENCH/src/contract")" ]]; then
            stale=1
        fi
    done
    [[ $stale == 0 ]] && return 0
    echo "building the anchor (mvn -f benchmarks/anchor/pom.xml clean package) ..." >&2
    maven "$WORK/anchor-build.log" -f "$ANCHOR/pom.xml" clean package || die "the anchor's build failed (log above)"
}

RUNS=0

# run_once SIDE SCENARIO OUT: one fresh JVM, measured from outside; writes "metric value" lines to OUT.
run_once() {
    local side=$1 scenario=$2 out=$3 impl rc=0 t0 t1
    RUNS=$((RUNS + 1))
    local d=$WORK/run-$RUNS-$side
    mkdir -p "$d/tmp"
    export BENCH_TMPDIR=$d/tmp
    local cmd=()
    if [[ $side == anchor ]]; then
        impl=spring-kafka-test
        local m
        m=$(anchor_module "$scenario")
        # shellcheck disable=SC2206 # BENCH_JAVA_OPTS is a list of options
        cmd=("$BENCH_JAVA" $BENCH_JAVA_OPTS "-Djava.io.tmpdir=$BENCH_TMPDIR"
            -cp "$ANCHOR/$m/target/anchor.jar:$ANCHOR/$m/target/lib/*"
            io.github.kafkatestenv.benchmarks.anchor.AnchorMain "$scenario")
    else
        impl=kafka-testenv
        cmd=("$BENCH/run-scenario.sh" "$scenario")
    fi
    t0=$(date +%s%N)
    timeout -k 10 "$BENCH_TIMEOUT" /usr/bin/time -v -o "$d/time" "${cmd[@]}" >"$d/stdout" 2>"$d/stderr" </dev/null &
    CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=""
    t1=$(date +%s%N)
    if [[ $rc != 0 ]]; then
        echo "---- $impl $scenario: run $RUNS failed (exit $rc$([[ $rc == 124 || $rc == 137 ]] \
            && echo ", killed after BENCH_TIMEOUT=${BENCH_TIMEOUT}s")); the end of its stderr:" >&2
        tail -25 "$d/stderr" >&2
        return 1
    fi
    # The line contract: {"impl":"...","scenario":"...","metric":"...","value":NUMBER}, one per line; other lines
    # are ignored, a metric line of another impl or scenario is an error.
    local bad
    bad=$(grep -E '^\{.*"metric"' "$d/stdout" | grep -vE "\"impl\":\"$impl\",\"scenario\":\"$scenario\"," | head -1 || true)
    [[ -z "$bad" ]] || die "$side printed a metric line not of impl $impl and scenario $scenario: $bad"
    sed -nE 's/^\{.*"metric":"([A-Za-z0-9_]+)","value":(-?[0-9]+(\.[0-9]+)?)\}$/\1 \2/p' "$d/stdout" >"$out"
    [[ -s "$out" ]] || { tail -25 "$d/stderr" >&2; die "$side printed no metric line for $scenario"; }
    local rss_kb
    rss_kb=$(sed -nE 's/.*Maximum resident set size \(kbytes\): *([0-9]+).*/\1/p' "$d/time")
    awk '$1 == "start_ms" { s = $2; hs = 1 } $1 == "roundtrip_ms" { r = $2; hr = 1 }
         END { if (hs && hr) print "first_record_ms", s + r }' "$out" >>"$out"
    {
        echo "process_wall_ms $(((t1 - t0) / 1000000))"
        echo "peak_rss_mb $((${rss_kb:-0} / 1024))"
        echo "tmp_entries_after_exit $(find "$d/tmp" -mindepth 1 -maxdepth 1 | wc -l)"
    } >>"$out"
    if [[ -n "${BENCH_JSONL:-}" ]]; then
        awk -v impl="$impl" -v sc="$scenario" -v rep="$RUNS" '{ printf "{\"impl\":\"%s\",\"scenario\":\"%s\",\"metric\":\"%s\",\"value\":%s,\"rep\":%s}\n", impl, sc, $1, $2, rep }' \
            "$out" >>"$BENCH_JSONL"
    fi
    [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$d"
}

# stats FILE...: per metric, in first-seen order: "metric count min median max" (median of an even count: the mean
# of the middle two).
stats() {
    awk '
        { if (!($1 in n)) order[++k] = $1; v[$1, ++n[$1]] = $2 + 0 }
        END {
            for (i = 1; i <= k; i++) {
                m = order[i]; c = n[m]
                for (a = 1; a <= c; a++) s[a] = v[m, a]
                for (a = 2; a <= c; a++) { x = s[a]; b = a - 1; while (b >= 1 && s[b] > x) { s[b + 1] = s[b]; b-- } s[b + 1] = x }
                med = (c % 2) ? s[(c + 1) / 2] : (s[c / 2] + s[c / 2 + 1]) / 2
                print m, c, s[1], med, s[c]
            }
        }' "$@"
}

# measure SIDE SCENARIO N
measure() {
    local side=$1 scenario=$2 n=$3 i files=()
    echo "== $side $scenario: $n runs" >&2
    for ((i = 1; i <= n; i++)); do
        run_once "$side" "$scenario" "$WORK/$side-$i.m" || die "$side run $i of $n failed"
        files+=("$WORK/$side-$i.m")
        echo "   run $i/$n done" >&2
    done
    echo "# $side $scenario: $n runs, $(date -u +%Y-%m-%dT%H:%MZ)"
    printf '%-26s %10s %10s %10s\n' metric min median max
    stats "${files[@]}" | awk '{ printf "%-26s %10s %10s %10s\n", $1, $3, $4, $5 }'
}

# compare SCENARIO N
compare() {
    local scenario=$1 n=$2 i
    echo "== compare $scenario: $n pairs (anchor, then kafka-testenv)" >&2
    for ((i = 1; i <= n; i++)); do
        run_once anchor "$scenario" "$WORK/a-$i.m" || die "anchor run of pair $i failed"
        run_once project "$scenario" "$WORK/p-$i.m" || die "kafka-testenv run of pair $i failed"
        # the pair's ratio kafka-testenv / anchor, per metric both printed and the anchor's not 0
        awk 'NR == FNR { a[$1] = $2; next } ($1 in a) && a[$1] != 0 { printf "%s %.4f\n", $1, $2 / a[$1] }' \
            "$WORK/a-$i.m" "$WORK/p-$i.m" >"$WORK/r-$i.m"
        echo "   pair $i/$n done" >&2
    done
    stats "$WORK"/a-*.m >"$WORK/a.stats"
    stats "$WORK"/p-*.m >"$WORK/p.stats"
    stats "$WORK"/r-*.m >"$WORK/r.stats"
    echo "# compare $scenario: $n pairs, $(date -u +%Y-%m-%dT%H:%MZ); ratio = kafka-testenv / spring-kafka-test per pair"
    echo "# below 1 is better for kafka-testenv on times, sizes and leftovers, above 1 on *_rps; n/a: the anchor's is 0"
    printf '%-26s %12s %12s %10s %15s\n' metric anchor_med project_med ratio_med ratio_min-max
    awk '
        FILENAME ~ /a\.stats$/ { order[++k] = $1; am[$1] = $4; next }
        FILENAME ~ /p\.stats$/ { pm[$1] = $4; if (!($1 in am)) { order[++k] = $1; am[$1] = "-" } next }
        { rm[$1] = sprintf("%.3f", $4); rr[$1] = sprintf("%.3f-%.3f", $3, $5) }
        END {
            for (i = 1; i <= k; i++) {
                m = order[i]
                printf "%-26s %12s %12s %10s %15s\n", m, am[m], (m in pm) ? pm[m] : "MISSING", \
                    (m in rm) ? rm[m] : "n/a", (m in rr) ? rr[m] : "n/a"
            }
        }' "$WORK/a.stats" "$WORK/p.stats" "$WORK/r.stats"
}

cmd=${1:-}
case "$cmd" in
    list)
        printf '%-20s %s\n' '# scenario' 'anchor module'
        for s in $SCENARIOS; do printf '%-20s %s\n' "$s" "benchmarks/anchor/$(anchor_module "$s")"; done
        ;;
    build | anchor | project | compare)
        if [[ $cmd != build ]]; then
            [[ $# -ge 2 && $# -le 3 ]] || usage
            require_scenario "$2"
            n=${3:-5}
            [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number, not '$n'"
            require_tools
        fi
        WORK=$(mktemp -d "${TMPDIR:-/tmp}/kafka-testenv-compare.XXXXXX")
        trap cleanup EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        [[ $cmd == project ]] || build_anchor
        [[ $cmd == anchor ]] || build_project
        case "$cmd" in
            anchor | project) measure "$cmd" "$2" "$n" ;;
            compare) compare "$2" "$n" ;;
        esac
        ;;
    *)
        usage
        ;;
esac
