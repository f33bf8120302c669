#!/usr/bin/env bash
# The mlops platform on a local kind cluster. Needs, on your machine: Docker (running), kind,
# kubectl, Java 17 and Maven, and internet access for the base and third-party images.
#
# usage: deploy/kind.sh up       create the cluster (if missing), build the four images with Jib
#                                into the Docker daemon, load them into kind, apply the kind
#                                overlay and wait until everything is ready
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
source "$DEPLOY/images/jib.sh"   # SERVICES and JIB_ARGS

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

cluster_exists() { kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; }

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
  modules="$(IFS=,; echo "${SERVICES[*]}")"
  echo "building ${SERVICES[*]} with Jib into the Docker daemon"
  # quarkus.container-image.build=true without push: Jib hands the image to the Docker daemon.
  (cd "$ROOT" && mvn -B -ntp package -DskipTests="${SKIP_TESTS:-true}" -pl "$modules" -am \
     "${JIB_ARGS[@]}" "${base[@]}")
  docker images --filter 'reference=mlops/*'
}

load_images() {
  require docker kind
  local tag
  tag="$(version)"
  for s in "${SERVICES[@]}"; do
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
  status
}

status() {
  require kubectl
  kubectl -n "$NAMESPACE" get pods,svc,pvc
  cat <<EOF

  model-registry     http://127.0.0.1:8081/q/swagger-ui
  feature-store      http://127.0.0.1:8082/q/swagger-ui
  inference-service  http://127.0.0.1:8083/v2  (predict: POST /api/v1/predict/<model>)
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
