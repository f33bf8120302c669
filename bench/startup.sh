#!/usr/bin/env bash
# Start-up benchmark: time from `java -jar` to the first 200 from /q/health/ready, and resident
# memory once ready, for each service beside a hello-world Quarkus app measured in the same run.
# Needs the jars built (mvn -DskipTests install) and a broker + PostgreSQL running
# (./mlops up --infra-only); prints a Markdown table.
#   usage: bench/startup.sh [runs]   (default 5; the median is reported)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-5}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JVM_OPTS=(-Xmx256m -XX:+UseSerialGC)

now_ms() { date +%s%3N; }

# name|jar|port|readiness path
TARGETS=(
  "hello-world|bench/hello-world/target/quarkus-app/quarkus-run.jar|8089|/q/health/ready"
  "model-registry|model-registry/target/quarkus-app/quarkus-run.jar|8081|/q/health/ready"
  "feature-store|feature-store/target/quarkus-app/quarkus-run.jar|8082|/q/health/ready"
  "drift-monitor|drift-monitor/target/quarkus-app/quarkus-run.jar|8084|/q/health/ready"
  "inference-service|inference-service/target/quarkus-app/quarkus-run.jar|8083|/q/health/ready"
)

measure() { # jar port path -> "millis rss_kib"
  local jar=$1 port=$2 path=$3 start pid code elapsed rss
  start=$(now_ms)
  "$JAVA" "${JVM_OPTS[@]}" -jar "$ROOT/$jar" >/tmp/mlops-startup-bench.log 2>&1 &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$pid" 2>/dev/null; then echo "process died; log:" >&2; tail -20 /tmp/mlops-startup-bench.log >&2; exit 1; fi
    if [ $(( $(now_ms) - start )) -gt 60000 ]; then echo "not ready after 60 s" >&2; kill "$pid"; exit 1; fi
    sleep 0.01
  done
  elapsed=$(( $(now_ms) - start ))
  sleep 1 # let start-up work that runs just after readiness settle before reading RSS
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$elapsed $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# inference-service is ready only while the registry answers, so a registry runs beside it.
REGISTRY_PID=
start_registry() {
  "$JAVA" "${JVM_OPTS[@]}" -jar "$ROOT/model-registry/target/quarkus-app/quarkus-run.jar" >/tmp/mlops-startup-registry.log 2>&1 &
  REGISTRY_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8081/q/health/live || true)" = 200 ]; do sleep 0.2; done
}
stop_registry() {
  if [ -n "$REGISTRY_PID" ]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=
  fi
}
trap stop_registry EXIT

declare -A READY RSS
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name jar port path <<<"$t"
  [ -f "$ROOT/$jar" ] || { echo "missing $jar: run mvn -DskipTests install first" >&2; exit 1; }
  if [ "$name" = inference-service ]; then start_registry; fi
  times=(); rsss=()
  for _ in $(seq "$RUNS"); do
    read -r ms kib < <(measure "$jar" "$port" "$path")
    times+=("$ms"); rsss+=("$kib")
  done
  READY[$name]=$(printf '%s\n' "${times[@]}" | median)
  RSS[$name]=$(printf '%s\n' "${rsss[@]}" | median)
  if [ "$name" = inference-service ]; then stop_registry; fi
done

base_ms=${READY[hello-world]}; base_rss=${RSS[hello-world]}
echo "| process | first ready (ms, median of $RUNS) | × hello-world | RSS when ready (MiB) | × hello-world |"
echo "| --- | ---: | ---: | ---: | ---: |"
for t in "${TARGETS[@]}"; do
  name=${t%%|*}
  awk -v n="$name" -v ms="${READY[$name]}" -v bms="$base_ms" -v rss="${RSS[$name]}" -v brss="$base_rss" \
    'BEGIN { printf "| %s | %d | %.2f | %.0f | %.2f |\n", n, ms, ms/bms, rss/1024, rss/brss }'
done
echo
echo "JVM: $("$JAVA" -version 2>&1 | head -1); options: ${JVM_OPTS[*]}; $(nproc) cores"
