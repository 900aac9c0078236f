#!/usr/bin/env bash
# tenfold: does the right concurrency model make a program ~10x faster?
#   ./run-benchmarks.sh [--profile smoke|quick|full] [--include REGEX] [-p name=v1,v2] [--out FILE.csv] [--backend-url URL]
#   ./run-benchmarks.sh compare A.csv B.csv [...]     ./run-benchmarks.sh plot A.csv
#   ./run-benchmarks.sh test [maven args]              (the unit and integration tests)
#   ./run-benchmarks.sh jdk                             (prints the JDK it would use)
# Finds a JDK >= 21 by itself, builds target/benchmarks.jar when the sources are newer, then runs.
set -euo pipefail
# Builds and default outputs (results/, plots/) belong to the repository; file arguments stay
# relative to where the script was called from.
CALLED_FROM=$(pwd)
cd "$(dirname "$0")"
HOME_DIR=$(pwd)

die() { echo "tenfold: $*" >&2; exit 2; }

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
jdk_version() {
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "$v"
}

# Follows symbolic links to the real file (macOS's readlink has no -f before 12.3).
resolve_links() {
  local f=$1 target n=0
  while [ -L "$f" ] && [ "$n" -lt 40 ]; do
    target=$(readlink "$f")
    case $target in
      /*) f=$target ;;
      *) f="$(dirname "$f")/$target" ;;
    esac
    n=$((n + 1))
  done
  echo "$f"
}

# Bash 3.2 (macOS's) calls an empty array unbound under set -u: every expansion below is guarded
# as ${a[@]+"${a[@]}"}, which is empty for an empty array and the elements otherwise.
find_jdk() {
  local candidates=() best="" best_v=0 v c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(resolve_links "$(command -v javac)")")")")
  fi
  local search=(/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/*jdk* "$HOME"/.sdkman/candidates/java/*
                "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
  # TENFOLD_JDK_DIRS (space-separated globs) replaces the usual install locations: for tests, or an odd layout.
  if [ -n "${TENFOLD_JDK_DIRS:-}" ]; then
    # shellcheck disable=SC2206 # the globs are meant to expand
    search=($TENFOLD_JDK_DIRS)
  fi
  for c in ${search[@]+"${search[@]}"}; do
    [ -d "$c" ] && candidates+=("$c")
  done
  # JAVA_HOME wins when it is new enough; otherwise the newest JDK found.
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
  fi
  for c in ${candidates[@]+"${candidates[@]}"}; do
    v=$(jdk_version "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$c; best_v=$v; fi
  done
  echo "$best"
}

JDK=$(find_jdk)
[ -n "$JDK" ] || die "needs a JDK 21 or newer and found none (JAVA_HOME, PATH, /usr/lib/jvm); install one (e.g. 'apt-get install openjdk-21-jdk', or Temurin from adoptium.net) or point JAVA_HOME at it"
export JAVA_HOME=$JDK
export PATH="$JAVA_HOME/bin:$PATH"
if [ "${1:-}" = "jdk" ]; then echo "$JDK"; exit 0; fi

# JDK 24+ warns in four lines whenever a library (Guava in Maven and WireMock, JMH) uses
# sun.misc.Unsafe: allowed explicitly (JDK 23+ knows the option), so a run starts quietly. JMH's
# forks inherit this JVM's options; the backend and worker JVMs get it from ChildJvm.
QUIET_UNSAFE=()
if [ "$(jdk_version "$JDK")" -ge 23 ]; then
  QUIET_UNSAFE=(--sun-misc-unsafe-memory-access=allow)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

# Quiet build on stderr; Maven 3.8's launcher prints colour resets even in batch mode: dropped.
mvn_cmd() {
  command -v mvn >/dev/null 2>&1 || die "needs Apache Maven 3.8+ on PATH to build (e.g. 'apt-get install maven')"
  mvn -B -q "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
}

if [ "${1:-}" = "test" ]; then
  shift
  command -v mvn >/dev/null 2>&1 || die "needs Apache Maven 3.8+ on PATH to run the tests (e.g. 'apt-get install maven')"
  exec mvn -B test "$@"
fi

# The load before our own build: the run's busy-machine check must not count the build.
# (macOS has no /proc: sysctl prints "{ 1.52 1.60 1.63 }")
TENFOLD_LOAD_AT_START=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || sysctl -n vm.loadavg 2>/dev/null | awk '{print $2}' || true)
export TENFOLD_LOAD_AT_START

JAR=target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "tenfold: building $JAR with $JAVA_HOME ..." >&2
  mvn_cmd -DskipTests package || { echo "tenfold: the build failed (see above)" >&2; exit 1; }
fi

# OSHI reads the machine through JNA, a native library: allow it, without a warning on JDK 24+.
cd "$CALLED_FROM"
exec "$JAVA_HOME/bin/java" -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED ${QUIET_UNSAFE[@]+"${QUIET_UNSAFE[@]}"} \
  -Dtenfold.home="$HOME_DIR" -cp "$HOME_DIR/$JAR" dev.tenfold.cli.Main "$@"
