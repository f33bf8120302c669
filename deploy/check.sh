#!/usr/bin/env bash
# Checks everything under deploy/ that can be checked without Docker, a cluster or the internet
# (Maven Central and Debian packages only). Idempotent; installs missing tools with apt-get; runs
# every step even after a failure, prints a summary and exits non-zero if any step failed.
#
#   1. manifests   kubectl kustomize renders the kind overlay and the base; the deploy-check
#                  module's tests parse the result (selectors, ports, host names, images,
#                  resources, probes, configuration, topics, API schema, kind port mappings),
#                  the dashboards (valid, provisioned, only real metric names) and the alert rules
#   2. prometheus  promtool check rules / test rules (a firing and a silent case per alert) /
#                  check config
#   3. images      a jlink JRE base image as a docker-save tar, a local registry (Debian's
#                  docker-registry, no auth, 127.0.0.1), the four service images and the CLI image
#                  built and pushed by Jib, then read back over HTTP: tags, entrypoint (and the CLI
#                  jar's manifest class path), port, user, labels, and the runtime's modules
#                  against jdeps of the jars
#   4. smoke       (root or sudo) every service image started from its unpacked layers against a
#                  real PostgreSQL and Kafka until /q/health/ready is UP; the metric names of the
#                  real /q/metrics scrape are checked against the dashboards and alert rules; then
#                  the CLI image runs the trainer Job's command twice (trains and promotes a
#                  champion, then changes nothing) and inference-service must serve the champion
#
# usage: deploy/check.sh [--no-images] [--no-smoke] [--images-from worktree|head] [--keep]
#   --images-from worktree  build the images from this checkout (default; CI, after `mvn install`)
#   --images-from head      build them from a snapshot of the last commit in a temporary directory
#                           (leaves the checkout's target/ directories alone)
#   --keep                  keep the work directory (logs, scrapes, unpacked images)
# env: DEPLOY_CHECK_REGISTRY (default 127.0.0.1:5000, or the next free port)
set -uo pipefail

DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$DEPLOY")"
REGISTRY="${DEPLOY_CHECK_REGISTRY:-}"
images=1 smoke=1 images_from=worktree keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-images) images=0; smoke=0 ;;
    --no-smoke) smoke=0 ;;
    --images-from) images_from="${2:?--images-from needs worktree or head}"; shift ;;
    --images-from=*) images_from="${1#*=}" ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed 's/^# \{0,1\}//; /^set -uo/d'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$images_from" in worktree|head) ;; *) echo "--images-from is worktree or head" >&2; exit 2 ;; esac

WORK="$(mktemp -d /tmp/deploy-check.XXXXXX)"
chmod 755 "$WORK"
SUDO=""
if [ "$(id -u)" -ne 0 ] && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
can_root() { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }

cleanup() {
  "$DEPLOY/images/local-registry.sh" stop "$WORK/registry" 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "work directory kept: $WORK"; else $SUDO rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------------------------ helpers
declare -a SUMMARY
failures=0
step() { # name command...   runs a step, records its result and duration, never aborts
  local name="$1"; shift
  local start=$SECONDS status
  echo
  echo "=== $name"
  "$@"
  status=$?
  local took=$((SECONDS - start))
  if [ $status -eq 0 ]; then SUMMARY+=("ok    ${took}s  $name"); else SUMMARY+=("FAIL  ${took}s  $name"); failures=$((failures + 1)); fi
  return 0
}
skip() { SUMMARY+=("skip        $1: $2"); echo; echo "=== $1: skipped ($2)"; }

apt_updated=0
apt_install() {
  if ! can_root; then echo "error: need $* but cannot install it (not root, no sudo)" >&2; return 1; fi
  if [ $apt_updated = 0 ]; then $SUDO apt-get update -qq && apt_updated=1; fi
  echo "installing $* (apt-get)"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > "$WORK/apt.log" 2>&1 \
    || { tail -20 "$WORK/apt.log" >&2; return 1; }
}
need() { # command package
  command -v "$1" > /dev/null 2>&1 || apt_install "$2"
}
mvn_q() { touch "$WORK/mvn-started"; sleep 1; (cd "$ROOT" && mvn -B -ntp -q "$@"); }

# ------------------------------------------------------------------------------------ tools
tools() {
  local ok=0
  command -v kubectl > /dev/null || { echo "error: kubectl is missing (it includes kustomize); install it first" >&2; ok=1; }
  command -v mvn > /dev/null || { echo "error: mvn is missing" >&2; ok=1; }
  command -v jlink > /dev/null || [ -x "${JAVA_HOME:-/nonexistent}/bin/jlink" ] || { echo "error: no JDK (jlink)" >&2; ok=1; }
  need promtool prometheus || ok=1
  need jq jq || ok=1
  need curl curl || ok=1
  if [ "$images" = 1 ]; then
    command -v docker-registry > /dev/null || command -v registry > /dev/null || apt_install docker-registry || ok=1
  fi
  if [ "$smoke" = 1 ] && can_root; then
    ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || apt_install postgresql || ok=1
  fi
  kubectl version --client 2>/dev/null | head -2
  promtool --version 2>&1 | head -1
  java -version 2>&1 | head -1
  return $ok
}

# ------------------------------------------------------------------------------------ 1. manifests
render() {
  kubectl kustomize "$DEPLOY/k8s/overlays/kind" > "$WORK/kind.yaml" || return 1
  kubectl kustomize "$DEPLOY/k8s/base" > "$WORK/base.yaml" || return 1
  echo "kind overlay: $(grep -c '^kind:' "$WORK/kind.yaml") objects ($(grep '^kind:' "$WORK/kind.yaml" | sort | uniq -c | awk '{printf "%s %s, ", $1, $3}' | sed 's/, $//'))"
}

dashboards_json() {
  local f ok=0
  for f in "$DEPLOY"/k8s/base/grafana/dashboards/*.json; do
    if jq -e '.uid and .title and (.panels | length > 0)' "$f" > /dev/null; then
      echo "ok  $(basename "$f"): $(jq '[.panels[] | select(.type != "row")] | length' "$f") panels"
    else
      echo "FAIL $(basename "$f") is not a valid dashboard"; ok=1
    fi
  done
  return $ok
}

deploy_check_tests() {
  mvn_q -pl deploy-check verify -Ddeploy.check.require-kubectl=true > "$WORK/deploy-check.log" 2>&1
  local status=$?
  report_surefire
  [ $status -eq 0 ] || tail -60 "$WORK/deploy-check.log"
  return $status
}
# The test classes this Maven run reported on (surefire keeps older reports next to new ones).
report_surefire() {
  local f
  for f in "$ROOT"/deploy-check/target/surefire-reports/*.txt; do
    [ -f "$f" ] && [ "$f" -nt "$WORK/mvn-started" ] && grep -h '^Tests run' "$f" | sed "s/, Time elapsed.*in / /; s/^/  /"
  done
  return 0
}

# ------------------------------------------------------------------------------------ 2. prometheus
prom_rules() { promtool check rules "$DEPLOY/k8s/base/prometheus/alerts.yml"; }
prom_tests() { promtool test rules "$DEPLOY/test/prometheus/alerts_test.yml"; }
prom_config() {
  # The config names its rule file by its path in the pod; check it against the local copy.
  local dir="$WORK/prometheus"
  mkdir -p "$dir"
  cp "$DEPLOY/k8s/base/prometheus/alerts.yml" "$dir/"
  sed "s#/etc/prometheus/#$dir/#" "$DEPLOY/k8s/base/prometheus/prometheus.yml" > "$dir/prometheus.yml"
  printf 'scrape_configs:\n  - job_name: probe\n    kubernetes_sd_configs:\n      - role: pod\n' > "$dir/probe.yml"
  if promtool check config "$dir/probe.yml" > /dev/null 2>&1; then
    promtool check config "$dir/prometheus.yml"
  else
    # Debian builds Prometheus without Kubernetes discovery; check everything else and say so.
    echo "note: this promtool ($(promtool --version 2>&1 | head -1 | awk '{print $3}')) has no kubernetes_sd_configs;"
    echo "      checking the configuration with that block replaced by a static target (CI uses the official build)"
    awk '/^    kubernetes_sd_configs:/ {print "    static_configs:\n      - targets: [model-registry:8081]"; skip=1; next}
         skip && /^    [a-z_]+:/ {skip=0}
         !skip' "$dir/prometheus.yml" > "$dir/prometheus-static.yml"
    promtool check config "$dir/prometheus-static.yml"
  fi
}

# ------------------------------------------------------------------------------------ 3. images
SRC="$ROOT"
REVISION="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
export MLOPS_REVISION="$REVISION"
# shellcheck source=images/jib.sh
source "$DEPLOY/images/jib.sh"   # SERVICES, IMAGES and JIB_ARGS
BUILT=()

build_images() {
  if [ -z "$REGISTRY" ]; then
    # 127.0.0.1:5000 unless something (a system registry service, say) already listens there.
    local port=5000
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    REGISTRY="127.0.0.1:$port"
  fi
  "$DEPLOY/images/jre-base-image.sh" "$WORK/jre-base.tar" || { echo "jre-base-image.sh failed (exit $?)"; return 1; }
  "$DEPLOY/images/local-registry.sh" start "$WORK/registry" "$REGISTRY" > /dev/null \
    || { echo "local-registry.sh could not start a registry on $REGISTRY (exit $?)"; return 1; }
  echo "registry: http://$REGISTRY (storage in $WORK/registry)"
  if [ "$images_from" = head ]; then
    SRC="$WORK/src"
    mkdir -p "$SRC"
    git -C "$ROOT" archive HEAD | tar -x -C "$SRC" || return 1
    echo "building from a snapshot of HEAD ($REVISION) in $SRC"
  else
    echo "building from the checkout $ROOT"
  fi
  local modules
  modules="platform/kafka-server,$(IFS=,; echo "${IMAGES[*]}")"
  echo "mvn package -pl $modules -am ${JIB_ARGS[0]} -Dquarkus.container-image.push=true -Dquarkus.container-image.registry=$REGISTRY -Dquarkus.container-image.insecure=true -Dquarkus.jib.base-jvm-image=tar://$WORK/jre-base.tar (+ OCI labels)"
  (cd "$SRC" && mvn -B -ntp -q -fae package -Dmaven.test.skip=true -pl "$modules" -am "${JIB_ARGS[@]}" \
      -Dquarkus.container-image.push=true -Dquarkus.container-image.registry="$REGISTRY" \
      -Dquarkus.container-image.insecure=true -Dquarkus.jib.base-jvm-image="tar://$WORK/jre-base.tar") \
      > "$WORK/images-build.log" 2>&1
  local status=$? s
  for s in "${IMAGES[@]}"; do
    if curl -fsS "http://$REGISTRY/v2/mlops/$s/tags/list" > /dev/null 2>&1; then
      BUILT+=("$s"); echo "pushed mlops/$s"
    else
      echo "NOT BUILT mlops/$s"
    fi
  done
  if [ $status -ne 0 ]; then
    echo "the build failed for some module; the end of its log ($WORK/images-build.log):"
    grep -E '^\[ERROR\]' "$WORK/images-build.log" | head -30
  fi
  [ ${#BUILT[@]} -eq ${#IMAGES[@]} ]
}

images_test() {
  [ ${#BUILT[@]} -gt 0 ] || { echo "no image to check"; return 1; }
  local list; list="$(IFS=,; echo "${BUILT[*]}")"
  mvn_q -pl deploy-check verify -Dtest=ImagesTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Ddeploy.check.registry="$REGISTRY" -Ddeploy.check.services="$list" -Ddeploy.check.revision="$REVISION" \
      > "$WORK/images-test.log" 2>&1
  local status=$?
  report_surefire
  [ $status -eq 0 ] || grep -E 'problem|need|label|expected|ERROR\]   ' "$WORK/images-test.log" | head -30
  return $status
}

# ------------------------------------------------------------------------------------ 4. smoke
smoke_run() {
  $SUDO "$DEPLOY/images/smoke-run.sh" "$REGISTRY" "$WORK" "$SRC/platform/kafka-server/target/lib" "${BUILT[@]}"
}
scraped_names_test() {
  # Idle services expose the standard meters; the per-model meters of docs/api.md appear with
  # the first model, request or event, so only the standard names are held to this scrape.
  mvn_q -pl deploy-check verify -Dtest=MetricNamesTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Ddeploy.check.scraped-metrics="$WORK/scraped-metric-names.txt" -Ddeploy.check.scraped-scope=standard \
      > "$WORK/scraped-test.log" 2>&1
  local status=$?
  report_surefire
  [ $status -eq 0 ] || grep -E 'not in the scrape|ERROR\]   ' "$WORK/scraped-test.log" | head -10
  cp "$WORK/scraped-metric-names.txt" "$ROOT/deploy-check/target/scraped-metric-names.txt" 2>/dev/null || true
  return $status
}

# ------------------------------------------------------------------------------------ run
step "tools" tools
step "kustomize: render the kind overlay and the base" render
step "dashboards: valid JSON" dashboards_json
step "promtool check rules" prom_rules
step "promtool test rules (a firing and a silent case per alert)" prom_tests
step "promtool check config" prom_config
step "deploy-check tests: manifests, schema, kind ports, dashboards, metric names, alert coverage" deploy_check_tests
if [ "$images" = 1 ]; then
  step "images: jlink base image, local registry, Jib build and push of ${#SERVICES[@]} services and the CLI" build_images
  step "images: read back from the registry (ImagesTest)" images_test
else
  skip "images" "--no-images"
fi
if [ "$smoke" = 1 ] && [ ${#BUILT[@]} -gt 0 ] && can_root && /usr/bin/unshare --help 2>&1 | grep -- '--wd' > /dev/null; then
  step "smoke: run each service image on a real PostgreSQL and Kafka until ready, scrape /q/metrics, run the trainer's command from the CLI image" smoke_run
  if [ -s "$WORK/scraped-metric-names.txt" ]; then
    step "metric names of dashboards and alerts vs. the real scrape (standard names)" scraped_names_test
  fi
elif [ "$smoke" = 1 ]; then
  skip "smoke" "needs built images, root or passwordless sudo, and util-linux unshare with --root/--wd"
else
  skip "smoke" "--no-smoke or --no-images"
fi

echo
echo "=== summary (deploy/check.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ), ${SECONDS}s)"
printf '  %s\n' "${SUMMARY[@]}"
if [ $failures -gt 0 ]; then
  echo "$failures step(s) failed"
  exit 1
fi
echo "all steps passed"
