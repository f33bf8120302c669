#!/usr/bin/env bash
# The mlops platform on a local kind cluster. Needs, on your machine: Docker (running), kind,
# kubectl, Java 17 and Maven, and internet access for the base and third-party images.
#
# usage: deploy/kind.sh up       create the cluster (if missing), build the five images (four
#                                services and the CLI) with Jib into the Docker daemon, load them
#                                into kind, apply the kind overlay, wait until everything is ready,
#                                the trainer Job has completed and inference-service serves its
#                                champion
#        deploy/kind.sh images   only build the images (Jib -> Docker daemon)
#        deploy/kind.sh load     only load the built images into the cluster
#        deploy/kind.sh apply    only apply the overlay and wait
#        deploy/kind.sh status   pods, services, and the URLs on this machine
#        deploy/kind.sh down     delete the cluster (and with it all its data)
# env:   MLOPS_KIND_CLUSTER (default mlops), MLOPS_JIB_BASE_IMAGE (a different base image for
#        Jib, e.g. tar:///path/to/jre-base.tar from deploy/images/jre-base-image.sh),
#        SKIP_TESTS (default true: images are built with -DskipTests)
set -euo pipefail

DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$DEPLOY")"
CLUSTER="${MLOPS_KIND_CLUSTER:-mlops}"
NAMESPACE=mlops
# shellcheck source=images/jib.sh
source "$DEPLOY/images/jib.sh"   # SERVICES, IMAGES and JIB_ARGS
TRAINER=mlops-trainer   # the Job of deploy/k8s/base/trainer
MODEL=credit-risk       # the model it trains and promotes

require() {
  local missing=()
  for tool in "$@"; do command -v "$tool" > /dev/null 2>&1 || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "error: missing ${missing[*]}; see deploy/README.md (Prerequisites)" >&2
    exit 1
  fi
}

# The project version from the root pom: Jib tags the images with it.
version() {
  awk '/<artifactId>mlops-platform<\/artifactId>/ {found = 1; next}
       found && /<version>/ {gsub(/.*<version>|<\/version>.*/, ""); print; exit}' "$ROOT/pom.xml"
}

# grep reads to the end: with pipefail, grep -q leaving early could fail the pipe by SIGPIPE.
cluster_exists() { kind get clusters 2>/dev/null | grep -x "$CLUSTER" > /dev/null; }

create_cluster() {
  require docker kind kubectl
  docker info > /dev/null 2>&1 || { echo "error: Docker is not running" >&2; exit 1; }
  if cluster_exists; then
    echo "kind cluster '$CLUSTER' exists"
  else
    kind create cluster --name "$CLUSTER" --config "$DEPLOY/kind/cluster.yaml" --wait 120s
  fi
  kubectl config use-context "kind-$CLUSTER" > /dev/null
}

build_images() {
  require docker mvn java
  local base=()
  [ -n "${MLOPS_JIB_BASE_IMAGE:-}" ] && base=(-Dquarkus.jib.base-jvm-image="$MLOPS_JIB_BASE_IMAGE")
  local modules
  modules="$(IFS=,; echo "${IMAGES[*]}")"
  echo "building ${IMAGES[*]} with Jib into the Docker daemon"
  # quarkus.container-image.build=true without push: Jib hands the image to the Docker daemon
  # (Quarkus' Jib for the services, jib-maven-plugin's dockerBuild for mlops-cli).
  (cd "$ROOT" && mvn -B -ntp package -DskipTests="${SKIP_TESTS:-true}" -pl "$modules" -am \
     "${JIB_ARGS[@]}" "${base[@]}")
  docker images --filter 'reference=mlops/*'
}

load_images() {
  require docker kind
  local tag
  tag="$(version)"
  for s in "${IMAGES[@]}"; do
    kind load docker-image --name "$CLUSTER" "mlops/$s:$tag"
  done
}

apply() {
  require kubectl
  local existed=0
  kubectl get namespace "$NAMESPACE" > /dev/null 2>&1 && existed=1
  kubectl apply -k "$DEPLOY/k8s/overlays/kind"
  if [ $existed = 1 ]; then
    # Same tag, new image: restart so the pods run what was just loaded.
    for s in "${SERVICES[@]}"; do kubectl -n "$NAMESPACE" rollout restart "deployment/$s"; done
  fi
  echo "waiting for PostgreSQL and Kafka"
  kubectl -n "$NAMESPACE" rollout status statefulset/postgres --timeout=5m
  kubectl -n "$NAMESPACE" rollout status statefulset/kafka --timeout=5m
  if kubectl -n "$NAMESPACE" get job kafka-topics > /dev/null 2>&1; then
    kubectl -n "$NAMESPACE" wait --for=condition=complete job/kafka-topics --timeout=5m
  fi
  echo "waiting for the services, Prometheus and Grafana"
  for d in "${SERVICES[@]}" prometheus grafana; do
    kubectl -n "$NAMESPACE" rollout status "deployment/$d" --timeout=5m
  done
  await_trainer
  await_champion
  status
}

# The trainer Job trains and promotes the first champion (a Job that already completed, on a
# re-run, is left as it is; one the TTL removed is created again by apply and then changes nothing).
await_trainer() {
  echo "waiting for job/$TRAINER (trains $MODEL and promotes it to champion; kubectl -n $NAMESPACE logs -f job/$TRAINER)"
  local deadline=$((SECONDS + 1200)) state
  while :; do
    state="$(kubectl -n "$NAMESPACE" get job "$TRAINER" \
      -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}' 2>/dev/null || true)"
    case " $state " in
      *" Complete "*) break ;;
      *" Failed "*)
        echo "error: job/$TRAINER failed; its log:" >&2
        kubectl -n "$NAMESPACE" logs "job/$TRAINER" --tail=40 >&2 || true
        exit 1 ;;
    esac
    if [ $SECONDS -ge $deadline ]; then
      echo "error: job/$TRAINER did not complete in 20 minutes; kubectl -n $NAMESPACE describe job $TRAINER" >&2
      exit 1
    fi
    sleep 5
  done
  kubectl -n "$NAMESPACE" wait --for=condition=complete "job/$TRAINER" --timeout=1m
  kubectl -n "$NAMESPACE" logs "job/$TRAINER" --tail=6 || true
}

# inference-service loads the champion after the alias event: its OIP ready endpoint says when.
await_champion() {
  require curl
  local url="http://127.0.0.1:8083/v2/models/$MODEL/ready" body
  echo "waiting for inference-service to serve $MODEL ($url)"
  for _ in $(seq 1 60); do
    if body="$(curl -fsS "$url" 2>/dev/null)" && grep -Eq '"ready" *: *true' <<< "$body"; then
      echo "served: $body"
      return 0
    fi
    sleep 2
  done
  echo "error: inference-service does not serve $MODEL after 2 minutes; kubectl -n $NAMESPACE logs deploy/inference-service" >&2
  exit 1
}

status() {
  require kubectl
  kubectl -n "$NAMESPACE" get pods,svc,pvc
  cat <<EOF

  model-registry     http://127.0.0.1:8081/q/swagger-ui
  feature-store      http://127.0.0.1:8082/q/swagger-ui
  inference-service  http://127.0.0.1:8083/v2  (champion: /v2/models/credit-risk/ready; predict: POST /api/v1/predict/credit-risk)
  drift-monitor      http://127.0.0.1:8084/q/swagger-ui
  Grafana            http://127.0.0.1:3000   (anonymous read-only; admin / admin-local-demo)
  Prometheus         http://127.0.0.1:9090/alerts
EOF
}

case "${1:-}" in
  up) create_cluster; build_images; load_images; apply ;;
  images) build_images ;;
  load) load_images ;;
  apply) apply ;;
  status) status ;;
  down) require kind; kind delete cluster --name "$CLUSTER" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//; /^set -euo/d'; exit 2 ;;
esac
