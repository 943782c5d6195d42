#!/usr/bin/env bash
# jcl launcher: builds toolkit/target/jcl.jar on first use or when a source is newer, then runs it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/toolkit/target/jcl.jar"

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$here/pom.xml" "$here/dsl" "$here/loadgen" "$here/toolkit" "$here/scripts" \
      \( -path '*/target' -o -path '*/src/test' \) -prune -o -type f -newer "$jar" -print -quit)" ]
}

if stale; then
  echo "jcl: building $jar (first use or sources changed)..." >&2
  (cd "$here" && mvn -q -B -Dstyle.color=never -Dmaven.test.skip=true install) >&2 || {
    echo "jcl: build failed; run 'mvn -B install -DskipTests' in $here for details" >&2
    exit 1
  }
fi

java_bin="${JCL_JAVA:-java}"
case "${1:-}" in
  # The load generator shares the host's cores with the cluster it measures, so its own JIT is load
  # the target does not get. C1 only: against the hello server on 2 cores it used 5.9 CPU-s for 20k
  # req/s over 5 s (C2: 7.0) and reached the same ceiling (80k PASS, 100k saturated with both); in a
  # fresh 4-worker cluster its share of the CPU fell from ~31% to ~20%. A young generation big enough
  # that no GC pause shows up as schedule lag. Every other command but run is short-lived: C1 as well.
  # verify runs the same generator in-process (the cluster it checks is a separate primary JVM).
  loadtest|verify) flags="-XX:+UseParallelGC -Xms1536m -Xmn1g -XX:TieredStopAtLevel=1" ;;
  # The primary accepts every connection under round-robin/sticky: its accept path wants C2 as well
  # (a detached primary, started by the CLI, runs with the same flags).
  # It holds little: a heap that starts at 16 MB and shrinks back after the script's compile (the JVM's
  # defaults committed 1/64 of the host's memory: 205-217 MB PSS), two malloc arenas, the C library's
  # free memory given back every 5 s where the JVM has the flag (17.0.9+), and the JDK's CDS archive
  # mapped at its own address so its pages are shared with the workers' (17.0.15 relocates it to a
  # random one, a private copy of every page). The same flags as a detached primary
  # (RunCommand.primaryFlags; one probe where the JVM has both), which also starts from the workers'
  # AppCDS archive once there is one (its name is a digest only the JVM side computes).
  run)      flags="-XX:+UseSerialGC -Xms16m -Xmn4m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:SoftRefLRUPolicyMSPerMB=0"
            export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
            trim="-XX:TrimNativeHeapInterval=5000" cds="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
            # shellcheck disable=SC2086
            if "$java_bin" $trim $cds -Xshare:auto -version >/dev/null 2>&1; then
              flags="$flags $trim $cds"
            elif "$java_bin" $trim -Xshare:auto -version >/dev/null 2>&1; then
              flags="$flags $trim"
            fi ;;
  *)        flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
esac
# shellcheck disable=SC2086
exec "$java_bin" $flags ${JCL_JAVA_OPTS:-} -jar "$jar" "$@"
