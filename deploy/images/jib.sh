# Shared by deploy/check.sh and deploy/kind.sh (source it): the Maven arguments that build the
# five images with Jib, and the labels every image carries. Quarkus resolves the ${...}
# expressions per service, so one Maven run labels each image with its own name. The CLI's image
# (mlops-cli/pom.xml, profile cli-image, jib-maven-plugin) follows the same quarkus.container-image.*
# and quarkus.jib.base-jvm-image properties and takes its revision label from mlops.image.revision.
# usage: source jib.sh; mvn package -pl "$(IFS=,; echo "${IMAGES[*]}")" -am "${JIB_ARGS[@]}" [-Dquarkus.container-image.push=true ...]
# shellcheck shell=bash

SERVICES=(model-registry feature-store inference-service drift-monitor)
# The CLI: its image runs `mlops`, e.g. the trainer Job (deploy/k8s/base/trainer).
CLI=mlops-cli
# Every image, each built by the Maven module of the same name as mlops/<name>:<project version>.
IMAGES=("${SERVICES[@]}" "$CLI")

# The commit the images are built from: $MLOPS_REVISION (for a build outside a checkout), else git.
jib_revision() {
  if [ -n "${MLOPS_REVISION:-}" ]; then echo "$MLOPS_REVISION"; return; fi
  git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse HEAD 2>/dev/null || echo unknown
}

JIB_ARGS=(
  -Dquarkus.container-image.build=true
  '-Dquarkus.container-image.labels."org.opencontainers.image.title"=${quarkus.application.name}'
  '-Dquarkus.container-image.labels."org.opencontainers.image.version"=${quarkus.application.version}'
  "-Dquarkus.container-image.labels.\"org.opencontainers.image.revision\"=$(jib_revision)"
  '-Dquarkus.container-image.labels."org.opencontainers.image.description"=mlops-platform ${quarkus.application.name}'
  "-Dmlops.image.revision=$(jib_revision)"
)
